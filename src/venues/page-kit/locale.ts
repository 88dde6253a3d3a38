// The page's locale decides number formats and captions: a language segment in the URL (`/de/`,
// `/zh-CN/`) is what the venue renders with; html[lang] is the fallback; English otherwise.
const URL_LANG = /^\/([a-z]{2}(?:-[A-Za-z]{2,4})?)(?:\/|$)/;

export function pageLocale(url: URL, doc: Document): string {
  const fromUrl = URL_LANG.exec(url.pathname)?.[1];
  if (fromUrl && fromUrl !== 'en') return fromUrl;
  const lang = doc.documentElement.getAttribute('lang')?.trim();
  return lang || fromUrl || 'en';
}
