# Single layers with given weights: Keras' shapes and weight layout,
# PyTorch parity (fixtures by tools/make_layer_fixtures.py) and a forward
# pass computed by hand.

max_abs <- function(a, b) max(abs(as.vector(a) - as.vector(b)))

# ---- the "hello" walkthrough ------------------------------------------
# A 3-unit SimpleRNN reads the characters h, e, l, l (one-hot over the
# vocabulary h, e, l, o) and scores the next character at every step:
#   h_t = tanh(W_xh x_t + W_hh h_{t-1} + b_h),  y_t = W_hy h_t + b_y,
#   p_t = softmax(y_t).

vocab <- c("h", "e", "l", "o")
W_xh <- matrix(c(0.5, -0.3, 0.1, 0.2,
                 -0.1, 0.4, 0.3, -0.2,
                 0.2, 0.1, -0.4, 0.3), 3, 4, byrow = TRUE)
W_hh <- matrix(c(0.1, -0.2, 0.3,
                 0.0, 0.2, -0.1,
                 -0.3, 0.1, 0.2), 3, 3, byrow = TRUE)
b_h <- c(0.01, -0.02, 0.03)
W_hy <- matrix(c(0.3, -0.2, 0.1,
                 -0.4, 0.5, 0.2,
                 0.2, 0.3, -0.5,
                 0.1, -0.1, 0.4), 4, 3, byrow = TRUE)
b_y <- c(0.05, -0.05, 0.02, 0)

one_hot <- function(ch) as.numeric(vocab == ch)
input <- c("h", "e", "l", "l")
x_hello <- array(0, c(1, 4, 4)) # 1 sample x 4 timesteps x 4 features
for (t in 1:4) x_hello[1, t, ] <- one_hot(input[t])

# the forward pass in plain R, one step at a time
hand <- local({
  h <- c(0, 0, 0)
  hs <- logits <- probs <- list()
  for (t in 1:4) {
    h <- tanh(W_xh %*% one_hot(input[t]) + W_hh %*% h + b_h)
    y <- W_hy %*% h + b_y
    hs[[t]] <- as.vector(h)
    logits[[t]] <- as.vector(y)
    probs[[t]] <- as.vector(exp(y) / sum(exp(y)))
  }
  list(h = do.call(rbind, hs), logits = do.call(rbind, logits),
       probs = do.call(rbind, probs))
})

test_that("hello: the first step by hand", {
  # h_0 = 0 and x_1 picks column 1 of W_xh: tanh(0.5 + 0.01, -0.1 - 0.02, 0.2 + 0.03)
  expect_equal(hand$h[1, ], c(0.469945198933038, -0.119427298534386, 0.226028352278671),
               tolerance = 1e-14)
})

test_that("hello: rnn_layer_call reproduces every hidden state", {
  # Keras' layout: kernel = t(W_xh) (4 inputs x 3 units), recurrent_kernel = t(W_hh)
  layer <- rnn_layer("simple", 3, list(kernel = t(W_xh), recurrent_kernel = t(W_hh), bias = b_h))
  hs <- rnn_layer_call(layer, x_hello, return_sequences = TRUE)
  expect_equal(dim(hs), c(1L, 4L, 3L))
  for (t in 1:4) expect_lt(max_abs(hs[1, t, ], hand$h[t, ]), 1e-15)
  # the last state alone (return_sequences = FALSE) is h_4
  expect_lt(max_abs(rnn_layer_call(layer, x_hello), hand$h[4, ]), 1e-15)

  # the output weights turn every hidden state into logits and probabilities
  for (t in 1:4) {
    y <- as.vector(W_hy %*% hs[1, t, ] + b_y)
    expect_lt(max_abs(y, hand$logits[t, ]), 1e-15)
    expect_lt(max_abs(exp(y) / sum(exp(y)), hand$probs[t, ]), 1e-15)
  }
  expect_equal(rowSums(hand$probs), rep(1, 4), tolerance = 1e-15)
})

test_that("hello: the whole model with a softmax head gives the same probabilities", {
  m <- rnn_model("simple", 3, n_in = 4, n_out = 4, output_activation = "softmax",
                 return_sequences = TRUE, params = c(W_xh, W_hh, b_h, W_hy, b_y))
  p <- predict(m, x_hello)
  expect_lt(max_abs(p[1, , ], hand$probs), 1e-14)
  expect_equal(vocab[apply(p[1, , ], 1, which.max)], vocab[max.col(hand$probs)])
})

