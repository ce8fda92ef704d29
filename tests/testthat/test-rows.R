# issue 19: with options(rnnkit.row_split = 1) layers (here 128 units,
# batch 32) split the gate rows of their hidden units across two threads
# instead of the batch; the results never depend on the thread count nor on
# the split, to the bit.

rows_fit <- function(cell, precision, threads, units = 128) {
  set.seed(19)
  x <- array(rnorm(40 * 6 * 8), c(40, 6, 8))
  y <- 0.5 * x[, 6, 1] - 0.3 * x[, 5, 2]
  rnn_fit(x, y, cell = cell, units = units, epochs = 2, batch_size = 32,
          validation = 0.2, seed = 3, verbose = FALSE, threads = threads,
          precision = precision)
}

test_that("the gate-row split trains to the same bits on 1 and 2 threads", {
  old <- options(rnnkit.row_split = 1L)
  on.exit(options(old))
  for (cell in c("lstm", "gru", "simple")) {
    for (precision in c("double", "single")) {
      a <- rows_fit(cell, precision, 1L)
      b <- rows_fit(cell, precision, 2L)
      options(rnnkit.row_split = -1L) # the batch split only
      h <- rows_fit(cell, precision, 2L)
      options(rnnkit.row_split = 1L)
      info <- paste(cell, precision)
      expect_true(all(is.finite(a$history$loss)), info = info)
      expect_identical(a$params, b$params, info = info)
      expect_identical(a$history, b$history, info = info)
      expect_identical(a$params, h$params, info = info)
      expect_identical(a$history, h$history, info = info)
    }
  }
  # two layers: the second one's input gradient is split too
  a <- rows_fit("lstm", "double", 1L, units = c(128, 128))
  b <- rows_fit("lstm", "double", 2L, units = c(128, 128))
  expect_identical(a$params, b$params)
})
