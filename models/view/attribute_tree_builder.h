// The one way the details trees (SpanDetailsModel, LogDetailsModel) list attributes: a row per
// attribute with its display value and type; arrays and maps expand into child rows ("[0]", ... and
// their entries' keys) and show their size in the type ("array[3]", "map[2]"). It makes the rows;
// the model that owns it stores them. Used on the GUI thread while a model resets.
#pragma once

#include "core/any_value.h"

#include <QString>
#include <functional>

namespace kansoku {

class AttributeTreeBuilder
{
public:
    struct Row
    {
        QString key;
        QString value; // AnyValue::toDisplayString(): containers summarised on one line
        QString type;  // typeName()
    };
    // Stores a row under the row with id `parent` and returns the new row's id.
    using AddRow = std::function<int(int parent, const Row &row)>;

    explicit AttributeTreeBuilder(AddRow addRow);

    // One row per attribute under `parent`, containers expanded depth first.
    void addAttributes(int parent, const Attributes &attributes) const;

    // "array[3]" and "map[2]" for containers (the tree lists their items below), else the OTLP
    // type name ("string", "int", ...).
    static QString typeName(const AnyValue &value);

private:
    void addValue(int parent, const QString &key, const AnyValue &value) const;

    AddRow m_addRow;
};

} // namespace kansoku
