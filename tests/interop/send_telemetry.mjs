#!/usr/bin/env node
// Sends a fixed set of traces, metrics and logs to an OTLP endpoint with the official OpenTelemetry
// JS SDK (real providers, processors, readers and OTLP exporters), then writes a manifest of exactly
// what the SDK handed to its exporters, so tst_js_sdk_interop can compare the stored data with it.
//
// Usage: node send_telemetry.mjs --protocol grpc|http/protobuf|http/json --compression gzip|none
//          --endpoint http://127.0.0.1:PORT --run-id ID --manifest FILE
// Exit code 0 only when every export reported success and the manifest was written.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');
const apiLogs = require('@opentelemetry/api-logs');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { ExportResultCode, W3CTraceContextPropagator } = require('@opentelemetry/core');
const { defaultResource, resourceFromAttributes } = require('@opentelemetry/resources');
const {
    BasicTracerProvider,
    BatchSpanProcessor,
    SimpleSpanProcessor,
} = require('@opentelemetry/sdk-trace-base');
const {
    AggregationType,
    DataPointType,
    MeterProvider,
    PeriodicExportingMetricReader,
} = require('@opentelemetry/sdk-metrics');
const { BatchLogRecordProcessor, LoggerProvider } = require('@opentelemetry/sdk-logs');

const EXPORTER_PACKAGES = {
    grpc: 'grpc',
    'http/protobuf': 'proto',
    'http/json': 'http',
};

function fail(message) {
    process.stderr.write(`send_telemetry: ${message}\n`);
    process.exit(2);
}

const { values: options } = parseArgs({
    options: {
        protocol: { type: 'string' },
        compression: { type: 'string', default: 'none' },
        endpoint: { type: 'string' },
        'run-id': { type: 'string' },
        manifest: { type: 'string' },
    },
    strict: true,
});
if (!(options.protocol in EXPORTER_PACKAGES))
    fail(`--protocol must be one of ${Object.keys(EXPORTER_PACKAGES).join(', ')}`);
if (options.compression !== 'gzip' && options.compression !== 'none')
    fail('--compression must be gzip or none');
if (!options.endpoint || !options['run-id'] || !options.manifest)
    fail('--endpoint, --run-id and --manifest are required');

const runId = options['run-id'];
const endpoint = options.endpoint.replace(/\/+$/, '');

api.diag.setLogger(new api.DiagConsoleLogger(), api.DiagLogLevel.WARN);
api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

// ---------------------------------------------------------------------------------------------
// Manifest encoding: AnyValues keep their OTLP type, int64 values travel as decimal strings and
// timestamps as decimal nanosecond strings, so nothing is lost to JSON's doubles.

function hrTimeToNanos(hrTime) {
    return (BigInt(Math.trunc(hrTime[0])) * 1000000000n + BigInt(Math.trunc(hrTime[1]))).toString();
}

// Same classification as @opentelemetry/otlp-transformer's toAnyValue.
function typedValue(value) {
    if (typeof value === 'string')
        return { type: 'string', value };
    if (typeof value === 'boolean')
        return { type: 'bool', value };
    if (typeof value === 'number') {
        if (!Number.isInteger(value))
            return { type: 'double', value };
        return { type: 'int', value: String(value) };
    }
    if (value instanceof Uint8Array)
        return { type: 'bytes', value: Buffer.from(value).toString('base64') };
    if (Array.isArray(value))
        return { type: 'array', value: value.map(typedValue) };
    if (value !== null && typeof value === 'object')
        return { type: 'map', value: typedAttributes(value) };
    return { type: 'empty' };
}

function typedAttributes(attributes) {
    return Object.keys(attributes ?? {}).map(key => ({ key, value: typedValue(attributes[key]) }));
}

function resourceEntry(resource) {
    return { attributes: typedAttributes(resource.attributes) };
}

function scopeEntry(scope) {
    return { name: scope.name, version: scope.version ?? '' };
}

