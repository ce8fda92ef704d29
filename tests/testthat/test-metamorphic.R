# Metamorphic tests: the same question asked in every form the API
# accepts gives the same answer -- a series as a data.frame, ts, zoo, xts,
# matrix or vector; arguments by position, by name, in another order;
# windows or the series they came from; a model before and after a trip
# through saveRDS() or rnn_save(). Then a table: every print, summary,
# plot, coef, fitted, residuals, predict, forecast, accuracy and
# as.data.frame method on every kind of model the package fits.
#
# Where two forms run the same arithmetic in the same order the answers
# must be the same bits (expect_identical). A tolerance is used only
# where the arithmetic is genuinely different (stated at each use).
# Models are tiny (4 units, 2-3 epochs) and seeded: the file runs in
# seconds.

# -- shared data ---------------------------------------------------------

# 80 months from 2015-01 with a seasonal wave and a random walk.
meta_monthly <- local({
  set.seed(42)
  n <- 80
  list(dates = seq(as.Date("2015-01-01"), by = "month", length.out = n),
       v = 100 + 10 * sin(seq_len(n) / 4) + cumsum(rnorm(n)))
})
meta_df <- data.frame(Date = meta_monthly$dates, value = meta_monthly$v)
meta_ts <- function(v = meta_monthly$v, start = c(2015, 1)) stats::ts(v, start = start, frequency = 12)

# 150 trading days of the bundled DJIA prices (weekdays only).
meta_px <- rnn_example_data()[1:150, ]

# A recurrent model fit on the first 68 months; its forecast of the next
# h = 6 months covers rows 69..74 of meta_df.
meta_monthly_fit <- function() {
  rnn_fit(rnn_windows(meta_df[1:68, ], window = 6), units = 4, epochs = 3, seed = 1, verbose = FALSE)
}

# every kind of model the package can fit, each tiny
meta_kinds <- function() {
  set.seed(7)
  x <- array(rnorm(40 * 6), c(40, 6, 1))
  y <- rnorm(40)
  tok <- matrix(sample(0:9, 40 * 6, TRUE), 40, 6)
  td <- rnn_text_data(strrep("hello world, hello there. ", 20), seq_len = 5, batch_size = 2)
  w <- rnn_windows(meta_px, window = 5, test = 20)
  wd <- rnn_windows(meta_px, features = "Close", window = 5, horizon = 3, test = 20)
  k <- list(
    numeric = rnn_fit(x, y, units = 4, epochs = 2, seed = 1, verbose = FALSE),
    embedding = rnn_fit(tok, y, units = 4, embedding = c(10, 3), epochs = 2, seed = 1, verbose = FALSE),
    stacked = rnn_fit(x, y, cell = "gru", units = c(4, 3), epochs = 2, seed = 1, verbose = FALSE),
    many_to_many = rnn_fit(x, array(rnorm(40 * 6), c(40, 6, 1)), units = 4, epochs = 2, seed = 1,
                           verbose = FALSE),
    classifier = rnn_fit(x, factor(sample(c("a", "b", "c"), 40, TRUE)), loss = "sparse_ce",
                         units = 4, epochs = 2, seed = 1, verbose = FALSE),
    language = rnn_fit(td, embed_dim = 3, units = 4, epochs = 2, seed = 1, verbose = FALSE),
    windows = rnn_fit(w, units = 4, epochs = 2, seed = 1, verbose = FALSE),
    direct = rnn_fit(wd, units = 4, epochs = 2, seed = 1, verbose = FALSE),
    formula = rnn_fit(Close ~ Close, data = meta_px, window = 5, test = 20, units = 4, epochs = 2,
                      seed = 1, verbose = FALSE)
  )
  k$continued <- rnn_fit(w, model = k$windows, epochs = 1, seed = 2, verbose = FALSE)
  k$untrained <- rnn_model("simple", 3, n_in = 1, seed = 1)
  # what each kind predicts on, and whether it remembers its series
  inputs <- list(numeric = x, embedding = tok, stacked = x, many_to_many = x, classifier = x,
                 language = td$x[1:4, ], windows = w, direct = wd, formula = meta_px,
                 continued = w, untrained = x)
  list(models = k, inputs = inputs)
}

meta_models <- meta_kinds()

# drop the call, which records how a model was asked for, not what it is
no_call <- function(m) {
  m$call <- NULL
  m
}

# -- accuracy of a forecast ----------------------------------------------

test_that("accuracy() of a forecast is the same against a data.frame, ts, zoo, xts and numeric of the same dates", {
  skip_if_not_installed("zoo")
  skip_if_not_installed("xts")
  fit <- meta_monthly_fit()
  fc <- forecast(fit, h = 6, seed = 1)
  expect_identical(fc$dates, meta_monthly$dates[69:74])
  v <- meta_monthly$v
  d <- meta_monthly$dates
  ref <- accuracy(fc, meta_df)
  expect_identical(ref$n, rep(6L, 4)) # model, naive, snaive, drift (issue 15)
  forms <- list(
    `data.frame (test rows only)` = meta_df[69:80, ],
    ts = meta_ts(),
    `ts (test rows only)` = meta_ts(v[69:80], start = c(2020, 9)),
    zoo = zoo::zoo(v, d),
    `zoo (test rows only)` = zoo::zoo(v[69:80], d[69:80]),
    xts = xts::xts(v, d),
    `xts with a named column` = xts::xts(data.frame(value = v), d),
    `numeric (the values at the forecast's dates)` = v[69:74]
  )
  for (nm in names(forms)) {
    expect_identical(accuracy(fc, forms[[nm]]), ref, label = paste("accuracy against", nm))
  }
  # the naive row is the last observed value carried forward
  e <- v[69:74] - v[68]
  expect_equal(ref$RMSE[2], sqrt(mean(e^2)))
})

