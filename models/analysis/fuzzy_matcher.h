// Fuzzy matching for the command palette: the pattern's characters must appear in the candidate in
// order (case-insensitive; whitespace in the pattern is ignored), and the score favours runs of
// consecutive characters, word starts, a match at the very start and short candidates. Pure
// functions, any thread.
#pragma once

#include <QString>
#include <optional>
#include <vector>

namespace kansoku {

struct FuzzyMatch
{
    int score = 0;
    // Where each pattern character matched: ascending indexes into the candidate (UTF-16 units),
    // for highlighting.
    std::vector<int> positions;
};

class FuzzyMatcher
{
public:
    // The best-scoring alignment of pattern in candidate; nullopt when pattern is not a
    // subsequence. An empty pattern matches everything with score 0 and no positions.
    static std::optional<FuzzyMatch> match(const QString &pattern, const QString &candidate);

    // A candidate's character starts a word: the first one, one after a separator
    // (space . / _ - : ›) or an upper-case letter after a lower-case one (camelCase).
    static bool isWordStart(const QString &candidate, int index);
};

} // namespace kansoku
