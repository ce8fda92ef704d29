# The shape of an input against the model that reads it (issue 13, item 7):
# the core's rnn_input_check(), shared with Octave.

test_that("a model fit on windows refuses inputs of another window length", {
  set.seed(1)
  s <- data.frame(value = sin(0.3 * (1:80)))
  w <- rnn_windows(s, window = 8, scale = "none")
  m <- rnn_fit(w, units = 2, epochs = 1, verbose = FALSE)
  x <- w$x
  expect_length(predict(m, x), dim(x)[1])
  short <- x[, 1:5, , drop = FALSE]
  expect_error(predict(m, short),
               "`newdata` has 5 timestep\\(s\\) but the model was trained on windows of 8",
               class = "rnnkit_error_dim")
  expect_error(predict(m, short), "samples x timesteps x features", class = "rnnkit_error_dim")
  expect_error(predict(m, short), "`newdata` is 72 x 5 x 1; the model needs 72 x 8 x 1",
               class = "rnnkit_error_dim")
  expect_error(predict(m, array(0, c(2, 8, 3))),
               "has 3 feature\\(s\\) but the model was built for 1", class = "rnnkit_error_dim")
  # one window is 1 x timesteps x features
  expect_equal(predict(m, x[3, , , drop = FALSE]), predict(m, x)[3])
  # step-wise use feeds any number of steps
  r <- rnn_predict_and_update_state(m, short[1:2, , , drop = FALSE])
  expect_length(r$prediction, 2)
})

test_that("models fit on arrays read sequences of any length", {
  set.seed(1)
  x <- array(rnorm(6 * 10), c(6, 10, 1))
  m <- rnn_fit(x, rnorm(6), units = 2, epochs = 1, verbose = FALSE)
  expect_length(predict(m, x[, 1:4, , drop = FALSE]), 6)
  ms <- rnn_fit(x, x, units = 2, epochs = 1, verbose = FALSE)
  expect_equal(dim(predict(ms, x[, 1:4, , drop = FALSE])), c(6, 4, 1))
})
