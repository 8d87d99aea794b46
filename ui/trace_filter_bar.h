// The traces pane's filter row: service, root operation, min/max duration, errors only,
// attribute key=value pairs and trace id, plus Clear. Text fields apply on Enter or focus loss;
// text that does not parse turns the field red and is left out of the filter. GUI thread.
#pragma once

#include "core/telemetry_queries.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QToolButton;

namespace kansoku {

class TraceFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit TraceFilterBar(QWidget *parent = nullptr);

    // The filter fields of a TraceQuery (range, sort and paging are left at their defaults).
    TraceQuery filters() const;
    // True when some field holds text that is not a valid filter.
    bool hasInvalidInput() const;

    // Services to choose from (sorted); the current choice is kept even if it is not listed.
    void setServices(const std::vector<std::string> &services);
    // Shows this service ("" = all) without emitting filtersChanged (the workbench's choice).
    void setService(const QString &service);
    QString service() const;
    // Root operations seen in range, offered for completion; typed text is used as is.
    void setOperations(const std::vector<std::string> &operations);
    // Filters by this root operation, as typing it and pressing Enter would.
    void setOperation(const QString &operation);

    void clear(); // every field back to "all"; emits filtersChanged once

Q_SIGNALS:
    void filtersChanged();

private:
    // Emits filtersChanged when the effective filter differs from the last one emitted.
    void emitIfChanged();
    QString signature() const;
    // Empty when the field's text is a valid filter, else why not.
    QString problemWith(const QLineEdit *field) const;
    void markField(QLineEdit *field);

    QComboBox *m_service = nullptr;
    QComboBox *m_operation = nullptr;
    QLineEdit *m_minDuration = nullptr;
    QLineEdit *m_maxDuration = nullptr;
    QCheckBox *m_errorsOnly = nullptr;
    QLineEdit *m_attributes = nullptr;
    QLineEdit *m_traceId = nullptr;
    QToolButton *m_clear = nullptr;
    std::vector<std::string> m_offeredServices;
    std::vector<std::string> m_offeredOperations;
    QString m_workbenchService; // what clear() returns the service to
    QString m_emittedSignature;
    bool m_clearing = false;
};

} // namespace kansoku
