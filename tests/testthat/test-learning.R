# Models learn what the teaching examples say they learn.

test_that("the sine example: SimpleRNN(10), window 10, MSE on cos windows < 1e-3", {
  i <- 0:999
  w <- rnn_windows(sin(pi * 0.01 * i), window = 10, scale = "none")
  wc <- rnn_windows(cos(pi * 0.01 * i), window = 10, scale = "none")
  expect_equal(dim(w$x), c(990, 10, 1))
  set.seed(1)
  fit <- rnn_fit(w, cell = "simple", units = 10, epochs = 100, batch_size = 32, verbose = FALSE)
  mse <- mean((predict(fit, wc)$predicted - wc$y)^2)
  expect_lt(mse, 1e-3)
  expect_lt(fit$history$loss[100], fit$history$loss[1] / 10)
})

test_that("an LSTM and a GRU learn a lagged sum, and a classifier reaches 100%", {
  set.seed(2)
  x <- array(runif(300 * 6), c(300, 6, 1))
  y <- x[, 6, 1] + 0.5 * x[, 4, 1]
  for (cell in c("lstm", "gru")) {
    fit <- rnn_fit(x, y, cell = cell, units = 8, epochs = 60, batch_size = 16,
                   lr = 0.01, verbose = FALSE, seed = 1)
    expect_lt(mean((predict(fit, x) - y)^2), 0.01 * var(y))
  }
  lab <- factor(ifelse(x[, 3, 1] > 0.5, "up", "down"))
  fit <- rnn_fit(x, lab, cell = "gru", units = 8, loss = "sparse_ce", epochs = 80,
                 lr = 0.01, verbose = FALSE, seed = 3)
  expect_equal(levels(predict(fit, x, type = "class")), c("down", "up"))
  expect_gt(mean(predict(fit, x, type = "class") == lab), 0.97)
  p <- predict(fit, x)
  expect_equal(colnames(p), c("down", "up"))
  expect_equal(rowSums(p), rep(1, 300), tolerance = 1e-12)
})
