import { LADDER_CSS } from './zone-ladder-css';
// Injected as the text of a <style> inside the shadow root: the page's CSS cannot reach in, and
// `all: initial` stops inherited page styles at the host.
//
// The host is a fixed, strictly contained column that lets pointer events through, at the free spot
// the content script found ([data-spot], src/content/placement.ts) or at the right edge; the panel
// sits inside it. On a page that lays out and paints every frame
// (an order book ticking at 60 Hz), Chromium otherwise revisits a fixed panel in each of the page's
// frames: side by side, a static copy of the panel cost the page 2.5–3.3% with an inline host and
// 0.3–1.4% in this column, and the live panel ~1 point less than with an inline host (16 rounds).
// A host over the whole viewport measured no better than the inline one, hence the column; once
// the trader drags the panel elsewhere the host covers the viewport ([data-placed]).
// `!important` because inside a shadow root it beats the page's own `!important` on the host; the
// font too, or `all: initial !important` would win over it.
// The theme's colours come with the panel's own rules from the background (PANEL_CSS): the page's
// script carries only the fallbacks that colour a failure line drawn before any answer. Written
// compactly, a rule a line: every byte here is in every venue page's script.
export const HOST_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;top:0!important;right:0!important;bottom:0!important;left:auto!important;width:348px!important;height:auto!important;contain:strict!important;pointer-events:none!important;z-index:2147483000!important;font:12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif!important}
:host([data-spot]){left:var(--pl-x)!important;right:auto!important;width:var(--pl-w)!important}
:host([data-placed]){left:0!important;right:0!important;width:auto!important}
.panel{position:fixed;right:16px;bottom:16px;pointer-events:auto;width:316px;max-height:calc(100vh - 16px);display:flex;flex-direction:column;background:var(--bg, #11151c);color:var(--fg, #e6e9ef);border:1px solid var(--line, #2a3140);border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.35);overflow:clip;contain:layout paint style;will-change:transform}
.status.error{color:var(--danger, #f6465d)}
`;

/**
 * Everything else the panel draws with. The background sends it with each whole panel (never with the
 * changes between two), so the page's script carries only the host's rules above: the content
 * script's size budget is 20 KB gzip per venue, and this text is a tenth of it.
 */
export const PANEL_CSS = `
:host {
  --bg: #11151c; --fg: #e6e9ef; --muted: #9aa3b2; --line: #2a3140; --chip: #1b212c;
  --danger: #f6465d; --caution: #f0b90b; --calm: #2ebd85; --accent: #2dd4bf;
}
:host([data-theme="light"]) {
  --bg: #ffffff; --fg: #1e2329; --muted: #5e6673; --line: #e1e4ea; --chip: #f3f4f7;
  --danger: #c9253f; --caution: #8a5a00; --calm: #137a50; --accent: #0f766e;
}
.panel.in-danger { border-color: var(--danger); }
header { display: flex; flex-wrap: wrap; gap: 4px 6px; align-items: center; padding: 4px 6px 4px 8px; cursor: move; user-select: none;
  border-bottom: 1px solid var(--line); touch-action: none; }
.collapsed header { border-bottom: 0; }
.brand { font-weight: 700; color: var(--accent); }
.where { flex: 1; min-width: 0; color: var(--muted); overflow: clip; text-overflow: ellipsis; white-space: nowrap; }
.collapsed .where { display: flex; flex-wrap: wrap; gap: 3px; white-space: normal; }
.chip { padding: 0 5px; border-radius: 9px; background: var(--chip); border: 1px solid currentColor; color: var(--muted); white-space: nowrap; }
.chip .num { font-weight: 700; }
.chip.hand { color: var(--accent); font-size: 10px; }
button { font: inherit; color: var(--fg); background: var(--chip); border: 1px solid var(--line); border-radius: 4px; padding: 0 6px; cursor: pointer; }
button:focus-visible, [tabindex]:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.icon { min-width: 22px; }
.body { padding: 4px 8px 6px; min-height: 0; overflow: clip; }
:host([data-scroll]) .body { overflow: auto; }
[hidden] { display: none !important; }
h4 { margin: 6px 0 1px; font-size: 10px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  display: flex; justify-content: space-between; align-items: center; }
.mline { color: var(--muted); }
.position { border-top: 1px solid var(--line); padding: 4px 0 4px 6px; margin-top: 4px; box-shadow: inset 3px 0 0 var(--line); }
.band-danger { box-shadow: inset 3px 0 0 var(--danger); background: color-mix(in srgb, var(--danger) 10%, transparent); }
.band-caution { box-shadow: inset 3px 0 0 var(--caution); }
.band-calm { box-shadow: inset 3px 0 0 var(--calm); }
.c1 { display: flex; align-items: center; gap: 6px; }
.who { flex: 1; min-width: 0; white-space: nowrap; overflow: clip; text-overflow: ellipsis; }
.side { font-weight: 700; }
.side-long { color: var(--calm); } .side-short { color: var(--danger); }
.dist { font-size: 17px; font-weight: 700; }
.gauge { display: inline-flex; gap: 1px; }
.gauge span:not(.sr-only) { width: 5px; height: 10px; border-radius: 1px; background: var(--line); }
.gauge span.on { background: currentColor; }
.toggle { padding: 0 5px; }
.c2, .c3, .c4 { margin-top: 1px; }
.c2, .soft, .muted { color: var(--muted); }
.c4 { display: flex; flex-wrap: wrap; gap: 2px 4px; align-items: center; }
.c4 > .value + .value::before { content: "· "; color: var(--muted); font-weight: 400; }
.c4 > .badge + .value::before, .c4 > .value + .badge::before { content: none; }
.regime { font-weight: 600; }
.badge { padding: 0 5px; border-radius: 9px; border: 1px solid currentColor; font-weight: 700; }
.danger-line { margin: 3px 0 0; color: var(--danger); font-weight: 600; }
.nowrap { white-space: nowrap; }
.details { margin-top: 2px; }
.row { display: flex; justify-content: space-between; gap: 8px; padding: 1px 0; }
.row .label { color: var(--muted); }
.value { font-variant-numeric: tabular-nums; }
.row .value { font-weight: 600; text-align: right; }
.value.unknown { color: var(--muted); cursor: help; font-weight: 400; }
.c1 .value, .c2 .value, .c3 .value, .c4 .value, .mline .value { position: relative; }
.value[title]:focus-visible::after { content: attr(title); position: absolute; right: 0; top: 100%; z-index: 1; width: 240px;
  margin-top: 2px; padding: 4px 6px; background: var(--chip); color: var(--fg); border: 1px solid var(--line);
  border-radius: 4px; font-size: 11px; font-weight: 400; white-space: pre-line; text-align: left; }
.row:focus-within { position: relative; }
.tone-danger { color: var(--danger); } .tone-caution { color: var(--caution); } .tone-calm { color: var(--calm); }
.tone-bad { color: var(--danger); } .tone-good { color: var(--calm); }
.status { margin: 4px 0 0; color: var(--muted); }
.status.error { color: var(--danger); }
.status.stale, .caution-text { color: var(--caution); }
.state-loading .value { opacity: .7; }
.unreadable { border: 1px dashed var(--danger); border-radius: 6px; padding: 4px 8px; }
.note-line { margin: 4px 0 2px; padding: 4px 6px; border-radius: 6px; background: var(--chip); }
.note-line.warn { box-shadow: inset 3px 0 0 var(--caution); }
.source-line { margin: 4px 0 0; color: var(--muted); font-size: 11px; }
.window-switch { display: inline-flex; gap: 2px; text-transform: none; }
.window-switch button { padding: 0 5px; font-size: 11px; }
.window-switch button.on { border-color: var(--accent); color: var(--accent); }
.zone-line { margin: 3px 0 0; color: var(--caution); }
.chip.zone { color: var(--caution); font-size: 10px; margin-right: 2px; }
${LADDER_CSS}
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (prefers-reduced-motion: no-preference) { .panel { transition: opacity .15s; } }
`;
