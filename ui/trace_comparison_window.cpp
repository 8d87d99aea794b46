#include "trace_comparison_window.h"

#include "analysis/trace_comparison.h"
#include "core/time_format.h"
#include "view/trace_comparison_model.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace kansoku {

namespace {

// Keeps rows that differ, and every ancestor of one (so a changed query stays under its caller).
class DifferencesFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setOnlyDifferences(bool only)
    {
        m_only = only;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (!m_only)
            return true;
        const auto *model = static_cast<const TraceComparisonModel *>(sourceModel());
        const TraceComparisonNode *node = model->nodeAt(model->index(row, 0, parent));
        if (!node)
            return false;
        const auto &nodes = model->comparison()->nodes();
        const std::size_t self = std::size_t(node - nodes.data());
        for (std::size_t i = self; i < std::size_t(node->subtreeEnd); ++i) {
            if (TraceComparisonModel::changeOf(nodes[i]) != TraceComparisonModel::Change::Same)
                return true;
        }
        return false;
    }

private:
    bool m_only = false;
};

struct LoadedComparison
{
    std::shared_ptr<const TraceComparison> comparison;
    QString error;
    int spanCount[2] = {0, 0};
};

} // namespace

TraceComparisonWindow::TraceComparisonWindow(std::shared_ptr<const TelemetryQueries> queries,
                                             const TraceId &a, const TraceId &b, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_queries(std::move(queries))
    , m_traceA(a)
    , m_traceB(b)
    , m_summary(new QLabel(tr("Loading both traces…"), this))
    , m_onlyDifferences(new QCheckBox(tr("Only differences"), this))
    , m_model(new TraceComparisonModel(this))
    , m_proxy(new DifferencesFilter(this))
    , m_tree(new QTreeView(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Compare traces %1… and %2…")
                       .arg(QString::fromStdString(toHex(a)).left(8),
                            QString::fromStdString(toHex(b)).left(8)));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(TraceComparisonModel::SortRole);
    m_tree->setModel(m_proxy);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(-1, Qt::AscendingOrder); // the merged tree's own order until asked
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(TraceComparisonModel::OperationColumn,
                                           QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    connect(m_onlyDifferences, &QCheckBox::toggled, this,
            &TraceComparisonWindow::setOnlyDifferences);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_onlyDifferences);
    layout->addWidget(m_tree, 1);
    resize(1000, 700);
    load();
}

TraceComparisonWindow::~TraceComparisonWindow() = default;

void TraceComparisonWindow::setOnlyDifferences(bool only)
{
    if (m_onlyDifferences->isChecked() != only)
        m_onlyDifferences->setChecked(only);
    static_cast<DifferencesFilter *>(m_proxy)->setOnlyDifferences(only);
    m_tree->expandAll();
}

void TraceComparisonWindow::load()
{
    m_load.run(
        this,
        [queries = m_queries, a = m_traceA, b = m_traceB]() {
            LoadedComparison loaded;
            std::optional<Trace> traces[2] = {queries->trace(a), queries->trace(b)};
            for (int side = 0; side < 2; ++side) {
                if (!traces[side]) {
                    loaded.error = tr("Trace %1 is not in this session (any more).")
                                       .arg(QString::fromStdString(toHex(side == 0 ? a : b)));
                    return loaded;
                }
                loaded.spanCount[side] = int(traces[side]->spans.size());
            }
            const SpanTree treeA(std::make_shared<const Trace>(std::move(*traces[0])));
            const SpanTree treeB(std::make_shared<const Trace>(std::move(*traces[1])));
            loaded.comparison = std::make_shared<const TraceComparison>(treeA, treeB);
            return loaded;
        },
        [this](LoadedComparison loaded) {
            if (!loaded.comparison) {
                m_summary->setText(loaded.error);
                Q_EMIT this->loaded();
                return;
            }
            const TraceComparison &comparison = *loaded.comparison;
            m_summary->setText(tr("<b>A</b> %1: %2, %3 &nbsp; · &nbsp; <b>B</b> %4: %5, %6")
                                   .arg(QString::fromStdString(toHex(m_traceA)),
                                        formatDurationNs(comparison.durationNs(0)),
                                        tr("%Ln span(s)", nullptr, loaded.spanCount[0]),
                                        QString::fromStdString(toHex(m_traceB)),
                                        formatDurationNs(comparison.durationNs(1)),
                                        tr("%Ln span(s)", nullptr, loaded.spanCount[1]))
                               + QStringLiteral("<br>")
                               + tr("%Ln operation(s) only in A (struck out), %1 only in B (blue); "
                                    "Δ columns are B − A.",
                                    nullptr, comparison.onlyInACount())
                                     .arg(QLocale().toString(comparison.onlyInBCount())));
            m_model->setComparison(loaded.comparison);
            // Deep trees open two levels; the rest on demand.
            m_tree->expandToDepth(1);
            for (int column = 1; column < TraceComparisonModel::ColumnCount; ++column)
                m_tree->resizeColumnToContents(column);
            Q_EMIT this->loaded();
        });
}

} // namespace kansoku
