import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Size {
  raw: number;
  gzip: number;
  files: string[];
}

const gzip = (b: Buffer) => gzipSync(b, { level: 9 }).length;

/** A built file and every chunk it imports, transitively (what loading it costs). */
function closure(dist: string, entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  const code = readFileSync(join(dist, entry), 'utf8');
  const refs = entry.endsWith('.html')
    ? [...code.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css))"/g)].map((m) => m[1] ?? '')
    : [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+\.js)["']/g)].map((m) => m[1] ?? '');
  for (const ref of refs) {
    const path = ref.startsWith('/') ? ref.slice(1) : normalize(join(dirname(entry), ref));
    closure(dist, path, seen);
  }
  return seen;
}

function measure(dist: string, files: Iterable<string>): Size {
  const list = [...files].sort();
  let raw = 0;
  let gz = 0;
  for (const f of list) {
    const b = readFileSync(join(dist, f));
    raw += b.length;
    gz += gzip(b);
  }
  return { raw, gzip: gz, files: list };
}

interface BuiltManifest {
  content_scripts: { js: string[]; css?: string[] }[];
  background: { service_worker?: string; scripts?: string[] };
  action: { default_popup: string };
  options_ui: { page: string };
}

/**
 * Bytes per surface of a built extension. For a venue page that is its content script and any CSS
 * the manifest injects — everything the page loads from PerpLens (the panel's CSS is inside the script).
 */
export function builtSizes(dist: string): { content: Record<string, Size>; background: Size; popup: Size; options: Size } {
  const m = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as BuiltManifest;
  const content: Record<string, Size> = {};
  for (const cs of m.content_scripts) {
    // A venue's page entry is src/venues/<venue>/content.js: named by its venue.
    const entry = cs.js[0] ?? '';
    const name = /venues\/([^/]+)\/content\.js$/.exec(entry)?.[1] ?? entry.replace(/^.*\//, '').replace(/\.js$/, '');
    const files = new Set<string>();
    for (const f of [...cs.js, ...(cs.css ?? [])]) closure(dist, f, files);
    content[name] = measure(dist, files);
  }
  const bgEntries = m.background.service_worker ? [m.background.service_worker] : (m.background.scripts ?? []);
  const bg = new Set<string>();
  for (const f of bgEntries) closure(dist, f, bg);
  return {
    content,
    background: measure(dist, bg),
    popup: measure(dist, closure(dist, m.action.default_popup)),
    options: measure(dist, closure(dist, m.options_ui.page)),
  };
}
