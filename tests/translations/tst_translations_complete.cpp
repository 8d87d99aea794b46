// The translations in resources/translations are complete: lupdate reads today's sources into a
// copy of each checked-in .ts (so the checked-in file is never touched), and every text must have
// a finished translation that keeps the source's placeholders (%1, %n) and one accelerator (&),
// and no entry may be left over from texts the sources no longer have. The English file holds
// only the plural forms of the texts with a count (lupdate -pluralonly), both forms filled in.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <algorithm>

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QString type;             // of the translation: "", "unfinished", "vanished" or "obsolete"
    QStringList translations; // one, or one per plural form
};

std::vector<TsMessage> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    std::vector<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            message = TsMessage{context, {}, {}, {}};
        } else if (xml.name() == u"source") {
            message.source = xml.readElementText();
        } else if (xml.name() == u"translation") {
            message.type = xml.attributes().value(QStringLiteral("type")).toString();
            // A plural translation holds <numerusform>s; a plain one holds the text.
            QString text;
            while (!(xml.isEndElement() && xml.name() == u"translation") && !xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == u"numerusform")
                    message.translations << xml.readElementText();
                else if (xml.isCharacters())
                    text += xml.text();
            }
            if (message.translations.isEmpty())
                message.translations << text;
            messages.push_back(message);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

// %1…%99 and %n, as a sorted list (a placeholder may be used twice).
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%(\\d{1,2}|n)"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured();
    found.sort();
    return found;
}

// Accelerator markers: "&x", not "&&" nor an HTML entity such as "&nbsp;".
int accelerators(const QString &text)
{
    static const QRegularExpression entity(QStringLiteral("^&(#\\d+|[a-zA-Z]+);"));
    int count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (i + 1 < text.size() && text.at(i + 1) == u'&') {
            ++i;
            continue;
        }
        if (entity.match(text.mid(i, 12)).hasMatch())
            continue;
        ++count;
    }
    return count;
}

} // namespace

class TestTranslationsComplete : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyTextIsTranslated_data();
    void everyTextIsTranslated();
};

void TestTranslationsComplete::everyTextIsTranslated_data()
{
    QTest::addColumn<QString>("tsFile");
    const QStringList tsFiles = QString::fromUtf8(KANSOKU_TS_FILES).split(u'|', Qt::SkipEmptyParts);
    QVERIFY(!tsFiles.isEmpty());
    for (const QString &tsFile : tsFiles)
        QTest::newRow(qPrintable(QFileInfo(tsFile).fileName())) << tsFile;
}

void TestTranslationsComplete::everyTextIsTranslated()
{
    QFETCH(QString, tsFile);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QFileInfo(tsFile).fileName());
    QVERIFY(QFile::copy(tsFile, copy));
    QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    // As update_translations runs it, but keeping what the sources lost (marked "vanished").
    QStringList arguments{QStringLiteral("-locations"), QStringLiteral("none")};
    const bool pluralsOnly = QFileInfo(tsFile).fileName().endsWith(QLatin1String("_en.ts"));
    if (pluralsOnly)
        arguments << QStringLiteral("-pluralonly");
    arguments << QStringLiteral("@") + QStringLiteral(KANSOKU_TRANSLATED_SOURCES_LST)
              << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(KANSOKU_LUPDATE), arguments);
    QVERIFY2(lupdate.waitForFinished(120'000), "lupdate did not finish");
    const QString output = QString::fromLocal8Bit(lupdate.readAll());
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             qPrintable(output));

    QString error;
    const std::vector<TsMessage> messages = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!messages.empty());

    QStringList problems;
    for (const TsMessage &message : messages) {
        const QString where
            = message.context + QStringLiteral(": \"") + message.source + QStringLiteral("\"");
        if (message.type == u"vanished" || message.type == u"obsolete") {
            problems << QStringLiteral("no longer in the sources: ") + where;
            continue;
        }
        if (message.type == u"unfinished"
            || std::any_of(message.translations.cbegin(), message.translations.cend(),
                           [](const QString &text) { return text.isEmpty(); })) {
            problems << QStringLiteral("not translated: ") + where;
            continue;
        }
        if (pluralsOnly && message.translations.size() != 2)
            problems << QStringLiteral("not the two English plural forms: ") + where;
        for (const QString &translation : message.translations) {
            const QStringList expected = placeholders(message.source);
            if (placeholders(translation) != expected)
                problems << QStringLiteral("placeholders differ (%1 vs %2): ")
                                    .arg(expected.join(u' '), placeholders(translation).join(u' '))
                                + where;
            if (accelerators(message.source) != accelerators(translation))
                problems << QStringLiteral("accelerator (&) differs: ") + where;
        }
    }
    if (!problems.isEmpty()) {
        QFAIL(qPrintable(QStringLiteral("%1 of %2 texts in %3 need work (update with `cmake "
                                        "--build build --target update_translations`, then "
                                        "translate):\n")
                             .arg(problems.size())
                             .arg(messages.size())
                             .arg(QFileInfo(tsFile).fileName())
                         + problems.join(u'\n')));
    }
}

QTEST_GUILESS_MAIN(TestTranslationsComplete)
#include "tst_translations_complete.moc"
