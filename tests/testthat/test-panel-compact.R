# issue 16, item 5: compact windows (rnn_windows(..., store = "series")):
# the inputs are read from the scaled series batch by batch, not stored;
# everything computed from them is the stored windows' result, bit for bit.

compact_panel <- function(n = 60, seed = 1) {
  set.seed(seed)
  a <- 100 + cumsum(rnorm(n))
  d <- data.frame(Date = rep(seq(as.Date("2015-01-01"), by = "month", length.out = n), 3),
                  Name = rep(c("a", "b", "c"), each = n),
                  value = c(a, 1000 * a + 7, 5 + 0.1 * cumsum(rnorm(n))),
                  other = rnorm(3 * n))
  # a fourth series too short for a window: dropped, its rows unread
  rbind(d, data.frame(Date = seq(as.Date("2015-01-01"), by = "month", length.out = 4),
                      Name = "short", value = 1:4, other = 0))
}

both_windows <- function(...) {
  list(stored = suppressMessages(rnn_windows(...)),
       compact = suppressMessages(rnn_windows(..., store = "series")))
}

expect_same_windows <- function(w) {
  expect_s3_class(w$compact$x, "rnnkit_compact")
  expect_identical(dim(w$compact$x), dim(w$stored$x))
  expect_identical(as.array(w$compact$x), w$stored$x)
  expect_identical(w$compact$y, w$stored$y)
  expect_identical(w$compact$naive, w$stored$naive)
  expect_identical(w$compact$index, w$stored$index)
  expect_identical(w$compact$scaler, w$stored$scaler)
}

test_that("compact windows stand for the stored ones exactly (series, panels, transforms)", {
  d <- compact_panel()
  air <- rnn_example_data("air")
  expect_same_windows(both_windows(air, window = 12, test = 12))
  expect_same_windows(both_windows(air, window = 12, horizon = 3, test = 12, transform = "log"))
  expect_same_windows(both_windows(d, key = "Name", target = "value", window = 6, split = as.Date("2019-01-01")))
  expect_same_windows(both_windows(d, key = "Name", target = "value", features = c("value", "other"),
                                   window = 5, horizon = 2, transform = "diff", test = 4))
  w <- both_windows(d, key = "Name", target = "value", window = 6, transform = "logdiff", scale = "zscore", test = 3)
  expect_same_windows(w)
  # a window's subset, indexing and the samples taken for validation
  expect_identical(w$compact$x[3:5, , , drop = FALSE], w$stored$x[3:5, , , drop = FALSE])
  expect_identical(w$compact$x[2, 4, ], w$stored$x[2, 4, ])
  expect_identical(w$compact$x[, 6, 1], w$stored$x[, 6, 1])
})

fit_both <- function(w, ...) {
  lapply(w, function(ww) rnn_fit(ww, units = 4, epochs = 3, seed = 7, verbose = FALSE, ...))
}

expect_same_fit <- function(f, w) {
  expect_identical(f$compact$params, f$stored$params)
  expect_identical(f$compact$history, f$stored$history)
  expect_identical(f$compact$residuals, f$stored$residuals)
  expect_identical(predict(f$compact, w$compact), predict(f$stored, w$stored))
  expect_identical(accuracy(f$compact, w$compact), accuracy(f$stored, w$stored))
  expect_identical(accuracy(f$compact), accuracy(f$stored))
  h <- if (w$stored$meta$horizon > 1) w$stored$meta$horizon else 4
  a <- forecast(f$compact, h = h, seed = 2)
  b <- forecast(f$stored, h = h, seed = 2)
  expect_identical(a$mean, b$mean)
  expect_identical(a$upper, b$upper)
}

