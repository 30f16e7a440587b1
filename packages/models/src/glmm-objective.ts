import type { Family, GlmWorkspace } from "@mixedmodels/families";
import { contains, createGlmWorkspace, rFamilyAic, updateFromEta } from "@mixedmodels/families";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import type { BlockedSystem } from "./blocked-system";
import { AnchoredLinearization } from "./glmm-anchor";
import { addRandomEffects, FixedPart } from "./glmm-linear-predictor";
import { NewtonWeights, workingResponseInto } from "./glmm-newton-weights";
import {
  PIRLS_MAX_HALVINGS,
  PIRLS_MAX_ITERATIONS,
  PIRLS_STEP_TOLERANCE_NEWTON,
  PirlsFailure,
  type PirlsOutcome,
} from "./glmm-pirls";
import { adaptiveGaussHermiteDeviance } from "./glmm-quadrature";
import type { GlmmResponse } from "./glmm-response";

// The objective of a generalized linear mixed model, in one place (MixedModels.jl's deviance!,
// pirls! and deviance(m, nAGQ); method.md §2.3–2.6):
//
//   1. the working linear model: at the current (β, u), η = Xβ + ZΛu + offset, μ = g⁻¹(η), the
//      working weights and working response are installed in the blocked system (A is recomputed
//      in place, L refactored);
//   2. PIRLS: Newton steps for u (and β when it varies) from that system's solution, with step
//      halving on the penalized deviance Σ dᵢ + ‖u‖², to the conditional mode ũ;
//   3. the Laplace deviance Σ dᵢ + ‖ũ‖² + log|ΛᵀZᵀWZΛ + I|, or its adaptive Gauss–Hermite
//      refinement for a single scalar random-effects term (glmm-quadrature.ts).

export type { PirlsOutcome } from "./glmm-pirls";
export {
  PIRLS_MAX_HALVINGS,
  PIRLS_MAX_ITERATIONS,
  PIRLS_STEP_TOLERANCE_NEWTON,
  PirlsFailure,
} from "./glmm-pirls";
export type { GlmmResponse } from "./glmm-response";

const NO_FIXED_EFFECTS = new Float64Array(0);

export class GlmmObjective {
  readonly p: number;
  readonly q: number;
  /** Fixed effects (length p). */
  readonly beta: Float64Array;
  /** Spherical random effects (length q), the conditional mode after `pirls`. */
  readonly u: Float64Array;
  /** b = Λu, up to date after every `install`. */
  readonly b: Float64Array;
  /** The linear predictor, offset included. */
  readonly eta: Float64Array;
  /** μ, dμ/dη, working weights and residuals, deviance contributions at (β, u). */
  readonly glm: GlmWorkspace;
  /** Σ dᵢ at (β, u). */
  devianceSum = Number.NaN;
  private readonly system: BlockedSystem;
  /**
   * The working model of u alone, [Z r]ᵀW[Z r] with r = Zb + working residual (the working
   * response less the fixed part), for PIRLS with β held fixed: a step then costs O(n·s²) for
   * the random-effects blocks instead of O(n·p²) for XᵀWX, which that step does not use. Its
   * λ's are the full system's, and its L_ZZ is the full system's to the last bit (the blocked
   * Cholesky factors the random-effects rows first).
   */
  private readonly randomSystem: BlockedSystem;
  /** The system the last `install` reweighted: the one `laplace` and the AGQ read. */
  private active: BlockedSystem;
  private readonly parts: ModelParts;
  private readonly response: GlmmResponse;
  private readonly workingResponse: Float64Array;
  private readonly previousU: Float64Array;
  private readonly previousBeta: Float64Array;
  /** offset + Xβ, kept while β stays (through a PIRLS run of the default fit). */
  private readonly fixed: FixedPart;
  /** The linearization chord starts take their first step from (`anchor`). */
  private readonly anchored: AnchoredLinearization;
  private readonly chordResponse: Float64Array;
  /** PIRLS's weights for a non-canonical link; null for a canonical one (the expected ones). */
  private readonly newton: NewtonWeights | null;
  /** Whether the installed working model has Newton's weights (not the expected ones). */
  private newtonInstalled = false;
  /**
   * A β-varying PIRLS run (stage 1's) ended with its last step installed in the random-effects
   * system only (`pirls`): the full system's A and L are a step behind until `completeFullSystem`.
   */
  private fullPending = false;

