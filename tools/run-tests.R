# Runs the testthat suite against the installed rnnkit and prints a closing
# line "testthat: N passed, N failed, N skipped"; exits non-zero on failure.
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args)) args[1] else "tests/testthat"
Sys.setenv(NOT_CRAN = "true") # run the slower checks skipped on CRAN
library(testthat)
library(rnnkit)
cat("rnnkit", as.character(packageVersion("rnnkit")), "from", find.package("rnnkit"), "\n")
res <- as.data.frame(test_dir(dir, reporter = "summary", package = "rnnkit",
                              load_package = "installed", stop_on_failure = FALSE))
failed <- sum(res$failed) + sum(res$error)
skipped <- sum(res$skipped)
passed <- sum(res$nb) - sum(res$failed) - skipped
cat(sprintf("testthat: %d passed, %d failed, %d skipped\n", passed, failed, skipped))
quit(status = if (failed > 0) 1 else 0)
