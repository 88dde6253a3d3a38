import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VENUE_HOSTS } from '../fake-exchange/hosts';
import { builtExtension, type BrowserName } from './browsers';

// What the built extensions may ask for and may contain. The lists are pinned here, not read back
// from manifest.json: widening a permission must be a deliberate change of this file too.

// `scripting`: the layout report (src/background/layout-report.ts) runs in a venue page only when the
// trader asks for it, as a function of the extension's own (no file, no remote code), on the page
// hosts already granted; carried by the page's script instead it would cost every page load.
/** A venue's page entry as built: the content script of its pages. */
const isContentScript = (f: string) => /^src\/venues\/[a-z0-9-]+\/content\.js$/.test(f);

const PERMISSIONS = ['alarms', 'notifications', 'scripting', 'storage'];

const API_HOSTS = [
  'fapi.binance.com',
  'api.bybit.com',
  'www.okx.com',
  'api.hyperliquid.xyz',
  'indexer.dydx.trade',
  'api.bitget.com',
  'arbitrum.gmxapi.io',
  'arbitrum-api.gmxinfra.io',
  'mainnet.zklighter.elliot.ai',
];
const PAGE_HOSTS = ['www.binance.com', 'www.bybit.com', 'www.okx.com', 'app.hyperliquid.xyz', 'dydx.trade', 'www.bitget.com', 'app.gmx.io', 'app.lighter.xyz'];
/** The venues' public websockets (wss only): Binance's and Bybit's liquidations, Lighter's quotes (on its API host). */
const STREAM_HOSTS = ['fstream.binance.com', 'stream.bybit.com', 'mainnet.zklighter.elliot.ai'];
const VENUE_HOST_SET = new Set([...API_HOSTS, ...PAGE_HOSTS, ...STREAM_HOSTS]);

const HOST_PERMISSIONS = [
  'https://fapi.binance.com/*',
  'https://www.binance.com/*',
  'wss://fstream.binance.com/*',
  'https://api.bybit.com/*',
  'https://www.bybit.com/*',
  'wss://stream.bybit.com/*',
  'https://www.okx.com/*',
  'https://api.hyperliquid.xyz/*',
  'https://app.hyperliquid.xyz/*',
  'https://indexer.dydx.trade/*',
  'https://dydx.trade/*',
  'https://api.bitget.com/*',
  'https://www.bitget.com/*',
  'https://arbitrum.gmxapi.io/*',
  'https://arbitrum-api.gmxinfra.io/*',
  'https://app.gmx.io/*',
  'https://mainnet.zklighter.elliot.ai/*',
  'https://app.lighter.xyz/*',
  'wss://mainnet.zklighter.elliot.ai/*',
];

const CONTENT_MATCHES = [
  'https://www.binance.com/*futures/*',
  'https://www.bybit.com/*',
  'https://www.okx.com/*',
  'https://app.hyperliquid.xyz/*',
  'https://dydx.trade/*',
  'https://www.bitget.com/*futures/*',
  'https://app.gmx.io/*',
  'https://app.lighter.xyz/*',
];

/** Permissions that would let PerpLens read or steer more than the venue pages it serves. */
const FORBIDDEN_PERMISSIONS = [
  '<all_urls>',
  '*://*/*',
  'http://*/*',
  'https://*/*',
  'tabs',
  'webRequest',
  'webRequestBlocking',
  'cookies',
  'history',
  'debugger',
  'declarativeNetRequest',
  'declarativeNetRequestWithHostAccess',
  'activeTab',
  'management',
  'nativeMessaging',
  'clipboardRead',
  'downloads',
];

/** The XML namespaces Preact names when it creates SVG/MathML/XHTML elements: identifiers, never fetched. */
const NAMESPACE_URIS = ['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xhtml', 'http://www.w3.org/1998/Math/MathML'];

interface BuiltManifest extends Record<string, unknown> {
  permissions?: string[];
  host_permissions?: string[];
  content_scripts?: { matches: string[]; js: string[] }[];
  content_security_policy?: unknown;
}

const BROWSERS = ['chromium', 'firefox'] as const satisfies readonly BrowserName[];

const readManifest = (dir: string): BuiltManifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BuiltManifest;

/** Every file under `dir`, as a POSIX path relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'));
}

const hostOfPattern = (pattern: string): string => {
  // The page and API hosts over https, the liquidation streams over wss: nothing in plain text.
  const m = /^(?:https|wss):\/\/([^/*]+)\//.exec(pattern);
  if (!m?.[1]) throw new Error(`not an https or wss host pattern: ${pattern}`);
  return m[1];
};

/**
 * Code that turns a string into code, writes markup, or loads code from elsewhere. innerHTML is
 * checked on its own below (Preact has one sanctioned use).
 */
