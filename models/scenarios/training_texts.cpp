#include "scenarios/training_texts.h"

#include <algorithm>

namespace kansoku {

namespace {

// One scenario's training texts beyond its ScenarioInfo and ground truth (which hold the
// English briefing and explanations). Explanations follow groundTruth(Before) in order.
struct ScenarioTrainingText
{
    const char *id;
    TrainingBriefing japanese;
    std::vector<std::string> hintsEnglish;
    std::vector<std::string> hintsJapanese;
    std::vector<std::string> findingExplanationsJapanese;
    std::vector<std::string> metricExplanationsJapanese;
    std::vector<std::string> spanExplanationsJapanese;
};

const std::vector<ScenarioTrainingText> &trainingTexts()
{
    static const std::vector<ScenarioTrainingText> texts{
        {"n-plus-one",
         {"注文ページの裏に潜む N+1 クエリ",
          "Web ショップ: shop-api (Node.js) と PostgreSQL、Redis。GET /orders/:id "
          "は注文とその明細を"
          "表示し、コードは ORM を通して明細を読み込みます。",
          "注文が大きいほど注文ページが遅くなります。データベースには配信されたページ数よりはるかに"
          "多くのクエリが届いています。",
          "注文ページ 1 "
          "回あたりにどのクエリが何回実行され、どれだけのコストがかかっているかを見つけて"
          "ください。",
          "明細は明細ごとに 1 クエリではなく、注文ごとに 1 クエリ (WHERE order_id = $1) で読み込む"
          "ようにしました。"},
         {"Open a slow GET /orders/:id trace in the Traces pane and look at the shape of its "
          "waterfall.",
          "Count the database spans under one request: do they run one after another, each with "
          "the same statement?",
          "The Findings pane has an N+1 finding on the order_items query: select it and press "
          "\"I found it\"."},
         {"トレース (Traces) ペインで遅い GET /orders/:id のトレースを開き、ウォーターフォールの"
          "形を見てください。",
          "1 リクエストの下にあるデータベースのスパンを数えてください。同じ文が 1 つずつ順番に実行"
          "されていませんか?",
          "検出結果 (Findings) ペインに order_items のクエリについての N+1 の検出結果があります。"
          "それを選んで「見つけた… (I found it)」を押してください。"},
         {"GET /orders/:id は注文の明細を 1 件ずつ別々のクエリで順番に読み込んでいます。明細 20 "
          "件の"
          "注文なら PostgreSQL への往復が 20 回です。1 つのクエリ (WHERE order_id = $1、または ORM "
          "の"
          " eager loading) でまとめて読み込んでください。"},
         {},
         {"これは GET /orders/:id が明細ごとに 1 回ずつ順番に実行する order_items "
          "のクエリの 1 つです。"
          "兄弟のスパンも同じ文を繰り返しています。注文ごとに 1 つのクエリ (WHERE order_id = $1) で"
          "すべて置き換えられます。",
          "このリクエストは遅いですが、その下のスパンを待っているだけです。何を繰り返しているかを"
          "見てください。"}},
        {"slow-query",
         {"インデックスのないレポートクエリ",
          "Web ショップ: shop-api (Node.js) と PostgreSQL。GET /reports/sales は営業チーム向けに"
          "直近数日の注文を集計します。",
          "売上レポートに約 1 秒かかります。ショップのほかの部分は問題ありません。",
          "レポートを遅くしている SQL 文と、それがリクエストのどれだけを占めているかを見つけて"
          "ください。",
          "orders(created_at) にインデックスを作成し、PostgreSQL が直近の注文だけを読むように"
          "しました。"},
         {"Filter the Traces pane to GET /reports/sales and open one of its traces.",
          "Which span fills almost the whole request? Look at its db.query.text (or "
          "db.statement).",
          "The Findings pane lists that statement as a slow query on GET /reports/sales."},
         {"トレース (Traces) ペインを GET /reports/sales で絞り込み、そのトレースを 1 つ開いて"
          "ください。",
          "リクエストのほぼ全体を占めているスパンはどれですか? その db.query.text (または "
          "db.statement) を見てください。",
          "検出結果 (Findings) ペインには、その文が GET /reports/sales の遅いクエリとして挙がって"
          "います。"},
         {"レポートの orders に対する集計は、created_at "
          "にインデックスがないためテーブル全体を読んで"
          "います。リクエストの約 1 秒のほとんどがこの 1 文です。EXPLAIN はシーケンシャルスキャンを"
          "示し、CREATE INDEX ON orders (created_at) で解決します。"},
         {},
         {"この文がレポートの約 1 秒のほとんどを占めています。created_at にインデックスがないため、"
          "PostgreSQL は orders テーブル全体を読んでいます。CREATE INDEX ON orders (created_at) "
          "で解決します。",
          "レポートのリクエストは遅いですが、その時間のほとんどはその下の 1 つのデータベースの"
          "スパンです。その文を見てください。"}},
        {"version-lock",
         {"片方のバージョンだけが取るロック",
          "Web ショップ: shop-api (Node.js) と PostgreSQL。カナリアリリース中で、shop-api の 2 つの"
          "バージョン v1.4.2 と v1.4.3 が並んで決済を処理しています。",
          "一部の顧客だけ支払いが遅く、ほかの顧客は速いままです。データベースの CPU "
          "は空いています。",
          "どのバージョンが遅いのか、その決済がどの文で待たされているのか、そしてその理由を見つけて"
          "ください。",
          "v1.4.4 が v1.4.2 を置き換えました。先に決済してから台帳にエントリを追記するので、決済"
          "プロバイダーの呼び出しをまたいで行ロックを保持しません。"},
         {"Compare POST /orders/:id/pay by service.version: are both versions equally slow?",
          "In a slow v1.4.2 payment, which database span waits before anything else happens? Note "
          "the FOR UPDATE.",
          "Look for a lock wait finding on the SELECT … FOR UPDATE statement; the slow query on "
          "the same statement is only its symptom."},
         {"POST /orders/:id/pay を service.version ごとに比べてください。両方のバージョンが同じ"
          "ように遅いですか?",
          "遅い v1.4.2 の決済で、ほかの処理の前に待っているデータベースのスパンはどれですか? "
          "FOR UPDATE に注目してください。",
          "SELECT … FOR UPDATE 文のロック待ち (lock wait) の検出結果を探してください。同じ文の遅い"
          "クエリはその症状にすぎません。"},
         {"v1.4.2 は加盟店のアカウント行をロックし (SELECT ... FOR UPDATE)、決済プロバイダーを呼び"
          "出している間 (約 12 ms) もロックを保持します。ほかの v1.4.2 の決済はすべてその後ろに並び"
          "ます。データベースは暇で、リクエストは待っているのです。",
          "同じエンドポイントが同じトラフィックで v1.4.3 より v1.4.2 のほうが遅くなっています。"
          "その差は v1.4.2 が保持するロックです。",
          "ロックを取る SELECT が遅いのは、ロックを待っているからにすぎません。"},
         {},
         {"この v1.4.2 の SELECT ... FOR UPDATE は加盟店のアカウント行を待っています。別の v1.4.2 "
          "の決済が、決済プロバイダーを呼び出している間 (約 12 ms) もそのロックを保持しているため"
          "です。データベースは暇で、決済はロックの順番を待っています。",
          "この v1.4.2 の決済は遅いですが、その時間は 1 つのデータベースのスパンで待っています。"
          "最初に実行する文を見てください。"}},
        {"traffic-spike",
         {"ニュースサイトがショップにリンクした",
          "Web ショップ: shop-api (Node.js) と、10 本の PostgreSQL 接続のプール、Redis。"
          "GET /products はカテゴリの商品一覧を返します。",
          "数分間カタログが遅くなり、一部の顧客にエラーが出ました。その後は元に戻りました。",
          "それがいつ起きたのか、トラフィックの何が変わったのか、エラーは何だったのかを見つけて"
          "ください。",
          "商品一覧を Redis にキャッシュしました。スパイクは相変わらず来ますが、データベースとその"
          "プールはもう妨げになりません。"},
         {"Look at the request rate of GET /products over the whole run: is it steady?",
          "Narrow the time range to the busy stretch and look at the failed requests and their "
          "logs: what did they wait for?",
          "Two findings tell the story: a traffic spike on GET /products, and the error hotspot "
          "inside it (pool timeouts)."},
         {"実行全体にわたる GET /products のリクエストレートを見てください。一定ですか?",
          "時間範囲を混雑していた区間に絞り、失敗したリクエストとそのログを見てください。何を"
          "待っていましたか?",
          "2 つの検出結果が全体像を語ります。GET /products のトラフィックスパイクと、その中のエラー"
          "ホットスポット (プールのタイムアウト) です。"},
         {"GET /products には実行の 3 分の 1 の間、普段の約 10 倍のリクエストが来ています。ニュース"
          "サイトからのリンクです。トラフィックそのものは欠陥ではなく、問題はそれがショップに及ぼす"
          "影響です。",
          "スパイクの間はプールの接続がすべて使用中です。リクエストは pg-pool.connect で待たされ、"
          "2 秒後に「timeout exceeded when trying to connect」(HTTP 503) で失敗します。",
          "プールの接続を待つ時間が、スパイク中のレイテンシの正体です。"},
         {},
         {"このリクエストはスパイクの間に実行され、その影響を受けましたが、1 つのリクエストでは"
          "原因を示せません。実行全体にわたる GET /products のリクエストレートを見てください。"}},
        {"syn-backlog",
         {"チェックアウトがちょうど 1 秒か 3 秒止まる",
          "Web ショップ: shop-api (Node.js) はチェックアウトのたびに新しい接続を開いて inventory "
          "(Java、node-1 上) を呼び出します。Collector は node-1 "
          "のホストメトリクスを収集しています。",
          "一部のチェックアウトはほかより 1 秒長くかかり、いくつかは 3 秒長くかかります。inventory "
          "自身のスパンは速く見えます。",
          "時間がどこに消えているのか、なぜ 1 秒と 3 秒の段階になるのか、そしてそれを証明する"
          "ホストメトリクスを見つけてください。",
          "inventory の listen バックログ (と net.core.somaxconn、net.ipv4.tcp_max_syn_backlog) を"
          "引き上げ、より多くのスレッドで接続を受け付けるようにしました。shop-api は接続を "
          "keep-alive で使い回します。"},
         {"Open a slow POST /checkout trace: where does the time go before inventory's own span "
          "starts?",
          "Look at the tcp.connect spans to inventory:8080: why would a connect take just over "
          "1 s or 3 s? Think of TCP's SYN retransmission.",
          "A connect stall finding names inventory:8080; in Metrics, node-1's "
          "node_netstat_TcpExt_ListenOverflows counts the dropped SYNs."},
         {"遅い POST /checkout のトレースを開いてください。inventory "
          "自身のスパンが始まる前に、時間は"
          "どこに消えていますか?",
          "inventory:8080 への tcp.connect スパンを見てください。接続にちょうど 1 秒強や 3 秒強"
          "かかるのはなぜでしょう? TCP の SYN 再送を考えてみてください。",
          "接続の停滞 (connect stall) の検出結果が inventory:8080 を指しています。メトリクス "
          "(Metrics) ペインでは node-1 の node_netstat_TcpExt_ListenOverflows が破棄された SYN "
          "を数えています。"},
         {"shop-api から inventory への TCP 接続には 1 秒強か 3 秒強かかっています。inventory の "
          "listen キューが満杯で SYN が破棄され、Linux が最初の再送タイムアウト 1 秒の後に (さらに "
          "2 秒後にも) 再送したためです。inventory のスパンは接続が受け付けられてから始まるので、"
          "速く見えます。",
          "inventory の呼び出しが遅いのは、その接続が遅いからです。同じ停滞を HTTP クライアントの"
          "スパンから見たものです。"},
         {"node-1 のカーネルは、満杯の accept キューが受け取れなかった接続をすべて数えています。"},
         {"この inventory への接続には 1 秒強 (または 3 秒強) かかりました。inventory の listen "
          "キューが満杯で SYN が破棄され、Linux が最初の再送タイムアウト 1 "
          "秒の後に再送したためです。"
          "inventory 自身のスパンは接続が受け付けられてから始まるので、速く見えます。",
          "inventory の呼び出しが遅いのは、その接続が遅いからです。その下の tcp.connect スパンを"
          "開いてください。"}},
        {"scheduler-delay",
         {"実行前に待たされるレポートジョブ",
          "Kubernetes クラスタ: report-runner が数秒ごとに sales-report ジョブを開始し、ジョブの "
          "4 つのワーカー Pod (report-worker) がそれぞれ 1 シャードを描画します。kube-scheduler の"
          "メトリクスが収集されています。",
          "各シャードの処理は約 2 秒なのに、レポートが数秒遅れて届きます。",
          "処理が始まる前にジョブの時間がどこに消えているのか、そしてその理由を示すメトリクスを"
          "見つけてください。",
          "ワーカーの CPU リクエストを適正なサイズにし、ノードプールに余裕を持たせました。Pod は"
          "すぐにスケジュールされます。"},
         {"Open a job sales-report trace: what happens between the Job's creation and the first "
          "process report-shard span?",
          "Nothing runs in that gap. What in Kubernetes keeps a pod from starting? Look for "
          "kube-scheduler's metrics.",
          "A start delay finding on process report-shard, and scheduler_pending_pods in Metrics, "
          "show pods waiting for a node."},
         {"job sales-report のトレースを開いてください。Job の作成から最初の process report-shard "
          "スパンまでの間に何が起きていますか?",
          "その隙間では何も実行されていません。Kubernetes で Pod の起動を妨げるものは何でしょう? "
          "kube-scheduler のメトリクスを探してください。",
          "process report-shard の開始遅延 (start delay) の検出結果と、メトリクス (Metrics) "
          "ペインの scheduler_pending_pods が、ノードを待つ Pod を示しています。"},
         {"各シャードはジョブが作成してから数秒後に、その間何も実行されないまま始まっています。Pod "
          "の要求する CPU を持つノードがないため Pending なのです (kubectl describe pod: "
          "「0/3 nodes are available: Insufficient cpu」)。"},
         {"kube-scheduler 自身の、まだ配置できていない Pod の数を示すゲージです。"},
         {"このシャードはジョブが作成してから数秒後に、その間何も実行されないまま始まりました。"
          "Pod の要求する CPU を持つノードがないため Pending だったのです (kubectl describe pod: "
          "「0/3 nodes are available: Insufficient cpu」)。"}},
        {"healthy",
         {"健全なショップ",
          "Web ショップ: shop-api (Node.js) と PostgreSQL、Redis。チェックアウト時に inventory "
          "(Java) を呼び出します。注文、商品、チェックアウト、売上レポートがあります。",
          "誰も苦情を言っていません。何も問題がないときのショップの姿です。",
          "正常な状態を把握してください。エンドポイント、そのレイテンシ、その裏のクエリ。Kansoku は"
          "「info」より上のものを何も報告しないはずです。",
          "直すものはありません。どちらのバリアントも同じ健全なショップです。"},
         {"Walk through each endpoint in the Traces pane and note its usual latency.",
          "Open a trace of each endpoint and note the queries behind it: this is the baseline "
          "for the other scenarios.",
          "The Findings pane should show nothing above info: nothing here is the cause of "
          "anything."},
         {"トレース (Traces) ペインで各エンドポイントを見て回り、普段のレイテンシを控えておいて"
          "ください。",
          "各エンドポイントのトレースを開き、その裏のクエリを控えてください。これがほかのシナリオの"
          "基準になります。",
          "検出結果 (Findings) ペインには info より上のものは何も出ないはずです。ここには何の原因"
          "もありません。"},
         {},
         {},
         {}},
    };
    return texts;
}

const ScenarioTrainingText *textsOf(const Scenario &scenario)
{
    const auto &texts = trainingTexts();
    const auto found = std::find_if(texts.begin(), texts.end(), [&](const auto &text) {
        return scenario.info().id == text.id;
    });
    return found == texts.end() ? nullptr : &*found;
}

// The Japanese explanations follow the before variant; an expectation of another variant (the
// traffic spike, still found after the fix) is the before one with the same kind and place.
std::size_t beforeIndex(const Scenario &scenario, ScenarioVariant variant, std::size_t index)
{
    if (variant == ScenarioVariant::Before)
        return index;
    const auto after = scenario.groundTruth(variant).findings;
    const auto before = scenario.groundTruth(ScenarioVariant::Before).findings;
    if (index >= after.size())
        return before.size();
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i].kind == after[index].kind && before[i].service == after[index].service
            && before[i].operation == after[index].operation)
            return i;
    }
    return before.size();
}

