# The analyst's workflow: windows with dates, splits, scaling, forecasts,
# accuracy and backtests on data frames and time series.

px <- rnn_example_data()
small <- px[1:300, ]

test_that("rnn_example_data loads the bundled DJIA series with dates", {
  expect_s3_class(px$Date, "Date")
  expect_equal(names(px), c("Date", "Open", "High", "Low", "Close", "Volume"))
  expect_equal(nrow(px), 2518)
  expect_error(rnn_example_data("djai"), 'Did you mean "djia"', class = "rnnkit_error_input")
})

test_that("rnn_example_data loads the bundled monthly airline series", {
  air <- rnn_example_data("air")
  expect_equal(names(air), c("Date", "Passengers"))
  expect_s3_class(air$Date, "Date")
  expect_equal(air$Passengers, as.numeric(datasets::AirPassengers))
  expect_equal(range(air$Date), as.Date(c("1949-01-01", "1960-12-01")))
  w <- rnn_windows(air, target = "Passengers", window = 12, test = 24, transform = "sdiff")
  expect_equal(w$meta$period, 12) # monthly dates give the season
})

test_that("windows keep shapes, target dates and the OHLC defaults", {
  w <- rnn_windows(small, window = 30, scale = "none")
  expect_equal(w$meta$features, c("Open", "High", "Low", "Close"))
  expect_equal(w$meta$target, "Close")
  expect_equal(dim(w$x), c(270, 30, 4))
  expect_equal(w$x[1, , "High"], small$High[1:30])
  expect_equal(w$y[1:3], small$Close[31:33])
  expect_equal(w$index$date[1:3], small$Date[31:33])
  expect_equal(w$naive[1:3, 1], small$Close[30:32])
  # stride keeps the newest window and steps back from it
  ws <- rnn_windows(small, window = 30, stride = 7, scale = "none")
  expect_equal(tail(ws$index$target_row, 1), 300)
  expect_equal(diff(ws$index$target_row), rep(7, nrow(ws$index) - 1))
  # direct multi-step targets
  wh <- rnn_windows(small, features = "Close", window = 10, horizon = 3, scale = "none")
  expect_equal(dim(wh$y), c(288, 3))
  expect_equal(unname(wh$y[1, ]), small$Close[11:13])
  expect_equal(colnames(wh$y), c("Close+1", "Close+2", "Close+3"))
})

test_that("the scaler is fit on the training rows only", {
  split <- as.Date("2007-01-02")
  w <- rnn_windows(small, features = c("Open", "Close"), window = 20, split = split)
  n_fit <- sum(small$Date < split)
  expect_equal(w$scaler$n_rows, n_fit)
  expect_equal(unname(w$scaler$center), c(min(small$Open[1:n_fit]), min(small$Close[1:n_fit])))
  expect_equal(unname(w$scaler$scale[2]), diff(range(small$Close[1:n_fit])))
  # changing the test period changes nothing the model learns from
  alt <- small
  alt$Close[small$Date >= split] <- alt$Close[small$Date >= split] * 3
  w2 <- rnn_windows(alt, features = c("Open", "Close"), window = 20, split = split)
  tr <- w$index$set == "train"
  expect_identical(w2$scaler, w$scaler)
  expect_identical(w2$x[tr, , ], w$x[tr, , ])
  expect_true(all(w$index$date[tr] < split))
  expect_true(all(w$index$date[w$index$set == "test"] >= split))
  z <- rnn_windows(small, features = "Close", window = 20, split = split, scale = "zscore")
  expect_equal(unname(z$scaler$center), mean(small$Close[1:n_fit]))
  expect_equal(unname(z$scaler$scale), sd(small$Close[1:n_fit]))
  expect_equal(z$y[1], (small$Close[21] - mean(small$Close[1:n_fit])) / sd(small$Close[1:n_fit]))
})

