# issue 19: precision = "single" computes in float inside the core; the
# model object, its file and the other host keep doubles.

prec_data <- function() {
  set.seed(19)
  x <- array(rnorm(48 * 6 * 2), c(48, 6, 2))
  y <- 0.5 * (x[, 6, 1] + x[, 5, 2])
  list(x = x, y = y)
}

prec_fit <- function(precision = "single", threads = 1L, units = 8, ...) {
  d <- prec_data()
  rnn_fit(d$x, d$y, units = units, epochs = 4, batch_size = 8, seed = 7,
          verbose = FALSE, threads = threads, precision = precision, ...)
}

# the doubles that are floats widened: they survive a trip through 4 bytes
is_float <- function(p) {
  identical(readBin(writeBin(p, raw(), size = 4), "double", size = 4, n = length(p)), p)
}

test_that("precision = 'single' fits in float and keeps doubles", {
  m <- prec_fit()
  expect_identical(m$config$precision, 1L)
  expect_type(m$params, "double")
  expect_true(is_float(m$params))
  expect_true(all(is.finite(m$history$loss)))
  expect_lt(m$history$loss[4], m$history$loss[1])
  d <- prec_fit("double")
  expect_null(d$config$precision)
  expect_false(is_float(d$params))
  # float training stays within float tolerance of double training
  expect_equal(m$params, d$params, tolerance = 1e-4)
  expect_equal(m$history$loss, d$history$loss, tolerance = 1e-4)
})

test_that("single precision: same seed same bits, 1 and 2 threads alike", {
  a <- prec_fit(threads = 1L, units = 16)
  b <- prec_fit(threads = 1L, units = 16)
  c2 <- prec_fit(threads = 2L, units = 16)
  expect_identical(a$params, b$params)
  expect_identical(a$params, c2$params)
  expect_identical(a$history, c2$history)
})

test_that("a single-precision model predicts in single precision", {
  m <- prec_fit()
  x <- prec_data()$x
  p <- predict(m, x)
  d <- m
  d$config$precision <- NULL # the same weights, computed in double
  pd <- predict(d, x)
  expect_false(identical(p, pd))
  expect_equal(p, pd, tolerance = 1e-5)
  expect_true(is_float(as.vector(p)))
  # step-wise inference computes in float too: the same bits as predict
  s <- rnn_predict_and_update_state(rnn_reset_state(m), x)
  expect_identical(as.vector(s$prediction), as.vector(p))
  expect_true(is_float(s$model$state))
})

test_that("single precision survives saveRDS and the model file", {
  m <- prec_fit()
  x <- prec_data()$x
  f <- tempfile(fileext = ".rnnk")
  on.exit(unlink(f))
  rnn_save(m, f)
  m2 <- rnn_load(f)
  expect_identical(m2$config$precision, 1L)
  expect_identical(m2$params, m$params)
  expect_identical(predict(m2, x), predict(m, x))
  r <- tempfile(fileext = ".rds")
  on.exit(unlink(r), add = TRUE)
  saveRDS(m, r)
  expect_identical(predict(readRDS(r), x), predict(m, x))
  # continued training keeps the model's precision
  d <- prec_data()
  m3 <- rnn_fit(d$x, d$y, model = m, epochs = 1, batch_size = 8, seed = 1, verbose = FALSE)
  expect_identical(m3$config$precision, 1L)
  expect_true(is_float(m3$params))
})

test_that("an unknown precision is a classed error", {
  d <- prec_data()
  expect_error(rnn_fit(d$x, d$y, epochs = 1, precision = "half", verbose = FALSE),
               class = "rnnkit_error_input")
  expect_error(rnn_fit(d$x, d$y, epochs = 1, precision = 32, verbose = FALSE),
               class = "rnnkit_error_input")
})

test_that("single-precision checkpoints hold the weights of their epoch", {
  f <- tempfile(fileext = ".rnnk")
  on.exit(unlink(f))
  m <- prec_fit(checkpoint = f)
  ck <- rnn_load(f)
  expect_identical(ck$status$epochs_run, 4L)
  expect_identical(ck$params, m$params)
  expect_identical(ck$config$precision, 1L)
})

test_that("print() and summary() say a model computes in single precision; forecasts and ensembles run in it", {
  m <- prec_fit()
  expect_output(print(m), "computed in single precision (float32)", fixed = TRUE)
  expect_output(print(summary(m)), "Precision: single (float32)", fixed = TRUE)
  d <- prec_fit("double")
  out <- paste(capture.output(print(d), print(summary(d))), collapse = "\n")
  expect_false(grepl("precision", out, ignore.case = TRUE))
  # a windowed series: forecasts and an ensemble of single-precision members
  w <- rnn_windows(datasets::AirPassengers, window = 12, test = 24)
  f1 <- rnn_fit(w, units = 4, epochs = 3, seed = 3, verbose = FALSE, precision = "single",
                ensemble = 2)
  f2 <- rnn_fit(w, units = 4, epochs = 3, seed = 3, verbose = FALSE, precision = "single",
                ensemble = 2, threads = 2L)
  fd <- rnn_fit(w, units = 4, epochs = 3, seed = 3, verbose = FALSE, ensemble = 2)
  expect_identical(f1$params, f2$params)
  expect_true(is_float(as.vector(f1$params)))
  expect_false(isTRUE(all.equal(f1$params, fd$params, tolerance = 0)))
  expect_equal(f1$params, fd$params, tolerance = 1e-4)
  fc1 <- forecast(f1, h = 6, npaths = 50, seed = 1)
  fc2 <- forecast(f2, h = 6, npaths = 50, seed = 1)
  expect_identical(fc1$mean, fc2$mean)
  expect_equal(fc1$mean, forecast(fd, h = 6, npaths = 50, seed = 1)$mean, tolerance = 1e-4)
  expect_output(print(f1), "ensemble of 2")
  expect_output(print(f1), "single precision")
})
