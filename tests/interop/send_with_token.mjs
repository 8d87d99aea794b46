#!/usr/bin/env node
// Exports one span with the official OTLP trace exporter of the OpenTelemetry JS SDK, configured
// as a training room participant does it: the endpoint, and the token only through the
// OTEL_EXPORTER_OTLP_HEADERS environment variable (never in code). Prints the exporter's result
// as one JSON line, {"code": "SUCCESS"|"FAILED", "errorCode": ..., "error": "..."}, for
// tst_token_interop.
//
// Usage: node send_with_token.mjs --protocol grpc|http/protobuf|http/json
//          --endpoint http://127.0.0.1:PORT --service NAME
// Exit code 0 when a result was printed (whatever it was), 2 for a usage error.

import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { ExportResultCode } = require('@opentelemetry/core');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BasicTracerProvider, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-base');

const EXPORTER_PACKAGES = {
    grpc: 'grpc',
    'http/protobuf': 'proto',
    'http/json': 'http',
};

const { values: options } = parseArgs({
    options: {
        protocol: { type: 'string' },
        endpoint: { type: 'string' },
        service: { type: 'string' },
    },
    strict: true,
});
if (!(options.protocol in EXPORTER_PACKAGES) || !options.endpoint || !options.service) {
    process.stderr.write('send_with_token: --protocol, --endpoint and --service are required\n');
    process.exit(2);
}

const module = require(`@opentelemetry/exporter-trace-otlp-${EXPORTER_PACKAGES[options.protocol]}`);
const url = options.protocol === 'grpc' ? options.endpoint : `${options.endpoint}/v1/traces`;
const exporter = new module.OTLPTraceExporter({ url, timeoutMillis: 10000 });

// The exporter's own answer, as the SDK reports it to its span processor.
let outcome = null;
const recordingExporter = {
    export(spans, resultCallback) {
        exporter.export(spans, result => {
            outcome = {
                code: result.code === ExportResultCode.SUCCESS ? 'SUCCESS' : 'FAILED',
                errorCode: result.error?.code ?? null,
                error: result.error?.message ?? '',
            };
            resultCallback(result);
        });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
};

const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    spanProcessors: [new SimpleSpanProcessor(recordingExporter)],
});
provider.getTracer('training-room').startSpan('participant span').end();
try {
    await provider.forceFlush();
} catch {
    // A refused export rejects the flush too; its result is already in `outcome`.
}
await provider.shutdown();
process.stdout.write(`${JSON.stringify(outcome ?? { code: 'NONE', errorCode: null, error: '' })}\n`);
