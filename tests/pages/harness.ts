import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { pageLocale } from '../../src/venues/page-kit/locale';
import type { PageRead, ReadContext, RowRead, VenuePageReader } from '../../src/venues/page-reader-types';

// Shared by the page-reader tests (run under happy-dom).

/** Reads tests/pages/<venue>/<name>; happy-dom gives import.meta.url an http: origin, so the cwd is used. */
export const fixturesIn =
  (venue: string) =>
  (name: string): string =>
    readFileSync(join(process.cwd(), 'tests/pages', venue, name), 'utf8');

export const parse = (html: string): Document => new DOMParser().parseFromString(html, 'text/html');

/** A read context from the URL a fixture names in its canonical link (or the given default). */
export function canonicalContext(
  doc: Document,
  reader: VenuePageReader,
  fallbackUrl: string,
  contractValue: ReadContext['contractValue'] = () => null,
): ReadContext {
  const url = new URL(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? fallbackUrl);
  return { locale: pageLocale(url, doc), urlSymbol: reader.matchUrl(url) ?? '', contractValue };
}

/** Readable rows are compared whole; unreadable rows by a stable substring of their reason. */
export function expectRows(actual: RowRead[], expected: RowRead[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((want, i) => {
    const got = actual[i];
    if (want.ok) {
      expect(got).toEqual(want);
    } else {
      expect(got?.ok).toBe(false);
      if (got && !got.ok) {
        expect(got.reason).toContain(want.reason);
        expect({ symbol: got.symbol, side: got.side }).toEqual({ symbol: want.symbol, side: want.side });
      }
    }
  });
}

/** Parses a fixture, finds the reader's anchor (which must be there) and reads it. */
export function readPage(reader: VenuePageReader, html: string, context: (doc: Document) => ReadContext, name: string): PageRead {
  const doc = parse(html);
  const anchor = reader.findAnchor(doc);
  expect(anchor, `${name}: anchor`).not.toBeNull();
  if (!anchor) throw new Error('no anchor');
  return reader.read(anchor, context(doc));
}
