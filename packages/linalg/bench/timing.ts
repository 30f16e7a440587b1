/**
 * Best wall time in milliseconds of `run`, with `prepare` (untimed) before each repetition.
 * After two warm-up runs it repeats at least 5 times and until 300 ms have passed (so small
 * kernels are JIT-compiled and measured many times), stopping after 40 runs or 1.5 s. The
 * minimum is the figure least disturbed by other processes on a shared machine.
 */
export function timeBest(prepare: () => void, run: () => void): number {
  for (let warmup = 0; warmup < 2; warmup++) {
    prepare();
    run();
  }
  let best = Number.POSITIVE_INFINITY;
  const started = performance.now();
  for (let repetition = 0; repetition < 40; repetition++) {
    prepare();
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
    const elapsed = performance.now() - started;
    if ((repetition >= 4 && elapsed > 300) || elapsed > 1500) break;
  }
  return best;
}

/** `potrf n=1128: 9.1 GFlop/s (96.3 ms)` */
export function formatRate(kernel: string, n: number, flops: number, milliseconds: number): string {
  const rate = flops / milliseconds / 1e6;
  const time = milliseconds < 10 ? milliseconds.toPrecision(2) : milliseconds.toFixed(1);
  return `${kernel} n=${n}: ${rate.toFixed(1)} GFlop/s (${time} ms)`;
}
