# issue 16 (h16-h12): lambda = "auto" -- Guerrero's Box-Cox lambda,
# estimated by the C core on each series' training rows.

monthly <- function(x, start = "1949-01-01") {
  data.frame(Date = seq(as.Date(start), by = "month", length.out = length(x)), value = as.numeric(x))
}

test_that("lambda = \"auto\" is forecast::BoxCox.lambda(method = \"guerrero\") to 1e-8", {
  skip_if_not_installed("forecast")
  # ts of frequency 12, 4 and 1 (groups of 2), whole series
  for (x in list(datasets::AirPassengers, datasets::USAccDeaths, datasets::UKgas,
                 datasets::lynx, datasets::nottem + 50, datasets::Nile)) {
    w <- rnn_windows(x, window = 5, transform = "boxcox", lambda = "auto")
    expect_equal(w$meta$lambda, forecast::BoxCox.lambda(x, method = "guerrero", lower = -1, upper = 2),
                 tolerance = 1e-8)
    expect_identical(w$meta$lambda_method, "guerrero")
  }
  # the training rows only (before the split), groups of the sdiff period
  air <- monthly(datasets::AirPassengers)
  w <- rnn_windows(air, window = 12, split = as.Date("1958-01-01"), transform = c("boxcox", "sdiff"),
                   lambda = "auto")
  train <- stats::ts(air$value[air$Date < as.Date("1958-01-01")], frequency = 12)
  expect_equal(w$meta$lambda, forecast::BoxCox.lambda(train, method = "guerrero"), tolerance = 1e-8)
  expect_false(isTRUE(all.equal(w$meta$lambda, forecast::BoxCox.lambda(datasets::AirPassengers,
                                                                        method = "guerrero"))))
  # monthly dates without sdiff: groups of 12, as the ts
  w <- rnn_windows(air, window = 12, transform = "boxcox", lambda = "auto")
  expect_equal(w$meta$lambda, forecast::BoxCox.lambda(datasets::AirPassengers, method = "guerrero"),
               tolerance = 1e-8)
  # at most two cycles: 1, as forecast
  w <- rnn_windows(air[1:24, ], window = 3, transform = "boxcox", lambda = "auto")
  expect_identical(w$meta$lambda, 1)
})

lambda_panel <- function() {
  air <- monthly(datasets::AirPassengers)
  acc <- monthly(datasets::USAccDeaths, "1953-01-01")
  rbind(cbind(Name = "air", air), cbind(Name = "acc", acc),
        cbind(Name = "lin", monthly(50 + seq_len(144) + 5 * sin(seq_len(144) * pi / 6))))
}

