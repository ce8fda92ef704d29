# Target transforms (issue 15): the core transforms the target before the
# scaler and undoes it after, so predictions, fitted values, residuals,
# forecasts and accuracy are in the series' own units.

djia <- function() read.csv(system.file("extdata", "djia.csv", package = "rnnkit"))

# A model whose network outputs 0 on its own scale (all weights zero);
# with scale = "none" that is a predicted change of exactly 0.
zero_model <- function(w) {
  m <- rnn_fit(w, units = 3, epochs = 1, verbose = FALSE, seed = 1)
  m$params[] <- 0
  m
}

test_that("diff windows hold the differences, scaled after the transform on training rows", {
  d <- djia()[1:80, ]
  w <- rnn_windows(d, target = "Close", features = "Close", window = 5, transform = "diff",
                   scale = "none", test = 10)
  cl <- d$Close
  # the first window starts at row 2: row 1 is lost to differencing
  expect_identical(w$index$start[1], 2L)
  expect_equal(w$x[1, , 1], diff(cl)[1:5], tolerance = 0)
  expect_equal(unname(w$y[1]), cl[7] - cl[6], tolerance = 0)
  wm <- rnn_windows(d, target = "Close", features = "Close", window = 5, transform = "diff", test = 10)
  n_fit <- wm$scaler$n_rows
  dd <- diff(cl[1:n_fit])
  expect_identical(unname(wm$scaler$center[["Close"]]), min(dd))
  expect_identical(unname(wm$scaler$scale[["Close"]]), max(dd) - min(dd))
  expect_equal(wm$meta$transform, "diff")
})

test_that("a model on diff windows predicts and forecasts in price units", {
  d <- djia()[1:300, ]
  w <- rnn_windows(d, target = "Close", features = "Close", window = 10, transform = "diff", test = 20)
  m <- rnn_fit(w, units = 4, epochs = 2, verbose = FALSE, seed = 3)
  p <- predict(m, w)
  # one-step predictions are the last level plus a change of a few points
  expect_lt(max(abs(p$predicted - p$naive)), 0.05 * mean(d$Close))
  expect_equal(p$actual, d$Close[w$index$target_row])
  fc <- forecast(m, h = 5, seed = 1)
  expect_lt(abs(fc$mean[1] - d$Close[300]), 0.05 * d$Close[300])
  expect_true(all(fc$lower[, 1] <= fc$upper[, 1]))
  f <- fitted(m)
  r <- residuals(m)
  expect_equal(f + r, d$Close[m$fitted_rows], tolerance = 1e-12)
  expect_lt(max(abs(f - d$Close[m$fitted_rows - 1])), 0.05 * mean(d$Close))
  a <- accuracy(p)
  expect_identical(a$model[2], "naive")
})

test_that("metamorphic: a zero change on diff windows is the naive forecast, exactly", {
  d <- djia()[1:200, ]
  w <- rnn_windows(d, target = "Close", features = "Close", window = 8, transform = "diff",
                   scale = "none", test = 30)
  m <- zero_model(w)
  p <- predict(m, w)
  expect_identical(p$predicted, p$naive)
  a <- accuracy(p)
  expect_identical(unname(unlist(a[1, c("RMSE", "MAE", "MAPE", "MASE")])),
                   unname(unlist(a[2, c("RMSE", "MAE", "MAPE", "MASE")])))
  fc <- forecast(m, h = 4, level = NULL)
  expect_identical(as.numeric(fc$mean), rep(d$Close[200], 4))
  # a direct model of horizon 3: cumulative sums of zero changes
  w3 <- rnn_windows(d, target = "Close", features = "Close", window = 8, horizon = 3,
                    transform = "diff", scale = "none", test = 30)
  m3 <- zero_model(w3)
  expect_identical(as.numeric(forecast(m3, level = NULL)$mean), rep(d$Close[200], 3))
  # log returns of zero: the last level, exactly
  wl <- rnn_windows(d, target = "Close", features = "Close", window = 8, transform = "logdiff",
                    scale = "none", test = 30)
  expect_identical(as.numeric(forecast(zero_model(wl), h = 3, level = NULL)$mean), rep(d$Close[200], 3))
})

