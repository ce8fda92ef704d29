# Cross-host test of combined target transforms (issue 15), R side 2:
# Octave's model file carries the combination, and R forecasts it to the
# bit as Octave did.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
get <- function(name) readBin(file.path(dir, paste0("cb_", name, ".bin")), "double", 1e6, endian = "little")
m <- rnn_load(file.path(dir, "cb_o_model.rnnk"))
fc <- forecast(m, h = 15, npaths = 50, seed = 2)
d <- max(abs(c(fc$mean, fc$lower, fc$upper, fc$paths) - get("ls_fc")))
cat(sprintf("Octave's c(\"log\", \"sdiff\") model file in R: forecast differs by %g\n", d))
if (!(d == 0 && identical(m$prep$meta$transform, c("log", "sdiff")))) {
  stop("cross-host: Octave's combined-transform model does not forecast the same in R")
}