test_that("windows cut by another scaler are put on the model's scale (rnn_rescale)", {
  w <- rnn_windows(small, features = "Close", window = 10, test = 20)
  fit <- rnn_fit(w, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  z <- rnn_windows(small, features = "Close", window = 10, test = 20, scale = "zscore")
  expect_equal(predict(fit, z)$predicted, predict(fit, w)$predicted, tolerance = 1e-12)
  expect_false(isTRUE(all.equal(predict(fit, z$x), predict(fit, w$x))))
})

test_that("test = k holds out the last k windows", {
  w <- rnn_windows(small, features = "Close", window = 10, test = 25)
  expect_equal(sum(w$index$set == "test"), 25)
  expect_equal(w$scaler$n_rows, 300 - 25)
  expect_equal(max(w$index$target_row[w$index$set == "train"]), 275)
  expect_error(rnn_windows(small, window = 10, test = 25, split = as.Date("2006-08-01")),
               "not both", class = "rnnkit_error_input")
  expect_error(rnn_windows(1:50 + 0, window = 5, split = as.Date("2020-01-01")),
               "needs dates", class = "rnnkit_error_input")
  expect_error(rnn_windows(small, window = 10, split = as.Date("2030-01-01")),
               "no test window", class = "rnnkit_error_dim")
})

test_that("missing values: a dated error, omit or locf", {
  holes <- small
  holes$Open[40] <- NA
  expect_error(rnn_windows(holes, window = 10), class = "rnnkit_error_input")
  expect_error(rnn_windows(holes, window = 10), paste0("row 40 \\(", holes$Date[40], "\\), column Open"))
  w <- rnn_windows(holes, window = 10, na = "omit", scale = "none")
  # windows whose inputs cover row 40 are gone; Open is not a target
  expect_equal(nrow(w$index), 290 - 10)
  expect_false(any(w$index$start %in% 31:40))
  l <- rnn_windows(holes, window = 10, na = "locf", scale = "none")
  expect_equal(unname(l$x[31, 10, "Open"]), small$Open[39])
  holes$Close[1] <- NA
  expect_error(rnn_windows(holes, window = 10, na = "locf"), "no earlier value",
               class = "rnnkit_error_input")
  expect_error(rnn_windows(small, window = 10, na = "drop"), class = "rnnkit_error_input")
})

test_that("ts, zoo and xts series window with their dates", {
  s <- ts(sin(1:120 / 6) + 2, start = c(2001, 1), frequency = 12)
  w <- rnn_windows(s, window = 12, scale = "none")
  expect_equal(w$index$date[1], as.Date("2002-01-01"))
  expect_equal(w$y[1], as.numeric(s)[13])
  skip_if_not_installed("zoo")
  z <- zoo::zoo(small$Close, small$Date)
  wz <- rnn_windows(z, window = 5, scale = "none")
  expect_equal(wz$index$date, small$Date[6:300])
  skip_if_not_installed("xts")
  x <- xts::xts(as.matrix(small[c("Open", "Close")]), small$Date)
  wx <- rnn_windows(x, window = 5, scale = "none")
  expect_equal(wx$meta$target, "Close")
  expect_equal(wx$y, small$Close[6:300])
})

next_weekday <- function(d) {
  d <- d + 1
  while (format(d, "%u") %in% c("6", "7")) d <- d + 1
  d
}

fit_close <- function(data = small, ...) {
  w <- rnn_windows(data, features = "Close", window = 10, ...)
  rnn_fit(w, units = 6, epochs = 3, batch_size = 32, seed = 7, verbose = FALSE, threads = 1L)
}

test_that("predictions come back in original units with dates and the naive forecast", {
  w <- rnn_windows(small, features = "Close", window = 10, test = 40)
  fit <- rnn_fit(w, units = 6, epochs = 3, seed = 7, verbose = FALSE, threads = 1L)
  p <- predict(fit, w)
  raw <- predict(fit, w$x) # the model's own (scaled) units
  expect_equal(p$predicted, raw * w$scaler$scale[["Close"]] + w$scaler$center[["Close"]])
  expect_equal(p$actual, small$Close[11:300])
  expect_equal(p$naive, small$Close[10:299])
  expect_equal(p$date, small$Date[11:300])
  expect_equal(sum(p$set == "test"), 40)
  # a raw series gives every window, the newest one's target beyond the data
  q <- predict(fit, small[261:300, ])
  expect_equal(nrow(q), 31)
  expect_true(is.na(q$actual[31]))
  expect_equal(q$predicted[1:30], tail(p$predicted, 30))
  expect_equal(q$date[31], next_weekday(small$Date[300]))
  expect_error(predict(fit, small[1:5, ]), "windows of 10", class = "rnnkit_error_dim")
  expect_error(predict(fit, small[c("Date", "Open")]), "Close", class = "rnnkit_error_input")
})

test_that("fitted values and residuals are in original units", {
  fit <- fit_close(test = 40)
  expect_equal(fitted(fit) + residuals(fit), small$Close[11:260])
  expect_length(residuals(fit), 250)
  expect_error(residuals(rnn_model("lstm", 3, seed = 1)), "bare arrays", class = "rnnkit_error_input")
})

test_that("the formula interface is the windows route", {
  a <- rnn_fit(Close ~ Open + Close, data = small, window = 10, test = 20, units = 4, epochs = 2,
               seed = 3, verbose = FALSE)
  w <- rnn_windows(small, target = "Close", features = c("Open", "Close"), window = 10, test = 20)
  b <- rnn_fit(w, units = 4, epochs = 2, seed = 3, verbose = FALSE)
  expect_identical(a$params, b$params)
  expect_equal(a$prep$meta$features, c("Open", "Close"))
  d <- rnn_fit(Close ~ ., data = small[c("Date", "Open", "Close")], window = 10, units = 4,
               epochs = 1, seed = 3, verbose = FALSE)
  expect_equal(d$prep$meta$features, c("Open", "Close"))
  expect_error(rnn_fit(Close ~ Opn, data = small, window = 10), "Opn", class = "rnnkit_error_input")
  expect_error(rnn_fit(w, y = 1), "not needed", class = "rnnkit_error_input")
})

test_that("a recursive forecast feeds the model its own predictions", {
  fit <- fit_close()
  fc <- forecast(fit, h = 4, npaths = 200, seed = 1)
  sc <- fit$prep$scaler
  v <- (small$Close - sc$center[["Close"]]) / sc$scale[["Close"]]
  win <- tail(v, 10)
  manual <- numeric(4)
  for (k in 1:4) {
    manual[k] <- predict(fit, array(win, c(1, 10, 1)))
    win <- c(win[-1], manual[k])
  }
  expect_equal(as.numeric(fc$mean), manual * sc$scale[["Close"]] + sc$center[["Close"]])
  expect_equal(dim(fc$paths), c(200, 4))
  expect_true(all(fc$lower[, "95%"] <= fc$lower[, "80%"] & fc$upper[, "80%"] <= fc$upper[, "95%"]))
  expect_equal(as.numeric(fc$lower[, "80%"]), apply(fc$paths, 2, quantile, 0.1, names = FALSE))
  expect_equal(fc$dates[1], next_weekday(small$Date[300]))
  expect_false(any(format(fc$dates, "%u") %in% c("6", "7")))
  expect_identical(forecast(fit, h = 4, npaths = 200, seed = 1)$paths, fc$paths)
  df <- as.data.frame(fc)
  expect_equal(names(df), c("Point Forecast", "Lo 80", "Hi 80", "Lo 95", "Hi 95", "date"))
  expect_equal(df$`Hi 95`, as.numeric(fc$upper[, "95%"]))
  expect_output(print(fc), "Point Forecast")
  # from the end of other data
  fc2 <- forecast(fit, h = 2, newdata = small[1:100, ], level = NULL)
  expect_equal(fc2$dates[1], small$Date[101])
})

test_that("a direct forecast reads all horizons off one window", {
  w <- rnn_windows(small, features = "Close", window = 10, horizon = 3)
  fit <- rnn_fit(w, units = 5, epochs = 2, seed = 2, verbose = FALSE)
  fc <- forecast(fit, npaths = 100, seed = 1)
  last <- array((tail(small$Close, 10) - w$scaler$center[["Close"]]) / w$scaler$scale[["Close"]], c(1, 10, 1))
  expect_equal(as.numeric(fc$mean),
               as.numeric(predict(fit, last)) * w$scaler$scale[["Close"]] + w$scaler$center[["Close"]])
  expect_true(fc$direct)
  expect_error(forecast(fit, h = 4), class = "rnnkit_error_input")
  ohlc <- rnn_fit(rnn_windows(small, window = 10), units = 3, epochs = 1, seed = 1, verbose = FALSE)
  expect_error(forecast(ohlc, h = 2), "horizon = h", class = "rnnkit_error_input")
  expect_error(forecast(fit, level = 120), class = "rnnkit_error_input")
})

test_that("the core takes the newest window: locf fills it, a gap stops it (issue 14)", {
  fit <- fit_close(na = "locf")
  gap <- filled <- fit
  gap$prep$data$values[299, "Close"] <- NA
  filled$prep$data$values[299, "Close"] <- fit$prep$data$values[298, "Close"]
  expect_identical(forecast(gap, h = 2, level = NULL)$mean, forecast(filled, h = 2, level = NULL)$mean)
  gap$prep$meta$na <- "omit"
  expect_error(forecast(gap, h = 2), "the last 10 rows hold a missing value",
               class = "rnnkit_error_input")
  short <- fit
  short$prep$data$values <- short$prep$data$values[1:5, , drop = FALSE]
  expect_error(forecast(short, h = 2), "the data have 5 rows; the model needs a window of 10",
               class = "rnnkit_error_dim")
})

test_that("95% intervals cover about 95% of a process with known noise", {
  set.seed(11)
  n <- 1400
  e <- rnorm(n)
  y <- numeric(n)
  for (t in 2:n) y[t] <- 0.6 * y[t - 1] + e[t]
  w <- rnn_windows(y, window = 5, test = 300, scale = "zscore")
  fit <- rnn_fit(w, cell = "gru", units = 4, epochs = 15, batch_size = 32, seed = 5, verbose = FALSE)
  origins <- 1100:1399
  hit <- vapply(origins, function(o) {
    fc <- forecast(fit, h = 1, level = 95, npaths = 400, newdata = y[(o - 4):o], seed = o)
    y[o + 1] >= fc$lower[1, 1] && y[o + 1] <= fc$upper[1, 1]
  }, TRUE)
  expect_gt(mean(hit), 0.90)
  expect_lt(mean(hit), 0.99)
})

test_that("accuracy matches hand-computed values and always shows the naive row", {
  a <- c(10, 12, 11, 13)
  f <- c(11, 11, 12, 12)
  nv <- c(9, 9, 9, 9)
  tab <- rnnkit:::accuracy_table("m", "y", matrix(a), matrix(f), matrix(nv), 2)
  expect_equal(tab$RMSE, c(1, sqrt(mean((a - nv)^2))))
  expect_equal(tab$MAE, c(1, mean(abs(a - nv))))
  expect_equal(tab$MAPE, 100 * c(mean(abs(a - f) / a), mean(abs(a - nv) / a)))
  expect_equal(tab$MASE, c(0.5, mean(abs(a - nv)) / 2))
  expect_equal(tab$model, c("m", "naive"))
  # a forecast against what followed
  fit <- fit_close(data = small[1:250, ])
  fc <- forecast(fit, h = 5, npaths = 50, seed = 1)
  acc <- accuracy(fc, small)
  act <- small$Close[251:255]
  expect_equal(acc$RMSE[1], sqrt(mean((act - fc$mean)^2)))
  expect_equal(acc$MAE[2], mean(abs(act - small$Close[250])))
  expect_equal(acc$MASE[1], mean(abs(act - fc$mean)) / mean(abs(diff(small$Close[1:250]))))
  expect_equal(accuracy(fc, act)$RMSE, acc$RMSE)
  # the model's stored test part, and a prediction object, agree
  fit2 <- fit_close(test = 30)
  a1 <- accuracy(fit2)
  p <- predict(fit2, rnn_windows(small, features = "Close", window = 10, test = 30))
  tp <- p[p$set == "test", ]
  expect_equal(a1$RMSE[1], sqrt(mean((tp$actual - tp$predicted)^2)))
  expect_equal(a1$MASE[2], mean(abs(tp$actual - tp$naive)) / mean(abs(diff(small$Close[1:270]))))
  # issue 15: the model's table adds the drift row; so does the table of
  # its predictions (the core's, kept with them), while a subset of them
  # is scored on model and naive
  expect_equal(a1$model, c("LSTM(6)", "naive", "drift"))
  expect_equal(accuracy(p)$RMSE, a1$RMSE)
  expect_equal(accuracy(tp)$RMSE, a1$RMSE[1:2]) # a subset: model and naive
  expect_output(print(a1), "naive")
  expect_error(accuracy(fit_close()), "without a test part", class = "rnnkit_error_input")
})

test_that("models from windows survive saveRDS and forecast identically", {
  fit <- fit_close(test = 30)
  f <- tempfile(fileext = ".rds")
  saveRDS(fit, f)
  back <- readRDS(f)
  expect_identical(predict(back, small), predict(fit, small))
  expect_identical(forecast(back, h = 3, seed = 4)$paths, forecast(fit, h = 3, seed = 4)$paths)
})

test_that("rnn_backtest scores every origin against the naive forecast", {
  bt <- rnn_backtest(small, features = "Close", window = 10, origins = 3, h = 15, units = 4,
                     epochs = 2, verbose = FALSE, seed = 1)
  expect_s3_class(bt, "rnnkit_backtest")
  expect_equal(nrow(bt), 9) # issue 15: model, naive and drift per origin
  expect_equal(bt$model, rep(c("LSTM(4)", "naive", "drift"), 3))
  expect_equal(bt$n, rep(15L, 9))
  expect_equal(unique(bt$n_train), c(245, 260, 275))
  expect_true(all(diff(unique(bt$date)) > 0))
  up <- rnn_backtest(small, features = "Close", window = 10, origins = 2, h = 15, units = 4,
                     epochs = 2, verbose = FALSE, seed = 1, method = "update", update_epochs = 1)
  expect_equal(nrow(up), 6)
  expect_output(print(up), "Mean over origins")
  # every score is rounded, DA too, and the means keep the table's model order
  out <- capture.output(print(bt, digits = 3))
  expect_false(any(grepl("\\.[0-9]{5,}", out)))
  means <- out[(grep("Mean over origins", out) + 2):length(out)]
  expect_equal(sub("^ *([^ ]+) .*$", "\\1", means), c("LSTM(4)", "naive", "drift"))
  expect_true(grepl("DA", out[grep("Mean over origins", out) + 1]))
  expect_error(rnn_backtest(small, window = 10, origins = 100, h = 15), class = "rnnkit_error_dim")
  expect_error(rnn_backtest(small, window = 10, test = 3), "sets the splits", class = "rnnkit_error_input")
})

test_that("plots draw: loss curves, forecasts, predictions vs actual", {
  fit <- fit_close(test = 30)
  pdf(NULL)
  on.exit(dev.off())
  expect_silent(plot(forecast(fit, h = 5, npaths = 50, seed = 1)))
  p <- predict(fit, small)
  expect_silent(plot(p))
  expect_silent(plot(fit))
})

test_that("the forecast package's generics and autoplot take rnnkit forecasts", {
  skip_if_not_installed("forecast")
  fit <- fit_close(data = small[1:250, ])
  fc <- forecast::forecast(fit, h = 5, npaths = 50, seed = 1)
  expect_s3_class(fc, "forecast")
  expect_equal(forecast::accuracy(fc, small)$RMSE, accuracy(fc, small)$RMSE)
  skip_if_not_installed("ggplot2")
  g <- ggplot2::autoplot(fc)
  expect_s3_class(g, "ggplot")
  expect_silent(ggplot2::ggplot_build(g))
})

test_that("models from windows survive the portable model file", {
  fit <- fit_close(test = 30)
  f <- tempfile(fileext = ".rnnkit")
  rnn_save(fit, f)
  back <- rnn_load(f)
  expect_identical(back$prep, fit$prep)
  expect_identical(predict(back, small), predict(fit, small))
  expect_identical(forecast(back, h = 3, seed = 4)$paths, forecast(fit, h = 3, seed = 4)$paths)
  expect_equal(accuracy(back), accuracy(fit))
})

test_that("windows refuse sparse_ce, as in Octave (issue 14: the hosts drifted)", {
  w <- rnn_windows(sin(seq_len(60) / 5), window = 5, test = 10)
  expect_error(rnn_fit(w, loss = "sparse_ce", epochs = 1, verbose = FALSE),
               "forecasts numbers.*sparse_ce", class = "rnnkit_error_input")
})

test_that("the core plans windows: labels, split, scaler rows and naive values", {
  v <- (1:40)^2
  w <- rnn_windows(v, window = 4, horizon = 2, stride = 3, test = 3)
  # starts step back from the newest (35): 2, 5, ..., 35
  expect_identical(w$index$start, seq(2L, 35L, by = 3L))
  expect_identical(w$data$split_row, w$index$target_row[10])
  expect_identical(w$index$set, c(rep("train", 9), rep("test", 3)))
  # windows whose targets straddle the split are a gap
  g <- rnn_windows(v, window = 4, horizon = 3, test = 3)
  expect_identical(g$data$split_row, 36L)
  expect_identical(g$index$set, c(rep("train", 29), "gap", "gap", rep("test", 3)))
  expect_identical(w$scaler$n_rows, w$data$split_row - 1L)
  expect_identical(unname(w$scaler$scale), v[w$scaler$n_rows] - v[1])
  expect_identical(unname(w$naive[, 1]), v[w$index$target_row - 1L])
  expect_error(rnn_windows(v, window = 4, test = 36), "at most 35 can test",
               class = "rnnkit_error_input")
})
