// What bench/construct-ab.mjs and bench/evaluate-ab.mjs share: the old and new builds of the
// package loaded side by side in one process (old = another worktree built at the commit to
// compare with, new = this one), and rounds that time the two alternately (old first on even
// rounds) by wall and CPU time (process.cpuUsage, user + system: on a machine loaded past its
// cores the waiting for a core drops out of it).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** Reads `<baseline-worktree> <case-id> [rounds=15]` and loads both sides' umbrella and datasets. */
export async function loadSides(argv) {
  const [baseRoot, id, roundsText] = argv;
  const rounds = Number(roundsText ?? 15);
  const cases = JSON.parse(readFileSync(new URL("./cases.json", import.meta.url), "utf8"));
  const benchCase = cases.find((entry) => entry.id === id);
  if (!benchCase) throw new Error(`no bench case '${id}'`);
  const load = async (root) => ({
    api: await import(pathToFileURL(`${root}/packages/mixedmodels/dist/index.js`).href),
    datasets: await import(pathToFileURL(`${root}/packages/datasets/dist/index.js`).href),
  });
  const sides = {
    old: await load(baseRoot),
    new: await load(new URL("..", import.meta.url).pathname.replace(/\/$/, "")),
  };
  return { id, rounds, benchCase, sides };
}

/** `run(name, round)` for each side in each round, alternating the order; wall and CPU ms. */
export function timeInterleaved(rounds, run) {
  const times = { old: [], new: [] };
  const cpu = { old: [], new: [] };
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 === 0 ? ["old", "new"] : ["new", "old"]) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      run(name, round);
      const used = process.cpuUsage(cpuStarted);
      times[name].push(performance.now() - started);
      cpu[name].push((used.user + used.system) / 1000);
    }
  }
  return { times, cpu };
}

export const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
