import { parseArgs } from "node:util";
import packageJson from "../package.json";
import { runDatasetsCommand } from "./commands/datasets-command";
import { runFitCommand } from "./commands/fit-command";
import { runPlotCommand } from "./commands/plot-command";
import { resamplingCommands } from "./commands/resampling-commands";
import { type CliValues, cliOptions, fitCommandOptions } from "./fit-arguments";
import { formatCliError } from "./format-cli-error";
import type { CliIo } from "./io";
import { commandUsage, usage } from "./usage";
import { UsageError } from "./usage-error";

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
  // predict, simulate and bootstrap parse their own flags (commands/resampling-commands.ts).
  const resampling = argv[0] === undefined ? undefined : resamplingCommands[argv[0]];
  if (resampling !== undefined) return resampling(argv.slice(1), io);
  // plot parses its own flags too (commands/plot-command.ts).
  if (argv[0] === "plot") return runPlotCommand(argv.slice(1), io);
  const { values, positionals } = parseOrExplain(argv);
  if (values.version) {
    io.stdout(`mixedmodels ${packageJson.version}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === undefined || command === "help") {
    const topic = rest[0];
    if (topic !== undefined && !Object.hasOwn(commandUsage, topic)) {
      throw new UsageError(
        `no help for '${topic}': the commands are ${Object.keys(commandUsage).join(", ")}`,
      );
    }
    io.stdout(topic === undefined ? usage : commandUsage[topic]);
    return 0;
  }
  if (!Object.hasOwn(commandUsage, command)) {
    throw new UsageError(`unknown command '${command}'\n\n${usage}`);
  }
  if (values.help) {
    io.stdout(commandUsage[command]);
    return 0;
  }
  if (command === "datasets") return runDatasetsCommand(io);
  return runFitCommand(fitCommandOptions(values as CliValues, rest), io);
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options: cliOptions });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
