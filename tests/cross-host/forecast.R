# Cross-host test of the time-series workflow, R side: the first 400 rows
# of the bundled DJIA prices, Close only, window 20, test 50, LSTM(8), 3
# epochs, seed 1; writes the windows, weights, a 5-step forecast (200
# paths, seed 1) and the accuracy table for forecast.m to compare, and the
# model file for Octave to forecast from.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
csv <- system.file("extdata", "djia.csv", package = "rnnkit")
df <- utils::read.csv(csv, stringsAsFactors = FALSE)[1:400, c("Date", "Close")]
df$Date <- as.Date(df$Date)
w <- rnn_windows(df, target = "Close", features = "Close", window = 20, test = 50)
fit <- rnn_fit(w, cell = "lstm", units = 8, epochs = 3, seed = 1, verbose = FALSE)
fc <- forecast(fit, h = 5, npaths = 200, seed = 1)
acc <- accuracy(fit)
put <- function(name, v) writeBin(as.double(v), file.path(dir, paste0("ts_", name, ".bin")), endian = "little")
put("x", w$x)
put("y", w$y)
put("params", fit$params)
put("residuals", fit$residuals)
put("mean", fc$mean)
put("lower", fc$lower)
put("upper", fc$upper)
put("dates", as.numeric(fc$dates) + 719529)
put("acc", as.matrix(acc[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
rnn_save(fit, file.path(dir, "ts_r_model.rnnk"))
cat(sprintf("R: %d windows, forecast %s\n", dim(w$x)[1], paste(sprintf("%.6f", fc$mean), collapse = " ")))
