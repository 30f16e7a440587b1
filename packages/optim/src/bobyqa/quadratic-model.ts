/**
 * Q(x) = constant + gradientᵀ(x − center) + ½(x − center)ᵀ hessian (x − center), in n
 * dimensions; `hessian` is symmetric, column-major n×n.
 */
export class QuadraticModel {
  readonly n: number;
  readonly center: Float64Array;
  constant = 0;
  readonly gradient: Float64Array;
  readonly hessian: Float64Array;
  private readonly work: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.center = new Float64Array(n);
    this.gradient = new Float64Array(n);
    this.hessian = new Float64Array(n * n);
    this.work = new Float64Array(n);
  }

  /** gradientᵀd + ½dᵀ·hessian·d: the predicted change of f for the step d from the center. */
  change(d: Float64Array): number {
    const n = this.n;
    let linear = 0;
    let quadratic = 0;
    for (let j = 0; j < n; j++) {
      if (d[j] === 0) continue;
      linear += this.gradient[j] * d[j];
      let column = 0;
      for (let i = 0; i < n; i++) column += this.hessian[i + j * n] * d[i];
      quadratic += d[j] * column;
    }
    return linear + 0.5 * quadratic;
  }

  /** out ← hessian·v, column by column of the hessian, skipping zero entries of v. */
  hessianTimes(v: Float64Array, out: Float64Array): void {
    const n = this.n;
    out.fill(0);
    for (let j = 0; j < n; j++) {
      const vj = v[j];
      if (vj === 0) continue;
      for (let i = 0; i < n; i++) out[i] += this.hessian[i + j * n] * vj;
    }
  }

  /** Q(x). */
  value(x: Float64Array, offset = 0): number {
    const d = this.work;
    for (let i = 0; i < this.n; i++) d[i] = x[offset + i] - this.center[i];
    return this.constant + this.change(d);
  }

  /** Moves the expansion point to `newCenter` without changing Q. */
  recenter(newCenter: Float64Array, offset = 0): void {
    const n = this.n;
    const d = this.work;
    for (let i = 0; i < n; i++) d[i] = newCenter[offset + i] - this.center[i];
    this.constant += this.change(d);
    for (let i = 0; i < n; i++) {
      let shift = 0;
      for (let j = 0; j < n; j++) shift += this.hessian[i + j * n] * d[j];
      this.gradient[i] += shift;
      this.center[i] = newCenter[offset + i];
    }
  }
}
