// The 4,000-row simulated data of the Kenward–Roger benchmark: 200 groups of 20, y = 10 + 2x +
// b0 + b1·x + ε with sd(b0) = 3, sd(b1) = 1, corr 0.3, sd(ε) = 2, from a fixed xorshift stream,
// so Node and R read the same CSV. A second factor h (100 levels) is crossed with g, and
// y2 = y + c_h with sd(c_h) = 1.5 (drawn from a stream of its own, so y is unchanged): with crossed
// factors the marginal covariance is not block diagonal and pbkrtest's n×n matrices are dense.
// Writes bench/results/simulated4000.csv (and a schema).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
let state = 0x9e3779b9;
function uniform() {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return (state + 0.5) / 4294967296;
}
// Box–Muller on the stream; any deterministic normal will do for a benchmark.
function normal() {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
// The crossed factor's effects, from their own stream (state saved and restored around it).
const mainState = state;
state = 0x85ebca6b;
const hEffects = Array.from({ length: 100 }, () => 1.5 * normal());
state = mainState;
const lines = ['"y","x","g","h","y2"'];
for (let g = 0; g < 200; g++) {
  const b0 = 3 * normal();
  const b1 = 0.3 * (b0 / 3) + Math.sqrt(1 - 0.09) * normal();
  for (let i = 0; i < 20; i++) {
    const x = i / 19;
    const y = 10 + 2 * x + b0 + b1 * x + 2 * normal();
    const h = (g * 7 + i * 13) % 100;
    const y2 = y + hEffects[h];
    lines.push(`${y.toPrecision(12)},${x.toPrecision(12)},"g${g}","h${h}",${y2.toPrecision(12)}`);
  }
}
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(join(here, "results", "simulated4000.csv"), `${lines.join("\n")}\n`);
const levels = Array.from({ length: 200 }, (_, g) => `g${g}`);
writeFileSync(
  join(here, "results", "simulated4000.schema.json"),
  JSON.stringify({
    name: "simulated4000",
    nrow: 4000,
    columns: {
      y: { type: "numeric" },
      x: { type: "numeric" },
      g: { type: "factor", levels, ordered: false },
      h: { type: "factor", levels: Array.from({ length: 100 }, (_, h) => `h${h}`), ordered: false },
      y2: { type: "numeric" },
    },
  }),
);
