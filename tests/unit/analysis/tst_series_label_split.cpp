// SeriesLabelSplit: series named by what differs between them, what they share set apart.
#include "analysis/series_label_split.h"

#include <QTest>

using namespace kansoku;

using Attributes = SeriesLabelSplit::Attributes;

namespace {
std::pair<QString, QString> kv(const char *key, const char *value)
{
    return {QString::fromUtf8(key), QString::fromUtf8(value)};
}
} // namespace

class TestSeriesLabelSplit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sharedAttributesSetApart();
    void differentKeysKeepShortKeys();
    void ambiguousShortKeysStayWhole();
    void keyMissingInOneSetDiffers();
    void singleSetIsAllShared();
    void identicalSetsLeaveEmptyLabels();
    void noSets();
};

void TestSeriesLabelSplit::sharedAttributesSetApart()
{
    const std::vector<Attributes> sets{
        {kv("http.route", "/cart"), kv("http.method", "GET"), kv("status", "200")},
        {kv("http.route", "/cart"), kv("http.method", "POST"), kv("status", "200")},
        {kv("http.route", "/cart"), kv("http.method", "GET"), kv("status", "500")}};
    const SeriesLabels labels = SeriesLabelSplit::split(sets);
    QCOMPARE(labels.shared, QStringLiteral("http.route=/cart"));
    // All differ by method and status: the values, the keys named once.
    QCOMPARE(labels.labels,
             (std::vector<QString>{QStringLiteral("GET, 200"), QStringLiteral("POST, 200"),
                                   QStringLiteral("GET, 500")}));
    QCOMPARE(labels.differingKeys, QStringLiteral("http.method, status"));
}

void TestSeriesLabelSplit::differentKeysKeepShortKeys()
{
    // One series has a key the other lacks: key=value, keys shortened to their last part.
    const std::vector<Attributes> sets{
        {kv("http.request.method", "GET"), kv("http.response.status_code", "200")},
        {kv("http.request.method", "POST")}};
    const SeriesLabels labels = SeriesLabelSplit::split(sets);
    QCOMPARE(labels.labels[0], QStringLiteral("method=GET, status_code=200"));
    QCOMPARE(labels.labels[1], QStringLiteral("method=POST"));
    QVERIFY(labels.differingKeys.isEmpty());
}

void TestSeriesLabelSplit::ambiguousShortKeysStayWhole()
{
    const std::vector<Attributes> sets{{kv("http.request.method", "GET"), kv("rpc.method", "a")},
                                       {kv("http.request.method", "PUT")}};
    const SeriesLabels labels = SeriesLabelSplit::split(sets);
    QCOMPARE(labels.labels[0], QStringLiteral("http.request.method=GET, rpc.method=a"));
    QCOMPARE(labels.labels[1], QStringLiteral("http.request.method=PUT"));
}

void TestSeriesLabelSplit::keyMissingInOneSetDiffers()
{
    const std::vector<Attributes> sets{{kv("pool", "main"), kv("state", "idle")},
                                       {kv("state", "idle")}};
    const SeriesLabels labels = SeriesLabelSplit::split(sets);
    QCOMPARE(labels.shared, QStringLiteral("state=idle"));
    QCOMPARE(labels.labels, (std::vector<QString>{QStringLiteral("pool=main"), QString()}));
}

void TestSeriesLabelSplit::singleSetIsAllShared()
{
    const SeriesLabels labels
        = SeriesLabelSplit::split({{kv("service.name", "checkout"), kv("route", "/pay")}});
    QCOMPARE(labels.shared, QStringLiteral("service.name=checkout, route=/pay"));
    QCOMPARE(labels.labels, std::vector<QString>{QString()});
    QVERIFY(labels.differingKeys.isEmpty());
}

void TestSeriesLabelSplit::identicalSetsLeaveEmptyLabels()
{
    const SeriesLabels labels = SeriesLabelSplit::split({{kv("a", "1")}, {kv("a", "1")}});
    QCOMPARE(labels.shared, QStringLiteral("a=1"));
    QCOMPARE(labels.labels, (std::vector<QString>{QString(), QString()}));
}

void TestSeriesLabelSplit::noSets()
{
    const SeriesLabels labels = SeriesLabelSplit::split({});
    QVERIFY(labels.labels.empty());
    QVERIFY(labels.shared.isEmpty());
}

QTEST_GUILESS_MAIN(TestSeriesLabelSplit)
#include "tst_series_label_split.moc"
