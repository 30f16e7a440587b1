// The recorded-fit-log check of issue 12: θ and the objective at every evaluation of three
// reference fits, as IEEE bit patterns, must be reproduced exactly by any JavaScript engine.
// Plain functions with no node: imports, so the same check runs in a browser (a bundler inlines
// the JSON fixture and the datasets).
import { dyestuff, penicillin, sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { fit, lmm } from "../../src/index";

/**
 * One reference fit from lme4's default start, with BOBYQA or with `fit`'s default optimizer (the
 * quasi-Newton method for these models, whose gradient then enters the bits too).
 */
export interface FitLogCase {
  readonly name: string;
  readonly formula: string;
  readonly reml: boolean;
  readonly data: Parameters<typeof lmm>[1];
  readonly optimizer: "bobyqa" | "default";
}

export const fitLogCases: readonly FitLogCase[] = [
  {
    name: "dyestuff ML",
    formula: "Yield ~ 1 + (1 | Batch)",
    reml: false,
    data: dyestuff,
    optimizer: "bobyqa",
  },
  {
    name: "sleepstudy ML",
    formula: "Reaction ~ 1 + Days + (1 + Days | Subject)",
    reml: false,
    data: sleepstudy,
    optimizer: "bobyqa",
  },
  {
    name: "penicillin REML",
    formula: "diameter ~ 1 + (1 | plate) + (1 | sample)",
    reml: true,
    data: penicillin,
    optimizer: "bobyqa",
  },
  {
    name: "sleepstudy ML, default optimizer",
    formula: "Reaction ~ 1 + Days + (1 + Days | Subject)",
    reml: false,
    data: sleepstudy,
    optimizer: "default",
  },
  {
    name: "penicillin REML, default optimizer",
    formula: "diameter ~ 1 + (1 | plate) + (1 | sample)",
    reml: true,
    data: penicillin,
    optimizer: "default",
  },
];

/** Every evaluation as [θ's bit patterns, the objective's bit pattern], 16 hex digits each. */
export type FitLogBits = [string[], string][];

export interface RecordedFitLogs {
  readonly made: string;
  readonly logs: Readonly<Record<string, FitLogBits>>;
}

const doubleView = new Float64Array(1);
const bytes = new DataView(doubleView.buffer);

/** The IEEE bit pattern of x, big-endian, as 16 hex digits. */
export function doubleToBits(x: number): string {
  bytes.setFloat64(0, x);
  return (
    bytes.getUint32(0).toString(16).padStart(8, "0") +
    bytes.getUint32(4).toString(16).padStart(8, "0")
  );
}

/** Fits one case and returns its fit log as bit patterns. */
export function fitLogBits(reference: FitLogCase): FitLogBits {
  const model = fit(lmm(reference.formula, reference.data), {
    reml: reference.reml,
    ...(reference.optimizer === "bobyqa" ? { optimizer: bobyqa() } : {}),
  });
  return model.fitLog.map((entry) => [
    Array.from(entry.theta, doubleToBits),
    doubleToBits(entry.objective),
  ]);
}

/**
 * Refits every case and compares with the recorded logs bit for bit. Returns one line per
 * difference (the first differing evaluation of each case, and a length mismatch), empty when
 * every bit is reproduced.
 */
export function fitLogDifferences(recorded: RecordedFitLogs): string[] {
  const differences: string[] = [];
  for (const reference of fitLogCases) {
    const expected = recorded.logs[reference.name];
    if (expected === undefined) {
      differences.push(`${reference.name}: no recorded log`);
      continue;
    }
    const actual = fitLogBits(reference);
    if (actual.length !== expected.length) {
      differences.push(
        `${reference.name}: ${actual.length} evaluations, recorded ${expected.length}`,
      );
    }
    const shared = Math.min(actual.length, expected.length);
    for (let i = 0; i < shared; i++) {
      const [theta, objective] = actual[i];
      const [recordedTheta, recordedObjective] = expected[i];
      if (theta.join(" ") !== recordedTheta.join(" ") || objective !== recordedObjective) {
        differences.push(
          `${reference.name}, evaluation ${i + 1}: θ ${theta.join(" ")} f ${objective}; ` +
            `recorded θ ${recordedTheta.join(" ")} f ${recordedObjective}`,
        );
        break;
      }
    }
  }
  return differences;
}