std::string entry(const std::vector<std::string> &list, std::size_t index)
{
    return index < list.size() ? list[index] : std::string();
}

// The English explanation of an ExpectedFinding or ExpectedMetric.
template<typename Expectation>
std::string explanationAt(const std::vector<Expectation> &expectations, std::size_t index)
{
    return index < expectations.size() ? expectations[index].explanation : std::string();
}

} // namespace

const char *TrainingTexts::languageId(TrainingLanguage language)
{
    return language == TrainingLanguage::Japanese ? "ja" : "en";
}

TrainingLanguage TrainingTexts::languageFromId(const std::string &id)
{
    return id == "ja" ? TrainingLanguage::Japanese : TrainingLanguage::English;
}

TrainingLanguage TrainingTexts::languageForLocale(const std::string &localeName)
{
    return localeName.rfind("ja", 0) == 0 ? TrainingLanguage::Japanese : TrainingLanguage::English;
}

TrainingBriefing TrainingTexts::briefing(const Scenario &scenario, TrainingLanguage language)
{
    const ScenarioTrainingText *texts = textsOf(scenario);
    if (language == TrainingLanguage::Japanese && texts)
        return texts->japanese;
    const ScenarioInfo &info = scenario.info();
    return {info.title, info.system, info.complaint, info.task, info.fix};
}

