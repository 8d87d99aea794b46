// The Logs pane: a search box (FTS5 text plus filter tokens), a severity filter, a removable
// trace/span chip, the match count, the log table (newest first, paged in as it scrolls, new logs
// on top while data arrives) and the details of the selected log. Follows the WorkbenchState's
// range and service, opens traces through it and answers its logsRequested. GUI thread.
#pragma once

#include "analysis/log_search_parser.h"
#include "core/telemetry_queries.h"
#include "view/background_query.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;

namespace kansoku {

class ExportControl;
class LogBodyDelegate;
class LogDetailsView;
class LogTableModel;
class WorkbenchState;

class LogsPane : public QWidget
{
    Q_OBJECT
public:
    LogsPane(WorkbenchState *state, std::shared_ptr<const TelemetryQueries> queries,
             QWidget *parent = nullptr);
    ~LogsPane() override;

    LogTableModel *model() const { return m_model; }
    ExportControl *exportControl() const { return m_export; }

private:
    void applySearchText();
    void reload();
    LogQuery buildQuery() const;
    void onTimeRangeChanged();
    void scheduleLiveRefresh();
    void refreshCount(bool newQuery);
    void setCountText();
    void setTraceFilter(std::optional<TraceId> traceId, SpanId spanId);
    void updateEmptyState();
    void showCurrentLog();
    void restoreSelection();

    WorkbenchState *m_state;
    std::shared_ptr<const TelemetryQueries> m_queries;
    LogTableModel *m_model;
    LogBodyDelegate *m_bodyDelegate;

    QLineEdit *m_search;
    QComboBox *m_severity;
    QToolButton *m_traceChip;
    QLabel *m_count;
    QLabel *m_message;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_emptyState;
    LogDetailsView *m_details;
    QTimer *m_searchDelay;
    ExportControl *m_export;

    LogSearch m_parsedSearch;
    std::optional<TraceId> m_traceFilter;
    SpanId m_spanFilter;
    TimeRange m_lastRange;
    int m_lastPreset = -1; // WorkbenchState::RangePreset of m_lastRange
    std::optional<std::int64_t> m_selectedRowId;

    BackgroundQuery m_countQuery;
    std::optional<std::int64_t> m_totalCount; // nullopt while counting a new query
    bool m_countAgain = false;
    bool m_livePending = false;
    int m_scrollBeforeInsert = 0;
};

} // namespace kansoku