# ---- Keras' shape convention -------------------------------------------

test_that("SimpleRNN(4) on a [32, 10, 8] input gives Keras' shapes", {
  set.seed(1)
  w <- list(matrix(rnorm(8 * 4, sd = 0.3), 8, 4), matrix(rnorm(16, sd = 0.3), 4, 4), rnorm(4))
  layer <- rnn_layer("simple", 4, w)
  x <- array(rnorm(32 * 10 * 8), c(32, 10, 8))
  expect_equal(dim(rnn_layer_call(layer, x)), c(32L, 4L))
  expect_equal(dim(rnn_layer_call(layer, x, return_sequences = TRUE)), c(32L, 10L, 4L))
  r <- rnn_layer_call(layer, x, return_sequences = TRUE, return_state = TRUE)
  expect_named(r, c("output", "h"))
  expect_equal(dim(r$h), c(32L, 4L))
  expect_identical(r$h, r$output[, 10, ])
  expect_identical(predict(layer, x), rnn_layer_call(layer, x))
})

test_that("LSTM and GRU layers return h (and c) of samples x units", {
  set.seed(2)
  x <- array(rnorm(5 * 7 * 3), c(5, 7, 3))
  lstm <- rnn_layer("lstm", 2, list(matrix(rnorm(24), 3, 8), matrix(rnorm(16), 2, 8), rnorm(8)))
  r <- rnn_layer_call(lstm, x, return_state = TRUE)
  expect_named(r, c("output", "h", "c"))
  expect_equal(dim(r$output), c(5L, 2L))
  expect_equal(dim(r$c), c(5L, 2L))
  expect_identical(r$h, r$output)
  gru <- rnn_layer("gru", 2, list(matrix(rnorm(18), 3, 6), matrix(rnorm(12), 2, 6),
                                  matrix(rnorm(12), 2, 6)))
  r <- rnn_layer_call(gru, x, return_sequences = TRUE, return_state = TRUE)
  expect_named(r, c("output", "h"))
  expect_equal(dim(r$output), c(5L, 7L, 2L))
})

# ---- PyTorch parity -------------------------------------------------------

layer_fixtures <- Sys.glob(test_path("fixtures", "layer_*.txt"))

test_that("all layer fixtures are present", {
  expect_length(layer_fixtures, 4)
})

for (f in layer_fixtures) {
  z <- read_fixture(f)
  test_that(paste("layer parity with PyTorch:", z$case), {
    w <- rnn_weights_from_torch(z$weight_ih, z$weight_hh, z$bias_ih, z$bias_hh, z$cell)
    # the converter gives Keras' layout as the fixture script computed it
    expect_equal(w$kernel, z$kernel, tolerance = 1e-15)
    expect_equal(w$recurrent_kernel, z$recurrent_kernel, tolerance = 1e-15)
    # biases are sums b_ih + b_hh: within a few ulps (valgrind's emulated
    # arithmetic rounded one of them 1 ulp apart from the native run)
    expect_equal(w$bias, z$bias, tolerance = 1e-13)
    expect_identical(rnn_weights_from_torch(z$weight_ih, z$weight_hh, z$bias_ih, z$bias_hh), w)

    layer <- rnn_layer(z$cell, z$units, w, z$activation)
    keras <- rnn_layer(z$cell, z$units, list(z$kernel, z$recurrent_kernel, z$bias), z$activation)
    expect_equal(keras$params, layer$params, tolerance = 1e-13)

    init <- if (z$cell == "lstm") list(h = z$h0, c = z$c0) else z$h0
    for (tag in c("zero", "init")) {
      s0 <- if (tag == "zero") NULL else init
      r <- rnn_layer_call(layer, z$x, return_sequences = TRUE, return_state = TRUE,
                          initial_state = s0)
      expect_lt(max_abs(r$output, z[[paste0("out_", tag)]]), 1e-10)
      expect_lt(max_abs(r$h, z[[paste0("h_", tag)]]), 1e-10)
      if (z$cell == "lstm") expect_lt(max_abs(r$c, z[[paste0("c_", tag)]]), 1e-10)
      last <- rnn_layer_call(layer, z$x, initial_state = s0)
      expect_lt(max_abs(last, z[[paste0("out_", tag)]][, 6, ]), 1e-10)
    }

    # the final state of a first chunk continues the sequence
    a <- rnn_layer_call(layer, z$x[, 1:2, , drop = FALSE], return_state = TRUE)
    b <- rnn_layer_call(layer, z$x[, 3:6, , drop = FALSE], return_sequences = TRUE,
                        initial_state = if (z$cell == "lstm") list(a$h, a$c) else a$h)
    expect_lt(max_abs(b, z$out_zero[, 3:6, ]), 1e-10)

    # weights back in either layout
    k <- coef(layer)
    expect_equal(k$kernel, z$kernel, tolerance = 1e-15)
    expect_equal(k$recurrent_kernel, z$recurrent_kernel, tolerance = 1e-15)
    expect_equal(k$bias, z$bias, tolerance = 1e-13)
    expect_identical(rnn_layer(z$cell, z$units, k, z$activation)$params, layer$params)
    tw <- coef(layer, format = "torch")
    expect_identical(tw$weight_ih, z$weight_ih)
    expect_identical(tw$weight_hh, z$weight_hh)
    expect_equal(tw$bias_ih + tw$bias_hh, z$bias_ih + z$bias_hh, tolerance = 1e-15)
    if (z$cell == "gru") expect_identical(tw$bias_hh, z$bias_hh)
  })
}