// OTLP Span.flags / Link.flags as the JS OTLP transformer builds them.
function otlpSpanFlags(traceFlags, isRemote) {
    return (traceFlags & 0xff) | 0x100 | (isRemote ? 0x200 : 0);
}

function spanEntry(span) {
    const context = span.spanContext();
    return {
        traceId: context.traceId,
        spanId: context.spanId,
        parentSpanId: span.parentSpanContext?.spanId ?? '',
        traceState: context.traceState?.serialize() ?? '',
        flags: otlpSpanFlags(context.traceFlags, span.parentSpanContext?.isRemote),
        name: span.name,
        kind: span.kind + 1,
        startTimeUnixNano: hrTimeToNanos(span.startTime),
        endTimeUnixNano: hrTimeToNanos(span.endTime),
        status: { code: span.status.code, message: span.status.message ?? '' },
        attributes: typedAttributes(span.attributes),
        droppedAttributesCount: span.droppedAttributesCount,
        events: span.events.map(event => ({
            name: event.name,
            timeUnixNano: hrTimeToNanos(event.time),
            attributes: typedAttributes(event.attributes),
        })),
        links: span.links.map(link => ({
            traceId: link.context.traceId,
            spanId: link.context.spanId,
            traceState: link.context.traceState?.serialize() ?? '',
            flags: otlpSpanFlags(link.context.traceFlags, link.context.isRemote),
            attributes: typedAttributes(link.attributes),
        })),
        resource: resourceEntry(span.resource),
        scope: scopeEntry(span.instrumentationScope),
    };
}

function logEntry(record) {
    return {
        timeUnixNano: hrTimeToNanos(record.hrTime),
        observedTimeUnixNano: hrTimeToNanos(record.hrTimeObserved),
        severityNumber: record.severityNumber ?? 0,
        severityText: record.severityText ?? '',
        body: typedValue(record.body),
        attributes: typedAttributes(record.attributes),
        traceId: record.spanContext?.traceId ?? '',
        spanId: record.spanContext?.spanId ?? '',
        flags: record.spanContext?.traceFlags ?? 0,
        eventName: record.eventName ?? '',
        resource: resourceEntry(record.resource),
        scope: scopeEntry(record.instrumentationScope),
    };
}

const METRIC_TYPES = {
    [DataPointType.SUM]: 'sum',
    [DataPointType.GAUGE]: 'gauge',
    [DataPointType.HISTOGRAM]: 'histogram',
    [DataPointType.EXPONENTIAL_HISTOGRAM]: 'exponentialHistogram',
};

function pointEntry(type, valueType, point) {
    const entry = {
        attributes: typedAttributes(point.attributes),
        startTimeUnixNano: hrTimeToNanos(point.startTime),
        timeUnixNano: hrTimeToNanos(point.endTime),
    };
    const value = point.value;
    if (type === 'sum' || type === 'gauge') {
        entry.value = valueType === 'int' ? String(value) : value;
    } else if (type === 'histogram') {
        Object.assign(entry, {
            count: value.count,
            sum: value.sum,
            min: value.min,
            max: value.max,
            explicitBounds: value.buckets.boundaries,
            bucketCounts: value.buckets.counts,
        });
    } else {
        Object.assign(entry, {
            count: value.count,
            sum: value.sum,
            min: value.min,
            max: value.max,
            scale: value.scale,
            zeroCount: value.zeroCount,
            positive: { offset: value.positive.offset, bucketCounts: value.positive.bucketCounts },
            negative: { offset: value.negative.offset, bucketCounts: value.negative.bucketCounts },
        });
    }
    return entry;
}

// ---------------------------------------------------------------------------------------------
// Exporters: each real OTLP exporter is wrapped so that what it was asked to export, and whether
// it succeeded, is recorded. The manifest therefore describes the exported data, not our intent.

