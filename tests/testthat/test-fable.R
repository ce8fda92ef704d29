# LSTM(), GRU() and RNN() as fable models, and tsibble input (issue 17).

skip_if_no_tidyverts <- function() {
  # tsibble's anytime asks timedatectl for the time zone when it loads,
  # which warns on machines without systemd: not this package's concern
  suppressWarnings(requireNamespace("tsibble", quietly = TRUE))
  skip_if_not_installed("fabletools", "0.3.1")
  skip_if_not_installed("fable")
  skip_if_not_installed("tsibble", "1.0.0")
  skip_if_not_installed("distributional")
  skip_if_not_installed("dplyr")
}

# The bundled DJIA, re-indexed by trading day as fpp3 teaches (its dates
# have gaps: weekends and holidays); the real dates stay a column.
djia_tsibble <- function(n = 400) {
  d <- utils::tail(rnn_example_data(), n)
  d$day <- seq_len(nrow(d))
  tsibble::as_tsibble(d, index = day)
}

quiet <- list(epochs = 3, units = 8, verbose = FALSE)

test_that("the Done-when pipeline: model(LSTM, ETS) |> forecast(h = 20) |> autoplot()", {
  skip_if_no_tidyverts()
  skip_if_not_installed("ggplot2")
  d <- djia_tsibble()
  set.seed(1)
  fit <- fabletools::model(d, lstm = LSTM(log(Close) ~ window(30), epochs = 3, units = 8,
                                          verbose = FALSE),
                           ets = fable::ETS(Close))
  expect_equal(fabletools::model_sum(fit$lstm[[1]]), "LSTM(8), w30")
  fc <- fabletools::forecast(fit, h = 20, times = 200)
  expect_equal(nrow(fc), 40)
  lstm <- fc[fc$.model == "lstm", ]
  expect_s3_class(lstm$Close, "distribution")
  expect_true(all(is.finite(lstm$.mean)))
  # the LSTM's forecasts are of the level (log undone), near the last Close
  expect_true(all(abs(lstm$.mean / utils::tail(d$Close, 1) - 1) < 0.2))
  iv <- distributional::hilo(lstm$Close, 80)
  expect_true(all(iv$lower <= lstm$.mean & lstm$.mean <= iv$upper))
  # fabletools >= 0.8 left its plots to ggtime
  requireNamespace("ggtime", quietly = TRUE)
  if (is.null(utils::getS3method("autoplot", "fbl_ts", optional = TRUE,
                                 envir = asNamespace("ggplot2")))) {
    skip("no autoplot() method for fables: install ggtime (fabletools >= 0.8)")
  }
  f <- tempfile(fileext = ".png")
  grDevices::png(f, width = 600, height = 400)
  # ggtime's method warns that it moved from fabletools unless ggtime is
  # attached; the plot is the point here
  suppressWarnings(print(ggplot2::autoplot(fc, utils::tail(d, 100))))
  grDevices::dev.off()
  expect_gt(file.size(f), 1000)
})

test_that("fitted() and residuals() are padded with NA for the first window", {
  skip_if_no_tidyverts()
  d <- djia_tsibble(200)
  fit <- fabletools::model(d, lstm = do.call(LSTM, c(list(log(Close) ~ window(20), seed = 2), quiet)))
  a <- fabletools::augment(fit)
  expect_equal(nrow(a), 200)
  expect_true(all(is.na(a$.fitted[1:20])))
  expect_true(all(is.finite(a$.fitted[21:200])))
  # fabletools undoes log on the fitted values: they are prices; the
  # innovation residuals are on the log scale
  plain <- fit$lstm[[1]]$fit$model
  expect_equal(a$.fitted[21:200], as.numeric(fitted(plain)), tolerance = 1e-12)
  expect_equal(a$.innov[21:200], log(d$Close[21:200]) - log(as.numeric(fitted(plain))),
               tolerance = 1e-12)
  g <- fabletools::glance(fit)
  expect_equal(g$epochs, 3L)
  expect_equal(g$parameters, length(plain$params))
  td <- fabletools::tidy(fit)
  expect_equal(nrow(td), length(plain$params))
  expect_equal(sort(td$estimate), sort(plain$params))
  expect_output(fabletools::report(fit), "LSTM")
})

