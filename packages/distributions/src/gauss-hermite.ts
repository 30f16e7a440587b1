/** A quadrature rule: Σ weights[i]·f(nodes[i]) ≈ E[f(Z)] for Z standard normal. */
export interface GaussHermiteRule {
  readonly nodes: Float64Array;
  readonly weights: Float64Array;
}

export const MAX_GAUSS_HERMITE_NODES = 25;

const cache = new Map<number, GaussHermiteRule>();

/**
 * The k-point Gauss–Hermite rule for the standard normal density (nodes ascending, weights
 * summing to 1; MixedModels.jl's `GHnorm`): exact for polynomials of degree up to 2k − 1.
 * The nodes are the eigenvalues of the Jacobi matrix of the orthonormal Hermite polynomials
 * (zero diagonal, off-diagonal √1 … √(k−1), as in Golub–Welsch), found by Sturm-sequence bisection
 * and polished by Newton's method on the three-term recurrence; the weights are the Christoffel
 * numbers 1/Σⱼ pⱼ(x)². Only arithmetic and √ are used, so the rule is the same on every engine.
 * The rule is symmetrized (the middle node of an odd rule is exactly 0). Returns fresh arrays.
 *
 * @throws RangeError unless k is an integer from 1 to 25.
 */
export function gaussHermite(k: number): GaussHermiteRule {
  if (!Number.isInteger(k) || k < 1 || k > MAX_GAUSS_HERMITE_NODES) {
    throw new RangeError(
      `gaussHermite: the number of nodes must be an integer from 1 to ${MAX_GAUSS_HERMITE_NODES}, got ${k}`,
    );
  }
  let rule = cache.get(k);
  if (rule === undefined) {
    rule = computeRule(k);
    cache.set(k, rule);
  }
  return { nodes: rule.nodes.slice(), weights: rule.weights.slice() };
}

function computeRule(k: number): GaussHermiteRule {
  const nodes = new Float64Array(k);
  const weights = new Float64Array(k);
  // Gershgorin: every eigenvalue lies within the largest off-diagonal row sum.
  const bound = Math.sqrt(Math.max(k - 1, 0)) + Math.sqrt(Math.max(k - 2, 0)) + 1;
  for (let m = 0; m < k; m++) nodes[m] = newtonPolish(bisectEigenvalue(k, m, bound), k);
  for (let m = 0; m < k; m++) weights[m] = 1 / christoffelSum(nodes[m], k);
  // Symmetrize: x ↦ −x maps the rule onto itself.
  for (let m = 0; m < Math.floor(k / 2); m++) {
    const mirror = k - 1 - m;
    const node = 0.5 * (nodes[mirror] - nodes[m]);
    const weight = 0.5 * (weights[m] + weights[mirror]);
    nodes[m] = -node;
    nodes[mirror] = node;
    weights[m] = weight;
    weights[mirror] = weight;
  }
  if (k % 2 === 1) nodes[(k - 1) / 2] = 0;
  let total = 0;
  for (let m = 0; m < k; m++) total += weights[m];
  for (let m = 0; m < k; m++) weights[m] /= total;
  return { nodes, weights };
}

/** The number of eigenvalues of the Jacobi matrix below x, from the signs of its LDLᵀ pivots. */
function eigenvaluesBelow(x: number, k: number): number {
  let count = 0;
  let pivot = -x;
  for (let i = 1; i <= k; i++) {
    if (i > 1) pivot = -x - (i - 1) / pivot;
    if (pivot === 0) pivot = -Number.EPSILON * (Math.abs(x) + 1);
    if (pivot < 0) count++;
  }
  return count;
}

/** The m-th smallest eigenvalue (0-based), bisected until the interval stops shrinking. */
function bisectEigenvalue(k: number, m: number, bound: number): number {
  let lower = -bound;
  let upper = bound;
  for (let iteration = 0; iteration < 200; iteration++) {
    const middle = 0.5 * (lower + upper);
    if (middle <= lower || middle >= upper) break;
    if (eigenvaluesBelow(middle, k) > m) upper = middle;
    else lower = middle;
  }
  return 0.5 * (lower + upper);
}

/** p_k(x) and p_{k−1}(x) of the orthonormal Hermite polynomials: √(j+1)·p_{j+1} = x·p_j − √j·p_{j−1}. */
function orthonormalPair(x: number, k: number): [number, number] {
  let previous = 0;
  let current = 1;
  for (let j = 0; j < k; j++) {
    const next = (x * current - Math.sqrt(j) * previous) / Math.sqrt(j + 1);
    previous = current;
    current = next;
  }
  return [current, previous];
}

/** Two Newton steps on p_k, whose derivative is √k·p_{k−1}. */
function newtonPolish(x: number, k: number): number {
  let node = x;
  for (let step = 0; step < 2; step++) {
    const [value, below] = orthonormalPair(node, k);
    if (below === 0) break;
    node -= value / (Math.sqrt(k) * below);
  }
  return node;
}

/** Σ_{j<k} p_j(x)², the reciprocal of the Gauss weight at a node x. */
function christoffelSum(x: number, k: number): number {
  let previous = 0;
  let current = 1;
  let sum = 1;
  for (let j = 0; j < k - 1; j++) {
    const next = (x * current - Math.sqrt(j) * previous) / Math.sqrt(j + 1);
    previous = current;
    current = next;
    sum += current * current;
  }
  return sum;
}
