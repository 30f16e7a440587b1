/**
 * Standard test problems for derivative-free optimizers (Moré, Garbow & Hillstrom 1981, "Testing
 * unconstrained optimization software"; Powell's BOBYQA report §7; Goldstein & Price 1971), each
 * with its start, optional bounds and known solution.
 */
export interface TestProblem {
  readonly name: string;
  readonly dimension: number;
  readonly value: (x: Float64Array) => number;
  readonly start: readonly number[];
  readonly lower?: readonly number[];
  readonly upper?: readonly number[];
  /** Known minimizer, when it is unique (the trigonometric function has local minima). */
  readonly minimizer?: readonly number[];
  readonly minimum: number;
}

const rosenbrock = (x: Float64Array): number => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;

function extendedRosenbrock(n: number): TestProblem {
  return {
    name: `extended Rosenbrock, n = ${n}`,
    dimension: n,
    value: (x) => {
      let sum = 0;
      for (let i = 0; i < n; i += 2) sum += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
      return sum;
    },
    start: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)),
    minimizer: Array.from({ length: n }, () => 1),
    minimum: 0,
  };
}

function trigonometric(n: number): TestProblem {
  return {
    name: `trigonometric, n = ${n}`,
    dimension: n,
    value: (x) => {
      let cosines = 0;
      for (let j = 0; j < n; j++) cosines += Math.cos(x[j]);
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const fi = n - cosines + (i + 1) * (1 - Math.cos(x[i])) - Math.sin(x[i]);
        sum += fi * fi;
      }
      return sum;
    },
    start: Array.from({ length: n }, () => 1 / n),
    minimum: 0,
  };
}

/** ½xᵀTx − bᵀx with T tridiagonal (4 on the diagonal, −1 beside it), b chosen so x* = (1, …, n). */
function chainedQuadratic(n: number): TestProblem {
  const target = Array.from({ length: n }, (_, i) => i + 1);
  const b = target.map(
    (t, i) => 4 * t - (i > 0 ? target[i - 1] : 0) - (i < n - 1 ? target[i + 1] : 0),
  );
  const value = (x: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const tx = 4 * x[i] - (i > 0 ? x[i - 1] : 0) - (i < n - 1 ? x[i + 1] : 0);
      sum += 0.5 * x[i] * tx - b[i] * x[i];
    }
    return sum;
  };
  return {
    name: `chained quadratic, n = ${n}`,
    dimension: n,
    value,
    start: Array.from({ length: n }, () => 0),
    minimizer: target,
    minimum: value(Float64Array.from(target)),
  };
}

export const testProblems: readonly TestProblem[] = [
  {
    name: "Rosenbrock",
    dimension: 2,
    value: rosenbrock,
    start: [-1.2, 1],
    minimizer: [1, 1],
    minimum: 0,
  },
  {
    name: "Rosenbrock with x₁ ≤ 0.5 (optimum on the bound)",
    dimension: 2,
    value: rosenbrock,
    start: [-1.2, 1],
    lower: [-2, -2],
    upper: [0.5, 2],
    minimizer: [0.5, 0.25],
    minimum: 0.25,
  },
  {
    name: "Goldstein–Price on [−2, 2]²",
    dimension: 2,
    value: (x) => {
      const [a, b] = [x[0], x[1]];
      const first =
        1 + (a + b + 1) ** 2 * (19 - 14 * a + 3 * a * a - 14 * b + 6 * a * b + 3 * b * b);
      const second =
        30 + (2 * a - 3 * b) ** 2 * (18 - 32 * a + 12 * a * a + 48 * b - 36 * a * b + 27 * b * b);
      return first * second;
    },
    start: [-0.5, -0.5],
    lower: [-2, -2],
    upper: [2, 2],
    minimizer: [0, -1],
    minimum: 3,
  },
  {
    name: "shifted sphere, lower bounds 0 active in three of five coordinates, start on them",
    dimension: 5,
    value: (x) => {
      const center = [-1, 2, -0.5, 1, -3];
      let sum = 0;
      for (let i = 0; i < 5; i++) sum += (i + 1) * (x[i] - center[i]) ** 2;
      return sum;
    },
    start: [0, 0, 0, 0, 0],
    lower: [0, 0, 0, 0, 0],
    upper: [10, 10, 10, 10, 10],
    minimizer: [0, 2, 0, 1, 0],
    minimum: 1 + 3 * 0.25 + 5 * 9,
  },
  {
    name: "one-dimensional quartic with its minimum at the lower bound 0, start on it",
    dimension: 1,
    value: (x) => (x[0] + 0.5) ** 4 + x[0],
    start: [0],
    lower: [0],
    upper: [Number.POSITIVE_INFINITY],
    minimizer: [0],
    minimum: 0.0625,
  },
  {
    name: "one-dimensional smooth log-barrier-like function",
    dimension: 1,
    value: (x) => x[0] - Math.log(x[0]) + 0.1 * x[0] ** 2,
    start: [1],
    lower: [1e-3],
    upper: [Number.POSITIVE_INFINITY],
    minimizer: [(-1 + Math.sqrt(1.8)) / 0.4],
    minimum: (() => {
      const x = (-1 + Math.sqrt(1.8)) / 0.4;
      return x - Math.log(x) + 0.1 * x * x;
    })(),
  },
  {
    name: "Powell's singular function",
    dimension: 4,
    value: (x) =>
      (x[0] + 10 * x[1]) ** 2 +
      5 * (x[2] - x[3]) ** 2 +
      (x[1] - 2 * x[2]) ** 4 +
      10 * (x[0] - x[3]) ** 4,
    start: [3, -1, 0, 1],
    minimizer: [0, 0, 0, 0],
    minimum: 0,
  },
  extendedRosenbrock(4),
  extendedRosenbrock(10),
  trigonometric(5),
  trigonometric(10),
  chainedQuadratic(10),
];
