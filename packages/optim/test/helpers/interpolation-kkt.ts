import type { InterpolationSet } from "../../src/bobyqa/interpolation-set";

/**
 * W of the set's points (column-major m×m) in the frame of `origin` with displacements divided
 * by `scale`, built here from the points alone: the independent side of the tests of the set's
 * inverse H = W⁻¹.
 */
export function kktMatrix(
  set: InterpolationSet,
  origin: Float64Array = set.origin,
  scale: number = set.scale,
): Float64Array {
  const { n, npt, m } = set;
  const w = new Float64Array(m * m);
  const s = (k: number, i: number) => (set.points[k * n + i] - origin[i]) / scale;
  for (let j = 0; j < npt; j++) {
    for (let i = 0; i < npt; i++) {
      let dot = 0;
      for (let c = 0; c < n; c++) dot += s(i, c) * s(j, c);
      w[i + j * m] = 0.5 * dot * dot;
    }
    w[npt + j * m] = 1;
    w[j + npt * m] = 1;
    for (let c = 0; c < n; c++) {
      w[npt + 1 + c + j * m] = s(j, c);
      w[j + (npt + 1 + c) * m] = s(j, c);
    }
  }
  return w;
}

/** max |(W H − I)_rc| with W from {@link kktMatrix} (by default in the set's own frame). */
export function inverseError(
  set: InterpolationSet,
  origin: Float64Array = set.origin,
  scale: number = set.scale,
): number {
  const m = set.m;
  const w = kktMatrix(set, origin, scale);
  let worst = 0;
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += w[r + k * m] * set.inverse[k + c * m];
      worst = Math.max(worst, Math.abs(sum - (r === c ? 1 : 0)));
    }
  }
  return worst;
}
