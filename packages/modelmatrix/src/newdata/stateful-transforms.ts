import { ModelError } from "@mixedmodels/core";
import type { Expr } from "@mixedmodels/formula";
import type { EvaluationContext } from "../evaluate/evaluation-context";
import { evaluateNumeric } from "../evaluate/evaluate-numeric";

/**
 * Whole-column transforms (`scale`, `center`, `poly`) evaluated on new rows with the statistics
 * of the rows the model was fitted to, as R's "safe prediction" (`makepredictcall`) does: a new
 * row's `scale(x)` uses the training mean and sd, never its own. The arithmetic repeats the
 * model-matrix code operation by operation, so the training rows give the training bits.
 */

const STATEFUL = new Set(["scale", "center", "poly"]);

export function containsStatefulTransform(expr: Expr): boolean {
  switch (expr.kind) {
    case "variable":
    case "number":
      return false;
    case "paren":
      return containsStatefulTransform(expr.inner);
    case "unary":
      return containsStatefulTransform(expr.operand);
    case "binary":
      return containsStatefulTransform(expr.left) || containsStatefulTransform(expr.right);
    case "call":
      return STATEFUL.has(expr.name) || expr.args.some(containsStatefulTransform);
  }
}

/**
 * A numeric expression on the new rows: the model matrix's own evaluator, except that an
 * outermost `scale`/`center` is computed with the training rows' mean and sd.
 */
export function evaluateOnNewRows(
  expr: Expr,
  training: EvaluationContext,
  fresh: EvaluationContext,
  label: string,
): Float64Array {
  if (!containsStatefulTransform(expr)) return evaluateNumeric(expr, fresh, label);
  if (expr.kind === "call" && (expr.name === "scale" || expr.name === "center")) {
    const argument = expr.args[0];
    const reference = evaluateNumeric(argument, training, label);
    const values = evaluateOnNewRows(argument, training, fresh, label);
    let sum = 0;
    for (let t = 0; t < reference.length; t++) sum += reference[t];
    const mean = sum / reference.length;
    if (expr.name === "center") {
      for (let t = 0; t < values.length; t++) values[t] -= mean;
      return values;
    }
    let squares = 0;
    for (let t = 0; t < reference.length; t++) {
      const centred = reference[t] - mean;
      squares += centred * centred;
    }
    const sd = Math.sqrt(squares / (reference.length - 1));
    for (let t = 0; t < values.length; t++) values[t] = (values[t] - mean) / sd;
    return values;
  }
  // The formula parser allows whole-column transforms only outermost (never inside log() or I()).
  throw new ModelError(`'${label}' has scale(), center() or poly() inside another function`, {
    term: label,
  });
}

/**
 * `poly(x, degree)` on new rows: the three-term recurrence with the centres and norms of the
 * training rows (R's `predict.poly`), in the operation order of `orthogonalPolynomials`.
 */
export function polynomialOnNewRows(
  expr: Extract<Expr, { kind: "call" }>,
  degree: number,
  training: EvaluationContext,
  fresh: EvaluationContext,
  label: string,
): Float64Array[] {
  const x = evaluateNumeric(expr.args[0], training, label);
  const newX = evaluateOnNewRows(expr.args[0], training, fresh, label);
  const n = x.length;
  const m = newX.length;
  let previous = new Float64Array(n).fill(1);
  let beforePrevious = new Float64Array(n);
  let current = new Float64Array(n);
  let newPrevious = new Float64Array(m).fill(1);
  let newBeforePrevious = new Float64Array(m);
  let newCurrent = new Float64Array(m);
  let previousNorm2 = n;
  let beforePreviousNorm2 = 1;
  const columns: Float64Array[] = [];
  for (let d = 0; d < degree; d++) {
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += x[i] * previous[i] * previous[i];
    const alpha = weighted / previousNorm2;
    const beta = d === 0 ? 0 : previousNorm2 / beforePreviousNorm2;
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      const value = (x[i] - alpha) * previous[i] - beta * beforePrevious[i];
      current[i] = value;
      norm2 += value * value;
    }
    const scale = 1 / Math.sqrt(norm2);
    const column = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      newCurrent[i] = (newX[i] - alpha) * newPrevious[i] - beta * newBeforePrevious[i];
      column[i] = newCurrent[i] * scale;
    }
    columns.push(column);
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
    [newBeforePrevious, newPrevious, newCurrent] = [newPrevious, newCurrent, newBeforePrevious];
    beforePreviousNorm2 = previousNorm2;
    previousNorm2 = norm2;
  }
  return columns;
}
