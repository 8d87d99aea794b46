<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>imported</source>
        <translation>インポート済み</translation>
    </message>
    <message>
        <source>imported, some items skipped</source>
        <translation>インポート済み（一部の項目をスキップ）</translation>
    </message>
    <message>
        <source>not read</source>
        <translation>読み込めませんでした</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセルしました</translation>
    </message>
    <message>
        <source>stopped: the session closed</source>
        <translation>停止: セッションが閉じられました</translation>
    </message>
    <message>
        <source>no limits</source>
        <translation>制限なし</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>最大 %1</translation>
    </message>
    <message>
        <source>no size cap</source>
        <translation>サイズ上限なし</translation>
    </message>
    <message>
        <source>the last %1</source>
        <translation>直近 %1</translation>
    </message>
    <message>
        <source>no age limit</source>
        <translation>期間制限なし</translation>
    </message>
    <message>
        <source>%1 of %2 in use</source>
        <translation>%2 中 %1 を使用</translation>
    </message>
    <message>
        <source>%1 in use</source>
        <translation>%1 を使用</translation>
    </message>
    <message>
        <source>; nothing removed</source>
        <translation>。削除したものはありません</translation>
    </message>
    <message>
        <source>Kansoku sessions (*.kansoku)</source>
        <translation>Kansoku セッション (*.kansoku)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 日</translation>
    </message>
    <message>
        <source>; removed %1, %2, %3 (last at %4)</source>
        <translation>。%1、%2、%3を削除（最終 %4）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>トレース %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>ログ %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln point(s)</source>
        <translation>
            <numerusform>ポイント %Ln 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TraceMinimap</name>
    <message>
        <source>Whole trace: click or drag to move the visible window</source>
        <translation>トレース全体: クリックまたはドラッグで表示範囲を移動</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s), depth %1</source>
        <translation>
            <numerusform>%Ln スパン、深さ %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::AnalyzeMenu</name>
    <message>
        <source>&amp;Analyze</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Before / after…</source>
        <translation>前後比較(&amp;B)…</translation>
    </message>
    <message>
        <source>Compare two time ranges of this session, or this session with another session file, per operation and statement</source>
        <translation>このセッションの 2 つの時間範囲、またはこのセッションと別のセッションファイルを、オペレーションとステートメントごとに比較します</translation>
    </message>
</context>
<context>
    <name>kansoku::BeforeAfterController</name>
    <message>
        <source>%1: the session is not open</source>
        <translation>%1: セッションが開いていません</translation>
    </message>
    <message>
        <source>%1 (%2): no traces between %3 and %4</source>
        <translation>%1 (%2): %3 から %4 までの間にトレースはありません</translation>
    </message>
    <message>
        <source>%1 (%2): the session holds no traces</source>
        <translation>%1 (%2): セッションにトレースがありません</translation>
    </message>
    <message>
        <source>before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>after</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>The comparison failed: %1</source>
        <translation>比較に失敗しました: %1</translation>
    </message>
    <message>
        <source>Another session was opened: compare again.</source>
        <translation>別のセッションが開かれました。もう一度比較してください。</translation>
    </message>
</context>
<context>
    <name>kansoku::BeforeAfterDialog</name>
    <message>
        <source>Before / after</source>
        <translation>前後比較</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>変更前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>変更後</translation>
    </message>
    <message>
        <source>An operation or statement is worse when its p95 or its calls per request grew by more than this</source>
        <translation>p95 またはリクエストあたりの呼び出しがこの値を超えて増えたオペレーションやステートメントを悪化とみなします</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>レポートを保存…</translation>
    </message>
    <message>
        <source>Double-click a row to list its traces in the Traces pane</source>
        <translation>行をダブルクリックすると、そのトレースをトレースペインに一覧表示します</translation>
    </message>
    <message>
        <source>Worse above:</source>
        <translation>悪化のしきい値:</translation>
    </message>
    <message>
        <source>%1, %2: the range is empty — its end must be after its start.</source>
        <translation>%1、%2: 範囲が空です — 終了は開始より後にしてください。</translation>
    </message>
    <message>
        <source>Comparing %1 with %2…</source>
        <translation>%1 と %2 を比較中…</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:#b3261e&quot;&gt;After is worse&lt;/b&gt; (threshold %1%):&lt;ul style=&quot;margin:0&quot;&gt;%2&lt;/ul&gt;</source>
        <translation>&lt;b style=&quot;color:#b3261e&quot;&gt;変更後は悪化しています&lt;/b&gt;（しきい値 %1%）:&lt;ul style=&quot;margin:0&quot;&gt;%2&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;After is not worse&lt;/b&gt;: no operation&apos;s or statement&apos;s p95 or calls per request grew by more than %1%, and no new finding.</source>
        <translation>&lt;b&gt;変更後は悪化していません&lt;/b&gt;: p95 またはリクエストあたりの呼び出しが %1% を超えて増えたオペレーションやステートメントはなく、新しい検出結果もありません。</translation>
    </message>
    <message>
        <source>New findings</source>
        <translation>新しい検出結果</translation>
    </message>
    <message>
        <source>Persisting</source>
        <translation>継続中</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>解消済み</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;: none&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt;: なし&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>Compared: %n operation and statement rows</source>
        <translation>
            <numerusform>比較しました: オペレーションとステートメント %n 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved the report to %1</source>
        <translation>レポートを %1 に保存しました</translation>
    </message>
    <message>
        <source>Save before/after report</source>
        <translation>前後比較レポートを保存</translation>
    </message>
    <message>
        <source>Text report (*.txt);;JSON report (*.json)</source>
        <translation>テキストレポート (*.txt);;JSON レポート (*.json)</translation>
    </message>
    <message>
        <source>%1: %2 — %3, %4</source>
        <translation>%1: %2 — %3、%4</translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>トレース %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::BeforeAfterSideBox</name>
    <message>
        <source>Whole session</source>
        <translation>セッション全体</translation>
    </message>
    <message>
        <source>Current range</source>
        <translation>現在の範囲</translation>
    </message>
    <message>
        <source>The time range the window shows</source>
        <translation>ウィンドウに表示中の時間範囲</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>ソース:</translation>
    </message>
    <message>
        <source>From (local time):</source>
        <translation>開始（ローカル時刻）:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>終了:</translation>
    </message>
    <message>
        <source>This session (%1)</source>
        <translation>このセッション（%1）</translation>
    </message>
    <message>
        <source>Another session file…</source>
        <translation>別のセッションファイル…</translation>
    </message>
    <message>
        <source>this session (%1)</source>
        <translation>このセッション（%1）</translation>
    </message>
    <message>
        <source>%1: open a session file</source>
        <translation>%1: セッションファイルを開く</translation>
    </message>
    <message>
        <source>Kansoku sessions (*.kansoku);;All files (*)</source>
        <translation>Kansoku セッション (*.kansoku);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>kansoku::ChartView</name>
    <message>
        <source>No data in this range</source>
        <translation>この範囲にデータがありません</translation>
    </message>
    <message>
        <source>count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source> (marked)</source>
        <translation> (マーク済み)</translation>
    </message>
    <message>
        <source>Exemplars</source>
        <translation>エグザンプラー</translation>
    </message>
    <message>
        <source>Exemplar: %1</source>
        <translation>エグザンプラー: %1</translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation>トレース %1</translation>
    </message>
    <message>
        <source>Click to open the trace at this span</source>
        <translation>クリックするとこのスパンでトレースを開きます</translation>
    </message>
    <message>
        <source>count: %1</source>
        <translation>件数: %1</translation>
    </message>
</context>
<context>
    <name>kansoku::ClientListModel</name>
    <message>
        <source>Requests from %1 that could not be decoded or were turned away before decoding</source>
        <translation>%1 からのリクエストのうち、デコードできなかったもの、またはデコード前に拒否されたもの</translation>
    </message>
    <message>
        <source>gRPC does not tell a service how a call was compressed</source>
        <translation>gRPC では呼び出しの圧縮方式がサービスに伝わりません</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>接続元</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>SDK</source>
        <translation>SDK</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>トランスポート</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>エンコーディング</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>圧縮</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <source>Rejections</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Last rejection</source>
        <translation>最後の拒否</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最終受信</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>(not decoded)</source>
        <translation>(デコードされていません)</translation>
    </message>
</context>
<context>
    <name>kansoku::ClientsView</name>
    <message>
        <source>No application has sent telemetry yet.</source>
        <translation>テレメトリを送信したアプリケーションはまだありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s); every request was accepted.</source>
        <translation>
            <numerusform>送信元 %n 件。すべてのリクエストを受け付けました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s); %1 had requests turned away (see the last rejection).</source>
        <translation>
            <numerusform>送信元 %n 件。うち %1 件でリクエストが拒否されました（最後の拒否を参照）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::CommandPalette</name>
    <message>
        <source>Type a command, service, metric, trace id or log search text</source>
        <translation>コマンド、サービス、メトリクス、トレース ID、ログ検索テキストを入力</translation>
    </message>
</context>
<context>
    <name>kansoku::CommandPaletteModel</name>
    <message>
        <source>Open in the Traces pane</source>
        <translation>トレースペインで開く</translation>
    </message>
    <message>
        <source>Search in the Logs pane</source>
        <translation>ログペインで検索</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>トレースを開く</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>メニュー</translation>
    </message>
    <message>
        <source>Filter service</source>
        <translation>サービスで絞り込む</translation>
    </message>
    <message>
        <source>Show metric</source>
        <translation>メトリクスを表示</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>セッションを開く</translation>
    </message>
    <message>
        <source>Search logs</source>
        <translation>ログを検索</translation>
    </message>
</context>
<context>
    <name>kansoku::DashboardChartTile</name>
    <message>
        <source>Open in Metrics</source>
        <translation>メトリクスで開く</translation>
    </message>
    <message>
        <source>Show %1 in the Metrics pane, with its browser and chart options (or double-click the chart)</source>
        <translation>%1 をメトリクスペインでブラウザーやチャートのオプションとともに表示（またはチャートをダブルクリック）</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>No values in the range</source>
        <translation>この範囲に値がありません</translation>
    </message>
    <message>
        <source>No points in the range</source>
        <translation>この範囲にポイントがありません</translation>
    </message>
    <message>
        <source>per second</source>
        <translation>毎秒</translation>
    </message>
</context>
<context>
    <name>kansoku::DashboardListModel</name>
    <message numerus="yes">
        <source>%n chart(s)</source>
        <translation>
            <numerusform>チャート %n 個</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::DashboardsPane</name>
    <message>
        <source>No dashboard for these metrics</source>
        <translation>これらのメトリクスに合うダッシュボードはありません</translation>
    </message>
    <message>
        <source>Kansoku offers a ready-made dashboard when the session holds the standard metrics of common instrumentation in the selected range:</source>
        <translation>選択した範囲のセッションに一般的な計装の標準メトリクスが含まれていれば、Kansoku は既製のダッシュボードを用意します:</translation>
    </message>
    <message>
        <source>Only metrics of the service %1 are looked at (the service filter); host metrics usually belong to no service.</source>
        <translation>サービス %1 のメトリクスだけを対象にしています（サービスフィルター）。ホストのメトリクスは通常どのサービスにも属しません。</translation>
    </message>
