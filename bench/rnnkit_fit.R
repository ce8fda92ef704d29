# Time rnnkit on the same data and model as bench/torch_fit.py.
# Usage: Rscript rnnkit_fit.R sine|stock EPOCHS
args <- commandArgs(trailingOnly = TRUE)
cfg <- args[1]
epochs <- as.integer(args[2])
suppressPackageStartupMessages(library(rnnkit))
if (cfg == "sine") {
  w <- rnn_windows(sin(pi * 0.01 * (0:999)), window = 10)
  cell <- "simple"; units <- 10; batch <- 32
} else {
  px <- read.csv("../../shared/data/djia/IBM_2006-01-01_to_2018-01-01.csv")
  o <- px$Open[is.finite(px$Open)]
  w <- rnn_windows((o - min(o)) / (max(o) - min(o)), window = 30)
  cell <- "lstm"; units <- 16; batch <- 16
}
set.seed(1)
t0 <- proc.time()[["elapsed"]]
fit <- rnn_fit(w, cell = cell, units = units, epochs = epochs, batch_size = batch, verbose = FALSE)
el <- proc.time()[["elapsed"]] - t0
cat(sprintf("rnnkit %s float64 %d windows %.5f\n", cfg, dim(w$x)[1], el / epochs))