test_that("a fit on compact windows is the fit on stored windows, bit for bit", {
  air <- rnn_example_data("air")
  w <- both_windows(air, window = 12, test = 12)
  for (th in 1:2) expect_same_fit(fit_both(w, validation = 0.2, threads = th), w)
  expect_same_fit(fit_both(w, ensemble = 3, batch_size = 8), w)
  w <- both_windows(air, window = 12, horizon = 3, test = 12, transform = "log")
  expect_same_fit(fit_both(w, early_stopping = 2, validation = 0.25, cell = "gru", dropout = 0.1), w)
})

test_that("panels: series embedding, validation, ensembles and 1 or 2 threads give the same bits", {
  d <- compact_panel()
  w <- both_windows(d, key = "Name", target = "value", window = 6, split = as.Date("2019-01-01"))
  for (th in 1:2) {
    expect_same_fit(fit_both(w, validation = 0.2, threads = th, batch_size = 8), w)
    expect_same_fit(fit_both(w, series_embedding = 2, validation = 0.2, threads = th,
                             batch_size = 8), w)
  }
  expect_same_fit(fit_both(w, series_embedding = 2, ensemble = 2, batch_size = 16), w)
  w <- both_windows(d, key = "Name", target = "value", features = c("value", "other"),
                    window = 5, horizon = 2, transform = "diff", test = 4)
  expect_same_fit(fit_both(w, series_embedding = 3, validation = 0.1, precision = "single"), w)
  # the compact windows' samples are gathered across series: a stored and
  # a compact fit that differ would differ here
  f <- fit_both(w)
  expect_identical(f$compact$params, f$stored$params)
  # a model fit on stored windows predicts compact ones and vice versa
  expect_identical(predict(f$stored, w$compact), predict(f$stored, w$stored))
})

# Octave's rnn_fit (..., 'Validation', struct ('x', w.x, 'y', w.y)) tests
# the same
test_that("validation given as compact windows is the same validation stored, and the fraction", {
  t <- 0:79
  s <- 10 + sin(t / 3) + 0.05 * t
  fit <- function(w, ...) rnn_fit(w, units = 3, epochs = 3, seed = 5, verbose = FALSE, batch_size = 8, ...)
  cw <- rnn_windows(s, window = 6, scale = "none", store = "series")
  expect_identical(dim(cw$x)[1], 74L)
  m <- fit(cw, validation = 0.25) # 56 to train, the last 18 to validate
  # scale = "none": a part of the series cuts the same windows
  tr <- rnn_windows(s[1:62], window = 6, scale = "none")
  v <- rnn_windows(s[57:80], window = 6, scale = "none")
  vc <- rnn_windows(s[57:80], window = 6, scale = "none", store = "series")
  expect_s3_class(vc$x, "rnnkit_compact")
  for (th in 1:2) {
    a <- fit(tr, threads = th, validation = list(x = v$x, y = v$y))
    b <- fit(tr, threads = th, validation = list(x = vc$x, y = vc$y))
    expect_identical(b$training$n_val, 18L)
    expect_identical(b$params, a$params)
    expect_identical(b$history, a$history)
    expect_identical(b$params, m$params)
    expect_identical(b$history, m$history)
  }
  # compact windows as x, and as x and validation
  b <- rnn_fit(cw$x, cw$y, units = 3, epochs = 3, seed = 5, verbose = FALSE, batch_size = 8,
               validation = 0.25)
  expect_identical(b$params, m$params)
  expect_identical(b$history, m$history)
  ct <- rnn_windows(s[1:62], window = 6, scale = "none", store = "series")
  b <- rnn_fit(ct$x, ct$y, units = 3, epochs = 3, seed = 5, verbose = FALSE, batch_size = 8,
               validation = list(x = vc$x, y = vc$y))
  expect_identical(b$params, m$params)
  expect_identical(b$history, m$history)
  # a panel's compact windows as validation, with compact training windows
  p <- both_windows(data.frame(Date = rep(seq(as.Date("2015-01-01"), by = "month", length.out = 80), 2),
                               Name = rep(c("a", "b"), each = 80), v = c(s, 5 + 0.1 * t)),
                    key = "Name", target = "v", window = 6, split = as.Date("2020-01-01"))
  a <- fit(cw, validation = list(x = p$stored$x, y = p$stored$y))
  b <- fit(cw, validation = list(x = p$compact$x, y = p$compact$y))
  expect_identical(b$training$n_val, NROW(p$stored$y))
  expect_identical(b$params, a$params)
  expect_identical(b$history, a$history)
  w4 <- rnn_windows(as.double(1:40), window = 4, store = "series")
  expect_error(fit(rnn_windows(as.double(1:40), window = 5), validation = list(x = w4$x, y = w4$y)),
               class = "rnnkit_error_dim", regexp = "5 timesteps")
})

