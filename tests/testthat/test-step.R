# Step-wise prediction: a sequence fed in pieces from the state the model
# keeps gives exactly what predict() gives for the whole sequence.

max_abs <- function(a, b) max(abs(as.vector(a) - as.vector(b)))

step_cases <- expand.grid(
  cell = c("simple", "lstm", "gru"), stacked = c(FALSE, TRUE), seq_out = c(FALSE, TRUE),
  stringsAsFactors = FALSE
)

for (k in seq_len(nrow(step_cases))) {
  cs <- step_cases[k, ]
  label <- paste0(cs$cell, if (cs$stacked) " stacked", if (cs$seq_out) " many-to-many")
  test_that(paste("step by step and in uneven chunks equals predict():", label), {
    set.seed(100 + k)
    units <- if (cs$stacked) c(4, 3) else 5
    m <- rnn_model(cs$cell, units, n_in = 2, n_out = 2, return_sequences = cs$seq_out)
    x <- array(rnorm(3 * 10 * 2), c(3, 10, 2))
    full <- predict(m, x)

    s <- rnn_reset_state(m)
    steps <- vector("list", 10)
    for (t in 1:10) {
      r <- rnn_predict_and_update_state(s, x[, t, , drop = FALSE])
      s <- r$model
      steps[[t]] <- r$prediction
    }
    if (cs$seq_out) {
      expect_equal(dim(steps[[1]]), c(3L, 1L, 2L))
      got <- array(unlist(lapply(1:2, function(j) sapply(steps, function(p) p[, 1, j]))),
                   c(3, 10, 2))
      expect_lt(max_abs(got, full), 1e-12)
    } else {
      expect_equal(dim(r$prediction), dim(full))
      expect_lt(max_abs(r$prediction, full), 1e-12)
    }
    per <- sum(units) * if (cs$cell == "lstm") 2 else 1
    expect_length(s$state, 3 * per)

    # uneven chunks: 3, 1, 4, 2 timesteps
    s <- rnn_reset_state(m)
    pieces <- list(1:3, 4, 5:8, 9:10)
    outs <- list()
    for (p in pieces) {
      r <- rnn_predict_and_update_state(s, x[, p, , drop = FALSE])
      s <- r$model
      outs[[length(outs) + 1]] <- r$prediction
    }
    if (cs$seq_out) {
      got <- array(0, dim(full))
      for (i in seq_along(pieces)) got[, pieces[[i]], ] <- outs[[i]]
      expect_lt(max_abs(got, full), 1e-12)
    } else {
      expect_lt(max_abs(outs[[4]], full), 1e-12)
    }

    # a reset starts afresh
    r <- rnn_predict_and_update_state(rnn_reset_state(s), x[, 1:4, , drop = FALSE])
    expect_lt(max_abs(r$prediction, predict(m, x[, 1:4, , drop = FALSE])), 1e-12)
  })
}

test_that("a token model steps through padding like predict()", {
  set.seed(8)
  m <- rnn_model("lstm", c(3, 2), n_out = 4, output_activation = "softmax",
                 return_sequences = TRUE, embedding = c(6, 2))
  x <- matrix(c(1, 4, 0, 0, 2, 5, 3, 0, 0, 1, 5, 2), 2, 6) # 0 is padding
  full <- predict(m, x)
  s <- rnn_reset_state(m)
  got <- array(0, dim(full))
  for (p in list(1, 2:3, 4, 5:6)) {
    r <- rnn_predict_and_update_state(s, x[, p, drop = FALSE])
    s <- r$model
    got[, p, ] <- r$prediction
  }
  expect_lt(max_abs(got, full), 1e-12)
  expect_error(rnn_predict_and_update_state(m, matrix(6, 2, 1)), "tokens are whole numbers 0..5",
               class = "rnnkit_error_input")
})

test_that("the prediction has predict()'s shape: a vector for one output", {
  set.seed(2)
  m <- rnn_model("gru", 3, n_in = 1, n_out = 1)
  x <- array(rnorm(4 * 6), c(4, 6, 1))
  r <- rnn_predict_and_update_state(m, x)
  expect_null(dim(r$prediction))
  expect_equal(r$prediction, predict(m, x), tolerance = 1e-12)
  # a matrix is samples x timesteps with one feature, as for predict()
  r2 <- rnn_predict_and_update_state(m, x[, , 1])
  expect_equal(r2$prediction, r$prediction, tolerance = 0)
})

