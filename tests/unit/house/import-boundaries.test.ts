import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// The house's layers, as folders of src/: which may import which. Pure logic (core) imports nothing
// of the extension; the venues know neither the background nor the pages; the protocol, which every
// side speaks, belongs to none of them; and no side reaches into another (each talks through the
// protocol and the platform shim).
const SIDES = ['background', 'content', 'popup', 'options'] as const;
const RULES: Record<string, { may: readonly string[] } | { mayNot: readonly string[] }> = {
  core: { may: ['core'] },
  protocol: { may: ['protocol', 'core', 'venues'] },
  venues: { mayNot: [...SIDES, 'ui', 'platform'] },
  settings: { mayNot: [...SIDES, 'ui'] },
  platform: { mayNot: [...SIDES, 'ui'] },
  ui: { mayNot: SIDES },
  background: { mayNot: ['content', 'popup', 'options'] },
  content: { mayNot: ['background', 'popup', 'options'] },
  popup: { mayNot: ['background', 'content', 'options'] },
  options: { mayNot: ['background', 'content', 'popup'] },
};

/** The folder of src/ a path falls in ('' for a file at the top of src/). */
function areaOf(srcRelative: string): string {
  const parts = srcRelative.split(sep);
  return parts.length > 1 ? (parts[0] ?? '') : '';
}

/** Relative module specifiers of a source text: static imports and re-exports, and dynamic import(). */
export function importSpecifiers(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]+)\1/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m[2]) out.push(m[2]);
  return out;
}

// A venue's page entry (src/venues/<venue>/content.ts, the manifest's content script for its pages)
// starts the content side with the venue's reader: the one place a venue names a side. It is an
// entry, so nothing imports it.
const PAGE_ENTRY = new RegExp(`^venues\\${sep}[a-z0-9-]+\\${sep}content\\.ts$`);
const CONTENT_START = join('content', 'start');

/** What is wrong with `file` (relative to src/) importing `spec`, or null when the rules allow it. */
export function violation(file: string, spec: string): string | null {
  const from = areaOf(file);
  const target = normalize(join(dirname(file), spec));
  if (target.startsWith('..')) return `${file} imports ${spec}, outside src/`;
  if (PAGE_ENTRY.test(`${target.replace(/\.ts$/, '')}.ts`)) return `${file} imports ${spec}, a venue's page entry`;
  if (PAGE_ENTRY.test(file) && target.replace(/\.ts$/, '') === CONTENT_START) return null;
  const to = areaOf(target);
  if (to === from) return null;
  const rule = RULES[from];
  if (!rule) return from === '' ? `${file} sits at the top of src/; put it in a layer` : null;
  const ok = 'may' in rule ? rule.may.includes(to) : !rule.mayNot.includes(to);
  return ok ? null : `${file} (${from}) imports ${spec} (${to || 'the top of src/'})`;
}

function sourceFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, root);
    return /\.(ts|tsx)$/.test(name) ? [relative(root, path)] : [];
  });
}

