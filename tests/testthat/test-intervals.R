# Intervals that hold out of sample (issue 15, item 4): the point
# forecast lies inside its own bands at every step (the paths are centred
# on it in the core), and conformal intervals from the errors of
# held-out rolling origins cover what they claim on real data.

iv_djia <- function(n = NULL) {
  px <- rnn_example_data()[, c("Date", "Close")]
  if (is.null(n)) px else px[seq_len(n), ]
}

inside <- function(fc) {
  p <- as.numeric(fc$mean)
  all(fc$lower <= p) && all(p <= fc$upper) && !anyNA(fc$lower) && !anyNA(fc$upper)
}

test_that("the point forecast lies inside its bands at every step and level, over many fits", {
  px <- iv_djia(360)
  air <- rnn_example_data("air")
  cells <- c("lstm", "gru", "simple")
  cases <- list(
    list(d = px, tf = "none"), list(d = px, tf = "diff"), list(d = px, tf = "logdiff"),
    list(d = px, tf = "log"), list(d = air, tf = "sdiff"), list(d = air, tf = "logdiff"),
    list(d = air, tf = "boxcox", lambda = 0.3)
  )
  lev <- c(50, 80, 95, 99)
  n_fits <- 0
  for (i in seq_along(cases)) {
    cs <- cases[[i]]
    for (horizon in c(1, 3)) {
      w <- rnn_windows(cs$d, window = 8, horizon = horizon, test = 40, transform = cs$tf,
                       lambda = cs$lambda)
      fit <- rnn_fit(w, cell = cells[(i + horizon) %% 3 + 1], units = 3, epochs = 2,
                     seed = i + 10 * horizon, ensemble = if (i %% 2 == 0) 2 else 1,
                     verbose = FALSE)
      n_fits <- n_fits + 1
      h <- if (horizon == 1) 15 else 3
      fp <- forecast(fit, h = h, level = lev, npaths = 200, seed = i)
      fcf <- forecast(fit, h = h, level = lev, intervals = "conformal")
      expect_true(inside(fp), info = paste(cs$tf, "horizon", horizon, "paths"))
      expect_true(inside(fcf), info = paste(cs$tf, "horizon", horizon, "conformal"))
      # the paths are centred: their median is the point at every step
      med <- apply(fp$paths, 2, stats::quantile, 0.5, names = FALSE)
      expect_equal(med, as.numeric(fp$mean), tolerance = 1e-10)
      expect_identical(fcf$mean, fp$mean)
      expect_equal(dim(fcf$paths), c(0L, h))
      # and from an earlier origin (newdata), where conformal has fewer origins
      fo <- forecast(fit, h = h, level = lev, npaths = 100, seed = i,
                     newdata = cs$d[seq_len(nrow(cs$d) - 20), ])
      expect_true(inside(fo), info = paste(cs$tf, "horizon", horizon, "newdata"))
    }
  }
  expect_equal(n_fits, 14)
})

