# Cross-host test of covariates (issue 15), R side: on the bundled
# monthly airline series, windows with calendar features ("auto": month)
# and a model with an exogenous column x (its future given as newdata's
# rows after the data); writes the windows, weights, forecasts (mean,
# bounds, paths) and the accuracy table for covariates.m to compare
# exactly, and the model files for Octave.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
put <- function(name, v) writeBin(as.double(v), file.path(dir, paste0("cov_", name, ".bin")), endian = "little")
air <- rnn_example_data("air")
w <- rnn_windows(air, window = 12, test = 24, calendar = "auto")
fit <- rnn_fit(w, cell = "lstm", units = 4, epochs = 3, seed = 3, verbose = FALSE)
fc <- forecast(fit, h = 15, npaths = 100, seed = 1)
we <- rnn_windows(air, window = 12, calendar = c("month", "quarter"), transform = "sdiff")
fe <- rnn_fit(we, cell = "gru", units = 3, epochs = 2, seed = 4, ensemble = 2, verbose = FALSE)
fce <- forecast(fe, h = 13, npaths = 60, seed = 2)
x <- round(cos(seq_len(144) / 5), 6)
xf <- round(cos((144 + 1:3) / 5), 6)
ax <- cbind(air, x = x)
wx <- rnn_windows(ax, target = "Passengers", features = c("Passengers", "x"), window = 12,
                  calendar = "month")
fx <- rnn_fit(wx, units = 3, epochs = 2, seed = 5, verbose = FALSE)
nd <- rbind(ax, data.frame(Date = seq(as.Date("1961-01-01"), by = "month", length.out = 3),
                           Passengers = NA, x = xf))
fcx <- forecast(fx, h = 4, newdata = nd, npaths = 50, seed = 3)
put("x", x)
put("xf", xf)
put("wx", w$x)
put("params", fit$params)
put("mean", fc$mean)
put("lower", fc$lower)
put("upper", fc$upper)
put("paths", fc$paths)
put("acc", as.matrix(accuracy(fit)[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
put("e_params", fe$params)
put("e_mean", fce$mean)
put("e_paths", fce$paths)
put("x_params", fx$params)
put("x_mean", fcx$mean)
put("x_paths", fcx$paths)
rnn_save(fit, file.path(dir, "cov_r_model.rnnk"))
rnn_save(fx, file.path(dir, "cov_r_exo.rnnk"))
cat(sprintf("R: calendar %s, forecast %s\n", paste(fit$prep$meta$calendar, collapse = ","),
            paste(sprintf("%.4f", fc$mean[1:3]), collapse = " ")))
