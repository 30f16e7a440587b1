/**
 * Functions a formula may call. Anything else is a `FormulaSyntaxError` naming the function,
 * unless it is listed in `ParseFormulaOptions.functions`.
 *
 * - elementwise, one argument, may nest inside arithmetic: `log` (natural; R's `log(x, base)`
 *   too), `log10`, `log2`, `exp`, `sqrt`, `abs`;
 * - `I(expr)`: arithmetic on columns (`+ - * / ^`, unary minus, the elementwise functions);
 * - whole-column transforms, one argument, not nestable: `scale` (centre and divide by the
 *   standard deviation), `center`, `factor` (treat as categorical), `poly(x, k)` (orthogonal
 *   polynomial of whole-number degree k);
 * - structural: `offset(expr)` (a known offset, not a term), `fulldummy(f)` (all indicator
 *   columns of a factor), `zerocorr(expr | g)` (a random-effects term without correlations).
 */
export const KNOWN_FUNCTIONS = [
  "log",
  "log10",
  "log2",
  "exp",
  "sqrt",
  "abs",
  "I",
  "scale",
  "center",
  "factor",
  "poly",
  "offset",
  "fulldummy",
  "zerocorr",
] as const;

export type KnownFunction = (typeof KNOWN_FUNCTIONS)[number];

/** How a function may be used; decides where it may appear and how many arguments it takes. */
export type FunctionRole =
  | "elementwise"
  | "identity"
  | "column"
  | "poly"
  | "offset"
  | "fulldummy"
  | "zerocorr"
  | "extra";

/** Options of `parseFormula`. */
export interface ParseFormulaOptions {
  /**
   * Extra function names to accept, each treated as elementwise with one or more arithmetic
   * arguments (the model-matrix builder must know how to evaluate them). Names of known
   * functions are ignored here.
   */
  readonly functions?: readonly string[];
}

const ROLES: Readonly<Record<KnownFunction, FunctionRole>> = {
  log: "elementwise",
  log10: "elementwise",
  log2: "elementwise",
  exp: "elementwise",
  sqrt: "elementwise",
  abs: "elementwise",
  I: "identity",
  scale: "column",
  center: "column",
  factor: "column",
  poly: "poly",
  offset: "offset",
  fulldummy: "fulldummy",
  zerocorr: "zerocorr",
};

/** Looks up function names for one parse: the known ones plus the caller's extras. */
export class FunctionTable {
  private readonly extras: ReadonlySet<string>;

  constructor(options: ParseFormulaOptions = {}) {
    this.extras = new Set(options.functions ?? []);
  }

  roleOf(name: string): FunctionRole | undefined {
    if (Object.hasOwn(ROLES, name)) return ROLES[name as KnownFunction];
    return this.extras.has(name) ? "extra" : undefined;
  }

  /** "log, log10, ..." for error messages. */
  describeKnown(): string {
    return [...KNOWN_FUNCTIONS, ...[...this.extras].filter((n) => !Object.hasOwn(ROLES, n))].join(
      ", ",
    );
  }
}
