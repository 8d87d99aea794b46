// Every training scenario, by its command-line name, in the order `kansoku scenario list` shows
// them. The scenarios are immutable; any thread.
#pragma once

#include "scenarios/scenario.h"

#include <memory>
#include <string>
#include <vector>

namespace kansoku {

class ScenarioCatalog
{
public:
    static const std::vector<std::shared_ptr<const Scenario>> &all();
    // nullptr when no scenario has this id.
    static std::shared_ptr<const Scenario> find(const std::string &id);
};

} // namespace kansoku