</context>
<context>
    <name>kansoku::EmptyStateWidget</name>
    <message>
        <source>Waiting for telemetry</source>
        <translation>テレメトリを待っています</translation>
    </message>
    <message>
        <source>Kansoku is listening. Point an OpenTelemetry SDK or Collector at it and traces, metrics and logs appear here as they arrive. Set these in the environment of the app you are working on:</source>
        <translation>Kansoku は受信待機中です。OpenTelemetry SDK または Collector の送信先をここに向けると、トレース、メトリクス、ログが届き次第ここに表示されます。作業中のアプリの環境に次を設定してください:</translation>
    </message>
    <message>
        <source>Everything received is stored in the session file shown in the status bar; copy that file to share the session. Exported telemetry files and other sessions open with File &gt; Open… or by dropping them on this window.</source>
        <translation>受信したものはすべて、ステータスバーに表示されているセッションファイルに保存されます。セッションを共有するにはそのファイルをコピーしてください。エクスポートしたテレメトリファイルや他のセッションは、ファイル &gt; 開く… またはこのウィンドウへのドロップで開けます。</translation>
    </message>
    <message>
        <source>OTLP/gRPC</source>
        <translation>OTLP/gRPC</translation>
    </message>
    <message>
        <source>OTLP/HTTP (protobuf or JSON)</source>
        <translation>OTLP/HTTP (protobuf または JSON)</translation>
    </message>
    <message>
        <source>Token (every exporter)</source>
        <translation>トークン（すべてのエクスポーター）</translation>
    </message>
    <message>
        <source>No receiver is listening, so nothing can arrive. See the receiver details in the status bar.</source>
        <translation>受信待機中のレシーバーがないため、何も届きません。ステータスバーのレシーバーの詳細を確認してください。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>コピーしました</translation>
    </message>
</context>
<context>
    <name>kansoku::ExportControl</name>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Export %1 as %2…</source>
        <translation>%1 を %2 としてエクスポート…</translation>
    </message>
    <message>
        <source>%1 image (*.%2)</source>
        <translation>%1 画像 (*.%2)</translation>
    </message>
    <message>
        <source>chart</source>
        <translation>チャート</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 に書き込めません</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>%1 にエクスポート中…</translation>
    </message>
    <message>
        <source>Exported %1 %2 to %3</source>
        <translation>%1 %2 を %3 にエクスポートしました</translation>
    </message>
