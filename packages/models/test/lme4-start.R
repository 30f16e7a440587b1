# The starts in lme4-start.test.ts: lme4 1.1-31, R 4.2.2 (Rscript test/lme4-start.R).
library(lme4)
st <- function(f, d) { df <- lmer(f, d, REML=FALSE, devFunOnly=TRUE); sprintf("%.17g", environment(df)$pp$theta) }
print(st(diameter ~ 1 + (1|plate) + (1|sample), Penicillin))
print(st(strength ~ 1 + (1|batch) + (1|batch:cask), Pastes))
print(st(y ~ 1 + service + (1|s) + (1|d) + (1|dept), InstEval))