std::vector<std::string> TrainingTexts::hints(const Scenario &scenario, TrainingLanguage language)
{
    const ScenarioTrainingText *texts = textsOf(scenario);
    if (!texts)
        return {};
    return language == TrainingLanguage::Japanese ? texts->hintsJapanese : texts->hintsEnglish;
}

std::string TrainingTexts::findingExplanation(const Scenario &scenario, ScenarioVariant variant,
                                              std::size_t index, TrainingLanguage language)
{
    if (language == TrainingLanguage::English)
        return explanationAt(scenario.groundTruth(variant).findings, index);
    const ScenarioTrainingText *texts = textsOf(scenario);
    return texts ? entry(texts->findingExplanationsJapanese, beforeIndex(scenario, variant, index))
                 : std::string();
}

std::string TrainingTexts::metricExplanation(const Scenario &scenario, ScenarioVariant variant,
                                             std::size_t index, TrainingLanguage language)
{
    if (language == TrainingLanguage::English)
        return explanationAt(scenario.groundTruth(variant).metrics, index);
    const ScenarioTrainingText *texts = textsOf(scenario);
    return texts && variant == ScenarioVariant::Before
               ? entry(texts->metricExplanationsJapanese, index)
               : std::string();
}

std::string TrainingTexts::spanExplanation(const Scenario &scenario, std::size_t index,
                                           TrainingLanguage language)
{
    if (language == TrainingLanguage::English)
        return explanationAt(scenario.groundTruth(ScenarioVariant::Before).spans, index);
    const ScenarioTrainingText *texts = textsOf(scenario);
    return texts ? entry(texts->spanExplanationsJapanese, index) : std::string();
}