</context>
<context>
    <name>kansoku::FileMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Import telemetry files into this session, or open a session file</source>
        <translation>テレメトリファイルをこのセッションにインポート、またはセッションファイルを開く</translation>
    </message>
    <message>
        <source>&amp;New session…</source>
        <translation>新しいセッション(&amp;N)…</translation>
    </message>
    <message>
        <source>Open &amp;session…</source>
        <translation>セッションを開く(&amp;S)…</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>名前を付けてセッションを保存(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Recent sessions</source>
        <translation>最近のセッション(&amp;R)</translation>
    </message>
    <message>
        <source>Session &amp;limits…</source>
        <translation>セッションの制限(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Clear session data…</source>
        <translation>セッションデータを消去(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Clear session data</source>
        <translation>セッションデータを消去</translation>
    </message>
    <message>
        <source>Delete all telemetry of this session?</source>
        <translation>このセッションのテレメトリをすべて削除しますか?</translation>
    </message>
    <message>
        <source>Every trace, log and metric point stored so far is deleted from the session file. Telemetry that arrives afterwards is kept.</source>
        <translation>これまでに保存されたトレース、ログ、メトリクスのポイントはすべてセッションファイルから削除されます。この後に届いたテレメトリは保持されます。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Telemetry files and sessions (*.json *.jsonl *.ndjson *.binpb *.pb *.bin *.gz *.zst *.kansoku);;OTLP JSON or JSON lines (*.json *.jsonl *.ndjson);;OTLP protobuf, length-delimited (*.binpb *.pb *.bin);;Jaeger JSON, Zipkin v2 JSON (*.json);;gzip or zstd compressed (*.gz *.zst);;</source>
        <translation>テレメトリファイルとセッション (*.json *.jsonl *.ndjson *.binpb *.pb *.bin *.gz *.zst *.kansoku);;OTLP JSON または JSON Lines (*.json *.jsonl *.ndjson);;OTLP protobuf、長さ区切り (*.binpb *.pb *.bin);;Jaeger JSON、Zipkin v2 JSON (*.json);;gzip または zstd 圧縮 (*.gz *.zst);;</translation>
    </message>
    <message>
        <source>;;All files (*)</source>
        <translation>;;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open telemetry files or a session</source>
        <translation>テレメトリファイルまたはセッションを開く</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新しいセッション</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>セッションを開く</translation>
    </message>
    <message>
        <source>Save session as</source>
        <translation>名前を付けてセッションを保存</translation>
    </message>
    <message>
        <source>&amp;Replay into…</source>
        <translation>リプレイ送信(&amp;R)…</translation>
    </message>
    <message>
        <source>Send this session&apos;s telemetry again as OTLP to another Kansoku or a Collector, moved to now</source>
        <translation>このセッションのテレメトリを、時刻を現在に移して OTLP で別の Kansoku または Collector に再送信します</translation>
    </message>
</context>
<context>
    <name>kansoku::FindingDetailsView</name>
    <message>
        <source>Show logs</source>
        <translation>ログを表示</translation>
    </message>
    <message>
        <source>Show the logs of the worst example trace in the Logs pane</source>
        <translation>最悪の例のトレースのログをログペインに表示</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数値</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>根拠</translation>
    </message>
    <message>
        <source>Examples, worst first</source>
        <translation>例（悪い順）</translation>
    </message>
    <message>
        <source>How to fix it</source>
        <translation>修正方法</translation>
    </message>
    <message>
        <source>Select a finding to see its evidence and how to fix it</source>
        <translation>検出結果を選択すると、その根拠と修正方法が表示されます</translation>
    </message>
    <message>
        <source>Narrow every pane to this range</source>
        <translation>すべてのペインをこの範囲に絞り込む</translation>
    </message>
    <message>
        <source>Open worst example</source>
        <translation>最悪の例を開く</translation>
    </message>
    <message>
        <source>Set the shared time range to the spike</source>
        <translation>共有の時間範囲をスパイクに合わせる</translation>
    </message>
    <message>
        <source>Open the worst example trace in the Traces pane with the spans involved highlighted</source>
        <translation>最悪の例のトレースを、関係するスパンを強調してトレースペインで開く</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>オペレーション</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>発生回数</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Cost per request</source>
        <translation>リクエストあたりのコスト</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>合計コスト</translation>
    </message>
    <message>
        <source>Share of latency</source>
        <translation>レイテンシーに占める割合</translation>
    </message>
    <message>
        <source>%1 of the affected requests&apos; latency</source>
        <translation>影響を受けたリクエストのレイテンシーの %1</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>初回検出</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>最終受信</translation>
    </message>
    <message>
        <source>No further evidence</source>
        <translation>これ以上の根拠はありません</translation>
    </message>
    <message>
        <source>worst</source>
        <translation>最悪</translation>
    </message>
    <message>
        <source>Open trace %1 with the spans involved highlighted</source>
        <translation>関係するスパンを強調してトレース %1 を開く</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::FindingListModel</name>
    <message>
        <source>%1 — from the cost per request and its share of the requests&apos; latency</source>
        <translation>%1 — リクエストあたりのコストと、リクエストのレイテンシーに占める割合から</translation>
    </message>
    <message>
        <source>Traces that show it, and their share of the endpoint&apos;s traces</source>
        <translation>これが現れたトレースと、そのエンドポイントのトレースに占める割合</translation>
    </message>
    <message>
        <source>Time it costs an affected request</source>
        <translation>影響を受けたリクエスト 1 件あたりの所要時間</translation>
    </message>
    <message>
        <source>Time it cost over all affected requests</source>
        <translation>影響を受けたリクエスト全体での所要時間</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>検出結果</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>オペレーション</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>検出器</translation>
    </message>
    <message>
        <source>Occurrences</source>
        <translation>発生回数</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Per request</source>
        <translation>1 件あたり</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>About %1 per affected request, %2 of its latency</source>
        <translation>影響を受けたリクエスト 1 件あたり約 %1、レイテンシーの %2</translation>
    </message>
    <message>
        <source>N+1</source>
        <translation>N+1</translation>
    </message>
    <message>
        <source>Redundant call</source>
        <translation>冗長な呼び出し</translation>
    </message>
    <message>
        <source>Slow query</source>
        <translation>遅いクエリ</translation>
    </message>
    <message>
        <source>Lock wait</source>
        <translation>ロック待ち</translation>
    </message>
    <message>
        <source>Version regression</source>
        <translation>バージョン間の劣化</translation>
    </message>
    <message>
        <source>Error hotspot</source>
        <translation>エラーのホットスポット</translation>
    </message>
    <message>
        <source>Traffic spike</source>
        <translation>トラフィックのスパイク</translation>
    </message>
    <message>
        <source>Fan-out</source>
        <translation>ファンアウト</translation>
    </message>
    <message>
        <source>Connect stall</source>
        <translation>接続の停滞</translation>
    </message>
    <message>
        <source>Start delay</source>
        <translation>開始の遅れ</translation>
    </message>
    <message>
        <source>The same statement or call run again and again, one after another, under one parent span</source>
        <translation>同じステートメントや呼び出しが、1 つの親スパンの下で次々と繰り返し実行されています</translation>
    </message>
    <message>
        <source>The identical call, with identical parameters, repeated within one trace</source>
        <translation>同一パラメーターでの同一の呼び出しが、1 つのトレース内で繰り返されています</translation>
    </message>
    <message>
        <source>A statement or call that is slow or takes most of its requests&apos; latency</source>
        <translation>遅い、またはリクエストのレイテンシーの大半を占めるステートメントや呼び出し</translation>
    </message>
    <message>
        <source>Calls that queue behind each other or wait far longer than usual: a likely lock</source>
        <translation>互いに待ち合う、または通常よりはるかに長く待つ呼び出し: ロックの可能性があります</translation>
    </message>
    <message>
        <source>One version of a service markedly slower or failing more than the others</source>
        <translation>あるサービスの特定のバージョンが他より明らかに遅い、または失敗が多い</translation>
    </message>
    <message>
        <source>Errors of one service, operation and exception type</source>
        <translation>1 つのサービス、オペレーション、例外の種類に集中したエラー</translation>
    </message>
    <message>
        <source>A request rate far above its trailing baseline</source>
        <translation>直前のベースラインを大きく上回るリクエストレート</translation>
    </message>
    <message>
        <source>A span with many direct children calling the same downstream service</source>
        <translation>同じ下流サービスを呼び出す直接の子を多数持つスパン</translation>
    </message>
    <message>
        <source>Connects that take just over 1, 3, 7 or 15 s: SYN retransmits, the server&apos;s listen queue is full</source>
        <translation>1、3、7、15 秒をわずかに超える接続: SYN の再送。サーバーの listen キューが満杯です</translation>
    </message>
    <message>
        <source>Work that starts long after its parent with nothing running in between: waiting to be scheduled or picked from a queue</source>
        <translation>親よりかなり遅れて始まり、その間に何も実行されていない処理: スケジュール待ち、またはキューからの取り出し待ち</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>情報</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message numerus="yes">
        <source>Happened %Ln time(s)</source>
        <translation>
            <numerusform>%Ln 回発生</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 over all %Ln affected trace(s)</source>
        <translation>
            <numerusform>影響を受けた全 %Ln トレースで計 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s) show it</source>
        <translation>
            <numerusform>%Ln トレースで発生</numerusform>
        </translation>
    </message>
    <message>
        <source>The one trace of %1 shows it</source>
        <translation>%1 の唯一のトレースで発生</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the %1 traces of %2 show it (%3)</source>
        <translation>
            <numerusform>%2 の %1 トレース中 %Ln トレースで発生（%3）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::FindingsPane</name>
    <message>
        <source>Show the findings of one detector</source>
        <translation>1 つの検出器の検出結果を表示</translation>
    </message>
    <message>
        <source>All detectors</source>
        <translation>すべての検出器</translation>
    </message>
    <message>
        <source>Select a finding to see its evidence and how to fix it</source>
        <translation>検出結果を選択すると、その根拠と修正方法が表示されます</translation>
    </message>
    <message>
        <source>What the detectors look for</source>
        <translation>検出器が探すもの</translation>
    </message>
    <message>
        <source>%1, %2 analysed</source>
        <translation>%1、%2 を分析済み</translation>
    </message>
    <message>
        <source>Analysing…</source>
        <translation>分析中…</translation>
    </message>
    <message>
        <source>Analysis failed: %1</source>
        <translation>分析に失敗しました: %1</translation>
    </message>
    <message>
        <source>showing the last one</source>
        <translation>最後のものを表示</translation>
    </message>
    <message>
        <source>No findings match the detector and service filters (%1 in this range)</source>
        <translation>検出器とサービスのフィルターに一致する検出結果はありません（この範囲に %1）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln finding(s)</source>
        <translation>
            <numerusform>検出結果 %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln finding(s) shown</source>
        <translation>
            <numerusform>検出結果 %Ln 件中 %1 件を表示</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>トレース %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Analysing… %Ln trace(s) so far</source>
        <translation>
            <numerusform>分析中… これまでにトレース %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No findings in this range: %Ln trace(s) analysed</source>
        <translation>
            <numerusform>この範囲に検出結果はありません: トレース %Ln 件を分析済み</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::FlameGraphView</name>
    <message>
        <source>Width is duration; the empty part of a box is its self time. Click a box to zoom into it, click the top box or the breadcrumb to zoom out.</source>
        <translation>幅は所要時間、ボックスの空いた部分はセルフタイムです。ボックスをクリックするとズームイン、一番上のボックスまたはパンくずリストをクリックするとズームアウトします。</translation>
    </message>
    <message>
        <source>All spans</source>
        <translation>すべてのスパン</translation>
    </message>
    <message>
        <source>Total: %1 (%2%)&lt;br&gt;Self: %3&lt;br&gt;Spans in subtree: %4</source>
        <translation>合計: %1 (%2%)&lt;br&gt;セルフ: %3&lt;br&gt;サブツリーのスパン: %4</translation>
    </message>
    <message>
        <source>No spans</source>
        <translation>スパンがありません</translation>
    </message>
    <message numerus="yes">
        <source>%Ln small span(s) folded together; zoom in to see them</source>
        <translation>
            <numerusform>小さなスパン %Ln 個をまとめて折りたたんでいます。ズームインすると表示されます</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ForwardingDialog</name>
    <message>
        <source>Forward to an upstream</source>
        <translation>上流への転送</translation>
    </message>
    <message>
        <source>Everything the receivers accept is also sent on, unchanged, to this OTLP endpoint (for example the team&apos;s Collector), so running Kansoku beside an app does not cut the team&apos;s backend off. Imported files are not forwarded. Data may leave this machine: only name an upstream you trust.</source>
        <translation>レシーバーが受け付けたものはすべて、変更せずにこの OTLP エンドポイント（たとえばチームの Collector）にも送信されます。アプリの横で Kansoku を動かしても、チームのバックエンドへの送信は途切れません。インポートしたファイルは転送されません。データがこのマシンの外に出る可能性があるため、信頼できる上流だけを指定してください。</translation>
    </message>
    <message>
        <source>Upstream URL:</source>
        <translation>上流の URL:</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>プロトコル:</translation>
    </message>
    <message>
        <source>One NAME=VALUE a line. Kept for this run only: header values are never written to the settings file.</source>
        <translation>1 行に 1 つの NAME=VALUE。今回の実行中だけ保持され、ヘッダーの値が設定ファイルに書き込まれることはありません。</translation>
    </message>
    <message>
        <source>Headers:</source>
        <translation>ヘッダー:</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>転送</translation>
    </message>
    <message>
        <source>Stop forwarding</source>
        <translation>転送を停止</translation>
    </message>
    <message>
        <source>Not forwarding.</source>
        <translation>転送していません。</translation>
    </message>
    <message>
        <source>Forwarding to %1 (%2).</source>
        <translation>%1 (%2) に転送中。</translation>
    </message>
    <message>
        <source>Forwarding to %1 (%2) with the headers %3; enter their values again to change the upstream.</source>
        <translation>%1 (%2) にヘッダー %3 付きで転送中。上流を変更するにはヘッダーの値を再入力してください。</translation>
    </message>
</context>
<context>
    <name>kansoku::GuiMode</name>
    <message>
        <source>Session limits: %1</source>
        <translation>セッションの制限: %1</translation>
    </message>
    <message>
        <source>Clearing the session data…</source>
        <translation>セッションデータを消去中…</translation>
    </message>
    <message>
        <source>Kansoku</source>
        <translation>Kansoku</translation>
    </message>
    <message>
        <source>Trace %1 is not in this session</source>
        <translation>トレース %1 はこのセッションにありません</translation>
    </message>
    <message>
        <source>Session data cleared</source>
        <translation>セッションデータを消去しました</translation>
    </message>
</context>
<context>
    <name>kansoku::ImportProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop importing; what was imported so far stays in the session</source>
        <translation>インポートを中止します。それまでにインポートしたものはセッションに残ります</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>詳細…</translation>
    </message>
    <message>
        <source>Each file&apos;s counts and every skipped line or message</source>
        <translation>各ファイルの件数と、スキップしたすべての行やメッセージ</translation>
    </message>
    <message>
        <source>Hide the import summary</source>
        <translation>インポートの概要を隠す</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 をインポート中</translation>
    </message>
    <message>
        <source> (%1 of %2)</source>
        <translation> (%2 中 %1)</translation>
    </message>
    <message>
        <source>Import cancelled: </source>
        <translation>インポートをキャンセルしました: </translation>
    </message>
    <message>
        <source>Imported </source>
        <translation>インポートしました: </translation>
    </message>
    <message>
        <source> · %1 of %2 MB · %3</source>
        <translation> · %2 MB 中 %1 MB · %3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 項目</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%2 から%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln ファイル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln problem(s)</source>
        <translation>
            <numerusform> · 問題 %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1、%2、%3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln metric point(s)</source>
        <translation>
            <numerusform>メトリクスのポイント %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>ログ %Ln 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ImportSummaryDialog</name>
    <message>
        <source>Import summary</source>
        <translation>インポートの概要</translation>
    </message>
    <message>
        <source>unknown format</source>
        <translation>不明な形式</translation>
    </message>
    <message>
        <source>%1 (%2): %3 — %4</source>
        <translation>%1 (%2): %3 — %4</translation>
    </message>
    <message numerus="yes">
        <source>  … and %Ln more problem(s) not listed</source>
        <translation>
            <numerusform>  … ほかに表示していない問題が %Ln 件あります</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::KeyboardShortcutsDialog</name>
    <message>
        <source>Window</source>
        <translation>ウィンドウ</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>コマンド</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
</context>
<context>
    <name>kansoku::LanListeningDialog</name>
    <message>
        <source>Listening on the LAN</source>
        <translation>LAN で受信待機中</translation>
    </message>
    <message>
        <source>The receivers listen on every network interface of this machine, on the same ports. Every export must carry the token: requests without it, or with another one, are refused (OTLP/HTTP 401 Unauthorized, OTLP/gRPC UNAUTHENTICATED). Apps on this machine need the token too.</source>
        <translation>レシーバーは、このマシンのすべてのネットワークインターフェースの同じポートで受信待機します。すべてのエクスポートにトークンが必要です: トークンがない、または異なるトークンのリクエストは拒否されます（OTLP/HTTP 401 Unauthorized、OTLP/gRPC UNAUTHENTICATED）。このマシン上のアプリにもトークンが必要です。</translation>
    </message>
    <message>
        <source>Participants set these variables for their app:</source>
        <translation>参加者は自分のアプリに次の変数を設定します:</translation>
    </message>
    <message>
        <source>No network address was found: participants use this machine&apos;s address with the ports shown in the status bar.</source>
        <translation>ネットワークアドレスが見つかりませんでした: 参加者は、このマシンのアドレスとステータスバーに表示されているポートを使います。</translation>
    </message>
    <message>
        <source>This machine&apos;s LAN addresses: %1</source>
        <translation>このマシンの LAN アドレス: %1</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy this line to the clipboard</source>
        <translation>この行をクリップボードにコピー</translation>
    </message>
</context>
<context>
    <name>kansoku::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Takes effect after a restart</source>
        <translation>再起動後に反映されます</translation>
    </message>
</context>
<context>
    <name>kansoku::LogDetailsModel</name>
    <message>
        <source>unset</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>severity text</source>
        <translation>重大度テキスト</translation>
    </message>
    <message>
        <source>time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>observed time</source>
        <translation>観測時刻</translation>
    </message>
    <message>
        <source>trace id</source>
        <translation>トレース ID</translation>
    </message>
    <message>
        <source>span id</source>
        <translation>スパン ID</translation>
    </message>
    <message>
        <source>event name</source>
        <translation>イベント名</translation>
    </message>
    <message>
        <source>flags</source>
        <translation>フラグ</translation>
    </message>
    <message>
        <source> (sampled)</source>
        <translation> (サンプリング済み)</translation>
    </message>
    <message>
        <source>dropped attributes</source>
        <translation>破棄された属性</translation>
    </message>
    <message>
        <source>storage row</source>
        <translation>保存行</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>リソース</translation>
    </message>
    <message>
        <source>schema url</source>
        <translation>スキーマ URL</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>スコープ</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
</context>
<context>
    <name>kansoku::LogDetailsView</name>
    <message>
        <source>Open trace</source>
        <translation>トレースを開く</translation>
    </message>
    <message>
        <source>Open this log&apos;s trace in the traces pane and select its span</source>
        <translation>このログのトレースをトレースペインで開き、そのスパンを選択</translation>
    </message>
    <message>
        <source>Copy trace id</source>
        <translation>トレース ID をコピー</translation>
    </message>
    <message>
        <source>Copy span id</source>
        <translation>スパン ID をコピー</translation>
    </message>
    <message>
        <source>no time</source>
        <translation>時刻なし</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;event &lt;i&gt;%1&lt;/i&gt;</source>
        <translation>&amp;nbsp;&amp;nbsp;イベント &lt;i&gt;%1&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&amp;nbsp;&amp;nbsp;&lt;span style=&quot;color:gray&quot;&gt;body: %1&lt;/span&gt;</source>
        <translation>&amp;nbsp;&amp;nbsp;&lt;span style=&quot;color:gray&quot;&gt;本文: %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>no trace context</source>
        <translation>トレースコンテキストなし</translation>
    </message>
    <message>
        <source>trace %1  span %2</source>
        <translation>トレース %1  スパン %2</translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation>トレース %1</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:gray&quot;&gt;Select a log to see its body, attributes and resource.&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:gray&quot;&gt;ログを選択すると、本文、属性、リソースが表示されます。&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>kansoku::LogTableModel</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>Time: %1
Observed: %2</source>
        <translation>時刻: %1
観測: %2</translation>
    </message>
    <message>
        <source>SeverityNumber %1, text “%2”</source>
        <translation>SeverityNumber %1、テキスト「%2」</translation>
    </message>
    <message>
        <source>Open trace %1</source>
        <translation>トレース %1 を開く</translation>
    </message>
    <message>
        <source>Open trace %1
and select span %2</source>
        <translation>トレース %1 を開き、
スパン %2 を選択</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>トレース</translation>
    </message>
</context>
<context>
    <name>kansoku::LogsPane</name>
    <message>
        <source>Export results as OTLP JSON lines…</source>
        <translation>結果を OTLP JSON Lines としてエクスポート…</translation>
    </message>
    <message>
        <source>OTLP JSON lines (*.jsonl)</source>
        <translation>OTLP JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>logs</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Export results as CSV…</source>
        <translation>結果を CSV としてエクスポート…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Search the log bodies and attribute values&lt;/b&gt; (whole words, case and accents ignored):&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;timeout retry&lt;/tt&gt; both words &amp;nbsp; &lt;tt&gt;&quot;connection refused&quot;&lt;/tt&gt; a phrase &amp;nbsp; &lt;tt&gt;refus*&lt;/tt&gt; a prefix&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;timeout OR refused&lt;/tt&gt;, &lt;tt&gt;timeout NOT retry&lt;/tt&gt;, &lt;tt&gt;(a OR b) c&lt;/tt&gt; — operators in capitals&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;body:word&lt;/tt&gt;, &lt;tt&gt;attributes:word&lt;/tt&gt; one column only&lt;br&gt;&lt;b&gt;Filters&lt;/b&gt; (anywhere outside parentheses):&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;severity&amp;gt;=warn&lt;/tt&gt; &amp;nbsp; &lt;tt&gt;service:checkout&lt;/tt&gt; &amp;nbsp; &lt;tt&gt;trace:&amp;lt;32 hex&amp;gt;&lt;/tt&gt; &amp;nbsp; &lt;tt&gt;span:&amp;lt;16 hex&amp;gt;&lt;/tt&gt;&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;http.method=GET&lt;/tt&gt; or &lt;tt&gt;user.id:42&lt;/tt&gt; an attribute&apos;s exact value; &lt;tt&gt;key:&quot;two words&quot;&lt;/tt&gt;&lt;br&gt;Quote text containing &lt;tt&gt;: = * -&lt;/tt&gt; to search for it literally.</source>
        <translation>&lt;b&gt;ログの本文と属性値を検索&lt;/b&gt;（単語単位、大文字小文字とアクセントは区別しません）:&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;timeout retry&lt;/tt&gt; 両方の単語 &amp;nbsp; &lt;tt&gt;&quot;connection refused&quot;&lt;/tt&gt; フレーズ &amp;nbsp; &lt;tt&gt;refus*&lt;/tt&gt; 前方一致&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;timeout OR refused&lt;/tt&gt;、&lt;tt&gt;timeout NOT retry&lt;/tt&gt;、&lt;tt&gt;(a OR b) c&lt;/tt&gt; — 演算子は大文字&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;body:word&lt;/tt&gt;、&lt;tt&gt;attributes:word&lt;/tt&gt; 1 つの列だけ&lt;br&gt;&lt;b&gt;フィルター&lt;/b&gt;（括弧の外ならどこでも）:&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;severity&amp;gt;=warn&lt;/tt&gt; &amp;nbsp; &lt;tt&gt;service:checkout&lt;/tt&gt; &amp;nbsp; &lt;tt&gt;trace:&amp;lt;32 hex&amp;gt;&lt;/tt&gt; &amp;nbsp; &lt;tt&gt;span:&amp;lt;16 hex&amp;gt;&lt;/tt&gt;&lt;br&gt;&amp;nbsp;&amp;nbsp;&lt;tt&gt;http.method=GET&lt;/tt&gt; または &lt;tt&gt;user.id:42&lt;/tt&gt; 属性の値に完全一致。&lt;tt&gt;key:&quot;two words&quot;&lt;/tt&gt;&lt;br&gt;&lt;tt&gt;: = * -&lt;/tt&gt; を含むテキストを文字どおり検索するには引用符で囲みます。</translation>
    </message>
    <message>
        <source>Search logs: words, &quot;phrases&quot;, prefix*, AND/OR/NOT · severity&gt;=warn service:x trace:id key=value</source>
        <translation>ログを検索: 単語、&quot;フレーズ&quot;、前方一致*、AND/OR/NOT · severity&gt;=warn service:x trace:id key=value</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>すべての重大度</translation>
    </message>
    <message>
        <source>Show logs of at least this severity</source>
        <translation>この重大度以上のログを表示</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <source>trace %1</source>
        <translation>トレース %1</translation>
    </message>
    <message>
        <source>Showing the logs of trace %1 from every service. Click to show all logs again.</source>
        <translation>すべてのサービスから、トレース %1 のログを表示しています。クリックするとすべてのログに戻ります。</translation>
    </message>
    <message>
        <source>span %1 of trace %2</source>
        <translation>トレース %2 のスパン %1</translation>
    </message>
    <message>
        <source>Showing the logs of span %1 of trace %2 from every service. Click to show all logs again.</source>
        <translation>すべてのサービスから、トレース %2 のスパン %1 のログを表示しています。クリックするとすべてのログに戻ります。</translation>
    </message>
    <message>
        <source>No logs match these filters in the selected time range.</source>
        <translation>選択した時間範囲に、これらのフィルターに一致するログはありません。</translation>
    </message>
    <message>
        <source>No logs in the selected time range.
Logs sent over OTLP appear here as they arrive.</source>
        <translation>選択した時間範囲にログはありません。
OTLP で送信されたログは、届き次第ここに表示されます。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>%Ln 件のログ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::MetricBrowserModel</name>
    <message>
        <source>delta</source>
        <translation>デルタ</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>累積</translation>
    </message>
    <message>
        <source>gauge</source>
        <translation>ゲージ</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>カウンター</translation>
    </message>
    <message>
        <source>up-down counter</source>
        <translation>アップダウンカウンター</translation>
    </message>
    <message>
        <source>histogram</source>
        <translation>ヒストグラム</translation>
    </message>
    <message>
        <source>exp. histogram</source>
        <translation>指数ヒストグラム</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>サマリー</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message numerus="yes">
        <source>%n metric(s)</source>
        <translation>
            <numerusform>メトリクス %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>メトリクス</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>単位</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <source>, unit %1</source>
        <translation>、単位 %1</translation>
    </message>
</context>
<context>
    <name>kansoku::MetricChartPanel</name>
    <message>
        <source>Log scale</source>
        <translation>対数スケール</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>凡例</translation>
    </message>
    <message>
        <source>Exemplars</source>
        <translation>エグザンプラー</translation>
    </message>
    <message>
        <source>Show the legend under the chart (click an entry to hide its line)</source>
        <translation>チャートの下に凡例を表示（項目をクリックするとその線を隠します）</translation>
    </message>
    <message>
        <source>Rate per second</source>
        <translation>毎秒のレート</translation>
    </message>
    <message>
        <source>Raw values</source>
        <translation>生の値</translation>
    </message>
    <message>
        <source>Counters: per-second rate (resets handled) or the values as sent</source>
        <translation>カウンター: 毎秒のレート（リセットを考慮）または送信されたままの値</translation>
    </message>
    <message>
        <source>One line per value of an attribute: sums are added up, gauges averaged, histogram buckets merged</source>
        <translation>属性の値ごとに 1 本の線: 合計は加算、ゲージは平均、ヒストグラムのバケットは統合</translation>
    </message>
    <message>
        <source>p50 · p90 · p99</source>
        <translation>p50 · p90 · p99</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>ヒートマップ</translation>
    </message>
    <message>
        <source>Select a metric on the left</source>
        <translation>左でメトリクスを選択してください</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>グループ化なし</translation>
    </message>
    <message>
        <source>Group by %1</source>
        <translation>%1 でグループ化</translation>
    </message>
    <message>
        <source>No values of this metric in the range</source>
        <translation>この範囲にこのメトリクスの値はありません</translation>
    </message>
    <message>
        <source>No points of this metric in the range</source>
        <translation>この範囲にこのメトリクスのポイントはありません</translation>
    </message>
    <message numerus="yes">
        <source>Show the %n exemplar(s) in view: measurements recorded with their span (click one to open its trace at that span)</source>
        <translation>
            <numerusform>表示中のエグザンプラー %n 個を表示: スパン付きで記録された測定値（クリックするとそのスパンでトレースを開きます）</numerusform>
        </translation>
    </message>
    <message>
        <source>Exemplars are shown with the quantile lines, not in this view</source>
        <translation>エグザンプラーは分位数の線と一緒に表示されます。このビューには表示されません</translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>%n 系列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n ポイント</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more series not shown</source>
        <translation>
            <numerusform>表示していない系列があと %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>Lines by %1</source>
        <translation>%1 ごとの線</translation>
    </message>
    <message>
        <source>all: %1</source>
        <translation>すべて: %1</translation>
    </message>
</context>
<context>
    <name>kansoku::MetricsPane</name>
    <message>
        <source>Filter metrics by name</source>
        <translation>メトリクスを名前で絞り込む</translation>
    </message>
    <message>
        <source>No metrics in this time range</source>
        <translation>この時間範囲にメトリクスはありません</translation>
    </message>
    <message>
        <source>No metric matches “%1”</source>
        <translation>「%1」に一致するメトリクスはありません</translation>
    </message>
    <message>
        <source>Select a metric on the left</source>
        <translation>左でメトリクスを選択してください</translation>
    </message>
    <message>
        <source>Export streams as OTLP JSON lines…</source>
        <translation>ストリームを OTLP JSON Lines としてエクスポート…</translation>
    </message>
    <message>
        <source>OTLP JSON lines (*.jsonl)</source>
        <translation>OTLP JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>data points</source>
        <translation>データポイント</translation>
    </message>
    <message>
        <source>Select a metric to export</source>
        <translation>エクスポートするメトリクスを選択してください</translation>
    </message>
    <message>
        <source>Export chart points as CSV…</source>
        <translation>チャートのポイントを CSV としてエクスポート…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>points</source>
        <translation>ポイント</translation>
    </message>
    <message>
        <source>The chart shows no series to export</source>
        <translation>チャートにエクスポートする系列がありません</translation>
    </message>
    <message>
        <source>chart</source>
        <translation>チャート</translation>
    </message>
</context>
<context>
    <name>kansoku::PaneTitleBar</name>
    <message>
        <source>Close this pane (View menu brings it back)</source>
        <translation>このペインを閉じる（表示メニューから戻せます）</translation>
    </message>
    <message>
        <source>Restore the other panes</source>
        <translation>他のペインを元に戻す</translation>
    </message>
    <message>
        <source>Maximise this pane (double-click the title)</source>
        <translation>このペインを最大化（タイトルをダブルクリック）</translation>
    </message>
</context>
<context>
    <name>kansoku::ReceiveController</name>
    <message>
        <source>Saved forwarding to %1 not resumed: %2</source>
        <translation>保存されていた %1 への転送を再開しませんでした: %2</translation>
    </message>
    <message>
        <source>Receiving paused: senders are told to retry later</source>
        <translation>受信を一時停止しました: 送信元には後で再試行するよう伝えます</translation>
    </message>
    <message>
        <source>Receiving resumed</source>
        <translation>受信を再開しました</translation>
    </message>
    <message>
        <source>Upstream URL</source>
        <translation>上流の URL</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>ヘッダー</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Upstream URL: %1</source>
        <translation>上流の URL: %1</translation>
    </message>
    <message>
        <source>Forwarding to %1</source>
        <translation>%1 に転送中</translation>
    </message>
    <message>
        <source>Forwarding stopped</source>
        <translation>転送を停止しました</translation>
    </message>
    <message>
        <source>Listen on the LAN</source>
        <translation>LAN で受信待機</translation>
    </message>
    <message>
        <source>Listen on this machine only</source>
        <translation>このマシンだけで受信待機</translation>
    </message>
    <message>
        <source>The receivers could not listen there, so they listen as before.
%1</source>
        <translation>レシーバーはそこで受信待機できなかったため、これまでどおり受信待機しています。
%1</translation>
    </message>
    <message>
        <source>Listening on the LAN: exports must carry the token</source>
        <translation>LAN で受信待機中: エクスポートにはトークンが必要です</translation>
    </message>
    <message>
        <source>Listening on this machine only (127.0.0.1)</source>
        <translation>このマシンだけで受信待機中 (127.0.0.1)</translation>
    </message>
</context>
<context>
    <name>kansoku::ReceiveMenu</name>
    <message>
        <source>&amp;Receive</source>
        <translation>受信(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Pause receiving</source>
        <translation>受信を一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>Answer senders &quot;unavailable, retry later&quot; until resumed: they keep their data and send it once receiving resumes</source>
        <translation>再開するまで送信元に「利用不可、後で再試行」と応答します。送信元はデータを保持し、受信が再開されると送信します</translation>
    </message>
    <message>
        <source>&amp;Forwarding…</source>
        <translation>転送(&amp;F)…</translation>
    </message>
    <message>
        <source>Listen on the &amp;LAN…</source>
        <translation>LAN で受信待機(&amp;L)…</translation>
    </message>
    <message>
        <source>Let apps on other machines send here (a training room): the receivers listen on every interface and require a token</source>
        <translation>他のマシンのアプリからここへ送信できるようにします（トレーニングルーム）: レシーバーはすべてのインターフェースで受信待機し、トークンを要求します</translation>
    </message>
</context>
<context>
    <name>kansoku::ReplayController</name>
    <message>
        <source>Endpoint: %1</source>
        <translation>エンドポイント: %1</translation>
    </message>
    <message>
        <source>Protocol: %1</source>
        <translation>プロトコル: %1</translation>
    </message>
    <message>
        <source>%1 is this Kansoku&apos;s own receiver: the session would be sent into itself. Replay into another Kansoku or a Collector.</source>
        <translation>%1 はこの Kansoku 自身のレシーバーです: セッションが自分自身に送信されてしまいます。別の Kansoku または Collector にリプレイしてください。</translation>
    </message>
    <message>
        <source>The session is not open</source>
        <translation>セッションが開いていません</translation>
    </message>
    <message>
        <source>The session holds no telemetry to replay</source>
        <translation>セッションにリプレイするテレメトリがありません</translation>
    </message>
    <message>
        <source>The selected time range holds no telemetry</source>
        <translation>選択した時間範囲にテレメトリがありません</translation>
    </message>
    <message>
        <source>Cancelled before sending anything</source>
        <translation>何も送信しないうちにキャンセルしました</translation>
    </message>
    <message>
        <source>Replay failed: %1</source>
        <translation>リプレイに失敗しました: %1</translation>
    </message>
    <message>
        <source>Replay: %1</source>
        <translation>リプレイ: %1</translation>
    </message>
    <message numerus="yes">
        <source>Replay failed after %Ln item(s): %1</source>
        <translation>
            <numerusform>%Ln 項目を送信した後でリプレイに失敗しました: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %Ln item(s)</source>
        <translation>
            <numerusform>%Ln 項目中 %1 項目を送信した後でキャンセルしました</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: %1 (%2, %3, %4) in %5</source>
        <translation>完了: %1（%2、%3、%4）を%5で送信</translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 項目</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>ログ %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln data point(s)</source>
        <translation>
            <numerusform>データポイント %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>リクエスト %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; the receiver rejected %Ln item(s)</source>
        <translation>
            <numerusform>。レシーバーが %Ln 項目を拒否しました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ReplayDialog</name>
    <message>
        <source>Replay into…</source>
        <translation>リプレイ送信…</translation>
    </message>
    <message>
        <source>Sends this session&apos;s telemetry again as OTLP to another Kansoku or a Collector, with its timestamps moved to now and its relative timing kept, scaled by the speed. Ids stay as recorded, so replay into a fresh session.</source>
        <translation>このセッションのテレメトリを OTLP で別の Kansoku または Collector に再送信します。タイムスタンプは現在に移し、相対的なタイミングは速度に応じて伸縮して保ちます。ID は記録されたままなので、新しいセッションにリプレイしてください。</translation>
    </message>
    <message>
        <source>The receiver to send to: http:// or https://, for gRPC its port (4317 by default)</source>
        <translation>送信先のレシーバー: http:// または https://。gRPC ではそのポート（既定は 4317）</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>エンドポイント:</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>プロトコル:</translation>
    </message>
    <message>
        <source>The whole session</source>
        <translation>セッション全体</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>範囲:</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>10×: ten recorded minutes are sent in one</source>
        <translation>10×: 記録された 10 分間を 1 分で送信します</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度:</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Cancel replay</source>
        <translation>リプレイをキャンセル</translation>
    </message>
    <message>
        <source>The selected time range, %1 to %2</source>
        <translation>選択した時間範囲（%1 から %2）</translation>
    </message>
    <message>
        <source>The selected time range</source>
        <translation>選択した時間範囲</translation>
    </message>
    <message>
        <source>Counting what to send…</source>
        <translation>送信する項目を集計中…</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln item(s) sent · %2 left</source>
        <translation>
            <numerusform>%Ln 項目中 %1 項目を送信済み · 残り %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::RunComparisonTable</name>
    <message>
        <source>Operation / statement</source>
        <translation>オペレーション / ステートメント</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <source>Calls per request</source>
        <translation>リクエストあたりの呼び出し</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Time per request</source>
        <translation>リクエストあたりの時間</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>影響</translation>
    </message>
    <message>
        <source>The time the change adds (+) or saves (−) over the larger run: the change in time per request times its requests. Rows are sorted by it.</source>
        <translation>変更によって、リクエスト数の多い方の実行全体で増える (+) または減る (−) 時間: リクエストあたりの時間の変化 × そのリクエスト数。行はこの値で並べ替えられます。</translation>
    </message>
    <message>
        <source>%1 › `%2`</source>
        <translation>%1 › `%2`</translation>
    </message>
    <message>
        <source>appeared</source>
        <translation>出現</translation>
    </message>
    <message>
        <source>vanished</source>
        <translation>消失</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>悪化</translation>
    </message>
</context>
<context>
    <name>kansoku::RuntimeStatsLog</name>
    <message>
        <source>Cannot write the statistics log %1: %2</source>
        <translation>統計ログ %1 に書き込めません: %2</translation>
    </message>
</context>
<context>
    <name>kansoku::ServiceMapPane</name>
    <message>
        <source>No traces in this time range.</source>
        <translation>この時間範囲にトレースはありません。</translation>
    </message>
    <message>
        <source>No traces through %1 in this time range.</source>
        <translation>この時間範囲に %1 を通るトレースはありません。</translation>
    </message>
    <message>
        <source>Could not map the services: %1</source>
        <translation>サービスをマップできませんでした: %1</translation>
    </message>
    <message>
        <source>Mapping the services of this range…</source>
        <translation>この範囲のサービスをマップ中…</translation>
    </message>
    <message>
        <source> through %1</source>
        <translation> （%1 経由）</translation>
    </message>
    <message>
        <source> · click a service or call to filter every pane</source>
        <translation> · サービスや呼び出しをクリックするとすべてのペインを絞り込みます</translation>
    </message>
    <message>
        <source> · updating…</source>
        <translation> · 更新中…</translation>
    </message>
    <message>
        <source>%1, %2, %3 from %4</source>
        <translation>%1、%2、%3（%4から）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>サービス %Ln 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other(s)</source>
        <translation>
            <numerusform>その他 %Ln 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>呼び出し %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>トレース %Ln 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ServiceMapView</name>
    <message>
        <source>service</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>database</source>
        <translation>データベース</translation>
    </message>
    <message>
        <source>external</source>
        <translation>外部</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Traces start here</source>
        <translation>トレースはここから始まります</translation>
    </message>
    <message>
        <source>%1 failed (%2)</source>
        <translation>%1 件失敗 (%2)</translation>
    </message>
    <message>
        <source>Click to select its first span</source>
        <translation>クリックすると最初のスパンを選択します</translation>
    </message>
    <message>
        <source>Click to show only the service that calls it most</source>
        <translation>クリックすると最も多く呼び出しているサービスだけを表示します</translation>
    </message>
    <message>
        <source>Click to show every service again</source>
        <translation>クリックするとすべてのサービスを再び表示します</translation>
    </message>
    <message>
        <source>Click to show only traces through %1 in every pane</source>
        <translation>クリックすると、すべてのペインで %1 を通るトレースだけを表示します</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>p95 %1</source>
        <translation>p95 %1</translation>
    </message>
    <message>
        <source>Click to show only traces through %1</source>
        <translation>クリックすると %1 を通るトレースだけを表示します</translation>
    </message>
    <message>
        <source> · %1 err</source>
        <translation> · エラー %1</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) served</source>
        <translation>
            <numerusform>処理したリクエスト %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s); it reports no spans itself</source>
        <translation>
            <numerusform>呼び出し %Ln 件。自身はスパンを報告していません</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>呼び出し %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>kansoku::SessionController</name>
    <message>
        <source>Cannot import</source>
        <translation>インポートできません</translation>
    </message>
    <message>
        <source>The open session %1 is read-only, so nothing can be imported into it. Open or create a session you can write to (File &gt; New session…), then import again.</source>
        <translation>開いているセッション %1 は読み取り専用のため、インポートできません。書き込み可能なセッションを開くか作成して（ファイル &gt; 新しいセッション…）、もう一度インポートしてください。</translation>
    </message>
    <message>
        <source>New session</source>
        <translation>新しいセッション</translation>
    </message>
    <message>
        <source>%1 is the open session; choose another file name.</source>
        <translation>%1 は開いているセッションです。別のファイル名を選んでください。</translation>
    </message>
    <message>
        <source>Cannot replace %1.</source>
        <translation>%1 を置き換えられません。</translation>
    </message>
    <message>
        <source>Save session as</source>
        <translation>名前を付けてセッションを保存</translation>
    </message>
    <message>
        <source>Saving a copy of the session as %1…</source>
        <translation>セッションのコピーを %1 として保存中…</translation>
    </message>
    <message>
        <source>Saved; now working in %1</source>
        <translation>保存しました。%1 で作業を続けます</translation>
    </message>
    <message>
        <source>Cannot open the session</source>
        <translation>セッションを開けません</translation>
    </message>
    <message>
        <source>Receivers</source>
        <translation>レシーバー</translation>
    </message>
</context>
<context>
    <name>kansoku::SessionLimitsDialog</name>
    <message>
        <source>Session limits</source>
        <translation>セッションの制限</translation>
    </message>
    <message>
        <source>Kansoku deletes the session&apos;s oldest telemetry (whole traces, logs, metric points) in the background to stay within these limits. They are stored in the session file.</source>
        <translation>Kansoku はこの制限内に収まるよう、セッションの古いテレメトリ（トレース全体、ログ、メトリクスのポイント）をバックグラウンドで削除します。制限はセッションファイルに保存されます。</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>No size cap</source>
        <translation>サイズ上限なし</translation>
    </message>
    <message>
        <source>e.g. 90m, 12h, 7d; off</source>
        <translation>例: 90m、12h、7d、off</translation>
    </message>
    <message>
        <source>Size cap:</source>
        <translation>サイズ上限:</translation>
    </message>
    <message>
        <source>Keep the last:</source>
        <translation>保持する期間:</translation>
    </message>
    <message>
        <source>Now:</source>
        <translation>現在:</translation>
    </message>
    <message>
        <source>Not a duration: a number with m, h, d or w, or off</source>
        <translation>期間ではありません: m、h、d、w の付いた数値、または off</translation>
    </message>
</context>
<context>
    <name>kansoku::SpanDetailsModel</name>
    <message>
        <source>Span</source>
        <translation>スパン</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Status message</source>
        <translation>ステータスメッセージ</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Span ID</source>
        <translation>スパン ID</translation>
    </message>
    <message>
        <source>Parent ID</source>
        <translation>親 ID</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(ルート)</translation>
    </message>
    <message>
        <source>Trace ID</source>
        <translation>トレース ID</translation>
    </message>
    <message>
        <source>Trace state</source>
        <translation>トレース状態</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>破棄</translation>
    </message>
    <message>
        <source>Attributes (%1)</source>
        <translation>属性 (%1)</translation>
    </message>
    <message>
        <source>Events (%1)</source>
        <translation>イベント (%1)</translation>
    </message>
    <message>
        <source>event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <source>Links (%1)</source>
        <translation>リンク (%1)</translation>
    </message>
    <message>
        <source>span in this trace</source>
        <translation>このトレース内のスパン</translation>
    </message>
    <message>
        <source>span in trace</source>
        <translation>トレース内のスパン</translation>
    </message>
    <message>
        <source>link</source>
        <translation>リンク</translation>
    </message>
    <message>
        <source>Resource (%1)</source>
        <translation>リソース (%1)</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>スコープ</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Open linked span %1</source>
        <translation>リンク先のスパン %1 を開く</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>%1, %2, %3</source>
        <translation>%1、%2、%3</translation>
    </message>
    <message numerus="yes">
        <source>%Ln attribute(s)</source>
        <translation>
            <numerusform>属性 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>イベント %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln link(s)</source>
        <translation>
            <numerusform>リンク %Ln</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::SpanDetailsView</name>
    <message>
        <source>Logs of this span</source>
        <translation>このスパンのログ</translation>
    </message>
    <message>
        <source>Logs of this trace</source>
        <translation>このトレースのログ</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>値をコピー</translation>
    </message>
    <message>
        <source>No span selected</source>
        <translation>スパンが選択されていません</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Unset</source>
        <translation>未設定</translation>
    </message>
    <message>
        <source>Status: %1&lt;br&gt;Duration: &lt;b&gt;%2&lt;/b&gt; · self %3 · starts at +%4</source>
        <translation>ステータス: %1&lt;br&gt;所要時間: &lt;b&gt;%2&lt;/b&gt; · セルフ %3 · 開始 +%4</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>リソース</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>スコープ</translation>
    </message>
    <message>
        <source>Copy key=value</source>
        <translation>key=value をコピー</translation>
    </message>
    <message>
        <source>Open linked span</source>
        <translation>リンク先のスパンを開く</translation>
    </message>
</context>
<context>
    <name>kansoku::StatusWindow</name>
    <message>
        <source>OTLP receivers</source>
        <translation>OTLP レシーバー</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>プロトコル</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Training room</source>
        <translation>トレーニングルーム</translation>
    </message>
    <message>
        <source>Exports must carry the token. Participants set:</source>
        <translation>エクスポートにはトークンが必要です。参加者は次を設定します:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy these lines to the clipboard</source>
        <translation>これらの行をクリップボードにコピー</translation>
    </message>
    <message>
        <source>Telemetry</source>
        <translation>テレメトリ</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>シグナル</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受信</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Malformed requests</source>
        <translation>不正なリクエスト</translation>
    </message>
    <message>
        <source>Refused (queue full)</source>
        <translation>拒否（キューが満杯）</translation>
    </message>
    <message>
        <source>Unauthorized requests</source>
        <translation>認証されていないリクエスト</translation>
    </message>
    <message>
        <source>Requests refused while paused</source>
        <translation>一時停止中に拒否したリクエスト</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>スパン</translation>
    </message>
    <message>
        <source>Metric data points</source>
        <translation>メトリクスのデータポイント</translation>
    </message>
    <message>
        <source>Log records</source>
        <translation>ログレコード</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>転送</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>クライアント</translation>
    </message>
    <message>
        <source>Session database</source>
        <translation>セッションデータベース</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Write queue:</source>
        <translation>書き込みキュー:</translation>
    </message>
    <message>
        <source>The session&apos;s limits (File › Session limits…): the oldest telemetry is deleted to stay within them</source>
        <translation>セッションの制限（ファイル › セッションの制限…）: この制限内に収まるよう古いテレメトリが削除されます</translation>
    </message>
    <message>
        <source>Limits:</source>
        <translation>制限:</translation>
    </message>
    <message>
        <source>Retention:</source>
        <translation>保持:</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>起動中…</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>受信待機中</translation>
    </message>
    <message>
        <source>Not listening: %1</source>
        <translation>受信待機していません: %1</translation>
    </message>
    <message>
        <source>No receiver is listening, so nothing can be received.</source>
        <translation>受信待機中のレシーバーがないため、何も受信できません。</translation>
    </message>
    <message>
        <source>Point an OpenTelemetry SDK at Kansoku:&lt;br&gt;%1</source>
        <translation>OpenTelemetry SDK の送信先を Kansoku に設定してください:&lt;br&gt;%1</translation>
    </message>
    <message>
        <source>No receiver is listening</source>
        <translation>受信待機中のレシーバーがありません</translation>
    </message>
    <message>
        <source>Receiving on %1</source>
        <translation>%1 で受信中</translation>
    </message>
    <message>
        <source>&lt;br&gt;Last failure: %1</source>
        <translation>&lt;br&gt;最後の失敗: %1</translation>
    </message>
    <message>
        <source>Copied the participants&apos; lines</source>
        <translation>参加者用の行をコピーしました</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (the writer commits %2 items/s)</source>
        <translation>%1（書き込み %2 項目/秒）</translation>
    </message>
    <message>
        <source>Storage error: %1</source>
        <translation>ストレージエラー: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>リクエスト %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 項目</numerusform>
        </translation>
    </message>
    <message>
        <source>To %1&lt;br&gt;Forwarded: %2 (%3) · Waiting: %4 (%5 of %6) · Retries: %7 · Dropped: %8 (%9)</source>
        <translation>送信先 %1&lt;br&gt;転送済み: %2（%3） · 待機中: %4（%6 中 %5） · 再試行: %7 · 破棄: %8（%9）</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln item(s) waiting</source>
        <translation>
            <numerusform>%Ln 項目中 %1 項目が待機中</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TimeRangeBar</name>
    <message>
        <source>5 m</source>
        <translation>5 分</translation>
    </message>
    <message>
        <source>15 m</source>
        <translation>15 分</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 時間</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 時間</translation>
    </message>
    <message>
        <source>All</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Everything in the session</source>
        <translation>セッション内のすべて</translation>
    </message>
    <message>
        <source>The last %1 of the session&apos;s data</source>
        <translation>セッションのデータの直近 %1</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>カスタム…</translation>
    </message>
    <message>
        <source>Pick a start and end; dragging across any chart also sets a custom range</source>
        <translation>開始と終了を選びます。チャート上をドラッグしてもカスタム範囲を設定できます</translation>
    </message>
    <message>
        <source>● Follow live</source>
        <translation>● ライブ追従</translation>
    </message>
    <message>
        <source>Keep the range on the newest data as it arrives</source>
        <translation>新しいデータが届くたびに範囲を最新に合わせます</translation>
    </message>
    <message>
        <source>all time (no data yet)</source>
        <translation>全期間（データはまだありません）</translation>
    </message>
    <message>
        <source>%1 – %2 (%3)</source>
        <translation>%1 – %2 (%3)</translation>
    </message>
    <message>
        <source> · following new data</source>
        <translation> · 新しいデータに追従中</translation>
    </message>
</context>
<context>
    <name>kansoku::TimeRangeDialog</name>
    <message>
        <source>Custom time range</source>
        <translation>カスタム時間範囲</translation>
    </message>
    <message>
        <source>From (local time):</source>
        <translation>開始（ローカル時刻）:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>終了:</translation>
    </message>
    <message>
        <source>The end must be after the start.</source>
        <translation>終了は開始より後にしてください。</translation>
    </message>
</context>
<context>
    <name>kansoku::TraceComparisonModel</name>
    <message numerus="yes">
        <source>Only in trace A: %n call(s), %1</source>
        <translation>
            <numerusform>トレース A のみ: 呼び出し %n 件、%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only in trace B: %n call(s), %1</source>
        <translation>
            <numerusform>トレース B のみ: 呼び出し %n 件、%1</numerusform>
        </translation>
    </message>
    <message>
        <source>A: %1 call(s), %2 (self %3)
B: %4 call(s), %5 (self %6)</source>
        <translation>A: 呼び出し %1 件、%2（セルフ %3）
B: 呼び出し %4 件、%5（セルフ %6）</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>オペレーション</translation>
    </message>
    <message>
        <source>Calls A</source>
        <translation>呼び出し A</translation>
    </message>
    <message>
        <source>Calls B</source>
        <translation>呼び出し B</translation>
    </message>
    <message>
        <source>Δ calls</source>
        <translation>Δ 呼び出し</translation>
    </message>
    <message>
        <source>Time A</source>
        <translation>時間 A</translation>
    </message>
    <message>
        <source>Time B</source>
        <translation>時間 B</translation>
    </message>
    <message>
        <source>Δ time</source>
        <translation>Δ 時間</translation>
    </message>
</context>
<context>
    <name>kansoku::TraceComparisonWindow</name>
    <message>
        <source>Loading both traces…</source>
        <translation>両方のトレースを読み込み中…</translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation>差分のみ</translation>
    </message>
    <message>
        <source>Compare traces %1… and %2…</source>
        <translation>トレース %1… と %2… を比較</translation>
    </message>
    <message>
        <source>Trace %1 is not in this session (any more).</source>
        <translation>トレース %1 はこのセッションにありません（もうありません）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;A&lt;/b&gt; %1: %2, %3 &amp;nbsp; · &amp;nbsp; &lt;b&gt;B&lt;/b&gt; %4: %5, %6</source>
        <translation>&lt;b&gt;A&lt;/b&gt; %1: %2、%3 &amp;nbsp; · &amp;nbsp; &lt;b&gt;B&lt;/b&gt; %4: %5、%6</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln operation(s) only in A (struck out), %1 only in B (blue); Δ columns are B − A.</source>
        <translation>
            <numerusform>A のみのオペレーション %Ln 個（取り消し線）、B のみ %1 個（青）。Δ 列は B − A です。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TraceFilterBar</name>
    <message>
        <source>Errors only</source>
        <translation>エラーのみ</translation>
    </message>
    <message>
        <source>Traces with a span from this service</source>
        <translation>このサービスのスパンを含むトレース</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>すべてのサービス</translation>
    </message>
    <message>
        <source>All root operations</source>
        <translation>すべてのルートオペレーション</translation>
    </message>
    <message>
        <source>Root span name (exact)</source>
        <translation>ルートスパン名（完全一致）</translation>
    </message>
    <message>
        <source>min 250ms</source>
        <translation>最小 250ms</translation>
    </message>
    <message>
        <source>max 2s</source>
        <translation>最大 2s</translation>
    </message>
    <message>
        <source>Trace duration: 250ms, 1.5s, 800us, 2m (a bare number is ms)</source>
        <translation>トレースの所要時間: 250ms、1.5s、800us、2m（数値だけなら ms）</translation>
    </message>
    <message>
        <source>Traces with at least one span whose status is Error</source>
        <translation>ステータスが Error のスパンを 1 つ以上含むトレース</translation>
    </message>
    <message>
        <source>Attributes: key=value key2=&quot;a b&quot;</source>
        <translation>属性: key=value key2=&quot;a b&quot;</translation>
    </message>
    <message>
        <source>Every pair must match an attribute of some span of the trace</source>
        <translation>各ペアが、トレース内のいずれかのスパンの属性に一致する必要があります</translation>
    </message>
    <message>
        <source>Trace id (32 hex digits)</source>
        <translation>トレース ID（16 進数 32 桁）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>消去</translation>
    </message>
    <message>
        <source>Clear every trace filter</source>
        <translation>すべてのトレースフィルターを解除</translation>
    </message>
    <message>
        <source>Not a duration: use e.g. 250ms, 1.5s, 800us</source>
        <translation>期間ではありません: 例 250ms、1.5s、800us</translation>
    </message>
    <message>
        <source>This is the minimum: use &gt; or no sign</source>
        <translation>これは最小値です: &gt; を使うか、記号なしにしてください</translation>
    </message>
    <message>
        <source>This is the maximum: use &lt; or no sign</source>
        <translation>これは最大値です: &lt; を使うか、記号なしにしてください</translation>
    </message>
    <message>
        <source>Use key=value pairs separated by spaces; quote values with spaces</source>
        <translation>スペース区切りの key=value ペアを使います。スペースを含む値は引用符で囲んでください</translation>
    </message>
    <message>
        <source>A trace id is 32 hex digits</source>
        <translation>トレース ID は 16 進数 32 桁です</translation>
    </message>
</context>
<context>
    <name>kansoku::TraceInspector</name>
    <message>
        <source>Select a trace…</source>
        <translation>トレースを選択…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copy the trace id</source>
        <translation>トレース ID をコピー</translation>
    </message>
    <message>
        <source>Critical path</source>
        <translation>クリティカルパス</translation>
    </message>
    <message>
        <source>Mark the work that decided when the trace ended: walking back from the root&apos;s end through the child that finished last</source>
        <translation>トレースの終了時刻を決めた処理をマーク: ルートの終了から、最後に終わった子をたどって遡ります</translation>
    </message>
    <message>
        <source>New window</source>
        <translation>新しいウィンドウ</translation>
    </message>
    <message>
        <source>Open this trace in a window of its own, e.g. to set two traces side by side</source>
        <translation>このトレースを専用のウィンドウで開きます（例: 2 つのトレースを並べる）</translation>
    </message>
    <message>
        <source>Export this trace as OTLP JSON lines…</source>
        <translation>このトレースを OTLP JSON Lines としてエクスポート…</translation>
    </message>
    <message>
        <source>OTLP JSON lines (*.jsonl)</source>
        <translation>OTLP JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>spans</source>
        <translation>スパン</translation>
    </message>
    <message>
        <source>Waterfall</source>
        <translation>ウォーターフォール</translation>
    </message>
    <message>
        <source>Flame graph</source>
        <translation>フレームグラフ</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
    <message>
        <source>The services this trace passed through and the calls between them; click a service to select its first span</source>
        <translation>このトレースが通ったサービスと、その間の呼び出し。サービスをクリックすると最初のスパンを選択します</translation>
    </message>
    <message>
        <source>Empty trace</source>
        <translation>空のトレース</translation>
    </message>
    <message>
        <source>Started %1 · Duration &lt;b&gt;%2&lt;/b&gt; · %3</source>
        <translation>開始 %1 · 所要時間 &lt;b&gt;%2&lt;/b&gt; · %3</translation>
    </message>
    <message>
        <source>depth %1</source>
        <translation>深さ %1</translation>
    </message>
    <message>
        <source>no errors</source>
        <translation>エラーなし</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>比較…</translation>
    </message>
    <message>
        <source>Set this trace beside another one, merged by operation: what only one of them did, and how calls and time changed</source>
        <translation>このトレースを別のトレースと並べ、オペレーションごとにまとめて比較します: 片方だけが行った処理と、呼び出しと時間の変化</translation>
    </message>
    <message>
        <source>Another trace by its id…</source>
        <translation>ID で別のトレースを指定…</translation>
    </message>
    <message>
        <source>operation</source>
        <translation>オペレーション</translation>
    </message>
    <message>
        <source>The fastest “%1” in the time range</source>
        <translation>時間範囲内で最も速い “%1”</translation>
    </message>
    <message>
        <source>The slowest “%1” in the time range</source>
        <translation>時間範囲内で最も遅い “%1”</translation>
    </message>
    <message>
        <source>Compare with a trace</source>
        <translation>トレースと比較</translation>
    </message>
    <message>
        <source>Trace id (32 hex digits):</source>
        <translation>トレース ID（16 進数 32 桁）:</translation>
    </message>
    <message>
        <source>“%1” is not a trace id: it has 32 hex digits.</source>
        <translation>“%1” はトレース ID ではありません: トレース ID は 16 進数 32 桁です。</translation>
    </message>
    <message>
        <source>That is this trace; give the id of another one.</source>
        <translation>これはこのトレースです。別のトレースの ID を指定してください。</translation>
    </message>
    <message>
        <source>Find in trace: name, attribute, key=value  (Ctrl+F)</source>
        <translation>トレース内を検索: 名前、属性、key=value  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Words match part of a span&apos;s name, service, id, status message, event names or attribute keys and values (ignoring case); key=value matches one attribute, &quot;quotes&quot; hold spaces; every word must match. Enter: next match, Shift+Enter: previous, Esc: clear.</source>
        <translation>各単語は、スパンの名前、サービス、ID、ステータスメッセージ、イベント名、属性のキーと値の一部に一致します（大文字小文字は区別しません）。key=value は 1 つの属性に一致し、&quot;引用符&quot; で囲むと空白を含められます。すべての単語が一致する必要があります。Enter: 次の一致、Shift+Enter: 前の一致、Esc: クリア。</translation>
    </message>
    <message>
        <source>Only spans of this service</source>
        <translation>このサービスのスパンのみ</translation>
    </message>
    <message>
        <source>Only spans of this kind</source>
        <translation>この種類のスパンのみ</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>前の一致 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>次の一致 (F3)</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>すべてのサービス</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>Close the quote, or put a key before =</source>
        <translation>引用符を閉じるか、= の前にキーを入れてください</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>一致なし</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 件中 %1 件</translation>
    </message>
    <message>
        <source>%1 more</source>
        <translation>ほか %1 件</translation>
    </message>
    <message>
        <source>Critical path %1: </source>
        <translation>クリティカルパス %1: </translation>
    </message>
    <message>
        <source>Time on the critical path per service, its own work only:
</source>
        <translation>サービスごとのクリティカルパス上の時間（自身の処理のみ）:
</translation>
    </message>
    <message numerus="yes">
        <source>Laying out %Ln span(s)…</source>
        <translation>
            <numerusform>%Ln スパンをレイアウト中…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>サービス %Ln 個</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>エラー %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln orphan span(s)</source>
        <translation>
            <numerusform>孤立スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln 件一致</numerusform>
        </translation>
    </message>
    <message>
        <source>Collapse to the critical path</source>
        <translation>クリティカルパス以外を折りたたむ</translation>
    </message>
    <message>
        <source>Show the critical path, fold every span and group of repeated calls with no work on it and open what the path needs, leaving the chain that decided the trace&apos;s duration in view</source>
        <translation>クリティカルパスを表示し、パス上の処理を含まないスパンと繰り返し呼び出しのグループをすべて折りたたみ、パスに必要なものを展開して、トレースの所要時間を決めた連鎖だけを見えるようにします</translation>
    </message>
    <message>
        <source>Find in trace</source>
        <translation>トレース内を検索</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>次の一致</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>前の一致</translation>
    </message>
    <message>
        <source>Next match (in the find field)</source>
        <translation>次の一致（検索欄で）</translation>
    </message>
    <message>
        <source>Previous match (in the find field)</source>
        <translation>前の一致（検索欄で）</translation>
    </message>
    <message>
        <source>Clear the find field</source>
        <translation>検索欄をクリア</translation>
    </message>
</context>
<context>
    <name>kansoku::TraceListModel</name>
    <message>
        <source>(root span missing)</source>
        <translation>(ルートスパンがありません)</translation>
    </message>
    <message>
        <source>%1 ns</source>
        <translation>%1 ns</translation>
    </message>
    <message>
        <source>Trace %1</source>
        <translation>トレース %1</translation>
    </message>
    <message>
        <source>The list sorts by start time or duration</source>
        <translation>一覧は開始時刻または所要時間で並べ替えられます</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Root service</source>
        <translation>ルートサービス</translation>
    </message>
    <message>
        <source>Root operation</source>
        <translation>ルートオペレーション</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>スパン</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>サービス</translation>
    </message>
</context>
<context>
    <name>kansoku::TraceWaterfallView</name>
    <message>
        <source>Duration: %1&lt;br&gt;Self time: %2&lt;br&gt;Starts at +%3</source>
        <translation>所要時間: %1&lt;br&gt;セルフタイム: %2&lt;br&gt;開始 +%3</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>エラー: %1</translation>
    </message>
    <message>
        <source>Orphan: its parent span is not in this trace</source>
        <translation>孤立: 親スパンがこのトレースにありません</translation>
    </message>
    <message>
        <source>Hidden descendants: %1</source>
        <translation>非表示の子孫: %1</translation>
    </message>
    <message>
        <source>No spans</source>
        <translation>スパンがありません</translation>
    </message>
    <message>
        <source>Service · Operation</source>
        <translation>サービス · オペレーション</translation>
    </message>
    <message>
        <source>orphan</source>
        <translation>孤立</translation>
    </message>
    <message>
        <source>×%1 · %2</source>
        <translation>×%1 · %2</translation>
    </message>
    <message>
        <source>%1 calls cover %2 of the time axis&lt;br&gt;Sum of their durations: %3&lt;br&gt;Slowest: %4&lt;br&gt;Starts at +%5</source>
        <translation>呼び出し %1 件が時間軸の %2 を占めます&lt;br&gt;所要時間の合計: %3&lt;br&gt;最も遅いもの: %4&lt;br&gt;開始 +%5</translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation>エラー: %1</translation>
    </message>
    <message>
        <source>Expand to list the calls in start order</source>
        <translation>展開すると呼び出しを開始順に一覧表示します</translation>
    </message>
    <message>
        <source>Wheel scrolls the spans; Ctrl+wheel zooms the time axis about the cursor; Shift+wheel or dragging pans; double-click a bar to zoom to it; 0 shows the whole trace. Arrow keys move the selection; Left/Right collapse and expand; * expands everything under the selected row.</source>
        <translation>ホイール: スパンをスクロール、Ctrl+ホイール: カーソル位置を中心に時間軸をズーム、Shift+ホイールまたはドラッグ: パン、バーをダブルクリック: そのバーにズーム、0: トレース全体を表示。矢印キー: 選択を移動、Left/Right: 折りたたみ/展開、*: 選択した行の下をすべて展開。</translation>
    </message>
    <message>
        <source>Expand subtree</source>
        <translation>サブツリーを展開</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>すべて展開</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>すべて折りたたむ</translation>
    </message>
    <message>
        <source>Expand the selected span and everything under it; on a group&apos;s row, the group and the calls under each of its members</source>
        <translation>選択したスパンとその下のすべてを展開します。グループの行では、グループと各メンバーの下の呼び出しを展開します</translation>
    </message>
    <message>
        <source>Expand every span and every group of repeated calls</source>
        <translation>すべてのスパンと、繰り返される呼び出しのすべてのグループを展開します</translation>
    </message>
    <message>
        <source>Collapse every span down to the trace&apos;s root</source>
        <translation>すべてのスパンをトレースのルートまで折りたたみます</translation>
    </message>
</context>
<context>
    <name>kansoku::TraceWindow</name>
    <message>
        <source>Trace %1 — Kansoku</source>
        <translation>トレース %1 — Kansoku</translation>
    </message>
    <message>
        <source>Loading trace %1…</source>
        <translation>トレース %1 を読み込み中…</translation>
    </message>
    <message>
        <source>Trace %1 is not in this session</source>
        <translation>トレース %1 はこのセッションにありません</translation>
    </message>
    <message>
        <source>%1 — trace %2 — Kansoku</source>
        <translation>%1 — トレース %2 — Kansoku</translation>
    </message>
</context>
<context>
    <name>kansoku::TracesPane</name>
    <message>
        <source>duration (ms)</source>
        <translation>所要時間 (ms)</translation>
    </message>
    <message>
        <source>Export selected traces as OTLP JSON lines…</source>
        <translation>選択したトレースを OTLP JSON Lines としてエクスポート…</translation>
    </message>
    <message>
        <source>OTLP JSON lines (*.jsonl)</source>
        <translation>OTLP JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <source>spans</source>
        <translation>スパン</translation>
    </message>
    <message>
        <source>Select one or more traces in the list</source>
        <translation>一覧でトレースを 1 つ以上選択してください</translation>
    </message>
    <message>
        <source>duration scatter</source>
        <translation>所要時間の散布図</translation>
    </message>
    <message>
        <source>Compare the two selected traces</source>
        <translation>選択した 2 つのトレースを比較</translation>
    </message>
    <message>
        <source>Open the trace in a new window</source>
        <translation>トレースを新しいウィンドウで開く</translation>
    </message>
    <message>
        <source>No traces match the filters</source>
        <translation>フィルターに一致するトレースはありません</translation>
    </message>
    <message>
        <source>No traces in this range</source>
        <translation>この範囲にトレースはありません</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Open trace</source>
        <translation>トレースを開く</translation>
    </message>
    <message>
        <source>Trace %1 is no longer in this session: the session&apos;s limits or Clear session data removed it.</source>
        <translation>トレース %1 はもうこのセッションにありません: セッションの制限またはセッションデータの消去で削除されました。</translation>
    </message>
    <message>
        <source>Trace %1 is not in this session.</source>
        <translation>トレース %1 はこのセッションにありません。</translation>
    </message>
    <message>
        <source>Show trace list</source>
        <translation>トレース一覧を表示</translation>
    </message>
    <message>
        <source>Hide trace list</source>
        <translation>トレース一覧を隠す</translation>
    </message>
    <message>
        <source>Bring back the filters, the scatter and the trace list</source>
        <translation>フィルター、散布図、トレース一覧を元に戻す</translation>
    </message>
    <message>
        <source>Give the open trace the whole height</source>
        <translation>開いているトレースに高さ全体を使う</translation>
    </message>
    <message>
        <source>Loading traces…</source>
        <translation>トレースを読み込み中…</translation>
    </message>
    <message>
        <source>No traces match the filters (fields in red are ignored)</source>
        <translation>フィルターに一致するトレースはありません（赤いフィールドは無視されます）</translation>
    </message>
    <message>
        <source>Newest %1 matching traces on the chart</source>
        <translation>一致する最新 %1 トレースをチャートに表示</translation>
    </message>
    <message>
        <source>Newest %1 traces on the chart</source>
        <translation>最新 %1 トレースをチャートに表示</translation>
    </message>
    <message>
        <source>No other “%1” trace in the time range to compare with.</source>
        <translation>時間範囲内に比較できる他の “%1” トレースはありません。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln matching trace(s) in range</source>
        <translation>
            <numerusform>範囲内に一致するトレース %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s) in range</source>
        <translation>
            <numerusform>範囲内にトレース %Ln 件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TrainingComparisonDialog</name>
    <message>
        <source>Before and after the fix</source>
        <translation>修正の前後</translation>
    </message>
    <message>
        <source>Not enough requests on both sides of the fix yet: let the scenario run a little longer, then compare again.</source>
        <translation>修正前後の両方でリクエストがまだ足りません。シナリオをもう少し実行してから、もう一度比較してください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;p95 %2 · p50 %3 · calls per request %4 · errors %5&lt;br&gt;&lt;small&gt;%6 requests before the fix, %7 after it.&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;p95 %2 · p50 %3 · リクエストあたりの呼び出し %4 · エラー %5&lt;br&gt;&lt;small&gt;修正前のリクエスト %6 件、修正後 %7 件。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>No finding went away.</source>
        <translation>なくなった検出結果はありません。</translation>
    </message>
    <message>
        <source>Gone after the fix: %1</source>
        <translation>修正後になくなったもの: %1</translation>
    </message>
    <message>
        <source>Still found: %1</source>
        <translation>まだ検出されるもの: %1</translation>
    </message>
