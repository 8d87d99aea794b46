// The state of one OTLP receiver endpoint as shown to the user. Plain value.
#pragma once

#include <string>

namespace kansoku {

struct ReceiverStatus
{
    std::string protocol; // "OTLP/gRPC", "OTLP/HTTP"
    std::string endpoint; // "127.0.0.1:4317"
    bool listening = false;
    std::string error; // why it is not listening; empty while listening
    bool operator==(const ReceiverStatus &) const = default;
};

} // namespace kansoku