std::string TrainingTexts::line(Line line, TrainingLanguage language)
{
    const bool ja = language == TrainingLanguage::Japanese;
    switch (line) {
    case Line::Right:
        return ja ? "正解です。" : "Right.";
    case Line::Symptom:
        return ja ? "惜しい: これは原因ではなく症状です。"
                  : "Close: this is a symptom, not the cause.";
    case Line::NotIt:
        return ja ? "違います。" : "Not it.";
    case Line::NotItNudge:
        return ja ? "これは苦情の説明になっていません。課題をもう一度読んでください:"
                  : "This does not explain the complaint. Read the task again:";
    case Line::NothingWrong:
        return ja ? "このシナリオには問題がありません。ここで検出されるものは正常な姿であり、原因で"
                    "は"
                    "ありません。"
                  : "Nothing is wrong in this scenario: whatever the detectors show here is the "
                    "normal picture, not a cause.";
    case Line::NoMoreHints:
        return ja ? "これが最後のヒントです。" : "That was the last hint.";
    case Line::SystemHeading:
        return ja ? "システム" : "The system";
    case Line::ComplaintHeading:
        return ja ? "利用者の苦情" : "What users complain about";
    case Line::TaskHeading:
        return ja ? "見つけるもの" : "What to find";
    case Line::FixHeading:
        return ja ? "適用した修正" : "The fix applied";
    case Line::HintHeading:
        return ja ? "ヒント %1/%2" : "Hint %1 of %2";
    case Line::SelectFirst:
        return ja ? "原因だと思うもの、つまり検出結果 (Findings) ペインの検出結果、開いたトレースの"
                    "スパン、またはメトリクス (Metrics) ペインのメトリクスを選んでから、もう一度"
                    "「見つけた… (I found it)」を押してください。"
                  : "Select what you think is the cause, a finding in the Findings pane, a span "
                    "of the open trace or a metric in the Metrics pane, then press \"I found "
                    "it\" again.";
    case Line::FindingLabel:
        return ja ? "検出結果: " : "Finding: ";
    case Line::MetricLabel:
        return ja ? "メトリクス: " : "Metric: ";
    case Line::SpanLabel:
        return ja ? "スパン: " : "Span: ";
    case Line::CheckedLastTouched:
        return ja ? "(複数のものが選ばれているので、最後に触れたものを確かめました)"
                  : "(several things are selected: this is the one you touched last)";
    case Line::GettingStarted:
        return ja ? "いつものペインで調査してください。行き詰まったら"
                    "「ヒント (Hint)」を押してください。原因だと思う検出結果 (またはスパン、"
                    "メトリクス) を選んで「見つけた… (I found it)」を押すと、Kansoku が正しい"
                    "かどうかを理由とともに答えます。"
                  : "Investigate with the usual panes. Stuck? Press Hint. Select the finding (or "
                    "span, or metric) you believe is the cause and press \"I found it…\": "
                    "Kansoku says whether it is right, and why.";
    }
    return {};
}

} // namespace kansoku
