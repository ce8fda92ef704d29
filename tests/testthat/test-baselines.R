# Issue 15, item 2: the accuracy table of a model has the baselines a
# forecaster expects, computed in the core (rnn_series_accuracy): naive,
# snaive (when a seasonal period is known) and drift; MASE is scaled by
# the in-sample seasonal naive MAE when the series is seasonal.

ap <- AirPassengers # monthly, 1949-01 .. 1960-12 (development data)

test_that("a monthly model's table has naive, snaive and drift rows, checked by hand", {
  w <- rnn_windows(ap, window = 12, test = 12)
  fit <- rnn_fit(w, units = 3, epochs = 2, seed = 1, verbose = FALSE, threads = 1L)
  a <- accuracy(fit)
  expect_equal(a$model, c("LSTM(3)", "naive", "snaive", "drift"))
  v <- as.numeric(ap)
  n_fit <- w$data$split_row - 1L
  rows <- w$index$target_row[w$index$set == "test"]
  act <- v[rows]
  sn <- v[rows - 12]
  slope <- mean(diff(v[1:n_fit]))
  dr <- v[rows - 1] + slope
  scale12 <- mean(abs(diff(v[1:n_fit], lag = 12)))
  p <- predict(fit, w)
  pt <- p[p$set == "test", ]
  expect_equal(a$RMSE[3], sqrt(mean((act - sn)^2)))
  expect_equal(a$MAE[3], mean(abs(act - sn)))
  expect_equal(a$RMSE[4], sqrt(mean((act - dr)^2)))
  expect_equal(a$MAE[4], mean(abs(act - dr)))
  # MASE on the seasonal naive scale, for the model and every baseline
  expect_equal(a$MASE[1], mean(abs(pt$actual - pt$predicted)) / scale12)
  expect_equal(a$MASE[2], mean(abs(act - v[rows - 1])) / scale12)
  expect_equal(a$MASE[3], mean(abs(act - sn)) / scale12)
  expect_equal(a$n, rep(12L, 4))
  # the print names the best baseline by RMSE and says whether the model beats it
  best <- a$model[2:4][which.min(a$RMSE[2:4])]
  verdict <- if (a$RMSE[1] < min(a$RMSE[2:4])) "the model beats it" else "the model does NOT beat it"
  expect_output(print(a), paste0("The baseline to beat is ", best, " .*; ", verdict))
  expect_output(print(a), "snaive = the value one season back")
  # monthly dates in a data.frame give the same period (rnn_season_period)
  df <- data.frame(Date = seq(as.Date("1949-01-01"), by = "month", length.out = 144), y = v)
  fd <- rnn_fit(rnn_windows(df, window = 12, test = 12), units = 3, epochs = 2, seed = 1,
                verbose = FALSE, threads = 1L)
  expect_equal(accuracy(fd)$model, c("LSTM(3)", "naive", "snaive", "drift"))
  expect_identical(accuracy(fd)[3, -1], a[3, -1])
})

test_that("daily stock data have no seasonal period: naive and drift, one-step MASE", {
  px <- rnn_example_data()[1:300, ]
  w <- rnn_windows(px, features = "Close", window = 10, test = 30)
  fit <- rnn_fit(w, units = 4, epochs = 2, seed = 3, verbose = FALSE, threads = 1L)
  a <- accuracy(fit)
  expect_equal(a$model, c("LSTM(4)", "naive", "drift"))
  v <- px$Close
  n_fit <- w$data$split_row - 1L
  rows <- w$index$target_row[w$index$set == "test"]
  dr <- v[rows - 1] + mean(diff(v[1:n_fit]))
  expect_equal(a$RMSE[3], sqrt(mean((v[rows] - dr)^2)))
  expect_equal(a$MASE[3], mean(abs(v[rows] - dr)) / mean(abs(diff(v[1:n_fit]))))
  expect_output(print(a), "The baseline to beat is (naive|drift)")
})
