#include "analysis/fuzzy_matcher.h"

#include <limits>

namespace kansoku {

namespace {

// Points per matched character and the bonuses that rank one alignment over another. A run
// continues for as much as a new word start gives, so "ser" keeps to "server" in
// "server.request" (a jump costs its gap); initials ("hsrd") still collect word starts, which
// score far above letters inside words.
constexpr int matchPoints = 16;
constexpr int wordStartBonus = 24;
constexpr int candidateStartBonus = 16; // on top of the word start: the pattern is a prefix
constexpr int runBonus = 24;
constexpr int gapPenaltyPerChar = 1;
constexpr int leadingPenaltyPerChar = 1; // characters skipped before the first match, up to 8
constexpr int maxLeadingPenalty = 8;
constexpr int noScore = std::numeric_limits<int>::min() / 2;

bool isSeparator(QChar c)
{
    return c.isSpace() || c == u'.' || c == u'/' || c == u'_' || c == u'-' || c == u':' || c == u'›'
           || c == u'>' || c == u'(' || c == u'[';
}

} // namespace

bool FuzzyMatcher::isWordStart(const QString &candidate, int index)
{
    if (index <= 0)
        return true;
    const QChar previous = candidate.at(index - 1);
    const QChar current = candidate.at(index);
    return isSeparator(previous) || (previous.isLower() && current.isUpper());
}

std::optional<FuzzyMatch> FuzzyMatcher::match(const QString &pattern, const QString &candidate)
{
    QString folded;
    folded.reserve(pattern.size());
    for (const QChar c : pattern) {
        if (!c.isSpace())
            folded.append(c.toCaseFolded());
    }
    if (folded.isEmpty())
        return FuzzyMatch{};
    const int m = static_cast<int>(folded.size());
    const int n = static_cast<int>(candidate.size());
    if (m > n)
        return std::nullopt;
    // Most candidates do not match at all: one pass says so before the O(m·n) tables.
    int next = 0;
    for (int j = 0; j < n && next < m; ++j) {
        if (candidate.at(j).toCaseFolded() == folded.at(next))
            ++next;
    }
    if (next < m)
        return std::nullopt;

    // score[i][j]: the best score of pattern[0..i] with pattern[i] matched at candidate[j];
    // from[i][j]: where pattern[i-1] matched in that alignment. O(m·n); candidates are short.
    std::vector<int> score(static_cast<std::size_t>(m * n), noScore);
    std::vector<int> from(static_cast<std::size_t>(m * n), -1);
    const auto at = [n](int i, int j) {
        return static_cast<std::size_t>(i * n + j);
    };
    std::vector<int> characterScore(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) {
        characterScore[static_cast<std::size_t>(j)]
            = matchPoints + (isWordStart(candidate, j) ? wordStartBonus : 0)
              + (j == 0 ? candidateStartBonus : 0);
    }

    for (int i = 0; i < m; ++i) {
        // The best predecessor k <= j - 2, with its gap penalty kept relative to k so one pass
        // finds it: value(k) + k·penalty, then minus (j - 1)·penalty at j.
        int bestGapBase = noScore;
        int bestGapFrom = -1;
        for (int j = i; j < n; ++j) {
            if (i > 0 && j >= 2) {
                const int k = j - 2;
                const int base = score[at(i - 1, k)];
                if (base > noScore && base + k * gapPenaltyPerChar > bestGapBase) {
                    bestGapBase = base + k * gapPenaltyPerChar;
                    bestGapFrom = k;
                }
            }
            if (candidate.at(j).toCaseFolded() != folded.at(i))
                continue;
            const int own = characterScore[static_cast<std::size_t>(j)];
            if (i == 0) {
                score[at(i, j)] = own - std::min(j * leadingPenaltyPerChar, maxLeadingPenalty);
                continue;
            }
            int best = noScore;
            int bestFrom = -1;
            if (score[at(i - 1, j - 1)] > noScore) {
                best = score[at(i - 1, j - 1)] + runBonus;
                bestFrom = j - 1;
            }
            if (bestGapFrom >= 0) {
                const int gapped = bestGapBase - (j - 1) * gapPenaltyPerChar;
                if (gapped > best) {
                    best = gapped;
                    bestFrom = bestGapFrom;
                }
            }
            if (bestFrom >= 0) {
                score[at(i, j)] = best + own;
                from[at(i, j)] = bestFrom;
            }
        }
    }

    int bestEnd = -1;
    for (int j = m - 1; j < n; ++j) {
        if (score[at(m - 1, j)] > noScore
            && (bestEnd < 0 || score[at(m - 1, j)] > score[at(m - 1, bestEnd)]))
            bestEnd = j;
    }
    if (bestEnd < 0)
        return std::nullopt;

    FuzzyMatch result;
    // Shorter candidates win ties: every character past the pattern's length costs a little.
    result.score = score[at(m - 1, bestEnd)] - (n - m) / 4;
    result.positions.resize(static_cast<std::size_t>(m));
    for (int i = m - 1, j = bestEnd; i >= 0; --i) {
        result.positions[static_cast<std::size_t>(i)] = j;
        j = from[at(i, j)];
    }
    return result;
}

} // namespace kansoku
