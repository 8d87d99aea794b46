#!/usr/bin/env node
// Writes the OTLP file fixtures of tests/data/files with the official OpenTelemetry JS SDK: real
// providers and processors record into in-memory exporters, and the SDK's own OTLP serializers
// (@opentelemetry/otlp-transformer, the code its HTTP exporters send with) turn each export into a
// request body. The bodies are then laid out the way the OpenTelemetry Collector's file exporter
// writes them: JSON lines (one request per line, signals mixed) and length-delimited protobuf
// (4-byte big-endian length before each message).
//
// Usage: node write_file_fixtures.mjs OUTPUT_DIR
// The fixtures are committed; re-run only to refresh them (timestamps and ids change each run).

import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');
const apiLogs = require('@opentelemetry/api-logs');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } =
    require('@opentelemetry/sdk-trace-base');
const { AggregationTemporality, InMemoryMetricExporter, MeterProvider, MetricReader } =
    require('@opentelemetry/sdk-metrics');
const { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } =
    require('@opentelemetry/sdk-logs');
// A dependency of every OTLP exporter package in package.json; its serializers are what the
// exporters put on the wire.
const transformer = require('@opentelemetry/otlp-transformer');

const outputDir = process.argv[2];
if (!outputDir) {
    process.stderr.write('usage: node write_file_fixtures.mjs OUTPUT_DIR\n');
    process.exit(2);
}
mkdirSync(outputDir, { recursive: true });

api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const frontend = resourceFromAttributes({
    'service.name': 'file-frontend',
    'service.version': '1.0.0',
    'deployment.environment.name': 'テスト',
});
const backend = resourceFromAttributes({ 'service.name': 'file-backend', 'host.cpu.count': 2 });

// --- traces: two providers (two resources), one export per span batch -------------------------
const spanExporter = new InMemorySpanExporter();
const frontendTracer = new BasicTracerProvider({
    resource: frontend,
    spanProcessors: [new SimpleSpanProcessor(spanExporter)],
}).getTracer('file.frontend', '0.1.0');
const backendTracer = new BasicTracerProvider({
    resource: backend,
    spanProcessors: [new SimpleSpanProcessor(spanExporter)],
}).getTracer('file.backend', '0.2.0');

const root = frontendTracer.startSpan('GET /orders', {
    kind: api.SpanKind.SERVER,
    attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200, 'ratio': 0.5,
                  'tags': ['a', 'b'], 'cached': false },
});
root.addEvent('request.received', { 'size': 512 });
let childContext;
api.context.with(api.trace.setSpan(api.context.active(), root), () => {
    const client = frontendTracer.startSpan('SELECT orders', { kind: api.SpanKind.CLIENT,
        attributes: { 'db.system.name': 'postgresql' } });
    childContext = client.spanContext();
    client.recordException(new Error('slow query 🐢'));
    client.setStatus({ code: api.SpanStatusCode.ERROR, message: 'timeout' });
    client.end();
    const server = backendTracer.startSpan('orders.load', { kind: api.SpanKind.INTERNAL });
    server.end();
});
root.setStatus({ code: api.SpanStatusCode.OK });
root.end();
const consumer = backendTracer.startSpan('orders process', {
    kind: api.SpanKind.CONSUMER, root: true,
    links: [{ context: childContext, attributes: { 'link.reason': 'follows' } }],
});
consumer.end();

// --- logs ------------------------------------------------------------------------------------
const logExporter = new InMemoryLogRecordExporter();
const loggerProvider = new LoggerProvider({
    resource: frontend,
    processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
});
const logger = loggerProvider.getLogger('file.logs', '0.3.0');
logger.emit({ severityNumber: apiLogs.SeverityNumber.INFO, severityText: 'INFO',
              body: '注文を受け付けました order accepted', attributes: { 'order.id': 'A-1' } });
api.context.with(api.trace.setSpan(api.context.active(), root), () => {
    logger.emit({ severityNumber: apiLogs.SeverityNumber.ERROR, severityText: 'ERROR',
                  body: { message: 'payment failed', code: 402 }, attributes: { 'retry': false } });
});
logger.emit({ severityNumber: apiLogs.SeverityNumber.WARN, severityText: 'WARN',
              body: 'disk almost full', attributes: { 'disk.free.ratio': 0.05 } });

await loggerProvider.forceFlush();

// --- metrics: a pull reader collected twice gives two exports --------------------------------
class ManualReader extends MetricReader {
    constructor() {
        super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
    }
    async onForceFlush() {}
    async onShutdown() {}
}
const reader = new ManualReader();
const meter = new MeterProvider({ resource: frontend, readers: [reader] })
    .getMeter('file.metrics', '0.4.0');
const counter = meter.createCounter('orders.count', { unit: '{order}', valueType: api.ValueType.INT });
const histogram = meter.createHistogram('orders.duration', { unit: 'ms' });
const gauge = meter.createGauge('queue.depth');
const metricRequests = [];
for (const phase of [1, 2]) {
    counter.add(3 * phase, { 'region': 'eu' });
    counter.add(phase, { 'region': 'us' });
    histogram.record(12.5 * phase, { 'route': '/orders' });
    histogram.record(250 * phase, { 'route': '/orders' });
    gauge.record(7 * phase);
    const { resourceMetrics } = await reader.collect();
    metricRequests.push(resourceMetrics);
    await new Promise(resolve => setTimeout(resolve, 5));
}

// --- requests: the traces in two exports (one per resource), logs in one, metrics in two ------
const spans = spanExporter.getFinishedSpans();
const spanExports = [spans.filter(s => s.resource === frontend), spans.filter(s => s.resource === backend)];
const logRecords = logExporter.getFinishedLogRecords();

const json = [];
const proto = [];
function add(serializer, jsonSerializer, items) {
    proto.push(Buffer.from(serializer.serializeRequest(items)));
    json.push(Buffer.from(jsonSerializer.serializeRequest(items)).toString('utf8'));
}
// Interleaved so that one file mixes the signals, as a Collector file exporter fed by one
// pipeline per signal writes them.
add(transformer.ProtobufTraceSerializer, transformer.JsonTraceSerializer, spanExports[0]);
add(transformer.ProtobufMetricsSerializer, transformer.JsonMetricsSerializer, metricRequests[0]);
add(transformer.ProtobufLogsSerializer, transformer.JsonLogsSerializer, logRecords);
add(transformer.ProtobufTraceSerializer, transformer.JsonTraceSerializer, spanExports[1]);
add(transformer.ProtobufMetricsSerializer, transformer.JsonMetricsSerializer, metricRequests[1]);

function delimited(messages) {
    return Buffer.concat(messages.flatMap(message => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(message.length);
        return [length, message];
    }));
}

const jsonLines = json.join('\n') + '\n';
writeFileSync(join(outputDir, 'js_sdk_mixed.jsonl'), jsonLines);
writeFileSync(join(outputDir, 'js_sdk_mixed.jsonl.gz'), gzipSync(jsonLines));
writeFileSync(join(outputDir, 'js_sdk_mixed.binpb'), delimited(proto));
// One request as a single, pretty-printed JSON document (what `curl ... | jq` saves).
writeFileSync(join(outputDir, 'js_sdk_traces.json'), JSON.stringify(JSON.parse(json[0]), null, 2) + '\n');
process.stdout.write(`wrote ${json.length} requests: ${spans.length} spans, ${logRecords.length} logs\n`);
