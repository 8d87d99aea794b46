#include "analysis/fuzzy_matcher.h"
#include "support/utf8_string_list.h"

#include <QTest>
#include <algorithm>

using namespace kansoku;
using kansoku::test::utf8StringList;

namespace {

// The candidates in the order the palette would list them: best score first, matches only.
QStringList ranked(const QString &pattern, const QStringList &candidates)
{
    std::vector<std::pair<int, QString>> scored;
    for (const QString &candidate : candidates) {
        if (const std::optional<FuzzyMatch> match = FuzzyMatcher::match(pattern, candidate))
            scored.emplace_back(match->score, candidate);
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    QStringList names;
    for (const auto &entry : scored)
        names.append(entry.second);
    return names;
}

QList<int> positionsOf(const FuzzyMatch &match)
{
    return QList<int>(match.positions.cbegin(), match.positions.cend());
}

} // namespace

class TestFuzzyMatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesSubsequencesOnly_data();
    void matchesSubsequencesOnly();
    void positionsFavourWordStartsAndRuns_data();
    void positionsFavourWordStartsAndRuns();
    void ranking_data();
    void ranking();
    void emptyPatternMatchesEverything();
    void wordStarts();
};

void TestFuzzyMatcher::matchesSubsequencesOnly_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<bool>("matches");
    QTest::newRow("in order") << "ckout"
                              << "checkout" << true;
    QTest::newRow("any case") << "HSRD"
                              << "http.server.request.duration" << true;
    QTest::newRow("spaces in the pattern are ignored") << "open ses"
                                                       << "Open session…" << true;
    QTest::newRow("out of order") << "tuokc"
                                  << "checkout" << false;
    QTest::newRow("missing character") << "checkoutz"
                                       << "checkout" << false;
    QTest::newRow("longer than the candidate") << "checkout-api"
                                               << "checkout" << false;
    QTest::newRow("repeated character needs two") << "ee"
                                                  << "Pause" << false;
}

void TestFuzzyMatcher::matchesSubsequencesOnly()
{
    QFETCH(QString, pattern);
    QFETCH(QString, candidate);
    QFETCH(bool, matches);
    QCOMPARE(FuzzyMatcher::match(pattern, candidate).has_value(), matches);
}

void TestFuzzyMatcher::positionsFavourWordStartsAndRuns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("candidate");
    QTest::addColumn<QList<int>>("positions");
    QTest::newRow("initials of dotted words")
        << "hsrd"
        << "http.server.request.duration" << QList<int>{0, 5, 12, 20};
    QTest::newRow("one run over scattered letters")
        << "server"
        << "http.server.request.duration" << QList<int>{5, 6, 7, 8, 9, 10};
    QTest::newRow("a run over a jump to the next word") << "ser"
                                                        << "server.request" << QList<int>{0, 1, 2};
    QTest::newRow("word start over an earlier letter")
        << "d"
        << "db.client.operation.duration" << QList<int>{0};
    QTest::newRow("later word start over an inner letter")
        << "dur"
        << "http.server.request.duration" << QList<int>{20, 21, 22};
    QTest::newRow("camelCase") << "gs"
                               << "getStatus" << QList<int>{0, 3};
    QTest::newRow("spaces skipped") << "open ses"
                                    << "Open session…" << QList<int>{0, 1, 2, 3, 5, 6, 7};
}

void TestFuzzyMatcher::positionsFavourWordStartsAndRuns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, candidate);
    QFETCH(QList<int>, positions);
    const std::optional<FuzzyMatch> match = FuzzyMatcher::match(pattern, candidate);
    QVERIFY(match);
    QCOMPARE(positionsOf(*match), positions);
}

void TestFuzzyMatcher::ranking_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QStringList>("candidates");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("exact, then prefix, then inside")
        << "checkout"
        << utf8StringList({"frontend-checkout-proxy", "checkout-worker", "checkout", "cart"})
        << utf8StringList({"checkout", "checkout-worker", "frontend-checkout-proxy"});
    QTest::newRow("metric initials")
        << "hsrd"
        << utf8StringList({"db.client.operation.duration", "http.server.response.body.size",
                           "http.server.request.duration", "http.client.request.duration"})
        << utf8StringList({"http.server.request.duration", "http.server.response.body.size"});
    QTest::newRow("word starts over letters inside words")
        << "rd" << utf8StringList({"forward", "request.duration"})
        << utf8StringList({"request.duration", "forward"});
    QTest::newRow("shorter candidate on a tie")
        << "hsd" << utf8StringList({"http.server.request.duration", "http.server.duration"})
        << utf8StringList({"http.server.duration", "http.server.request.duration"});
    QTest::newRow("menu texts") << "pause"
                                << utf8StringList({"Compare traces", "Pause receiving",
                                                   "Open session…", "Session limits…"})
                                << utf8StringList({"Pause receiving"});
    QTest::newRow("menu prefix over a later word")
        << "metr" << utf8StringList({"Maximise Metrics", "Metrics", "Show metric"})
        << utf8StringList({"Metrics", "Show metric", "Maximise Metrics"});
    QTest::newRow("two words' starts")
        << "opse" << utf8StringList({"Save session as…", "Open session…", "Clear session data…"})
        << utf8StringList({"Open session…"});
}

void TestFuzzyMatcher::ranking()
{
    QFETCH(QString, pattern);
    QFETCH(QStringList, candidates);
    QFETCH(QStringList, expected);
    QCOMPARE(ranked(pattern, candidates), expected);
}

void TestFuzzyMatcher::emptyPatternMatchesEverything()
{
    for (const QString &pattern : {QString(), QStringLiteral("  ")}) {
        const std::optional<FuzzyMatch> match
            = FuzzyMatcher::match(pattern, QStringLiteral("checkout"));
        QVERIFY(match);
        QCOMPARE(match->score, 0);
        QVERIFY(match->positions.empty());
    }
}

void TestFuzzyMatcher::wordStarts()
{
    const QString candidate = QStringLiteral("Receive › pause_all-now:x/y getStatus");
    QList<int> starts;
    for (int i = 0; i < candidate.size(); ++i) {
        if (FuzzyMatcher::isWordStart(candidate, i) && candidate.at(i).isLetter())
            starts.append(i);
    }
    // R, p, a, n, x, y, g, S
    QCOMPARE(starts, (QList<int>{0, 10, 16, 20, 24, 26, 28, 31}));
}

QTEST_GUILESS_MAIN(TestFuzzyMatcher)
#include "tst_fuzzy_matcher.moc"
