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
writeBin(as.double(unlist(fc[c("point", "paths", "lower", "upper")])), file.path(dir, "r_fc.bin"),
         endian = "little")
# ---- Keras' layout through the core (issue 14): rnn_layer() of the same
# weights gives step2.m R's parameters and outputs exactly
lay <- list()
for (cell in c("simple", "lstm", "gru")) {
  G <- c(simple = 1, lstm = 4, gru = 3)[[cell]]
  w <- list(matrix(sin(seq_len(2 * G * 3)), 2), matrix(cos(seq_len(3 * G * 3)), 3),
            if (cell == "gru") matrix(0.1 * seq_len(2 * G * 3), 2) else 0.1 * seq_len(G * 3))
  x <- array(sin(0.3 * seq_len(4 * 5 * 2)), c(4, 5, 2))
  L <- rnn_layer(cell, 3, w)
  lay[[cell]] <- c(unlist(w), x, L$params, rnn_layer_call(L, x, return_sequences = TRUE))
}
writeBin(unlist(lay, use.names = FALSE), file.path(dir, "r_layers.bin"), endian = "little")
# ----
cat("R: 3 fits, a forecast and 3 layers written\n")
