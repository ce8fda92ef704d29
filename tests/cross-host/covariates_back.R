# Cross-host test of covariates (issue 15), R side 2: Octave's model with
# calendar features forecasts in R exactly as R's own.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
get <- function(name) readBin(file.path(dir, paste0("cov_", name, ".bin")), "double", 1e6, endian = "little")
m <- rnn_load(file.path(dir, "cov_o_model.rnnk"))
fc <- forecast(m, h = 15, npaths = 100, seed = 1)
d_fc <- max(abs(c(fc$mean, fc$lower, fc$upper, fc$paths) -
                c(get("mean"), get("lower"), get("upper"), get("paths"))))
cat(sprintf("Octave's covariate model file in R: calendar %s, forecast differs by %g\n",
            paste(m$prep$meta$calendar, collapse = ","), d_fc))
if (!(d_fc == 0 && identical(m$prep$meta$calendar, "month"))) {
  stop("cross-host: Octave's covariate model does not forecast the same in R")
}
