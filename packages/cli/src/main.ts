import { parseArgs } from "node:util";
import { runDatasetsCommand } from "./commands/datasets-command";
import { runFitCommand } from "./commands/fit-command";
import { formatCliError } from "./format-cli-error";
import type { CliIo } from "./io";
import { usage } from "./usage";
import { UsageError } from "./usage-error";

const formats = ["text", "markdown", "html", "latex"] as const;
type OutputFormat = (typeof formats)[number];

/**
 * Runs the `mixedmodels` command with the given arguments (without `node` and the script) and
 * returns the exit code: 0 on success, 1 for bad data or a model that cannot be fitted, 2 for a
 * mistake on the command line.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    return await dispatch(argv, io);
  } catch (error) {
    io.stderr(`${formatCliError(error, debug)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrExplain(argv);
  if (values.version) {
    io.stdout("mixedmodels 0.1.0\n");
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === "help") {
    io.stdout(usage);
    return 0;
  }
  if (command === "datasets") return runDatasetsCommand(io);
  if (command !== "fit") throw new UsageError(`unknown command '${command}'\n\n${usage}`);

  const source = rest[0];
  if (source === undefined) throw new UsageError("fit needs a CSV file or a dataset name");
  if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}'`);
  if (values.formula === undefined) throw new UsageError('fit needs --formula "<formula>"');
  const format = values.format ?? "text";
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${formats.join(", ")}, not '${format}'`);
  }
  return runFitCommand(
    {
      source,
      formula: values.formula,
      reml: values.reml ?? false,
      categorical: (values.categorical ?? "")
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name.length > 0),
      format: format as OutputFormat,
      json: values.json ?? false,
      verbose: values.verbose ?? false,
    },
    io,
  );
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        formula: { type: "string", short: "f" },
        reml: { type: "boolean" },
        categorical: { type: "string" },
        format: { type: "string" },
        json: { type: "boolean" },
        verbose: { type: "boolean" },
        debug: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
