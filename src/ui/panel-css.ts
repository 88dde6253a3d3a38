// Injected as the text of a <style> inside the shadow root: the page's CSS cannot reach in, and
// `all: initial` stops inherited page styles at the host.
export const PANEL_CSS = `
:host { all: initial; }
:host {
  --bg: #11151c; --fg: #e6e9ef; --muted: #9aa3b2; --line: #2a3140;
  --danger: #f6465d; --caution: #f0b90b; --calm: #2ebd85; --accent: #2dd4bf;
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
:host([data-theme="light"]) {
  --bg: #ffffff; --fg: #1e2329; --muted: #5e6673; --line: #e1e4ea;
  --danger: #d9304e; --caution: #a36d00; --calm: #1a8d5f; --accent: #0f766e;
}
.panel { width: 300px; background: var(--bg); color: var(--fg); border: 1px solid var(--line);
  border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.35); overflow: hidden; }
.toggle { all: unset; box-sizing: border-box; display: flex; gap: 8px; align-items: center; width: 100%;
  padding: 8px 10px; cursor: pointer; color: var(--fg); border-bottom: 1px solid var(--line); }
.toggle:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
.brand { font-weight: 700; color: var(--accent); }
.where { flex: 1; color: var(--muted); }
.body { padding: 8px 10px; }
.body[hidden] { display: none; }
.row { display: flex; justify-content: space-between; gap: 8px; padding: 2px 0; }
.label { color: var(--muted); }
.value { font-variant-numeric: tabular-nums; font-weight: 600; }
.value.unknown { color: var(--muted); cursor: help; }
.tone-danger { color: var(--danger); } .tone-caution { color: var(--caution); } .tone-calm { color: var(--calm); }
.status { margin: 6px 0 0; color: var(--muted); }
.status.error { color: var(--danger); }
.status.stale { color: var(--caution); }
.note { margin: 8px 0 0; color: var(--muted); font-size: 11px; }
@media (prefers-reduced-motion: no-preference) { .panel { transition: opacity .15s; } }
`;
