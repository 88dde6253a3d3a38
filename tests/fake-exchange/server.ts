import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { readFile } from 'node:fs/promises';
import { generate } from 'selfsigned';
import { binanceApi } from './binance';
import { faultKey, type Fault } from './faults';
import { VENUE_HOSTS } from './hosts';
import { defaultMarkets, type FakeMarket } from './market-state';
import { html, type Reply } from './reply';

export interface FakeExchange {
  port: number;
  hosts: readonly string[];
  markets: Map<string, FakeMarket>;
  /** Requests received, keyed `host/path` (no query). */
  requests: Map<string, number>;
  /** Hosts that were asked for something, known or not: the e2e fails on any unexpected one. */
  seenHosts: Set<string>;
  setFault(host: string, path: string, fault: Fault | null): void;
  /** Serves `body` as a page at host+path (tests add venue pages this way). */
  setPage(host: string, path: string, body: string): void;
  close(): Promise<void>;
}

const PAGES_DIR = new URL('./pages/', import.meta.url);

async function pageFor(host: string, path: string, pages: Map<string, string>): Promise<Reply | null> {
  const custom = pages.get(faultKey(host, path));
  if (custom !== undefined) return html(custom);
  if (host === 'www.binance.com' && /^\/(?:[a-z]{2}(?:-[A-Za-z]{2})?\/)?futures\/[A-Z0-9]+\/?$/.test(path)) {
    return html(await readFile(new URL('binance-futures.html', PAGES_DIR), 'utf8'));
  }
  return null;
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, {
    'content-type': reply.contentType,
    'cache-control': 'no-store',
    // The venues' APIs are called from the background worker, which needs no CORS; the header keeps
    // a stray page request from failing for the wrong reason.
    'access-control-allow-origin': '*',
    ...reply.headers,
  });
  res.end(reply.body);
}

function applyFault(res: ServerResponse, fault: Fault, normal: Reply | null): boolean {
  switch (fault.kind) {
    case 'timeout':
      return true; // never answer; the client must abort
    case 'truncated': {
      const body = normal?.body ?? '{"truncated":';
      send(res, { status: 200, contentType: 'application/json', body: body.slice(0, Math.max(1, Math.floor(body.length / 2))) });
      return true;
    }
    case 'body':
      send(res, { status: 200, contentType: fault.contentType ?? 'application/json', body: fault.body });
      return true;
    case 'status':
      send(res, {
        status: fault.status,
        contentType: fault.contentType ?? 'application/json',
        body: fault.body ?? JSON.stringify({ code: fault.status, msg: 'fault injected' }),
        headers: fault.retryAfter ? { 'retry-after': fault.retryAfter } : {},
      });
      return true;
  }
}

export async function startFakeExchange(opts: { port?: number } = {}): Promise<FakeExchange> {
  const pems = await generate([{ name: 'commonName', value: 'perplens-fake-exchange' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: VENUE_HOSTS.map((value) => ({ type: 2, value })) }],
  });
  const markets = defaultMarkets();
  const requests = new Map<string, number>();
  const seenHosts = new Set<string>();
  const faults = new Map<string, Fault>();
  const pages = new Map<string, string>();
  const open = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `https://${host}`);
    seenHosts.add(host);
    const key = `${host}${url.pathname}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    let normal: Reply | null = null;
    if (host === 'fapi.binance.com') normal = binanceApi(url.pathname, url.searchParams, markets);
    else if (req.method === 'GET') normal = await pageFor(host, url.pathname, pages);
    const fault = faults.get(key);
    if (fault && applyFault(res, fault, normal)) return;
    if (normal) send(res, normal);
    else if (url.pathname === '/favicon.ico') send(res, { status: 204, contentType: 'image/x-icon', body: '' });
    else send(res, { status: 404, contentType: 'text/plain', body: `fake exchange: nothing at ${host}${url.pathname}` });
  }

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    handle(req, res).catch((err: unknown) => {
      send(res, { status: 500, contentType: 'text/plain', body: String(err) });
    });
  });

  const port = opts.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new Error(`fake exchange cannot listen on port ${port} (${err.code}). Firefox needs port 443: free it, or run the tests as a user allowed to bind it.`)
          : err,
      );
    });
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake exchange: no port');

  return {
    port: address.port,
    hosts: VENUE_HOSTS,
    markets,
    requests,
    seenHosts,
    setFault(host, path, fault) {
      if (fault) faults.set(faultKey(host, path), fault);
      else faults.delete(faultKey(host, path));
    },
    setPage(host, path, body) {
      pages.set(faultKey(host, path), body);
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
