# lmerTest 3.1-3 / pbkrtest 0.5.2 / lme4 1.1-31 times for bench/inference-cases.json, timed as
# bench/inference.mjs times ours. The libraries are loaded before anything is timed; per case the
# model is fitted by lmer (untimed), then the timed step is
#   satterthwaite: summary(as_lmerModLmerTest(m)) plus anova(type = 3)  (lmerTest's Hessian and
#                  Jacobian are computed when the model is converted, so that is timed too)
#   kenward-roger: summary(mt, ddf = "Kenward-Roger") plus anova(type = 3, ddf = "Kenward-Roger")
#   profile:       confint(m, method = "profile")
# Mode "warm": `warmup` untimed runs, then the median of `runs` timed runs (each converts the lmer
# fit afresh, so nothing computed by one run is reused by the next; a gc() precedes each). Mode
# "first": one timed run,
# the first in this process (run it in a fresh process per case).
# Prints JSON to stdout.
# Usage: Rscript bench/inference-R.R <datasets-dir> <results-dir> <cases.json> <id,id> [warm|first]
#        [wall|cpu]
suppressPackageStartupMessages({ library(lmerTest); library(pbkrtest); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
datasets_dir <- args[1]
results_dir <- args[2]
cases <- fromJSON(args[3], simplifyDataFrame = FALSE)
only <- if (length(args) >= 4 && nzchar(args[4])) strsplit(args[4], ",")[[1]] else NULL
mode <- if (length(args) >= 5) args[5] else "warm"
clock <- if (length(args) >= 6) args[6] else "wall"
load_dataset <- function(name) {
  dir <- if (file.exists(file.path(datasets_dir, paste0(name, ".csv")))) datasets_dir else results_dir
  schema <- fromJSON(file.path(dir, paste0(name, ".schema.json")), simplifyVector = TRUE)
  data <- read.csv(file.path(dir, paste0(name, ".csv")), colClasses = "character")
  for (column in names(schema$columns)) {
    spec <- schema$columns[[column]]
    if (identical(spec$type, "factor")) data[[column]] <- factor(data[[column]], levels = spec$levels)
    else data[[column]] <- as.numeric(data[[column]])
  }
  data
}
step <- function(case, m, has_terms) {
  gc()  # untimed, as bench/inference.mjs collects before each timed run
  timing <- system.time({
    if (case$task == "satterthwaite") {
      mt <- as_lmerModLmerTest(m)
      s <- summary(mt)
      if (has_terms) a <- anova(mt, type = 3)
    } else if (case$task == "kenward-roger") {
      mt <- as_lmerModLmerTest(m)
      s <- summary(mt, ddf = "Kenward-Roger")
      if (has_terms) a <- anova(mt, type = 3, ddf = "Kenward-Roger")
    } else {
      ci <- suppressMessages(confint(m, method = "profile"))
    }
  })
  # "cpu": user + system time of this process (bench/inference.mjs --clock cpu), else elapsed
  if (clock == "cpu") timing[["user.self"]] + timing[["sys.self"]] else timing[["elapsed"]]
}
results <- list()
for (case in cases) {
  if (!is.null(only) && !(case$id %in% only)) next
  data <- load_dataset(case$dataset)
  m <- lme4::lmer(as.formula(case$formula), data = data, REML = case$reml)
  has_terms <- length(attr(terms(m), "term.labels")) > 0
  if (mode == "first") {
    seconds <- step(case, m, has_terms)
    times <- seconds
  } else {
    for (i in seq_len(case$warmup)) step(case, m, has_terms)
    times <- vapply(seq_len(case$runs), function(i) step(case, m, has_terms), numeric(1))
    seconds <- median(times)
  }
  results[[length(results) + 1]] <- list(id = case$id, seconds = seconds, times = times)
}
cat(toJSON(results, auto_unbox = TRUE, digits = NA), "\n")
