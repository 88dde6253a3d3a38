import type { PageDom, PageEnv } from './page-targets';

// The page targets in a browser page: the native DOMParser (whose documents the garbage collector
// reclaims, so nothing is recycled), the fixtures handed over by the caller (no file system here).

export function nativeDom(): PageDom {
  const parser = new DOMParser();
  return {
    parse: (html) => parser.parseFromString(html, 'text/html'),
    beforeCase: () => false,
  };
}

export function browserPageEnv(fixtures: Readonly<Record<string, string>>): PageEnv {
  return {
    dom: nativeDom(),
    fixture(path) {
      const text = fixtures[path];
      if (text === undefined) throw new Error(`fixture ${path} was not handed to the page`);
      return text;
    },
  };
}
