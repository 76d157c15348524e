// A gzip front for the project's server (web/tools/serve.mjs sends every file as it is, which suits a test on
// 127.0.0.1): it forwards each GET to that server and, when the browser accepts gzip, sends a 200 response's body
// gzip -9 compressed with `Content-Encoding: gzip`, as a static host serving pre-compressed files does. Every other
// header (the CSP among them) passes unchanged. The benches that emulate a slow network load the demo through it, so
// that they time the bytes a real deployment sends (the same gzip -9 bytes page.bench.mjs counts), not the lack of
// compression. Bodies are compressed once per path and kept: the files do not change during a bench, and
// compressing the .wasm per request would add the front's own time to each load.
//
//   const front = await startGzipFront(server.url);   // {url, close()}
import { createServer, request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';

// Image formats that are compressed already; everything else the server sends (HTML, JS, CSS, JSON, SVG, wasm) is not.
const COMPRESSED_TYPES = ['image/png', 'image/x-icon'];

function fetchFrom(origin, request) {
    return new Promise((resolve, reject) => {
        const headers = { ...request.headers, host: origin.host };
        delete headers['accept-encoding'];
        const forward = httpRequest(new URL(request.url, origin), { method: request.method, headers }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode, headers: response.headers,
                body: Buffer.concat(chunks) }));
            response.on('error', reject);
        });
        forward.on('error', reject);
        forward.end();
    });
}

export async function startGzipFront(targetUrl, { host = '127.0.0.1' } = {}) {
    const origin = new URL(targetUrl);
    const compressed = new Map(); // URL -> gzip body
    const server = createServer(async (request, response) => {
        try {
            const answer = await fetchFrom(origin, request);
            const headers = { ...answer.headers };
            let body = answer.body;
            const type = String(headers['content-type'] ?? '').split(';')[0];
            const accepts = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
            if (answer.status === 200 && accepts && !COMPRESSED_TYPES.includes(type)) {
                if (!compressed.has(request.url)) compressed.set(request.url, gzipSync(body, { level: 9 }));
                body = compressed.get(request.url);
                headers['content-encoding'] = 'gzip';
                headers.vary = 'Accept-Encoding';
            }
            headers['content-length'] = String(body.length);
            delete headers.connection;
            delete headers['keep-alive'];
            delete headers['transfer-encoding'];
            response.writeHead(answer.status, headers);
            response.end(request.method === 'HEAD' ? undefined : body);
        } catch (error) {
            response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
            response.end(`gzip front: ${error.message}\n`);
        }
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, host, resolve);
    });
    return {
        url: `http://${host}:${server.address().port}/`,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}