</context>
<context>
    <name>kansoku::TrainingController</name>
    <message>
        <source>Training</source>
        <translation>トレーニング</translation>
    </message>
    <message>
        <source>Kansoku&apos;s receivers are not listening, so the scenario has nowhere to send its telemetry. See View &gt; Receivers and storage.</source>
        <translation>Kansoku のレシーバーが受信待機していないため、シナリオはテレメトリの送信先がありません。表示 &gt; レシーバーとストレージ… を確認してください。</translation>
    </message>
    <message>
        <source>Before the fix · live</source>
        <translation>修正前 · ライブ</translation>
    </message>
    <message>
        <source>Training: %1 plays into %2</source>
        <translation>トレーニング: %1 を %2 に再生中</translation>
    </message>
    <message>
        <source>The scenario could not send its telemetry:</source>
        <translation>シナリオはテレメトリを送信できませんでした:</translation>
    </message>
    <message>
        <source>After the fix · the story has ended</source>
        <translation>修正後 · ストーリーは終了しました</translation>
    </message>
    <message>
        <source>The story has ended</source>
        <translation>ストーリーは終了しました</translation>
    </message>
    <message>
        <source>After the fix · live</source>
        <translation>修正後 · ライブ</translation>
    </message>
    <message>
        <source>The fix is applied: once some requests have come in, Training &gt; Before/after… compares the two.</source>
        <translation>修正を適用しました。リクエストがいくらか届いたら、トレーニング &gt; 修正の前後… で両者を比較できます。</translation>
    </message>
    <message>
        <source>Comparing before and after the fix…</source>
        <translation>修正の前後を比較中…</translation>
    </message>
    <message>
        <source>Before/after</source>
        <translation>修正の前後</translation>
    </message>
    <message>
        <source>Before/after: compared</source>
        <translation>修正の前後: 比較しました</translation>
    </message>
    <message>
        <source>Training stopped; the session stays open</source>
        <translation>トレーニングを停止しました。セッションは開いたままです</translation>
    </message>
    <message>
        <source>the session is not open</source>
        <translation>セッションが開いていません</translation>
    </message>