  constructor(
    system: BlockedSystem,
    parts: ModelParts,
    response: GlmmResponse,
    randomSystem: BlockedSystem,
  ) {
    if (randomSystem.p !== 0 || randomSystem.lambdas !== system.lambdas) {
      throw new Error("the random-effects system must have no fixed columns and share the λ's");
    }
    this.system = system;
    this.randomSystem = randomSystem;
    this.active = system;
    this.parts = parts;
    this.response = response;
    this.p = system.p;
    this.q = system.q;
    this.beta = new Float64Array(this.p);
    this.u = new Float64Array(this.q);
    this.b = new Float64Array(this.q);
    this.previousU = new Float64Array(this.q);
    this.previousBeta = new Float64Array(this.p);
    this.eta = new Float64Array(parts.n);
    this.workingResponse = new Float64Array(parts.n);
    this.fixed = new FixedPart(parts.X, response.offset);
    this.glm = createGlmWorkspace(parts.n);
    this.anchored = new AnchoredLinearization(parts.n, this.q, this.p);
    this.chordResponse = new Float64Array(parts.n);
    this.newton = response.canonical ? null : new NewtonWeights(parts.n);
  }

  /**
   * Remember the installed working model (after a successful `install` or `pirls`) as the
   * linearization later PIRLS runs in the same system start from (see `pirls`).
   */
  anchor(): void {
    if (this.fullPending) {
      // The next β-varying run's chord start restores the full system's A: form it at the mode.
      const { workingWeights, workingResiduals } = this.glm;
      workingResponseInto(this.workingResponse, this.eta, workingResiduals, this.response.offset);
      this.system.reweight(workingWeights, this.workingResponse);
      this.anchored.remember(this.system, this.glm, this.eta, this.u, this.beta);
      return;
    }
    this.anchored.remember(this.active, this.glm, this.eta, this.u, this.beta);
  }

  /**
   * After a β-varying PIRLS run that ended in the random-effects system, install the full
   * working model [Z X y] at its mode (what L_XX's readers, such as the joint stage's steps,
   * need): the A and L that run would have left had its last step been installed there.
   * @throws PirlsFailure when L cannot be factored.
   */
  completeFullSystem(): void {
    if (!this.fullPending) return;
    this.fullPending = false;
    const { workingWeights, workingResiduals } = this.glm;
    if (!this.reweight(this.system, workingWeights, workingResiduals)) {
      throw new PirlsFailure("the full working model at the mode cannot be factored");
    }
    this.active = this.system;
  }

  /** Forget the anchor: PIRLS starts from the current (β, u) again. */
  clearAnchor(): void {
    this.anchored.clear();
  }

  /**
   * The chord start: the PIRLS step at the current θ (and β) from the anchored linearization
   * instead of one at the warm start. Its quadratic model of the deviance about the anchor's η is
   * as near the new mode as one about the warm start's η (both are a parameter step away), so
   * the step is as good, but it costs a factorization and one pass for the response row instead
   * of an install (η, μ, the deviance and A). Returns the installed penalized deviance at the new
   * point, or +∞ (the caller then starts from the anchored mode the usual way).
   */
  private chordStart(target: BlockedSystem, varyBeta: boolean): number {
    const anchored = this.anchored;
    anchored.restoreCrossProduct(target);
    if (varyBeta) {
      // The full system's response z − offset is the anchored one: A is as remembered.
      if (!target.updateFactor()) return Number.POSITIVE_INFINITY;
      target.solveFixedEffects(this.beta);
      target.solveSphericalModes(this.beta, this.u);
    } else {
      const fixedPart = this.fixed.at(this.beta);
      const r = this.chordResponse;
      for (let t = 0; t < r.length; t++) r[t] = anchored.response[t] - fixedPart[t];
      target.reweightResponse(anchored.weights, r);
      if (!target.updateFactor()) return Number.POSITIVE_INFINITY;
      target.solveSphericalModes(NO_FIXED_EFFECTS, this.u);
    }
    return this.install(target, true);
  }

  /** The response's family. */
  get family(): Family {
    return this.response.family;
  }

  /** ‖u‖². */
  get penalty(): number {
    let sum = 0;
    for (let i = 0; i < this.q; i++) sum += this.u[i] * this.u[i];
    return sum;
  }

