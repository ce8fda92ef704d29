# Plots (issue 13, item 9): legends clear of the data, date axes that
# carry the year, lines broken at holes, autoplot() on a date axis, a
# backtest plot, and forecast tables printed at the data's scale. The
# drawing is read back from the device's display list.

px <- rnn_example_data()
set.seed(1)
w <- rnn_windows(px[1:400, ], features = "Close", window = 10, test = 60)
fit <- rnn_fit(w, units = 3, epochs = 2, verbose = FALSE)
fc <- forecast(fit, h = 10, npaths = 50, seed = 1)
p <- predict(fit, w)

# The graphics calls drawn by expr: list(name, args).
drawn <- function(expr) {
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off())
  grDevices::dev.control("enable")
  force(expr)
  usr <- graphics::par("usr")
  calls <- lapply(grDevices::recordPlot()[[1]], function(e) {
    list(name = e[[2]][[1]]$name, args = e[[2]][-1])
  })
  list(calls = calls, usr = usr)
}
x_labels <- function(d) {
  ax <- Filter(function(e) e$name == "C_axis" && identical(e$args[[1]], 1) && is.character(e$args[[3]]),
               d$calls)
  unlist(lapply(ax, function(e) e$args[[3]]))
}
lines_xy <- function(d) {
  lapply(Filter(function(e) e$name == "C_plotXY" && e$args[[2]] %in% c("l", "b"), d$calls),
         function(e) e$args[[1]])
}

test_that("legends sit in a band above the data", {
  d <- drawn(plot(p[p$set == "test", ]))
  tp <- p[p$set == "test", ]
  r <- range(c(tp$actual, tp$predicted))
  expect_gt((d$usr[4] - r[2]) / diff(r), 0.15)
  d <- drawn(plot(fc, n_history = 120))
  r <- range(c(tail(px$Close[1:400], 120), fc$mean, fc$lower, fc$upper))
  expect_gt((d$usr[4] - r[2]) / diff(r), 0.15)
})

test_that("date axes shorter than a year show the year", {
  for (d in list(drawn(plot(fc, n_history = 40)), drawn(plot(p[p$set == "test", ])))) {
    lab <- x_labels(d)
    expect_true(length(lab) >= 2)
    expect_true(all(grepl("(19|20)[0-9]{2}", lab)), info = paste(lab, collapse = ", "))
  }
  long <- x_labels(drawn(plot(predict(fit, px))))
  expect_true(all(grepl("^20[0-9]{2}$", long)), info = paste(long, collapse = ", "))
})

test_that("with na = \"omit\" the lines break at the hole", {
  holes <- px[1:300, ]
  holes$Close[150:160] <- NA
  wh <- rnn_windows(holes, features = "Close", window = 10, na = "omit", test = 100)
  fh <- rnn_fit(wh, units = 2, epochs = 1, verbose = FALSE)
  ph <- predict(fh, wh)
  xy <- lines_xy(drawn(plot(ph)))
  expect_length(xy, 2) # actual and predicted
  for (l in xy) {
    expect_equal(sum(is.na(l$y)), 1)
    gap <- which(is.na(l$y))
    expect_gt(l$x[gap + 1] - l$x[gap - 1], 14) # the hole: 21 rows, a month of trading days
  }
  # a daily series with weekends and no hole draws unbroken lines
  for (l in lines_xy(drawn(plot(p)))) expect_false(anyNA(l$y))
})

test_that("autoplot() of a daily forecast has dates, with years, on its x axis", {
  skip_if_not_installed("ggplot2")
  g <- ggplot2::autoplot(fc)
  b <- ggplot2::ggplot_build(g)
  expect_s3_class(b$layout$panel_scales_x[[1]], "ScaleContinuousDate")
  lab <- b$layout$panel_params[[1]]$x$get_labels()
  lab <- lab[!is.na(lab) & nzchar(lab)]
  expect_true(length(lab) >= 1)
  expect_true(all(grepl("20[0-9]{2}", lab)), info = paste(lab, collapse = ", "))
  expect_error(ggplot2::autoplot(fc, include = 10), "Did you mean `n_history`|no option `include`",
               class = "rnnkit_error_input")
})

test_that("plot() of a backtest draws the metric by origin, not a pairs plot", {
  bt <- rnn_backtest(px[1:200, ], features = "Close", window = 10, origins = 2, h = 10, units = 2,
                     epochs = 1, verbose = FALSE)
  d <- drawn(res <- plot(bt))
  expect_identical(res, bt)
  xy <- lines_xy(d)
  expect_length(xy, 3) # the model, the naive and (issue 15) the drift forecasts
  mod <- !bt$model %in% c("naive", "drift")
  expect_equal(xy[[1]]$y, bt$RMSE[mod])
  expect_equal(xy[[2]]$y, bt$RMSE[bt$model == "naive"])
  expect_equal(xy[[3]]$y, bt$RMSE[bt$model == "drift"])
  expect_equal(lines_xy(drawn(plot(bt, metric = "MASE")))[[1]]$y, bt$MASE[mod])
  expect_error(plot(bt, metric = "rmse"), 'Did you mean "RMSE"', class = "rnnkit_error_input")
})

test_that("forecast tables print digits that fit the scale of the values", {
  r <- data.frame(Date = px$Date[-1], ret = diff(log(px$Close)))
  fr <- rnn_fit(rnn_windows(r[1:300, ], window = 10), units = 2, epochs = 1, verbose = FALSE)
  fcr <- forecast(fr, h = 3, npaths = 50, seed = 1)
  out <- capture.output(print(fcr))
  row1 <- strsplit(trimws(out[3]), " +")[[1]][-1]
  v <- as.numeric(row1)
  ref <- c(fcr$mean[1], fcr$lower[1, 1], fcr$upper[1, 1], fcr$lower[1, 2], fcr$upper[1, 2])
  # each printed value within 1% of the spread of the values, not rounded to 0.01
  expect_true(all(abs(v - ref) <= 0.01 * diff(range(ref))), info = paste(out, collapse = "\n"))
  # index points: whole points, no spurious digits
  out <- capture.output(print(fc))
  expect_match(out[3], paste0(" ", round(fc$mean[1]), " "), fixed = TRUE)
  expect_output(print(fc, digits = 7), sprintf("%.2f", fc$mean[1]), fixed = TRUE)
})
