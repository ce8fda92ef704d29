# Cross-host test of ensembles (issue 15), R side: an ensemble of 3
# LSTM(4) on the first 400 rows of the bundled DJIA Close (window 20, test
# 50, 2 epochs, seed 3) and a direct ensemble of 2 (horizon 3); writes the
# members' weights, the mean predictions of the windows (model units),
# the forecasts (mean, bounds, paths) and the accuracy table for
# ensemble.m to compare exactly, and the model files for Octave.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
csv <- system.file("extdata", "djia.csv", package = "rnnkit")
df <- utils::read.csv(csv, stringsAsFactors = FALSE)[1:400, c("Date", "Close")]
df$Date <- as.Date(df$Date)
put <- function(name, v) writeBin(as.double(v), file.path(dir, paste0("ens_", name, ".bin")), endian = "little")
w <- rnn_windows(df, target = "Close", features = "Close", window = 20, test = 50)
fit <- rnn_fit(w, cell = "lstm", units = 4, epochs = 2, seed = 3, ensemble = 3, verbose = FALSE)
fc <- forecast(fit, h = 5, npaths = 100, seed = 1)
wd <- rnn_windows(df, target = "Close", features = "Close", window = 20, horizon = 3, test = 50)
fd <- rnn_fit(wd, cell = "gru", units = 3, epochs = 2, seed = 5, ensemble = 2, verbose = FALSE)
fcd <- forecast(fd, h = 3, npaths = 100, seed = 2)
put("params", fit$params)
put("seeds", fit$ensemble$seeds)
put("pred", predict(fit, w$x))
put("mean", fc$mean)
put("lower", fc$lower)
put("upper", fc$upper)
put("paths", fc$paths)
put("acc", as.matrix(accuracy(fit)[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
put("d_params", fd$params)
put("d_mean", fcd$mean)
put("d_paths", fcd$paths)
rnn_save(fit, file.path(dir, "ens_r_model.rnnk"))
rnn_save(fd, file.path(dir, "ens_r_direct.rnnk"))
cat(sprintf("R: ensemble of %d, forecast %s\n", fit$ensemble$k, paste(sprintf("%.6f", fc$mean), collapse = " ")))