test_that("a fable LSTM() and rnn_fit() with the same data, options and seed are the same model", {
  skip_if_no_tidyverts()
  d <- djia_tsibble(300)
  fit <- fabletools::model(d, lstm = LSTM(log(Close) ~ window(25), epochs = 3, units = 8,
                                          seed = 7, verbose = FALSE))
  m <- fit$lstm[[1]]$fit$model
  plain <- rnn_fit(Close ~ Close, data = utils::tail(rnn_example_data(), 300), window = 25,
                   transform = "log", epochs = 3, units = 8, seed = 7, verbose = FALSE)
  expect_identical(m$params, plain$params)
  expect_identical(m$residuals, plain$residuals)
  fc <- fabletools::forecast(fit, h = 6, times = 50, seed = 3)
  fp <- forecast(plain, h = 6, level = NULL, npaths = 50, seed = 3)
  paths <- do.call(cbind, distributional::parameters(fc$Close)$x)
  # fable's samples are the core's paths (log taken and undone: 1 ulp)
  expect_equal(paths, fp$paths, tolerance = 1e-12)
  expect_equal(fc$.mean, colMeans(fp$paths), tolerance = 1e-12)
  # GRU() and RNN() are the other cells
  g <- fabletools::model(d, gru = GRU(Close ~ window(10), epochs = 2, units = 4, seed = 1,
                                      verbose = FALSE))
  pg <- rnn_fit(Close ~ Close, data = utils::tail(rnn_example_data(), 300), window = 10,
                cell = "gru", epochs = 2, units = 4, seed = 1, verbose = FALSE)
  expect_identical(g$gru[[1]]$fit$model$params, pg$params)
  # (a box_cox(Close, 0.5) left side needs fabletools attached: fabletools
  # evaluates its inverse, inv_box_cox(), on the search path)
  r <- fabletools::model(d, rnn = RNN(Close ~ window(10), transform = "boxcox", lambda = 0.5,
                                      epochs = 2, units = 4, seed = 1, verbose = FALSE))
  pr <- rnn_fit(Close ~ Close, data = utils::tail(rnn_example_data(), 300), window = 10,
                cell = "simple", transform = "boxcox", lambda = 0.5, epochs = 2, units = 4,
                seed = 1, verbose = FALSE)
  expect_identical(r$rnn[[1]]$fit$model$params, pr$params)
  # log on the left and a difference as an option: the log return
  lr <- fabletools::model(d, lstm = LSTM(log(Close) ~ window(10), transform = "diff", epochs = 2,
                                         units = 4, seed = 1, verbose = FALSE))
  plr <- rnn_fit(Close ~ Close, data = utils::tail(rnn_example_data(), 300), window = 10,
                 transform = "logdiff", epochs = 2, units = 4, seed = 1, verbose = FALSE)
  expect_identical(lr$lstm[[1]]$fit$model$params, plr$params)
  expect_equal(fabletools::model_sum(r$rnn[[1]]), "RNN(4), w10")
})

test_that("over several keys, model() fits one model per key and accuracy() scores them", {
  skip_if_no_tidyverts()
  px <- utils::tail(rnn_example_data(), 260)
  long <- do.call(rbind, lapply(c("Open", "High", "Low", "Close"), function(s) {
    data.frame(series = s, day = seq_len(nrow(px)), Date = px$Date, price = px[[s]])
  }))
  d <- tsibble::as_tsibble(long, key = series, index = day)
  train <- d[d$day <= 240, ]
  fit <- fabletools::model(train,
                           lstm = LSTM(log(price) ~ window(20), epochs = 2, units = 4, seed = 1,
                                       verbose = FALSE),
                           naive = fable::NAIVE(price))
  expect_equal(nrow(fit), 4)
  fc <- fabletools::forecast(fit, h = 20, times = 100)
  acc <- fabletools::accuracy(fc, d, measures = list(fabletools::point_accuracy_measures,
                                                     fabletools::distribution_accuracy_measures))
  expect_equal(nrow(acc), 8)
  expect_true(all(is.finite(acc$RMSE)))
  expect_true(all(is.finite(acc$CRPS[acc$.model == "lstm"])))
  # each key's model is the plain fit of that key's series
  one <- rnn_fit(price ~ price, data = long[long$series == "High" & long$day <= 240, ],
                 window = 20, transform = "log", epochs = 2, units = 4, seed = 1, verbose = FALSE)
  expect_identical(fit$lstm[[which(fit$series == "High")]]$fit$model$params, one$params)
})