test_that("a panel with lambda = \"auto\" gives each key its own lambda, undone per key", {
  d <- lambda_panel()
  w <- rnn_windows(d, key = "Name", window = 12, split = as.Date("1958-01-01"),
                   transform = c("boxcox", "sdiff"), lambda = "auto")
  expect_length(w$meta$lambda, 3)
  expect_true(all(abs(diff(w$meta$lambda)) > 0.1))
  for (i in seq_along(w$meta$keys)) {
    k <- w$meta$keys[i]
    s <- d[d$Name == k, c("Date", "value")]
    # the key's lambda is the plain series' estimate, and its windows are
    # those of the plain series with that lambda given, to the bit
    one <- rnn_windows(s, window = 12, split = as.Date("1958-01-01"), transform = c("boxcox", "sdiff"),
                       lambda = "auto")
    expect_identical(w$meta$lambda[i], one$meta$lambda)
    given <- rnn_windows(s, window = 12, split = as.Date("1958-01-01"), transform = c("boxcox", "sdiff"),
                         lambda = one$meta$lambda)
    expect_identical(unname(w$x[w$index$key == k, , , drop = FALSE]), unname(given$x))
    expect_identical(unname(w$y[w$index$key == k]), unname(given$y))
    # undone with the key's own lambda, the targets are the data again
    kw <- rnnkit:::key_windows(w, k)
    expect_identical(kw$meta$lambda, w$meta$lambda[i])
    v <- kw$data$values
    ev <- .Call(rnnkit:::rnnkit_series_eval, v, 1L, 1L, as.integer(kw$index$target_row),
                matrix(kw$y), unname(kw$scaler$center), unname(kw$scaler$scale), NULL, v, 0L, 1L,
                rnnkit:::transform_code(kw$meta))
    expect_equal(as.numeric(ev$pred), as.numeric(ev$actual), tolerance = 1e-12)
    # ... and not with another key's
    other <- kw$meta
    other$lambda <- w$meta$lambda[i %% 3 + 1]
    ev2 <- .Call(rnnkit:::rnnkit_series_eval, v, 1L, 1L, as.integer(kw$index$target_row),
                 matrix(kw$y), unname(kw$scaler$center), unname(kw$scaler$scale), NULL, v, 0L, 1L,
                 rnnkit:::transform_code(other))
    expect_false(isTRUE(all.equal(as.numeric(ev2$pred), as.numeric(ev2$actual), tolerance = 1e-3)))
  }
  expect_output(print(w), "lambda .* \\(Guerrero, per series, median")
  # the panel print names "per series" once (it said "(...per series...) (per series)")
  line <- grep("target transform", capture.output(print(w)), value = TRUE)
  expect_equal(lengths(gregexpr("per series", line, fixed = TRUE)), 1L)
  fit <- rnn_fit(w, units = 4, epochs = 2, seed = 1, verbose = FALSE)
  expect_output(print(fit), "Guerrero")
  # forecasts and accuracy per key, in original units, with the key's lambda
  fc <- forecast(fit, h = 3, key = "acc", level = NULL)
  kf <- forecast(rnnkit:::key_model(fit, "acc"), h = 3, level = NULL)
  expect_identical(fc$mean, kf$mean)
  expect_true(all(fc$mean > 5000 & fc$mean < 15000))
  a <- accuracy(fit)
  expect_true(all(is.finite(a$MASE[a$model != "naive" | TRUE])))
  # a key's history given as newdata keeps the key's lambda; a series the
  # model has not seen has its own estimated (as its scaler is fitted)
  s <- d[d$Name == "acc" & d$Date >= as.Date("1954-01-01") & d$Date < as.Date("1958-01-01"),
         c("Date", "value")]
  by <- function(lambda, key) {
    ws <- rnn_windows(s, window = 12, transform = c("boxcox", "sdiff"), lambda = lambda)
    m <- if (is.null(key)) rnnkit:::unseen_series(fit, "x") else rnnkit:::key_model(fit, key)
    m$prep <- list(meta = ws$meta, scaler = ws$scaler, data = ws$data)
    list(lambda = ws$meta$lambda, mean = forecast(m, h = 3, level = NULL)$mean)
  }
  own <- by(w$meta$lambda[2], "acc")
  est <- by("auto", NULL)
  expect_gt(abs(own$lambda - est$lambda), 1e-3)
  expect_identical(forecast(fit, h = 3, key = "acc", newdata = s, level = NULL)$mean, own$mean)
  expect_identical(suppressMessages(forecast(fit, h = 3, newdata = s, level = NULL))$mean, est$mean)
  # save/load and serialize keep the lambdas and the answers
  f <- tempfile(fileext = ".rnnk")
  on.exit(unlink(f))
  rnn_save(fit, f)
  for (g in list(rnn_load(f), unserialize(serialize(fit, NULL)))) {
    expect_identical(g$prep$meta$lambda, fit$prep$meta$lambda)
    expect_identical(g$prep$meta$lambda_method, "guerrero")
    expect_identical(forecast(g, h = 3, key = "acc", level = NULL)$mean, fc$mean)
    expect_identical(accuracy(g), a)
  }
})

