import { NotPositiveDefiniteError, UnsupportedKernelError } from "@mixedmodels/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { potrf } from "../dense/potrf";
import { trsm } from "../dense/trsm";
import {
  type Block,
  blockToDense,
  cloneBlockStructure,
  createDenseBlock,
  createSparseCscBlock,
  type DenseBlock,
  type SparseCscBlock,
} from "./block-types";
import { cholUnblocked } from "./chol-unblocked";
import { copyBlock } from "./copy-block";
import { lmulLambdaTranspose, rmulLambda, scaleInflate } from "./lambda-scaling";
import { mulSubtract } from "./mul-subtract";
import {
  createRandom,
  denseProduct,
  lowerPart,
  maxRelativeDifference,
  randomDense,
  randomDiagonal,
  randomGroupedSparse,
  randomLambda,
  randomNestedDense,
  randomNestedSparse,
  randomSparse,
  randomSpdBlockDiagonal,
  randomSpdDense,
} from "./random-blocks.test-util";
import { rankUpdate, resolveRankUpdate } from "./rank-update";
import { rdivLowerTranspose } from "./rdiv-lower-transpose";

const settings = { numRuns: 200 } as const;
const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const sizeArb = fc.integer({ min: 1, max: 7 });

function denseToSparse(dense: DenseBlock): SparseCscBlock {
  const colPtr = new Int32Array(dense.cols + 1);
  const rows: number[] = [];
  const values: number[] = [];
  for (let c = 0; c < dense.cols; c++) {
    for (let r = 0; r < dense.rows; r++) {
      const v = dense.values[r + c * dense.rows];
      if (v !== 0) {
        rows.push(r);
        values.push(v);
      }
    }
    colPtr[c + 1] = rows.length;
  }
  return createSparseCscBlock(
    dense.rows,
    dense.cols,
    colPtr,
    Int32Array.from(rows),
    Float64Array.from(values),
  );
}

/** Keep only the entries a block of `like`'s kind stores in its lower part. */
function storedLowerPattern(like: Block, dense: Float64Array): Float64Array {
  const n = like.rows;
  const out = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let r = c; r < n; r++) {
      const stored =
        like.kind === "dense" ||
        (like.kind === "diagonal" && r === c) ||
        (like.kind === "uniform-block-diagonal" &&
          Math.floor(r / like.blockSize) === Math.floor(c / like.blockSize));
      if (stored) out[r + c * n] = dense[r + c * n];
    }
  }
  return out;
}

function storedLower(block: Block): Float64Array {
  return storedLowerPattern(block, blockToDense(block));
}

describe("rankUpdate agrees with the dense T − S·Sᵀ", () => {
  const cases: [
    string,
    (random: () => number, n: number, m: number, s: number) => [Block, Block],
  ][] = [
    ["diagonal<-diagonal", (r, n) => [randomDiagonal(r, n), randomDiagonal(r, n)]],
    ["diagonal<-sparse (nested)", (r, n, m) => [randomDiagonal(r, n), randomNestedSparse(r, n, m)]],
    [
      "diagonal<-dense (nested)",
      (r, n, m) => [randomDiagonal(r, n), randomNestedDense(r, n, m, 1)],
    ],
    [
      "block-diagonal<-dense (nested)",
      (r, n, m, s) => [randomSpdBlockDiagonal(r, s, n), randomNestedDense(r, n * s, m, s)],
    ],
    [
      "block-diagonal<-sparse (nested)",
      (r, n, m, s) => [
        randomSpdBlockDiagonal(r, s, n),
        denseToSparse(randomNestedDense(r, n * s, m, s)),
      ],
    ],
    ["dense<-dense", (r, n, m) => [randomSpdDense(r, n), randomDense(r, n, m)]],
    ["dense<-sparse", (r, n, m) => [randomSpdDense(r, n), randomSparse(r, n, m, 0.4)]],
    ["dense<-diagonal", (r, n) => [randomSpdDense(r, n), randomDiagonal(r, n)]],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(seedArb, sizeArb, sizeArb, fc.integer({ min: 1, max: 3 }), (seed, n, m, s) => {
          const [target, source] = make(createRandom(seed), n, m, s);
          const t = blockToDense(target);
          const a = blockToDense(source);
          const product = denseProduct(
            a,
            source.rows,
            source.cols,
            false,
            a,
            source.rows,
            source.cols,
            true,
          );
          for (let i = 0; i < t.length; i++) t[i] -= product[i];
          rankUpdate(target, source);
          expect(
            maxRelativeDifference(storedLower(target), storedLowerPattern(target, t)),
          ).toBeLessThan(1e-12);
        }),
        settings,
      );
    });
  }

  it("throws UnsupportedKernelError naming both kinds for a missing pair", () => {
    expect(() => resolveRankUpdate("sparse-csc", "dense")).toThrow(UnsupportedKernelError);
    expect(() => resolveRankUpdate("sparse-csc", "dense")).toThrow(/sparse-csc.*dense/);
  });
});