test_that("a monthly yearmonth tsibble keeps its period (seasonal differences, dates)", {
  skip_if_no_tidyverts()
  air <- rnn_example_data("air")
  air$Month <- tsibble::yearmonth(air$Date)
  air$Date <- NULL
  d <- tsibble::as_tsibble(air, index = Month)
  w <- rnn_windows(d, window = 12, transform = "sdiff")
  expect_equal(w$meta$period, 12)
  expect_s3_class(w$data$index, "Date")
  expect_equal(format(w$data$index[1]), "1949-01-01")
  fit <- fabletools::model(d, lstm = LSTM(Passengers ~ window(12), transform = "sdiff",
                                          epochs = 2, units = 4, seed = 1, verbose = FALSE))
  fc <- fabletools::forecast(fit, h = 12, times = 50)
  expect_s3_class(fc$Month, "yearmonth")
  expect_equal(format(fc$Month[1]), "1961 Jan")
  plain <- rnn_fit(Passengers ~ Passengers, data = rnn_example_data("air"), window = 12,
                   transform = "sdiff", epochs = 2, units = 4, seed = 1, verbose = FALSE)
  expect_identical(fit$lstm[[1]]$fit$model$params, plain$params)
})

test_that("tsibbles go to rnn_windows() and rnn_fit() directly; trading days keep real dates", {
  skip_if_no_tidyverts()
  d <- djia_tsibble(100)
  w <- rnn_windows(d, window = 10)
  expect_s3_class(w$data$index, "Date") # the real dates, not the trading day
  expect_equal(w$data$index, utils::tail(rnn_example_data(), 100)$Date)
  w2 <- rnn_windows(utils::tail(rnn_example_data(), 100), window = 10)
  expect_identical(w$x, w2$x)
  fit <- rnn_fit(Close ~ Close, data = d, window = 10, epochs = 1, units = 4, seed = 1, verbose = FALSE)
  expect_s3_class(fit, "rnnkit_model")
  keyed <- tsibble::as_tsibble(data.frame(k = rep(c("a", "b"), each = 50), t = rep(1:50, 2),
                                          v = rnorm(100)), key = k, index = t)
  expect_error(rnn_windows(keyed, window = 5), class = "rnnkit_error_input",
               regexp = "2 series")
})

test_that("what fable models cannot do yet is refused with a reason", {
  skip_if_no_tidyverts()
  d <- djia_tsibble(100)
  d$x <- seq_len(nrow(d))
  expect_error(LSTM(Close ~ window(10), window = 5), class = "rnnkit_error_input")
  expect_error(LSTM(Close ~ window(10), 5), class = "rnnkit_error_input")
  expect_error(LSTM(Close ~ window(10), unit = 5), class = "rnnkit_error_input", regexp = "units")
  expect_warning(fit <- fabletools::model(d, m = LSTM(Close ~ window(10) + xreg(nope), epochs = 1,
                                                      verbose = FALSE)),
                 "exogenous column\\(s\\) nope")
  expect_true(fabletools::is_null_model(fit$m[[1]]))
  expect_warning(fabletools::model(d, m = LSTM(Close ~ window(10) + season("year"), epochs = 1,
                                               verbose = FALSE)),
                 "season\\(\\) takes")
  expect_warning(fabletools::model(d, m = LSTM(sqrt(Close) ~ window(10), epochs = 1, verbose = FALSE)),
                 "log\\(column\\)")
})

test_that("refit() keeps the weights on new data, or retrains; stretch_tsibble() CV works", {
  skip_if_no_tidyverts()
  d <- djia_tsibble(160)
  fit <- fabletools::model(d[1:120, ], lstm = LSTM(log(Close) ~ window(10), epochs = 2, units = 4,
                                                   seed = 1, verbose = FALSE))
  re <- fabletools::refit(fit, d)
  m0 <- fit$lstm[[1]]$fit$model
  m1 <- re$lstm[[1]]$fit$model
  expect_identical(m1$params, m0$params)
  expect_identical(m1$prep$scaler, m0$prep$scaler)
  expect_equal(nrow(m1$prep$data$values), 160)
  expect_equal(m1$prep$data$values[, "Close"], d$Close, tolerance = 1e-12)
  fc <- fabletools::forecast(re, h = 3, times = 50)
  expect_equal(fc$day, 161:163)
  cv <- tsibble::stretch_tsibble(d[1:155, ], .init = 140, .step = 10)
  cvfit <- fabletools::model(cv, lstm = LSTM(log(Close) ~ window(10), epochs = 1, units = 4,
                                             seed = 1, verbose = FALSE))
  expect_equal(nrow(cvfit), 2)
  acc <- fabletools::accuracy(fabletools::forecast(cvfit, h = 5, times = 50), d)
  expect_true(is.finite(acc$RMSE))
  sims <- fabletools::generate(fit, h = 4, times = 3, seed = 5)
  expect_equal(nrow(sims), 12)
  expect_true(all(is.finite(sims$.sim)))
})

