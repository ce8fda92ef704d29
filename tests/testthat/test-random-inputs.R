# Property: for random malformed inputs every public function either
# succeeds or raises an rnnkit_error -- never a base R error, never a
# crash (a crash would take this test process down with it).

bad_values <- function() {
  list(
    NULL, NA, NaN, Inf, -Inf, -1, 0, 0.5, 1e9, 2^31, -2^31, "lstm", "", TRUE, FALSE,
    character(0), numeric(0), integer(0), list(), list(1, 2), c(1, 2, 3),
    1:3, factor("a"), matrix(1:4, 2), matrix(NA_real_, 2, 2),
    array(0, c(0, 3, 1)), array(0, c(2, 0, 1)), array(0, c(2, 3, 0)),
    array(rnorm(24), c(2, 3, 4)), array(rnorm(8), c(2, 2, 2, 1)),
    data.frame(a = 1:3), data.frame(a = letters[1:3]), function(x) x, quote(x),
    complex(real = 1, imaginary = 1), as.Date("2020-01-01"), .Machine$integer.max
  )
}

expect_clean <- function(expr_fn, what = "") {
  res <- tryCatch({ expr_fn(); "ok" },
                  rnnkit_error = function(e) "rnnkit_error",
                  error = function(e) paste("UNCLASSED:", conditionMessage(e)),
                  warning = function(w) if (inherits(w, "rnnkit_warning")) "ok" else
                    paste("WARNING:", conditionMessage(w)))
  expect_true(res %in% c("ok", "rnnkit_error"), info = paste(what, res))
  res
}

test_that("rnn_fit: random options and data", {
  set.seed(101)
  pool <- bad_values()
  x <- array(rnorm(8 * 3 * 2), c(8, 3, 2))
  y <- rnorm(8)
  opts <- c("x", "y", "cell", "units", "activation", "output_activation", "loss", "optimizer",
            "lr", "epochs", "batch_size", "validation", "shuffle", "early_stopping", "min_delta",
            "restore_best", "dropout", "clipnorm", "clipvalue", "momentum", "rho", "beta1",
            "beta2", "epsilon", "recurrent_init", "seed", "verbose")
  for (i in 1:300) {
    args <- list(x = x, y = y, epochs = 1, verbose = FALSE)
    k <- sample(opts, sample(1:2, 1))
    for (o in k) args[o] <- list(pool[[sample(length(pool), 1)]])
    expect_clean(function() do.call(rnn_fit, args, quote = TRUE),
                 paste("rnn_fit", paste(k, collapse = ","), paste(sapply(args[k], class), collapse = ",")))
  }
})

test_that("predict, rnn_model and rnn_windows: random arguments", {
  set.seed(102)
  pool <- bad_values()
  m <- rnn_model("gru", 3, n_in = 2, seed = 1)
  for (i in 1:200) {
    v <- pool[[sample(length(pool), 1)]]
    expect_clean(function() predict(m, v), paste("predict", class(v)[1]))
    margs <- list(cell = "lstm", units = 2, n_in = 1, n_out = 1)
    margs[sample(c(names(formals(rnn_model))), 1)] <- list(pool[[sample(length(pool), 1)]])
    expect_clean(function() do.call(rnn_model, margs, quote = TRUE),
                 paste("rnn_model", paste(names(margs), collapse = ","), paste(sapply(margs, class), collapse = ",")))
    wargs <- list(data = rnorm(50), window = 5)
    wargs[sample(c("data", "window", "horizon", "target", "features", "stride", "date", "na",
                   "split", "test", "scale"), sample(1:2, 1))] <-
      list(pool[[sample(length(pool), 1)]])
    expect_clean(function() do.call(rnn_windows, wargs, quote = TRUE),
                 paste("rnn_windows", paste(names(wargs), collapse = ","), paste(sapply(wargs, class), collapse = ",")))
  }
})

