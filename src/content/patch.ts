import type { TreeElement, TreeNode } from '../ui/tree';

/**
 * Brings `parent`'s children in line with `nodes`, reusing elements of the same tag in the same place
 * so that focus, the drag position and unchanged text survive an update. Text only ever goes in as
 * text nodes; attributes come from the validated tree (see isTree). `style` is the content script's
 * own (the panel's dragged position) and is left alone.
 */
export function patchChildren(parent: Element, nodes: readonly TreeNode[]): void {
  const doc = parent.ownerDocument;
  let i = 0;
  for (const n of nodes) {
    const existing = parent.childNodes[i] ?? null;
    if (typeof n === 'string') {
      if (existing?.nodeType === 3) {
        if (existing.nodeValue !== n) existing.nodeValue = n;
      } else put(parent, doc.createTextNode(n), existing);
    } else if (existing?.nodeType === 1 && (existing as Element).localName === n.t) {
      // nodeType rather than instanceof: Firefox hands content scripts the page's nodes through wrappers.
      patchElement(existing as Element, n);
    } else {
      put(parent, createElement(doc, n), existing);
    }
    i++;
  }
  while (parent.childNodes.length > nodes.length) parent.lastChild?.remove();
}

function put(parent: Element, node: Node, existing: ChildNode | null): void {
  if (existing) existing.replaceWith(node);
  else parent.appendChild(node);
}

function patchElement(el: Element, n: TreeElement): void {
  for (const { name } of [...el.attributes]) {
    if (name !== 'style' && !(name in n.a)) el.removeAttribute(name);
  }
  for (const [k, v] of Object.entries(n.a)) {
    if (el.getAttribute(k) !== v) el.setAttribute(k, v);
  }
  patchChildren(el, n.c);
}

function createElement(doc: Document, n: TreeElement): Element {
  const el = doc.createElement(n.t);
  for (const [k, v] of Object.entries(n.a)) el.setAttribute(k, v);
  patchChildren(el, n.c);
  return el;
}