test_that("accuracy() of a forecast that only partly overlaps the data uses the dates in every form", {
  skip_if_not_installed("zoo")
  fit <- meta_monthly_fit()
  fc <- forecast(fit, h = 6, seed = 1)
  v <- meta_monthly$v
  d <- meta_monthly$dates
  # the data end in the middle of the forecast: months 69..71 known
  ref <- accuracy(fc, meta_df[1:71, ])
  expect_identical(ref$n, rep(3L, 4))
  expect_identical(accuracy(fc, meta_ts(v[1:71])), ref)
  expect_identical(accuracy(fc, zoo::zoo(v[1:71], d[1:71])), ref)
  expect_identical(accuracy(fc, v[69:71]), ref)
})

test_that("accuracy() of a forecast lying wholly after the data says so, whatever the form", {
  skip_if_not_installed("zoo")
  skip_if_not_installed("xts")
  fit <- meta_monthly_fit()
  fc <- forecast(fit, h = 6, seed = 1)
  v <- meta_monthly$v[1:68]
  d <- meta_monthly$dates[1:68]
  expect_error(accuracy(fc, meta_df[1:68, ]), class = "rnnkit_error_dim")
  expect_error(accuracy(fc, meta_ts(v)), class = "rnnkit_error_dim")
  expect_error(accuracy(fc, zoo::zoo(v, d)), class = "rnnkit_error_dim")
  expect_error(accuracy(fc, xts::xts(v, d)), class = "rnnkit_error_dim")
})

test_that("accuracy() of a daily forecast is the same against a data.frame, zoo and xts", {
  skip_if_not_installed("zoo")
  skip_if_not_installed("xts")
  px <- rnn_example_data()[1:170, ]
  fit <- rnn_fit(Close ~ Close, data = px[1:160, ], window = 5, units = 4, epochs = 2, seed = 1,
                 verbose = FALSE)
  fc <- forecast(fit, h = 5, seed = 1)
  expect_identical(fc$dates, px$Date[161:165]) # trading days (no holiday among them)
  ref <- accuracy(fc, px)
  expect_identical(ref$n, rep(5L, 3)) # model, naive, drift: no season
  expect_identical(accuracy(fc, px[c("Date", "Close")]), ref)
  expect_identical(accuracy(fc, px[161:170, ]), ref)
  expect_identical(accuracy(fc, zoo::zoo(px$Close, px$Date)), ref)
  expect_identical(accuracy(fc, xts::xts(px[c("Open", "Close")], px$Date)), ref)
  expect_identical(accuracy(fc, px$Close[161:165]), ref)
})

# -- forecast -------------------------------------------------------------

test_that("forecast(): h by position or by name, defaults spelt out, seed = or set.seed()", {
  fit <- meta_monthly_fit()
  ref <- forecast(fit, h = 6, seed = 1)
  expect_identical(forecast(fit, 6, seed = 1), ref)
  expect_identical(forecast(fit, seed = 1, h = 6), ref)
  expect_identical(forecast(object = fit, h = 6, seed = 1), ref)
  expect_identical(forecast(fit, h = 6L, seed = 1), ref)
  expect_identical(forecast(fit, h = 6, level = c(95, 80), seed = 1), ref) # levels are sorted
  expect_identical(forecast(fit, h = 6, level = c(80, 95), npaths = 1000, seed = 1, series = "value"), ref)
  # the default h of a recursive model is 10
  expect_identical(forecast(fit, seed = 1), forecast(fit, h = 10, seed = 1))
  # newdata = the data the model was fit from changes nothing
  expect_identical(forecast(fit, h = 6, seed = 1, newdata = meta_df[1:68, ]), ref)
  # seed = NULL draws from R's generator: set.seed() makes it reproducible
  set.seed(11)
  a <- forecast(fit, h = 6)
  set.seed(11)
  expect_identical(forecast(fit, h = 6), a)
  # the point forecast does not depend on the simulation's seed
  expect_identical(forecast(fit, h = 6, seed = 2)$mean, ref$mean)
  expect_identical(forecast(fit, h = 6, level = NULL, seed = 3)$mean, ref$mean)
  # a direct model: h by position or by name, and its default is the horizon
  fd <- meta_models$models$direct
  expect_identical(forecast(fd, 2, seed = 1), forecast(fd, h = 2, seed = 1))
  expect_identical(forecast(fd, seed = 1), forecast(fd, h = 3, seed = 1))
})

test_that("forecast() from newdata is the same for a data.frame, ts, zoo and xts of the same series", {
  skip_if_not_installed("zoo")
  skip_if_not_installed("xts")
  fit <- meta_monthly_fit()
  v <- meta_monthly$v[1:72]
  d <- meta_monthly$dates[1:72]
  ref <- as.data.frame(forecast(fit, h = 4, seed = 1, newdata = meta_df[1:72, ]))
  expect_identical(as.Date(rownames(ref)), meta_monthly$dates[73:76])
  expect_identical(as.data.frame(forecast(fit, h = 4, seed = 1, newdata = meta_ts(v))), ref)
  expect_identical(as.data.frame(forecast(fit, h = 4, seed = 1, newdata = zoo::zoo(v, d))), ref)
  expect_identical(as.data.frame(forecast(fit, h = 4, seed = 1, newdata = xts::xts(v, d))), ref)
  # without dates the same numbers, on row numbers
  nd <- as.data.frame(forecast(fit, h = 4, seed = 1, newdata = v))
  expect_identical(nd$date, 73:76)
  expect_identical(unname(as.list(nd[1:5])), unname(as.list(ref[1:5])))
})

