# lme4::bootMer replicates per second for bench/bootstrap-cases.json, in one R process (ML fits,
# parametric, sequential as bootMer's default). Prints JSON to stdout.
# Usage: Rscript bench/bootstrap-lme4.R <datasets-dir> <bootstrap-cases.json> [<id,id>]
suppressPackageStartupMessages({ library(lme4); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
datasets_dir <- args[1]
cases <- fromJSON(args[2], simplifyDataFrame = FALSE)
only <- if (length(args) >= 3 && nzchar(args[3])) strsplit(args[3], ",")[[1]] else NULL
load_dataset <- function(name) {
  schema <- fromJSON(file.path(datasets_dir, paste0(name, ".schema.json")), simplifyVector = TRUE)
  data <- read.csv(file.path(datasets_dir, paste0(name, ".csv")), colClasses = "character")
  for (column in names(schema$columns)) {
    spec <- schema$columns[[column]]
    if (identical(spec$type, "factor")) data[[column]] <- factor(data[[column]], levels = spec$levels)
    else data[[column]] <- as.numeric(data[[column]])
  }
  data
}
results <- list()
for (case in cases) {
  if (!is.null(only) && !(case$id %in% only)) next
  data <- load_dataset(case$dataset)
  fit <- lmer(as.formula(case$formula), data = data, REML = FALSE)
  n <- case$lme4
  seconds <- system.time(b <- bootMer(fit, fixef, nsim = n, seed = 42))[["elapsed"]]
  results[[length(results) + 1]] <- list(id = case$id, replicates = n, seconds = seconds,
                                         per_second = n / seconds)
}
cat(toJSON(results, auto_unbox = TRUE, digits = NA), "\n")
