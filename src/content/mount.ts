import { HOST_CSS } from '../ui/panel-css';
import { pageTheme } from './theme';

export const ROOT_ID = 'perplens-root';

export interface Mounted {
  host: HTMLElement;
  container: HTMLElement;
  /** Puts the host back if the page's app removed it (some SPAs rebuild <html>'s children). */
  ensureAttached(): void;
  /** The host grows from its right-hand column to the viewport, where a dragged panel can go. */
  freePlacement(): void;
  /** The panel's own rules, as the background sends them with a whole panel. */
  setCss(css: string): void;
  /** The host becomes a column `width` wide at `x` (a free spot), or goes back to the right edge (null). */
  spotAt(x: number | null, width: number): void;
  /** The panel's body scrolls (it holds more than the window's height) or is clipped to what it holds. */
  scrolls(on: boolean): void;
  remove(): void;
}

/** The host sits on <html>, outside the exchange's React tree, with an open shadow root (DOM contract). */
export function mountHost(doc: Document): Mounted {
  doc.getElementById(ROOT_ID)?.remove();
  const host = doc.createElement('div');
  host.id = ROOT_ID;
  host.dataset.theme = pageTheme(doc);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = HOST_CSS;
  const panelStyle = doc.createElement('style');
  const container = doc.createElement('div');
  shadow.append(style, panelStyle, container);
  doc.documentElement.appendChild(host);
  const stopTheme = followTheme(doc, host);
  return {
    host,
    container,
    ensureAttached() {
      if (!host.isConnected) doc.documentElement.appendChild(host);
    },
    freePlacement() {
      // Called after every render of a dragged panel (a mark tick): write the host only once.
      if (!host.hasAttribute('data-placed')) host.setAttribute('data-placed', '');
    },
    setCss(css) {
      if (panelStyle.textContent !== css) panelStyle.textContent = css;
    },
    spotAt(x, width) {
      if (x === null) {
        host.removeAttribute('data-spot');
        return;
      }
      host.style.setProperty('--pl-x', `${Math.round(x)}px`);
      host.style.setProperty('--pl-w', `${Math.ceil(width)}px`);
      host.setAttribute('data-spot', '');
    },
    scrolls(on) {
      if (host.hasAttribute('data-scroll') !== on) host.toggleAttribute('data-scroll', on);
    },
    remove() {
      stopTheme();
      host.remove();
    },
  };
}

/** Re-samples at most this often: some pages restyle <body> on every scroll lock or modal. */
const THEME_SAMPLE_MS = 500;
const THEME_SETTLE_MS = 1_500;

/**
 * Keeps the panel's theme with the page's when the trader switches it: exchanges flip a class or a
 * data attribute on <html> or <body>, or follow the OS. Watches those two elements' attributes only
 * (never the subtree) and the OS setting.
 */
function followTheme(doc: Document, host: HTMLElement): () => void {
  let pending: ReturnType<typeof setTimeout> | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const sample = () => {
    const theme = pageTheme(doc);
    if (host.dataset.theme !== theme) host.dataset.theme = theme;
  };
  const soon = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      sample();
      // Once more after a page's fade between themes has ended, in case the first look caught it midway.
      if (settle !== undefined) clearTimeout(settle);
      settle = setTimeout(sample, THEME_SETTLE_MS);
    }, THEME_SAMPLE_MS);
  };
  const observer = new MutationObserver(soon);
  for (const el of [doc.documentElement, doc.body]) if (el) observer.observe(el, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  const media = matchMedia('(prefers-color-scheme: light)');
  media.addEventListener('change', soon);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', soon);
    if (pending !== undefined) clearTimeout(pending);
    if (settle !== undefined) clearTimeout(settle);
  };
}
