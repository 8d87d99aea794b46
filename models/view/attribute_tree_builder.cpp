#include "view/attribute_tree_builder.h"

namespace kansoku {

AttributeTreeBuilder::AttributeTreeBuilder(AddRow addRow)
    : m_addRow(std::move(addRow))
{}

void AttributeTreeBuilder::addAttributes(int parent, const Attributes &attributes) const
{
    for (const KeyValue &attribute : attributes)
        addValue(parent, QString::fromStdString(attribute.key), attribute.value);
}

void AttributeTreeBuilder::addValue(int parent, const QString &key, const AnyValue &value) const
{
    const int row = m_addRow(
        parent, Row{key, QString::fromStdString(value.toDisplayString()), typeName(value)});
    if (value.type() == AnyValue::Type::Array) {
        int position = 0;
        for (const AnyValue &element : value.arrayValue())
            addValue(row, QStringLiteral("[%1]").arg(position++), element);
    } else if (value.type() == AnyValue::Type::Map) {
        addAttributes(row, value.mapValue());
    }
}

QString AttributeTreeBuilder::typeName(const AnyValue &value)
{
    switch (value.type()) {
    case AnyValue::Type::Array:
        return QStringLiteral("array[%1]").arg(value.arrayValue().size());
    case AnyValue::Type::Map:
        return QStringLiteral("map[%1]").arg(value.mapValue().size());
    default:
        return QLatin1String(AnyValue::typeName(value.type()));
    }
}

} // namespace kansoku