test_that("sdiff takes its period from the ts frequency or monthly dates, and forecasts past it", {
  x <- ts(100 + 10 * sin(2 * pi * (1:72) / 12) + (1:72) / 4, frequency = 12, start = c(2015, 1))
  w <- rnn_windows(x, window = 6, transform = "sdiff", scale = "none", test = 6)
  expect_identical(w$meta$period, 12L)
  expect_identical(w$index$start[1], 13L)
  expect_equal(unname(w$y[1]), x[19] - x[7], tolerance = 0)
  dm <- data.frame(Date = seq(as.Date("2015-01-01"), by = "month", length.out = 72), y = as.numeric(x))
  expect_identical(rnn_windows(dm, window = 6, transform = "sdiff", test = 6)$meta$period, 12L)
  dq <- data.frame(Date = seq(as.Date("2015-01-01"), by = "quarter", length.out = 40), y = 1:40 + 0)
  expect_identical(rnn_windows(dq, window = 4, transform = "sdiff", test = 4)$meta$period, 4L)
  expect_identical(rnn_windows(dm, window = 6, transform = "sdiff", period = 3, test = 6)$meta$period, 3L)
  # a zero seasonal change repeats the last year, and beyond h = period
  # the forecast's own values
  fc <- forecast(zero_model(w), h = 30, level = NULL)
  expect_identical(as.numeric(fc$mean), as.numeric(x)[c(61:72, 61:72, 61:66)])
})

test_that("the transform survives rnn_save/rnn_load and saveRDS", {
  d <- djia()[1:150, ]
  w <- rnn_windows(d, target = "Close", features = "Close", window = 6, transform = "logdiff", test = 10)
  m <- rnn_fit(w, units = 3, epochs = 1, verbose = FALSE, seed = 2)
  f <- tempfile(fileext = ".rnnkit")
  on.exit(unlink(f))
  rnn_save(m, f)
  m2 <- rnn_load(f)
  expect_identical(m2$prep$meta, m$prep$meta)
  expect_identical(forecast(m2, h = 3, seed = 4)$mean, forecast(m, h = 3, seed = 4)$mean)
  r <- tempfile(fileext = ".rds")
  on.exit(unlink(r), add = TRUE)
  saveRDS(m, r)
  expect_identical(predict(readRDS(r), w), predict(m, w))
})

test_that("bad transforms and logs of non-positive values are classed errors", {
  d <- djia()[1:100, ]
  expect_error(rnn_windows(d, target = "Close", transform = "dif"), class = "rnnkit_error_input",
               regexp = 'Did you mean "diff"')
  expect_error(rnn_windows(d, target = "Close", transform = "diff", period = 5),
               class = "rnnkit_error_input", regexp = "sdiff")
  expect_error(rnn_windows(d, target = "Close", transform = "sdiff"), class = "rnnkit_error_input",
               regexp = "period")
  d$Close[7] <- 0
  expect_error(rnn_windows(d, target = "Close", transform = "log"), class = "rnnkit_error_input",
               regexp = "column Close holds 0 in row 7")
  expect_error(rnn_windows(d, target = "Close", transform = "logdiff"), class = "rnnkit_error_input")
  expect_true("sdiff" %in% names(rnnkit:::schema()$transform))
})

test_that("the formula interface passes the transform on", {
  d <- djia()[1:120, ]
  m <- rnn_fit(Close ~ Close, data = d, window = 6, test = 10, transform = "diff", units = 2,
               epochs = 1, seed = 1, verbose = FALSE)
  expect_identical(m$prep$meta$transform, "diff")
})