describe("cholUnblocked agrees with potrf on the dense equivalent", () => {
  const makers: [string, (random: () => number, n: number, s: number) => Block][] = [
    ["diagonal", (r, n) => randomDiagonal(r, n, true)],
    ["block-diagonal", (r, n, s) => randomSpdBlockDiagonal(r, s, n)],
    ["dense", (r, n) => randomSpdDense(r, n)],
  ];
  for (const [name, make] of makers) {
    it(name, () => {
      fc.assert(
        fc.property(seedArb, sizeArb, fc.integer({ min: 1, max: 4 }), (seed, n, s) => {
          const block = make(createRandom(seed), n, s);
          const dense = blockToDense(block);
          const order = block.rows;
          expect(potrf(order, dense, 0, order)).toBe(-1);
          expect(cholUnblocked(block)).toBe(-1);
          expect(maxRelativeDifference(storedLower(block), lowerPart(dense, order))).toBeLessThan(
            1e-12,
          );
        }),
        settings,
      );
    });
  }

  it("reports the failing row of a non-positive pivot", () => {
    const random = createRandom(7);
    const block = randomSpdBlockDiagonal(random, 2, 3);
    if (block.kind !== "uniform-block-diagonal") throw new Error("unexpected kind");
    block.values[2 * 4 + 3] = -1; // block 2, entry (1, 1)
    expect(cholUnblocked(block)).toBe(5);
    expect(new NotPositiveDefiniteError(1, 5).message).toContain("row 5");
  });
});

describe("rdivLowerTranspose agrees with a dense triangular solve", () => {
  const cases: [
    string,
    (random: () => number, m: number, n: number, s: number) => [Block, Block],
  ][] = [
    ["dense / diagonal", (r, m, n) => [randomDense(r, m, n), randomDiagonal(r, n, true)]],
    [
      "dense / block-diagonal",
      (r, m, n, s) => [randomDense(r, m, n * s), randomSpdBlockDiagonal(r, s, n)],
    ],
    ["dense / dense", (r, m, n) => [randomDense(r, m, n), randomSpdDense(r, n)]],
    ["sparse / diagonal", (r, m, n) => [randomSparse(r, m, n, 0.4), randomDiagonal(r, n, true)]],
    ["diagonal / diagonal", (r, _m, n) => [randomDiagonal(r, n), randomDiagonal(r, n, true)]],
    [
      "sparse of whole s-blocks / block-diagonal",
      (r, m, n, s) => [randomGroupedSparse(r, m, n, 1, s, 0.5), randomSpdBlockDiagonal(r, s, n)],
    ],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(seedArb, sizeArb, sizeArb, fc.integer({ min: 1, max: 3 }), (seed, m, n, s) => {
          const [target, factor] = make(createRandom(seed), m, n, s);
          expect(cholUnblocked(factor)).toBe(-1);
          const l = lowerPart(blockToDense(factor), factor.rows);
          const expected = blockToDense(target);
          trsm(
            "right",
            true,
            target.rows,
            target.cols,
            1,
            l,
            0,
            factor.rows,
            expected,
            0,
            target.rows,
          );
          rdivLowerTranspose(target, factor);
          expect(maxRelativeDifference(blockToDense(target), expected)).toBeLessThan(1e-12);
        }),
        settings,
      );
    });
  }
});