# -- windows --------------------------------------------------------------

test_that("rnn_windows() of a data.frame, ts, zoo, xts, matrix and vector of the same values agree", {
  skip_if_not_installed("zoo")
  skip_if_not_installed("xts")
  v <- meta_monthly$v
  d <- meta_monthly$dates
  ref <- rnn_windows(meta_df, window = 6, test = 10)
  forms <- list(ts = meta_ts(), zoo = zoo::zoo(v, d), xts = xts::xts(v, d), matrix = matrix(v),
                vector = v)
  for (nm in names(forms)) {
    w <- rnn_windows(forms[[nm]], window = 6, test = 10)
    for (part in c("x", "y", "naive", "scaler")) {
      expect_identical(w[[part]], ref[[part]], label = paste0("rnn_windows(<", nm, ">)$", part))
    }
    expect_identical(w$meta$target, "value", label = paste0("the column of an unnamed ", nm))
    expect_identical(w$index[c("start", "target_row", "set")], ref$index[c("start", "target_row", "set")])
    if (nm %in% c("ts", "zoo", "xts")) expect_identical(w$index$date, ref$index$date)
  }
  # split by date on the dated forms = test by count
  sp <- rnn_windows(meta_df, window = 6, split = d[71])
  expect_identical(sp$x, ref$x)
  expect_identical(sp$index, ref$index)
  expect_identical(rnn_windows(meta_ts(), window = 6, split = d[71])$index, ref$index)
  expect_identical(rnn_windows(zoo::zoo(v, d), window = 6, split = "2020-11-01")$index, ref$index)
})

test_that("rnn_windows(): a stride keeps every k-th window, a horizon adds columns, scalings invert", {
  px <- meta_px
  # 144 windows of 6: stride 2 keeps every second, counted from the
  # newest (which is always kept)
  w1 <- rnn_windows(px, window = 6)
  w2 <- rnn_windows(px, window = 6, stride = 2)
  k <- rev(seq(dim(w1$x)[1], 1, by = -2))
  expect_identical(w2$x, w1$x[k, , , drop = FALSE])
  expect_identical(w2$y, w1$y[k])
  expect_identical(w2$index$date, w1$index$date[k])
  c1 <- rnn_windows(px, features = "Close", window = 5)
  c3 <- rnn_windows(px, features = "Close", window = 5, horizon = 3)
  n3 <- nrow(c3$y)
  expect_identical(unname(c3$y[, 1]), unname(c1$y[seq_len(n3)]))
  expect_identical(c3$x, c1$x[seq_len(n3), , , drop = FALSE])
  expect_identical(c3$scaler, c1$scaler)
  # scaled windows are the unscaled ones put through the scaler
  raw <- rnn_windows(px, window = 5, scale = "none")
  for (sc in c("minmax", "zscore")) {
    w <- rnn_windows(px, window = 5, scale = sc)
    for (f in c("Open", "Close")) {
      expect_equal(w$x[, , f] * w$scaler$scale[[f]] + w$scaler$center[[f]], raw$x[, , f],
                   tolerance = 1e-12, label = paste(sc, f)) # (x - c) / s * s + c rounds
    }
  }
})

test_that("rnn_windows() selects the same columns by name or number, from a data.frame, matrix, ts or zoo", {
  skip_if_not_installed("zoo")
  px <- meta_px
  m <- as.matrix(px[c("Open", "High", "Low", "Close")])
  ref <- rnn_windows(px, window = 5, test = 20) # OHLC -> Close by default
  same <- list(
    rnn_windows(px, target = "Close", features = c("Open", "High", "Low", "Close"), window = 5, test = 20),
    rnn_windows(px[-1], window = 5, test = 20, date = NULL),
    rnn_windows(m, window = 5, test = 20),
    rnn_windows(m, target = 4, features = 1:4, window = 5, test = 20),
    rnn_windows(stats::ts(m), window = 5, test = 20),
    rnn_windows(zoo::zoo(m, px$Date), window = 5, test = 20)
  )
  for (w in same) {
    expect_identical(w$x, ref$x)
    expect_identical(w$y, ref$y)
    expect_identical(w$scaler, ref$scaler)
  }
  expect_identical(rnn_windows(m, target = 4, features = 1:4, window = 5, test = 20), rnn_windows(m, window = 5, test = 20))
  # the argument order and positional forms of rnn_windows()
  expect_identical(rnn_windows(px, "Close", c("Open", "High", "Low", "Close"), 5, test = 20), ref)
  expect_identical(rnn_windows(test = 20, window = 5, data = px), ref)
})