test_that("rnn_reset_state clears the state; a fresh model has none", {
  set.seed(3)
  m <- rnn_model("lstm", 2, n_in = 1)
  expect_null(m$state)
  r <- rnn_predict_and_update_state(m, array(1, c(2, 3, 1)))
  expect_length(r$model$state, 2 * 2 * 2)
  expect_null(rnn_reset_state(r$model)$state)
  expect_false("state" %in% names(rnn_reset_state(r$model)))
})

test_that("a call leaves the previous model's state untouched", {
  set.seed(4)
  m <- rnn_model("simple", 3, n_in = 2)
  x <- array(rnorm(2 * 4 * 2), c(2, 4, 2))
  r1 <- rnn_predict_and_update_state(m, x)
  kept <- r1$model$state + 0
  r2 <- rnn_predict_and_update_state(r1$model, x)
  expect_identical(r1$model$state, kept)
  expect_false(identical(r2$model$state, kept))
})

test_that("a state is sized for its number of sequences", {
  set.seed(5)
  m <- rnn_model("lstm", c(3, 2), n_in = 2)
  x <- array(rnorm(3 * 4 * 2), c(3, 4, 2))
  s <- rnn_predict_and_update_state(m, x)$model
  err <- expect_error(rnn_predict_and_update_state(s, x[1:2, , , drop = FALSE]),
                      class = "rnnkit_error_dim")
  expect_match(conditionMessage(err), "continues 3 sequence\\(s\\) but `x` has 2 sample")
  expect_match(conditionMessage(err), "rnn_reset_state", fixed = TRUE)
  # a fresh state takes any number of sequences
  fresh <- rnn_predict_and_update_state(rnn_reset_state(s), x[1:2, , , drop = FALSE])
  expect_length(fresh$model$state, 2 * 2 * (3 + 2))
  s$state <- c(1, 2, 3)
  expect_error(rnn_predict_and_update_state(s, x), "holds 3 values", class = "rnnkit_error_dim")
})

test_that("the C gateway checks the state's length itself", {
  set.seed(6)
  m <- rnn_model("gru", 2, n_in = 1)
  x <- array(rnorm(3 * 2), c(3, 2, 1))
  expect_equal(.Call(rnnkit:::rnnkit_state_size, m$config, 3L), 6)
  expect_error(.Call(rnnkit:::rnnkit_step, m$config, m$params, x, double(5)),
               "holds 5 values but 3 sequence\\(s\\) of this model need 6",
               class = "rnnkit_error_dim")
  r <- .Call(rnnkit:::rnnkit_step, m$config, m$params, x, NULL)
  expect_equal(names(r), c("output", "state"))
  expect_equal(r$output, unname(as.matrix(predict(m, x))), tolerance = 1e-12)
})

test_that("bad input to the step functions gives classed errors", {
  m <- rnn_model("gru", 2, n_in = 2, seed = 1)
  expect_error(rnn_predict_and_update_state(list(), array(0, c(1, 1, 2))),
               class = "rnnkit_error_input")
  expect_error(rnn_reset_state(1), "needs an rnnkit model", class = "rnnkit_error_input")
  expect_error(rnn_predict_and_update_state(m, array(0, c(1, 1, 3))),
               "has 3 feature\\(s\\) but the model was built for 2", class = "rnnkit_error_dim")
  expect_error(rnn_predict_and_update_state(m, array(NaN, c(1, 1, 2))),
               class = "rnnkit_error_input")
  expect_error(rnn_predict_and_update_state(m), "missing", class = "rnnkit_error_input")
})

test_that("the state survives rnn_save() and rnn_load()", {
  set.seed(7)
  m <- rnn_model("lstm", 3, n_in = 1)
  x <- array(rnorm(2 * 8), c(2, 8, 1))
  s <- rnn_predict_and_update_state(m, x[, 1:5, , drop = FALSE])$model
  f <- temp_model_file()
  rnn_save(s, f)
  s2 <- rnn_load(f)
  expect_identical(s2$state, s$state)
  r <- rnn_predict_and_update_state(s2, x[, 6:8, , drop = FALSE])
  expect_lt(max_abs(r$prediction, predict(m, x)), 1e-12)
})
