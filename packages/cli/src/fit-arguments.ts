import type { ContrastType } from "mixedmodels";
import { type InferenceFlags, parseInferenceFlags } from "./commands/inference-output";
import { parseDelimiterFlag } from "./input/detect-delimiter";
import { parseKeyValues, parseLevelLists, parseNameList } from "./input/key-value-options";
import { UsageError } from "./usage-error";

/** The flags `parseArgs` knows; `multiple` ones may be repeated. */
export const cliOptions = {
  formula: { type: "string", short: "f" },
  reml: { type: "boolean" },
  family: { type: "string" },
  link: { type: "string" },
  nagq: { type: "string" },
  fast: { type: "boolean" },
  weights: { type: "string" },
  offset: { type: "string" },
  delimiter: { type: "string" },
  categorical: { type: "string", multiple: true },
  levels: { type: "string", multiple: true },
  reference: { type: "string", multiple: true },
  contrasts: { type: "string", multiple: true },
  schema: { type: "string" },
  engine: { type: "string" },
  format: { type: "string" },
  json: { type: "boolean" },
  ranef: { type: "boolean" },
  timing: { type: "boolean" },
  output: { type: "string", short: "o" },
  save: { type: "string" },
  verbose: { type: "boolean" },
  ddf: { type: "string" },
  confint: { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

export interface CliValues {
  formula?: string;
  reml?: boolean;
  family?: string;
  link?: string;
  nagq?: string;
  fast?: boolean;
  weights?: string;
  offset?: string;
  delimiter?: string;
  categorical?: string[];
  levels?: string[];
  reference?: string[];
  contrasts?: string[];
  schema?: string;
  engine?: string;
  format?: string;
  json?: boolean;
  ranef?: boolean;
  timing?: boolean;
  output?: string;
  save?: string;
  verbose?: boolean;
  ddf?: string;
  confint?: string;
}

/** The families `--family` takes (issue 11); binomial without weights is Bernoulli, as glmer. */
export const glmmFamilies = [
  "bernoulli",
  "binomial",
  "poisson",
  "gamma",
  "inversegaussian",
  "gaussian",
] as const;
export type GlmmFamilyFlag = (typeof glmmFamilies)[number];

/** R's link names, as `--link` takes them. */
const linkNames = [
  "logit",
  "probit",
  "cloglog",
  "cauchit",
  "log",
  "identity",
  "sqrt",
  "inverse",
  "1/mu^2",
];

/** lme4's and MixedModels.jl's limit on Gauss–Hermite nodes. */
const MAX_NAGQ = 25;

const formats = ["text", "markdown", "html", "latex"] as const;
export type OutputFormat = (typeof formats)[number];

const contrastTypes: readonly ContrastType[] = [
  "treatment",
  "sum",
  "effects",
  "helmert",
  "seqdiff",
  "fulldummy",
];

export interface FitCommandOptions {
  readonly source: string;
  readonly formula: string;
  readonly reml: boolean;
  /** A GLMM family (lower case, as given), or undefined for a linear mixed model. */
  readonly family: GlmmFamilyFlag | undefined;
  /** R's link name, or undefined for the family's canonical link. */
  readonly link: string | undefined;
  /** Gauss–Hermite nodes (1 = Laplace); 1 for linear models. */
  readonly nagq: number;
  readonly fast: boolean;
  readonly weights: string | undefined;
  readonly offset: string | undefined;
  readonly delimiter: string | undefined;
  readonly categorical: readonly string[];
  readonly levels: Readonly<Record<string, readonly string[]>>;
  readonly reference: Readonly<Record<string, string>>;
  readonly contrasts: Readonly<Record<string, ContrastType>>;
  readonly schema: string | undefined;
  /** "memory" (default) or "duckdb" (commands/duckdb-engine.ts). */
  readonly engine: "memory" | "duckdb";
  readonly format: OutputFormat;
  readonly json: boolean;
  readonly ranef: boolean;
  readonly timing: boolean;
  readonly output: string | undefined;
  readonly save: string | undefined;
  readonly verbose: boolean;
  /** --ddf and --confint (@mixedmodels/inference; commands/inference-output.ts). */
  readonly inference: InferenceFlags;
}

/** Checks the fit command's flags and turns them into options; every mistake is a UsageError. */
export function fitCommandOptions(values: CliValues, rest: readonly string[]): FitCommandOptions {
  const source = rest[0];
  if (source === undefined) throw new UsageError("fit needs a CSV file, - or a dataset name");
  if (rest.length > 1) throw new UsageError(`unexpected argument '${rest[1]}'`);
  if (values.formula === undefined) throw new UsageError('fit needs --formula "<formula>"');
  const format = values.format ?? "text";
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${formats.join(", ")}, not '${format}'`);
  }
  if (values.ranef && !values.json) throw new UsageError("--ranef goes with --json");
  if (values.timing && !values.json) throw new UsageError("--timing goes with --json");
  let delimiter: string | undefined;
  if (values.delimiter !== undefined) {
    const parsed = parseDelimiterFlag(values.delimiter);
    if (parsed === null) {
      throw new UsageError(
        `--delimiter takes one character (, ; | or \\t for tab), not '${values.delimiter}'`,
      );
    }
    delimiter = parsed;
  }
  const contrastFlags = parseKeyValues("contrasts", values.contrasts ?? []);
  const contrasts: Record<string, ContrastType> = Object.create(null);
  for (const column of Object.keys(contrastFlags)) {
    const type = contrastFlags[column] as ContrastType;
    if (!contrastTypes.includes(type)) {
      throw new UsageError(
        `--contrasts ${column}=${type}: the coding must be one of ${contrastTypes.join(", ")}`,
      );
    }
    contrasts[column] = type;
  }
  const glmm = glmmFlags(values);
  const engine = values.engine ?? "memory";
  if (engine !== "memory" && engine !== "duckdb") {
    throw new UsageError(`--engine must be memory or duckdb, not '${engine}'`);
  }
  return {
    source,
    formula: values.formula,
    reml: values.reml ?? false,
    ...glmm,
    weights: values.weights,
    offset: values.offset,
    delimiter,
    categorical: parseNameList(values.categorical ?? []),
    levels: parseLevelLists(values.levels ?? []),
    reference: parseKeyValues("reference", values.reference ?? []),
    contrasts,
    schema: values.schema,
    engine,
    format: format as OutputFormat,
    json: values.json ?? false,
    ranef: values.ranef ?? false,
    timing: values.timing ?? false,
    output: values.output,
    save: values.save,
    verbose: values.verbose ?? false,
    inference: parseInferenceFlags(values),
  };
}

/**
 * `--family`, `--link`, `--nagq` and `--fast`, checked: the generalized flags need a family, and
 * REML does not exist for a GLMM. Whether nAGQ > 1 suits the model's terms is the model's check
 * (a ModelError naming the terms).
 */
function glmmFlags(
  values: CliValues,
): Pick<FitCommandOptions, "family" | "link" | "nagq" | "fast"> {
  const family = values.family?.toLowerCase();
  if (family === undefined) {
    for (const flag of ["link", "nagq", "fast"] as const) {
      if (values[flag] !== undefined) {
        throw new UsageError(`--${flag} goes with --family (a generalized linear mixed model)`);
      }
    }
    return { family: undefined, link: undefined, nagq: 1, fast: false };
  }
  if (!(glmmFamilies as readonly string[]).includes(family)) {
    throw new UsageError(
      `--family must be one of ${glmmFamilies.join(", ")}, not '${values.family}'`,
    );
  }
  const link = values.link?.toLowerCase();
  if (link !== undefined && !linkNames.includes(link)) {
    throw new UsageError(
      `--link must be one of R's links ${linkNames.join(", ")}, not '${values.link}'`,
    );
  }
  if (values.reml)
    throw new UsageError("--reml is for linear models; a GLMM is fitted by maximum likelihood");
  let nagq = 1;
  if (values.nagq !== undefined) {
    nagq = Number(values.nagq);
    if (!/^\d+$/.test(values.nagq.trim()) || nagq < 1 || nagq > MAX_NAGQ) {
      throw new UsageError(
        `--nagq takes a whole number of nodes from 1 to ${MAX_NAGQ}, not '${values.nagq}'`,
      );
    }
  }
  if (nagq > 1 && values.fast) {
    throw new UsageError(
      "--fast optimizes θ alone by the Laplace approximation; it does not go with --nagq > 1",
    );
  }
  return { family: family as GlmmFamilyFlag, link, nagq, fast: values.fast ?? false };
}
