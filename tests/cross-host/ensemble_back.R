# Cross-host test of ensembles (issue 15), R side 2: Octave's ensemble
# model file carries every member and forecasts and predicts in R exactly
# as R's own ensemble.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
get <- function(name) readBin(file.path(dir, paste0("ens_", name, ".bin")), "double", 1e6, endian = "little")
m <- rnn_load(file.path(dir, "ens_o_model.rnnk"))
fc <- forecast(m, h = 5, npaths = 100, seed = 1)
d_fc <- max(abs(c(fc$mean, fc$lower, fc$upper, fc$paths) -
                c(get("mean"), get("lower"), get("upper"), get("paths"))))
d_par <- max(abs(c(m$params) - get("params")))
cat(sprintf("Octave's ensemble file in R: %d members, forecast differs by %g, weights by %g\n",
            ncol(m$params), d_fc, d_par))
if (!(d_fc == 0 && d_par == 0 && ncol(m$params) == 3 && identical(m$ensemble$k, 3L))) {
  stop("cross-host: Octave's ensemble does not forecast the same in R")
}
