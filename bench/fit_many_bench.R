# rnn_fit_many() on all 31 DJIA stocks (the configuration-1 model, Open
# price scaled to [0, 1], windows of 30, batch 16, EPOCHS epochs): a plain
# loop on 1 thread, a plain loop on rnnkit's 2 threads, and future's
# multicore plan with 2 workers of 1 thread (after one trivial call that
# sets the plan up). Prints "many <mode> <seconds>".
# Usage: Rscript fit_many_bench.R SHARED_DATA_DIR EPOCHS
a <- commandArgs(trailingOnly = TRUE)
epochs <- as.integer(a[2])
suppressPackageStartupMessages(library(rnnkit))
files <- Sys.glob(file.path(a[1], "djia", "*_2006-01-01_to_2018-01-01.csv"))
data <- lapply(files, function(f) {
  o <- utils::read.csv(f)$Open
  o <- o[is.finite(o)]
  rnn_windows((o - min(o)) / (max(o) - min(o)), window = 30)
})
names(data) <- sub("_.*", "", basename(files))
run <- function(...) {
  system.time(rnn_fit_many(data, cell = "lstm", units = 16, epochs = epochs, batch_size = 16,
                           seed = seq_along(data), ...))[["elapsed"]]
}
cat(sprintf("many loop-1-thread %.3f\n", run(parallel = FALSE, threads = 1)))
cat(sprintf("many loop-2-threads %.3f\n", run(parallel = FALSE, threads = 2)))
if (requireNamespace("future.apply", quietly = TRUE)) {
  future::plan(future::multicore, workers = 2)
  # the plan's one-time set-up (about 0.1 s: future's first call checks
  # the cores and the fork support) is not the fits' cost
  invisible(future.apply::future_lapply(1:2, identity))
  cat(sprintf("many future-2-workers %.3f\n", run()))
}