</context>
<context>
    <name>kansoku::TrainingDialog</name>
    <message>
        <source>Start a training scenario</source>
        <translation>トレーニングシナリオを開始</translation>
    </message>
    <message>
        <source>Briefing, hints and explanations in:</source>
        <translation>ブリーフィング、ヒント、解説の言語:</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message numerus="yes">
        <source>a %n-minute story</source>
        <translation>
            <numerusform>%n 分のストーリー</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TrainingMenu</name>
    <message>
        <source>&amp;Training</source>
        <translation>トレーニング(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Start a scenario…</source>
        <translation>シナリオを開始(&amp;S)…</translation>
    </message>
    <message>
        <source>Pick a training scenario, read its briefing and start it</source>
        <translation>トレーニングシナリオを選び、ブリーフィングを読んで開始します</translation>
    </message>
    <message>
        <source>I &amp;found it…</source>
        <translation>見つけた(&amp;F)…</translation>
    </message>
    <message>
        <source>Point at the selected finding or metric as the cause</source>
        <translation>選択した検出結果またはメトリクスを原因として指摘します</translation>
    </message>
    <message>
        <source>&amp;Hint</source>
        <translation>ヒント(&amp;H)</translation>
    </message>
    <message>
        <source>The next hint for this scenario</source>
        <translation>このシナリオの次のヒント</translation>
    </message>
    <message>
        <source>&amp;Apply the fix</source>
        <translation>修正を適用(&amp;A)</translation>
    </message>
    <message>
        <source>Switch the running scenario to its fixed variant</source>
        <translation>実行中のシナリオを修正版に切り替えます</translation>
    </message>
    <message>
        <source>&amp;Before/after…</source>
        <translation>修正の前後(&amp;B)…</translation>
    </message>
    <message>
        <source>Compare the time before the fix with the time after it</source>
        <translation>修正前の時間と修正後の時間を比較します</translation>
    </message>
    <message>
        <source>S&amp;top the scenario</source>
        <translation>シナリオを停止(&amp;T)</translation>
    </message>
</context>
<context>
    <name>kansoku::TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>トレーニング</translation>
    </message>
    <message>
        <source>Time since the scenario started</source>
        <translation>シナリオ開始からの経過時間</translation>
    </message>
</context>
<context>
    <name>kansoku::WorkbenchCommands</name>
    <message>
        <source>Command palette…</source>
        <translation>コマンドパレット…</translation>
    </message>
    <message>
        <source>Focus %1</source>
        <translation>%1にフォーカス</translation>
    </message>
    <message>
        <source>Keyboard shortcuts…</source>
        <translation>キーボードショートカット…</translation>
    </message>
    <message>
        <source>service.name</source>
        <translation>service.name</translation>
    </message>
</context>
<context>
    <name>kansoku::WorkbenchStatusBar</name>
    <message>
        <source>Details…</source>
        <translation>詳細…</translation>
    </message>
    <message>
        <source>Receivers, counts per signal and the write queue</source>
        <translation>レシーバー、シグナルごとの件数、書き込みキュー</translation>
    </message>
    <message>
        <source>%1 listening on %2</source>
        <translation>%1 は %2 で受信待機中</translation>
    </message>
    <message>
        <source>%1 not listening: %2</source>
        <translation>%1 は受信待機していません: %2</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#8a6d00&apos;&gt;●&lt;/span&gt; receivers paused: the session is read-only</source>
        <translation>&lt;span style=&apos;color:#8a6d00&apos;&gt;●&lt;/span&gt; レシーバーは一時停止中: セッションは読み取り専用です</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#8a6d00&apos;&gt;❚❚&lt;/span&gt; receiving paused: senders are told to retry later (Receive ▸ Pause receiving resumes)</source>
        <translation>&lt;span style=&apos;color:#8a6d00&apos;&gt;❚❚&lt;/span&gt; 受信を一時停止中: 送信元には後で再試行するよう伝えています（受信 ▸ 受信を一時停止 で再開）</translation>
    </message>
    <message>
        <source>token required (Details… for the participants&apos; lines)</source>
        <translation>トークンが必要です（参加者用の行は 詳細… で）</translation>
    </message>
    <message>
        <source>%1 [read-only]</source>
        <translation>%1 [読み取り専用]</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Session file: %1&lt;br&gt;Opened read-only: the receivers are paused and nothing is written to it</source>
        <translation>セッションファイル: %1&lt;br&gt;読み取り専用で開いています: レシーバーは一時停止しており、何も書き込まれません</translation>
    </message>
    <message>
        <source>Session file: %1&lt;br&gt;Receiving live data goes into this session</source>
        <translation>セッションファイル: %1&lt;br&gt;受信したライブデータはこのセッションに入ります</translation>
    </message>
    <message>
        <source>storage error: %1</source>
        <translation>ストレージエラー: %1</translation>
    </message>
    <message>
        <source>→ %1 forwarded</source>
        <translation>→ %1 件転送済み</translation>
    </message>
    <message>
        <source>on the LAN, token required (Details… for the participants&apos; lines)</source>
        <translation>LAN 上、トークンが必要です（参加者用の行は 詳細… で）</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · %4</source>
        <translation>%1 · %2 · %3 · %4</translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>スパン %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>トレース %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln metric point(s)</source>
        <translation>
            <numerusform>メトリクスのポイント %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>ログ %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln malformed request(s)</source>
        <translation>
            <numerusform>不正なリクエスト %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rejected item(s)</source>
        <translation>
            <numerusform>拒否した項目 %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) refused (queue full, sender retries)</source>
        <translation>
            <numerusform>拒否した項目 %Ln 件（キューが満杯、送信元が再試行）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) without the right token</source>
        <translation>
            <numerusform>正しいトークンのないリクエスト %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) refused while paused (senders retry)</source>
        <translation>
            <numerusform>一時停止中に拒否したリクエスト %Ln 件（送信元が再試行）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln request(s) waiting</source>
        <translation>
            <numerusform> · 待機中のリクエスト %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln forwarded request(s) dropped (%1)</source>
        <translation>
            <numerusform>破棄した転送リクエスト %Ln 件（%1）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln 項目</numerusform>
        </translation>
    </message>
    <message>
        <source>Forwarding what the receivers accept to %1&lt;br&gt;%2 sent, %3 waiting (%4), %5, %6 dropped</source>
        <translation>レシーバーが受け付けたものを %1 に転送中&lt;br&gt;%2 送信済み、待機中 %3 件 (%4)、%5、破棄 %6 件</translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>リクエスト %Ln 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln retry(s)</source>
        <translation>
            <numerusform>再試行 %Ln 回</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::WorkbenchWindow</name>
    <message>
        <source>Time range</source>
        <translation>時間範囲</translation>
    </message>
    <message>
        <source>Service: </source>
        <translation>サービス: </translation>
    </message>
    <message>
        <source>Show only telemetry from this service (resource service.name)</source>
        <translation>このサービスのテレメトリだけを表示（リソースの service.name）</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>すべてのサービス</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>トレース</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>メトリクス</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>ログ</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>検出結果</translation>
    </message>
    <message>
        <source>Dashboards</source>
        <translation>ダッシュボード</translation>
    </message>
    <message>
        <source>Service map</source>
        <translation>サービスマップ</translation>
    </message>
    <message>
        <source>Kansoku — receivers and storage</source>
        <translation>Kansoku — レシーバーとストレージ</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>Maximise %1</source>
        <translation>%1を最大化</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>レイアウトをリセット</translation>
    </message>
    <message>
        <source>Receivers and storage…</source>
        <translation>レシーバーとストレージ…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>About Kansoku</source>
        <translation>Kansoku について</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kansoku&lt;/b&gt; %1&lt;br&gt;A desktop workbench for OpenTelemetry traces, metrics and logs.&lt;br&gt;GPL-3.0-or-later.</source>
        <translation>&lt;b&gt;Kansoku&lt;/b&gt; %1&lt;br&gt;OpenTelemetry のトレース、メトリクス、ログのためのデスクトップワークベンチ。&lt;br&gt;GPL-3.0-or-later。</translation>
    </message>
    <message>
        <source>%1 [read-only] — Kansoku</source>
        <translation>%1 [読み取り専用] — Kansoku</translation>
    </message>
    <message>
        <source>%1 — Kansoku</source>
        <translation>%1 — Kansoku</translation>
    </message>
</context>
</TS>
