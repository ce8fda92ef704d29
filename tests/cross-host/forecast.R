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
put("paths", fc$paths)
put("dates", as.numeric(fc$dates) + 719529)
put("acc", as.matrix(acc[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
# the series engine (issue 14): the plan (starts, split labels, the split,
# the scaler rows and values, naive values) and the accuracy of a direct
# model with two targets and a gap, exactly
code <- function(set) match(set, c("train", "gap", "test"))
put("plan", c(w$index$start, w$index$target_row, code(w$index$set), w$data$split_row,
              w$scaler$n_rows, w$scaler$center, w$scaler$scale, w$naive))
w2 <- rnn_windows(utils::read.csv(csv)[1:300, c("Date", "Open", "Close")], target = c("Open", "Close"),
                  features = c("Open", "Close"), window = 10, horizon = 3, stride = 2, test = 20,
                  scale = "zscore")
fit2 <- rnn_fit(w2, cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE)
acc2 <- accuracy(fit2)
put("plan2", c(w2$x, w2$y, w2$index$start, code(w2$index$set), w2$data$split_row,
               w2$scaler$n_rows, w2$scaler$center, w2$scaler$scale, w2$naive))
put("params2", fit2$params)
put("acc2", as.matrix(acc2[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
rnn_save(fit, file.path(dir, "ts_r_model.rnnk"))
# issue 14: a direct model of two targets on month-end dates: the series
# slice, unscaling, quantiles, calendar (31 January + 1 month = 2 March in
# 2020) and matching actuals by month come from the core in both hosts
k <- 0:59
mo <- data.frame(Date = seq(as.Date("2015-02-01"), by = "month", length.out = 60) - 1,
                 a = 100 + (k %% 7) * 1.5, b = 50 - (k %% 5) * 2.25)
wm <- rnn_windows(mo, target = c("a", "b"), features = c("a", "b"), window = 6, horizon = 3)
fm <- rnn_fit(wm, cell = "gru", units = 3, epochs = 2, seed = 2, verbose = FALSE)
fcm <- forecast(fm, h = 3, npaths = 60, seed = 4, level = c(50, 90), series = "b")
am <- accuracy(fcm, data.frame(Date = as.Date(c("2020-01-01", "2020-02-01", "2020-03-01")), b = c(49, 48, 47)))
put("mo_mean", fcm$mean)
put("mo_lower", fcm$lower)
put("mo_upper", fcm$upper)
put("mo_paths", fcm$paths)
put("mo_dates", as.numeric(fcm$dates) + 719529)
put("mo_acc", as.matrix(am[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
# ---- issue 15: target transforms ----
# log returns (recursive, the Close read transformed) and seasonal
# differences of monthly data (direct, period 12 from the dates): the
# windows, weights, forecasts and accuracy come out the same in both
# hosts, and the transform crosses in the model file
wt <- rnn_windows(df, target = "Close", features = "Close", window = 20, test = 50,
                  transform = "logdiff")
ft <- rnn_fit(wt, cell = "lstm", units = 4, epochs = 2, seed = 1, verbose = FALSE)
fct <- forecast(ft, h = 5, npaths = 100, seed = 2)
put("tf_plan", c(wt$x, wt$y, wt$index$start, code(wt$index$set), wt$data$split_row,
                 wt$scaler$n_rows, wt$scaler$center, wt$scaler$scale, wt$naive))
put("tf_params", ft$params)
put("tf_fc", c(fct$mean, fct$lower, fct$upper, fct$paths))
put("tf_acc", as.matrix(accuracy(ft)[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
rnn_save(ft, file.path(dir, "ts_r_tf_model.rnnk"))
ws <- rnn_windows(mo, target = "a", features = "a", window = 6, horizon = 3, test = 6,
                  transform = "sdiff")
fs <- rnn_fit(ws, cell = "gru", units = 3, epochs = 2, seed = 3, verbose = FALSE)
put("sd_plan", c(ws$x, ws$y, ws$index$start, ws$scaler$center, ws$scaler$scale, ws$meta$period))
put("sd_fc", forecast(fs, npaths = 50, seed = 5, level = 80)$mean)
put("sd_acc", as.matrix(accuracy(fs)[c("RMSE", "MAE", "MAPE", "MASE", "n")]))
wb <- rnn_windows(df, target = "Close", features = "Close", window = 20, test = 50,
                  transform = "boxcox", lambda = 0.5)
fb <- rnn_fit(wb, cell = "gru", units = 3, epochs = 2, seed = 4, verbose = FALSE)
fcb <- forecast(fb, h = 4, npaths = 60, seed = 6)
put("bc", c(wb$x, wb$y, wb$scaler$center, wb$scaler$scale, fcb$mean, fcb$lower, fcb$upper,
            as.matrix(accuracy(fb)[c("RMSE", "MAE", "MAPE", "MASE", "n")])))
# the baselines (issue 15, item 2): a direct model of two targets on
# monthly dates gets naive, snaive and drift rows per target from the core,
# MASE on the seasonal naive scale, the same in both hosts
wl <- rnn_windows(mo, target = c("a", "b"), features = c("a", "b"), window = 6, horizon = 2,
                  test = 6)
fl <- rnn_fit(wl, cell = "gru", units = 3, epochs = 2, seed = 5, verbose = FALSE)
al <- accuracy(fl)
put("bl_acc", c(as.matrix(al[c("RMSE", "MAE", "MAPE", "MASE", "n")]),
                match(al$model, c("naive", "snaive", "drift"), nomatch = 0)))
# conformal intervals (issue 15, item 4): the held-out origins' errors by
# step, in original units (level), relative (logdiff) and for a direct
# sdiff model, from the core in both hosts; and from R's model file
conf <- function(fc) c(fc$mean, fc$lower, fc$upper, fc$n_calib)
put("cf", c(conf(forecast(fit, h = 5, intervals = "conformal")),
            conf(forecast(ft, h = 5, level = c(50, 80, 95), intervals = "conformal")),
            conf(forecast(fs, intervals = "conformal", level = c(60, 80)))))
# ---- end of issue 15 block ----
cat(sprintf("R: %d windows, forecast %s\n", dim(w$x)[1], paste(sprintf("%.6f", fc$mean), collapse = " ")))
# column numbers index the columns as given, the date and a text column
# counted: the same numbers select the same columns in both hosts
px <- utils::read.csv(csv, stringsAsFactors = FALSE)[1:60, ]
px$Date <- as.Date(px$Date)
px <- data.frame(px[c("Date", "Open")], Symbol = "DJIA", px[c("High", "Low", "Close", "Volume")])
sel <- list(list(6, 2), list(6, c(2, 4, 6)), list(7, 7), list(c(4, 6), c(6, 4)), list(5, NULL))
picked <- vapply(sel, function(s) {
  w <- rnn_windows(px, target = s[[1]], features = s[[2]], window = 5)
  paste(paste(w$meta$target, collapse = ","), paste(w$meta$features, collapse = ","))
}, "")
writeLines(picked, file.path(dir, "ts_columns.txt"))
