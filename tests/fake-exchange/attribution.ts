// Who made a request that reached the fake exchange for a host it does not serve: PerpLens (or the
// stand-in page it runs in), or the browser on its own. The browsers send every hostname to the fake
// exchange, so the browser's own services (Chromium's update check, account list, GCM check-in,
// whatever the next release adds) arrive here beside anything PerpLens might ask. Telling them apart
// by a list of the browser's requests breaks with every release; telling them apart by who made them
// does not: the DevTools protocol reports the network requests of every page and worker (the
// extension's service worker, its pages, the pages its content scripts run in), and the browser's own
// services are none of those.

/** A request for a host the fake exchange does not serve. */
export interface StrayRequest {
  method: string;
  host: string;
  path: string;
  /** The request's Origin header, if it had one. */
  origin: string | null;
}

/**
 * Something that watched a browser's pages and workers: the hosts they asked for, as the DevTools
 * protocol reported each request of each target. Attached when the browser starts, before any page.
 */
export interface RequestWitness {
  /** Names the browser, for messages. */
  readonly label: string;
  hostsAskedByTargets(): ReadonlySet<string>;
}

export type Maker = 'extension-or-page' | 'browser';

export interface Attribution {
  maker: Maker;
  why: string;
}

const EXTENSION_ORIGIN = /^(?:chrome|moz)-extension:\/\//;

/**
 * Decides who made `request`. Anything that cannot be shown to be the browser's own counts against
 * PerpLens: with no witness (Firefox, or a request from outside any browser), every stray request
 * fails the check, as before.
 */
export function attribute(request: StrayRequest, venueHosts: ReadonlySet<string>, witnesses: readonly RequestWitness[]): Attribution {
  if (request.method === 'UPGRADE') return { maker: 'extension-or-page', why: 'a WebSocket is opened by a page or a worker' };
  const origin = request.origin ?? '';
  // A fetch to a host outside the extension's host permissions is a CORS request and names its
  // origin: this catches one the witness might have missed (a worker that started before it).
  if (EXTENSION_ORIGIN.test(origin)) return { maker: 'extension-or-page', why: `its origin is ${origin}` };
  const originHost = /^https?:\/\/([^/:]+)/.exec(origin)?.[1];
  if (originHost && venueHosts.has(originHost)) return { maker: 'extension-or-page', why: `its origin is the venue page ${origin}` };
  if (witnesses.length === 0) return { maker: 'extension-or-page', why: 'no browser witnessed it' };
  const saw = witnesses.find((w) => w.hostsAskedByTargets().has(request.host));
  if (saw) return { maker: 'extension-or-page', why: `${saw.label}: a page or worker asked ${request.host}` };
  return { maker: 'browser', why: `no page or worker of ${witnesses.map((w) => w.label).join(', ')} asked ${request.host}` };
}

/** `METHOD /path` per host, at most `keep` paths each: enough to tell what asked. */
export function byHost(requests: readonly StrayRequest[], keep: number): Map<string, string[]> {
  const hosts = new Map<string, string[]>();
  for (const r of requests) {
    const asked = hosts.get(r.host) ?? [];
    if (asked.length < keep) asked.push(`${r.method} ${r.path}`);
    hosts.set(r.host, asked);
  }
  return hosts;
}