test_that("a panel of one series with lambda = \"auto\" is the plain workflow, bit for bit", {
  d <- lambda_panel()
  one <- d[d$Name == "acc", ]
  wp <- rnn_windows(one, key = "Name", window = 12, split = as.Date("1958-01-01"),
                    transform = c("boxcox", "sdiff"), lambda = "auto")
  w <- rnn_windows(one[c("Date", "value")], window = 12, split = as.Date("1958-01-01"),
                   transform = c("boxcox", "sdiff"), lambda = "auto")
  expect_identical(wp$meta$lambda, w$meta$lambda)
  expect_identical(wp$x, w$x)
  expect_identical(wp$y, w$y)
  fp <- rnn_fit(wp, units = 4, epochs = 2, seed = 3, verbose = FALSE)
  f <- rnn_fit(w, units = 4, epochs = 2, seed = 3, verbose = FALSE)
  expect_identical(fp$params, f$params)
  expect_identical(forecast(fp, h = 3, seed = 1)$mean, forecast(f, h = 3, seed = 1)$mean)
  acc <- accuracy(fp)
  expect_identical(acc$MASE[acc$Name == "acc"], accuracy(f)$MASE)
})

test_that("bad lambdas are classed errors", {
  air <- monthly(datasets::AirPassengers)
  expect_error(rnn_windows(air, window = 12, transform = "boxcox", lambda = "foo"),
               class = "rnnkit_error_input")
  expect_error(rnn_windows(air, window = 12, transform = "boxcox", lambda = c("auto", "auto")),
               class = "rnnkit_error_input")
  expect_error(rnn_windows(air, window = 12, transform = "log", lambda = "auto"),
               class = "rnnkit_error_input")
  expect_error(rnn_windows(lambda_panel(), key = "Name", window = 12, transform = "boxcox",
                           lambda = "foo"), class = "rnnkit_error_input")
})

# The label's smallest, median and largest lambda come from the core
# (rnn_lambda_summary), as Octave's do; the cross-host test compares the
# two hosts' labels. Four series are an even count: the median is the
# mean of the two middle lambdas (-0.276 and -0.150 here).
test_that("a panel's lambda label: range and median of the per-series lambdas, from the core", {
  air <- rnn_example_data("air")
  n <- nrow(air)
  t <- seq_len(n)
  p <- air$Passengers
  d <- data.frame(Date = rep(air$Date, 4), Name = rep(c("air", "lin", "sq", "ex"), each = n),
                  y = c(p, 50 + t + 5 * sin(t * pi / 6), p^2 / 100, 100 * exp(p / 200)))
  label <- function(k) {
    w <- rnn_windows(d[d$Name %in% k, ], key = "Name", target = "y", window = 12,
                     split = as.Date("1958-01-01"), transform = c("boxcox", "sdiff"), lambda = "auto")
    sub("^  target transform: ", "", grep("target transform", capture.output(print(w)), value = TRUE))
  }
  expect_identical(label(c("air", "lin")),
                   "boxcox, then sdiff, period 12, lambda -0.276 .. 1 (Guerrero, per series, median 0.362)")
  expect_identical(label(c("air", "lin", "sq")),
                   "boxcox, then sdiff, period 12, lambda -0.276 .. 1 (Guerrero, per series, median -0.15)")
  expect_identical(label(c("air", "lin", "sq", "ex")),
                   "boxcox, then sdiff, period 12, lambda -1 .. 1 (Guerrero, per series, median -0.213)")
  # lambdas given per series (no method): NA ones left out
  meta <- list(transform = "boxcox", lambda = c(0.9, NA, 0.1, 0.5, 0.2))
  expect_identical(rnnkit:::transform_label(meta), "boxcox, lambda 0.1 .. 0.9 (per series, median 0.35)")
  # the core's numbers are R's min(), median() and max() to the bit
  s <- function(l) .Call(rnnkit:::rnnkit_lambda_summary, as.double(l))
  r <- function(l) c(min(l, na.rm = TRUE), stats::median(l, na.rm = TRUE), max(l, na.rm = TRUE))
  set.seed(3)
  for (l in list(c(0.9, 0.1, 0.5, 0.2), c(3, NaN, -1, 2), 0.25, c(0.1, 0.2), runif(6, -1, 2),
                 runif(7, -1, 2), c(runif(10, -1, 2), NA))) {
    expect_identical(s(l), r(l))
  }
  expect_identical(s(c(NA, NaN)), rep(NaN, 3))
  expect_identical(s(numeric()), rep(NaN, 3))
})

