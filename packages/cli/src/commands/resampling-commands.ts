import { writeFile } from "node:fs/promises";
import {
  bootstrapToJSON,
  confint,
  parametricBootstrap,
  shortestCoverage,
} from "@mixedmodels/bootstrap";
import { type NewLevelPolicy, predict, simulate } from "@mixedmodels/predict";
import type { CliIo } from "../io";
import { UsageError } from "../usage-error";
import {
  csvLine,
  fittedModel,
  integerFlag,
  newDataTable,
  parseResamplingArguments,
} from "./resampling-arguments";
import { bootstrapUsage, predictUsage, simulateUsage } from "./resampling-usage";

/** The commands this file adds, by name: each takes the arguments after its name. */
export const resamplingCommands: Readonly<
  Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>
> = Object.assign(Object.create(null), {
  predict: runPredictCommand,
  simulate: runSimulateCommand,
  bootstrap: runBootstrapCommand,
});

async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined) {
    io.stdout(text);
    return;
  }
  try {
    await writeFile(output, text, "utf8");
  } catch (error) {
    throw new UsageError(`cannot write '${output}': ${(error as Error).message}`);
  }
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, not '${value}'`);
  }
  return value as T;
}

async function runPredictCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) return (io.stdout(predictUsage), 0);
  const { values, fitOptions } = parseResamplingArguments("predict", argv);
  const { model, loaded } = await fittedModel(fitOptions, io);
  const newdata =
    values.newdata === undefined ? loaded : await newDataTable(values.newdata, fitOptions, io);
  const terms =
    values.terms === undefined || values.terms === "all"
      ? "all"
      : values.terms === "none"
        ? "none"
        : values.terms.split(",");
  const predictions = predict(model, newdata.table, {
    newLevels: oneOf<NewLevelPolicy>(
      "new-levels",
      values["new-levels"],
      ["error", "population", "missing"],
      "error",
    ),
    type: oneOf<"response" | "link">("type", values.type, ["response", "link"], "response"),
    terms,
  });
  const list = Array.from(predictions, (value) => (Number.isNaN(value) ? null : value));
  let text: string;
  if (values.json) text = `${JSON.stringify({ predictions: list })}\n`;
  else if (values.csv) {
    const { names, columns, nrow } = newdata.table;
    const lines = [csvLine([...names, "prediction"])];
    for (let i = 0; i < nrow; i++) {
      const cells = names.map((name) => {
        const column = columns[name];
        if (column.kind === "numeric") return column.values[i];
        return column.codes[i] < 0 ? "" : column.levels[column.codes[i]];
      });
      lines.push(csvLine([...cells, predictions[i]]));
    }
    text = lines.join("");
  } else text = list.map((value) => (value === null ? "NA" : String(value))).join("\n") + "\n";
  await emit(text, fitOptions.output, io);
  return 0;
}

async function runSimulateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) return (io.stdout(simulateUsage), 0);
  const { values, fitOptions } = parseResamplingArguments("simulate", argv);
  if (values.seed === undefined) throw new UsageError("simulate needs --seed <integer>");
  const seed = integerFlag("seed", values.seed, 0, -(2 ** 31), 2 ** 32 - 1);
  const nsim = integerFlag("nsim", values.nsim, 1, 1, 100_000);
  const { model } = await fittedModel(fitOptions, io);
  const newdata =
    values.newdata === undefined
      ? undefined
      : (await newDataTable(values.newdata, fitOptions, io)).table;
  // A binomial model on new data draws from the trials of a newdata column (--trials).
  const trials = values.trials;
  const responses = simulate(model, {
    seed,
    nsim,
    newdata,
    ...(trials === undefined ? {} : { trials }),
  });
  let text: string;
  if (values.json) {
    const list = responses.map((y) =>
      Array.from(y, (value) => (Number.isNaN(value) ? null : value)),
    );
    text = `${JSON.stringify({ seed, nsim, responses: list })}\n`;
  } else {
    const lines = [csvLine(responses.map((_, k) => `sim_${k + 1}`))];
    const rows = responses[0]?.length ?? 0;
    for (let t = 0; t < rows; t++) lines.push(csvLine(responses.map((y) => y[t])));
    text = lines.join("");
  }
  await emit(text, fitOptions.output, io);
  return 0;
}

async function runBootstrapCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) return (io.stdout(bootstrapUsage), 0);
  const { values, fitOptions } = parseResamplingArguments("bootstrap", argv);
  if (values.seed === undefined) throw new UsageError("bootstrap needs --seed <integer>");
  const seed = integerFlag("seed", values.seed, 0, -(2 ** 31), 2 ** 32 - 1);
  const n = integerFlag("n", values.n, 1000, 1, 10_000_000);
  const workers = integerFlag("workers", values.workers, 1, 1, 256);
  const level = values.level === undefined ? 0.95 : Number(values.level);
  if (!(level > 0 && level < 1))
    throw new UsageError(`--level must be in (0, 1), not '${values.level}'`);
  const { model } = await fittedModel(fitOptions, io);
  const started = performance.now();
  let lastDraw = 0;
  const boot = await parametricBootstrap(model, n, {
    seed,
    workers,
    progress: (done, total) => {
      if (!io.interactive) return;
      const now = performance.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      const rate = done / ((now - started) / 1000);
      io.stderr(
        `\r  bootstrap [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} (${rate.toFixed(0)}/s)   `,
      );
    },
  });
  if (io.interactive) io.stderr("\r\x1b[K");
  let text: string;
  if (values.json) text = `${bootstrapToJSON(boot)}\n`;
  else if (values.csv) {
    const { names } = boot;
    const header = [
      "replicate",
      "objective",
      "sigma",
      ...names.beta,
      ...names.beta.map((name) => `se_${name}`),
      ...names.theta,
      ...names.sds,
      ...names.correlations,
    ];
    const lines = [csvLine(header)];
    for (const row of boot.replicates) {
      lines.push(
        csvLine([
          row.replicate,
          row.objective,
          row.sigma,
          ...row.beta,
          ...row.stderror,
          ...row.theta,
          ...row.sds,
          ...row.correlations,
        ]),
      );
    }
    text = lines.join("");
  } else {
    const percentile = confint(boot, { level });
    const shortest = shortestCoverage(boot, level);
    const width = Math.max(9, ...percentile.map((row) => row.parameter.length));
    const pct = `${(level * 100).toFixed(1).replace(/\.0$/, "")}%`;
    const lines = [
      `Parametric bootstrap: ${boot.replicates.length} replicates, seed ${seed}, ${workers} worker${workers === 1 ? "" : "s"}`,
      ` ${fitOptions.formula}`,
      "",
      `${"parameter".padEnd(width)}  ${`percentile ${pct}`.padStart(26)}  ${`shortest ${pct}`.padStart(26)}`,
      ...percentile.map(
        (row, k) =>
          `${row.parameter.padEnd(width)}  ${interval(row.lower, row.upper)}  ${interval(shortest[k].lower, shortest[k].upper)}`,
      ),
    ];
    text = `${lines.join("\n")}\n`;
  }
  await emit(text, fitOptions.output, io);
  return 0;
}

function interval(lower: number, upper: number): string {
  return `[${lower.toPrecision(6)}, ${upper.toPrecision(6)}]`.padStart(26);
}
