# issue 15, covariates: columns a model reads but does not predict.
# Calendar features are made by the core (rnn_calendar_features) from the
# dates; exogenous columns come from the data, their future from newdata.

air <- rnn_example_data("air")

# The recursive forecast by hand: one step at a time with predict() on
# the scaled window, the prediction fed back into the target columns and
# the known future covariates (scaled) into the others.
manual_forecast <- function(fit, future, h) {
  prep <- fit$prep
  f <- prep$meta$features
  tg <- prep$meta$target
  W <- prep$meta$window
  v <- prep$data$values
  sc <- function(m) sweep(sweep(m, 2, prep$scaler$center[f]), 2, prep$scaler$scale[f], "/")
  win <- sc(v[(nrow(v) - W + 1):nrow(v), f, drop = FALSE])
  fut <- sc(future)
  out <- numeric(h)
  for (k in seq_len(h)) {
    p <- predict(fit, array(win, c(1, W, length(f))))
    out[k] <- p * prep$scaler$scale[[tg]] + prep$scaler$center[[tg]]
    row <- fut[k, ]
    row[tg] <- p
    win <- rbind(win[-1, , drop = FALSE], row)
  }
  out
}

test_that("calendar features are sin and cos of R's own $wday, $mon and quarter", {
  days <- as.Date("1999-12-25") + 0:800
  lt <- as.POSIXlt(days)
  cal <- .Call(rnnkit:::rnnkit_calendar, as.double(days), c("wday", "month", "quarter"))
  expect_identical(colnames(cal), c("wday_sin", "wday_cos", "month_sin", "month_cos",
                                    "quarter_sin", "quarter_cos"))
  expect_equal(cal[, "wday_sin"], sin(2 * pi * lt$wday / 7), tolerance = 1e-15)
  expect_equal(cal[, "wday_cos"], cos(2 * pi * lt$wday / 7), tolerance = 1e-15)
  expect_equal(cal[, "month_sin"], sin(2 * pi * lt$mon / 12), tolerance = 1e-15)
  expect_equal(cal[, "month_cos"], cos(2 * pi * lt$mon / 12), tolerance = 1e-15)
  expect_equal(cal[, "quarter_cos"], cos(2 * pi * (lt$mon %/% 3) / 4), tolerance = 1e-15)
  # the position in the cycle comes back exactly
  expect_identical(round(atan2(cal[, "wday_sin"], cal[, "wday_cos"]) / (2 * pi) * 7) %% 7,
                   as.double(lt$wday))
  # dates before 1970 too
  old <- as.Date("1901-03-01") + 0:30
  c2 <- .Call(rnnkit:::rnnkit_calendar, as.double(old), "wday")
  expect_equal(c2[, 1], sin(2 * pi * as.POSIXlt(old)$wday / 7), tolerance = 1e-15)
})

test_that("rnn_windows(calendar =) adds unscaled columns; auto picks the cycle of the dates", {
  w <- rnn_windows(air, window = 12, calendar = "auto", test = 24)
  expect_identical(w$meta$calendar, "month")
  expect_identical(w$meta$features, c("Passengers", "month_sin", "month_cos"))
  expect_identical(dim(w$x), c(132L, 12L, 3L))
  expect_identical(unname(w$scaler$center[c("month_sin", "month_cos")]), c(0, 0))
  expect_identical(unname(w$scaler$scale[c("month_sin", "month_cos")]), c(1, 1))
  mon <- as.POSIXlt(air$Date)$mon
  expect_equal(w$data$values[, "month_cos"], cos(2 * pi * mon / 12), tolerance = 1e-15)
  # window 1's inputs are rows 1..12, unscaled
  expect_identical(w$x[1, , "month_sin"], w$data$values[1:12, "month_sin"])
  expect_output(print(w), "calendar features: month")
  # daily data: day of the week
  dj <- rnn_example_data("djia")
  wd <- rnn_windows(dj, window = 5, calendar = "auto")
  expect_identical(wd$meta$calendar, "wday")
  expect_equal(wd$data$values[, "wday_sin"], sin(2 * pi * as.POSIXlt(dj$Date)$wday / 7),
               tolerance = 1e-15)
  # quarterly ts: quarter
  q <- stats::ts(1:40 + rep(c(0, 5, 2, -3), 10), start = c(2000, 1), frequency = 4)
  expect_identical(rnn_windows(q, window = 4, calendar = "auto")$meta$calendar, "quarter")
  # several kinds; the default keeps today's windows
  w2 <- rnn_windows(air, window = 12, calendar = c("month", "quarter"))
  expect_identical(w2$meta$calendar, c("month", "quarter"))
  w0 <- rnn_windows(air, window = 12)
  expect_null(w0$meta$calendar)
  expect_identical(w0$x, rnn_windows(air, window = 12, calendar = "none")$x)
  expect_identical(dim(w0$x)[3], 1L)
})

test_that("bad calendar requests are refused with classed errors", {
  expect_error(rnn_windows(air, window = 12, calendar = "weekly"), class = "rnnkit_error_input",
               regexp = "unknown calendar feature")
  expect_error(rnn_windows(air, window = 12, calendar = c("auto", "month")),
               class = "rnnkit_error_input")
  expect_error(rnn_windows(air, window = 12, calendar = NA), class = "rnnkit_error_input")
  expect_error(rnn_windows(air$Passengers, window = 12, calendar = "month"),
               class = "rnnkit_error_input", regexp = "need dates")
  # "auto" without dates: none
  expect_null(rnn_windows(air$Passengers, window = 12, calendar = "auto")$meta$calendar)
  clash <- air
  clash$month_sin <- 1
  expect_error(rnn_windows(clash, target = "Passengers", window = 12, calendar = "month"),
               class = "rnnkit_error_input", regexp = "month_sin")
})