test_that("rnn_fit_many() takes a keyed tsibble: one model per key, as rnn_fit() on each", {
  skip_if_no_tidyverts()
  px <- utils::tail(rnn_example_data(), 120)
  long <- rbind(data.frame(s = "Open", day = 1:120, Date = px$Date, v = px$Open),
                data.frame(s = "Close", day = 1:120, Date = px$Date, v = px$Close))
  d <- tsibble::as_tsibble(long, key = s, index = day)
  fits <- rnn_fit_many(d, window = 10, transform = "log", units = 4, epochs = 1,
                       seed = c(3, 4), parallel = FALSE)
  expect_named(fits, c("Close", "Open"))
  one <- rnn_fit(v ~ v, data = long[long$s == "Open", ], window = 10, transform = "log",
                 units = 4, epochs = 1, seed = 4, verbose = FALSE)
  expect_identical(fits$Open$params, one$params)
  expect_s3_class(fits$Close$prep$data$index, "Date")
  expect_error(rnn_fit_many(d, window = 10, unitz = 4, parallel = FALSE),
               class = "rnnkit_error_input", regexp = "units")
})

test_that("xreg() columns are exogenous features whose future values come from new_data", {
  skip_if_no_tidyverts()
  px <- utils::tail(rnn_example_data(), 200)
  px$x <- px$Volume / 1e6
  px$day <- seq_len(nrow(px))
  d <- tsibble::as_tsibble(px, index = day)
  train <- d[1:190, ]
  fit <- fabletools::model(train, m = LSTM(Close ~ window(10) + xreg(x), epochs = 2, units = 4,
                                           seed = 1, verbose = FALSE))
  m <- fit$m[[1]]$fit$model
  expect_equal(m$prep$meta$features, c("Close", "x"))
  plain <- rnn_fit(Close ~ Close + x, data = px[1:190, ], window = 10, epochs = 2, units = 4,
                   seed = 1, verbose = FALSE)
  expect_identical(m$params, plain$params)
  future <- tsibble::new_data(train, 10)
  future$x <- px$x[191:200]
  fc <- fabletools::forecast(fit, new_data = future, times = 50, seed = 3)
  # rnnkit's own forecast: the history, then rows whose Close is NA and
  # whose x holds the future values
  nd <- px[, c("Date", "Close", "x")]
  nd$Close[191:200] <- NA
  fp <- forecast(m, h = 10, level = NULL, npaths = 50, seed = 3, newdata = nd)
  paths <- do.call(cbind, distributional::parameters(fc$Close)$x)
  expect_identical(paths, fp$paths)
  expect_equal(fc$.mean, colMeans(fp$paths), tolerance = 1e-12)
  # the future values matter: other values of x, other forecasts
  future2 <- future
  future2$x <- future$x * 3
  fc2 <- fabletools::forecast(fit, new_data = future2, times = 50, seed = 3)
  expect_false(isTRUE(all.equal(fc2$.mean, fc$.mean)))
  # generate() feeds the same future
  sims <- fabletools::generate(fit, new_data = future, times = 2, seed = 3)
  expect_equal(nrow(sims), 20)
  expect_true(all(is.finite(sims$.sim)))
  # refit() on more data takes x through the specials (fabletools hands
  # refit() only the response)
  re <- fabletools::refit(fit, d[1:195, ])
  expect_identical(re$m[[1]]$fit$model$params, m$params)
  expect_equal(re$m[[1]]$fit$model$prep$data$values[, "x"], px$x[1:195])
  # without x in new_data (forecast(h = )), a classed refusal saying how
  expect_error(fabletools::forecast(fit, h = 5), class = "rnnkit_error_input",
               regexp = "exogenous column\\(s\\) x .*new_data")
})