const FORBIDDEN_CODE: [string, RegExp][] = [
  ['eval(', /\beval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function( constructor', /(?<![\w$.])Function\s*\(/],
  ['setTimeout/setInterval with a string', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['document.write', /\bdocument\s*\.\s*write(?:ln)?\b/],
  ['importScripts(', /\bimportScripts\s*\(/],
  // The layout report runs one function of the extension's own in a page; a file injected there
  // would be a second content script loaded outside the manifest.
  ['scripting.executeScript with files', /executeScript\(\s*\{[^}]*\bfiles\s*:/],
  ['<script src="http', /<script[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\//i],
  ['remote import()', /\bimport\s*\(\s*["'`](?:https?:)?\/\//],
  ['remote static import', /\b(?:from|import)\s*["'`](?:https?:)?\/\//],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['outerHTML assignment', /\bouterHTML\s*=(?!=)/],
  ['srcdoc', /\bsrcdoc\b/i],
  ['createContextualFragment', /\bcreateContextualFragment\b/],
  ['DOMParser', /\bDOMParser\b/],
];

/** Any innerHTML assignment (`=`, `+=`), not a comparison. */
const INNER_HTML_ASSIGNMENT = /\binnerHTML\s*(?:\+)?=(?!=)/g;
/**
 * Preact's dangerouslySetInnerHTML branch as the minifier writes it: `(e.innerHTML=d.__html)`. The
 * object the markup comes from is `{ __html }`, which PerpLens never builds.
 */
const PREACT_INNER_HTML = /\.innerHTML\s*=\s*[A-Za-z_$][\w$]*\.__html\b/g;

const count = (code: string, re: RegExp): number => [...code.matchAll(re)].length;

/** Scripts statically imported from the given entry files, transitively (relative `./x.js` imports). */
function importClosure(dir: string, entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === undefined || seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      if (m[1]) queue.push(posix.normalize(posix.join(posix.dirname(file), m[1])));
    }
  }
  return seen;
}

/** The module scripts an extension page loads (`<script type="module" src="/assets/…">`). */
function pageScripts(dir: string, html: string): string[] {
  const text = readFileSync(join(dir, html), 'utf8');
  return [...text.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => {
    const src = m[1] ?? '';
    return src.startsWith('/') ? src.slice(1) : posix.normalize(posix.join(posix.dirname(html), src));
  });
}

describe('least privilege: the built manifests', () => {
  it('the pinned venue hosts are exactly the fake exchange’s hosts', () => {
    expect([...VENUE_HOST_SET].sort()).toEqual([...VENUE_HOSTS].sort());
  });

  for (const name of BROWSERS) {
    describe(name, () => {
      const m = () => readManifest(builtExtension(name));

      it('asks for exactly storage, alarms, notifications and scripting', () => {
        expect([...(m().permissions ?? [])].sort()).toEqual(PERMISSIONS);
      });

      it('asks for exactly the venue API and page hosts over https, and their liquidation streams over wss', () => {
        const hosts = m().host_permissions ?? [];
        expect(hosts).toEqual(HOST_PERMISSIONS);
        for (const h of hosts) expect(VENUE_HOST_SET.has(hostOfPattern(h))).toBe(true);
      });

      it('asks for nothing optional and nothing broad', () => {
        const manifest = m();
        expect(manifest).not.toHaveProperty('optional_permissions');
        expect(manifest).not.toHaveProperty('optional_host_permissions');
        const asked = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])];
        for (const p of FORBIDDEN_PERMISSIONS) expect(asked).not.toContain(p);
        for (const p of asked) expect(p).not.toMatch(/^\*:|:\/\/\*[./]|^<all_urls>$/);
      });

      it('exposes nothing to pages or other extensions', () => {
        const manifest = m();
        expect(manifest).not.toHaveProperty('web_accessible_resources');
        expect(manifest).not.toHaveProperty('externally_connectable');
      });

      it('injects content scripts only into venue trading pages', () => {
        const scripts = m().content_scripts ?? [];
        expect(scripts.flatMap((c) => c.matches)).toEqual(CONTENT_MATCHES);
        for (const c of scripts) {
          for (const pattern of c.matches) expect(PAGE_HOSTS).toContain(hostOfPattern(pattern));
          expect(Object.keys(c).sort()).toEqual(['js', 'matches', 'run_at']);
        }
      });

      it('keeps the default content security policy (or one no looser)', () => {
        const csp = m().content_security_policy;
        if (csp === undefined) return;
        const text = JSON.stringify(csp);
        expect(text).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\bdata:|\bblob:|\*/);
      });
    });
  }
});

describe('least privilege: the built code', () => {
  for (const name of BROWSERS) {
    describe(name, () => {
      const dir = () => builtExtension(name);
      const code = () => filesUnder(dir()).filter((f) => /\.(?:js|html)$/.test(f));

      it('has scripts and pages to scan', () => {
        const files = code();
        expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThanOrEqual(2);
        expect(files.filter(isContentScript)).toHaveLength(8);
      });

      it('contains no dynamic code, markup writing or remote code', () => {
        const found: string[] = [];
        for (const f of code()) {
          const text = readFileSync(join(dir(), f), 'utf8');
          for (const [what, re] of FORBIDDEN_CODE) if (re.test(text)) found.push(`${f}: ${what}`);
        }
        expect(found).toEqual([]);
      });

      it('extension pages load only their own module scripts, no inline script', () => {
        for (const html of code().filter((f) => f.endsWith('.html'))) {
          const text = readFileSync(join(dir(), html), 'utf8');
          const scripts = [...text.matchAll(/<script\b[^>]*>/g)].map((s) => s[0]);
          expect(scripts.length).toBeGreaterThan(0);
          for (const s of scripts) expect(s).toMatch(/\bsrc="\/assets\/[^"/]+\.js"/);
          expect(text).not.toMatch(/<script\b[^>]*>[^<\s]/);
          expect(text).not.toMatch(/\son[a-z]+\s*=/i);
        }
      });

      it('assigns innerHTML only in Preact’s dangerouslySetInnerHTML branch, once, in the extension pages', () => {
        const d = dir();
        const pages = filesUnder(d).filter((f) => f.endsWith('.html'));
        const pageCode = importClosure(
          d,
          pages.flatMap((p) => pageScripts(d, p)),
        );
        const background = importClosure(
          d,
          [
            ...((readManifest(d).background as { service_worker?: string; scripts?: string[] } | undefined)?.scripts ?? []),
            (readManifest(d).background as { service_worker?: string } | undefined)?.service_worker ?? '',
          ].filter((f) => f !== ''),
        );
        const sanctioned: string[] = [];
        const other: string[] = [];
        for (const f of code().filter((x) => x.endsWith('.js') && !isContentScript(x))) {
          const text = readFileSync(join(d, f), 'utf8');
          const preact = count(text, PREACT_INNER_HTML);
          const all = count(text, INNER_HTML_ASSIGNMENT);
          for (let i = 0; i < preact; i++) sanctioned.push(f);
          if (all !== preact) other.push(`${f}: ${all - preact} innerHTML assignment(s) outside Preact's __html branch`);
        }
        expect(other).toEqual([]);
        // One Preact copy, shared by the popup and the options page, never loaded by the worker.
        expect(sanctioned).toHaveLength(1);
        for (const f of sanctioned) {
          expect(pageCode.has(f)).toBe(true);
          expect(background.has(f)).toBe(false);
        }
      });

      // passes once the content script drops Preact
      it('content scripts write no markup at all (no innerHTML, outerHTML, insertAdjacentHTML)', () => {
        const found: string[] = [];
        for (const f of code().filter(isContentScript)) {
          const text = readFileSync(join(dir(), f), 'utf8');
          for (const word of ['innerHTML', 'outerHTML', 'insertAdjacentHTML']) if (text.includes(word)) found.push(`${f}: ${word}`);
        }
        expect(found).toEqual([]);
      });

      it('names no URL outside the venues but the XML namespaces', () => {
        const outside = new Set<string>();
        const venueUrls = new Set<string>();
        for (const f of filesUnder(dir()).filter((x) => /\.(?:js|html|css|json)$/.test(x))) {
          const text = readFileSync(join(dir(), f), 'utf8');
          for (const [url] of text.matchAll(/(?:https?|wss?):\/\/[^"'`\s)<>\\]+/g)) {
            if (NAMESPACE_URIS.includes(url)) continue;
            const host = /^(?:https|wss):\/\/([a-z0-9.-]+)(?=[/:]|$|\$)/.exec(url)?.[1];
            if (host !== undefined && VENUE_HOST_SET.has(host)) venueUrls.add(host);
            else outside.add(`${f}: ${url}`);
          }
        }
        expect([...outside]).toEqual([]);
        // The scan sees the venues' API bases: it would see any other URL written the same way.
        for (const h of [...API_HOSTS, ...STREAM_HOSTS]) expect(venueUrls).toContain(h);
      });
    });
  }
});
