# Bad input gets a classed error that says what to fix, never a crash.

x <- array(rnorm(10 * 4 * 2), c(10, 4, 2))
y <- rnorm(10)

test_that("NA and Inf in x or y are rejected with their position", {
  xn <- x; xn[3, 2, 1] <- NA
  expect_error(rnn_fit(xn, y, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(xn, y, verbose = FALSE), "sample 3, timestep 2, feature 1")
  xi <- x; xi[1, 1, 2] <- Inf
  expect_error(rnn_fit(xi, y, verbose = FALSE), class = "rnnkit_error_input")
  yn <- y; yn[5] <- NaN
  expect_error(rnn_fit(x, yn, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(predict(rnn_model(n_in = 2), xn), class = "rnnkit_error_input")
})

test_that("wrong dimensions explain the samples x timesteps x features convention", {
  expect_error(rnn_fit(1:10 + 0, y, verbose = FALSE), class = "rnnkit_error_dim")
  expect_error(rnn_fit(1:10 + 0, y, verbose = FALSE), "samples x timesteps x features")
  expect_error(rnn_fit(array(0, c(2, 2, 2, 2)), 1:2, verbose = FALSE), class = "rnnkit_error_dim")
  expect_error(rnn_fit(x, rnorm(9), verbose = FALSE), class = "rnnkit_error_dim")
  expect_error(rnn_fit(x, rnorm(9), verbose = FALSE), "10 samples")
  expect_error(predict(rnn_model(n_in = 3), x), class = "rnnkit_error_dim")
  expect_error(rnn_fit(x, array(0, c(10, 3, 1)), verbose = FALSE), class = "rnnkit_error_dim")
})

test_that("zero samples, timesteps or features", {
  expect_error(rnn_fit(array(0, c(0, 4, 2)), numeric(0), verbose = FALSE),
               class = "rnnkit_error_dim")
  expect_error(rnn_fit(array(0, c(3, 0, 2)), 1:3, verbose = FALSE), class = "rnnkit_error_dim")
})

test_that("a window longer than the data", {
  expect_error(rnn_windows(1:10 + 0, window = 10), class = "rnnkit_error_dim")
  expect_error(rnn_windows(1:10 + 0, window = 10), "need at least 11")
  expect_error(rnn_windows(1:10 + 0, window = 0), class = "rnnkit_error_input")
  expect_error(rnn_windows(1:10 + 0, window = 2.5), class = "rnnkit_error_input")
  expect_error(rnn_windows(c(1, NA, 3, 4, 5), window = 2), class = "rnnkit_error_input")
})

test_that("non-numeric input", {
  expect_error(rnn_fit(array("a", c(2, 2, 1)), 1:2, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(data.frame(a = 1:3), 1:3, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, letters[1:10], verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_windows(list(1, 2), window = 1), class = "rnnkit_error_input")
})

test_that("bad sizes and options", {
  expect_error(rnn_fit(x, y, units = -4, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, units = 0, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, units = 2.5, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, units = 1e9, verbose = FALSE), class = "rnnkit_error_size")
  expect_error(rnn_fit(x, y, epochs = 0, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, lr = -1, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, cell = "lstn", verbose = FALSE), 'Did you mean "lstm"')
  expect_error(rnn_fit(x, y, cell = "lstn", verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, loss = "bce", verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_fit(x, y, loss = "mse", output_activation = "softmax", verbose = FALSE,
                       epochs = 1), NA)
  expect_error(rnn_fit(x, y, validation = 0.01, verbose = FALSE), class = "rnnkit_error_dim")
  expect_error(rnn_fit(x, y, dropout = 1, verbose = FALSE), class = "rnnkit_error_input")
  expect_error(rnn_model("lstm", recurrent_init = "identity"), class = "rnnkit_error_input")
  expect_error(rnn_model(params = 1:3), class = "rnnkit_error_dim")
})

test_that("labels outside the model's classes", {
  m <- rnn_fit(x, factor(rep(c("a", "b"), 5)), loss = "sparse_ce", epochs = 1, verbose = FALSE)
  expect_equal(m$classes, c("a", "b"))
  expect_error(rnn_fit(x, y, loss = "sparse_ce", validation = list(x = x, y = rep("z", 10)),
                       verbose = FALSE), class = "rnnkit_error_input")
})

test_that("the core's own checks surface as classed errors", {
  m <- rnn_model("lstm", 3, n_in = 2, n_out = 2, output_activation = "softmax")
  bad <- matrix(c(0, 5), 10, 1)
  expect_error(core_loss_grad(m, "sparse_ce", x, bad), class = "rnnkit_error_input")
  expect_error(core_loss_grad(m, "sparse_ce", x, bad), "not an integer in 0..1")
})

test_that("seeds are whole numbers from 0 to 2^53", {
  expect_error(rnn_model(seed = 1e30), class = "rnnkit_error_input")
  expect_error(rnn_model(seed = -1), class = "rnnkit_error_input")
  expect_error(rnn_model(seed = 1.5), class = "rnnkit_error_input")
  expect_identical(rnn_model(seed = 2^53)$params, rnn_model(seed = 2^53)$params)
  expect_false(identical(rnn_model(seed = 2^40)$params, rnn_model(seed = 2^40 + 1)$params))
})