test_that("season() is rnnkit's calendar features: a monthly model forecasts 24 months", {
  skip_if_no_tidyverts()
  air <- rnn_example_data("air")
  air$Month <- tsibble::yearmonth(air$Date)
  air$Date <- NULL
  d <- tsibble::as_tsibble(air, index = Month)
  fit <- fabletools::model(d, m = LSTM(Passengers ~ window(12) + season("month"), epochs = 2,
                                       units = 4, seed = 1, verbose = FALSE),
                           a = LSTM(Passengers ~ window(12) + season(), epochs = 2,
                                    units = 4, seed = 1, verbose = FALSE),
                           p = LSTM(Passengers ~ window(12) + season(12), epochs = 2,
                                    units = 4, seed = 1, verbose = FALSE))
  m <- fit$m[[1]]$fit$model
  expect_equal(m$prep$meta$calendar, "month")
  plain <- rnn_fit(Passengers ~ Passengers, data = rnn_example_data("air"), window = 12,
                   calendar = "month", epochs = 2, units = 4, seed = 1, verbose = FALSE)
  expect_identical(m$params, plain$params)
  # "auto" picks the month for monthly data; fable's period 12 is the month
  expect_identical(fit$a[[1]]$fit$model$params, plain$params)
  expect_identical(fit$p[[1]]$fit$model$params, plain$params)
  fc <- fabletools::forecast(fit[, "m"], h = 24, times = 50, seed = 2)
  expect_equal(nrow(fc), 24)
  expect_equal(format(fc$Month[c(1, 24)]), c("1961 Jan", "1962 Dec"))
  fp <- forecast(plain, h = 24, level = NULL, npaths = 50, seed = 2)
  expect_identical(do.call(cbind, distributional::parameters(fc$Passengers)$x), fp$paths)
  expect_equal(fc$.mean, colMeans(fp$paths), tolerance = 1e-12)
})

test_that("generate() takes fabletools' innovations (.innov): zeros give the point forecast", {
  skip_if_no_tidyverts()
  d <- djia_tsibble(200)
  fit <- fabletools::model(d, m = LSTM(log(Close) ~ window(10), epochs = 2, units = 4, seed = 1,
                                       verbose = FALSE))
  mdl <- fit$m[[1]]
  plain <- mdl$fit$model
  point <- as.numeric(forecast(plain, h = 5, level = NULL, npaths = 0)$mean)
  nd <- tsibble::new_data(d, 5)
  nd <- do.call(rbind, lapply(1:3, function(r) cbind(as.data.frame(nd), .rep = as.character(r))))
  nd <- tsibble::as_tsibble(nd, index = day, key = .rep)
  nd$.innov <- 0
  g0 <- fabletools::generate(mdl, new_data = nd)
  for (r in 1:3) expect_equal(g0$.sim[g0$.rep == r], point, tolerance = 1e-12)
  # the innovations are log errors here: the first step is the point
  # times exp(innovation); later steps feed the path back
  set.seed(4)
  nd$.innov <- stats::rnorm(nrow(nd), sd = 0.01)
  g1 <- fabletools::generate(mdl, new_data = nd)
  g2 <- fabletools::generate(mdl, new_data = nd)
  expect_identical(g1$.sim, g2$.sim)
  first <- g1$day == 201
  expect_equal(g1$.sim[first], point[1] * exp(nd$.innov[first]), tolerance = 1e-12)
  expect_false(isTRUE(all.equal(g1$.sim[g1$day == 203], rep(point[3], 3))))
  # the core's paths for the same errors (forecast(innov = ))
  inn <- matrix(nd$.innov, 3, byrow = TRUE)
  fp <- forecast(plain, h = 5, level = NULL, npaths = 3, innov = inn)
  expect_equal(g1$.sim, as.numeric(t(fp$paths)), tolerance = 1e-12)
  expect_identical(forecast(plain, h = 5, level = NULL, npaths = 3, innov = inn * 0)$paths,
                   matrix(point, 3, 5, byrow = TRUE))
  expect_error(forecast(plain, h = 5, level = NULL, npaths = 3, innov = inn[, 1:4]),
               class = "rnnkit_error_input", regexp = "3 x 5")
  # generate(bootstrap = TRUE): fabletools draws .innov from residuals()
  gb <- fabletools::generate(fit, h = 5, times = 4, bootstrap = TRUE, seed = 9)
  gb2 <- fabletools::generate(fit, h = 5, times = 4, bootstrap = TRUE, seed = 9)
  expect_equal(nrow(gb), 20)
  expect_identical(gb$.sim, gb2$.sim)
  res <- stats::na.omit(residuals(mdl$fit))
  expect_true(all(round(gb$.innov, 10) %in% round(res - mean(res), 10)))
  expect_equal(gb$.sim[gb$day == 201 & gb$.rep == "2"],
               point[1] * exp(gb$.innov[gb$day == 201 & gb$.rep == "2"]), tolerance = 1e-12)
})

