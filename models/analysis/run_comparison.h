// Before / after: compares the RunProfiles of two runs per endpoint and per statement (calls per
// request, p50, p95, error rate, time per request), lists what appeared or vanished and which
// findings are new, fixed or persisting, sorted by impact, and decides whether "after" is worse
// (the gate of `kansoku diff`), keeping the reasons. Pure, any thread; docs/FINDINGS.md.
#pragma once

#include "analysis/run_profile.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kansoku {

struct RunComparisonOptions
{
    // A row (operation or statement) is worse when its p95 or its calls per request grew by more
    // than this.
    double thresholdPercent = 10.0;
    // Rows with fewer requests of their endpoint than this in either run, and statement rows with
    // fewer calls than this in either run, never make the verdict.
    std::int64_t minRequests = 5;
    // A p95 that grew by less than this never makes the verdict (timer noise on fast endpoints).
    std::int64_t minLatencyChangeNs = 1'000'000;
    // A new finding makes the verdict when its severity is at least this.
    FindingSeverity minNewFindingSeverity = FindingSeverity::Low;
};

enum class ComparisonRowKind { Operation, Statement };
enum class RowPresence { Both, Appeared, Vanished }; // appeared: only after; vanished: only before
enum class FindingStatus { New, Persisting, Fixed }; // new: only after; fixed: only before
enum class WorseReasonKind { P95, CallsPerRequest, NewFinding };

// Stable ids for scripts: "operation" / "statement"; "both" / "appeared" / "vanished"; "new" /
// "persisting" / "fixed"; "p95" / "calls_per_request" / "new_finding".
const char *comparisonRowKindId(ComparisonRowKind kind);
const char *rowPresenceId(RowPresence presence);
const char *findingStatusId(FindingStatus status);
const char *worseReasonKindId(WorseReasonKind kind);

// One figure in both runs. A side where the row is absent counts 0.
struct MetricChange
{
    double before = 0;
    double after = 0;
    double change = 0; // after - before
    // 100 * change / before; empty when before is 0 and after is not (no finite percentage).
    std::optional<double> changePercent;

    static MetricChange between(double before, double after);
    bool operator==(const MetricChange &) const = default;
};

struct ComparisonRow
{
    ComparisonRowKind kind = ComparisonRowKind::Operation;
    RowPresence presence = RowPresence::Both;
    std::string service;
    std::string operation;
    std::string statement; // empty for an operation row
    // The endpoint's requests in each run (0 where the endpoint is absent): the denominator.
    std::int64_t requestsBefore = 0;
    std::int64_t requestsAfter = 0;
    // Operation: every call its requests made; statement: calls of this statement.
    std::int64_t callsBefore = 0;
    std::int64_t callsAfter = 0;
    MetricChange callsPerRequest;
    MetricChange p50Ns;     // operation: request latency; statement: one call's duration
    MetricChange p95Ns;     // likewise
    MetricChange errorRate; // 0..1; operation: of requests; statement: of calls
    // Operation: mean request latency; statement: its calls' time per request of the endpoint.
    MetricChange timePerRequestNs;
    // |timePerRequestNs.change| * max(requestsBefore, requestsAfter): the time the change adds
    // or saves over a run, in ns. Rows are sorted by it, largest first.
    double impactNs = 0;
    // Present in both runs with at least RunComparisonOptions::minRequests requests of the
    // endpoint in each, and for a statement as many calls in each: only such rows make the verdict.
    bool enoughSamples = false;
    bool worse = false; // one of RunComparison::reasons is about this row
};

struct FindingComparison
{
    FindingStatus status = FindingStatus::Persisting;
    std::optional<FindingSummary> before; // empty for a new finding
    std::optional<FindingSummary> after;  // empty for a fixed finding
    bool worse = false; // new, with at least RunComparisonOptions::minNewFindingSeverity

    // The after summary when there is one, else the before one.
    const FindingSummary &latest() const { return after ? *after : *before; }
};

struct WorseReason
{
    WorseReasonKind kind = WorseReasonKind::P95;
    std::size_t index = 0; // into RunComparison::rows (P95, CallsPerRequest) or ::findings
    // "shop GET /orders: p95 12 ms → 30 ms (+150%)"; a statement row names its statement too:
    // "shop GET /orders `SELECT * FROM items WHERE id = ?`: calls per request 1 → 2 (+100%)".
    std::string description;
};

struct RunTotals
{
    std::int64_t traceCount = 0;
    std::int64_t spanCount = 0;
    TimeRange range{0, 0};
};

struct RunComparison
{
    RunComparisonOptions options;
    RunTotals before;
    RunTotals after;
    std::vector<ComparisonRow> rows; // operations and statements, by impact (see ComparisonRow)
    // New, then persisting, then fixed; each by severity, cost per request, then key.
    std::vector<FindingComparison> findings;
    bool worse = false;               // reasons is not empty
    std::vector<WorseReason> reasons; // rows in their order, then findings in theirs

    static RunComparison compare(const RunProfile &before, const RunProfile &after,
                                 const RunComparisonOptions &options = {});
};

} // namespace kansoku
