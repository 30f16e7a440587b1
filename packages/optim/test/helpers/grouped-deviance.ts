import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The ML profiled deviance of a linear mixed model with one grouping factor whose random effects
 * use the same columns as the fixed effects (q = p ≤ 2: intercept, or intercept and slope), as in
 * method.md §1.7: d(θ) = log|ΛᵀZᵀZΛ + I| + n·(1 + log(2π·r²/n)), with Λ = [θ₁ 0; θ₂ θ₃] (or
 * [θ₁]) per group. Each group's 2×2 (or 1×1) block is factored independently; the fixed effects
 * are profiled out through the Schur complement. Test helper only, not part of the package.
 */
export interface GroupedData {
  /** Per observation: response, covariate (ignored when q = 1), group index. */
  readonly response: Float64Array;
  readonly covariate: Float64Array;
  readonly group: Int32Array;
  readonly groups: number;
}

function readCsv(name: string): string[][] {
  const path = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  const lines = readFileSync(path, "utf8").trim().split(/\r?\n/);
  return lines.slice(1).map((line) => line.split(",").map((cell) => cell.replace(/"/g, "")));
}

/** Reads a fixture CSV: columns named by index for response, covariate (or −1) and group. */
export function loadGroupedData(
  name: string,
  response: number,
  covariate: number,
  group: number,
): GroupedData {
  const rows = readCsv(name);
  const levels = new Map<string, number>();
  const data = {
    response: new Float64Array(rows.length),
    covariate: new Float64Array(rows.length),
    group: new Int32Array(rows.length),
    groups: 0,
  };
  rows.forEach((row, i) => {
    data.response[i] = Number(row[response]);
    data.covariate[i] = covariate >= 0 ? Number(row[covariate]) : 0;
    const level = row[group];
    if (!levels.has(level)) levels.set(level, levels.size);
    data.group[i] = levels.get(level)!;
  });
  data.groups = levels.size;
  return data;
}

/** d(θ) for q = 1 (θ of length 1) or q = 2 (θ of length 3). Throws for a non-PD block. */
export function profiledDeviance(data: GroupedData, theta: Float64Array): number {
  const q = theta.length === 1 ? 1 : 2;
  const n = data.response.length;
  // Per-group cross products of [Z y] with Z = [1 x] (or [1]).
  const zz = new Float64Array(data.groups * 4);
  const zy = new Float64Array(data.groups * 2);
  let yy = 0;
  const xx = new Float64Array(4);
  const xy = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const g = data.group[i];
    const z = [1, data.covariate[i]];
    const y = data.response[i];
    for (let a = 0; a < q; a++) {
      zy[g * 2 + a] += z[a] * y;
      xy[a] += z[a] * y;
      for (let b = 0; b < q; b++) {
        zz[g * 4 + a * 2 + b] += z[a] * z[b];
        xx[a * 2 + b] += z[a] * z[b];
      }
    }
    yy += y * y;
  }
  const lambda =
    q === 1
      ? [[theta[0]]]
      : [
          [theta[0], 0],
          [theta[1], theta[2]],
        ];
  let logDet = 0;
  let ySquared = yy;
  // Schur complement of the Z block in [X y]ᵀ[X y].
  const schurXX = Float64Array.from(xx);
  const schurXy = Float64Array.from(xy);
  for (let g = 0; g < data.groups; g++) {
    // M = ΛᵀZᵀZΛ + I, R = ΛᵀZᵀ[X y] (X has the same columns as Z).
    const m = [
      [0, 0],
      [0, 0],
    ];
    const r = [
      [0, 0, 0],
      [0, 0, 0],
    ];
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        let sum = 0;
        for (let c = 0; c < q; c++) {
          for (let e = 0; e < q; e++) sum += lambda[c][a] * zz[g * 4 + c * 2 + e] * lambda[e][b];
        }
        m[a][b] = sum + (a === b ? 1 : 0);
      }
      for (let col = 0; col < q; col++) {
        let sum = 0;
        for (let c = 0; c < q; c++) sum += lambda[c][a] * zz[g * 4 + c * 2 + col];
        r[a][col] = sum;
      }
      let sum = 0;
      for (let c = 0; c < q; c++) sum += lambda[c][a] * zy[g * 2 + c];
      r[a][q] = sum;
    }
    // Cholesky of M and forward solve L·C = R.
    const l11 = Math.sqrt(m[0][0]);
    const l21 = q === 2 ? m[1][0] / l11 : 0;
    const l22 = q === 2 ? Math.sqrt(m[1][1] - l21 * l21) : 1;
    if (!(l11 > 0 && l22 > 0)) throw new Error("block not positive definite");
    logDet += 2 * Math.log(l11) + 2 * Math.log(l22);
    const cRows: number[][] = [[], []];
    for (let col = 0; col <= q; col++) {
      cRows[0][col] = r[0][col] / l11;
      if (q === 2) cRows[1][col] = (r[1][col] - l21 * cRows[0][col]) / l22;
    }
    for (let a = 0; a < q; a++) {
      for (let row = 0; row < q; row++) {
        schurXX[row * 2 + a] -=
          cRows[0][row] * cRows[0][a] + (q === 2 ? cRows[1][row] * cRows[1][a] : 0);
      }
      schurXy[a] -= cRows[0][a] * cRows[0][q] + (q === 2 ? cRows[1][a] * cRows[1][q] : 0);
    }
    ySquared -= cRows[0][q] ** 2 + (q === 2 ? cRows[1][q] ** 2 : 0);
  }
  // Profile out β: r² = ySquared − schurXyᵀ schurXX⁻¹ schurXy.
  let explained: number;
  if (q === 1) {
    explained = (schurXy[0] * schurXy[0]) / schurXX[0];
  } else {
    const a = schurXX[0];
    const b = schurXX[1];
    const d = schurXX[3];
    const det = a * d - b * b;
    explained = (d * schurXy[0] ** 2 - 2 * b * schurXy[0] * schurXy[1] + a * schurXy[1] ** 2) / det;
  }
  const pwrss = ySquared - explained;
  return logDet + n * (1 + Math.log((2 * Math.PI * pwrss) / n));
}
