#!/usr/bin/env node
/**
 * A tiny static file server for a production build (no dependencies, no network beyond localhost):
 *
 *   node scripts/serve.mjs [dir=dist-preview] [--port 3000] [--host localhost]
 *
 * Serves `dir` on http://localhost:3000/ (index.html at the root). Used by `npm run preview` and by the
 * browser tests (which import `serve` to start it on a free port).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Starts the server; resolves with { server, url } once it listens (port 0 = any free port). */
export function serve(dir, { port = 3000, host = 'localhost', index = 'index.html' } = {}) {
  const root = resolve(dir);
  if (!existsSync(join(root, index))) {
    return Promise.reject(new Error(`${root} 中没有 ${index}，请先构建（npm run preview 会自动构建）`));
  }
  const server = createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('未找到');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const a = server.address();
      ok({ server, url: `http://${host}:${typeof a === 'object' && a ? a.port : port}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    if (i < 0) return dflt;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const port = Number(opt('--port', process.env.PORT ?? 3000));
  const host = opt('--host', 'localhost');
  const dir = args[0] ?? 'dist-preview';
  serve(dir, { port, host }).then(
    ({ url }) => console.log(`预览已启动：${url}  （按 Ctrl+C 停止）`),
    (e) => {
      console.error(e.code === 'EADDRINUSE' ? `端口 ${port} 已被占用，可用 --port 指定其他端口` : String(e.message ?? e));
      process.exit(1);
    },
  );
}
