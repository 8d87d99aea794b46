#!/usr/bin/env node
// A shop's "orders" service, instrumented with the official OpenTelemetry JS SDK, before and after
// a performance fix, for the findings interop test (tst_findings_interop):
// - before: GET /orders/:id loads its items one query at a time (an N+1; half the requests use
//   the older semantic-convention names with literal ids, half the current ones with $1), and
//   GET /reports/daily runs an unindexed report query of about half a second;
// - after: one `WHERE id = ANY($1)` query per order, and the report query takes ~10 ms.
// GET /health is the same in both. Traces are backdated over the last --minutes and sent over
// OTLP/HTTP protobuf; the run prints one line with the counts when everything was exported.
//
// Usage: node findings_workload.mjs --variant before|after --endpoint http://127.0.0.1:4318
//                                   [--requests 60] [--minutes 10]

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');

const { values: options } = parseArgs({
    options: {
        variant: { type: 'string' },
        endpoint: { type: 'string', default: 'http://127.0.0.1:4318' },
        requests: { type: 'string', default: '60' },
        minutes: { type: 'string', default: '10' },
    },
    strict: true,
});
if (options.variant !== 'before' && options.variant !== 'after') {
    process.stderr.write('--variant must be before or after\n');
    process.exit(2);
}
const before = options.variant === 'before';
const endpoint = options.endpoint.replace(/\/+$/, '');
const requestsPerEndpoint = Number(options.requests);
const minutes = Number(options.minutes);

api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

let seed = before ? 7 : 11;
function random() {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
}

const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
        'service.name': 'orders',
        'service.version': before ? '2.1.0' : '2.1.1',
        'telemetry.sdk.language': 'nodejs',
    }),
    spanProcessors: [new BatchSpanProcessor(
        new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }),
        { maxQueueSize: 100000, maxExportBatchSize: 1000, scheduledDelayMillis: 100 })],
});
const tracer = provider.getTracer('findings-workload', '1.0.0');

function hr(ms) {
    return [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
}

// One database client span from clock, durationMs long; returns the new clock.
function query(clock, durationMs, attributes) {
    const span = tracer.startSpan(attributes['db.operation.name'] ?? 'SELECT', {
        kind: api.SpanKind.CLIENT, startTime: hr(clock), attributes,
    }, api.context.active());
    span.end(hr(clock + durationMs));
    return clock + durationMs + 0.05;
}

function serve(route, path, startMs, body) {
    const root = tracer.startSpan(`GET ${route}`, {
        kind: api.SpanKind.SERVER,
        startTime: hr(startMs),
        attributes: { 'http.request.method': 'GET', 'http.route': route, 'url.path': path },
    });
    let clock = startMs + 0.5;
    api.context.with(api.trace.setSpan(api.context.active(), root), () => { clock = body(clock); });
    root.setAttribute('http.response.status_code', 200);
    root.end(hr(clock + 0.5));
}

let spans = 0;
const startMs = Date.now() - minutes * 60000;
const spacingMs = (minutes * 60000) / requestsPerEndpoint;
for (let i = 0; i < requestsPerEndpoint; ++i) {
    const at = startMs + i * spacingMs;
    const orderId = 1000 + i;
    serve('/orders/:id', `/orders/${orderId}`, at, clock => {
        clock = query(clock, 1 + random(), {
            'db.system.name': 'postgresql', 'db.operation.name': 'SELECT',
            'db.query.text': 'SELECT id, customer_id, total FROM orders WHERE id = $1',
        });
        const items = 8 + Math.floor(random() * 8);
        if (before) {
            for (let item = 0; item < items; ++item) {
                const itemId = orderId * 100 + item;
                const attributes = i % 2 === 0
                    ? { 'db.system': 'postgresql',
                        'db.statement': `SELECT id, name, price FROM items WHERE id = ${itemId}` }
                    : { 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT',
                        'db.query.text': 'SELECT id, name, price FROM items WHERE id = $1' };
                clock = query(clock, 1.5 + random(), attributes);
            }
            spans += items;
        } else {
            clock = query(clock, 2 + random(), {
                'db.system.name': 'postgresql', 'db.operation.name': 'SELECT',
                'db.query.text': 'SELECT id, name, price FROM items WHERE id = ANY($1)',
            });
            spans += 1;
        }
        return clock;
    });
    serve('/reports/daily', '/reports/daily', at + spacingMs / 3, clock => query(
        clock, before ? 450 + random() * 200 : 8 + random() * 4, {
            'db.system.name': 'postgresql', 'db.operation.name': 'SELECT',
            'db.query.text': 'SELECT day, sum(total) FROM orders WHERE created_at > $1 GROUP BY day',
        }));
    serve('/health', '/health', at + (2 * spacingMs) / 3, clock => clock + 0.2);
    spans += 1 + 1 + 2 + 1;
}

await provider.forceFlush();
await provider.shutdown();
process.stdout.write(`sent ${options.variant}: ${3 * requestsPerEndpoint} requests, ${spans} spans to ${endpoint}\n`);