test_that("rnn_windows(): a column number indexes the columns as given, date and text columns counted", {
  skip_if_not_installed("zoo")
  px <- meta_px # Date Open High Low Close Volume
  expect_identical(names(px), c("Date", "Open", "High", "Low", "Close", "Volume"))
  by_name <- rnn_windows(px, target = "Close", features = c("Open", "Volume"), window = 5, test = 20)
  expect_identical(rnn_windows(px, target = 5, features = c(2, 6), window = 5, test = 20), by_name)
  expect_identical(rnn_windows(px, target = 5, window = 5)$meta$target, names(px)[5])
  # a character column in the middle and the date column last
  ps <- data.frame(px[c("Open", "High")], Symbol = "DJIA", px[c("Low", "Close", "Volume", "Date")])
  by_name <- rnn_windows(ps, target = "Close", features = c("Open", "Low", "Close"), window = 5, test = 20)
  expect_identical(rnn_windows(ps, target = 5, features = c(1, 4, 5), window = 5, test = 20), by_name)
  expect_identical(rnn_windows(ps, target = 5, window = 5, test = 20),
                   rnn_windows(ps, target = "Close", window = 5, test = 20))
  # a matrix, ts or zoo: its columns; the index or time is not a column
  m <- as.matrix(px[-1])
  for (d in list(m, stats::ts(m), zoo::zoo(m, px$Date))) {
    expect_identical(rnn_windows(d, target = 4, features = c(1, 5), window = 5, test = 20)$x,
                     rnn_windows(d, target = "Close", features = c("Open", "Volume"), window = 5, test = 20)$x)
    expect_identical(rnn_windows(d, target = 4, window = 5)$meta$target, "Close")
  }
  # rnn_backtest() passes the numbers through
  bt <- function(...) {
    rnn_backtest(ps, ..., window = 5, origins = 2, h = 5, units = 2, epochs = 1, seed = 1, verbose = FALSE)
  }
  expect_identical(bt(target = 5, features = c(4, 5)), bt(target = "Close", features = c("Low", "Close")))
  # the formula names the same columns as the numbers
  expect_identical(
    no_call(rnn_fit(Close ~ Low + Close, data = ps, window = 5, test = 20, units = 2, epochs = 1,
                    seed = 1, verbose = FALSE)),
    no_call(rnn_fit(rnn_windows(ps, target = 5, features = c(4, 5), window = 5, test = 20), units = 2,
                    epochs = 1, seed = 1, verbose = FALSE))
  )
})

# -- predict --------------------------------------------------------------

test_that("predict() on windows and on the series (data.frame, ts, zoo, xts, vector) agree", {
  skip_if_not_installed("zoo")
  skip_if_not_installed("xts")
  fit <- meta_monthly_fit()
  v <- meta_monthly$v
  d <- meta_monthly$dates
  w <- rnn_windows(meta_df, window = 6, scale = fit$prep$scaler)
  pw <- predict(fit, w)
  ps <- predict(fit, meta_df)
  # the series has one window more: the newest, whose target is beyond the data
  expect_identical(nrow(ps), nrow(pw) + 1L)
  expect_identical(ps$date[nrow(ps)], as.Date("2021-09-01"))
  expect_true(is.na(ps$actual[nrow(ps)]))
  k <- seq_len(nrow(pw))
  for (col in c("date", "actual", "predicted", "naive")) {
    expect_identical(pw[[col]], ps[[col]][k], label = paste("predict(windows)$", col))
  }
  # windows scaled by their own scaler are put on the model's scale:
  # unscaling and rescaling differ from the direct scaling in the last
  # bits, hence the tolerance
  w2 <- rnn_windows(meta_df, window = 6)
  expect_equal(predict(fit, w2)$predicted, pw$predicted, tolerance = 1e-12)
  for (nd in list(meta_ts(), zoo::zoo(v, d), xts::xts(v, d))) {
    expect_identical(predict(fit, nd), ps)
  }
  pv <- predict(fit, v)
  expect_identical(pv$predicted, ps$predicted)
  expect_equal(pv$date, seq_len(nrow(ps)) + 6) # target rows, without dates
  # and the same numbers as predict() on the model's scaled array
  arr <- predict(fit, w$x)
  sc <- fit$prep$scaler
  expect_equal(arr * sc$scale[["value"]] + sc$center[["value"]], pw$predicted, tolerance = 1e-12)
})

test_that("rnn_fit() on a formula and on windows with the same options is the same model", {
  px <- meta_px
  a <- rnn_fit(rnn_windows(px, window = 5, test = 20), units = 4, epochs = 2, seed = 1, verbose = FALSE)
  b <- rnn_fit(Close ~ Open + High + Low + Close, data = px, window = 5, test = 20, units = 4,
               epochs = 2, seed = 1, verbose = FALSE)
  expect_identical(no_call(b), no_call(a))
  c1 <- rnn_fit(Close ~ Close, data = px, window = 5, test = 20, units = 4, epochs = 2, seed = 1,
                verbose = FALSE)
  c2 <- rnn_fit(rnn_windows(px, features = "Close", window = 5, test = 20), units = 4, epochs = 2,
                seed = 1, verbose = FALSE)
  expect_identical(no_call(c1), no_call(c2))
  # and a bare-array fit on the same training windows learns the same weights
  w <- rnn_windows(px, features = "Close", window = 5, test = 20)
  tr <- w$index$set == "train"
  c3 <- rnn_fit(w$x[tr, , , drop = FALSE], w$y[tr], units = 4, epochs = 2, seed = 1, verbose = FALSE)
  expect_identical(c3$params, c2$params)
  expect_identical(c3$history, c2$history)
})