test_that("a model with calendar features forecasts recursively, as by hand", {
  set.seed(3)
  fit <- rnn_fit(rnn_windows(air, window = 12, calendar = "auto", test = 24, transform = "none"),
                 cell = "lstm", units = 4, epochs = 3, verbose = FALSE)
  h <- 15
  fc <- forecast(fit, h = h, npaths = 50, seed = 2)
  expect_match(fc$method, "recursive")
  dates <- seq(as.Date("1961-01-01"), by = "month", length.out = h)
  expect_identical(fc$dates, dates)
  fut <- cbind(Passengers = NA, month_sin = sin(2 * pi * as.POSIXlt(dates)$mon / 12),
               month_cos = cos(2 * pi * as.POSIXlt(dates)$mon / 12))
  expect_equal(as.numeric(fc$mean), manual_forecast(fit, fut, h), tolerance = 1e-12)
  expect_identical(dim(fc$paths), c(50L, 15L))
  expect_true(all(is.finite(fc$paths)))
  # same seed, same paths; predict() and accuracy() work
  expect_identical(forecast(fit, h = h, npaths = 50, seed = 2)$paths, fc$paths)
  p <- predict(fit, air)
  expect_gte(nrow(p), 132L)
  expect_s3_class(accuracy(fit), "data.frame")
  # from newdata (the model recomputes its calendar from newdata's dates)
  fn <- forecast(fit, h = 5, level = NULL, newdata = air[1:100, ])
  expect_identical(fn$dates, seq(air$Date[100], by = "month", length.out = 6)[-1])
  # saveRDS and the model file carry what is needed
  f <- tempfile(fileext = ".rnnkit")
  rnn_save(fit, f)
  back <- rnn_load(f)
  expect_identical(back$prep$meta$calendar, "month")
  expect_identical(forecast(back, h = h, npaths = 50, seed = 2)$paths, fc$paths)
  r <- tempfile(fileext = ".rds")
  saveRDS(fit, r)
  expect_identical(forecast(readRDS(r), h = h, level = NULL)$mean,
                   forecast(fit, h = h, level = NULL)$mean)
})

test_that("ensembles and transforms forecast with calendar features too", {
  set.seed(4)
  fit <- rnn_fit(rnn_windows(air, window = 12, calendar = "month", transform = "sdiff"),
                 cell = "gru", units = 3, epochs = 2, ensemble = 2, verbose = FALSE)
  fc <- forecast(fit, h = 13, npaths = 40, seed = 1)
  expect_true(all(is.finite(fc$mean)))
  expect_true(all(fc$mean >= fc$lower[, 1] - 1e-9 | fc$mean <= fc$upper[, 1] + 1e-9))
})

test_that("an exogenous column is read; its future comes from newdata's rows after the data", {
  set.seed(5)
  n <- 120
  x <- round(sin(seq_len(n) / 3) * 10 + rnorm(n), 3)
  y <- 50 + cumsum(rnorm(n)) + c(0, 2 * x[-n])
  d <- data.frame(Date = as.Date("2020-01-01") + seq_len(n) - 1, y = y, x = x)
  fit <- rnn_fit(rnn_windows(d, target = "y", features = c("y", "x"), window = 6),
                 units = 4, epochs = 3, verbose = FALSE)
  h <- 8
  xf <- round(sin((n + seq_len(h)) / 3) * 10, 3)
  nd <- rbind(d, data.frame(Date = max(d$Date) + seq_len(h), y = NA, x = xf))
  fc <- forecast(fit, h = h, newdata = nd, npaths = 30, seed = 1)
  expect_identical(fc$dates, max(d$Date) + seq_len(h))
  expect_equal(as.numeric(fc$mean), manual_forecast(fit, cbind(y = NA, x = xf), h),
               tolerance = 1e-12)
  # one step needs no future
  expect_length(forecast(fit, h = 1, level = NULL)$mean, 1)
  # h - 1 future rows are read: the last step's row is never an input
  expect_identical(forecast(fit, h = 3, newdata = nd[1:(n + 2), ], level = NULL)$mean[1:3],
                   fc$mean[1:3])
  expect_error(forecast(fit, h = h), class = "rnnkit_error_input", regexp = "newdata")
  expect_error(forecast(fit, h = h, newdata = nd[1:(n + 3), ]), class = "rnnkit_error_dim",
               regexp = "needs 7")
  bad <- nd
  bad$x[n + 2] <- NA
  expect_error(forecast(fit, h = h, newdata = bad), class = "rnnkit_error_input",
               regexp = "future value of x at step 2")
  # a model that does not read its target still forecasts only directly
  fit2 <- rnn_fit(rnn_windows(d, target = "y", features = "x", window = 6), units = 2,
                  epochs = 1, verbose = FALSE)
  expect_error(forecast(fit2, h = 3), class = "rnnkit_error_input", regexp = "does not read")
})

test_that("a backtest runs with calendar features", {
  set.seed(6)
  bt <- rnn_backtest(air, window = 12, calendar = "auto", origins = 2, h = 6, units = 2,
                     epochs = 1, verbose = FALSE)
  expect_true(all(is.finite(bt$RMSE)))
})