test_that("GRU gate blocks move between Keras' z, r, h and the core's r, z, n", {
  H <- 2
  # kernel columns labelled by Keras block: z = 1, r = 2, h = 3
  kern <- matrix(rep(1:3, each = H), 1, 3 * H)
  layer <- rnn_layer("gru", H, list(kern, matrix(0, H, 3 * H), matrix(0, 2, 3 * H)))
  expect_equal(coef(layer, format = "torch")$weight_ih[, 1], c(2, 2, 1, 1, 3, 3)) # r, z, n
  expect_equal(coef(layer)$kernel, kern)
  lstm <- rnn_layer("lstm", H, list(matrix(rep(1:4, each = H), 1, 4 * H), matrix(0, H, 4 * H)))
  expect_equal(coef(lstm, format = "torch")$weight_ih[, 1], rep(1:4, each = H))
})

test_that("a layer without a bias (use_bias = FALSE) has zero biases", {
  set.seed(3)
  k <- matrix(rnorm(6), 2, 3)
  rk <- matrix(rnorm(9), 3, 3)
  a <- rnn_layer("simple", 3, list(k, rk))
  b <- rnn_layer("simple", 3, list(k, rk, c(0, 0, 0)))
  expect_identical(a$params, b$params)
  expect_equal(coef(rnn_layer("gru", 1, list(matrix(1, 1, 3), matrix(1, 1, 3))))$bias,
               matrix(0, 2, 3))
})

test_that("print shows the cell, units and weight shapes", {
  layer <- rnn_layer("lstm", 2, list(matrix(0.1, 3, 8), matrix(0.1, 2, 8), double(8)))
  out <- capture.output(print(layer))
  expect_match(out[1], "LSTM(2)", fixed = TRUE)
  expect_match(out[2], "kernel 3 x 8, recurrent_kernel 2 x 8", fixed = TRUE)
  expect_match(out[2], "48 weights", fixed = TRUE)
})

# ---- validation ----------------------------------------------------------

