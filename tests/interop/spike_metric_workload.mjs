#!/usr/bin/env node
// A "shop" server's http.server.request.duration as the official OpenTelemetry JS SDK aggregates
// it with an ExponentialHistogram View (cumulative, the SDK's default temporality), for the
// findings interop test (tst_findings_interop): 10 requests of ~100 ms every 10 s on GET /products,
// then 100 of ~300 ms (5 of them HTTP 503) in each of three intervals, then 10 again; no traces, as
// where every trace is sampled away. The SDK's clock (Date.now, which it reads when it records and
// collects) is set back to a timeline ending a minute ago, so the exports of three minutes take a
// moment; each collection goes out over OTLP/HTTP protobuf. Prints one JSON line: the spike's
// start and end (ms since the epoch) and the data point types the SDK exported.
//
// Usage: node spike_metric_workload.mjs --endpoint http://127.0.0.1:4318

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { resourceFromAttributes } = require('@opentelemetry/resources');
const {
    AggregationType,
    DataPointType,
    MeterProvider,
    MetricReader,
} = require('@opentelemetry/sdk-metrics');
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-proto');

const { values: options } = parseArgs({
    options: { endpoint: { type: 'string', default: 'http://127.0.0.1:4318' } },
    strict: true,
});
const endpoint = options.endpoint.replace(/\/+$/, '');

const intervalMs = 10000;
const baselineIntervals = 8;
const spikeIntervals = 3;
const afterIntervals = 6;
const totalIntervals = baselineIntervals + spikeIntervals + afterIntervals;
// Aligned to the detector's 10 s buckets, so the spike's range is exactly its intervals.
const startMs = Math.floor((Date.now() - 60000 - totalIntervals * intervalMs) / intervalMs) * intervalMs;

// Collections on demand rather than on a timer: the test sets the clock for each.
class ManualReader extends MetricReader {
    async onForceFlush() {}
    async onShutdown() {}
}

const reader = new ManualReader();
const meterProvider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'shop' }),
    views: [{
        instrumentName: 'http.server.request.duration',
        aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM },
    }],
    readers: [reader],
});
const duration = meterProvider.getMeter('@opentelemetry/instrumentation-http')
    .createHistogram('http.server.request.duration', {
        unit: 's',
        description: 'Duration of HTTP server requests.',
    });
const exporter = new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` });

const realNow = Date.now;
async function atTime(ms, work) {
    Date.now = () => ms;
    try {
        return await work();
    } finally {
        Date.now = realNow;
    }
}

function exportMetrics(resourceMetrics) {
    return new Promise((resolve, reject) => {
        exporter.export(resourceMetrics, (result) => {
            if (result.code === 0)
                resolve();
            else
                reject(result.error ?? new Error(`export failed with code ${result.code}`));
        });
    });
}

const dataPointTypes = new Set();
for (let interval = 0; interval < totalIntervals; ++interval) {
    const spike = interval >= baselineIntervals && interval < baselineIntervals + spikeIntervals;
    const requests = spike ? 100 : 10;
    const intervalStartMs = startMs + interval * intervalMs;
    for (let i = 0; i < requests; ++i) {
        const failed = spike && i < 5;
        const seconds = (spike ? 0.3 : 0.1) + (i % 5) * 0.002;
        await atTime(intervalStartMs + i * (intervalMs / requests), () => duration.record(seconds, {
            'http.request.method': 'GET',
            'http.route': '/products',
            'http.response.status_code': failed ? 503 : 200,
            'url.scheme': 'http',
        }));
    }
    const { resourceMetrics, errors } = await atTime(intervalStartMs + intervalMs,
                                                     () => reader.collect());
    if (errors.length > 0)
        throw errors[0];
    for (const scopeMetrics of resourceMetrics.scopeMetrics) {
        for (const metric of scopeMetrics.metrics)
            dataPointTypes.add(DataPointType[metric.dataPointType]);
    }
    await exportMetrics(resourceMetrics);
}
await meterProvider.shutdown();
await exporter.shutdown();
process.stdout.write(JSON.stringify({
    spikeStartMs: startMs + baselineIntervals * intervalMs,
    spikeEndMs: startMs + (baselineIntervals + spikeIntervals) * intervalMs,
    dataPointTypes: [...dataPointTypes],
}) + '\n');
