<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln trace</numerusform>
            <numerusform>%Ln traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>%Ln log</numerusform>
            <numerusform>%Ln logs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln point(s)</source>
        <translation>
            <numerusform>%Ln point</numerusform>
            <numerusform>%Ln points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TraceMinimap</name>
    <message numerus="yes">
        <source>%Ln span(s), depth %1</source>
        <translation>
            <numerusform>%Ln span, depth %1</numerusform>
            <numerusform>%Ln spans, depth %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::BeforeAfterDialog</name>
    <message numerus="yes">
        <source>Compared: %n operation and statement rows</source>
        <translation>
            <numerusform>Compared: %n operation and statement row</numerusform>
            <numerusform>Compared: %n operation and statement rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln trace</numerusform>
            <numerusform>%Ln traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ClientsView</name>
    <message numerus="yes">
        <source>%n sender(s); every request was accepted.</source>
        <translation>
            <numerusform>%n sender; every request was accepted.</numerusform>
            <numerusform>%n senders; every request was accepted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sender(s); %1 had requests turned away (see the last rejection).</source>
        <translation>
            <numerusform>%n sender; %1 had requests turned away (see the last rejection).</numerusform>
            <numerusform>%n senders; %1 had requests turned away (see the last rejection).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::DashboardListModel</name>
    <message numerus="yes">
        <source>%n chart(s)</source>
        <translation>
            <numerusform>%n chart</numerusform>
            <numerusform>%n charts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::FindingDetailsView</name>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::FindingListModel</name>
    <message numerus="yes">
        <source>Happened %Ln time(s)</source>
        <translation>
            <numerusform>Happened %Ln time</numerusform>
            <numerusform>Happened %Ln times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 over all %Ln affected trace(s)</source>
        <translation>
            <numerusform>%1 over the %Ln affected trace</numerusform>
            <numerusform>%1 over all %Ln affected traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s) show it</source>
        <translation>
            <numerusform>%Ln trace shows it</numerusform>
            <numerusform>%Ln traces show it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln of the %1 traces of %2 show it (%3)</source>
        <translation>
            <numerusform>%Ln of the %1 traces of %2 shows it (%3)</numerusform>
            <numerusform>%Ln of the %1 traces of %2 show it (%3)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::FindingsPane</name>
    <message numerus="yes">
        <source>%Ln finding(s)</source>
        <translation>
            <numerusform>%Ln finding</numerusform>
            <numerusform>%Ln findings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln finding(s) shown</source>
        <translation>
            <numerusform>%1 of %Ln finding shown</numerusform>
            <numerusform>%1 of %Ln findings shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln trace</numerusform>
            <numerusform>%Ln traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Analysing… %Ln trace(s) so far</source>
        <translation>
            <numerusform>Analysing… %Ln trace so far</numerusform>
            <numerusform>Analysing… %Ln traces so far</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>No findings in this range: %Ln trace(s) analysed</source>
        <translation>
            <numerusform>No findings in this range: %Ln trace analysed</numerusform>
            <numerusform>No findings in this range: %Ln traces analysed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::FlameGraphView</name>
    <message numerus="yes">
        <source>%Ln small span(s) folded together; zoom in to see them</source>
        <translation>
            <numerusform>%Ln small span folded; zoom in to see it</numerusform>
            <numerusform>%Ln small spans folded together; zoom in to see them</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ImportProgressWidget</name>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln file(s)</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln problem(s)</source>
        <translation>
            <numerusform> · %Ln problem</numerusform>
            <numerusform> · %Ln problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln metric point(s)</source>
        <translation>
            <numerusform>%Ln metric point</numerusform>
            <numerusform>%Ln metric points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>%Ln log</numerusform>
            <numerusform>%Ln logs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ImportSummaryDialog</name>
    <message numerus="yes">
        <source>  … and %Ln more problem(s) not listed</source>
        <translation>
            <numerusform>  … and %Ln more problem not listed</numerusform>
            <numerusform>  … and %Ln more problems not listed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::LogsPane</name>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>%Ln log</numerusform>
            <numerusform>%Ln logs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::MetricBrowserModel</name>
    <message numerus="yes">
        <source>%n metric(s)</source>
        <translation>
            <numerusform>%n metric</numerusform>
            <numerusform>%n metrics</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::MetricChartPanel</name>
    <message numerus="yes">
        <source>Show the %n exemplar(s) in view: measurements recorded with their span (click one to open its trace at that span)</source>
        <translation>
            <numerusform>Show the %n exemplar in view: measurements recorded with their span (click one to open its trace at that span)</numerusform>
            <numerusform>Show the %n exemplars in view: measurements recorded with their span (click one to open its trace at that span)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stream(s)</source>
        <translation>
            <numerusform>%n stream</numerusform>
            <numerusform>%n streams</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation>
            <numerusform>%n point</numerusform>
            <numerusform>%n points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more series not shown</source>
        <translation>
            <numerusform>%n more series not shown</numerusform>
            <numerusform>%n more series not shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ReplayController</name>
    <message numerus="yes">
        <source>Replay failed after %Ln item(s): %1</source>
        <translation>
            <numerusform>Replay failed after %Ln item: %1</numerusform>
            <numerusform>Replay failed after %Ln items: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %1 of %Ln item(s)</source>
        <translation>
            <numerusform>Cancelled after %1 of %Ln item</numerusform>
            <numerusform>Cancelled after %1 of %Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>%Ln log</numerusform>
            <numerusform>%Ln logs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln data point(s)</source>
        <translation>
            <numerusform>%Ln data point</numerusform>
            <numerusform>%Ln data points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; the receiver rejected %Ln item(s)</source>
        <translation>
            <numerusform>; the receiver rejected %Ln item</numerusform>
            <numerusform>; the receiver rejected %Ln items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ReplayDialog</name>
    <message numerus="yes">
        <source>%1 of %Ln item(s) sent · %2 left</source>
        <translation>
            <numerusform>%1 of %Ln item sent · %2 left</numerusform>
            <numerusform>%1 of %Ln items sent · %2 left</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ServiceMapPane</name>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>%Ln service</numerusform>
            <numerusform>%Ln services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other(s)</source>
        <translation>
            <numerusform>%Ln other</numerusform>
            <numerusform>%Ln others</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln trace</numerusform>
            <numerusform>%Ln traces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::ServiceMapView</name>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) served</source>
        <translation>
            <numerusform>%Ln request served</numerusform>
            <numerusform>%Ln requests served</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s); it reports no spans itself</source>
        <translation>
            <numerusform>%Ln call; it reports no spans itself</numerusform>
            <numerusform>%Ln calls; it reports no spans itself</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::SpanDetailsModel</name>
    <message numerus="yes">
        <source>%Ln attribute(s)</source>
        <translation>
            <numerusform>%Ln attribute</numerusform>
            <numerusform>%Ln attributes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln event(s)</source>
        <translation>
            <numerusform>%Ln event</numerusform>
            <numerusform>%Ln events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln link(s)</source>
        <translation>
            <numerusform>%Ln link</numerusform>
            <numerusform>%Ln links</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::StatusWindow</name>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln item(s) waiting</source>
        <translation>
            <numerusform>%1 of %Ln item waiting</numerusform>
            <numerusform>%1 of %Ln items waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TraceComparisonModel</name>
    <message numerus="yes">
        <source>Only in trace A: %n call(s), %1</source>
        <translation>
            <numerusform>Only in trace A: %n call, %1</numerusform>
            <numerusform>Only in trace A: %n calls, %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Only in trace B: %n call(s), %1</source>
        <translation>
            <numerusform>Only in trace B: %n call, %1</numerusform>
            <numerusform>Only in trace B: %n calls, %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TraceComparisonWindow</name>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln operation(s) only in A (struck out), %1 only in B (blue); Δ columns are B − A.</source>
        <translation>
            <numerusform>%Ln operation only in A (struck out), %1 only in B (blue); Δ columns are B − A.</numerusform>
            <numerusform>%Ln operations only in A (struck out), %1 only in B (blue); Δ columns are B − A.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TraceInspector</name>
    <message numerus="yes">
        <source>Laying out %Ln span(s)…</source>
        <translation>
            <numerusform>Laying out %Ln span…</numerusform>
            <numerusform>Laying out %Ln spans…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln service(s)</source>
        <translation>
            <numerusform>%Ln service</numerusform>
            <numerusform>%Ln services</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln error(s)</source>
        <translation>
            <numerusform>%Ln error</numerusform>
            <numerusform>%Ln errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln orphan span(s)</source>
        <translation>
            <numerusform>%Ln orphan span</numerusform>
            <numerusform>%Ln orphan spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TracesPane</name>
    <message numerus="yes">
        <source>%Ln matching trace(s) in range</source>
        <translation>
            <numerusform>%Ln matching trace in range</numerusform>
            <numerusform>%Ln matching traces in range</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s) in range</source>
        <translation>
            <numerusform>%Ln trace in range</numerusform>
            <numerusform>%Ln traces in range</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::TrainingDialog</name>
    <message numerus="yes">
        <source>a %n-minute story</source>
        <translation>
            <numerusform>a %n-minute story</numerusform>
            <numerusform>a %n-minute story</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kansoku::WorkbenchStatusBar</name>
    <message numerus="yes">
        <source>%Ln span(s)</source>
        <translation>
            <numerusform>%Ln span</numerusform>
            <numerusform>%Ln spans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln trace(s)</source>
        <translation>
            <numerusform>%Ln trace</numerusform>
            <numerusform>%Ln traces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln metric point(s)</source>
        <translation>
            <numerusform>%Ln metric point</numerusform>
            <numerusform>%Ln metric points</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln log(s)</source>
        <translation>
            <numerusform>%Ln log</numerusform>
            <numerusform>%Ln logs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln malformed request(s)</source>
        <translation>
            <numerusform>%Ln malformed request</numerusform>
            <numerusform>%Ln malformed requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln rejected item(s)</source>
        <translation>
            <numerusform>%Ln rejected item</numerusform>
            <numerusform>%Ln rejected items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s) refused (queue full, sender retries)</source>
        <translation>
            <numerusform>%Ln item refused (queue full, sender retries)</numerusform>
            <numerusform>%Ln items refused (queue full, sender retries)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) without the right token</source>
        <translation>
            <numerusform>%Ln request without the right token</numerusform>
            <numerusform>%Ln requests without the right token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s) refused while paused (senders retry)</source>
        <translation>
            <numerusform>%Ln request refused while paused (senders retry)</numerusform>
            <numerusform>%Ln requests refused while paused (senders retry)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %Ln request(s) waiting</source>
        <translation>
            <numerusform> · %Ln request waiting</numerusform>
            <numerusform> · %Ln requests waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln request(s)</source>
        <translation>
            <numerusform>%Ln request</numerusform>
            <numerusform>%Ln requests</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln retry(s)</source>
        <translation>
            <numerusform>%Ln retry</numerusform>
            <numerusform>%Ln retries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln forwarded request(s) dropped (%1)</source>
        <translation>
            <numerusform>%Ln forwarded request dropped (%1)</numerusform>
            <numerusform>%Ln forwarded requests dropped (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln item(s)</source>
        <translation>
            <numerusform>%Ln item</numerusform>
            <numerusform>%Ln items</numerusform>
        </translation>
    </message>
</context>
</TS>
