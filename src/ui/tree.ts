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

export const TREE_LIMITS = { nodes: 20_000, depth: 24, text: 4_000 } as const;

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