test_that("accuracy() of a model: from its own data, from its windows, from their predictions", {
  fit <- meta_models$models$windows
  w <- rnn_windows(meta_px, window = 5, test = 20)
  ref <- accuracy(fit)
  expect_identical(accuracy(fit, w), ref)
  expect_identical(accuracy(predict(fit, w)), ref)
  # a direct model too: its test windows are those rnn_windows() cuts,
  # all of whose targets are known
  fd <- meta_models$models$direct
  wd <- rnn_windows(meta_px, features = "Close", window = 5, horizon = 3, test = 20)
  ref_d <- accuracy(fd)
  expect_identical(ref_d$n, c(60L, 60L, 60L)) # 20 windows x 3 steps; model, naive, drift
  expect_identical(accuracy(fd, wd), ref_d)
  expect_identical(accuracy(predict(fd, wd)), ref_d)
})

# -- the same fit asked differently -------------------------------------

test_that("rnn_fit(): arguments by position, by name, in another order, or partially named", {
  set.seed(3)
  x <- array(rnorm(30 * 5), c(30, 5, 1))
  y <- rnorm(30)
  ref <- rnn_fit(x, y, cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE)
  forms <- list(
    rnn_fit(x, y, "gru", 4, epochs = 2, seed = 1, verbose = FALSE),
    rnn_fit(y = y, x = x, verbose = FALSE, seed = 1, epochs = 2, units = 4, cell = "gru"),
    rnn_fit(x, y, cell = "gru", units = 4L, epochs = 2L, seed = 1L, verbose = FALSE),
    rnn_fit(x, y, cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE, threads = 1),
    rnn_fit(x, y, cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE, threads = 2),
    rnn_fit(x, y, cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE, validation = 0),
    rnn_fit(matrix(x, 30), y, cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE),
    rnn_fit(x, matrix(y), cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE),
    rnn_fit(x, data.frame(y = y), cell = "gru", units = 4, epochs = 2, seed = 1, verbose = FALSE)
  )
  # abbreviated names are not a form the API accepts: rnnkit never completes
  # option names (test-options.R)
  expect_error(rnn_fit(x, y, cel = "gru", units = 4, epochs = 2, verbose = FALSE),
               class = "rnnkit_error_input")
  for (i in seq_along(forms)) {
    expect_identical(forms[[i]]$params, ref$params, label = paste("form", i, "params"))
    expect_identical(forms[[i]]$history, ref$history, label = paste("form", i, "history"))
  }
  # the windows method forwards every option by name to the same fit
  w <- rnn_windows(meta_px, features = "Close", window = 5, test = 20)
  a <- rnn_fit(w, units = 4, epochs = 2, seed = 1, verbose = FALSE)
  b <- rnn_fit(w, verbose = FALSE, seed = 1, epochs = 2, units = 4)
  expect_identical(no_call(b), no_call(a))
  expect_identical(no_call(rnn_fit(x = w, units = 4, epochs = 2, seed = 1, verbose = FALSE)), no_call(a))
})

test_that("rnn_fit(): every default spelt out, batches as large as the data, validation as a list or a fraction", {
  set.seed(3)
  x <- array(rnorm(30 * 5), c(30, 5, 1))
  y <- rnorm(30)
  ref <- rnn_fit(x, y, units = 4, epochs = 3, seed = 1, verbose = FALSE, validation = 0.2,
                 early_stopping = TRUE)
  same_fit <- function(m, what) {
    expect_identical(m$params, ref$params, label = paste(what, "params"))
    expect_identical(m$history, ref$history, label = paste(what, "history"))
  }
  same_fit(rnn_fit(x, y, cell = "lstm", units = 4, activation = "tanh", output_activation = "linear",
                   loss = "mse", optimizer = "adam", lr = 0.001, epochs = 3, batch_size = 32,
                   validation = 0.2, shuffle = TRUE, early_stopping = 10, min_delta = 0,
                   restore_best = TRUE, dropout = 0, clipnorm = NULL, clipvalue = NULL,
                   momentum = 0, rho = 0.9, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7,
                   recurrent_init = "orthogonal", seed = 1, verbose = FALSE, threads = 2,
                   model = NULL, embedding = NULL, stateful = FALSE, checkpoint = NULL,
                   checkpoint_every = 1, classes = NULL),
           "every default spelt out (early_stopping = TRUE is a patience of 10)")
  # 24 training samples: one batch whether batch_size is 24, 32 or 1000
  same_fit(rnn_fit(x, y, units = 4, epochs = 3, seed = 1, verbose = FALSE, validation = 0.2,
                   early_stopping = TRUE, batch_size = 24), "batch_size = 24")
  same_fit(rnn_fit(x, y, units = 4, epochs = 3, seed = 1, verbose = FALSE, validation = 0.2,
                   early_stopping = TRUE, batch_size = 1000), "batch_size = 1000")
  # validation = 0.2 takes the last 6 samples: the same as giving them
  same_fit(rnn_fit(x[1:24, , , drop = FALSE], y[1:24], units = 4, epochs = 3, seed = 1,
                   verbose = FALSE, validation = list(x = x[25:30, , , drop = FALSE], y = y[25:30]),
                   early_stopping = TRUE), "validation as list(x, y)")
  # class labels as a factor, strings, a one-column matrix or 0-based codes
  set.seed(4)
  lab <- sample(c("a", "b", "c"), 30, TRUE)
  cls <- function(yy, ...) rnn_fit(x, yy, loss = "sparse_ce", units = 3, epochs = 2, seed = 1, verbose = FALSE, ...)
  c1 <- cls(factor(lab))
  for (yy in list(lab, matrix(lab), match(lab, c("a", "b", "c")) - 1)) {
    expect_identical(cls(yy)$params, c1$params)
  }
  expect_identical(cls(lab, classes = c("a", "b", "c"))$history, c1$history)
  # binary targets as 0/1 or as logicals
  expect_identical(rnn_fit(x, y > 0, loss = "bce", units = 3, epochs = 2, seed = 1, verbose = FALSE)$params,
                   rnn_fit(x, as.numeric(y > 0), loss = "bce", units = 3, epochs = 2, seed = 1, verbose = FALSE)$params)
})

