# rnn_fit_many(): one model per data set, the same bits wherever it runs.

many_data <- local({
  set.seed(21)
  mk <- function(f) rnn_windows(f(seq(0, 12, length.out = 60)) + rnorm(60, sd = 0.05), window = 6)
  list(sin = mk(sin), cos = mk(cos), both = mk(function(t) sin(t) * cos(t / 2)))
})
many_args <- list(cell = "gru", units = 4, epochs = 3, batch_size = 8)

test_that("rnn_fit_many() equals a loop of rnn_fit() with the same seeds", {
  fits <- do.call(rnn_fit_many, c(list(many_data), many_args,
                                  list(seed = c(5, 6, 7), parallel = FALSE)))
  expect_named(fits, names(many_data))
  for (i in seq_along(many_data)) {
    one <- do.call(rnn_fit, c(list(many_data[[i]]), many_args, list(seed = c(5, 6, 7)[i],
                                                                    verbose = FALSE)))
    expect_s3_class(fits[[i]], "rnnkit_model")
    expect_identical(fits[[i]]$params, one$params)
    expect_identical(fits[[i]]$history, one$history)
  }
  # list(x, y) data sets work as well as windows
  xy <- lapply(many_data, function(w) list(x = w$x, y = w$y))
  fits2 <- do.call(rnn_fit_many, c(list(xy), many_args, list(seed = c(5, 6, 7), parallel = FALSE)))
  expect_identical(lapply(fits2, `[[`, "params"), lapply(fits, `[[`, "params"))
})

test_that("set.seed() governs the seeds rnn_fit_many() draws", {
  run <- function() do.call(rnn_fit_many, c(list(many_data[1:2]), many_args, list(parallel = FALSE)))
  set.seed(3); a <- run()
  set.seed(3); b <- run()
  expect_identical(lapply(a, `[[`, "params"), lapply(b, `[[`, "params"))
  expect_false(identical(a[[1]]$params, a[[2]]$params))
})

test_that("future workers give the same bits as the sequential loop", {
  skip_if_not_installed("future.apply")
  seq_fits <- do.call(rnn_fit_many, c(list(many_data), many_args,
                                      list(seed = 1:3, parallel = FALSE)))
  old <- future::plan(future::sequential)
  on.exit(future::plan(old), add = TRUE)
  fut_seq <- do.call(rnn_fit_many, c(list(many_data), many_args, list(seed = 1:3)))
  expect_identical(lapply(fut_seq, `[[`, "params"), lapply(seq_fits, `[[`, "params"))
  if (.Platform$OS.type != "windows") {
    future::plan(future::multicore, workers = 2)
    forked <- do.call(rnn_fit_many, c(list(many_data), many_args, list(seed = 1:3)))
    expect_identical(lapply(forked, `[[`, "params"), lapply(seq_fits, `[[`, "params"))
    expect_identical(lapply(forked, `[[`, "history"), lapply(seq_fits, `[[`, "history"))
  }
  skip_on_cran()
  skip_if_valgrind_parent()
  future::plan(future::multisession, workers = 2)
  sessions <- do.call(rnn_fit_many, c(list(many_data), many_args, list(seed = 1:3)))
  expect_identical(lapply(sessions, `[[`, "params"), lapply(seq_fits, `[[`, "params"))
})

test_that("rnn_fit_many() rejects bad input with classed errors", {
  expect_error(rnn_fit_many(many_data$sin), class = "rnnkit_error_input")
  expect_error(rnn_fit_many(list()), class = "rnnkit_error_input")
  expect_error(rnn_fit_many(list(1:3)), class = "rnnkit_error_input")
  expect_error(rnn_fit_many(many_data, seed = 1:2), class = "rnnkit_error_dim")
  expect_error(rnn_fit_many(many_data, x = 1), class = "rnnkit_error_input")
  expect_error(rnn_fit_many(many_data, units = 2, epochs = 1, parallel = NA),
               class = "rnnkit_error_input")
})