test_that("weights are checked against the cell and units", {
  k <- matrix(0.1, 3, 16)
  rk <- matrix(0.1, 4, 16)
  b <- double(16)
  expect_error(rnn_layer("lstm", 4, list(matrix(0.1, 3, 12), rk, b)),
               "`kernel` must be a matrix input_dim x 16 .*LSTM of 4 units.*3 x 12",
               class = "rnnkit_error_dim")
  expect_error(rnn_layer("lstm", 4, list(k, matrix(0.1, 4, 12), b)),
               "`recurrent_kernel` must be a matrix 4 x 16", class = "rnnkit_error_dim")
  expect_error(rnn_layer("lstm", 4, list(k, rk, double(12))),
               "`bias` must be a vector of length 16", class = "rnnkit_error_dim")
  expect_error(rnn_layer("lstm", 3, list(k, rk, b)), "matrix input_dim x 12",
               class = "rnnkit_error_dim")
  # PyTorch's layout handed to rnn_layer()
  expect_error(rnn_layer("lstm", 4, list(t(k), rk, b)), "rnn_weights_from_torch",
               class = "rnnkit_error_dim")
  # Keras' reset_after = FALSE GRU bias
  expect_error(rnn_layer("gru", 4, list(matrix(0, 3, 12), matrix(0, 4, 12), double(12))),
               "reset_after = FALSE", class = "rnnkit_error_dim")
  bad <- k
  bad[2, 5] <- NaN
  expect_error(rnn_layer("lstm", 4, list(bad, rk, b)), "`kernel` contains NaN at row 2, column 5",
               class = "rnnkit_error_input")
  expect_error(rnn_layer("lstm", 4, list(k, rk, replace(b, 3, Inf))),
               "`bias` contains Inf at element 3", class = "rnnkit_error_input")
  expect_error(rnn_layer("lstm", 4, list(k, rk, b), activation = "relu"),
               class = "rnnkit_error_input")
  expect_error(rnn_layer("lstm", 4), "`weights` is missing", class = "rnnkit_error_input")
  expect_error(rnn_layer("lstm", weights = list(k, rk, b)), "`units` is missing",
               class = "rnnkit_error_input")
  expect_error(rnn_layer("lstn", 4, list(k, rk, b)), 'Did you mean "lstm"',
               class = "rnnkit_error_input")
  expect_error(rnn_layer("lstm", 4, list(kern = k, rk, b)), "elements kernel, recurrent_kernel",
               class = "rnnkit_error_input")
  expect_error(rnn_layer("lstm", 4, k), "must be a list", class = "rnnkit_error_input")
})

test_that("PyTorch weights are checked", {
  expect_error(rnn_weights_from_torch(matrix(0, 12, 2), matrix(0, 12, 4), cell = "lstm"),
               "3 gate blocks of a GRU, but cell = \"lstm\" needs 16 x 4",
               class = "rnnkit_error_dim")
  expect_error(rnn_weights_from_torch(matrix(0, 12, 2), matrix(0, 10, 4)), "weight_hh_l0",
               class = "rnnkit_error_dim")
  expect_error(rnn_weights_from_torch(matrix(0, 8, 2), matrix(0, 12, 4)),
               "`weight_ih` must be .* 12 x input_size", class = "rnnkit_error_dim")
  expect_error(rnn_weights_from_torch(matrix(0, 12, 2), matrix(0, 12, 4), bias_ih = 1:3),
               "`bias_ih` must be a vector of length 12", class = "rnnkit_error_dim")
  expect_error(rnn_weights_from_torch(matrix(NA_real_, 12, 2), matrix(0, 12, 4)),
               "`weight_ih` contains NA", class = "rnnkit_error_input")
  w <- rnn_weights_from_torch(matrix(1, 3, 2), matrix(1, 3, 3))
  expect_equal(w$bias, double(3))
})

test_that("inputs and initial states are checked", {
  layer <- rnn_layer("lstm", 2, list(matrix(0.1, 3, 8), matrix(0.1, 2, 8), double(8)))
  x <- array(0.5, c(4, 5, 3))
  expect_error(rnn_layer_call(layer, array(0, c(4, 5, 2))),
               "`x` has 2 feature\\(s\\) but the layer reads 3", class = "rnnkit_error_dim")
  expect_error(rnn_layer_call(layer, 1:5), "no time axis", class = "rnnkit_error_dim")
  expect_error(rnn_layer_call(list(), x), "needs a layer", class = "rnnkit_error_input")
  expect_error(rnn_layer_call(layer, x, initial_state = matrix(0, 4, 2)), "list\\(h, c\\)",
               class = "rnnkit_error_input")
  expect_error(rnn_layer_call(layer, x, initial_state = list(matrix(0, 3, 2), matrix(0, 4, 2))),
               "`initial_state` h must be a matrix samples x units = 4 x 2",
               class = "rnnkit_error_dim")
  expect_error(rnn_layer_call(layer, x, initial_state = list(matrix(0, 4, 2), matrix(NaN, 4, 2))),
               "`initial_state` c contains NaN", class = "rnnkit_error_input")
  expect_error(rnn_layer_call(layer, x, return_sequences = NA), class = "rnnkit_error_input")
  # a zero initial state is the default
  zeros <- list(h = matrix(0, 4, 2), c = matrix(0, 4, 2))
  expect_identical(rnn_layer_call(layer, x, initial_state = zeros), rnn_layer_call(layer, x))
})
