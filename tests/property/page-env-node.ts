import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import type { PageDom, PageEnv } from './page-targets';

// The page targets in Node: happy-dom for the DOM, the fixtures read from tests/pages/.

// happy-dom keeps every document a window parsed (some MB for a venue table) until the window is
// closed and the close has settled, so the properties are async: every PARSES_PER_WINDOW documents
// (parses, and the clone each case makes) the window is closed and awaited, which keeps a
// 100 000-case fuzz run in bounded memory. The window is made on first use.
const PARSES_PER_WINDOW = 40;

export function happyDom(): PageDom {
  let window: Window | null = null;
  let parser: DOMParser | null = null;
  let parses = 0;
  const current = (): DOMParser => {
    if (!parser) {
      window = new Window();
      parser = new window.DOMParser() as unknown as DOMParser;
    }
    return parser;
  };
  return {
    parse(html) {
      parses++;
      return current().parseFromString(html, 'text/html');
    },
    async beforeCase() {
      const due = parses >= PARSES_PER_WINDOW;
      // The case's clone of the venue's page counts as a document too.
      parses = due ? 1 : parses + 1;
      if (!due || !window) return false;
      const old = window;
      window = null;
      parser = null;
      await old.happyDOM.close();
      return true;
    },
  };
}

const FIXTURES = join(process.cwd(), 'tests/pages');

export function nodePageEnv(): PageEnv {
  return { dom: happyDom(), fixture: (path) => readFileSync(join(FIXTURES, path), 'utf8') };
}