  /**
   * The working linear model at the current (β, u) and θ: η, μ and the GLM quantities, then A
   * under the working weights and L, in the full system [Z X y] (by default: what the accessors
   * read) or the random-effects one. Returns the penalized deviance Σ dᵢ + ‖u‖², or +∞ when η
   * leaves the link's domain, μ the family's range, the deviance is not finite or L cannot be
   * factored (PIRLS then halves the step). With `newton` (PIRLS's steps) a non-canonical link's
   * working model has Newton's weights, the observed information, instead of the expected ones
   * (Fisher scoring), which the Laplace deviance and every reader of the installed model use:
   * `pirls` reinstalls those at the mode.
   */
  install(target: BlockedSystem = this.system, newton = false): number {
    const { system, parts, response, eta, glm } = this;
    const { n } = parts;
    system.toRandomEffects(this.u, this.b);
    eta.set(this.fixed.at(this.beta));
    addRandomEffects(eta, parts.reterms, system.offsets, this.b);
    const { link, family } = response;
    for (let t = 0; t < n; t++) {
      if (!link.validEta(eta[t])) return this.fail();
    }
    const deviance = updateFromEta(family, link, response.y, response.priorWeights, eta, glm);
    if (!Number.isFinite(deviance)) return this.fail();
    const { mu } = glm;
    let { workingResiduals, workingWeights } = glm;
    const range = family.muRange;
    for (let t = 0; t < n; t++) {
      if (!contains(range, mu[t]) || !Number.isFinite(workingWeights[t])) return this.fail();
    }
    this.newtonInstalled = false;
    this.fullPending = false;
    if (newton && this.newton !== null) {
      this.newton.update(response, eta, glm);
      ({ weights: workingWeights, residuals: workingResiduals } = this.newton);
      this.newtonInstalled = true;
    }
    this.active = target;
    if (!this.reweight(target, workingWeights, workingResiduals)) return this.fail();
    this.devianceSum = deviance;
    return deviance + this.penalty;
  }

  /**
   * A under the given working weights and residuals at the installed η, and L: the full
   * system's response is the working response z = η + r − offset; the random one's is z less
   * the fixed part, Zb + r. False when L cannot be factored.
   */
  private reweight(target: BlockedSystem, weights: Float64Array, residuals: Float64Array): boolean {
    const subtract = target !== this.system ? this.fixed.values : this.response.offset;
    workingResponseInto(this.workingResponse, this.eta, residuals, subtract);
    target.reweight(weights, this.workingResponse);
    return target.updateFactor();
  }

  /**
   * After PIRLS's Newton steps, the expected working weights at the mode (what glmer's
   * log-determinant, the AGQ's conditional sd, the anchor and the accessors read).
   * @throws PirlsFailure when L cannot be factored under them.
   */
  private restoreExpectedWeights(target: BlockedSystem): void {
    if (!this.newtonInstalled) return;
    this.newtonInstalled = false;
    const { workingWeights, workingResiduals } = this.glm;
    if (!this.reweight(target, workingWeights, workingResiduals)) {
      throw new PirlsFailure("the working model under the expected weights cannot be factored");
    }
  }