test_that("seeds: seed = does not depend on R's generator; seed = NULL follows set.seed()", {
  w <- rnn_windows(meta_px, features = "Close", window = 5, test = 20)
  set.seed(1)
  a <- rnn_fit(w, units = 4, epochs = 2, seed = 7, verbose = FALSE)
  set.seed(2)
  b <- rnn_fit(w, units = 4, epochs = 2, seed = 7, verbose = FALSE)
  expect_identical(no_call(a), no_call(b))
  set.seed(9)
  c1 <- rnn_fit(w, units = 4, epochs = 2, verbose = FALSE)
  set.seed(9)
  c2 <- rnn_fit(w, units = 4, epochs = 2, verbose = FALSE)
  expect_identical(no_call(c1), no_call(c2))
  # a given seed does not draw from R's generator: the stream R's own
  # code sees is the same with or without the call
  lm <- meta_models$models$language
  calls <- list(fit = function() rnn_fit(w, units = 4, epochs = 1, seed = 7, verbose = FALSE),
                forecast = function() forecast(meta_models$models$formula, h = 2, seed = 3),
                model = function() rnn_model(seed = 2),
                generate = function() rnn_generate(lm, "hel", n = 5, seed = 2))
  set.seed(1)
  r0 <- runif(3)
  for (nm in names(calls)) {
    set.seed(1)
    calls[[nm]]()
    expect_identical(runif(3), r0, label = paste("R's random numbers after", nm, "with a seed"))
  }
  # rnn_model() and rnn_generate() keep the same promise
  set.seed(5)
  m1 <- rnn_model("gru", 3)
  set.seed(5)
  expect_identical(rnn_model("gru", 3), m1)
  expect_identical(rnn_model("gru", 3, seed = 4), rnn_model("gru", 3, seed = 4))
  set.seed(6)
  g1 <- rnn_generate(lm, "hel", n = 20)
  set.seed(6)
  expect_identical(rnn_generate(lm, "hel", n = 20), g1)
  expect_identical(rnn_generate(lm, "hel", 20, seed = 3), rnn_generate(lm, start = "hel", n = 20, seed = 3))
  # rnn_fit_many(): the same models as a loop of rnn_fit() with the same seeds
  many <- rnn_fit_many(list(a = w, b = w), units = 4, epochs = 2, seed = c(7, 8), parallel = FALSE)
  expect_identical(no_call(many$a), no_call(a))
  expect_identical(no_call(many$b), no_call(rnn_fit(w, units = 4, epochs = 2, seed = 8, verbose = FALSE)))
})

test_that("continuing a fit equals asking for the epochs at once only in its architecture, and is reproducible", {
  w <- rnn_windows(meta_px, window = 5, test = 20)
  m <- meta_models$models$windows
  a <- rnn_fit(w, model = m, epochs = 1, seed = 2, verbose = FALSE)
  expect_identical(no_call(a), no_call(meta_models$models$continued))
  expect_identical(a$config, m$config)
  expect_identical(a$prep, m$prep)
  expect_false(identical(a$params, m$params))
})

# -- round trips -----------------------------------------------------------

# two samples of what a kind of model predicts on, as an array
first_two <- function(nd) {
  if (inherits(nd, "rnnkit_windows")) return(nd$x[1:2, , , drop = FALSE])
  if (is.data.frame(nd)) return(array(0.5, c(2, 5, 1))) # the formula model reads 5 steps of Close
  if (length(dim(nd)) == 3) nd[1:2, , , drop = FALSE] else nd[1:2, , drop = FALSE]
}

for (kind in names(meta_models$models)) {
  test_that(paste("saveRDS() and rnn_save() round trips predict the same:", kind), {
    m <- meta_models$models[[kind]]
    nd <- meta_models$inputs[[kind]]
    f1 <- tempfile(fileext = ".rds")
    f2 <- temp_model_file()
    on.exit(unlink(c(f1, f2)))
    saveRDS(m, f1)
    r <- readRDS(f1)
    expect_identical(r, m)
    rnn_save(m, f2)
    l <- rnn_load(f2)
    expect_identical(predict(l, nd), predict(m, nd))
    expect_identical(capture.output(print(l)), capture.output(print(m)))
    expect_identical(coef(l), coef(m))
    expect_identical(l$history, m$history)
    if (!is.null(m$classes)) {
      expect_identical(predict(l, nd, type = "class"), predict(m, nd, type = "class"))
    }
    if (!is.null(m$prep)) {
      expect_identical(l$prep, m$prep)
      expect_identical(fitted(l), fitted(m))
      expect_identical(residuals(l), residuals(m))
      expect_identical(accuracy(l), accuracy(m))
      if (identical(m$prep$meta$features, m$prep$meta$target) || m$prep$meta$horizon > 1) {
        expect_identical(forecast(l, h = 2, seed = 1), forecast(m, h = 2, seed = 1))
      }
    }
    if (kind == "language") {
      expect_identical(rnn_generate(l, "hel", n = 10, seed = 1), rnn_generate(m, "hel", n = 10, seed = 1))
    }
    # a model that keeps a state keeps it through both
    s <- rnn_predict_and_update_state(m, first_two(nd))$model
    rnn_save(s, f2)
    expect_identical(rnn_load(f2)$state, s$state)
    saveRDS(s, f1)
    expect_identical(readRDS(f1)$state, s$state)
  })
}