test_that("step-wise prediction and a layer read compact windows as the stored ones", {
  s <- 10 + sin((0:39) / 3)
  w <- rnn_windows(s, window = 5)
  cw <- rnn_windows(s, window = 5, store = "series")
  m <- rnn_fit(w, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  a <- rnn_predict_and_update_state(m, w$x)
  b <- rnn_predict_and_update_state(m, cw$x)
  expect_identical(b$prediction, a$prediction)
  expect_identical(b$model$state, a$model$state)
  expect_equal(b$prediction, predict(m, cw$x), tolerance = 1e-14)
  # the state of 35 sequences continues
  expect_identical(rnn_predict_and_update_state(b$model, cw$x)$prediction,
                   rnn_predict_and_update_state(a$model, w$x)$prediction)
  l <- rnn_layer("lstm", 2, list(matrix(0.1 * (1:8), 1, 8), 0.05 * matrix(1:16, 2, 8), rep(0, 8)))
  expect_identical(rnn_layer_call(l, cw$x, return_sequences = TRUE, return_state = TRUE),
                   rnn_layer_call(l, w$x, return_sequences = TRUE, return_state = TRUE))
})

test_that("compact windows print, summarise and say they are not stored", {
  w <- suppressMessages(rnn_windows(compact_panel(), key = "Name", target = "value", window = 6, test = 3,
                                    store = "series"))
  out <- capture.output(print(w))
  expect_match(out[1], "panel of 3 series")
  expect_match(out[2], "inputs not stored \\(store = \"series\"\\): read from 184 rows")
  expect_match(capture.output(print(w$x)), "^<rnnkit compact windows> 162 x 6 x 1 .*not stored")
  expect_match(capture.output(str(w$x)), "not stored.*as.array\\(\\) materialises")
  expect_identical(dim(w$x), c(162L, 6L, 1L))
  expect_identical(dimnames(w$x)[[3]], "value")
  expect_true(object.size(w$x) < object.size(as.array(w$x)))
})

test_that("bad compact input is a classed error", {
  air <- rnn_example_data("air")
  expect_error(rnn_windows(air, window = 12, store = "lazy"), class = "rnnkit_error_input")
  expect_error(rnn_windows(air, window = 12, store = NA), class = "rnnkit_error_input")
  w <- rnn_windows(air, window = 12, test = 12, store = "series")
  # a window beyond the series, a start that is no row, a missing value
  bad <- w
  bad$x$start[3] <- nrow(bad$x$values) - 2
  expect_error(rnn_fit(bad, units = 2, epochs = 1, verbose = FALSE), class = "rnnkit_error_dim")
  bad$x$start[3] <- -1
  expect_error(rnn_fit(bad, units = 2, epochs = 1, verbose = FALSE), class = "rnnkit_error_dim")
  bad <- w
  bad$x$values[20, 1] <- NaN
  expect_error(rnn_fit(bad, units = 2, epochs = 1, verbose = FALSE),
               class = "rnnkit_error_input", regexp = "not finite")
  f <- rnn_fit(w, units = 2, epochs = 1, verbose = FALSE)
  expect_error(predict(f, bad), class = "rnnkit_error_input", regexp = "not finite")
})
