# issue 16: panels -- many series, one global model.

panel_data <- function(n = 60, seed = 1) {
  set.seed(seed)
  a <- 100 + cumsum(rnorm(n))
  data.frame(Date = rep(seq(as.Date("2015-01-01"), by = "month", length.out = n), 3),
             Name = rep(c("a", "b", "c"), each = n),
             value = c(a, 1000 * a + 7, 5 + 0.1 * cumsum(rnorm(n))))
}

test_that("a panel of one series is the plain workflow, bit for bit", {
  d <- panel_data()
  one <- d[d$Name == "a", ]
  wp <- rnn_windows(one, key = "Name", window = 6, split = as.Date("2019-01-01"))
  w <- rnn_windows(one[c("Date", "value")], window = 6, split = as.Date("2019-01-01"))
  expect_identical(wp$x, w$x)
  expect_identical(wp$y, w$y)
  expect_identical(wp$naive, w$naive)
  expect_identical(wp$index[names(w$index)], w$index)
  expect_identical(unname(wp$scaler$center[, "a"]), unname(w$scaler$center))
  expect_identical(unname(wp$scaler$scale[, "a"]), unname(w$scaler$scale))
  fp <- rnn_fit(wp, units = 4, epochs = 2, seed = 3, verbose = FALSE)
  f <- rnn_fit(w, units = 4, epochs = 2, seed = 3, verbose = FALSE)
  expect_identical(fp$params, f$params)
  a <- forecast(fp, h = 3, seed = 1)
  b <- forecast(f, h = 3, seed = 1)
  expect_identical(a$mean, b$mean)
  expect_identical(a$upper, b$upper)
  acc <- accuracy(fp)
  expect_identical(acc$MASE[acc$Name == "a"], accuracy(f)$MASE)
  expect_identical(predict(fp, wp)$predicted, predict(f, w)$predicted)
  # with a transform too
  wp <- rnn_windows(one, key = "Name", window = 6, transform = "diff", test = 5)
  w <- rnn_windows(one[c("Date", "value")], window = 6, transform = "diff", test = 5)
  expect_identical(wp$x, w$x)
  expect_identical(wp$y, w$y)
})

test_that("a panel with several columns (features, calendar) cuts each series as alone", {
  # the core reads each series as a rows x columns block; stacking the
  # rows of one matrix read other series' columns (and failed with
  # Box-Cox on a calendar column) once there was more than one column
  d <- panel_data()
  d$other <- seq_len(nrow(d)) %% 7 + 1
  for (args in list(list(features = c("value", "other"), transform = "diff"),
                    list(calendar = "month", transform = c("boxcox", "sdiff"), lambda = 0.5))) {
    wp <- do.call(rnn_windows, c(list(d, key = "Name", target = "value", window = 6,
                                      split = as.Date("2019-01-01")), args))
    for (k in c("a", "b", "c")) {
      cols <- c("Date", "value", if (!is.null(args$features)) "other")
      alone <- do.call(rnn_windows, c(list(d[d$Name == k, cols], target = "value", window = 6,
                                           split = as.Date("2019-01-01")), args))
      sel <- wp$index$key == k
      expect_identical(unname(wp$x[sel, , , drop = FALSE]), unname(alone$x))
      expect_identical(unname(wp$y[sel]), unname(alone$y))
      expect_identical(unname(wp$scaler$center[, k]), unname(alone$scaler$center))
    }
  }
})

test_that("each series is scaled on its own training rows, and the scaling is undone per key", {
  d <- panel_data()
  w <- rnn_windows(d, key = "Name", window = 6, split = as.Date("2019-01-01"))
  expect_identical(w$meta$keys, c("a", "b", "c"))
  expect_identical(unique(w$index$key), c("a", "b", "c"))
  for (k in c("a", "b", "c")) {
    alone <- rnn_windows(d[d$Name == k, c("Date", "value")], window = 6, split = as.Date("2019-01-01"))
    expect_identical(unname(w$scaler$center[, k]), unname(alone$scaler$center))
    expect_identical(unname(w$scaler$scale[, k]), unname(alone$scaler$scale))
    expect_identical(take_samples(w$x, which(w$index$key == k)), unname(alone$x))
  }
  # b = 1000 a + 7: the same scaled windows, so predictions 1000 times a's plus 7
  expect_equal(w$x[w$index$key == "b", , ], w$x[w$index$key == "a", , ], tolerance = 1e-12)
  fit <- rnn_fit(w, units = 4, epochs = 2, seed = 1, verbose = FALSE)
  p <- predict(fit, w)
  expect_identical(names(p)[1:2], c("Name", "date"))
  pa <- p[p$Name == "a", ]
  pb <- p[p$Name == "b", ]
  expect_equal(pb$predicted, 1000 * pa$predicted + 7, tolerance = 1e-10)
  expect_identical(pb$actual, d$value[d$Name == "b"][match(pb$date, d$Date[d$Name == "b"])])
  # accuracy: one block per key and pooled rows with scale-free measures
  acc <- accuracy(fit)
  expect_setequal(unique(acc$Name), c("a", "b", "c", "(pooled)"))
  expect_true(all(c("naive", "snaive") %in% acc$model[acc$Name == "(pooled)"]))
  expect_equal(acc$MASE[acc$Name == "b"], acc$MASE[acc$Name == "a"], tolerance = 1e-8)
  pooled <- acc[acc$Name == "(pooled)" & acc$model == "naive", ]
  expect_equal(pooled$MASE, mean(acc$MASE[acc$Name != "(pooled)" & acc$model == "naive"]))
  expect_true(is.na(pooled$RMSE))
  # forecasts: every key by default, in its own units
  fc <- forecast(fit, h = 2, seed = 1)
  expect_s3_class(fc, "rnnkit_panel_forecast")
  df <- as.data.frame(fc)
  expect_identical(unique(df$Name), c("a", "b", "c"))
  expect_equal(df[df$Name == "b", "Point Forecast"], 1000 * df[df$Name == "a", "Point Forecast"] + 7,
               tolerance = 1e-10)
  expect_s3_class(forecast(fit, h = 2, key = "c"), "rnnkit_forecast")
})

