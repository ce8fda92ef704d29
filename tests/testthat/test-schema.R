# One schema, owned by the core (issue 14): the names behind the codes,
# the training defaults and the model file's field types come from
# src/core/schema.c through the gateway, the same tables Octave reads.

test_that("the names and codes are the core's tables", {
  sc <- rnnkit:::schema()
  expect_identical(sc$cell, c(simple = 0L, lstm = 1L, gru = 2L))
  expect_identical(sc$activation, c(linear = 0L, tanh = 1L, sigmoid = 2L, softmax = 3L, relu = 4L))
  expect_identical(sc$loss, c(mse = 0L, mae = 1L, bce = 2L, sparse_ce = 3L))
  expect_identical(sc$optimizer, c(sgd = 0L, rmsprop = 1L, adam = 2L))
  expect_identical(sc$scaler, c(none = 0L, minmax = 1L, zscore = 2L))
  expect_identical(sc$init, c(orthogonal = 0L, identity = 1L))
  expect_identical(sc$level, c(char = 0L, word = 1L))
  expect_identical(sc$head, c(mse = "linear", mae = "linear", bce = "sigmoid", sparse_ce = "softmax"))
  m <- rnn_model("gru", units = 3, n_in = 2, output_activation = "sigmoid", seed = 1)
  expect_identical(m$config$cell_code, 2L)
  expect_identical(m$config$head_act_code, 2L)
})

test_that("rnn_fit()'s defaults are the core's", {
  d <- rnnkit:::schema()$defaults
  f <- formals(rnnkit:::rnn_fit.default)
  for (k in c("units", "epochs", "batch_size", "validation", "min_delta", "dropout",
              "momentum", "rho", "beta1", "beta2", "epsilon", "checkpoint_every")) {
    expect_identical(as.double(eval(f[[k]])), d[[k]], info = k)
  }
  expect_identical(d[["lr"]], 0.001)
  expect_identical(d[["lr_sgd"]], 0.01)
  expect_identical(d[["patience"]], 10)
  expect_identical(eval(f$threads[[3]]), as.integer(d[["threads"]]))
  # lr = NULL takes the core's default for the optimizer
  x <- array(sin(1:60), c(6, 5, 2))
  a <- rnn_fit(x, x[, 5, 1], optimizer = "sgd", epochs = 1, seed = 1, verbose = FALSE)
  b <- rnn_fit(x, x[, 5, 1], optimizer = "sgd", lr = 0.01, epochs = 1, seed = 1, verbose = FALSE)
  expect_identical(a$params, b$params)
})

test_that("bad names are rnnkit_error_input with the core's suggestion", {
  x <- array(sin(1:60), c(6, 5, 2))
  y <- x[, 5, 1]
  expect_error(rnn_fit(x, y, loss = "msee", verbose = FALSE), 'Did you mean "mse"',
               class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, optimizer = "adma", verbose = FALSE), 'Did you mean "adam"',
               class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, recurrent_init = "orthogonl", cell = "simple", verbose = FALSE),
               'Did you mean "orthogonal"', class = "rnnkit_error_input")
  expect_error(rnn_model("gruu", units = 2, n_in = 1), 'Did you mean "gru"',
               class = "rnnkit_error_input")
  err <- expect_error(rnn_fit(x, y, optimizer = "newton", verbose = FALSE),
                      class = "rnnkit_error_input")
  expect_no_match(conditionMessage(err), "Did you mean")
  expect_match(conditionMessage(err), '"sgd", "rmsprop", "adam"', fixed = TRUE)
})

test_that("the core writes the integer fields as integers, whoever holds them as doubles", {
  m <- rnn_model("lstm", units = c(3, 2), n_in = 2, seed = 1)
  paths <- c("config.units", "history", "prep.data.index", "residuals", "a.first_date", "a.update")
  flags <- vapply(c("int", "date", "matrix", "dataframe"), function(f) {
    .Call(rnnkit:::rnnkit_file_flags, paths, f)
  }, logical(6))
  expect_identical(apply(flags, 1, function(r) paste(names(which(r)), collapse = " ")),
                   c("int", "dataframe", "date", "matrix", "date", ""))
  expect_error(.Call(rnnkit:::rnnkit_file_flags, paths, "integer"),
               "unknown field 'integer' (one of int, date, matrix, dataframe)", fixed = TRUE,
               class = "rnnkit_error_input")
  # Octave keeps config.units as doubles; an older Octave wrote them so
  d <- m
  d$config$units <- as.double(d$config$units)
  d$config$n_in <- as.double(d$config$n_in)
  f <- temp_model_file()
  rnn_save(d, f)
  recs <- .Call(rnnkit:::rnnkit_model_decode, readBin(f, "raw", file.size(f)))
  units <- recs[[which(vapply(recs, `[[`, "", "name") == "config.units")]]
  expect_identical(units$type, 2L)
  expect_identical(rnn_load(f), m)
  # a non-whole number in an integer field is not rounded: it stays a double
  d$training <- list(epochs = 2.5)
  rnn_save(d, f)
  expect_identical(rnn_load(f)$training$epochs, 2.5)
})
