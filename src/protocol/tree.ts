/**
 * The panel as plain data: the background builds it, the content script patches it into the shadow
 * root with createElement/setAttribute/textContent only. Keeping markup generation out of the page
 * keeps the injected script small (no UI framework, no maths) and makes the page-side renderer a
 * whitelist: a tree that names any other tag or attribute is refused whole.
 */
export const TREE_TAGS = ['aside', 'header', 'section', 'article', 'div', 'span', 'p', 'h3', 'h4', 'button'] as const;
export type TreeTag = (typeof TREE_TAGS)[number];

export interface TreeElement {
  t: TreeTag;
  a: Record<string, string>;
  c: TreeNode[];
}
export type TreeNode = string | TreeElement;

type AttrValue = string | number | boolean | null | undefined;
type Child = TreeNode | false | null | undefined | readonly Child[];

/** No event handlers, URLs or inline styles: behaviour is keyed by `data-action` and lives in the content script. */
export const TREE_ATTRIBUTE = /^(?:class|title|role|tabindex|hidden|type|aria-[a-z]+|data-[a-z0-9-]+)$/;

function flatten(children: readonly Child[], out: TreeNode[]): TreeNode[] {
  for (const c of children) {
    if (c === false || c === null || c === undefined || c === '') continue;
    if (typeof c === 'string' || !Array.isArray(c)) out.push(c as TreeNode);
    else flatten(c, out);
  }
  return out;
}

/** `true` is the empty attribute, `false`/null/undefined leave it out, like HTML boolean attributes. */
export function h(t: TreeTag, attrs: Record<string, AttrValue>, ...children: Child[]): TreeElement {
  const a: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === null || v === undefined) continue;
    a[k] = v === true ? '' : String(v);
  }
  // Adjacent strings become one text node, so the page-side patch compares like with like.
  const c: TreeNode[] = [];
  for (const n of flatten(children, [])) {
    const last = c[c.length - 1];
    if (typeof n === 'string' && typeof last === 'string') c[c.length - 1] = last + n;
    else c.push(n);
  }
  return { t, a, c };
}

// A hundred positions (the most a page sends) of about 240 nodes each, with room: a bigger tree is
// refused whole, never half-drawn.
export const TREE_LIMITS = { nodes: 40_000, depth: 24, text: 4_000 } as const;

/**
 * True when `x` is a tree the content script may render: known tags and attributes only, strings
 * bounded, and the whole tree bounded in size and depth. Replies cross a process boundary; a
 * malformed one is dropped rather than half-rendered.
 */
const TAG_SET: ReadonlySet<unknown> = new Set(TREE_TAGS);
// Attribute names repeat on every update: remember the verdicts instead of re-running the pattern.
const attributeVerdicts = new Map<string, boolean>();
function allowedAttribute(k: string): boolean {
  let ok = attributeVerdicts.get(k);
  if (ok === undefined) {
    ok = TREE_ATTRIBUTE.test(k);
    if (attributeVerdicts.size < 1_000) attributeVerdicts.set(k, ok);
  }
  return ok;
}

export function isTree(x: unknown): x is TreeElement {
  let budget: number = TREE_LIMITS.nodes;
  const node = (n: unknown, depth: number): boolean => {
    if (--budget < 0 || depth > TREE_LIMITS.depth) return false;
    if (typeof n === 'string') return n.length <= TREE_LIMITS.text;
    if (!n || typeof n !== 'object') return false;
    const { t, a, c } = n as Record<string, unknown>;
    if (!TAG_SET.has(t)) return false;
    if (!a || typeof a !== 'object' || Array.isArray(a)) return false;
    for (const k in a) {
      const v = (a as Record<string, unknown>)[k];
      if (!allowedAttribute(k) || typeof v !== 'string' || v.length > TREE_LIMITS.text) return false;
    }
    return Array.isArray(c) && c.every((child) => node(child, depth + 1));
  };
  return node(x, 0) && typeof x === 'object';
}

/**
 * One change between two trees: the subtree at `p` (child indexes from the root) replaced, or only
 * the attributes of the element at `p`. The background sends a tab these instead of the whole panel
 * when the tab holds the previous version: a tick of the mark changes a few figures, and an
 * extension message's cost grows with its size (Chrome serialises it as JSON).
 */
export type TreeOp = { p: number[]; n: TreeNode } | { p: number[]; a: Record<string, string> };

const sameAttrs = (x: Record<string, string>, y: Record<string, string>) => {
  const kx = Object.keys(x);
  return kx.length === Object.keys(y).length && kx.every((k) => x[k] === y[k]);
};

export function diffTree(prev: TreeElement, next: TreeElement): TreeOp[] {
  const ops: TreeOp[] = [];
  const walk = (a: TreeNode, b: TreeNode, p: number[]) => {
    if (typeof a === 'string' || typeof b === 'string') {
      if (a !== b) ops.push({ p, n: b });
      return;
    }
    if (a.t !== b.t || a.c.length !== b.c.length) {
      ops.push({ p, n: b });
      return;
    }
    if (!sameAttrs(a.a, b.a)) ops.push({ p, a: b.a });
    b.c.forEach((child, i) => {
      const before = a.c[i];
      if (before !== undefined) walk(before, child, [...p, i]);
    });
  };
  walk(prev, next, []);
  return ops;
}

/**
 * `tree` with `ops` applied, or null when an op does not fit it. Copy-on-write along each op's path:
 * `tree` itself is left as it was (the renderer compares against it), untouched subtrees are shared.
 */
export function applyOps(tree: TreeElement, ops: readonly TreeOp[]): TreeElement | null {
  const copies = new WeakSet<TreeElement>();
  const own = (el: TreeElement): TreeElement => {
    if (copies.has(el)) return el;
    const copy = { t: el.t, a: el.a, c: [...el.c] };
    copies.add(copy);
    return copy;
  };
  let root = own(tree);
  for (const op of ops) {
    if (op.p.length === 0) {
      if ('a' in op) root.a = op.a;
      else if (typeof op.n === 'string') return null;
      else root = own(op.n);
      continue;
    }
    let parent = root;
    for (const i of op.p.slice(0, -1)) {
      const child = parent.c[i];
      if (child === undefined || typeof child === 'string') return null;
      const mine = own(child);
      parent.c[i] = mine;
      parent = mine;
    }
    const last = op.p[op.p.length - 1] ?? -1;
    if (last < 0 || last >= parent.c.length) return null;
    if ('a' in op) {
      const el = parent.c[last];
      if (el === undefined || typeof el === 'string') return null;
      const mine = own(el);
      mine.a = op.a;
      parent.c[last] = mine;
    } else parent.c[last] = op.n;
  }
  return root;
}

/** True when `x` is a list of ops the content script may apply: paths of indexes, nodes and attributes as isTree allows. */
export function isOps(x: unknown): x is TreeOp[] {
  if (!Array.isArray(x) || x.length > TREE_LIMITS.nodes) return false;
  return x.every((op: unknown) => {
    if (!op || typeof op !== 'object') return false;
    const { p, n, a } = op as Record<string, unknown>;
    if (!Array.isArray(p) || p.length > TREE_LIMITS.depth || !p.every((i) => Number.isInteger(i) && (i as number) >= 0)) return false;
    if (a !== undefined) return isTree({ t: 'div', a, c: [] });
    return typeof n === 'string' ? n.length <= TREE_LIMITS.text : isTree(n);
  });
}
