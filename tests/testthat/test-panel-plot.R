# issue 16 (h16-oct): plot() of a panel's predictions and forecasts draws
# one panel per key in a grid (par(mfrow)); all keys up to max_keys by
# default, the first max_keys with a message beyond; key = picks.
panel_plot_fit <- function() {
  set.seed(3)
  dates <- seq(as.Date("2015-01-01"), by = "month", length.out = 48)
  a <- 100 + 10 * sin(seq_len(48) / 3) + seq_len(48)
  d <- data.frame(Date = rep(dates, 3), Name = rep(c("a", "b", "c_1"), each = 48),
                  value = c(a, 1000 * a + 7, 50 + a^1.5))
  w <- rnn_windows(d, key = "Name", window = 6, split = as.Date("2018-01-01"))
  list(w = w, fit = rnn_fit(w, units = 3, epochs = 2, seed = 1, verbose = FALSE))
}

test_that("plot() draws a panel's predictions and forecasts per key, in a grid", {
  pf <- panel_plot_fit()
  p <- predict(pf$fit, pf$w)
  expect_s3_class(p, "rnnkit_panel_prediction")
  expect_s3_class(p, "data.frame")
  fc <- forecast(pf$fit, h = 3, seed = 1)
  # every new base-graphics panel, with the grid it is drawn in
  grids <- list()
  setHook("plot.new", function() grids[[length(grids) + 1]] <<- graphics::par("mfrow"))
  on.exit(setHook("plot.new", NULL, "replace"), add = TRUE)
  f <- tempfile(fileext = ".png")
  grDevices::png(f)
  plot(p)
  expect_identical(grids, rep(list(c(3L, 1L)), 3))
  expect_identical(graphics::par("mfrow"), c(1L, 1L)) # restored
  grids <- list()
  plot(fc, key = c("c_1", "a"))
  expect_identical(grids, rep(list(c(2L, 1L)), 2))
  grids <- list()
  plot(p, key = "b")
  expect_identical(grids, list(c(1L, 1L)))
  grids <- list()
  expect_message(plot(fc, max_keys = 2), "first 2 of 3 keys")
  expect_identical(length(grids), 2L)
  grDevices::dev.off()
  unlink(f)
  expect_error(plot(p, key = "zz"), class = "rnnkit_error_input")
  expect_error(plot(fc, key = "zz"), class = "rnnkit_error_input")
})

test_that("the grid of a panel's plots is drawn to PNG, and autoplot() facets by key", {
  pf <- panel_plot_fit()
  p <- predict(pf$fit, pf$w)
  fc <- forecast(pf$fit, h = 3, seed = 1)
  for (x in list(p, fc)) {
    f <- tempfile(fileext = ".png")
    grDevices::png(f, 800, 600)
    plot(x)
    grDevices::dev.off()
    expect_gt(file.size(f), 5000)
    unlink(f)
  }
  skip_if_not_installed("ggplot2")
  g <- ggplot2::autoplot(fc)
  expect_s3_class(g, "ggplot")
  b <- ggplot2::ggplot_build(g)
  expect_identical(nrow(b$layout$layout), 3L)
  expect_error(ggplot2::autoplot(fc, key = "zz"), class = "rnnkit_error_input")
})
