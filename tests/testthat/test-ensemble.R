# Ensembles (issue 15): rnn_fit(ensemble = k) trains k members in the core
# from derived seeds; predictions and forecasts are the members' mean.

ens_data <- function() {
  set.seed(11)
  x <- array(rnorm(80 * 6), c(80, 6, 1))
  list(x = x, y = rowSums(x[, 4:6, 1]))
}

ens_series <- function() {
  csv <- system.file("extdata", "djia.csv", package = "rnnkit")
  df <- utils::read.csv(csv, stringsAsFactors = FALSE)[1:300, c("Date", "Close")]
  df$Date <- as.Date(df$Date)
  df
}

test_that("ensemble = 1 is the single fit, bit for bit, and has no ensemble fields", {
  d <- ens_data()
  a <- rnn_fit(d$x, d$y, units = 3, epochs = 2, seed = 5, verbose = FALSE)
  b <- rnn_fit(d$x, d$y, units = 3, epochs = 2, seed = 5, verbose = FALSE, ensemble = 1)
  a$call <- b$call <- NULL
  expect_identical(a, b)
  expect_null(b$ensemble)
  expect_null(dim(b$params))
})

test_that("an ensemble: same seed same bits, whatever the thread count; members are single fits", {
  d <- ens_data()
  e <- rnn_fit(d$x, d$y, units = 3, epochs = 2, seed = 5, verbose = FALSE, ensemble = 3)
  e2 <- rnn_fit(d$x, d$y, units = 3, epochs = 2, seed = 5, verbose = FALSE, ensemble = 3,
                threads = 1L)
  expect_identical(e$params, e2$params)
  expect_identical(e$ensemble, e2$ensemble)
  expect_equal(dim(e$params), c(length(e$params) / 3, 3))
  expect_identical(e$ensemble$k, 3L)
  expect_identical(e$ensemble$seeds[1], 5)
  # member j refitted alone with its seed gives the same weights
  for (j in 1:3) {
    m <- rnn_fit(d$x, d$y, units = 3, epochs = 2, seed = e$ensemble$seeds[j], verbose = FALSE)
    expect_identical(e$params[, j], m$params)
    expect_identical(rnn_member(e, j)$params, m$params)
    expect_identical(e$ensemble$loss[, j], m$history$loss)
  }
  expect_false(identical(e$params[, 1], e$params[, 2]))
  # the prediction is the members' mean, summed in member order
  p <- predict(e, d$x)
  pm <- (predict(rnn_member(e, 1), d$x) + predict(rnn_member(e, 2), d$x)) +
    predict(rnn_member(e, 3), d$x)
  expect_identical(p, pm / 3)
  # set.seed governs an ensemble without a seed
  set.seed(2)
  f1 <- rnn_fit(d$x, d$y, units = 2, epochs = 1, verbose = FALSE, ensemble = 2)
  set.seed(2)
  f2 <- rnn_fit(d$x, d$y, units = 2, epochs = 1, verbose = FALSE, ensemble = 2)
  expect_identical(f1$params, f2$params)
  expect_true(f1$ensemble$seeds[1] == round(f1$ensemble$seeds[1]))
})

test_that("windows and formula ensembles: predict, fitted, residuals, accuracy and forecast use the mean", {
  df <- ens_series()
  w <- rnn_windows(df, target = "Close", features = "Close", window = 10, test = 30)
  e <- rnn_fit(w, units = 3, epochs = 2, seed = 9, ensemble = 3, verbose = FALSE)
  f <- rnn_fit(Close ~ Close, data = df, window = 10, test = 30, units = 3, epochs = 2, seed = 9,
               ensemble = 3, verbose = FALSE)
  expect_identical(e$params, f$params)
  ms <- lapply(1:3, function(j) rnn_fit(w, units = 3, epochs = 2, seed = e$ensemble$seeds[j],
                                        verbose = FALSE))
  px <- predict(e, w$x)
  expect_identical(px, (predict(ms[[1]], w$x) + predict(ms[[2]], w$x) + predict(ms[[3]], w$x)) / 3)
  # one-step residuals and fitted values are the mean's
  tr <- w$index$set == "train"
  expect_equal(unname(e$residuals[, 1]), unname(as.matrix(w$y)[tr, 1] - as.matrix(px)[tr, 1]))
  expect_equal(fitted(e) + residuals(e), unname(actual_targets(e$prep, e$fitted_rows)[, 1]))
  ps <- predict(e, w)
  expect_equal(ps$predicted, rowMeans(sapply(ms, function(m) predict(m, w)$predicted)))
  acc <- accuracy(e)
  expect_equal(acc$n[1], 30)
  expect_identical(acc$model[1], "LSTM(3) x 3")
  # forecasts: the same seed gives the same paths; the point is the
  # ensemble's, different from every member's
  fc <- forecast(e, h = 4, npaths = 50, seed = 3)
  expect_identical(fc, forecast(e, h = 4, npaths = 50, seed = 3))
  expect_length(fc$mean, 4)
  expect_equal(dim(fc$paths), c(50, 4))
  m1 <- forecast(ms[[1]], h = 4, npaths = 0, level = NULL)
  expect_false(isTRUE(all.equal(fc$mean, m1$mean)))
  # a direct ensemble forecasts the members' mean output
  wd <- rnn_windows(df, target = "Close", features = "Close", window = 10, horizon = 3, test = 30)
  ed <- rnn_fit(wd, units = 3, epochs = 2, seed = 4, ensemble = 2, verbose = FALSE)
  fd <- forecast(ed, h = 3, npaths = 20, seed = 1)
  md <- lapply(1:2, function(j) forecast(rnn_fit(wd, units = 3, epochs = 2, seed = ed$ensemble$seeds[j],
                                                 verbose = FALSE), h = 3, npaths = 0, level = NULL)$mean)
  expect_equal(fd$mean, (md[[1]] + md[[2]]) / 2)
  # every print and plot method of what an ensemble gives
  pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_output(print(fc), "LSTM\\(3\\) x 3")
  expect_output(print(acc), "naive")
  expect_silent(plot(fc))
  expect_silent(plot(ps))
  expect_silent(plot(e))
  expect_s3_class(as.data.frame(fc), "data.frame")
  bt <- rnn_backtest(df, target = "Close", features = "Close", window = 10, origins = 2, h = 5,
                     units = 2, epochs = 1, seed = 1, ensemble = 2, verbose = FALSE)
  expect_output(print(bt), "Rolling-origin")
})

