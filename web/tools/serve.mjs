// A small static file server for web/ (and the repository's rules/ under /rules/), with the strict Content Security
// Policy RootCheck must run under and correct MIME types (application/wasm for streaming compilation). Used by
// `npm start` and by the browser tests; no dependencies.
//
//   import { startServer } from './serve.mjs';
//   const server = await startServer({ port: 0 });   // port 0: any free port
//   ... server.url ...                               // "http://127.0.0.1:<port>/"
//   await server.close();
//
// Run directly: `node web/tools/serve.mjs [--port N]` (default 8080).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const webRoot = fileURLToPath(new URL('../', import.meta.url));
export const rulesRoot = fileURLToPath(new URL('../../rules/', import.meta.url));
// LHC-Forms, the FHIR renderer of web/examples/fhir-portal.html (a devDependency: not part of what RootCheck ships).
export const lformsRoot = fileURLToPath(new URL('../../node_modules/lforms/dist/lforms/', import.meta.url));

export const STRICT_CSP = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
].join('; ');

// Pages that show another product beside the widget get that product's needs, and no more: LHC-Forms (Angular) sets
// inline styles. The widget itself runs under STRICT_CSP everywhere else.
export const PAGE_CSP = {
    '/examples/fhir-portal.html': STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
};

const MIME_TYPES = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.mjs': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.wasm': 'application/wasm',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.txt': 'text/plain; charset=utf-8',
    '.md': 'text/markdown; charset=utf-8',
    '.ts': 'text/plain; charset=utf-8',
};

// URL path -> file path under the mount with the longest matching prefix, or null when it would leave that folder.
function resolveFile(mounts, urlPath) {
    const mount = mounts.find(([prefix]) => urlPath.startsWith(prefix));
    if (!mount) return null;
    const [prefix, folder] = mount;
    const base = folder.endsWith(sep) ? folder : folder + sep;
    const file = join(base, urlPath.slice(prefix.length));
    return file.startsWith(base) || file + sep === base ? file : null;
}

function send(response, status, headers, body, headOnly) {
    response.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
    response.end(headOnly ? undefined : body);
}

/**
 * Starts serving. Options: port (default 8080; 0 picks a free one), host (default 127.0.0.1), csp (default
 * STRICT_CSP; the header is always sent), pageCsp ({"/url/path": policy} for single pages, default PAGE_CSP), mounts
 * ({"/url-prefix/": folder}, default web/ at "/", rules/ at "/rules/" and LHC-Forms at "/lforms/"). Resolves to
 * {url, port, close()}.
 */
export async function startServer({
    port = 8080, host = '127.0.0.1', csp = STRICT_CSP,
    mounts = { '/': webRoot, '/rules/': rulesRoot, '/lforms/': lformsRoot }, pageCsp = PAGE_CSP,
} = {}) {
    const orderedMounts = Object.entries(mounts).sort(([a], [b]) => b.length - a.length);
    const securityHeaders = {
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
    };

    const server = createServer(async (request, response) => {
        const headOnly = request.method === 'HEAD';
        const plain = { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' };
        if (request.method !== 'GET' && !headOnly) {
            send(response, 405, { ...plain, Allow: 'GET, HEAD' }, 'method not allowed\n', headOnly);
            return;
        }
        let urlPath;
        try {
            urlPath = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
        } catch {
            send(response, 400, plain, 'bad request\n', headOnly);
            return;
        }
        let file = urlPath.includes('\0') ? null : resolveFile(orderedMounts, urlPath);
        if (file === null) {
            send(response, 404, plain, 'not found\n', headOnly);
            return;
        }
        try {
            if ((await stat(file)).isDirectory()) {
                if (!urlPath.endsWith('/')) {
                    send(response, 301, { ...plain, Location: `${urlPath}/` }, 'moved\n', headOnly);
                    return;
                }
                file = join(file, 'index.html');
            }
            const body = await readFile(file);
            const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
            const policy = pageCsp[urlPath] ?? csp;
            send(response, 200, { ...securityHeaders, 'Content-Security-Policy': policy, 'Content-Type': type }, body,
                headOnly);
        } catch (error) {
            const missing = error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'EISDIR';
            send(response, missing ? 404 : 500, plain, missing ? 'not found\n' : 'server error\n', headOnly);
        }
    });

    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, resolve);
    });
    const actualPort = server.address().port;
    return {
        url: `http://${host}:${actualPort}/`,
        port: actualPort,
        close: () => new Promise((resolve) => {
            server.closeAllConnections();
            server.close(() => resolve());
        }),
    };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const portFlag = process.argv.indexOf('--port');
    const port = portFlag === -1 ? 8080 : Number(process.argv[portFlag + 1]);
    const server = await startServer({ port });
    console.log(`RootCheck: serving web/ at ${server.url}`);
}