# samples x t1 x out and samples x t2 x out -> samples x (t1 + t2) x out
abind_time <- function(a, b) {
  d <- dim(a)
  out <- array(0, c(d[1], d[2] + dim(b)[2], d[3]))
  if (!is.null(dimnames(a))) dimnames(out) <- list(NULL, NULL, dimnames(a)[[3]])
  out[, seq_len(d[2]), ] <- a
  out[, d[2] + seq_len(dim(b)[2]), ] <- b
  out
}

test_that("step-wise prediction in pieces equals predict() on the whole, for every kind of model", {
  # rnn_step() runs predict()'s forward pass (rnn_net_forward() in
  # src/core/net.c) one piece at a time; its sums are formed in the same
  # order, but to the rule of test-step.R we allow the last bits (1e-12)
  # rather than demand the same bits (a large product goes to BLAS, whose
  # blocking may depend on the number of steps)
  for (kind in c("numeric", "embedding", "stacked", "many_to_many", "classifier", "language")) {
    m <- meta_models$models[[kind]]
    nd <- meta_models$inputs[[kind]]
    nd <- if (length(dim(nd)) == 3) nd[1:3, , , drop = FALSE] else nd[1:3, , drop = FALSE]
    T <- dim(nd)[2]
    cut <- c(2, T - 2)
    piece <- function(t) if (length(dim(nd)) == 3) nd[, t, , drop = FALSE] else nd[, t, drop = FALSE]
    s1 <- rnn_predict_and_update_state(rnn_reset_state(m), piece(1:cut[1]))
    s2 <- rnn_predict_and_update_state(s1$model, piece((cut[1] + 1):T))
    whole <- predict(m, nd)
    if (m$config$seq_out) {
      got <- abind_time(s1$prediction, s2$prediction)
      expect_equal(got, whole, tolerance = 1e-12, label = paste(kind, "in two pieces"))
    } else {
      expect_equal(s2$prediction, whole, tolerance = 1e-12, label = paste(kind, "in two pieces"))
    }
  }
})

# -- every method on every kind of model ----------------------------------

# kind -> does it remember its series (fitted, residuals, forecast,
# accuracy apply), and can it forecast (recursive: features = target, or
# direct)
meta_applies <- data.frame(
  kind = c("numeric", "embedding", "stacked", "many_to_many", "classifier", "language",
           "windows", "direct", "formula", "continued", "untrained"),
  series = c(FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, TRUE, TRUE, FALSE),
  forecast = c(FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TRUE, TRUE, FALSE, FALSE),
  embedding = c(FALSE, TRUE, FALSE, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE),
  stringsAsFactors = FALSE
)

test_that("the method table covers every kind of model fitted above", {
  expect_setequal(meta_applies$kind, names(meta_models$models))
})

# Each method is its own test, so that one failing method does not hide
# the others of the same kind.
meta_methods <- list(
  print = function(m, nd, ap) {
    out <- capture.output(res <- print(m))
    expect_identical(res, m)
    expect_match(out[1], "^<rnnkit_model>")
    if (ap$embedding) {
      expect_match(paste(out, collapse = "\n"), "embedding", ignore.case = TRUE,
                   label = "print() of a model with an embedding mentions it")
    }
  },
  summary = function(m, nd, ap) {
    s <- summary(m)
    expect_s3_class(s, "summary.rnnkit_model")
    so <- capture.output(res <- print(s))
    expect_identical(res, s)
    expect_true(any(grepl("Total parameters", so)))
    expect_identical(sum(s$layers$params), length(m$params))
    if (ap$embedding) expect_true(any(grepl("embedding", s$layers$layer, ignore.case = TRUE)))
  },
  plot = function(m, nd, ap) {
    if (nrow(m$history) > 0) {
      expect_identical(plot(m), m)
    } else {
      expect_error(plot(m), class = "rnnkit_error_input")
    }
  },
  coef = function(m, nd, ap) {
    cf <- coef(m)
    expect_identical(sum(lengths(unlist(cf, recursive = FALSE))), length(m$params))
  },
  predict = function(m, nd, ap) {
    p <- predict(m, nd)
    if (ap$series) {
      expect_s3_class(p, "rnnkit_prediction")
      expect_s3_class(as.data.frame(p), "data.frame")
      expect_output(print(p))
      expect_identical(plot(p), p)
      expect_s3_class(accuracy(p), "rnnkit_accuracy")
    } else {
      n <- if (inherits(nd, "rnnkit_windows")) dim(nd$x)[1] else nrow(nd)
      expect_identical(NROW(p), as.integer(n))
      expect_true(all(is.finite(p)))
    }
    if (!is.null(m$classes)) {
      cl <- predict(m, nd, type = "class")
      expect_s3_class(cl, "factor")
      expect_identical(levels(cl), m$classes)
    }
  },
  `fitted and residuals` = function(m, nd, ap) {
    if (ap$series) {
      n_out <- m$prep$meta$horizon * length(m$prep$meta$target)
      expect_length(fitted(m), n_out * length(m$fitted_rows))
      expect_identical(length(residuals(m)), length(fitted(m)))
    } else {
      expect_error(fitted(m), class = "rnnkit_error_input")
      expect_error(residuals(m), class = "rnnkit_error_input")
    }
  },
  accuracy = function(m, nd, ap) {
    if (ap$series) {
      a <- accuracy(m)
      expect_s3_class(a, "rnnkit_accuracy")
      expect_output(expect_identical(print(a), a), "naive")
      expect_s3_class(as.data.frame(a), "data.frame")
    } else {
      expect_error(accuracy(m), class = "rnnkit_error_input")
    }
  },
  forecast = function(m, nd, ap) {
    if (ap$forecast) {
      fc <- forecast(m, h = 2, npaths = 50, seed = 1)
      expect_s3_class(fc, "rnnkit_forecast")
      expect_output(expect_identical(print(fc), fc), "Forecast of")
      df <- as.data.frame(fc)
      expect_identical(names(df), c("Point Forecast", "Lo 80", "Hi 80", "Lo 95", "Hi 95", "date"))
      expect_identical(nrow(df), 2L)
      expect_identical(plot(fc), fc)
      expect_s3_class(accuracy(fc, rnn_example_data()[1:160, ]), "rnnkit_accuracy")
    } else {
      expect_error(forecast(m, h = 2), class = "rnnkit_error_input")
    }
  }
)