test_that("an ensemble survives saveRDS and rnn_save/rnn_load", {
  df <- ens_series()
  w <- rnn_windows(df, target = "Close", features = "Close", window = 10, test = 30)
  e <- rnn_fit(w, units = 3, epochs = 2, seed = 9, ensemble = 2, verbose = FALSE)
  f <- tempfile(fileext = ".rds")
  saveRDS(e, f)
  r <- readRDS(f)
  expect_identical(predict(r, w$x), predict(e, w$x))
  fm <- tempfile(fileext = ".rnnk")
  rnn_save(e, fm)
  l <- rnn_load(fm)
  expect_identical(l$params, e$params)
  expect_identical(l$ensemble, e$ensemble)
  expect_identical(predict(l, w$x), predict(e, w$x))
  expect_identical(forecast(l, h = 3, npaths = 30, seed = 2), forecast(e, h = 3, npaths = 30, seed = 2))
  unlink(c(f, fm))
})

test_that("print, summary, plot and coef of an ensemble", {
  d <- ens_data()
  e <- rnn_fit(d$x, d$y, units = 3, epochs = 3, seed = 5, verbose = FALSE, ensemble = 3,
               validation = 0.2)
  out <- capture.output(print(e))
  expect_true(any(grepl("ensemble of 3", out)))
  expect_true(any(grepl("members' final losses", out)))
  s <- summary(e)
  expect_equal(nrow(s$ensemble), 3)
  expect_equal(s$ensemble$final_loss, unname(e$ensemble$loss[3, ]))
  so <- capture.output(print(s))
  expect_true(any(grepl("Ensemble of 3", so)))
  pdf(NULL)
  on.exit(grDevices::dev.off())
  expect_silent(plot(e))
  expect_error(coef(e), "rnn_member", class = "rnnkit_error_input")
  expect_type(coef(rnn_member(e, 2)), "list")
  expect_error(rnn_member(e, 4), class = "rnnkit_error_input")
})

test_that("ensembles that make no sense are classed errors", {
  d <- ens_data()
  m <- rnn_fit(d$x, d$y, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  expect_error(rnn_fit(d$x, d$y, units = 2, epochs = 1, ensemble = 2, model = m, verbose = FALSE),
               "continue training", class = "rnnkit_error_input")
  expect_error(rnn_fit(d$x, d$y, ensemble = 0, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(d$x, d$y, ensemble = 1.5, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(d$x, d$y, ensemble = 2, checkpoint = tempfile(), verbose = FALSE),
               "checkpoint", class = "rnnkit_error_input")
  txt <- paste(rep("the quick brown fox jumps over the lazy dog. ", 20), collapse = "")
  td <- rnn_text_data(txt, seq_len = 10, batch_size = 4)
  expect_error(rnn_fit(td, units = 4, epochs = 1, ensemble = 2, verbose = FALSE),
               "statefully", class = "rnnkit_error_input")
  # token models without state: an ensemble predicts, but does not generate
  set.seed(3)
  x <- matrix(sample(1:4, 40 * 5, TRUE), 40, 5)
  e <- rnn_fit(x, factor(x[, 5]), embedding = c(5, 3), units = 3, loss = "sparse_ce", epochs = 1,
               seed = 2, ensemble = 2, verbose = FALSE)
  expect_equal(dim(predict(e, x)), c(40, 4))
  expect_error(rnn_predict_and_update_state(e, x), "ensemble of 2", class = "rnnkit_error_input")
})

test_that("the progress bar of an ensemble names the member", {
  set.seed(3)
  x <- matrix(sample(1:4, 60 * 5, TRUE), 60, 5)
  out <- capture.output(
    e <- rnn_fit(x, factor(x[, 5]), embedding = c(5, 3), units = 3, loss = "sparse_ce", epochs = 2,
                 seed = 2, ensemble = 2, verbose = TRUE)
  )
  bars <- strsplit(paste(out, collapse = "\n"), "\r", fixed = TRUE)[[1]]
  last2 <- grep("member 2/2 epoch 2/2", bars, value = TRUE)
  expect_true(length(last2) >= 1)
  expect_true(any(grepl("member 1/2 epoch 2/2", bars)))
  acc2 <- as.numeric(sub(".*  acc ([0-9.]+).*", "\\1", last2[length(last2)]))
  expect_true(acc2 >= 0 && acc2 <= 1)
})
