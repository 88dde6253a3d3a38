import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { generate } from 'selfsigned';
import { faultKey, type Fault } from './faults';
import { VENUE_HOSTS } from './hosts';
import { defaultMarkets, type FakeMarkets } from './market-state';
import type { FakeState } from './venue-handler';
import { API_HANDLERS } from './venues';
import { tradePage } from './pages';
import { html, type Reply } from './reply';

export interface RequestRecord {
  time: number;
  host: string;
  path: string;
  /** Query string without '?', and the raw POST body: both name the symbol asked for. */
  query: string;
  body: string;
  /** The fault served instead of the normal answer, if any. */
  fault: Fault['kind'] | null;
}

export interface FakeExchange {
  port: number;
  hosts: readonly string[];
  markets: FakeMarkets;
  state: FakeState;
  /** Requests received, keyed `host/path` (no query). */
  requests: Map<string, number>;
  /** Every request in arrival order, for request-economy and backoff assertions. */
  log: RequestRecord[];
  /** Hosts that were asked for something, known or not. */
  seenHosts: Set<string>;
  /**
   * Hosts the fake exchange does not stand in for, with what was asked of them (answered 404). The
   * browsers send every hostname here, so this is everything that would have left the machine.
   */
  unexpectedHosts: Map<string, string[]>;
  setFault(host: string, path: string, fault: Fault | null): void;
  /** Serves `body` as the page at host+path instead of the usual one; null restores the usual one. */
  setPage(host: string, path: string, body: string | null): void;
  /** What Chromium's own services asked for (see BROWSER_OWN_REQUESTS): kept apart, never a failure. */
  browserHosts: Map<string, string[]>;
  /**
   * Stops the server, then fails if any unexpected host was asked for (unless `strictHosts` was
   * false): every e2e file closes its fake exchange, so no file can forget the check.
   */
  close(): Promise<void>;
}

/** Throws when anything but a venue host was asked for, naming the hosts and the first paths. */
export function assertOnlyVenueHosts(fake: Pick<FakeExchange, 'unexpectedHosts'>): void {
  if (fake.unexpectedHosts.size === 0) return;
  const list = [...fake.unexpectedHosts].map(([host, paths]) => `${host} (${paths.slice(0, 3).join(', ')})`);
  throw new Error(`requests left the venues: ${list.join('; ')}`);
}

async function pageFor(url: URL, pages: Map<string, string>): Promise<Reply | null> {
  const custom = pages.get(faultKey(url.hostname, url.pathname));
  if (custom !== undefined) return html(custom);
  const page = await tradePage(url);
  return page === null ? null : html(page);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
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

const KNOWN_HOSTS: ReadonlySet<string> = new Set(VENUE_HOSTS);
/**
 * Requests Chromium's own services make whatever it loads (--disable-background-networking does not
 * stop them), none of them PerpLens's: the profile's Google accounts once its network is up
 * (IdentityManager), the GCM check-in, and autofill predictions for a page with form fields.
 * Exactly these (method, host, path or path pattern) are kept apart in browserHosts; anything else
 * to the same hosts is unexpected.
 */
const BROWSER_OWN_REQUESTS: readonly { method: string; host: string; path: string | RegExp }[] = [
  { method: 'POST', host: 'accounts.google.com', path: '/ListAccounts' },
  { method: 'POST', host: 'android.clients.google.com', path: '/checkin' },
  { method: 'GET', host: 'content-autofill.googleapis.com', path: /^\/v1\/pages\/[A-Za-z0-9_=-]+$/ },
];

export function browserOwnRequest(method: string, host: string, path: string): boolean {
  return BROWSER_OWN_REQUESTS.some((r) => r.method === method && r.host === host && (typeof r.path === 'string' ? r.path === path : r.path.test(path)));
}

/** Paths kept per unexpected host: enough to tell what asked. */
const UNEXPECTED_PATHS_KEPT = 20;

export async function startFakeExchange(opts: { port?: number; strictHosts?: boolean } = {}): Promise<FakeExchange> {
  const pems = await generate([{ name: 'commonName', value: 'perplens-fake-exchange' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: VENUE_HOSTS.map((value) => ({ type: 2, value })) }],
  });
  const markets = defaultMarkets();
  const state: FakeState = { markets, accounts: new Map() };
  const requests = new Map<string, number>();
  const log: RequestRecord[] = [];
  const seenHosts = new Set<string>();
  const unexpectedHosts = new Map<string, string[]>();
  const browserHosts = new Map<string, string[]>();
  const faults = new Map<string, Fault>();
  const pages = new Map<string, string>();
  const open = new Set<ServerResponse>();

  /** Notes the host asked for, and what was asked when the fake exchange does not serve it. */
  function recordHost(host: string, method: string, path: string): void {
    const own = browserOwnRequest(method, host, path);
    if (!own) seenHosts.add(host);
    if (KNOWN_HOSTS.has(host)) return;
    const record = own ? browserHosts : unexpectedHosts;
    const asked = record.get(host) ?? [];
    if (asked.length < UNEXPECTED_PATHS_KEPT) asked.push(`${method} ${path}`);
    record.set(host, asked);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || 'no-host.invalid'}`);
    recordHost(host, req.method ?? 'GET', url.pathname);
    if (!KNOWN_HOSTS.has(host)) {
      send(res, { status: 404, contentType: 'text/plain', body: `fake exchange: ${host} is not a venue host` });
      return;
    }
    const key = `${host}${url.pathname}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    const raw = req.method === 'POST' ? await readBody(req) : '';
    const body = req.method === 'POST' ? parseJson(raw) : undefined;
    const fault = faults.get(key);
    log.push({ time: Date.now(), host, path: url.pathname, query: url.search.slice(1), body: raw, fault: fault?.kind ?? null });
    const handler = API_HANDLERS[host];
    let normal: Reply | null = null;
    if (req.method === 'GET') normal = await pageFor(url, pages);
    if (!normal && handler) {
      normal = handler({ host, method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body, now: Date.now() }, state);
    }
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

  // A WebSocket (wss://) handshake is no 'request': it is recorded here, then refused.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    recordHost(host, 'UPGRADE', new URL(req.url ?? '/', 'https://x.invalid').pathname);
    socket.destroy();
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
    state,
    requests,
    log,
    seenHosts,
    unexpectedHosts,
    browserHosts,
    setFault(host, path, fault) {
      if (fault) faults.set(faultKey(host, path), fault);
      else faults.delete(faultKey(host, path));
    },
    setPage(host, path, body) {
      if (body === null) pages.delete(faultKey(host, path));
      else pages.set(faultKey(host, path), body);
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (opts.strictHosts !== false) assertOnlyVenueHosts({ unexpectedHosts });
    },
  };
}