test_that("a short series is dropped with a message; errors are classed", {
  d <- panel_data()
  d <- rbind(d, data.frame(Date = as.Date("2015-01-01") + 0:3 * 31, Name = "tiny", value = 1:4))
  expect_message(w <- rnn_windows(d, key = "Name", window = 6), "tiny")
  expect_identical(w$meta$keys, c("a", "b", "c"))
  expect_error(rnn_windows(d, key = "Nom", window = 6), class = "rnnkit_error_input")
  expect_error(suppressMessages(rnn_windows(d[d$Name == "tiny", ], key = "Name", window = 6)),
               class = "rnnkit_error_dim")
  expect_error(rnn_windows(d, key = "Name", window = 6, scale = list(method = "minmax")),
               class = "rnnkit_error_input")
  fit <- rnn_fit(w, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  expect_error(forecast(fit, h = 2, key = "zz"), class = "rnnkit_error_input")
  expect_error(forecast(fit, h = 2, innov = matrix(0, 1000, 2)), "panel",
               class = "rnnkit_error_input")
  expect_error(predict(fit, d), class = "rnnkit_error_input")
  # a key column named as a column of the results (set, date) would give
  # a data.frame two columns of one name
  ds <- stats::setNames(d[d$Name != "tiny", ], c("Date", "set", "value"))
  ws <- rnn_windows(ds, key = "set", window = 6)
  fs <- rnn_fit(ws, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  expect_error(predict(fs, ws), "rename it", class = "rnnkit_error_input")
  one <- rnn_fit(rnn_windows(d[d$Name == "a", c("Date", "value")], window = 6), units = 2,
                 epochs = 1, seed = 1, verbose = FALSE)
  expect_error(forecast(one, h = 2, key = "a"), class = "rnnkit_error_input")
  # a named list of series is a panel too
  wl <- rnn_windows(list(a = d$value[d$Name == "a"], c = d$value[d$Name == "c"]), window = 6)
  expect_identical(wl$meta$keys, c("a", "c"))
  # and a tsibble with its key
  skip_if_not_installed("tsibble")
  ts <- tsibble::as_tsibble(transform(d[d$Name != "tiny", ], Month = tsibble::yearmonth(Date), Date = NULL),
                            key = Name, index = Month)
  wt <- rnn_windows(ts, key = "Name", window = 6)
  expect_identical(wt$meta$keys, c("a", "b", "c"))
  expect_identical(wt$x, w$x)
})

test_that("the key survives saveRDS and rnn_save/rnn_load", {
  d <- panel_data()
  w <- rnn_windows(d, key = "Name", window = 6, split = as.Date("2019-01-01"))
  fit <- rnn_fit(w, units = 4, epochs = 1, seed = 1, verbose = FALSE)
  f <- tempfile(fileext = ".rnnkit")
  on.exit(unlink(f))
  rnn_save(fit, f)
  for (g in list(rnn_load(f), unserialize(serialize(fit, NULL)))) {
    expect_identical(g$prep$meta$keys, c("a", "b", "c"))
    expect_identical(as.data.frame(forecast(g, h = 2, seed = 1)), as.data.frame(forecast(fit, h = 2, seed = 1)))
    expect_identical(accuracy(g), accuracy(fit))
  }
})

test_that("a series unseen in training is forecast from its own recent history", {
  d <- panel_data()
  fit <- rnn_fit(rnn_windows(d, key = "Name", window = 6), units = 4, epochs = 1, seed = 1,
                 verbose = FALSE)
  set.seed(9)
  z <- data.frame(Date = seq(as.Date("2016-01-01"), by = "month", length.out = 30),
                  value = 5e6 + 1e4 * cumsum(rnorm(30)))
  fc <- forecast(fit, h = 3, newdata = z, seed = 1)
  expect_s3_class(fc, "rnnkit_forecast")
  expect_identical(fc$dates[1], as.Date("2018-07-01"))
  # step 1 by hand: z's last window scaled by z's own min-max, the network, unscaled
  lo <- min(z$value)
  hi <- max(z$value)
  x <- array((utils::tail(z$value, 6) - lo) / (hi - lo), c(1, 6, 1))
  expect_equal(as.numeric(fc$mean[1]), predict(fit, x) * (hi - lo) + lo, tolerance = 1e-12)
  expect_true(all(abs(fc$mean - 5e6) < 1e6))
  # a key's own series as newdata, under a transform: its own scaler is
  # the model's (no split), so the forecast is the key's
  fit <- rnn_fit(rnn_windows(d, key = "Name", window = 6, transform = "log"), units = 4,
                 epochs = 1, seed = 1, verbose = FALSE)
  a <- forecast(fit, h = 2, newdata = d[d$Name == "c", c("Date", "value")], seed = 1)
  b <- forecast(fit, h = 2, key = "c", seed = 1)
  expect_identical(a$mean, b$mean)
  expect_identical(a$upper, b$upper)
})
