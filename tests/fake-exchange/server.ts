import { createServer as createPlainServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Duplex } from 'node:stream';
import { generate } from 'selfsigned';
import { attribute, byHost, type RequestWitness, type StrayRequest } from './attribution';
import { faultKey, type Fault } from './faults';
import { VENUE_HOSTS } from './hosts';
import { defaultMarkets, type FakeMarkets } from './market-state';
import type { FakeState } from './venue-handler';
import { API_HANDLERS } from './venues';
import { tradePage } from './pages';
import { html, type Reply } from './reply';
import { createFakeStreams, type FakeStreams } from './streams';
import { createLighterStream, type FakeLighterStream } from './lighter-stream';

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
  /** An HTTP proxy into the same stand-in (see tunnelledHosts). */
  proxyPort: number;
  hosts: readonly string[];
  markets: FakeMarkets;
  state: FakeState;
  /** Requests received, keyed `host/path` (no query). */
  requests: Map<string, number>;
  /** Every request in arrival order, for request-economy and backoff assertions. */
  log: RequestRecord[];
  /**
   * Hosts that were asked for something by PerpLens or the pages it runs in: the venue hosts asked,
   * and every other host the extension or a page asked (never the browser's own services).
   */
  readonly seenHosts: ReadonlySet<string>;
  /**
   * Hosts the fake exchange does not stand in for that PerpLens or a page asked, with what was asked
   * (answered 404). The browsers send every hostname here, so this is everything that would have
   * left the machine on PerpLens's account. Read when asked: see attribution.ts.
   */
  readonly unexpectedHosts: ReadonlyMap<string, readonly string[]>;
  /** What the browser's own services asked for (no page or worker of it did): kept apart, never a failure. */
  readonly browserHosts: ReadonlyMap<string, readonly string[]>;
  /**
   * Hosts a browser asked this server to tunnel to, as an HTTP proxy (CONNECT): Firefox sends every
   * host but the venues' this way (browsers.ts), so nothing it asks escapes the check.
   */
  readonly tunnelledHosts: ReadonlySet<string>;
  /** Registers a browser's record of what its pages and workers asked (see attribution.ts). */
  witness(witness: RequestWitness): void;
  /** Forgets every request for a host it does not serve: for a test that makes them on purpose. */
  forgetStrayRequests(): void;
  setFault(host: string, path: string, fault: Fault | null): void;
  /** Serves `body` as the page at host+path instead of the usual one; null restores the usual one. */
  setPage(host: string, path: string, body: string | null): void;
  /** The venues' liquidation websockets (streams.ts): what they sent, their connections, their faults. */
  streams: FakeStreams;
  /** Lighter's market_stats websocket (lighter-stream.ts): its connections, messages and faults. */
  lighterStream: FakeLighterStream;
  /**
   * Stops the server, then fails if PerpLens or a page asked any host but the venues' (unless
   * `strictHosts` was false): every e2e file closes its fake exchange, so no file can forget the check.
   * The browser's own requests are printed, not failed.
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
  const venueHostsAsked = new Set<string>();
  let strays: StrayRequest[] = [];
  const witnesses: RequestWitness[] = [];
  const faults = new Map<string, Fault>();
  const pages = new Map<string, string>();
  const open = new Set<ServerResponse>();

  /** Notes the host asked for; a host it does not serve is kept with the request, to be attributed. */
  function recordHost(host: string, method: string, path: string, origin: string | undefined): void {
    if (KNOWN_HOSTS.has(host)) venueHostsAsked.add(host);
    else strays.push({ method, host, path, origin: origin ?? null });
  }

  /** The stray requests made by `maker`, attributed now: a witness may have learnt more since. */
  function straysBy(maker: 'extension-or-page' | 'browser'): StrayRequest[] {
    return strays.filter((r) => attribute(r, KNOWN_HOSTS, witnesses).maker === maker);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || 'no-host.invalid'}`);
    recordHost(host, req.method ?? 'GET', url.pathname, req.headers.origin);
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

  // A WebSocket (wss://) handshake is no 'request': it is recorded here, then served when it is one
  // of the venues' liquidation streams or Lighter's quote stream, refused otherwise.
  const streams = createFakeStreams(markets);
  const lighterStream = createLighterStream(markets);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    recordHost(host, 'UPGRADE', new URL(req.url ?? '/', 'https://x.invalid').pathname, req.headers.origin);
    if (!streams.handleUpgrade(host, req, socket, head) && !lighterStream.handleUpgrade(host, req, socket, head)) socket.destroy();
  });

  // An HTTP proxy beside it. Firefox cannot map every host name to this machine as Chromium does,
  // so it sends all but the venues' through this proxy: a CONNECT names the host, and the tunnel is
  // then served like any other TLS connection, so the request inside is recorded (with its Origin)
  // and attributed as if it had come straight here.
  const tunnelled = new Set<string>();
  const proxy = createPlainServer((req, res) => {
    // A plain-http request through the proxy, by absolute URI: never a venue's.
    const url = new URL(req.url ?? '/', 'http://no-host.invalid');
    recordHost(url.hostname.toLowerCase(), req.method ?? 'GET', url.pathname, req.headers.origin);
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`fake exchange: ${url.hostname} is not a venue host`);
  });
  proxy.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    tunnelled.add((req.url ?? '').replace(/:\d+$/, '').toLowerCase());
    socket.on('error', () => socket.destroy());
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    // The client waits for the 200 before its TLS hello, so nothing was read ahead of it.
    if (head.length > 0) socket.unshift(head);
    server.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyAddress = proxy.address();
  if (!proxyAddress || typeof proxyAddress === 'string') throw new Error('fake exchange: no proxy port');

  const port = opts.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES'
          ? new Error(
              `fake exchange cannot listen on port ${port} (${err.code}). Firefox needs port 443: free it, or run the tests as a user allowed to bind it.`,
            )
          : err,
      );
    });
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake exchange: no port');

  return {
    port: address.port,
    proxyPort: proxyAddress.port,
    hosts: VENUE_HOSTS,
    markets,
    state,
    requests,
    log,
    get seenHosts() {
      return new Set([...venueHostsAsked, ...straysBy('extension-or-page').map((r) => r.host)]);
    },
    get unexpectedHosts() {
      return byHost(straysBy('extension-or-page'), UNEXPECTED_PATHS_KEPT);
    },
    get tunnelledHosts() {
      return new Set(tunnelled);
    },
    get browserHosts() {
      return byHost(straysBy('browser'), UNEXPECTED_PATHS_KEPT);
    },
    witness(w) {
      witnesses.push(w);
    },
    forgetStrayRequests() {
      strays = [];
    },
    setFault(host, path, fault) {
      if (fault) faults.set(faultKey(host, path), fault);
      else faults.delete(faultKey(host, path));
    },
    setPage(host, path, body) {
      if (body === null) pages.delete(faultKey(host, path));
      else pages.set(faultKey(host, path), body);
    },
    streams,
    lighterStream,
    async close() {
      streams.close();
      lighterStream.close();
      for (const res of open) res.destroy();
      server.closeAllConnections();
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const own = byHost(straysBy('browser'), UNEXPECTED_PATHS_KEPT);
      // Each distinct request once, long paths cut: enough to see what a new browser release asks.
      const shown = [...own].map(([h, paths]) => `${h} (${[...new Set(paths.map((p) => (p.length > 60 ? `${p.slice(0, 57)}...` : p)))].join(', ')})`);
      if (own.size > 0) console.info(`the browser's own requests (no page or worker of it made them; not a failure): ${shown.join('; ')}`);
      if (opts.strictHosts !== false) assertOnlyVenueHosts({ unexpectedHosts: byHost(straysBy('extension-or-page'), UNEXPECTED_PATHS_KEPT) });
    },
  };
}
