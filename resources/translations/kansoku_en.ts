<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