test_that("conformal bands are the ranked errors of the held-out origins, by step", {
  px <- iv_djia(300)
  w <- rnn_windows(px, window = 10, test = 50)
  fit <- rnn_fit(w, units = 3, epochs = 2, seed = 2, verbose = FALSE)
  h <- 3
  fc <- forecast(fit, h = h, level = c(80, 95), intervals = "conformal")
  # by hand: every origin from the split on forecasts h steps
  split <- fit$prep$data$split_row
  n <- nrow(px)
  e <- matrix(NA_real_, n, h)
  for (o in (split - 1):(n - 1)) {
    p <- forecast(fit, h = h, level = NULL, newdata = px[seq_len(o), ])$mean
    k <- seq_len(min(h, n - o))
    e[o, k] <- px$Close[o + k] - p[k]
  }
  expect_equal(fc$n_calib, colSums(!is.na(e)))
  for (k in seq_len(h)) {
    ek <- sort(e[!is.na(e[, k]), k])
    nk <- length(ek)
    for (l in 1:2) {
      a <- (1 - c(80, 95)[l] / 100) / 2
      lo <- ek[floor((nk + 1) * a + 1e-9)]
      hi <- ek[ceiling((nk + 1) * (1 - a) - 1e-9)]
      expect_identical(unname(fc$lower[k, l]), fc$mean[k] + min(0, lo))
      expect_identical(unname(fc$upper[k, l]), fc$mean[k] + max(0, hi))
    }
  }
  expect_output(print(fc), "Conformal intervals from the errors of 50 held-out rolling origins")
  # the paths draw the held-out one-step errors (50 of them here), or say
  # that they draw the in-sample ones
  fh <- forecast(fit, h = 2, seed = 1)
  expect_identical(fh$n_heldout, 50)
  expect_output(print(fh), "bootstrapped out-of-sample one-step errors (50 held-out rows)", fixed = TRUE)
  fi <- forecast(fit, h = 2, seed = 1, newdata = px[1:260, ])
  expect_identical(fi$n_heldout, 0)
  expect_output(print(fi), "in-sample residuals: intervals may be too narrow")
  # too few origins for a level: an infinite band, not a false one
  w2 <- rnn_windows(px, window = 10, test = 8)
  f2 <- rnn_fit(w2, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  c2 <- forecast(f2, h = 1, level = c(50, 95), intervals = "conformal")
  expect_true(is.finite(c2$upper[1, 1]) && is.infinite(c2$upper[1, 2]) && is.infinite(c2$lower[1, 2]))
  # no held-out rows: a classed error that says how to get them
  f0 <- rnn_fit(rnn_windows(px, window = 10), units = 2, epochs = 1, seed = 1, verbose = FALSE)
  expect_error(forecast(f0, intervals = "conformal"), "did not train on", class = "rnnkit_error_dim")
  expect_error(forecast(fit, intervals = "bootstrap"), class = "rnnkit_error_input")
})

# Coverage over rolling origins of the bundled series: the model is fit
# once on the rows before the split; each origin o of the evaluation part
# forecasts one step from rows 1..o with conformal bands calibrated on
# the held-out origins before it (at least 60 / 40).  Measured (seed 1):
# DJIA logdiff 0.82 / 0.97 (conformal), 0.80 / 0.93 (paths); airline
# sdiff 0.86 / 0.92 (conformal).
coverage <- function(px, window, transform, n_cal, n_eval, intervals = "conformal") {
  w <- rnn_windows(px, window = window, test = n_cal + n_eval, transform = transform)
  fit <- rnn_fit(w, units = 4, epochs = 5, seed = 1, verbose = FALSE)
  split <- fit$prep$data$split_row
  y <- px[[2]]
  hit <- t(vapply(seq_len(n_eval), function(i) {
    o <- split - 2 + n_cal + i
    fc <- forecast(fit, h = 1, level = c(80, 95), newdata = px[seq_len(o), ], intervals = intervals,
                   npaths = 500, seed = i)
    y[o + 1] >= fc$lower[1, ] & y[o + 1] <= fc$upper[1, ]
  }, logical(2)))
  colMeans(hit)
}

test_that("conformal 80% and 95% intervals cover 70-90% and 88-99% on the bundled DJIA and airline series", {
  cov_djia <- coverage(iv_djia(), 20, "logdiff", 60, 100)
  expect_true(cov_djia[1] >= 0.70 && cov_djia[1] <= 0.90, info = paste(cov_djia, collapse = " "))
  expect_true(cov_djia[2] >= 0.88 && cov_djia[2] <= 0.99, info = paste(cov_djia, collapse = " "))
  # the default paths, drawing the held-out one-step errors, on the stock
  cov_paths <- coverage(iv_djia(), 20, "logdiff", 60, 100, intervals = "paths")
  expect_true(cov_paths[1] >= 0.70 && cov_paths[1] <= 0.90, info = paste(cov_paths, collapse = " "))
  expect_true(cov_paths[2] >= 0.88 && cov_paths[2] <= 0.99, info = paste(cov_paths, collapse = " "))
  cov_air <- coverage(rnn_example_data("air"), 12, "sdiff", 40, 50)
  expect_true(cov_air[1] >= 0.70 && cov_air[1] <= 0.90, info = paste(cov_air, collapse = " "))
  expect_true(cov_air[2] >= 0.88 && cov_air[2] <= 0.99, info = paste(cov_air, collapse = " "))
})
