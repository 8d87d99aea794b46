#!/usr/bin/env node
// A small instrumented shop, the way a user's Express + PostgreSQL service runs: the official
// OpenTelemetry http, express and pg instrumentations registered before http, express and pg are
// loaded, an Express server whose GET /orders/:id reads PostgreSQL through a pg pool, and an
// (instrumented) client that sends it a few hundred requests, some answered 404 (no such order)
// and some 500 (the id is not a number, so PostgreSQL rejects the query). Metrics and traces go to
// an OTLP/HTTP (protobuf) endpoint; at the end the providers flush and the script prints one JSON
// line with the metric names and units the SDK exported, for tst_instrumented_app_interop.
//
// Usage: node instrumented_shop.mjs --endpoint http://127.0.0.1:PORT --pg-port PORT
//          [--pg-host 127.0.0.1] [--service shop] [--requests 300]
// The semantic-convention variant follows OTEL_SEMCONV_STABILITY_OPT_IN, as in a user's app.
// Exit code 0 only when every export reported success.

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const api = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { ExportResultCode } = require('@opentelemetry/core');
const { defaultResource, resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { MeterProvider, PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics');
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-proto');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-proto');
const { registerInstrumentations } = require('@opentelemetry/instrumentation');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');
const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg');

function fail(message) {
    process.stderr.write(`instrumented_shop: ${message}\n`);
    process.exit(2);
}

const { values: options } = parseArgs({
    options: {
        endpoint: { type: 'string' },
        'pg-host': { type: 'string', default: '127.0.0.1' },
        'pg-port': { type: 'string' },
        service: { type: 'string', default: 'shop' },
        requests: { type: 'string', default: '300' },
    },
    strict: true,
});
if (!options.endpoint || !options['pg-port'])
    fail('--endpoint and --pg-port are required');
const endpoint = options.endpoint.replace(/\/+$/, '');
const requestCount = Number.parseInt(options.requests, 10);
if (!(requestCount > 0))
    fail('--requests must be a positive number');

api.diag.setLogger(new api.DiagConsoleLogger(), api.DiagLogLevel.WARN);
api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

// Counts failed exports, so a run that lost data exits non-zero instead of looking fine.
let failedExports = 0;
const exportedMetrics = new Map(); // name -> unit
function watched(exporter, onSuccess) {
    const original = exporter.export.bind(exporter);
    exporter.export = (items, resultCallback) => original(items, (result) => {
        if (result.code === ExportResultCode.SUCCESS)
            onSuccess(items);
        else {
            ++failedExports;
            process.stderr.write(`instrumented_shop: export failed: ${result.error}\n`);
        }
        resultCallback(result);
    });
    return exporter;
}

const resource = defaultResource().merge(resourceFromAttributes({
    'service.name': options.service,
    'service.version': '1.0.0',
}));
const metricExporter = watched(new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
    (resourceMetrics) => {
        for (const scopeMetrics of resourceMetrics.scopeMetrics) {
            for (const metric of scopeMetrics.metrics)
                exportedMetrics.set(metric.descriptor.name, metric.descriptor.unit);
        }
    });
// A short interval, as a developer watching a dashboard would set it; the final flush sends the rest.
const meterProvider = new MeterProvider({
    resource,
    readers: [new PeriodicExportingMetricReader({
        exporter: metricExporter,
        exportIntervalMillis: 500,
        exportTimeoutMillis: 500,
    })],
});
const tracerProvider = new BasicTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(
        watched(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), () => {}))],
});
api.metrics.setGlobalMeterProvider(meterProvider);
api.trace.setGlobalTracerProvider(tracerProvider);

// Before http, express and pg are loaded: the instrumentations patch them as require() loads them.
registerInstrumentations({
    instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation(),
                       new PgInstrumentation()],
});
const http = require('node:http');
const express = require('express');
const pg = require('pg');

const pool = new pg.Pool({
    host: options['pg-host'],
    port: Number.parseInt(options['pg-port'], 10),
    user: 'postgres',
    database: 'postgres',
    max: 4,
});

const ORDER_COUNT = 40;
await pool.query(`CREATE TABLE IF NOT EXISTS orders (
    id integer PRIMARY KEY, customer text NOT NULL, total_cents integer NOT NULL)`);
await pool.query('TRUNCATE orders');
for (let id = 1; id <= ORDER_COUNT; ++id) {
    await pool.query('INSERT INTO orders (id, customer, total_cents) VALUES ($1, $2, $3)',
                     [id, `customer-${id % 7}`, 100 * id]);
}

const app = express();
app.get('/orders/:id', async (request, response) => {
    try {
        // A non-numeric id reaches PostgreSQL as is and fails there: the service's 500s.
        const result = await pool.query('SELECT id, customer, total_cents FROM orders WHERE id = $1',
                                        [request.params.id]);
        if (result.rowCount === 0)
            response.status(404).json({ error: 'no such order' });
        else
            response.json(result.rows[0]);
    } catch (error) {
        response.status(500).json({ error: error.message });
    }
});
app.get('/health', (request, response) => response.send('ok'));

const server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
});
const port = server.address().port;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function get(path) {
    return new Promise((resolve, reject) => {
        const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode));
        });
        request.on('error', reject);
    });
}

// Mostly existing orders, every 8th one missing (404), every 20th not a number (500).
function pathFor(index) {
    if (index % 20 === 19)
        return `/orders/not-a-number-${index}`;
    if (index % 8 === 7)
        return `/orders/${ORDER_COUNT + 1 + index}`;
    if (index % 25 === 0)
        return '/health';
    return `/orders/${1 + (index % ORDER_COUNT)}`;
}

const statuses = new Map();
const CONCURRENCY = 4;
let next = 0;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < requestCount) {
        const status = await get(pathFor(next++));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
}));

agent.destroy();
await new Promise((resolve) => server.close(resolve));
await pool.end();
await tracerProvider.forceFlush();
await meterProvider.forceFlush();
await tracerProvider.shutdown();
await meterProvider.shutdown();

process.stdout.write(JSON.stringify({
    statuses: Object.fromEntries(statuses),
    metrics: Object.fromEntries([...exportedMetrics].sort()),
}) + '\n');
process.exit(failedExports === 0 ? 0 : 1);
