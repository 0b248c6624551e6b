/**
 * A static file server for one directory, on the loopback interface only. A request is answered only with a
 * regular file whose real path (symlinks resolved) lies inside the directory: `/../`, its percent-encoded forms
 * (`%2e%2e`, `%2f`), backslashes, NUL bytes and symlinks that lead out are all 404.
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, sep } from 'node:path';

/** The only interface the server listens on. */
export const LOOPBACK = '127.0.0.1';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside `root` (already a real path), or null when it names none or leads out. */
function resolveStaticPath(root: string, urlPath: string): string | null {
  const path = urlPath.split('?')[0]!.split('#')[0]!;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  if (decoded.endsWith('/') || segments.length === 0) segments.push('index.html');
  let real: string;
  try {
    real = realpathSync(join(root, ...segments));
  } catch {
    return null;
  }
  if (!real.startsWith(root + sep)) return null;
  try {
    return statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/** A running server: its URL and how to stop it. */
export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/** Serve `dir` on 127.0.0.1 at `port` (0: any free port). */
export function startStaticServer(dir: string, port: number): Promise<StaticServer> {
  const root = realpathSync(dir);
  const server: Server = createServer((req, res) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? resolveStaticPath(root, req.url ?? '/') : null;
    if (file === null) {
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 404 : 405, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'GET' || req.method === 'HEAD' ? 'not found\n' : 'method not allowed\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveStart({ url: `http://${LOOPBACK}:${actual}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
