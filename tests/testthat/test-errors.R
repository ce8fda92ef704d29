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

test_that("sizes too large for memory are rnnkit_error_size, raised before allocating", {
  # each would be R's unclassed "cannot allocate vector of size ..." without
  # the check; the message names what needed the memory and how much
  size_error <- function(expr, msg) {
    e <- expect_error(expr, class = "rnnkit_error_size")
    expect_match(conditionMessage(e), msg)
  }
  skip_if_might_allocate(320e9)
  size_error(rnn_fit(x, y, units = 1e5, epochs = 1, verbose = FALSE),
             "model's weights would need 320 GB of memory")
  size_error(rnn_model(units = 1e5), "model's weights would need 320 GB")
  size_error(rnn_model("gru", units = c(5e4, 5e4), n_in = 3), "model's weights would need")
  size_error(rnn_model(units = 1e9), "limit is 100,000 per layer")
  size_error(rnn_layer("lstm", units = 1e9), "limit is 100,000 per layer")
  # a seq2seq model with a million outputs: a small input, terabytes out
  big_out <- rnn_model(units = 1, n_out = 1e6, return_sequences = TRUE, seed = 1)
  xs <- array(0, c(1e4, 100, 1))
  size_error(predict(big_out, xs), "predictions would need 8e\\+03 GB")
  size_error(rnn_predict_and_update_state(big_out, xs), "would need 8e\\+03 GB")
  size_error(rnn_windows(rnorm(1e5), window = 5e4, scale = "none"),
             "50000 windows of 50000 rows x 1 feature\\(s\\) would be 2.5e\\+09 values")
  size_error(rnn_pad_sequences(replicate(1e4, 1:3, simplify = FALSE), maxlen = 1e8),
             "padded sequences would need 4e\\+03 GB")
  px <- data.frame(Date = as.Date("2020-01-01") + 0:79, Close = cumsum(rnorm(80)) + 50)
  fit <- rnn_fit(rnn_windows(px, window = 5, test = 10), units = 2, epochs = 1, seed = 1,
                 verbose = FALSE)
  size_error(forecast(fit, h = 1e5, npaths = 1e6), "simulated paths would need 800 GB")
})

test_that("R's own limit on vector memory is an rnnkit_error_size too", {
  old <- mem.maxVSize()
  on.exit(mem.maxVSize(old))
  mem.maxVSize(1000) # Mb; R keeps a larger limit if it uses more already
  skip_if(mem.maxVSize() > 1000, "R uses more than 1000 Mb already")
  # 1.15 GB of weights: within this computer's memory, beyond R's limit
  expect_error(rnn_model(units = 6000), class = "rnnkit_error_size")
  expect_error(rnn_model(units = 6000), "would need 1.15 GB of memory, more than")
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