for (i in seq_len(nrow(meta_applies))) {
  for (meth in names(meta_methods)) {
    test_that(paste0(meth, "() on a model of kind ", meta_applies$kind[i]), {
      ap <- meta_applies[i, ]
      grDevices::pdf(NULL)
      on.exit(grDevices::dev.off())
      meta_methods[[meth]](meta_models$models[[ap$kind]], meta_models$inputs[[ap$kind]], ap)
    })
  }
}

test_that("print, plot and as.data.frame of the other objects: windows, backtest, text data, tokenizer, layer", {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  w <- rnn_windows(meta_px, window = 5, test = 20)
  expect_output(expect_identical(print(w), w), "rnnkit_windows")

  bt <- rnn_backtest(meta_px, features = "Close", window = 5, origins = 2, h = 10, units = 3,
                     epochs = 1, seed = 1, verbose = FALSE)
  expect_output(expect_identical(print(bt), bt), "Rolling-origin backtest")
  expect_s3_class(as.data.frame(bt), "data.frame")
  expect_identical(nrow(as.data.frame(bt)), 6L) # issue 15: model, naive, drift per origin
  # a backtest has a plot of its own, not the pairs() plot of a data.frame
  expect_false(is.null(utils::getS3method("plot", "rnnkit_backtest", optional = TRUE)),
               label = "a plot() method for rnnkit_backtest")
  expect_invisible(plot(bt))

  td <- rnn_text_data(strrep("hello world, hello there. ", 20), seq_len = 5, batch_size = 2)
  expect_output(expect_identical(print(td), td), "text data")
  tok <- rnn_tokenizer(c("hello world", "hello there"), level = "word")
  expect_output(expect_identical(print(tok), tok))
  expect_identical(rnn_decode(tok, rnn_encode(tok, c("hello world", "there"))), c("hello world", "there"))

  set.seed(1)
  H <- 3
  wts <- list(matrix(rnorm(2 * 4 * H), 2), matrix(rnorm(H * 4 * H), H), rnorm(4 * H))
  layer <- rnn_layer("lstm", H, wts)
  expect_output(expect_identical(print(layer), layer))
  expect_identical(coef(layer), coef(layer, format = "keras"))
  x <- array(rnorm(2 * 4 * 2), c(2, 4, 2))
  expect_identical(predict(layer, x), rnn_layer_call(layer, x))
})

test_that("generation, classes and layers: text or tokens, labels or argmax, whole or continued", {
  lm <- meta_models$models$language
  tok <- lm$tokenizer
  g_txt <- rnn_generate(lm, "hel", n = 15, seed = 3)
  g_tok <- rnn_generate(lm, rnn_encode(tok, "hel")[[1]], n = 15, seed = 3)
  expect_identical(g_txt, paste0("hel", rnn_decode(tok, list(g_tok))))

  cm <- meta_models$models$classifier
  x <- meta_models$inputs$classifier
  p <- predict(cm, x)
  expect_identical(as.character(predict(cm, x, type = "class")), colnames(p)[max.col(p, "first")])

  # a layer's last output is the last step of its sequence, and a sequence
  # cut in two and continued from the state gives the same output: the
  # same steps in the same order, so the same bits
  set.seed(8)
  H <- 3
  for (cell in c("simple", "lstm", "gru")) {
    G <- c(simple = 1, lstm = 4, gru = 3)[[cell]]
    wts <- list(matrix(rnorm(2 * G * H), 2), matrix(rnorm(H * G * H), H),
                if (cell == "gru") matrix(rnorm(2 * G * H), 2) else rnorm(G * H))
    layer <- rnn_layer(cell, H, wts)
    xx <- array(rnorm(2 * 6 * 2), c(2, 6, 2))
    last <- rnn_layer_call(layer, xx)
    expect_identical(rnn_layer_call(layer, xx, return_sequences = TRUE)[, 6, ], last, label = cell)
    first <- rnn_layer_call(layer, xx[, 1:3, , drop = FALSE], return_state = TRUE)
    expect_identical(rnn_layer_call(layer, xx[, 4:6, , drop = FALSE], initial_state = first[-1]), last,
                     label = paste(cell, "continued from its state"))
    expect_identical(predict(layer, xx), last)
  }
})
