import { PANEL_CSS } from '../ui/panel-css';
import { pageTheme } from './theme';

export const ROOT_ID = 'perplens-root';

export interface Mounted {
  host: HTMLElement;
  container: HTMLElement;
  /** Puts the host back if the page's app removed it (some SPAs rebuild <html>'s children). */
  ensureAttached(): void;
  /** The host grows from its right-hand column to the viewport, where a dragged panel can go. */
  freePlacement(): void;
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
  style.textContent = PANEL_CSS;
  const container = doc.createElement('div');
  shadow.append(style, container);
  doc.documentElement.appendChild(host);
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
    remove() {
      host.remove();
    },
  };
}