describe("mulSubtract agrees with the dense C − A·Bᵀ", () => {
  type Maker = (random: () => number, m: number, n: number, k: number) => [Block, Block, Block];
  const dense = (r: () => number, rows: number, cols: number) => randomDense(r, rows, cols);
  const sparse = (r: () => number, rows: number, cols: number) => randomSparse(r, rows, cols, 0.4);
  const cases: [string, Maker][] = [
    ["dense <- dense·dense", (r, m, n, k) => [dense(r, m, n), dense(r, m, k), dense(r, n, k)]],
    ["dense <- sparse·sparse", (r, m, n, k) => [dense(r, m, n), sparse(r, m, k), sparse(r, n, k)]],
    ["dense <- dense·sparse", (r, m, n, k) => [dense(r, m, n), dense(r, m, k), sparse(r, n, k)]],
    ["dense <- sparse·dense", (r, m, n, k) => [dense(r, m, n), sparse(r, m, k), dense(r, n, k)]],
    [
      "dense <- dense·diagonal",
      (r, m, n) => [dense(r, m, n), dense(r, m, n), randomDiagonal(r, n)],
    ],
    [
      "dense <- diagonal·dense",
      (r, m, n) => [dense(r, m, n), randomDiagonal(r, m), dense(r, n, m)],
    ],
    [
      "dense <- sparse·diagonal",
      (r, m, n) => [dense(r, m, n), sparse(r, m, n), randomDiagonal(r, n)],
    ],
    [
      "dense <- diagonal·sparse",
      (r, m, n) => [dense(r, m, n), randomDiagonal(r, m), sparse(r, n, m)],
    ],
    [
      "diagonal <- diagonal·diagonal",
      (r, m) => [randomDiagonal(r, m), randomDiagonal(r, m), randomDiagonal(r, m)],
    ],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(seedArb, sizeArb, sizeArb, sizeArb, (seed, m, n, k) => {
          const [target, left, right] = make(createRandom(seed), m, n, k);
          const expected = blockToDense(target);
          const product = denseProduct(
            blockToDense(left),
            left.rows,
            left.cols,
            false,
            blockToDense(right),
            right.rows,
            right.cols,
            true,
          );
          for (let i = 0; i < expected.length; i++) expected[i] -= product[i];
          mulSubtract(target, left, right);
          expect(maxRelativeDifference(blockToDense(target), expected)).toBeLessThan(1e-12);
        }),
        settings,
      );
    });
  }

  it("keeps the pattern of a sparse or Diagonal target (stored entries exact)", () => {
    type Maker = (random: () => number, m: number, n: number, k: number) => [Block, Block, Block];
    const makers: Maker[] = [
      (r, m, n, k) => [randomSparse(r, m, n, 0.5), randomDense(r, m, k), randomDense(r, n, k)],
      (r, m, n, k) => [
        randomSparse(r, m, n, 0.5),
        randomDense(r, m, k),
        randomSparse(r, n, k, 0.5),
      ],
      (r, m, _n, k) => [randomDiagonal(r, m), randomDense(r, m, k), randomDense(r, m, k)],
      (r, m, _n, k) => [
        randomDiagonal(r, m),
        randomSparse(r, m, k, 0.5),
        randomSparse(r, m, k, 0.5),
      ],
    ];
    fc.assert(
      fc.property(
        seedArb,
        fc.integer({ min: 0, max: 3 }),
        sizeArb,
        sizeArb,
        sizeArb,
        (seed, which, m, n, k) => {
          const [target, left, right] = makers[which](createRandom(seed), m, n, k);
          const before = blockToDense(target);
          const stored = blockToDense(target).map((_, i) => i);
          const product = denseProduct(
            blockToDense(left),
            left.rows,
            left.cols,
            false,
            blockToDense(right),
            right.rows,
            right.cols,
            true,
          );
          const pattern = new Set<number>();
          if (target.kind === "sparse-csc") {
            for (let c = 0; c < target.cols; c++) {
              for (let p = target.colPtr[c]; p < target.colPtr[c + 1]; p++)
                pattern.add(target.rowIdx[p] + c * target.rows);
            }
          } else for (let i = 0; i < target.rows; i++) pattern.add(i + i * target.rows);
          const expected = before.map((v, i) => (pattern.has(stored[i]) ? v - product[i] : 0));
          mulSubtract(target, left, right);
          expect(maxRelativeDifference(blockToDense(target), expected)).toBeLessThan(1e-12);
        },
      ),
      settings,
    );
  });

  it("updates a sparse target in place when its pattern covers the product", () => {
    fc.assert(
      fc.property(seedArb, sizeArb, sizeArb, sizeArb, (seed, m, n, k) => {
        const random = createRandom(seed);
        const left = randomSparse(random, m, k, 0.4);
        const right = randomSparse(random, n, k, 0.4);
        const product = denseProduct(
          blockToDense(left),
          m,
          k,
          false,
          blockToDense(right),
          n,
          k,
          true,
        );
        // A target whose pattern is every position (dense in sparse storage), randomly valued.
        const full = randomDense(random, m, n);
        for (let i = 0; i < full.values.length; i++) if (full.values[i] === 0) full.values[i] = 0.5;
        const target = denseToSparse(full);
        const expected = Float64Array.from(full.values, (v, i) => v - product[i]);
        mulSubtract(target, left, right);
        expect(maxRelativeDifference(blockToDense(target), expected)).toBeLessThan(1e-12);
      }),
      settings,
    );
  });
});

