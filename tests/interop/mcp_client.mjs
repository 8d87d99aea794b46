#!/usr/bin/env node
// Drives `kansoku mcp` with the official MCP TypeScript SDK (its Client over StdioClientTransport,
// pinned in package-lock.json) the way an agent would: initialize, list the tools, call each one
// (following next_cursor where a listing pages), a bad argument and an unknown tool; then closes
// stdin. Prints one JSON document of everything the server answered, for tst_mcp_interop to
// compare with what the OpenTelemetry JS SDK sent.
//
// Usage: node mcp_client.mjs --kansoku EXECUTABLE --db SESSION --trace-id HEX --span-id HEX
// Exit code 0 when every call came back (tool errors included); 1 otherwise.

import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const { values: options } = parseArgs({
    options: {
        kansoku: { type: 'string' },
        db: { type: 'string' },
        'trace-id': { type: 'string' },
        'span-id': { type: 'string' },
    },
    strict: true,
});
if (!options.kansoku || !options.db || !options['trace-id'] || !options['span-id']) {
    process.stderr.write('mcp_client: --kansoku, --db, --trace-id and --span-id are required\n');
    process.exit(2);
}

const transport = new StdioClientTransport({
    command: options.kansoku,
    args: ['mcp', '--db', options.db],
    stderr: 'pipe',
});
let serverStderr = '';
transport.stderr?.on('data', chunk => { serverStderr += chunk; });
// The stdio transport keeps no record of the version initialize settled on; the client hands it
// to any transport that takes it.
let negotiatedVersion = null;
transport.setProtocolVersion = version => { negotiatedVersion = version; };

const client = new Client({ name: 'kansoku-interop', version: '1.0.0' });

// structuredContent of a successful call; throws with the tool's text on a tool error.
async function call(name, args = {}) {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError)
        throw new Error(`${name} failed: ${result.content?.[0]?.text}`);
    const fromText = JSON.parse(result.content[0].text);
    if (JSON.stringify(fromText) !== JSON.stringify(result.structuredContent))
        throw new Error(`${name}: the text content and structuredContent differ`);
    return result.structuredContent;
}

// Every item of a paged listing, following next_cursor.
async function all(name, key, args) {
    const items = [];
    let pages = 0;
    for (let cursor; ; ) {
        const page = await call(name, cursor ? { ...args, cursor } : args);
        items.push(...page[key]);
        pages += 1;
        if (!page.next_cursor)
            return { items, pages };
        cursor = page.next_cursor;
    }
}

async function main() {
    setTimeout(() => {
        process.stderr.write(`mcp_client: timed out; kansoku said: ${serverStderr}\n`);
        process.exit(1);
    }, 120000).unref();
    await client.connect(transport);
    const output = {
        requestedVersion: (await import('@modelcontextprotocol/sdk/types.js')).LATEST_PROTOCOL_VERSION,
        negotiatedVersion,
        serverInfo: client.getServerVersion(),
        capabilities: client.getServerCapabilities(),
        tools: (await client.listTools()).tools.map(tool => tool.name),
    };
    output.services = await call('list_services');
    output.traces = await all('search_traces', 'traces', { limit: 2 });
    output.slowest = await call('search_traces', { sort: 'slowest', limit: 1 });
    output.trace = await call('get_trace', { trace_id: options['trace-id'] });
    output.span = await call('get_trace', { trace_id: options['trace-id'], span_id: options['span-id'] });
    output.logs = await all('search_logs', 'logs', { limit: 5 });
    output.orderLogs = await call('search_logs', { query: 'order accepted', limit: 100 });
    output.metrics = await call('list_metrics', { limit: 100 });
    output.requests = await call('query_metric', { name: 'interop.requests', counter: 'raw', points: 10 });
    output.findings = await call('list_findings');
    output.comparison = await call('compare_runs', {
        before_from: '2000-01-01T00:00:00Z', before_to: '2000-01-02T00:00:00Z',
        after_from: '2000-01-02T00:00:00Z', after_to: '2100-01-01T00:00:00Z',
    });
    const bad = await client.callTool({ name: 'get_trace', arguments: { trace_id: 'not-a-trace' } });
    output.badArgument = { isError: bad.isError === true, text: bad.content?.[0]?.text ?? '' };
    try {
        await client.callTool({ name: 'drop_session', arguments: {} });
        output.unknownTool = { code: null };
    } catch (error) {
        output.unknownTool = { code: error.code ?? null, message: String(error.message) };
    }
    await client.close();
    process.stdout.write(JSON.stringify(output) + '\n');
}

main().then(() => process.exit(0)).catch(error => {
    process.stderr.write(`mcp_client: ${error?.stack ?? error}\nkansoku said: ${serverStderr}\n`);
    process.exit(1);
});
