import type { TreeElement, TreeNode } from '../protocol/tree';

/**
 * Brings `parent`'s children in line with `nodes`, reusing elements of the same tag in the same place
 * so that focus, the drag position and unchanged text survive an update. Text only ever goes in as
 * text nodes; attributes come from the validated tree (see isTree). `style` is the content script's
 * own (the panel's dragged position) and is left alone. With `prev` (the tree this DOM was last
 * patched to), unchanged subtrees are skipped without touching the DOM: reading the DOM from a
 * content script costs far more than comparing two plain trees.
 */
export function patchChildren(parent: Element, nodes: readonly TreeNode[], prev?: readonly TreeNode[]): void {
  let i = 0;
  for (const n of nodes) {
    const before = prev?.[i];
    // An unchanged subtree is skipped before the DOM is even looked at.
    if (before !== undefined && sameTree(n, before)) {
      i++;
      continue;
    }
    const existing = parent.childNodes[i] ?? null;
    i++;
    if (typeof n === 'string') {
      // With `prev` the DOM is known to hold `before` here: a changed text is written without reading it first.
      if (typeof before === 'string' && existing?.nodeType === 3) existing.nodeValue = n;
      else if (existing?.nodeType === 3) {
        if (existing.nodeValue !== n) existing.nodeValue = n;
      } else put(parent, parent.ownerDocument.createTextNode(n), existing);
    } else if (existing?.nodeType === 1 && (existing as Element).localName === n.t) {
      // nodeType rather than instanceof: Firefox hands content scripts the page's nodes through wrappers.
      patchElement(existing as Element, n, typeof before === 'object' && before.t === n.t ? before : undefined);
    } else {
      put(parent, createElement(parent.ownerDocument, n), existing);
    }
  }
  if (prev?.length === nodes.length) return;
  while (parent.childNodes.length > nodes.length) parent.lastChild?.remove();
}

// Trees are never changed once built (applyOps copies on write), so a pair found to differ keeps
// differing. Remembering it keeps a patch linear: each level of a changed path would otherwise
// compare everything below it again.
const differs = new WeakMap<TreeElement, TreeElement>();

function sameTree(a: TreeNode, b: TreeNode): boolean {
  // An untouched subtree is the same object.
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return false;
  if (differs.get(a) === b || !sameElement(a, b)) {
    differs.set(a, b);
    return false;
  }
  return true;
}

function sameElement(a: TreeElement, b: TreeElement): boolean {
  if (a.t !== b.t || a.c.length !== b.c.length) return false;
  if (a.a !== b.a) {
    const ka = Object.keys(a.a);
    if (ka.length !== Object.keys(b.a).length) return false;
    for (const k of ka) if (a.a[k] !== b.a[k]) return false;
  }
  for (let i = 0; i < a.c.length; i++) {
    const x = a.c[i];
    const y = b.c[i];
    if (x === undefined || y === undefined || !sameTree(x, y)) return false;
  }
  return true;
}

function put(parent: Element, node: Node, existing: ChildNode | null): void {
  if (existing) existing.replaceWith(node);
  else parent.appendChild(node);
}

function patchElement(el: Element, n: TreeElement, prev: TreeElement | undefined): void {
  if (prev) {
    // Only the attributes that changed since the last patch; a copied ancestor shares its attributes.
    if (prev.a !== n.a) {
      for (const k of Object.keys(prev.a)) if (!(k in n.a)) el.removeAttribute(k);
      for (const [k, v] of Object.entries(n.a)) if (prev.a[k] !== v) el.setAttribute(k, v);
    }
  } else {
    for (const { name } of [...el.attributes]) {
      if (name !== 'style' && !(name in n.a)) el.removeAttribute(name);
    }
    for (const [k, v] of Object.entries(n.a)) {
      if (el.getAttribute(k) !== v) el.setAttribute(k, v);
    }
  }
  patchChildren(el, n.c, prev?.c);
}

function createElement(doc: Document, n: TreeElement): Element {
  const el = doc.createElement(n.t);
  for (const [k, v] of Object.entries(n.a)) el.setAttribute(k, v);
  patchChildren(el, n.c);
  return el;
}

/**
 * Renders successive trees into `container`. The shadow root is open (the DOM contract), so the page
 * can write into it: any change that is not ours makes the next render compare against the DOM
 * itself, which puts every figure back.
 */
export function createRenderer(container: Element) {
  let prev: readonly TreeNode[] | undefined;
  const observer = new MutationObserver(() => {
    prev = undefined;
  });
  observer.observe(container, { subtree: true, childList: true, attributes: true, characterData: true });
  return {
    /** `after` may adjust what was rendered (the dragged position): its changes are ours too. */
    render(tree: TreeNode, after?: () => void): void {
      // A change the page made since the last render is waiting in the observer's queue.
      if (observer.takeRecords().length) prev = undefined;
      try {
        patchChildren(container, [tree], prev);
        after?.();
      } finally {
        // Our own changes are not tampering. Taking their records is cheaper than disconnecting
        // and observing again around every render (a trace put that at a fifth of a live update).
        observer.takeRecords();
      }
      prev = [tree];
    },
    /** True when the page changed the panel since the last render (the next render repairs it). */
    tampered(): boolean {
      if (observer.takeRecords().length) prev = undefined;
      return prev === undefined;
    },
    stop(): void {
      observer.disconnect();
    },
  };
}
