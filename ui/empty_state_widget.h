// What the workbench shows before the session holds any telemetry: how to point an app at the
// running receivers, with the exact settings and copy buttons. GUI thread.
#pragma once

#include "core/receiver_status.h"

#include <QWidget>
#include <vector>

class QVBoxLayout;

namespace kansoku {

class EmptyStateWidget : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyStateWidget(QWidget *parent = nullptr);

    void setReceivers(const std::vector<ReceiverStatus> &receivers);
    // `OTEL_EXPORTER_OTLP_HEADERS=…` while the receivers require a bearer token, offered as one
    // more snippet; empty when they do not.
    void setHeadersLine(const QString &line);
    // The snippets offered for copying, in order; for tests.
    QStringList snippets() const { return m_snippets; }

private:
    void rebuild();
    void addSnippet(const QString &title, const QString &snippet);

    QVBoxLayout *m_snippetLayout = nullptr;
    QStringList m_snippets;
    std::vector<ReceiverStatus> m_receivers;
    QString m_headersLine;
};

} // namespace kansoku
