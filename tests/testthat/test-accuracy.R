# accuracy(forecast, x) scores the forecast against the values of x at the
# forecast's dates, whatever form x takes (issue 13, item 3): a ts used to
# be read from its first value, so a 1959 forecast was scored against 1949.

ap <- AirPassengers # monthly, 1949-01 .. 1960-12
set.seed(1)
fit <- rnn_fit(rnn_windows(window(ap, end = c(1958, 12)), window = 12), units = 3, epochs = 3,
               verbose = FALSE)
fc <- forecast(fit, h = 12, npaths = 50, seed = 1)
months <- seq(as.Date("1949-01-01"), by = "month", length.out = 144)
actual <- as.numeric(window(ap, start = c(1959, 1), end = c(1959, 12)))
rmse <- sqrt(mean((actual - as.numeric(fc$mean))^2))

test_that("a ts, zoo, xts, data.frame and vector of the same dates give the same accuracy", {
  expect_equal(fc$dates, months[121:132])
  expect_equal(accuracy(fc, ap)$RMSE[1], rmse)
  expect_equal(accuracy(fc, data.frame(Date = months, value = as.numeric(ap)))$RMSE[1], rmse)
  expect_equal(accuracy(fc, data.frame(month = format(months, "%Y-%m"), value = as.numeric(ap)))$RMSE[1], rmse)
  expect_equal(accuracy(fc, actual)$RMSE[1], rmse) # a plain vector: what followed, by position
  expect_equal(accuracy(fc, window(ap, start = c(1957, 1)))$RMSE[1], rmse)
  # the same months dated on their last day
  eom <- seq(as.Date("1949-02-01"), by = "month", length.out = 144) - 1
  expect_equal(accuracy(fc, data.frame(Date = eom, value = as.numeric(ap)))$RMSE[1], rmse)
  skip_if_not_installed("zoo")
  expect_equal(accuracy(fc, zoo::zoo(as.numeric(ap), months))$RMSE[1], rmse)
  expect_equal(accuracy(fc, zoo::as.zoo(ap))$RMSE[1], rmse) # yearmon index
  skip_if_not_installed("xts")
  expect_equal(accuracy(fc, xts::xts(as.numeric(ap), months))$RMSE[1], rmse)
})

test_that("a forecast that lies wholly outside x is an error with both date ranges", {
  e <- expect_error(accuracy(fc, window(ap, end = c(1955, 12))), class = "rnnkit_error_dim")
  expect_match(conditionMessage(e), "do not overlap")
  expect_match(conditionMessage(e), "1959-01-01 to 1959-12-01")
  expect_match(conditionMessage(e), "1949-01-01 to 1955-12-01")
  expect_error(accuracy(fc, data.frame(Date = months[1:60], value = 1:60)), "do not overlap",
               class = "rnnkit_error_dim")
  expect_error(accuracy(fc, numeric(0)), "do not overlap", class = "rnnkit_error_dim")
})

test_that("partial overlap scores the overlapping steps and says so", {
  part <- window(ap, end = c(1959, 5))
  expect_message(acc <- accuracy(fc, part), "covers 5 of the 12 forecast steps",
                 class = "rnnkit_message_partial")
  expect_equal(acc$model, c(fc$method, "naive", "snaive", "drift"))
  expect_equal(acc$n, rep(5L, 4))
  expect_equal(acc$RMSE[1], sqrt(mean((actual[1:5] - as.numeric(fc$mean)[1:5])^2)))
  expect_message(acc2 <- accuracy(fc, actual[1:5]), class = "rnnkit_message_partial")
  expect_equal(acc2$RMSE, acc$RMSE)
  expect_no_message(accuracy(fc, ap))
})

