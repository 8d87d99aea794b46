#!/usr/bin/env node
// A small simulated shop, instrumented with the official OpenTelemetry JS SDK, for looking at
// Kansoku with realistic data (screenshots, demos, training). Not a test: nothing is checked.
// Three services (frontend → checkout → inventory-db) produce traces with the classics in them:
// an N+1 query loop on /cart, an occasional slow query, declined payments as errors, and a
// traffic spike halfway through; logs correlated with spans; metrics from live instruments.
//
// Usage: node demo_workload.mjs [--endpoint http://127.0.0.1:4318] [--history-minutes 30]
//                               [--requests-per-minute 120] [--live-seconds 20]
//                               [--live-requests-per-second N]
// Traces and logs of the past --history-minutes are sent at once (backdated); then the app runs
// live for --live-seconds so metrics accumulate several export intervals. Live traffic comes in
// bursts of 5-15 requests every 250 ms, or, with --live-requests-per-second, at that steady rate
// (a request is about 5 spans and 2 logs: 400/s makes about 2,000 spans/s, for soak runs).

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');
const apiLogs = require('@opentelemetry/api-logs');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const {
    AggregationType,
    MeterProvider,
    PeriodicExportingMetricReader,
} = require('@opentelemetry/sdk-metrics');
const { BatchLogRecordProcessor, LoggerProvider } = require('@opentelemetry/sdk-logs');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-proto');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-proto');

const { values: options } = parseArgs({
    options: {
        endpoint: { type: 'string', default: 'http://127.0.0.1:4318' },
        'history-minutes': { type: 'string', default: '30' },
        'requests-per-minute': { type: 'string', default: '120' },
        'live-seconds': { type: 'string', default: '20' },
        'live-requests-per-second': { type: 'string' },
    },
    strict: true,
});
const endpoint = options.endpoint.replace(/\/+$/, '');
const historyMinutes = Number(options['history-minutes']);
const requestsPerMinute = Number(options['requests-per-minute']);
const liveSeconds = Number(options['live-seconds']);
const liveRequestsPerSecond = options['live-requests-per-second'] === undefined
    ? undefined : Number(options['live-requests-per-second']);

// Without a context manager, context.with() would not carry the parent span.
api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

let seed = 42;
function random() {
    // Deterministic, so two runs show the same shop.
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
}
function pick(items) {
    return items[Math.floor(random() * items.length)];
}

function makeService(name, version) {
    const resource = resourceFromAttributes({
        'service.name': name,
        'service.version': version,
        'service.namespace': 'shop',
        'deployment.environment.name': 'training',
        'host.name': 'laptop-01',
    });
    const tracerProvider = new BasicTracerProvider({
        resource,
        spanProcessors: [new BatchSpanProcessor(
            new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }),
            { maxQueueSize: 100000, maxExportBatchSize: 2000, scheduledDelayMillis: 200 })],
    });
    const loggerProvider = new LoggerProvider({
        resource,
        processors: [new BatchLogRecordProcessor({
            exporter: new OTLPLogExporter({ url: `${endpoint}/v1/logs` }),
            maxQueueSize: 100000, maxExportBatchSize: 2000, scheduledDelayMillis: 200,
        })],
    });
    const meterProvider = new MeterProvider({
        resource,
        views: [{
            instrumentName: 'http.server.request.duration.exponential',
            aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM },
        }],
        readers: [new PeriodicExportingMetricReader({
            exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
            exportIntervalMillis: 2000,
        })],
    });
    return {
        name,
        tracer: tracerProvider.getTracer(`${name}-instrumentation`, version),
        logger: loggerProvider.getLogger(`${name}-logger`, version),
        meter: meterProvider.getMeter(`${name}-meter`, version),
        providers: [tracerProvider, loggerProvider, meterProvider],
    };
}

const frontend = makeService('frontend', '2.3.1');
const checkout = makeService('checkout', '1.8.0');
const inventory = makeService('inventory', '0.9.4');