test_that("the series workflow: random arguments to predict, forecast, accuracy, backtest", {
  set.seed(103)
  pool <- c(bad_values(), list(data.frame(Date = as.Date("2020-01-01") + 0:59, Close = rnorm(60)),
                               data.frame(Close = c(NA, rnorm(59))), ts(rnorm(40)), rnorm(15)))
  px <- data.frame(Date = as.Date("2020-01-01") + 0:79, Close = cumsum(rnorm(80)) + 50)
  fit <- rnn_fit(rnn_windows(px, window = 5, test = 10), units = 2, epochs = 1, seed = 1,
                 verbose = FALSE)
  fc <- forecast(fit, h = 3, npaths = 30, seed = 1)
  for (i in 1:150) {
    v <- pool[[sample(length(pool), 1)]]
    expect_clean(function() predict(fit, v), paste("predict series", class(v)[1]))
    expect_clean(function() accuracy(fit, v), paste("accuracy model", class(v)[1]))
    expect_clean(function() accuracy(fc, v), paste("accuracy forecast", class(v)[1]))
    fargs <- list(object = fit, h = 2, npaths = 30)
    fargs[sample(c("h", "level", "npaths", "newdata", "seed", "series"), sample(1:2, 1))] <-
      list(pool[[sample(length(pool), 1)]])
    expect_clean(function() do.call(forecast, fargs, quote = TRUE),
                 paste("forecast", paste(names(fargs), collapse = ","), paste(sapply(fargs, class), collapse = ",")))
  }
  for (i in 1:30) {
    bargs <- list(data = px, window = 5, origins = 2, h = 5, units = 2, epochs = 1, verbose = FALSE)
    bargs[sample(c("data", "origins", "h", "method", "update_epochs", "window"), 1)] <-
      list(pool[[sample(length(pool), 1)]])
    expect_clean(function() do.call(rnn_backtest, bargs, quote = TRUE),
                 paste("rnn_backtest", paste(names(bargs), collapse = ","), paste(sapply(bargs, class), collapse = ",")))
  }
})

test_that("sizes too large for memory: rnnkit_error_size, never R's allocation error", {
  # the counts each public entry allocates by, at sizes no computer holds
  # (as tests/octave/random_inputs.m's `huge` calls); an unclassed error,
  # a crash or a success (which would mean filling terabytes) fails
  skip_if_might_allocate(240e9)
  x <- array(rnorm(8 * 3 * 2), c(8, 3, 2))
  y <- rnorm(8)
  px <- data.frame(Date = as.Date("2020-01-01") + 0:79, Close = cumsum(rnorm(80)) + 50)
  fit <- rnn_fit(rnn_windows(px, window = 5, test = 10), units = 2, epochs = 1, seed = 1,
                 verbose = FALSE)
  wide <- rnn_model(units = 1, n_in = 2, n_out = 1e6, return_sequences = TRUE, seed = 1)
  xl <- array(0, c(1e4, 100, 2))
  huge <- list(
    fit_units = function() rnn_fit(x, y, units = 1e5, epochs = 1, verbose = FALSE),
    fit_layers = function() rnn_fit(x, y, units = c(3e4, 3e4), epochs = 1, verbose = FALSE),
    fit_units_1e9 = function() rnn_fit(x, y, units = 1e9, verbose = FALSE),
    fit_units_int_max = function() rnn_fit(x, y, units = .Machine$integer.max, verbose = FALSE),
    model_units = function() rnn_model(units = 1e5),
    model_out = function() rnn_model(units = 1e5, n_out = 1e6),
    model_layers = function() rnn_model(units = rep(1e5, 16)),
    layer_units = function() rnn_layer("gru", units = 2^31),
    predict_out = function() predict(wide, xl),
    step_out = function() rnn_predict_and_update_state(wide, xl),
    windows = function() rnn_windows(rnorm(1e5), window = 5e4, scale = "none"),
    forecast_paths = function() forecast(fit, h = 1e5, npaths = 1e6),
    pad_maxlen = function() rnn_pad_sequences(replicate(1e4, 1:3, simplify = FALSE),
                                              maxlen = .Machine$integer.max)
  )
  for (k in names(huge)) {
    res <- tryCatch({ huge[[k]](); "succeeded" },
                    rnnkit_error_size = function(e) "size",
                    error = function(e) paste(class(e)[1], conditionMessage(e)))
    expect_identical(res, "size", info = k)
  }
})
