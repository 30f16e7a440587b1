import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { caterpillarSpec, qqSpec, residualSpec, type VegaLiteSpec } from "@mixedmodels/report";
import { type CliValues, cliOptions, fitCommandOptions } from "../fit-arguments";
import type { CliIo } from "../io";
import { loadModelData } from "../input/model-data";
import { UsageError } from "../usage-error";
import { buildCliModel, type CliModel, fitCliModel } from "./cli-model";

export const plotUsage = `Usage:
  mixedmodels plot <caterpillar | qq | residuals> <data.csv | - | dataset> --formula "<formula>"
                   [-o plot.svg | plot.json] [options]

Fits the model as \`mixedmodels fit\` does and draws one diagnostic plot:
  caterpillar  conditional modes of one grouping factor with 95% intervals from condVar
  qq           normal Q-Q plot of one grouping factor's conditional modes
  residuals    residuals against fitted values

Plot options:
      --group <factor>      the grouping factor (caterpillar, qq); default: the model's first
      --level <p>           interval coverage of the caterpillar plot (default 0.95)
  -o, --output <file>       .svg: the rendered plot; .json: its Vega-Lite specification
                            (default: the SVG on standard output)
Every option of \`mixedmodels fit\` that reads data or sets the model applies (--reml, --family,
--weights, --categorical, --levels, --contrasts, --schema, --delimiter...).

Exit codes: 0 success; 1 the data or the model; 2 the command line.

Example:
  mixedmodels plot caterpillar sleepstudy -f "Reaction ~ 1 + Days + (1 + Days | Subject)" -o ranef.svg
`;

const plotKinds = ["caterpillar", "qq", "residuals"] as const;
type PlotKind = (typeof plotKinds)[number];

const plotOptions = {
  ...cliOptions,
  group: { type: "string" },
  level: { type: "string" },
} as const;

function parsePlotArguments(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options: plotOptions });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function plotLevel(value: string | undefined): number {
  if (value === undefined) return 0.95;
  const level = Number(value);
  if (!(level > 0 && level < 1)) {
    throw new UsageError(`--level must be a number between 0 and 1, not '${value}'`);
  }
  return level;
}

/**
 * An SVG of a Vega-Lite spec through vega's headless renderer (no canvas, no browser: text is
 * measured by estimate). vega and vega-lite are loaded on demand, so the other commands do not
 * pay for them at startup; they are dependencies of the cli alone, never of the library.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  // The spec is plain JSON typed loosely in report (no vega types there); vega-lite checks it.
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]);
  const view = new vega.View(vega.parse(compiled.spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** `mixedmodels plot <kind> <data> -f <formula> [-o out.svg]` */
export async function runPlotCommand(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) return (io.stdout(plotUsage), 0);
  const { values, positionals } = parsePlotArguments(argv);
  const [kind, ...rest] = positionals;
  if (kind === undefined || !(plotKinds as readonly string[]).includes(kind)) {
    throw new UsageError(
      `plot needs the kind of plot first: ${plotKinds.join(", ")}${kind === undefined ? "" : `, not '${kind}'`}`,
    );
  }
  if (rest.length === 0) throw new UsageError("plot needs a CSV file, - or a dataset name");
  if (values.formula === undefined) throw new UsageError('plot needs --formula "<formula>"');
  const output = values.output;
  if (output !== undefined && !/\.(svg|json)$/i.test(output)) {
    throw new UsageError(`--output must end in .svg or .json, not '${output}'`);
  }
  if (kind === "residuals" && values.group !== undefined) {
    throw new UsageError("--group goes with caterpillar and qq, not residuals");
  }
  const level = plotLevel(values.level);
  const options = fitCommandOptions(values as CliValues, rest);
  const loaded = await loadModelData(options, io);
  const model = fitCliModel(buildCliModel(options, loaded), options, () => {});
  const spec = plotSpec(kind as PlotKind, model, values.group, level);
  const text = output?.toLowerCase().endsWith(".json")
    ? `${JSON.stringify(spec, null, 2)}\n`
    : await renderSvg(spec);
  if (output === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    await writeFile(output, text, "utf8");
  } catch (error) {
    throw new UsageError(`cannot write '${output}': ${(error as Error).message}`);
  }
  return 0;
}

function plotSpec(
  kind: PlotKind,
  model: CliModel,
  group: string | undefined,
  level: number,
): VegaLiteSpec {
  if (kind === "caterpillar") return caterpillarSpec(model, { group, level });
  if (kind === "qq") return qqSpec(model, { group });
  return residualSpec(model);
}
