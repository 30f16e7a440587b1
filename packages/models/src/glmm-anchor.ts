import type { GlmWorkspace } from "@mixedmodels/families";
import type { BlockedSystem } from "./blocked-system";

/**
 * A remembered linearization for PIRLS's chord starts (see `GlmmObjective.pirls`): the working
 * weights and the working response η + r (offset included) of an installed mode, the mode
 * itself, and A of the system it was installed in, under those weights. None of these depend on
 * θ, so a PIRLS run at another θ (and β) can take its first step from them without an install.
 */
export class AnchoredLinearization {
  /** The system the linearization was taken in, or null when there is none. */
  system: BlockedSystem | null = null;
  readonly weights: Float64Array;
  /** η + working residual at the anchored mode. */
  readonly response: Float64Array;
  readonly u: Float64Array;
  readonly beta: Float64Array;
  private blocks: Float64Array[] = [];

  constructor(n: number, q: number, p: number) {
    this.weights = new Float64Array(n);
    this.response = new Float64Array(n);
    this.u = new Float64Array(q);
    this.beta = new Float64Array(p);
  }

  /** Remember the working model installed in `system` at (β, u) with linear predictor η. */
  remember(
    system: BlockedSystem,
    glm: GlmWorkspace,
    eta: Float64Array,
    u: Float64Array,
    beta: Float64Array,
  ): void {
    const { workingWeights, workingResiduals } = glm;
    this.weights.set(workingWeights);
    for (let t = 0; t < eta.length; t++) this.response[t] = eta[t] + workingResiduals[t];
    this.u.set(u);
    this.beta.set(beta);
    if (this.system !== system) {
      this.blocks = system.crossProduct.map((block) => new Float64Array(block.values.length));
    }
    const blocks = system.crossProduct;
    for (let i = 0; i < blocks.length; i++) this.blocks[i].set(blocks[i].values);
    this.system = system;
  }

  /** Forget the linearization. */
  clear(): void {
    this.system = null;
  }

  /** Put the remembered A back into the system it was taken in. */
  restoreCrossProduct(target: BlockedSystem): void {
    const blocks = target.crossProduct;
    for (let i = 0; i < blocks.length; i++) blocks[i].values.set(this.blocks[i]);
  }
}