describe("Λ scaling kernels agree with dense products", () => {
  it("scaleInflate gives Λᵀ·A·Λ + I whatever the workspace and target held", () => {
    fc.assert(
      fc.property(
        seedArb,
        sizeArb,
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (seed, count, s, toDense) => {
          const random = createRandom(seed);
          const source =
            s === 1 && random() < 0.5
              ? randomDiagonal(random, count, true)
              : randomSpdBlockDiagonal(random, s, count);
          const blockSize = source.kind === "diagonal" ? 1 : s;
          const lambda = randomLambda(random, blockSize);
          const n = source.rows;
          const bigLambda = new Float64Array(n * n);
          for (let b = 0; b < n / blockSize; b++) {
            for (let c = 0; c < blockSize; c++) {
              for (let r = 0; r < blockSize; r++) {
                bigLambda[b * blockSize + r + (b * blockSize + c) * n] = lambda[r + c * blockSize];
              }
            }
          }
          const a = blockToDense(source);
          const expected = denseProduct(
            bigLambda,
            n,
            n,
            true,
            denseProduct(a, n, n, false, bigLambda, n, n, false),
            n,
            n,
            false,
          );
          for (let i = 0; i < n; i++) expected[i + i * n] += 1;
          const target = toDense ? createDenseBlock(n, n) : cloneBlockStructure(source);
          target.values.fill(Number.NaN);
          const work = new Float64Array(blockSize * blockSize).fill(Number.NaN);
          scaleInflate(target, source, lambda, blockSize, work);
          expect(maxRelativeDifference(blockToDense(target), expected)).toBeLessThan(1e-12);
        },
      ),
      settings,
    );
  });

  it("rmulLambda and lmulLambdaTranspose apply I⊗λ on the right and I⊗λᵀ on the left", () => {
    fc.assert(
      fc.property(
        seedArb,
        sizeArb,
        sizeArb,
        fc.integer({ min: 1, max: 3 }),
        (seed, groupsR, groupsC, s) => {
          const random = createRandom(seed);
          const lambda = randomLambda(random, s);
          const rows = groupsR * s;
          const cols = groupsC * s;
          const block = randomDense(random, rows, cols);
          const kron = (n: number) => {
            const out = new Float64Array(n * n);
            for (let b = 0; b < n / s; b++) {
              for (let c = 0; c < s; c++) {
                for (let r = 0; r < s; r++) out[b * s + r + (b * s + c) * n] = lambda[r + c * s];
              }
            }
            return out;
          };
          const original = Float64Array.from(block.values);
          const right = denseProduct(original, rows, cols, false, kron(cols), cols, cols, false);
          rmulLambda(block, lambda, s);
          expect(maxRelativeDifference(block.values, right)).toBeLessThan(1e-12);
          const left = denseProduct(kron(rows), rows, rows, true, right, rows, cols, false);
          lmulLambdaTranspose(lambda, s, block);
          expect(maxRelativeDifference(block.values, left)).toBeLessThan(1e-12);
        },
      ),
      settings,
    );
  });

  it("copyBlock into a dense target overwrites stale contents", () => {
    fc.assert(
      fc.property(
        seedArb,
        sizeArb,
        sizeArb,
        fc.integer({ min: 0, max: 3 }),
        (seed, m, n, which) => {
          const random = createRandom(seed);
          const sources = [
            () => randomSparse(random, m, n, 0.3),
            () => randomDense(random, m, n),
            () => randomDiagonal(random, m),
            () => randomSpdBlockDiagonal(random, n, m),
          ];
          const source = sources[which]();
          const target = createDenseBlock(source.rows, source.cols);
          target.values.fill(Number.NaN);
          copyBlock(target, source);
          expect(Array.from(target.values)).toEqual(Array.from(blockToDense(source)));
        },
      ),
      settings,
    );
  });
});

