// Sets or clears the upstream OTLP endpoint received telemetry is forwarded to: URL, protocol and
// headers (one NAME=VALUE a line, e.g. the upstream's authorization). It asks and raises intents;
// the app checks the values, applies them and answers with showProblem() or accepts. Non-modal,
// GUI thread.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace kansoku {

class ForwardingDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ForwardingDialog(QWidget *parent = nullptr);

    // What the fields show when the dialog opens: the forwarding in force (url empty: none).
    // Header values are never shown again, only their names (the values may be tokens).
    void setCurrent(const QString &url, const QString &protocol, const QStringList &headerNames);
    // The app refused the values: say why, keep the dialog open.
    void showProblem(const QString &problem);

    QLineEdit *urlEdit() const { return m_url; }
    QComboBox *protocolBox() const { return m_protocol; }
    QPlainTextEdit *headersEdit() const { return m_headers; }
    QString problemText() const;

Q_SIGNALS:
    // headers: the non-empty lines of the headers field.
    void forwardingRequested(const QString &url, const QString &protocol,
                             const QStringList &headers);
    void stopRequested();

private:
    void apply();

    QLineEdit *m_url = nullptr;
    QComboBox *m_protocol = nullptr;
    QPlainTextEdit *m_headers = nullptr;
    QLabel *m_current = nullptr;
    QLabel *m_problem = nullptr;
};

} // namespace kansoku
