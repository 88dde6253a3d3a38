import { MAX_EXPANDED, type PanelPrefs } from '../protocol/panel-prefs';
import { WINDOWS } from '../venues/market-types';
import { panelAsk } from './ask-view';
import type { Mounted } from './mount';
import type { Session } from './session';

/** Buttons, keyboard and dragging, by delegation on the panel's container, until `signal` ends them all. */
export function listenToPanel(s: Session, mounted: Mounted, setPrefs: (s: Session, next: Partial<PanelPrefs>) => void, signal: AbortSignal): void {
  const { container } = mounted;
  const on = { signal };
  container.addEventListener(
    'click',
    (e) => {
      const button = (e.target as Element).closest('[data-action]');
      const action = button?.getAttribute('data-action');
      if (action === 'privacy') setPrefs(s, { privacy: !s.shown.privacy });
      else if (action === 'ask') panelAsk(button?.getAttribute('data-ask'));
      else if (action === 'collapse') setPrefs(s, { collapsed: !s.shown.collapsed });
      else if (action === 'card') {
        const key = button?.getAttribute('data-card');
        if (!key) return;
        const open = s.prefs?.expanded ?? [];
        s.focusCard = key;
        setPrefs(s, { expanded: open.includes(key) ? open.filter((k) => k !== key) : [...open, key].slice(-MAX_EXPANDED) });
      } else if (action === 'window') {
        const w = WINDOWS.find((x) => x === button?.getAttribute('data-window'));
        if (w) setPrefs(s, { window: w });
      }
    },
    on,
  );
  container.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Escape' && !s.shown.collapsed) {
        setPrefs(s, { collapsed: true });
        e.stopPropagation();
        return;
      }
      if (!(e.target as Element).closest('[data-action="window"]')) return;
      const delta = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
      if (!delta) return;
      e.preventDefault();
      const next = WINDOWS[(WINDOWS.indexOf(s.shown.window) + delta + WINDOWS.length) % WINDOWS.length] ?? s.shown.window;
      s.focusWindow = next;
      setPrefs(s, { window: next });
    },
    on,
  );
  container.addEventListener(
    'pointerdown',
    (e) => {
      const target = e.target as Element;
      const panel = container.firstElementChild as HTMLElement | null;
      if (!panel || !target.closest('header') || target.closest('button')) return;
      // The host then spans the viewport from its top left: the panel's left/top are viewport pixels,
      // measured before the host grows (the panel sits inside it, so it would jump with it).
      const at = panel.getBoundingClientRect();
      mounted.freePlacement();
      Object.assign(panel.style, { left: `${at.left}px`, top: `${at.top}px`, right: 'auto', bottom: 'auto' });
      const dx = e.clientX - at.left;
      const dy = e.clientY - at.top;
      const move = (m: PointerEvent) => {
        const x = Math.min(Math.max(0, m.clientX - dx), window.innerWidth - panel.offsetWidth);
        const y = Math.min(Math.max(0, m.clientY - dy), window.innerHeight - 32);
        Object.assign(panel.style, { left: `${x}px`, top: `${y}px`, right: 'auto', bottom: 'auto' });
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        const end = panel.getBoundingClientRect();
        setPrefs(s, { x: Math.round(end.left), y: Math.round(end.top) });
      };
      // A drag under way when the panel is taken down ends with it.
      window.addEventListener('pointermove', move, on);
      window.addEventListener('pointerup', up, on);
    },
    on,
  );
}