  private fail(): number {
    this.devianceSum = Number.NaN;
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Penalized iteratively reweighted least squares to the conditional mode of u, and of β too
   * with `varyBeta` (the fast fit). The first step is a chord step from the anchored
   * linearization when there is one for this system (`anchor`: the optimizer's best point so
   * far), else a step from the current (β, u) (a warm start: the previous evaluation's mode).
   * On return the system holds the working model at the mode. A `tolerance` above 1e-6 stops at
   * an unhalved Newton step that short (for a default fit's stage 1, which needs less).
   * @throws PirlsFailure when no finite penalized deviance is found at the start, or the first
   *   step cannot be made to reduce it.
   */
  pirls(varyBeta: boolean, tolerance = PIRLS_STEP_TOLERANCE_NEWTON): PirlsOutcome {
    // With β varying the step needs XᵀWX; with β fixed only the random-effects blocks.
    const target = varyBeta ? this.system : this.randomSystem;
    let previous = Number.POSITIVE_INFINITY;
    if (this.anchored.system === target) {
      previous = this.chordStart(target, varyBeta);
      if (!Number.isFinite(previous)) {
        this.u.set(this.anchored.u);
        if (varyBeta) this.beta.set(this.anchored.beta);
      }
    }
    if (!Number.isFinite(previous)) previous = this.install(target, true);
    if (!Number.isFinite(previous)) {
      // The warm start fails at this θ (or β): start from u = 0, as MixedModels.jl always does.
      this.u.fill(0);
      previous = this.install(target, true);
      if (!Number.isFinite(previous)) {
        throw new PirlsFailure(
          "the deviance is not finite at the starting linear predictor (η outside the link's domain or μ outside the family's range)",
        );
      }
    }
    let halvings = 0;
    // Stage 1 of a default fit (β varying, a looser tolerance) ends its runs in the random-effects
    // system; a fast fit, whose accessors read the full system's last install, does not.
    const lazyFull = varyBeta && tolerance > PIRLS_STEP_TOLERANCE_NEWTON;
    for (let iteration = 1; iteration <= PIRLS_MAX_ITERATIONS; iteration++) {
      this.previousU.set(this.u);
      this.previousBeta.set(this.beta);
      if (varyBeta) this.system.solveFixedEffects(this.beta);
      target.solveSphericalModes(varyBeta ? this.beta : NO_FIXED_EFFECTS, this.u);
      if (lazyFull && this.stepSize(true) <= tolerance) {
        // Likely the last step: the objective needs only L_ZZ, which the random-effects system
        // has to the bit, at a fraction of the full reweight. Kept unless the step must be
        // halved (then the full system is installed at the same point, as without this).
        const last = this.install(this.randomSystem, true);
        if (last <= previous + 1e-12 * Math.abs(previous)) {
          this.restoreExpectedWeights(this.randomSystem);
          this.fullPending = true;
          return { iterations: iteration, halvings, converged: true, stalled: false };
        }
      }
      let current = this.install(target, true);
      let halved = 0;
      // Accept equality up to rounding, which a converged step shows as tiny increases.
      while (!(current <= previous + 1e-12 * Math.abs(previous))) {
        if (++halved > PIRLS_MAX_HALVINGS) {
          if (iteration === 1) {
            throw new PirlsFailure(
              `step halving could not reduce the penalized deviance (${previous}) in ${PIRLS_MAX_HALVINGS} halvings`,
            );
          }
          this.u.set(this.previousU);
          this.beta.set(this.previousBeta);
          this.install(target);
          return {
            iterations: iteration,
            halvings: halvings + halved,
            converged: true,
            stalled: true,
          };
        }
        for (let i = 0; i < this.q; i++) this.u[i] = (this.u[i] + this.previousU[i]) / 2;
        if (varyBeta) {
          for (let i = 0; i < this.p; i++) this.beta[i] = (this.beta[i] + this.previousBeta[i]) / 2;
        }
        current = this.install(target, true);
      }
      halvings += halved;
      const step = this.stepSize(varyBeta);
      if (step <= PIRLS_STEP_TOLERANCE_NEWTON || (halved === 0 && step <= tolerance)) {
        this.restoreExpectedWeights(target);
        return { iterations: iteration, halvings, converged: true, stalled: false };
      }
      previous = current;
    }
    this.restoreExpectedWeights(target);
    return { iterations: PIRLS_MAX_ITERATIONS, halvings, converged: false, stalled: false };
  }

  private stepSize(varyBeta: boolean): number {
    let size = 0;
    for (let i = 0; i < this.q; i++) size = Math.max(size, Math.abs(this.u[i] - this.previousU[i]));
    if (varyBeta) {
      for (let i = 0; i < this.p; i++) {
        size = Math.max(size, Math.abs(this.beta[i] - this.previousBeta[i]));
      }
    }
    return size;
  }

  /**
   * The Laplace deviance at the installed mode: Σ dᵢ + ‖u‖² + log|ΛᵀZᵀWZΛ + I|. For a family
   * with a dispersion parameter, glmer's objective instead: R's family$aic (−2 Σ log p(yᵢ | μᵢ, φ)
   * with φ at deviance/n, plus 2) + ‖u‖² + log|ΛᵀZᵀWZΛ + I|, which is what its −2 logLik reports
   * and what reproduces its fits (the deviance alone has its optimum elsewhere: it ignores φ).
   */
  laplace(): number {
    const logdet = this.active.logdetRandom();
    const { family, y, priorWeights } = this.response;
    if (family.hasDispersion) {
      return rFamilyAic(family, y, this.glm.mu, priorWeights) + this.penalty + logdet;
    }
    return this.devianceSum + this.penalty + logdet;
  }

  /**
   * The adaptive Gauss–Hermite deviance at the installed mode, for a single scalar
   * random-effects term (`glmm-quadrature.ts`). With one node (z = 0, w = 1) this is the Laplace
   * deviance. `scratch` holds 3ℓ numbers.
   */
  adaptiveGaussHermite(
    nodes: ArrayLike<number>,
    weights: ArrayLike<number>,
    scratch: Float64Array,
  ): number {
    return adaptiveGaussHermiteDeviance(
      {
        term: this.parts.reterms[0],
        factor: this.active.factorBlock(0, 0).values,
        lambda: this.system.lambdas[0][0],
        response: this.response,
        u: this.u,
        eta: this.eta,
        deviances: this.glm.deviances,
      },
      nodes,
      weights,
      scratch,
    );
  }
}