function loadExporter(signal) {
    const pkg = `@opentelemetry/exporter-${signal}-otlp-${EXPORTER_PACKAGES[options.protocol]}`;
    const module = require(pkg);
    const className = { trace: 'OTLPTraceExporter', metrics: 'OTLPMetricExporter', logs: 'OTLPLogExporter' }[signal];
    const path = { trace: 'traces', metrics: 'metrics', logs: 'logs' }[signal];
    const url = options.protocol === 'grpc' ? endpoint : `${endpoint}/v1/${path}`;
    return new module[className]({
        url,
        compression: options.compression,
        timeoutMillis: 20000,
    });
}

// Some packages do not export their package.json, so read it from node_modules directly.
function packageVersion(name) {
    const file = new URL(`./node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(file, 'utf8')).version;
}

const exportFailures = [];

class RecordingExporter {
    constructor(signal, inner, record) {
        this.signal = signal;
        this.inner = inner;
        this.record = record;
        this.exportCount = 0;
    }

    export(items, resultCallback) {
        this.record(items);
        this.inner.export(items, result => {
            if (result.code !== ExportResultCode.SUCCESS) {
                exportFailures.push(`${this.signal}: ${result.error?.message ?? 'export failed'}`);
            }
            this.exportCount += 1;
            resultCallback(result);
        });
    }

    forceFlush() {
        return this.inner.forceFlush ? this.inner.forceFlush() : Promise.resolve();
    }

    shutdown() {
        return this.inner.shutdown();
    }

    selectAggregationTemporality(instrumentType) {
        return this.inner.selectAggregationTemporality(instrumentType);
    }

    selectAggregation(instrumentType) {
        return this.inner.selectAggregation(instrumentType);
    }
}

const manifest = {
    runId,
    protocol: options.protocol,
    compression: options.compression,
    sdk: {
        api: packageVersion('@opentelemetry/api'),
        sdkTraceBase: packageVersion('@opentelemetry/sdk-trace-base'),
        sdkMetrics: packageVersion('@opentelemetry/sdk-metrics'),
        sdkLogs: packageVersion('@opentelemetry/sdk-logs'),
    },
    spans: [],
    metrics: [],
    logs: [],
    expected: {},
};

const recordSpans = spans => {
    for (const span of spans)
        manifest.spans.push(spanEntry(span));
};
const recordLogs = records => {
    for (const record of records)
        manifest.logs.push(logEntry(record));
};
// One manifest entry per (scope, metric name); points accumulate in export order.
const recordMetrics = resourceMetrics => {
    for (const scopeMetrics of resourceMetrics.scopeMetrics) {
        for (const metricData of scopeMetrics.metrics) {
            const type = METRIC_TYPES[metricData.dataPointType];
            const valueType = metricData.descriptor.valueType === api.ValueType.INT ? 'int' : 'double';
            let entry = manifest.metrics.find(m => m.name === metricData.descriptor.name);
            if (!entry) {
                entry = {
                    name: metricData.descriptor.name,
                    description: metricData.descriptor.description,
                    unit: metricData.descriptor.unit,
                    type,
                    valueType,
                    temporality: type === 'gauge' ? 0 : metricData.aggregationTemporality === 0 ? 1 : 2,
                    isMonotonic: type === 'sum' ? metricData.isMonotonic : false,
                    resource: resourceEntry(resourceMetrics.resource),
                    scope: scopeEntry(scopeMetrics.scope),
                    points: [],
                };
                manifest.metrics.push(entry);
            }
            for (const point of metricData.dataPoints)
                entry.points.push(pointEntry(type, valueType, point));
        }
    }
};

// ---------------------------------------------------------------------------------------------
// Providers: two services so a trace crosses a resource boundary.

const commonResourceAttributes = {
    'kansoku.test.run': runId,
    'service.namespace': 'kansoku-interop',
    'deployment.environment.name': 'テスト環境 🧪',
};
const frontendResource = defaultResource().merge(
    resourceFromAttributes({
        ...commonResourceAttributes,
        'service.name': 'interop-frontend',
        'service.version': '1.2.3',
        'host.cpu.count': 2,
    }));
const backendResource = defaultResource().merge(
    resourceFromAttributes({
        ...commonResourceAttributes,
        'service.name': 'interop-backend',
        'service.instance.id': `backend-${runId}`,
    }));

const frontendSpanExporter = new RecordingExporter('traces(frontend)', loadExporter('trace'), recordSpans);
const backendSpanExporter = new RecordingExporter('traces(backend)', loadExporter('trace'), recordSpans);
const frontendTracerProvider = new BasicTracerProvider({
    resource: frontendResource,
    spanProcessors: [new BatchSpanProcessor(frontendSpanExporter, { scheduledDelayMillis: 200 })],
    spanLimits: { attributeValueLengthLimit: Infinity },
});
const backendTracerProvider = new BasicTracerProvider({
    resource: backendResource,
    spanProcessors: [new SimpleSpanProcessor(backendSpanExporter)],
    spanLimits: { attributeValueLengthLimit: Infinity },
});

// The reader's own timer is set far beyond the run: each export interval is driven explicitly (one
// collect + export every METRIC_EXPORT_INTERVAL_MS via forceFlush), so every export carries known
// values and its own timestamp. Kansoku treats a second point of a stream with the same timestamp
// as a retried duplicate, and the SDK's timestamps have millisecond resolution, so a timer tick
// racing the shutdown collection could otherwise produce two points one millisecond apart or less.
const METRIC_EXPORT_INTERVAL_MS = 250;
const metricExporter = new RecordingExporter('metrics', loadExporter('metrics'), recordMetrics);
const metricReader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3600000,
    exportTimeoutMillis: 20000,
});
const meterProvider = new MeterProvider({
    resource: frontendResource,
    readers: [metricReader],
    views: [
        {
            instrumentName: 'interop.payload.size',
            aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 160 } },
        },
    ],
});

const logExporter = new RecordingExporter('logs', loadExporter('logs'), recordLogs);
const loggerProvider = new LoggerProvider({
    resource: frontendResource,
    processors: [new BatchLogRecordProcessor({ exporter: logExporter, scheduledDelayMillis: 200 })],
});

// ---------------------------------------------------------------------------------------------
// Traces

const BIG_VALUE_LENGTH = 100 * 1024;
const BIG_VALUE_PATTERN = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
const bigValue = BIG_VALUE_PATTERN.repeat(Math.ceil(BIG_VALUE_LENGTH / BIG_VALUE_PATTERN.length))
    .slice(0, BIG_VALUE_LENGTH - 8) + '|END🚀|'.padEnd(8, '.');

const everyAttributeType = {
    'test.string': 'hello',
    'test.bool': true,
    'test.int': 42,
    'test.int.negative': -7,
    'test.int.max_safe': Number.MAX_SAFE_INTEGER,
    'test.double': 3.25,
    'test.double.negative': -0.125,
    'test.string_array': ['a', 'b', '日本語'],
    'test.bool_array': [true, false, true],
    'test.int_array': [1, -2, 3000000000],
    'test.double_array': [1.5, -2.25, 0.1],
    'test.japanese': '日本語のテキスト',
    'test.emoji': '🚀 launch ✨',
    '顧客.名前': '山田 太郎 🚀',
};

const frontendTracer = frontendTracerProvider.getTracer('interop.frontend', '0.1.0');
const backendTracer = backendTracerProvider.getTracer('interop.backend', '0.2.0');
const propagator = new W3CTraceContextPropagator();
const mapGetter = {
    keys: carrier => Object.keys(carrier),
    get: (carrier, key) => carrier[key],
};
const mapSetter = { set: (carrier, key, value) => { carrier[key] = value; } };

let producerSpanContext;
let validateSpanContext;
const serverSpan = frontendTracer.startSpan('GET /checkout', {
    kind: api.SpanKind.SERVER,
    attributes: { ...everyAttributeType, 'http.request.method': 'GET', 'url.path': '/checkout' },
});
serverSpan.addEvent('request.received', { 'http.request.body.size': 512, 'request.valid': true });
api.context.with(api.trace.setSpan(api.context.active(), serverSpan), () => {
    const validate = frontendTracer.startSpan('checkout.validate', { kind: api.SpanKind.INTERNAL });
    validateSpanContext = validate.spanContext();
    validate.addEvent('validation.start', { 'rules': ['stock', 'price'], 'threshold': 0.75 });
    validate.addEvent('検証完了 ✅', { 'result': '合格', 'checked.count': 2 });
    validate.end();

    const big = frontendTracer.startSpan('payload.store', {
        kind: api.SpanKind.INTERNAL,
        attributes: { 'payload.big': bigValue, 'payload.length': bigValue.length },
    });
    big.end();

    const client = frontendTracer.startSpan('POST /charge', {
        kind: api.SpanKind.CLIENT,
        attributes: { 'server.address': 'backend.internal', 'server.port': 8443 },
    });
    // Cross the service boundary the way real services do: W3C headers, so the backend sees a
    // remote parent with a tracestate.
    const headers = {};
    propagator.inject(api.trace.setSpan(api.context.active(), client), headers, mapSetter);
    headers.tracestate = 'kansoku=interop,vendor=x1';
    const remoteContext = propagator.extract(api.ROOT_CONTEXT, headers, mapGetter);

    const backendServer = backendTracer.startSpan(
        'POST /charge', { kind: api.SpanKind.SERVER, attributes: { 'http.route': '/charge' } },
        remoteContext);
    const backendContext = api.trace.setSpan(remoteContext, backendServer);
    const db = backendTracer.startSpan(
        'INSERT payments', { kind: api.SpanKind.CLIENT, attributes: { 'db.system.name': 'sqlite' } },
        backendContext);
    db.recordException(new TypeError('カード拒否: card declined 💳'));
    db.setStatus({ code: api.SpanStatusCode.ERROR, message: '決済に失敗しました 💥' });
    db.end();
    const publish = backendTracer.startSpan(
        'orders publish', {
            kind: api.SpanKind.PRODUCER,
            attributes: { 'messaging.system': 'kafka', 'messaging.batch.message_count': 3 },
        },
        backendContext);
    producerSpanContext = publish.spanContext();
    publish.end();
    backendServer.setStatus({ code: api.SpanStatusCode.OK });
    backendServer.end();
    client.end();
});
serverSpan.setStatus({ code: api.SpanStatusCode.OK });
serverSpan.end();

// A second trace, linked to the first one.
const consumer = frontendTracer.startSpan('orders process', {
    kind: api.SpanKind.CONSUMER,
    root: true,
    links: [
        {
            context: producerSpanContext,
            attributes: { 'link.reason': 'follows_from', 'messaging.batch.index': 0 },
        },
        { context: validateSpanContext },
    ],
    attributes: { 'messaging.operation.type': 'process' },
});
consumer.end();

// ---------------------------------------------------------------------------------------------
// Logs: every severity, string and structured bodies, some inside an active span.

const SEVERITY_NAMES = [
    'TRACE', 'TRACE2', 'TRACE3', 'TRACE4', 'DEBUG', 'DEBUG2', 'DEBUG3', 'DEBUG4',
    'INFO', 'INFO2', 'INFO3', 'INFO4', 'WARN', 'WARN2', 'WARN3', 'WARN4',
    'ERROR', 'ERROR2', 'ERROR3', 'ERROR4', 'FATAL', 'FATAL2', 'FATAL3', 'FATAL4',
];
const logger = loggerProvider.getLogger('interop.logs', '0.3.0');
let logIndex = 0;
function emitLog(record) {
    logger.emit({ ...record, attributes: { ...record.attributes, 'log.index': logIndex } });
    logIndex += 1;
}

SEVERITY_NAMES.forEach((name, i) => {
    emitLog({
        severityNumber: i + 1,
        severityText: name,
        body: `severity ${name} message`,
        attributes: { 'log.severity.expected': i + 1 },
    });
});

const logSpan = frontendTracer.startSpan('log.emitter', { kind: api.SpanKind.INTERNAL });
api.context.with(api.trace.setSpan(api.context.active(), logSpan), () => {
    emitLog({
        severityNumber: apiLogs.SeverityNumber.INFO,
        severityText: 'INFO',
        body: '注文を受け付けました 🚀 order accepted',
        attributes: { 'order.id': 'A-1001', 'order.total': 19.99 },
    });
    emitLog({
        severityNumber: apiLogs.SeverityNumber.ERROR,
        severityText: 'ERROR',
        eventName: 'payment.failed',
        body: {
            message: '支払いエラー',
            code: 402,
            ratio: 0.5,
            retry: false,
            tags: ['payment', '💳'],
            detail: { provider: 'acme', attempts: 3 },
            raw: new Uint8Array([0, 1, 2, 254, 255]),
        },
        attributes: { 'error.type': 'PaymentDeclined', 'nested.map': { a: 1, b: 'two' } },
    });
});
logSpan.end();

emitLog({
    severityNumber: apiLogs.SeverityNumber.WARN,
    severityText: 'WARN',
    body: 'explicit context log',
    attributes: { 'context.kind': 'explicit' },
    context: api.trace.setSpan(api.ROOT_CONTEXT, serverSpan),
});

// ---------------------------------------------------------------------------------------------
// Metrics: three phases of known measurements, each followed by one export.

const meter = meterProvider.getMeter('interop.metrics', '0.4.0');
const requests = meter.createCounter('interop.requests', {
    unit: '{request}',
    description: 'Requests handled',
    valueType: api.ValueType.INT,
});
const queueDepth = meter.createUpDownCounter('interop.queue.depth', {
    unit: '{item}',
    description: 'Items waiting',
    valueType: api.ValueType.INT,
});
const latency = meter.createHistogram('interop.latency', {
    unit: 'ms',
    description: 'Request latency',
});
const payloadSize = meter.createHistogram('interop.payload.size', {
    unit: 'By',
    description: 'Payload size',
});
const temperature = meter.createObservableGauge('interop.temperature', {
    unit: 'Cel',
    description: 'Temperature 温度',
});

const PHASES = [
    {
        checkout: 3, cart: 1, depth: 5, latency: [12.5, 3.25], payload: [1, 2, 4, 8],
        cpu: 21.5, ssd: 30.5,
    },
    { checkout: 5, cart: 4, depth: -2, latency: [260.75], payload: [0, 1024], cpu: 22.75, ssd: 31.5 },
    { checkout: 7, cart: 2, depth: 3, latency: [0.5, 7500.25], payload: [3.5, 100000], cpu: 23.125, ssd: 32.25 },
];
const checkoutAttrs = { 'http.route': '/checkout', 'http.response.status_code': 200 };
const cartAttrs = { 'http.route': '/cart', 'http.response.status_code': 500, '日本語': 'カート' };
let currentPhase = 0;
temperature.addCallback(result => {
    result.observe(PHASES[currentPhase].cpu, { sensor: 'cpu' });
    result.observe(PHASES[currentPhase].ssd, { sensor: 'ssd', 'location.ja': '棚 🚀' });
});

const sum = values => values.reduce((a, b) => a + b, 0);
manifest.expected = {
    metricExportIntervalMillis: METRIC_EXPORT_INTERVAL_MS,
    phases: PHASES.length,
    finalValues: {
        'interop.requests': [
            { attributes: typedAttributes(checkoutAttrs), value: String(sum(PHASES.map(p => p.checkout))) },
            { attributes: typedAttributes(cartAttrs), value: String(sum(PHASES.map(p => p.cart))) },
        ],
        'interop.queue.depth': [
            { attributes: typedAttributes({ queue: 'orders' }), value: String(sum(PHASES.map(p => p.depth))) },
        ],
        'interop.latency': [
            {
                attributes: typedAttributes({ 'http.route': '/checkout' }),
                count: sum(PHASES.map(p => p.latency.length)),
                sum: sum(PHASES.flatMap(p => p.latency)),
            },
        ],
        'interop.payload.size': [
            {
                attributes: typedAttributes({ 'direction': 'in' }),
                count: sum(PHASES.map(p => p.payload.length)),
                sum: sum(PHASES.flatMap(p => p.payload)),
                zeroCount: PHASES.flatMap(p => p.payload).filter(v => v === 0).length,
            },
        ],
        'interop.temperature': [
            { attributes: typedAttributes({ sensor: 'cpu' }), value: PHASES.at(-1).cpu },
            {
                attributes: typedAttributes({ sensor: 'ssd', 'location.ja': '棚 🚀' }),
                value: PHASES.at(-1).ssd,
            },
        ],
    },
};

async function runMetricPhases() {
    for (let i = 0; i < PHASES.length; ++i) {
        const phase = PHASES[i];
        currentPhase = i;
        requests.add(phase.checkout, checkoutAttrs);
        requests.add(phase.cart, cartAttrs);
        queueDepth.add(phase.depth, { queue: 'orders' });
        for (const value of phase.latency)
            latency.record(value, { 'http.route': '/checkout' });
        for (const value of phase.payload)
            payloadSize.record(value, { 'direction': 'in' });
        await sleep(METRIC_EXPORT_INTERVAL_MS);
        await metricReader.forceFlush();
    }
    // The shutdown collection exports once more (cumulative values unchanged, gauge re-observed).
    await sleep(METRIC_EXPORT_INTERVAL_MS);
}

function sleep(milliseconds) {
    return new Promise(resolve => setTimeout(resolve, milliseconds));
}

const OVERALL_TIMEOUT_MS = 120000;

async function main() {
    // Bounds the whole run (an exporter that never answers must not hang the test).
    setTimeout(() => fail(`timed out after ${OVERALL_TIMEOUT_MS} ms`), OVERALL_TIMEOUT_MS);
    await runMetricPhases();
    await Promise.all([
        frontendTracerProvider.forceFlush(),
        backendTracerProvider.forceFlush(),
        loggerProvider.forceFlush(),
    ]);
    await Promise.all([
        frontendTracerProvider.shutdown(),
        backendTracerProvider.shutdown(),
        meterProvider.shutdown(),
        loggerProvider.shutdown(),
    ]);
    manifest.exportCounts = {
        tracesFrontend: frontendSpanExporter.exportCount,
        tracesBackend: backendSpanExporter.exportCount,
        metrics: metricExporter.exportCount,
        logs: logExporter.exportCount,
    };
    writeFileSync(options.manifest, JSON.stringify(manifest, null, 1));
    if (exportFailures.length > 0) {
        process.stderr.write(`send_telemetry: ${exportFailures.length} export(s) failed:\n`);
        for (const failure of exportFailures)
            process.stderr.write(`  ${failure}\n`);
        process.exit(1);
    }
    process.stdout.write(
        `send_telemetry: sent ${manifest.spans.length} spans, ${manifest.logs.length} logs, ` +
        `${manifest.metrics.reduce((n, m) => n + m.points.length, 0)} metric points ` +
        `(${options.protocol}, ${options.compression})\n`);
    process.exit(0);
}

main().catch(error => {
    process.stderr.write(`send_telemetry: ${error?.stack ?? error}\n`);
    process.exit(1);
});
