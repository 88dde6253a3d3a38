import { h as ph, type VNode } from 'preact';
import type { TreeNode } from '../protocol/tree';
import { LADDER_CSS } from './zone-ladder-css';

/**
 * A panel tree (protocol/tree.ts) drawn by Preact in an extension page, so the popup shows the same
 * picture the panel does. Trees are data of whitelisted tags and attributes; Preact sets them as
 * attributes and text, never as markup.
 */
export function TreeView({ node }: { node: TreeNode }): VNode | string {
  if (typeof node === 'string') return node;
  return ph(node.t, { ...node.a }, ...node.c.map((c, i) => <TreeView key={i} node={c} />));
}

let styled = false;
/** The ladder's styles, added to the page once (the panel carries them in its shadow root). */
export function useLadderStyles(): void {
  if (styled || typeof document === 'undefined') return;
  styled = true;
  const el = document.createElement('style');
  el.textContent = LADDER_CSS;
  document.head.append(el);
}