describe('import boundaries between the layers of src/', () => {
  it('hold for every source file', () => {
    const found: string[] = [];
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(100);
    let seen = 0;
    for (const file of files) {
      for (const spec of importSpecifiers(readFileSync(join('src', file), 'utf8'))) {
        seen++;
        const v = violation(file, spec);
        if (v) found.push(v);
      }
    }
    expect(seen).toBeGreaterThan(2 * files.length);
    expect(found).toEqual([]);
  });

  it('would catch the protocol importing the background, and a page of the extension reaching into the content script', () => {
    // The two upward imports the layers once had: messages.ts took the positions report from the
    // background's alerts, and the popup reached the extension API through the content script.
    expect(violation(join('protocol', 'messages.ts'), '../background/alerts/messages')).toMatch(/\(protocol\) imports .*\(background\)/);
    expect(violation(join('popup', 'App.tsx'), '../content/extension')).toMatch(/\(popup\) imports .*\(content\)/);
    expect(violation('messages-client.ts', './content/extension')).toMatch(/top of src/);
    expect(violation(join('core', 'bands.ts'), '../venues/types')).toMatch(/\(core\) imports/);
    expect(violation(join('venues', 'binance', 'page.ts'), '../../ui/format')).toMatch(/\(venues\) imports .*\(ui\)/);
    expect(violation(join('content', 'start.ts'), '../background/panel/view')).toMatch(/\(content\) imports .*\(background\)/);
    // A venue names a side only in its page entry, and only to start the content side.
    expect(violation(join('venues', 'bybit', 'page.ts'), '../../content/start')).toMatch(/\(venues\) imports .*\(content\)/);
    expect(violation(join('venues', 'bybit', 'content.ts'), '../../content/mount')).toMatch(/\(venues\) imports .*\(content\)/);
    expect(violation(join('venues', 'bybit', 'content.ts'), '../../background/index')).toMatch(/\(venues\) imports .*\(background\)/);
    expect(violation(join('venues', 'bybit', 'content.ts'), '../../content/start')).toBeNull();
    expect(violation(join('background', 'index.ts'), '../venues/bybit/content')).toMatch(/page entry/);
    // And lets through what the layers are for.
    expect(violation(join('content', 'start.ts'), '../protocol/messages')).toBeNull();
    expect(violation(join('venues', 'binance', 'page.ts'), '../page-kit/perp-table')).toBeNull();
    expect(violation(join('ui', 'panel', 'panel.ts'), '../../core')).toBeNull();
  });

  it("keep the registry and the message schemas out of the page's script", () => {
    // The registry imports every venue's market client, and the schemas name every venue through it:
    // a value imported from either puts all five venues in each content script (37 KB gzip instead
    // of 20). Types are erased, so only value imports count.
    const valueImports = (text: string) =>
      [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s*(['"])([^'"]+)\1/gm)].map((m) => m[2] ?? '').filter((s) => /\/(registry|messages|markets)$/.test(s));
    const found = sourceFiles('src')
      .filter((f) => f.startsWith(`content${sep}`) || f.startsWith(join('venues', 'page-kit')) || /(^|[\\/])(content|page)\.ts$/.test(f))
      .flatMap((f) => valueImports(readFileSync(join('src', f), 'utf8')).map((s) => `${f} imports ${s}`));
    expect(found).toEqual([]);
    expect(valueImports("import { PANEL_PORT } from '../protocol/messages';\nimport type { VenueId } from '../venues/registry';")).toEqual([
      '../protocol/messages',
    ]);
  });

  it("keep every venue's own modules from importing the registry, which imports them", () => {
    // A value imported back from the registry (or from a module built on it) is a cycle: the
    // venue's module would run before the registry's list exists (a schema read as undefined).
    const BUILT_ON_REGISTRY = /^(registry|names|markets|quote-currency|index|\.)$/;
    const found = sourceFiles(join('src', 'venues'))
      // The registry and the modules built on it may.
      .filter((f) => !/^(registry|names|markets|quote-currency|index|types)\.ts$/.test(f))
      .flatMap((f) =>
        [...readFileSync(join('src', 'venues', f), 'utf8').matchAll(/^import\s+(?!type\b)[^;]*?from\s*(['"])([^'"]+)\1/gm)]
          .map((m) => m[2] ?? '')
          .filter((spec) => spec.startsWith('.') && BUILT_ON_REGISTRY.test(normalize(join(dirname(f), spec)).replace(/\.ts$/, '')))
          .map((spec) => `venues/${f} imports ${spec}`),
      );
    expect(found).toEqual([]);
  });

  it('reads every kind of import statement', () => {
    const text = [
      "import { a } from '../core/a';",
      "import type { B } from './b';",
      "export { c } from '../protocol/c';",
      "import '../ui/side-effect.css';",
      "const d = await import('../venues/d');",
      "import * as v from 'valibot';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['../core/a', './b', '../protocol/c', '../ui/side-effect.css', '../venues/d']);
  });
});
