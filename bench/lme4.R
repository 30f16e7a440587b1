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
  if (is.null(datasets[[case$dataset]])) {
    datasets[[case$dataset]] <- if (is.null(case$csv)) load_dataset(case$dataset) else
      read.csv(case$csv, stringsAsFactors = TRUE)
  }
  data <- datasets[[case$dataset]]
  formula <- as.formula(case$formula)
  n <- if (!is.null(case$runs)) case$runs else if (isTRUE(case$large)) large_runs else runs
  warmup <- if (!is.null(case$warmupFits)) case$warmupFits else 1L
  if (isTRUE(case$glmm)) {
    # glmer as in the reference fits: bobyqa, nAGQ as given, trials as weights.
    family <- if (is.null(case$link)) get(case$family)() else get(case$family)(link = case$link)
    weights <- if (is.null(case$weights)) NULL else data[[case$weights]]
    fit_model <- function() {
      glmer(formula, data = data, family = family, weights = weights, nAGQ = case$nAGQ,
            control = glmerControl(optimizer = "bobyqa"))
    }
  } else {
    fit_model <- function() lmer(formula, data = data, REML = case$reml)
  }
  # A case lme4 cannot fit within 10 minutes is reported as such, not waited for.
  fit_once <- function() {
    setTimeLimit(elapsed = 600, transient = TRUE)
    on.exit(setTimeLimit(elapsed = Inf))
    fit_model()
  }
  for (i in seq_len(warmup)) fit <- fit_once()
  times <- numeric(n)
  timed_out <- FALSE
  for (i in seq_len(n)) {
    elapsed <- tryCatch(system.time(fit <- fit_once())[["elapsed"]], error = function(e) NA)
    if (is.na(elapsed)) { timed_out <- TRUE; break }
    times[i] <- elapsed
  }
  if (timed_out) {
    results[[length(results) + 1]] <- list(id = case$id, timedOut = 600)
    next
  }
  results[[length(results) + 1]] <- list(
    id = case$id,
    seconds = median(times),
    objective = if (isTRUE(case$glmm)) -2 * as.numeric(logLik(fit))
      else if (case$reml) unname(REMLcrit(fit)) else unname(deviance(fit)),
    evaluations = sum(unname(fit@optinfo$feval))
  )
}
cat(toJSON(results, auto_unbox = TRUE, digits = NA))
