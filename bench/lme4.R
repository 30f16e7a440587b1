# Fits the bench cases with lme4 in one R process and prints JSON timings to stdout.
# Usage: Rscript bench/lme4.R <datasets-dir> <cases.json> <runs> [<large-runs>]
# Timings are in-process (system.time around lmer), warm: one untimed fit first.
suppressPackageStartupMessages({ library(lme4); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
datasets_dir <- args[1]
cases <- fromJSON(args[2], simplifyDataFrame = FALSE)
runs <- as.integer(args[3])
large_runs <- if (length(args) >= 4) as.integer(args[4]) else 1L

load_dataset <- function(name) {
  schema <- fromJSON(file.path(datasets_dir, paste0(name, ".schema.json")), simplifyVector = TRUE)
  data <- read.csv(file.path(datasets_dir, paste0(name, ".csv")), colClasses = "character")
  for (column in names(schema$columns)) {
    spec <- schema$columns[[column]]
    if (identical(spec$type, "factor")) {
      data[[column]] <- factor(data[[column]], levels = spec$levels)
    } else {
      data[[column]] <- as.numeric(data[[column]])
    }
  }
  data
}

datasets <- list()
results <- list()
for (case in cases) {
  if (is.null(datasets[[case$dataset]])) datasets[[case$dataset]] <- load_dataset(case$dataset)
  data <- datasets[[case$dataset]]
  formula <- as.formula(case$formula)
  n <- if (isTRUE(case$large)) large_runs else runs
  if (isTRUE(case$glmm)) {
    # glmer as in the reference fits: bobyqa, nAGQ as given, trials as weights.
    family <- if (is.null(case$link)) get(case$family)() else get(case$family)(link = case$link)
    weights <- if (is.null(case$weights)) NULL else data[[case$weights]]
    one_fit <- function() {
      glmer(formula, data = data, family = family, weights = weights, nAGQ = case$nAGQ,
            control = glmerControl(optimizer = "bobyqa"))
    }
  } else {
    one_fit <- function() lmer(formula, data = data, REML = case$reml)
  }
  fit <- one_fit()
  times <- numeric(n)
  for (i in seq_len(n)) times[i] <- system.time(fit <- one_fit())[["elapsed"]]
  results[[length(results) + 1]] <- list(
    id = case$id,
    seconds = median(times),
    objective = if (isTRUE(case$glmm)) -2 * as.numeric(logLik(fit))
      else if (case$reml) unname(REMLcrit(fit)) else unname(deviance(fit)),
    evaluations = sum(unname(fit@optinfo$feval))
  )
}
cat(toJSON(results, auto_unbox = TRUE, digits = NA))
