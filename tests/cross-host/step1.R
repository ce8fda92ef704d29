# Cross-host test, R side 1: data, R's fits, their files and predictions,
# and forecasts through the core's gateway.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
source(file.path(args[2], "fits.R"))
d <- cross_host_data()
con <- file(file.path(dir, "data.bin"), "wb")
writeBin(as.double(dim(d$x)), con, endian = "little")
writeBin(as.double(d$x), con, endian = "little")
writeBin(as.double(d$y), con, endian = "little")
close(con)
fits <- cross_host_fits(d$x, d$y)
for (k in seq_along(fits)) {
  rnn_save(fits[[k]], file.path(dir, sprintf("r_fit%d.rnnk", k)))
  writeBin(as.double(predict(fits[[k]], d$x)), file.path(dir, sprintf("r_pred%d.bin", k)),
           endian = "little")
}
# a recursive forecast with simulated paths from the first model
m <- rnn_model("gru", units = 4, n_in = 2, n_out = 2, seed = 9)
rnn_save(m, file.path(dir, "r_model_fc.rnnk"))
last <- d$x[dim(d$x)[1], , ]
resid <- matrix(((1:20) - 10.5) / 1000, 10, 2)
# (the core's rnn_forecast_series: the second series, unscaled, with 80%
# and 95% quantiles)
spec <- list(values = last, window = nrow(last), locf = FALSE, center = c(1, -2),
             scale = c(2, 0.5), direct = FALSE, horizon = 1L, h = 5L, target = 2L, target_center = -2, target_scale = 0.5, history = c(1, 2, 3),
             resid = resid, npaths = 50L, levels = c(80, 95))
fc <- .Call(rnnkit:::rnnkit_forecast, m$config, m$params, spec, c(0, 11))
writeBin(as.double(unlist(fc)), file.path(dir, "r_fc.bin"), endian = "little")
cat("R: 3 fits and a forecast written\n")
