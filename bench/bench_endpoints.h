// The services and endpoints the analysis benchmarks spread their synthetic requests over, so
// kansoku_findings_bench and kansoku_run_diff_bench describe the same kind of system.
#pragma once

namespace kansoku::bench {

inline constexpr const char *services[] = {"checkout", "payments", "inventory", "frontend",
                                           "search",   "shipping", "auth",      "recommendations"};
inline constexpr const char *operations[]
    = {"GET /orders/{id}", "POST /orders", "GET /items", "DELETE /cart/{id}"};

} // namespace kansoku::bench
