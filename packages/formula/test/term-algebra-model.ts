// An independent model of R's formula term algebra (src/library/stats/src/model.c: PlusTerms,
// DeleteTerms, InteractTerms, CrossTerms, NestTerms, InTerms, PowerTerms, then terms()' stable sort
// by degree), over syntax trees the tests build. It shares no code with src/: the property tests
// in unparenthesised.prop.test.ts compare parseFormula with it, and the R fixture
// (fixtures/unparenthesised-terms.json, made by unparenthesised-terms.R) checks the model itself.

/** A fixed-part expression: variables, binary operators, and powers of whole numbers. */
export type TermTree =
  | { readonly kind: "var"; readonly name: string }
  | {
      readonly kind: "op";
      readonly op: "+" | "-" | "*" | "/" | "%in%" | ":" | "&";
      readonly left: TermTree;
      readonly right: TermTree;
    }
  | { readonly kind: "pow"; readonly base: TermTree; readonly k: number };

/** R's binding strength of each operator (?Syntax); unary minus is not generated. */
const STRENGTH = { "+": 1, "-": 1, "*": 2, "/": 2, "%in%": 3, ":": 4, "&": 4 } as const;
const POWER = 5;

/**
 * The one operator whose result, order included, does not depend on grouping: `a + (b + c)` is
 * `a + b + c`. (`a * (b * c)` has the terms of `a * b * c` in another order, as in R.)
 */
const ASSOCIATIVE = new Set(["+"]);

function strength(tree: TermTree): number {
  return tree.kind === "var" ? 6 : tree.kind === "pow" ? POWER : STRENGTH[tree.op];
}

/**
 * The tree as text with only the parentheses R's precedence and left associativity need (and none
 * around a sum added to a sum), so that they, not parentheses, decide the grouping the parser
 * must find.
 */
export function printTree(tree: TermTree): string {
  if (tree.kind === "var") return tree.name;
  if (tree.kind === "pow") {
    const base = printTree(tree.base);
    return `${tree.base.kind === "var" ? base : `(${base})`}^${tree.k}`;
  }
  const own = STRENGTH[tree.op];
  const left = printTree(tree.left);
  const right = printTree(tree.right);
  const leftText = strength(tree.left) < own ? `(${left})` : left;
  const sameOp = tree.right.kind === "op" && tree.right.op === tree.op;
  // a + (b - c + d) is not a + b - c + d: a sum that removes terms keeps its parentheses.
  const rightNeedsParens =
    strength(tree.right) < own ||
    (strength(tree.right) === own && !(sameOp && ASSOCIATIVE.has(tree.op))) ||
    (tree.op === "+" && sumRemoves(tree.right));
  const rightText = rightNeedsParens ? `(${right})` : right;
  const spaced = tree.op === ":" || tree.op === "&" ? tree.op : ` ${tree.op} `;
  return `${leftText}${spaced}${rightText}`;
}

/** Whether a sum removes terms at its own level (a '-' not inside another operator). */
function sumRemoves(tree: TermTree): boolean {
  if (tree.kind !== "op" || (tree.op !== "+" && tree.op !== "-")) return false;
  return tree.op === "-" || sumRemoves(tree.left) || sumRemoves(tree.right);
}

/** Variables in order of first appearance (R's variable list, which orders a label's factors). */
export function variablesInOrder(tree: TermTree, into: string[] = []): string[] {
  if (tree.kind === "var") {
    if (!into.includes(tree.name)) into.push(tree.name);
  } else if (tree.kind === "pow") {
    variablesInOrder(tree.base, into);
  } else {
    variablesInOrder(tree.left, into);
    variablesInOrder(tree.right, into);
  }
  return into;
}

/** A term as a bit set over the variable list (R's encoding). */
type Bits = number;

function trimRepeats(terms: readonly Bits[]): Bits[] {
  const out: Bits[] = [];
  for (const t of terms) if (t !== 0 && !out.includes(t)) out.push(t);
  return out;
}

function interact(left: readonly Bits[], right: readonly Bits[]): Bits[] {
  const out: Bits[] = [];
  for (const l of left) for (const r of right) out.push(l | r);
  return trimRepeats(out);
}

const allBits = (terms: readonly Bits[]) => terms.reduce((all, t) => all | t, 0);

function encode(tree: TermTree, order: readonly string[]): Bits[] {
  if (tree.kind === "var") return [1 << order.indexOf(tree.name)];
  if (tree.kind === "pow") {
    const base = encode(tree.base, order);
    let result = base;
    for (let i = 1; i < tree.k; i++) result = interact(base, result);
    return result;
  }
  const left = encode(tree.left, order);
  const right = encode(tree.right, order);
  switch (tree.op) {
    case "+":
      return trimRepeats([...left, ...right]);
    case "-":
      return left.filter((t) => !right.includes(t));
    case ":":
    case "&":
      return interact(left, right);
    case "*":
      return trimRepeats([...left, ...right, ...interact(left, right)]);
    case "/": {
      const outer = allBits(left);
      return trimRepeats([...left, ...right.map((t) => outer | t)]);
    }
    case "%in%": {
      const within = allBits(right);
      return trimRepeats(left.map((t) => t | within));
    }
  }
}

/**
 * Whether some operand expands to no term (`(d - d) * d`). R's term algebra is erratic there (its
 * CrossTerms and PlusTerms return nothing when their left operand is empty, so R gives no terms
 * for `(d - d) * d`), and the generators leave such formulas out.
 */
export function hasEmptyOperand(tree: TermTree): boolean {
  const order = variablesInOrder(tree);
  const visit = (node: TermTree): boolean => {
    if (node.kind === "var") return false;
    if (encode(node, order).length === 0) return true;
    return node.kind === "pow" ? visit(node.base) : visit(node.left) || visit(node.right);
  };
  return visit(tree);
}

const degree = (bits: Bits) => {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
};

/**
 * The term labels R's `terms()` gives for `y ~ <tree>`: terms by degree, stable within a degree,
 * each label's variables in the order of first appearance, joined by ':'.
 */
export function expectedLabels(tree: TermTree): string[] {
  const order = variablesInOrder(tree);
  const terms = encode(tree, order);
  const sorted = terms
    .map((bits, i) => ({ bits, i }))
    .sort((p, q) => degree(p.bits) - degree(q.bits) || p.i - q.i);
  return sorted.map(({ bits }) => order.filter((_, v) => (bits >> v) & 1).join(":"));
}
