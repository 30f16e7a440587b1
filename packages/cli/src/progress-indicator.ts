import type { CliIo } from "./io";

export interface ProgressIndicator {
  update(evaluation: number, value: number): void;
  done(): void;
}

/**
 * A one-line status on stderr for fits that take longer than a second, redrawn at most every
 * 100 ms; nothing at all when stderr is not a terminal, so pipes and CI logs stay clean.
 */
export function createProgressIndicator(io: CliIo, startedAt: number): ProgressIndicator {
  let shown = false;
  let lastDraw = 0;
  return {
    update(evaluation, value) {
      if (!io.interactive) return;
      const now = performance.now();
      if (now - startedAt < 1000 || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      io.stderr(`\r  fitting: evaluation ${evaluation}, objective ${value.toFixed(4)}   `);
    },
    done() {
      if (shown) io.stderr("\r\x1b[K");
    },
  };
}