test_that("daily forecasts match an xts or POSIXct-dated x by calendar day", {
  px <- rnn_example_data()[1:150, c("Date", "Close")]
  set.seed(2)
  f2 <- rnn_fit(rnn_windows(px[1:140, ], window = 10), units = 2, epochs = 1, verbose = FALSE)
  fc2 <- forecast(f2, h = 10, npaths = 30, seed = 1)
  expect_equal(fc2$dates, px$Date[141:150])
  ref <- accuracy(fc2, px)$RMSE
  expect_equal(ref[1], sqrt(mean((px$Close[141:150] - as.numeric(fc2$mean))^2)))
  pt <- data.frame(t = as.POSIXct(format(px$Date), tz = "America/New_York"), Close = px$Close)
  expect_equal(accuracy(fc2, pt)$RMSE, ref)
  skip_if_not_installed("xts")
  expect_equal(accuracy(fc2, xts::xts(px$Close, as.POSIXct(format(px$Date), tz = "UTC")))$RMSE, ref)
  # times of a ts cannot be matched to dates: said, not guessed
  expect_error(accuracy(fc2, ts(px$Close, frequency = 5)), "indexed by dates", class = "rnnkit_error_input")
})

# issue 14: the core computes the metrics and the MASE scale for both hosts
test_that("the MASE scale: seasonal lags, none for a constant series", {
  expect_equal(rnnkit:::naive_scale(c(10, 20, 30, 40, 12, 21, 33, 40), period = 4), 1.5)
  expect_equal(rnnkit:::naive_scale(c(1, 3, 2, NA, 6, 5)), 4 / 3) # missing differences skipped
  expect_identical(rnnkit:::naive_scale(rep(2, 5)), NA_real_)
  expect_error(rnnkit:::naive_scale(1:5, period = 0), "period", class = "rnnkit_error_input")
  # a constant history has no scale: MASE is NA, not Inf
  set.seed(1)
  flat <- rnn_fit(rnn_windows(rep(5, 40), window = 4), units = 2, epochs = 1, verbose = FALSE)
  fcf <- forecast(flat, h = 2, level = NULL)
  expect_identical(fcf$naive_mae, NA_real_)
  expect_identical(accuracy(fcf, c(6, 7))$MASE, rep(NA_real_, 3)) # model, naive, drift
})

test_that("pairs with a missing value are skipped; n counts the known actual values", {
  tab <- rnnkit:::accuracy_table("m", "y", matrix(c(1, NA, 3)), matrix(c(2, 5, NA)),
                                 matrix(c(1, 1, 1)), NA_real_)
  expect_identical(tab$n, c(2L, 2L))
  expect_equal(tab$MAE, c(1, 1))
  expect_equal(tab$RMSE, c(1, sqrt(2)))
  expect_equal(tab$MAPE, c(100, 100 * (2 / 3) / 2))
  expect_identical(tab$MASE, c(NA_real_, NA_real_))
})

test_that("a forecast's table has the naive, seasonal naive and drift rows from its origin", {
  # issue 15: every accuracy table; computed by the core
  # (rnn_forecast_accuracy()) from the same origin as the forecast
  hist <- as.numeric(window(ap, end = c(1958, 12)))
  n <- length(hist)
  a <- accuracy(fc, ap)
  expect_equal(a$model, c(fc$method, "naive", "snaive", "drift"))
  naive <- rep(hist[n], 12)
  snaive <- hist[n - 12 + 1:12]
  drift <- hist[n] + (1:12) * mean(diff(hist))
  rmse_of <- function(p) sqrt(mean((actual - p)^2))
  expect_equal(a$RMSE, c(rmse, rmse_of(naive), rmse_of(snaive), rmse_of(drift)))
  # MASE on the in-sample seasonal naive MAE of the history
  scale <- mean(abs(diff(hist, lag = 12)))
  expect_equal(a$MASE[3], mean(abs(actual - snaive)) / scale)
  # DA from the last value; the naive row calls no direction
  up <- sign(actual - hist[n])
  expect_equal(a$DA[c(1, 3)], c(mean(sign(as.numeric(fc$mean) - hist[n]) == up),
                                mean(sign(snaive - hist[n]) == up)) * 100)
  expect_true(is.na(a$DA[2]))
  # a daily forecast has no season: model, naive and drift
  px <- rnn_example_data()[1:150, c("Date", "Close")]
  f2 <- rnn_fit(rnn_windows(px[1:140, ], window = 10), units = 2, epochs = 1, seed = 1,
                verbose = FALSE)
  a2 <- accuracy(forecast(f2, h = 5, npaths = 30, seed = 1), px)
  expect_equal(a2$model[-1], c("naive", "drift"))
  d <- px$Close[140] + (1:5) * mean(diff(px$Close[1:140]))
  expect_equal(a2$RMSE[3], sqrt(mean((px$Close[141:145] - d)^2)))
})
