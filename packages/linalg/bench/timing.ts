/**
 * Best-of-several wall time in milliseconds of `run`, with `prepare` (untimed) before each
 * repetition; repeats until 5 runs or ~1.5 s have passed, after one warm-up run.
 */
export function timeBest(prepare: () => void, run: () => void): number {
  prepare();
  run();
  let best = Number.POSITIVE_INFINITY;
  const started = performance.now();
  for (let repetition = 0; repetition < 5; repetition++) {
    prepare();
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
    if (performance.now() - started > 1500) break;
  }
  return best;
}

/** `potrf n=1128: 9.1 GFlop/s (96.3 ms)` */
export function formatRate(kernel: string, n: number, flops: number, milliseconds: number): string {
  const rate = flops / milliseconds / 1e6;
  return `${kernel} n=${n}: ${rate.toFixed(1)} GFlop/s (${milliseconds.toFixed(1)} ms)`;
}