function toHrTime(ms) {
    return [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
}

function log(service, span, timeMs, severityNumber, severityText, body, attributes = {}) {
    const context = span ? api.trace.setSpan(api.context.active(), span) : api.context.active();
    service.logger.emit({
        timestamp: toHrTime(timeMs),
        observedTimestamp: toHrTime(timeMs + 1),
        severityNumber,
        severityText,
        body,
        attributes,
        context,
    });
}

// One simulated request starting at startMs; returns its duration in ms.
function simulateRequest(startMs, spike) {
    const route = pick(['/cart', '/cart', '/product/:id', '/product/:id', '/checkout', '/search']);
    const root = frontend.tracer.startSpan(`GET ${route}`, {
        kind: api.SpanKind.SERVER,
        startTime: toHrTime(startMs),
        attributes: {
            'http.request.method': route === '/checkout' ? 'POST' : 'GET',
            'http.route': route,
            'url.path': route.replace(':id', String(1000 + Math.floor(random() * 50))),
            'user_agent.original': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0',
            'client.address': `10.0.0.${Math.floor(random() * 200)}`,
        },
    });
    const rootContext = api.trace.setSpan(api.context.active(), root);
    let clock = startMs + 1 + random() * 2;
    let failed = false;
    const load = spike ? 3 : 1;

    const call = (service, name, kind, attributes) =>
        service.tracer.startSpan(name, { kind, startTime: toHrTime(clock), attributes },
                                 api.context.active());

    api.context.with(rootContext, () => {
        if (route === '/cart') {
            const items = 3 + Math.floor(random() * 12);
            const span = call(checkout, 'CartService.load', api.SpanKind.INTERNAL, { 'cart.items': items });
            api.context.with(api.trace.setSpan(api.context.active(), span), () => {
                clock += 0.5;
                // The N+1: one query per item instead of one join.
                for (let i = 0; i < items; ++i) {
                    const query = call(inventory, 'SELECT inventory.items', api.SpanKind.CLIENT, {
                        'db.system.name': 'postgresql',
                        'db.namespace': 'shop',
                        'db.query.text': 'SELECT id, name, price, stock FROM items WHERE id = $1',
                        'db.operation.name': 'SELECT',
                        'server.address': 'db.internal',
                    });
                    clock += (0.8 + random() * 1.5) * load;
                    query.end(toHrTime(clock));
                    clock += 0.1;
                }
            });
            clock += 0.4;
            span.end(toHrTime(clock));
            log(frontend, root, clock, 9, 'INFO', `cart loaded with ${items} items`, { 'cart.items': items });
        } else if (route === '/product/:id') {
            const slow = random() < 0.04;
            const query = call(inventory, 'SELECT inventory.product', api.SpanKind.CLIENT, {
                'db.system.name': 'postgresql',
                'db.query.text': slow
                    ? 'SELECT * FROM items i JOIN reviews r ON r.item_id = i.id WHERE i.id = $1 ORDER BY r.created_at'
                    : 'SELECT id, name, price, stock FROM items WHERE id = $1',
                'db.operation.name': 'SELECT',
            });
            clock += (slow ? 400 + random() * 600 : 2 + random() * 4) * load;
            if (slow)
                query.addEvent('slow query', { 'db.rows_examined': 1840000, 'plan': 'Seq Scan on reviews' }, toHrTime(clock - 5));
            query.end(toHrTime(clock));
            if (slow)
                log(inventory, query, clock, 13, 'WARN', `slow query took ${Math.round(clock - startMs)} ms`,
                    { 'db.query.text': 'SELECT * FROM items i JOIN reviews r …' });
        } else if (route === '/checkout') {
            const span = call(checkout, 'CheckoutService.placeOrder', api.SpanKind.INTERNAL, { 'order.currency': 'JPY' });
            api.context.with(api.trace.setSpan(api.context.active(), span), () => {
                const lock = call(inventory, 'SELECT … FOR UPDATE', api.SpanKind.CLIENT, {
                    'db.system.name': 'postgresql',
                    'db.query.text': 'SELECT stock FROM items WHERE id = ANY($1) FOR UPDATE',
                });
                clock += (5 + random() * 10) * load * load;
                lock.end(toHrTime(clock));
                const payment = call(checkout, 'POST payments.example/charge', api.SpanKind.CLIENT, {
                    'http.request.method': 'POST', 'server.address': 'payments.example',
                });
                clock += 40 + random() * 80;
                if (random() < 0.08) {
                    failed = true;
                    payment.setStatus({ code: api.SpanStatusCode.ERROR, message: 'card declined' });
                    payment.recordException({ name: 'PaymentDeclined', message: 'card declined: insufficient funds' }, toHrTime(clock));
                    log(checkout, payment, clock, 17, 'ERROR', {
                        message: 'payment failed', reason: 'card declined', amount: 12800, currency: 'JPY',
                    }, { 'exception.type': 'PaymentDeclined' });
                }
                payment.end(toHrTime(clock));
            });
            clock += 1;
            if (failed)
                span.setStatus({ code: api.SpanStatusCode.ERROR, message: 'payment failed' });
            span.end(toHrTime(clock));
            log(checkout, span, clock, failed ? 17 : 9, failed ? 'ERROR' : 'INFO',
                failed ? 'order rejected: 支払いが拒否されました' : 'order placed 注文を受け付けました ✅');
        } else {
            const query = call(inventory, 'SELECT inventory.search', api.SpanKind.CLIENT, {
                'db.system.name': 'postgresql',
                'db.query.text': "SELECT id, name FROM items WHERE name ILIKE $1 LIMIT 20",
            });
            clock += (8 + random() * 20) * load;
            query.end(toHrTime(clock));
            log(frontend, root, clock, 5, 'DEBUG', 'search served from database', { 'search.terms': 'tea' });
        }
    });
    clock += 1 + random();
    root.setAttribute('http.response.status_code', failed ? 502 : 200);
    if (failed)
        root.setStatus({ code: api.SpanStatusCode.ERROR });
    root.end(toHrTime(clock));
    log(frontend, root, clock, failed ? 13 : 9, failed ? 'WARN' : 'INFO',
        `${failed ? 502 : 200} ${route} in ${(clock - startMs).toFixed(1)} ms`, { 'http.route': route });
    return { route, durationMs: clock - startMs, failed };
}

// Live instruments: updated while the live phase runs.
const requestCounter = frontend.meter.createCounter('http.server.requests', { description: 'Requests served', unit: '{request}' });
const durationHistogram = frontend.meter.createHistogram('http.server.request.duration', {
    description: 'Duration of HTTP server requests', unit: 's',
    advice: { explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] },
});
const exponentialHistogram = frontend.meter.createHistogram('http.server.request.duration.exponential', { unit: 's' });
const activeRequests = frontend.meter.createUpDownCounter('http.server.active_requests', { unit: '{request}' });
let poolInUse = 0;
inventory.meter.createObservableGauge('db.client.connection.count', { unit: '{connection}', description: 'Connections in use' })
    .addCallback(result => result.observe(poolInUse, { 'db.client.connection.pool.name': 'shop', 'db.client.connection.state': 'used' }));