test_that("Box-Cox: lambda 0 is the log, exactly; its forecasts invert the power", {
  d <- djia()[1:150, ]
  expect_error(rnn_windows(d, target = "Close", transform = "boxcox"), class = "rnnkit_error_input",
               regexp = "lambda")
  expect_error(rnn_windows(d, target = "Close", lambda = 0.5), class = "rnnkit_error_input")
  wb <- rnn_windows(d, target = "Close", features = "Close", window = 6, test = 10,
                    transform = "boxcox", lambda = 0)
  wl <- rnn_windows(d, target = "Close", features = "Close", window = 6, test = 10, transform = "log")
  expect_identical(wb$x, wl$x)
  mb <- rnn_fit(wb, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  ml <- rnn_fit(wl, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  expect_identical(forecast(mb, h = 3, seed = 1)$mean, forecast(ml, h = 3, seed = 1)$mean)
  w2 <- rnn_windows(d, target = "Close", features = "Close", window = 6, test = 10,
                    transform = "boxcox", lambda = 0.5, scale = "none")
  expect_equal(unname(w2$y[1]), 2 * (sqrt(d$Close[7]) - 1), tolerance = 1e-14)
  m2 <- rnn_fit(w2, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  m2$params[] <- 0 # a constant output 0: (0 * 0.5 + 1)^2 = 1
  expect_identical(as.numeric(forecast(m2, h = 2, level = NULL)$mean), c(1, 1))
})

# ---- combined transforms (issue 15): a power step, then differences ----
air <- function() rnn_example_data("air")

# The core's inverse of the windows' own targets: apply then invert.
invert_own_targets <- function(w) {
  m <- w$meta
  v <- w$data$values
  used <- colnames(v)
  .Call(rnnkit:::rnnkit_series_eval, v, match(m$target, used), m$horizon,
        as.integer(w$index$target_row), w$y, unname(w$scaler$center[used]),
        unname(w$scaler$scale[used]), NULL, v, 0L, 1L, rnnkit:::transform_code(m))
}

test_that("combined transforms, applied then undone by the core, give the airline data back", {
  a <- air()
  for (tf in list(c("log", "sdiff"), c("boxcox", "sdiff"), c("diff", "sdiff"),
                  c("log", "diff", "sdiff"), c("boxcox", "diff"))) {
    for (h in c(1, 3)) {
      w <- rnn_windows(a, target = "Passengers", window = 12, horizon = h, test = 12, transform = tf,
                       lambda = if ("boxcox" %in% tf) 0.3)
      expect_identical(w$meta$transform, tf)
      ev <- invert_own_targets(w)
      expect_true(all(is.finite(ev$pred)))
      expect_lt(max(abs(ev$pred / ev$actual - 1)), 1e-12)
    }
  }
  w <- rnn_windows(a, target = "Passengers", window = 12, test = 12, transform = c("log", "sdiff"),
                   scale = "none")
  x <- a$Passengers
  r <- w$index$target_row[1]
  expect_identical(w$meta$period, 12L)
  expect_identical(w$index$start[1], 13L)
  expect_identical(unname(w$y[1]), log(x[r]) - log(x[r - 12]))
  w2 <- rnn_windows(a, target = "Passengers", window = 12, test = 12, transform = c("diff", "sdiff"),
                    scale = "none")
  expect_identical(w2$index$start[1], 14L)
  expect_identical(unname(w2$y[1]), as.double((x[r + 1] - x[r]) - (x[r - 11] - x[r - 12])))
})

test_that("metamorphic: c(\"log\", \"diff\") is \"logdiff\", bit for bit", {
  d <- djia()[1:200, ]
  args <- list(d, target = "Close", features = "Close", window = 8, horizon = 2, test = 15)
  wl <- do.call(rnn_windows, c(args, list(transform = "logdiff")))
  wc <- do.call(rnn_windows, c(args, list(transform = c("log", "diff"))))
  expect_identical(wc$x, wl$x)
  expect_identical(wc$y, wl$y)
  expect_identical(wc$scaler, wl$scaler)
  ml <- rnn_fit(wl, units = 3, epochs = 2, seed = 5, verbose = FALSE)
  mc <- rnn_fit(wc, units = 3, epochs = 2, seed = 5, verbose = FALSE)
  expect_identical(mc$params, ml$params)
  expect_identical(unclass(predict(mc, wc)), unclass(predict(ml, wl)))
  expect_identical(forecast(mc, h = 2, seed = 9)[c("mean", "lower", "upper")],
                   forecast(ml, h = 2, seed = 9)[c("mean", "lower", "upper")])
  expect_identical(unclass(accuracy(mc))[-1], unclass(accuracy(ml))[-1])
  expect_identical(fitted(mc), fitted(ml))
})

test_that("log then sdiff models the airline passengers in passengers", {
  a <- air()
  w <- rnn_windows(a, target = "Passengers", window = 12, test = 24, transform = c("log", "sdiff"))
  expect_output(print(w), "target transform: log, then sdiff, period 12")
  # a seasonal log change of 0 repeats last year's passengers, also
  # beyond one period (the forecast's own values), to 1e-12
  z <- zero_model(rnn_windows(a, target = "Passengers", window = 12, test = 24,
                              transform = c("log", "sdiff"), scale = "none"))
  fz <- forecast(z, h = 30, level = NULL)
  x <- a$Passengers
  expect_lt(max(abs(as.numeric(fz$mean) / x[c(133:144, 133:144, 133:138)] - 1)), 1e-12)
  m <- rnn_fit(w, units = 8, epochs = 5, seed = 1, verbose = FALSE)
  expect_output(print(m), "target transform: log, then sdiff, period 12")
  expect_output(print(summary(m)), "Target transform: log, then sdiff, period 12")
  p <- predict(m, w)
  expect_equal(p$actual, x[w$index$target_row])
  expect_lt(max(abs(p$predicted / p$actual - 1)), 0.5)
  acc <- accuracy(m)
  expect_identical(acc$model, c(m$prep$meta$model %||% acc$model[1], "naive", "snaive", "drift"))
  fc <- forecast(m, h = 24, seed = 2)
  expect_true(all(fc$mean > 0.5 * x[121:144] & fc$mean < 2 * x[121:144]))
  expect_true(all(fc$lower[, 1] <= fc$upper[, 1] & fc$lower[, 1] > 0))
  expect_equal(fitted(m) + residuals(m), x[m$fitted_rows], tolerance = 1e-12)
})

test_that("combined transforms survive rnn_save/rnn_load and saveRDS", {
  w <- rnn_windows(air(), target = "Passengers", window = 12, test = 12,
                   transform = c("boxcox", "sdiff"), lambda = 0.25)
  m <- rnn_fit(w, units = 3, epochs = 1, verbose = FALSE, seed = 2)
  f <- tempfile(fileext = ".rnnkit")
  on.exit(unlink(f))
  rnn_save(m, f)
  m2 <- rnn_load(f)
  expect_identical(m2$prep$meta, m$prep$meta)
  expect_identical(forecast(m2, h = 14, seed = 4)$mean, forecast(m, h = 14, seed = 4)$mean)
  r <- tempfile(fileext = ".rds")
  on.exit(unlink(r), add = TRUE)
  saveRDS(m, r)
  expect_identical(predict(readRDS(r), w), predict(m, w))
})

test_that("bad combinations of transforms are classed errors that say the order", {
  a <- air()
  expect_error(rnn_windows(a, target = "Passengers", transform = c("sdiff", "log")),
               class = "rnnkit_error_input", regexp = '"log" comes first')
  expect_error(rnn_windows(a, target = "Passengers", transform = c("log", "boxcox"), lambda = 0.5),
               class = "rnnkit_error_input", regexp = "one power step")
  expect_error(rnn_windows(a, target = "Passengers", transform = c("logdiff", "log")),
               class = "rnnkit_error_input", regexp = "one power step")
  expect_error(rnn_windows(a, target = "Passengers", transform = c("none", "diff")),
               class = "rnnkit_error_input", regexp = "none")
  expect_error(rnn_windows(a, target = "Passengers", transform = c("log", "sdif")),
               class = "rnnkit_error_input", regexp = 'Did you mean "sdiff"')
  expect_error(rnn_windows(a, target = "Passengers", transform = character()),
               class = "rnnkit_error_input")
  expect_error(rnn_windows(a, target = "Passengers", transform = c("log", "diff"), period = 12),
               class = "rnnkit_error_input", regexp = "sdiff")
  a$Passengers[30] <- 0
  expect_error(rnn_windows(a, target = "Passengers", transform = c("log", "sdiff")),
               class = "rnnkit_error_input", regexp = "column Passengers holds 0 in")
})