test_that("refit() of a season() model on trading days keeps the real dates; CV with refit", {
  skip_if_no_tidyverts()
  d <- djia_tsibble(170)
  spec <- LSTM(log(Close) ~ window(10) + season("wday"), epochs = 1, units = 4, seed = 1,
               verbose = FALSE)
  fit <- fabletools::model(d[1:130, ], m = spec)
  re <- fabletools::refit(fit, d[1:150, ])
  m1 <- re$m[[1]]$fit$model
  expect_identical(m1$params, fit$m[[1]]$fit$model$params)
  expect_equal(m1$prep$data$index, d$Date[1:150])
  expect_equal(m1$prep$meta$calendar, "wday")
  fc <- fabletools::forecast(re, h = 3, times = 20)
  expect_equal(fc$day, 151:153)
  expect_true(all(is.finite(fc$.mean)))
  # the same as rnnkit's own forecast of the model on the longer data
  plain <- forecast(m1, h = 3, level = NULL, npaths = 20, seed = 1)
  expect_equal(fc$.mean, colMeans(plain$paths), tolerance = 1e-12)
  re2 <- fabletools::refit(fit, d[1:150, ], reestimate = TRUE)
  one <- rnn_fit(Close ~ Close, data = utils::tail(rnn_example_data(), 170)[1:150, ], window = 10,
                 transform = "log", calendar = "wday", epochs = 1, units = 4, seed = 1,
                 verbose = FALSE)
  expect_identical(re2$m[[1]]$fit$model$params, one$params)
  # stretch_tsibble() cross-validation: fit on the folds, refit on them
  cv <- tsibble::stretch_tsibble(d[1:160, ], .init = 140, .step = 10)
  cvfit <- fabletools::model(cv, m = spec)
  expect_false(any(vapply(cvfit$m, fabletools::is_null_model, TRUE)))
  acc <- fabletools::accuracy(fabletools::forecast(cvfit, h = 5, times = 20), d)
  expect_true(is.finite(acc$RMSE))
  cvre <- fabletools::refit(cvfit, cv, reestimate = TRUE)
  expect_identical(lapply(cvre$m, function(x) x$fit$model$params),
                   lapply(cvfit$m, function(x) x$fit$model$params))
})

test_that("model() over keys: the same fits and forecasts with and without future", {
  skip_if_no_tidyverts()
  skip_if_not_installed("future")
  skip_if_not_installed("future.apply")
  px <- utils::tail(rnn_example_data(), 120)
  long <- do.call(rbind, lapply(c("Open", "Close"), function(s) {
    data.frame(series = s, day = seq_len(nrow(px)), price = px[[s]])
  }))
  d <- tsibble::as_tsibble(long, key = series, index = day)
  run <- function() {
    set.seed(42) # no seed in LSTM(): it is drawn once, in this session
    fit <- fabletools::model(d, m = LSTM(log(price) ~ window(10), epochs = 1, units = 4,
                                         verbose = FALSE))
    list(params = lapply(fit$m, function(x) x$fit$model$params),
         mean = fabletools::forecast(fit, h = 3, times = 20)$.mean)
  }
  plain <- run()
  expect_false(identical(plain$params[[1]], plain$params[[2]]))
  # fabletools maps over the keys with future.apply (future.seed = TRUE)
  # once future is attached
  if (!"package:future" %in% search()) {
    suppressPackageStartupMessages(attachNamespace("future"))
    on.exit(detach("package:future"), add = TRUE)
  }
  old <- future::plan(future::sequential)
  on.exit(future::plan(old), add = TRUE)
  expect_identical(run(), plain)
  skip_on_cran()
  skip_if_valgrind_parent()
  future::plan(future::multisession, workers = 2)
  expect_identical(run(), plain)
})
