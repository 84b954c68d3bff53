/**
 * A tiny static file server for browser tests.
 *
 * Serves the files of one directory (normally the built site in `dist/`) on
 * 127.0.0.1 at a random free port. It exists so the browser tests exercise the
 * real build output over HTTP (module scripts, dynamic imports and `fetch` do
 * not work from `file://` URLs) without depending on `astro preview`.
 *
 * Behaviour:
 * - GET and HEAD only (405 otherwise).
 * - `/some/dir/` serves `some/dir/index.html`; `/some/dir` redirects (301) to
 *   `/some/dir/` so relative URLs resolve the way they do on a real host.
 * - Anything that does not resolve to a file inside the root is a 404,
 *   including `..` traversal, encoded traversal, NUL bytes and symlinks that
 *   point outside the root.
 * - Content types for the assets an Astro + Starlight build produces; `.wasm`
 *   is served as `application/wasm` so `WebAssembly.instantiateStreaming`
 *   works.
 * - `Cache-Control: no-store`, so every browser context sees fresh files.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

export interface StaticServer {
  /** Origin of the server without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops listening and drops open (keep-alive) connections. */
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  // Pagefind (Starlight's search) ships these binary index files.
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Is `candidate` the root itself or somewhere below it? (Both must be absolute and normalised.) */
function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

type Resolved =
  | { kind: 'file'; path: string; size: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' };

async function resolveRequest(root: string, rawUrl: string): Promise<Resolved> {
  let pathname: string;
  let search: string;
  try {
    const parsed = new URL(rawUrl, 'http://localhost');
    pathname = decodeURIComponent(parsed.pathname);
    search = parsed.search;
  } catch {
    return { kind: 'not-found' }; // malformed URL or percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'not-found' };

  // Lexical check first: `resolve` collapses `..` segments.
  const target = resolve(join(root, pathname));
  if (!isInside(root, target)) return { kind: 'not-found' };

  let real: string;
  try {
    // Then the physical check: follow symlinks and make sure we are still inside.
    real = await realpath(target);
  } catch {
    return { kind: 'not-found' };
  }
  if (!isInside(root, real)) return { kind: 'not-found' };

  let info = await stat(real).catch(() => undefined);
  if (!info) return { kind: 'not-found' };

  if (info.isDirectory()) {
    if (!pathname.endsWith('/')) {
      return { kind: 'redirect', location: `${encodeURI(pathname)}/${search}` };
    }
    const index = join(real, 'index.html');
    info = await stat(index).catch(() => undefined);
    if (!info?.isFile()) return { kind: 'not-found' };
    return { kind: 'file', path: index, size: info.size };
  }
  if (!info.isFile()) return { kind: 'not-found' };
  return { kind: 'file', path: real, size: info.size };
}

function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/**
 * Serve `dir` over HTTP on 127.0.0.1 with a random free port.
 * Resolves once the server is listening.
 */
export async function serveStatic(dir: string): Promise<StaticServer> {
  // Canonical root (symlinks resolved) so the containment checks compare like with like.
  const root = await realpath(resolve(dir));
  const rootInfo = await stat(root);
  if (!rootInfo.isDirectory()) throw new Error(`serveStatic: ${root} is not a directory`);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const resolved = await resolveRequest(root, req.url ?? '/');
    if (resolved.kind === 'redirect') {
      sendText(res, 301, `Moved to ${resolved.location}\n`, { Location: resolved.location });
      return;
    }
    if (resolved.kind === 'not-found') {
      sendText(res, 404, 'Not Found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentTypeFor(resolved.path),
      'Content-Length': resolved.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(resolved.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((err) => (err ? rejectClose(err) : resolveClose()));
        // Browsers keep connections alive; without this `close` waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
