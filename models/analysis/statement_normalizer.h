// Turns a database statement or an HTTP call into its shape, so calls that differ only in their
// values count as the same statement: literals become "?", lists of them one "(?)", repeated
// VALUES rows one row, comments and runs of white space go. Pure functions, any thread.
#pragma once

#include <string>
#include <string_view>

namespace kansoku {

class StatementNormalizer
{
public:
    // sql() and hasPlaceholders() of one statement from a single pass over it.
    struct SqlShape
    {
        std::string statement;
        bool hasPlaceholders = false;
    };
    static SqlShape sqlShape(std::string_view statement);

    // SQL (PostgreSQL, MySQL, SQLite, SQL Server, Oracle shapes): string, number, hex, boolean
    // and NULL literals, dollar-quoted strings and bind placeholders ($1, ?, :name, @p1) become
    // "?"; "IN (1, 2, 3)" becomes "IN (?)"; "VALUES (1, 'a'), (2, 'b')" becomes "VALUES (?, ?)".
    // Identifiers, quoted identifiers and keywords stay as written.
    static std::string sql(std::string_view statement);
    // Redis: the command (upper case) followed by one "?" per argument ("GET user:17" -> "GET ?").
    static std::string redis(std::string_view command);
    // MongoDB and other JSON statements: every scalar value becomes "?" and arrays of them "[?]";
    // keys stay.
    static std::string json(std::string_view document);
    // An HTTP path with ids normalized: numbers, UUIDs, long hex and other digit-bearing segments
    // become "{id}"; the query string and fragment go ("/orders/17?x=1" -> "/orders/{id}").
    static std::string urlPath(std::string_view path);
    // A span name with its generated parts as "{id}", so the runs of one job or pod share a name:
    // within each word, the parts between '-', '_', '.', ':' and '/' that urlPath() takes for ids,
    // UUIDs, and after the first part the suffixes Kubernetes generates (5, or 8 to 10,
    // characters of its vowel-free alphabet "bcdfghjklmnpqrstvwxz2456789": "-7f9c2", "-xkzlp", a
    // pod-template hash). "pod batch-report-7f9c2 run" -> "pod batch-report-{id} run".
    static std::string spanName(std::string_view name);
    // Whether the statement holds bind placeholders ($1, ?, :name, @p1) outside literals: its
    // values were sent apart, so its text alone does not tell two calls' parameters apart.
    static bool hasPlaceholders(std::string_view statement);
};

} // namespace kansoku
