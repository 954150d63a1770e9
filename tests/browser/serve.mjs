// A small static server for a built loa site, on 127.0.0.1 and a free port,
// at the path the site's base_url has (https://example.org/phuong-mau → /phuong-mau/),
// gzip-compressed like a real host. Used by search.test.mjs and scripts/audit.
// Run alone to look at a build: node serve.mjs OUTPUT [PORT]
import { createServer } from 'node:http';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { join, resolve, extname, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};
const COMPRESS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg']);

/** The URL path the site lives under, read from the home page's canonical link. */
export function basePath(root) {
  const home = readFileSync(join(root, 'index.html'), 'utf8');
  const m = home.match(/<link rel="canonical" href="([^"]+)"/);
  if (!m) return '/';
  const path = new URL(m[1], 'http://x/').pathname;
  return path.endsWith('/') ? path : `${path}/`;
}

/** Serves ROOT; resolves to { url (site root, ends with /), base, close(), requests }. */
export function serve(root, port = 0) {
  root = resolve(root);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}/index.html not found: build the site first`);
  const base = basePath(root);
  const stats = { requests: 0 };
  const server = createServer((req, res) => {
    stats.requests++;
    const url = new URL(req.url, 'http://127.0.0.1');
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = '';
    }
    if (path === '/' && base !== '/') return redirect(res, base);
    if (!path.startsWith(base)) return notFound(res);
    let file = resolve(root, `.${sep}${path.slice(base.length)}`);
    if (file !== root && !file.startsWith(root + sep)) return notFound(res);
    let st = existsSync(file) ? statSync(file) : null;
    if (st && st.isDirectory()) {
      if (!path.endsWith('/')) return redirect(res, `${url.pathname}/${url.search}`);
      file = join(file, 'index.html');
      st = existsSync(file) ? statSync(file) : null;
    }
    if (!st || !st.isFile()) return notFound(res);
    send(req, res, 200, file);
  });
  const redirect = (res, to) => {
    res.writeHead(301, { Location: to });
    res.end();
  };
  const notFound = (res) => {
    const page = join(root, '404.html');
    if (existsSync(page)) return send(null, res, 404, page);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404');
  };
  const send = (req, res, code, file) => {
    const ext = extname(file).toLowerCase();
    let body = readFileSync(file);
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
    const gzip = (req ? req.headers['accept-encoding'] || '' : 'gzip').includes('gzip');
    if (gzip && COMPRESS.has(ext)) {
      body = gzipSync(body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(code, headers);
    res.end(req && req.method === 'HEAD' ? undefined : body);
  };
  return new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      ok({
        base,
        url: `http://127.0.0.1:${p}${base}`,
        stats,
        close: () =>
          new Promise((done) => {
            server.close(done);
            server.closeAllConnections();
          }),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const site = await serve(process.argv[2] || '../../output', Number(process.argv[3] || 0));
  console.log(`Serving ${process.argv[2] || '../../output'} at ${site.url} (Ctrl-C stops)`);
}