const queryCounter = inventory.meter.createCounter('db.client.operations', { unit: '{operation}' });

const nowMs = Date.now();
const liveStartMs = nowMs;
const historyStartMs = nowMs - historyMinutes * 60000;
const total = Math.round(historyMinutes * requestsPerMinute);
for (let i = 0; i < total; ++i) {
    const startMs = historyStartMs + (i / total) * historyMinutes * 60000 + random() * 200;
    const spike = i > total * 0.5 && i < total * 0.58;
    simulateRequest(startMs, spike);
    if (spike && random() < 0.7)
        simulateRequest(startMs + 50, true); // the spike doubles the traffic too
}

const liveEnd = liveStartMs + liveSeconds * 1000;
let liveRequests = 0;
while (Date.now() < liveEnd) {
    // A steady rate catches up on what the previous bursts and the event loop delayed.
    const due = liveRequestsPerSecond === undefined ? 0
        : Math.floor((Date.now() - liveStartMs) / 1000 * liveRequestsPerSecond) - liveRequests;
    const burst = liveRequestsPerSecond === undefined ? 5 + Math.floor(random() * 10) : due;
    liveRequests += burst;
    activeRequests.add(burst, { 'http.route': '/cart' });
    for (let i = 0; i < burst; ++i) {
        const result = simulateRequest(Date.now(), false);
        const attributes = { 'http.route': result.route, 'http.response.status_code': result.failed ? 502 : 200 };
        requestCounter.add(1, attributes);
        durationHistogram.record(result.durationMs / 1000, { 'http.route': result.route });
        exponentialHistogram.record(result.durationMs / 1000, { 'http.route': result.route });
        queryCounter.add(result.route === '/cart' ? 8 : 1, { 'db.operation.name': 'SELECT' });
    }
    poolInUse = 2 + Math.floor(random() * 18);
    await new Promise(resolve => setTimeout(resolve, 250));
    activeRequests.add(-burst, { 'http.route': '/cart' });
}

for (const service of [frontend, checkout, inventory]) {
    for (const provider of service.providers) {
        await provider.forceFlush();
        await provider.shutdown();
    }
}
process.stdout.write(`sent ${total} backdated requests over ${historyMinutes} min and ${liveSeconds} s of live traffic to ${endpoint}\n`);
