# The progress bar fits the console (issue 13, item 10): at 60 columns
# every redraw used to wrap to a new line and the loss was cut off.

bar_lines <- function(width, ...) {
  withr_width <- options(width = width)
  on.exit(options(withr_width))
  old <- Sys.getenv("COLUMNS", NA)
  Sys.unsetenv("COLUMNS")
  on.exit(if (!is.na(old)) Sys.setenv(COLUMNS = old), add = TRUE)
  set.seed(1)
  out <- capture.output(fit <- rnn_fit(..., verbose = TRUE))
  segs <- unlist(strsplit(paste(out, collapse = "\n"), "[\r\n]"))
  list(fit = fit, segs = segs[nzchar(segs)])
}

test_that("every redraw of the bar fits the console width, with the loss in full", {
  x <- array(rnorm(64 * 5), c(64, 5, 1))
  y <- rnorm(64)
  for (width in c(60, 40, 25, 120)) {
    r <- bar_lines(width, x, y, units = 3, epochs = 4, validation = 0.25, batch_size = 8)
    expect_true(length(r$segs) >= 1)
    expect_true(all(nchar(sub(" +$", "", r$segs)) <= width - 1), info = paste(width, r$segs))
    expect_true(all(nchar(r$segs) <= width - 1), info = paste(width, r$segs))
    last <- r$segs[length(r$segs)]
    n <- nrow(r$fit$history)
    expect_match(last, paste0("epoch ", n, "/4"), fixed = TRUE, info = width)
    expect_match(last, paste0("loss ", sprintf("%.4g", r$fit$history$loss[n])), fixed = TRUE,
                 info = paste(width, last))
  }
  # the bar itself at 60 columns, and in full at 120
  expect_match(bar_lines(60, x, y, units = 3, epochs = 2)$segs[1], "\\[[=> ]{5,}\\]")
  wide <- bar_lines(120, x, y, units = 3, epochs = 2)$segs
  expect_match(wide[length(wide)], "\\[={30}\\]")
})

test_that("a narrower terminal (COLUMNS) narrows the bar too", {
  old <- Sys.getenv("COLUMNS", NA)
  on.exit(if (is.na(old)) Sys.unsetenv("COLUMNS") else Sys.setenv(COLUMNS = old))
  Sys.setenv(COLUMNS = "50")
  op <- options(width = 200)
  on.exit(options(op), add = TRUE)
  expect_equal(rnnkit:::console_width(), 50L)
  out <- capture.output(f <- rnn_fit(matrix(rnorm(40), 8), rnorm(8), units = 2, epochs = 2, verbose = TRUE))
  segs <- unlist(strsplit(paste(out, collapse = "\n"), "[\r\n]"))
  expect_true(all(nchar(segs) <= 49))
})

test_that("a learning-rate schedule's rate is on the line, dropped; without one it is not", {
  x <- array(rnorm(64 * 5), c(64, 5, 1))
  y <- rnorm(64)
  r <- bar_lines(200, x, y, units = 3, epochs = 5, batch_size = 8, lr = 0.01,
                 lr_schedule = "piecewise", lr_drop_factor = 0.1, lr_drop_period = 2)
  last <- r$segs[length(r$segs)]
  expect_match(last, "epoch 5/5", fixed = TRUE)
  expect_identical(r$fit$history$lr[5], 0.01 * 0.1^2)
  expect_match(last, "  lr 0.0001 ", fixed = TRUE, info = last)
  # the rate follows the loss, before the time
  expect_match(last, "loss [^ ]+ +lr 0\\.0001 +[0-9.]+s$", info = last)
  # at 60 columns the time goes first, the rate next; the loss stays
  narrow <- bar_lines(60, x, y, units = 3, epochs = 5, batch_size = 8, lr = 0.01,
                      lr_schedule = "piecewise", lr_drop_factor = 0.1, lr_drop_period = 2)
  expect_true(all(nchar(narrow$segs) <= 59), info = narrow$segs)
  expect_true(all(grepl("loss ", narrow$segs, fixed = TRUE)))
  plain <- bar_lines(200, x, y, units = 3, epochs = 2, batch_size = 8, lr = 0.01)
  expect_false(any(grepl(" lr ", plain$segs, fixed = TRUE)), info = plain$segs)
})
