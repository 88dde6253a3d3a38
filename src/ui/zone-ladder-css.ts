// The ladder's styles, shared by the panel (inside its shadow root) and the popup. Bar widths are
// classes, not inline styles: the page-side patcher accepts no style attribute from a tree.
const widths = Array.from({ length: 11 }, (_, i) => `.ladder .w${i}{width:${i * 10}%}`).join('');

export const LADDER_CSS = `.ladder { display: grid; gap: 1px; margin: 3px 0 4px; font-size: 10px; line-height: 1; }
.lad-row { display: grid; grid-template-columns: 1fr 1fr 96px; align-items: center; min-height: 5px; }
.lad-l { display: flex; justify-content: flex-end; }
.lad-row .bar { display: block; height: 4px; }
.bar.long { background: color-mix(in srgb, var(--calm) 40%, transparent); }
.bar.short { background: color-mix(in srgb, var(--danger) 40%, transparent); }
.bar.long.zone { background: var(--calm); } .bar.short.zone { background: var(--danger); }
.lad-tag { padding-left: 4px; color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lad-row.at-mark, .lad-row.at-liq, .lad-row.at-entry { background: var(--chip); min-height: 11px; }
.at-mark .lad-tag { color: var(--fg); } .at-entry .lad-tag { color: var(--accent); } .at-liq .lad-tag { color: var(--danger); font-weight: 600; }
${widths}`;
