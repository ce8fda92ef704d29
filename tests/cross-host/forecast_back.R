# Cross-host test of the time-series workflow, R side 2: Octave's windows
# model file carries prep and residuals, so R forecasts and scores it
# exactly as its own model (forecasts, intervals, paths, dates and the
# accuracy table to the bit: the core computes them for both hosts).
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
get <- function(name) readBin(file.path(dir, paste0("ts_", name, ".bin")), "double", 1e6, endian = "little")
m <- rnn_load(file.path(dir, "ts_o_model.rnnk"))
fc <- forecast(m, h = 5, npaths = 200, seed = 1)
acc <- accuracy(m)
d_fc <- max(abs(c(fc$mean, fc$lower, fc$upper, fc$paths) -
                c(get("mean"), get("lower"), get("upper"), get("paths"))))
d_acc <- max(abs(as.matrix(acc[c("RMSE", "MAE", "MAPE", "MASE", "n")]) - get("acc")))
same_dates <- identical(as.numeric(fc$dates) + 719529, get("dates"))
cat(sprintf("Octave's model file in R: forecast differs by %g, accuracy by %g, dates %s\n",
            d_fc, d_acc, if (same_dates) "identical" else "DIFFER"))
if (!(d_fc == 0 && d_acc == 0 && same_dates)) {
  stop("cross-host: Octave's windows model does not forecast the same in R")
}
# issue 15: Octave's model on log returns forecasts the same in R
mt <- rnn_load(file.path(dir, "ts_o_tf_model.rnnk"))
fct <- forecast(mt, h = 5, npaths = 100, seed = 2)
d_tf <- max(abs(c(fct$mean, fct$lower, fct$upper, fct$paths) - get("tf_fc")))
cat(sprintf("Octave's logdiff model file in R: forecast differs by %g\n", d_tf))
if (!(d_tf == 0 && identical(mt$prep$meta$transform, "logdiff"))) {
  stop("cross-host: Octave's transformed model does not forecast the same in R")
}
