#include "trace_filter_bar.h"

#include "analysis/trace_filter_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>
#include <QVBoxLayout>

namespace kansoku {

namespace {
const char invalidProperty[] = "invalidFilter";
const QString invalidStyle = QStringLiteral(
    "QLineEdit { border: 1px solid #d62728; border-radius: 2px; background: #fff2f2; }");
} // namespace

TraceFilterBar::TraceFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_service(new QComboBox(this))
    , m_operation(new QComboBox(this))
    , m_minDuration(new QLineEdit(this))
    , m_maxDuration(new QLineEdit(this))
    , m_errorsOnly(new QCheckBox(tr("Errors only"), this))
    , m_attributes(new QLineEdit(this))
    , m_traceId(new QLineEdit(this))
    , m_clear(new QToolButton(this))
{
    m_service->setObjectName(QStringLiteral("serviceFilter"));
    m_service->setToolTip(tr("Traces with a span from this service"));
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_service->setMinimumContentsLength(12);
    m_service->addItem(tr("All services"), QString());

    m_operation->setObjectName(QStringLiteral("operationFilter"));
    m_operation->setEditable(true);
    m_operation->setInsertPolicy(QComboBox::NoInsert);
    m_operation->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_operation->setMinimumContentsLength(14);
    m_operation->lineEdit()->setPlaceholderText(tr("All root operations"));
    m_operation->lineEdit()->setClearButtonEnabled(true);
    m_operation->setToolTip(tr("Root span name (exact)"));
    m_operation->addItem(QString());

    m_minDuration->setObjectName(QStringLiteral("minDurationFilter"));
    m_minDuration->setPlaceholderText(tr("min 250ms"));
    m_maxDuration->setObjectName(QStringLiteral("maxDurationFilter"));
    m_maxDuration->setPlaceholderText(tr("max 2s"));
    for (QLineEdit *field : {m_minDuration, m_maxDuration}) {
        field->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("min 250msxxxxx")));
        field->setClearButtonEnabled(true);
        field->setToolTip(tr("Trace duration: 250ms, 1.5s, 800us, 2m (a bare number is ms)"));
    }
    m_errorsOnly->setObjectName(QStringLiteral("errorsOnlyFilter"));
    m_errorsOnly->setToolTip(tr("Traces with at least one span whose status is Error"));

    m_attributes->setObjectName(QStringLiteral("attributeFilter"));
    m_attributes->setPlaceholderText(tr("Attributes: key=value key2=\"a b\""));
    m_attributes->setToolTip(tr("Every pair must match an attribute of some span of the trace"));
    m_attributes->setClearButtonEnabled(true);
    m_traceId->setObjectName(QStringLiteral("traceIdFilter"));
    m_traceId->setPlaceholderText(tr("Trace id (32 hex digits)"));
    m_traceId->setClearButtonEnabled(true);
    m_clear->setObjectName(QStringLiteral("clearFilters"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Clear every trace filter"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 2);
    layout->setSpacing(4);
    auto *first = new QHBoxLayout;
    first->setSpacing(6);
    first->addWidget(m_service, 2);
    first->addWidget(m_operation, 3);
    first->addWidget(m_minDuration, 1);
    first->addWidget(new QLabel(QStringLiteral("–"), this));
    first->addWidget(m_maxDuration, 1);
    first->addWidget(m_errorsOnly);
    auto *second = new QHBoxLayout;
    second->setSpacing(6);
    second->addWidget(m_attributes, 3);
    second->addWidget(m_traceId, 2);
    second->addWidget(m_clear);
    layout->addLayout(first);
    layout->addLayout(second);

    connect(m_service, &QComboBox::currentIndexChanged, this, [this] { emitIfChanged(); });
    connect(m_operation, &QComboBox::activated, this, [this] { emitIfChanged(); });
    connect(m_operation->lineEdit(), &QLineEdit::editingFinished, this,
            [this] { emitIfChanged(); });
    connect(m_errorsOnly, &QCheckBox::toggled, this, [this] { emitIfChanged(); });
    for (QLineEdit *field : {m_minDuration, m_maxDuration, m_attributes, m_traceId}) {
        connect(field, &QLineEdit::editingFinished, this, [this, field] {
            markField(field);
            emitIfChanged();
        });
        // An emptied field applies at once (nothing left to finish typing); other edits only
        // drop a stale red mark until Enter.
        connect(field, &QLineEdit::textChanged, this, [this, field](const QString &text) {
            if (problemWith(field).isEmpty())
                markField(field);
            if (text.isEmpty())
                emitIfChanged();
        });
    }
    connect(m_clear, &QToolButton::clicked, this, &TraceFilterBar::clear);
    m_emittedSignature = signature();
}

QString TraceFilterBar::problemWith(const QLineEdit *field) const
{
    const QString text = field->text();
    if (text.trimmed().isEmpty())
        return {};
    if (field == m_minDuration || field == m_maxDuration) {
        const auto bound = TraceFilterText::parseDuration(text);
        if (!bound)
            return tr("Not a duration: use e.g. 250ms, 1.5s, 800us");
        const auto wrong = field == m_minDuration ? TraceFilterText::Comparison::AtMost
                                                  : TraceFilterText::Comparison::AtLeast;
        if (bound->comparison == wrong)
            return field == m_minDuration ? tr("This is the minimum: use > or no sign")
                                          : tr("This is the maximum: use < or no sign");
        return {};
    }
    if (field == m_attributes)
        return TraceFilterText::parseAttributeFilters(text)
                   ? QString()
                   : tr("Use key=value pairs separated by spaces; quote values with spaces");
    if (field == m_traceId)
        return TraceFilterText::parseTraceId(text) ? QString() : tr("A trace id is 32 hex digits");
    return {};
}

void TraceFilterBar::markField(QLineEdit *field)
{
    const QString problem = problemWith(field);
    const bool invalid = !problem.isEmpty();
    if (field->property(invalidProperty).toBool() == invalid)
        return;
    field->setProperty(invalidProperty, invalid);
    field->setStyleSheet(invalid ? invalidStyle : QString());
    field->setToolTip(invalid ? problem : QString());
}

bool TraceFilterBar::hasInvalidInput() const
{
    for (const QLineEdit *field : {m_minDuration, m_maxDuration, m_attributes, m_traceId}) {
        if (!problemWith(field).isEmpty())
            return true;
    }
    return false;
}

TraceQuery TraceFilterBar::filters() const
{
    TraceQuery query;
    query.service = m_service->currentData().toString().toStdString();
    query.operation = m_operation->currentText().trimmed().toStdString();
    if (problemWith(m_minDuration).isEmpty()) {
        if (const auto bound = TraceFilterText::parseDuration(m_minDuration->text()))
            query.minDurationNs = bound->durationNs;
    }
    if (problemWith(m_maxDuration).isEmpty()) {
        if (const auto bound = TraceFilterText::parseDuration(m_maxDuration->text()))
            query.maxDurationNs = bound->durationNs;
    }
    query.errorsOnly = m_errorsOnly->isChecked();
    if (const auto attributes = TraceFilterText::parseAttributeFilters(m_attributes->text()))
        query.attributeFilters = *attributes;
    query.traceId = TraceFilterText::parseTraceId(m_traceId->text());
    return query;
}

QString TraceFilterBar::signature() const
{
    const TraceQuery query = filters();
    QStringList parts{QString::fromStdString(query.service),
                      QString::fromStdString(query.operation),
                      query.minDurationNs ? QString::number(*query.minDurationNs) : QString(),
                      query.maxDurationNs ? QString::number(*query.maxDurationNs) : QString(),
                      query.errorsOnly ? QStringLiteral("e") : QString(),
                      query.traceId ? QString::fromStdString(toHex(*query.traceId)) : QString()};
    for (const AttributeFilter &filter : query.attributeFilters)
        parts << QString::fromStdString(filter.key) << QString::fromStdString(filter.value);
    return parts.join(QChar(0x1f));
}

void TraceFilterBar::emitIfChanged()
{
    if (m_clearing)
        return;
    const QString current = signature();
    if (current == m_emittedSignature)
        return;
    m_emittedSignature = current;
    Q_EMIT filtersChanged();
}

void TraceFilterBar::setServices(const std::vector<std::string> &services)
{
    // Live data repeats the same list several times a second: leave an open popup alone.
    if (services == m_offeredServices)
        return;
    m_offeredServices = services;
    const QString current = service();
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_service->addItem(tr("All services"), QString());
    for (const std::string &name : services)
        m_service->addItem(QString::fromStdString(name), QString::fromStdString(name));
    if (!current.isEmpty() && m_service->findData(current) < 0)
        m_service->addItem(current, current);
    m_service->setCurrentIndex(std::max(0, m_service->findData(current)));
}

void TraceFilterBar::setService(const QString &service)
{
    m_workbenchService = service;
    {
        const QSignalBlocker blocker(m_service);
        if (!service.isEmpty() && m_service->findData(service) < 0)
            m_service->addItem(service, service);
        m_service->setCurrentIndex(std::max(0, m_service->findData(service)));
    }
    m_emittedSignature = signature();
}

QString TraceFilterBar::service() const
{
    return m_service->currentData().toString();
}

void TraceFilterBar::setOperations(const std::vector<std::string> &operations)
{
    if (operations == m_offeredOperations)
        return;
    m_offeredOperations = operations;
    // Rebuilding the items must not disturb someone typing in the field.
    const QString current = m_operation->currentText();
    const int cursor = m_operation->lineEdit()->cursorPosition();
    const QSignalBlocker blocker(m_operation);
    m_operation->clear();
    m_operation->addItem(QString());
    for (const std::string &name : operations) {
        if (!name.empty())
            m_operation->addItem(QString::fromStdString(name));
    }
    m_operation->setEditText(current);
    m_operation->lineEdit()->setCursorPosition(cursor);
}

void TraceFilterBar::setOperation(const QString &operation)
{
    m_operation->setEditText(operation);
    emitIfChanged();
}

void TraceFilterBar::clear()
{
    m_clearing = true;
    m_service->setCurrentIndex(std::max(0, m_service->findData(m_workbenchService)));
    m_operation->setCurrentIndex(0);
    m_operation->setEditText(QString());
    for (QLineEdit *field : {m_minDuration, m_maxDuration, m_attributes, m_traceId}) {
        field->clear();
        markField(field);
    }
    m_errorsOnly->setChecked(false);
    m_clearing = false;
    emitIfChanged();
}

} // namespace kansoku