describe("kernels on sparse blocks of vector-valued terms (whole s-blocks)", () => {
  const kron = (lambda: Float64Array, s: number, n: number) => {
    const out = new Float64Array(n * n);
    for (let b = 0; b < n / s; b++) {
      for (let c = 0; c < s; c++) {
        for (let r = 0; r < s; r++) out[b * s + r + (b * s + c) * n] = lambda[r + c * s];
      }
    }
    return out;
  };
  const dims = fc.tuple(
    seedArb,
    sizeArb,
    sizeArb,
    fc.integer({ min: 1, max: 3 }),
    fc.integer({ min: 1, max: 3 }),
  );

  it("rmulLambda and lmulLambdaTranspose act on the stored s-vectors", () => {
    fc.assert(
      fc.property(dims, ([seed, rowGroups, colGroups, si, sj]) => {
        const random = createRandom(seed);
        const block = randomGroupedSparse(random, rowGroups, colGroups, si, sj, 0.5);
        const lambdaJ = randomLambda(random, sj);
        const lambdaI = randomLambda(random, si);
        const rows = block.rows;
        const cols = block.cols;
        const right = denseProduct(
          blockToDense(block),
          rows,
          cols,
          false,
          kron(lambdaJ, sj, cols),
          cols,
          cols,
          false,
        );
        rmulLambda(block, lambdaJ, sj);
        expect(maxRelativeDifference(blockToDense(block), right)).toBeLessThan(1e-12);
        const both = denseProduct(
          kron(lambdaI, si, rows),
          rows,
          rows,
          true,
          right,
          rows,
          cols,
          false,
        );
        lmulLambdaTranspose(lambdaI, si, block);
        expect(maxRelativeDifference(blockToDense(block), both)).toBeLessThan(1e-12);
      }),
      settings,
    );
  });

  it("rejects a sparse block whose columns do not come in whole groups", () => {
    const random = createRandom(11);
    const block = randomSparse(random, 4, 4, 1);
    block.rowIdx[block.colPtr[1]] = 3; // column 1 no longer starts where column 0 does
    expect(() => rmulLambda(block, randomLambda(random, 2), 2)).toThrow(/row pattern/);
  });
});
