/**
 * Builds `ModelParts` by hand from a `DataTable` for the reference models, standing in for
 * `buildModelParts` from @mixedmodels/modelmatrix until it lands. Treatment coding; no missing
 * values; X assumed full rank.
 */
import type { CategoricalColumn, DataTable, NumericColumn } from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";
import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

export interface BarTermSpec {
  /** Grouping factor columns; several for an interaction `a:b`. */
  readonly factors: readonly string[];
  /** "(Intercept)" or numeric column names. */
  readonly columns: readonly string[];
  readonly correlated?: boolean;
}

export interface HandModelSpec {
  readonly formula: string;
  readonly response: string;
  /** "(Intercept)", a numeric column, a factor column, or "a:b" for two factors. */
  readonly fixed: readonly string[];
  readonly random: readonly BarTermSpec[];
  readonly weights?: Float64Array;
}

function numeric(table: DataTable, name: string): Float64Array {
  const column = table.columns[name];
  if (column === undefined) throw new Error(`no column ${name}`);
  if (column.kind === "numeric") return (column as NumericColumn).values;
  throw new Error(`column ${name} is not numeric`);
}

function categorical(table: DataTable, name: string): CategoricalColumn {
  const column = table.columns[name];
  if (column === undefined || column.kind !== "categorical")
    throw new Error(`column ${name} is not a factor`);
  return column;
}

function isFactor(table: DataTable, name: string): boolean {
  return table.columns[name]?.kind === "categorical";
}

interface FixedColumn {
  name: string;
  values: Float64Array;
}

function fixedColumns(table: DataTable, spec: string): FixedColumn[] {
  const n = table.nrow;
  if (spec === "(Intercept)") return [{ name: spec, values: new Float64Array(n).fill(1) }];
  if (spec.includes(":")) {
    const [a, b] = spec.split(":").map((name) => categorical(table, name));
    const [aName, bName] = spec.split(":");
    const out: FixedColumn[] = [];
    for (let lb = 1; lb < b.levels.length; lb++) {
      for (let la = 1; la < a.levels.length; la++) {
        const values = new Float64Array(n);
        for (let t = 0; t < n; t++) values[t] = a.codes[t] === la && b.codes[t] === lb ? 1 : 0;
        out.push({ name: `${aName}${a.levels[la]}:${bName}${b.levels[lb]}`, values });
      }
    }
    return out;
  }
  if (isFactor(table, spec)) {
    const f = categorical(table, spec);
    return f.levels.slice(1).map((level, i) => {
      const values = new Float64Array(n);
      for (let t = 0; t < n; t++) values[t] = f.codes[t] === i + 1 ? 1 : 0;
      return { name: `${spec}${level}`, values };
    });
  }
  return [{ name: spec, values: Float64Array.from(numeric(table, spec)) }];
}

interface Grouping {
  label: string;
  levels: string[];
  refs: Int32Array;
}

function grouping(table: DataTable, factors: readonly string[]): Grouping {
  const columns = factors.map((name) => categorical(table, name));
  const n = table.nrow;
  if (columns.length === 1) {
    return {
      label: factors[0],
      levels: [...columns[0].levels],
      refs: Int32Array.from(columns[0].codes),
    };
  }
  const keyOf = (t: number) => columns.map((c) => c.codes[t]);
  const seen = new Map<string, number[]>();
  for (let t = 0; t < n; t++) seen.set(keyOf(t).join(","), keyOf(t));
  const combos = Array.from(seen.values()).sort((x, y) => {
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  });
  const index = new Map(combos.map((combo, i) => [combo.join(","), i]));
  const refs = new Int32Array(n);
  for (let t = 0; t < n; t++) refs[t] = index.get(keyOf(t).join(",")) ?? -1;
  const levels = combos.map((combo) => combo.map((code, i) => columns[i].levels[code]).join(":"));
  return { label: factors.join(":"), levels, refs };
}

export function buildHandParts(table: DataTable, spec: HandModelSpec): ModelParts {
  const n = table.nrow;
  const y = Float64Array.from(numeric(table, spec.response));
  const columns = spec.fixed.flatMap((name) => fixedColumns(table, name));
  const p = columns.length;
  const data = new Float64Array(n * p);
  columns.forEach((column, j) => {
    data.set(column.values, j * n);
  });
  const names = columns.map((column) => column.name);

  // One entry per grouping label, amalgamating bar terms in order of first appearance.
  const merged = new Map<string, { grouping: Grouping; parts: BarTermSpec[] }>();
  for (const bar of spec.random) {
    const g = grouping(table, bar.factors);
    const entry = merged.get(g.label);
    if (entry === undefined) merged.set(g.label, { grouping: g, parts: [bar] });
    else entry.parts.push(bar);
  }
  const reterms: RandomEffectsMatrix[] = [];
  for (const { grouping: g, parts } of merged.values()) {
    const columnNames = parts.flatMap((bar) => [...bar.columns]);
    const s = columnNames.length;
    const z = new Float64Array(n * s);
    columnNames.forEach((name, r) => {
      const values = name === "(Intercept)" ? null : numeric(table, name);
      for (let t = 0; t < n; t++) z[t * s + r] = values === null ? 1 : values[t];
    });
    const rows: number[] = [];
    const cols: number[] = [];
    let offset = 0;
    for (const bar of parts) {
      const width = bar.columns.length;
      const correlated = bar.correlated ?? true;
      for (let c = 0; c < width; c++) {
        for (let r = c; r < width; r++) {
          if (!correlated && r !== c) continue;
          rows.push(offset + r);
          cols.push(offset + c);
        }
      }
      offset += width;
    }
    reterms.push({
      group: g.label,
      levels: g.levels,
      refs: g.refs,
      s,
      columnNames,
      z,
      thetaRows: Int32Array.from(rows),
      thetaCols: Int32Array.from(cols),
      diagonal: parts.every((bar) => bar.columns.length === 1 || bar.correlated === false),
      blockSizes: parts.map((bar) => bar.columns.length),
      labels: parts.map((bar) => `(${bar.columns.join(" + ")} | ${g.label})`),
    });
  }
  const sorted = reterms
    .map((term, i) => ({ term, i }))
    .sort((a, b) => b.term.levels.length * b.term.s - a.term.levels.length * a.term.s || a.i - b.i)
    .map(({ term }) => term);

  return {
    formula: { text: spec.formula } as unknown as ParsedFormula,
    n,
    responseName: spec.response,
    y,
    X: {
      n,
      p,
      data,
      names,
      allNames: names,
      kept: Int32Array.from(names, (_, i) => i),
      aliased: [],
    },
    reterms: sorted,
    weights: spec.weights ?? null,
    droppedRows: new Int32Array(0),
    table,
  };
}
