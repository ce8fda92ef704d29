# The training driver: optimizer arithmetic, clipping, validation, early
# stopping, divergence and reproducibility.

# One epoch of one full batch through the core's driver from given weights.
train_once <- function(model, x, y, loss = "mse", ...) {
  tr <- list(loss_code = rnnkit:::schema()$loss[[loss]], optimizer_code = 0L, lr = 0.1,
             momentum = 0, rho = 0.9, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7,
             clipnorm = 0, clipvalue = 0, epochs = 1L, batch_size = dim(x)[1],
             shuffle = 0L, patience = 0L, min_delta = 0, restore_best = 0L, threads = 1L)
  tr[names(list(...))] <- list(...)
  .Call(rnnkit:::rnnkit_train, model$config, tr, model$params, x, y, NULL, NULL,
        c(0, 1), FALSE)
}

pb <- local({
  set.seed(4)
  list(x = array(rnorm(5 * 4 * 2), c(5, 4, 2)), y = matrix(rnorm(5), 5))
})

test_that("SGD, momentum-free: p - lr * g", {
  m <- rnn_model("lstm", 3, n_in = 2, seed = 1)
  g <- core_loss_grad(m, "mse", pb$x, pb$y)$grad
  r <- train_once(m, pb$x, pb$y, optimizer_code = 0L, lr = 0.1)
  expect_equal(r$params, m$params - 0.1 * g, tolerance = 1e-14)
  expect_false(identical(r$params, m$params))
  expect_identical(m$params, rnn_model("lstm", 3, n_in = 2, seed = 1)$params) # input untouched
})

test_that("Adam's first step is Keras': lr sqrt(1-b2)/(1-b1) m/(sqrt(v)+eps)", {
  m <- rnn_model("gru", 3, n_in = 2, seed = 2)
  g <- core_loss_grad(m, "mse", pb$x, pb$y)$grad
  r <- train_once(m, pb$x, pb$y, optimizer_code = 2L, lr = 0.01)
  alpha <- 0.01 * sqrt(1 - 0.999) / (1 - 0.9)
  expect_equal(r$params, m$params - alpha * (0.1 * g) / (sqrt(0.001 * g^2) + 1e-7),
               tolerance = 1e-14)
})

test_that("RMSprop's first step: lr g / (sqrt((1-rho) g^2) + eps)", {
  m <- rnn_model("simple", 3, n_in = 2, seed = 3)
  g <- core_loss_grad(m, "mse", pb$x, pb$y)$grad
  r <- train_once(m, pb$x, pb$y, optimizer_code = 1L, lr = 0.01)
  expect_equal(r$params, m$params - 0.01 * g / (sqrt(0.1 * g^2) + 1e-7), tolerance = 1e-14)
})

test_that("clipping by global norm and by value", {
  m <- rnn_model("lstm", 3, n_in = 2, seed = 1)
  g <- core_loss_grad(m, "mse", pb$x, pb$y)$grad
  n <- sqrt(sum(g^2))
  r <- train_once(m, pb$x, pb$y, clipnorm = n / 4)
  expect_equal(r$params, m$params - 0.1 * g / 4, tolerance = 1e-14)
  r <- train_once(m, pb$x, pb$y, clipnorm = 10 * n)
  expect_equal(r$params, m$params - 0.1 * g, tolerance = 1e-14)
  cv <- stats::median(abs(g))
  r <- train_once(m, pb$x, pb$y, clipvalue = cv)
  expect_equal(r$params, m$params - 0.1 * pmin(pmax(g, -cv), cv), tolerance = 1e-14)
})

test_that("initialisation: orthogonal W_h, Glorot bounds, forget bias 1, zero biases", {
  m <- rnn_model("lstm", 5, n_in = 3, seed = 8)
  w <- coef(m)$lstm_1
  expect_equal(dim(w$W_h), c(20, 5))
  expect_equal(unname(crossprod(w$W_h)), diag(5), tolerance = 1e-12)
  expect_true(all(abs(w$W_x) <= sqrt(6 / (3 + 20))))
  expect_equal(unname(w$b), rep(c(0, 1, 0, 0), each = 5))
  s <- rnn_model("simple", 4, recurrent_init = "identity", seed = 1)
  expect_equal(unname(coef(s)$simple_1$W_h), diag(4))
  g <- coef(rnn_model("gru", 3, seed = 1))$gru_1
  expect_equal(names(g), c("W_x", "W_h", "b", "b_h"))
  expect_equal(unname(g$b_h), rep(0, 9))
})

test_that("set.seed() makes fits bit-identical; another seed differs", {
  fit1 <- function() rnn_fit(pb$x, pb$y, units = 4, epochs = 5, batch_size = 2,
                             dropout = 0.2, verbose = FALSE)
  set.seed(10); a <- fit1()
  set.seed(10); b <- fit1()
  set.seed(11); c <- fit1()
  expect_identical(a$params, b$params)
  expect_identical(a$history, b$history)
  expect_false(identical(a$params, c$params))
  # an explicit seed ignores R's RNG state
  set.seed(1); d <- rnn_fit(pb$x, pb$y, units = 4, epochs = 3, seed = 99, verbose = FALSE)
  set.seed(2); e <- rnn_fit(pb$x, pb$y, units = 4, epochs = 3, seed = 99, verbose = FALSE)
  expect_identical(d$params, e$params)
})

test_that("validation from the end, early stopping restores the best weights", {
  set.seed(5)
  x <- array(runif(200 * 5), c(200, 5, 1))
  y <- x[, 5, 1] + rnorm(200, sd = 0.3)
  fit <- rnn_fit(x, y, units = 16, epochs = 200, validation = 0.25, early_stopping = 3,
                 lr = 0.05, verbose = FALSE, seed = 1)
  expect_equal(fit$training$n_val, 50)
  expect_equal(fit$training$n_train, 150)
  expect_true(fit$status$stopped_early)
  expect_lt(nrow(fit$history), 200)
  best <- fit$status$best_epoch
  expect_equal(nrow(fit$history), best + 3)
  vl <- mean((predict(fit, x[151:200, , , drop = FALSE]) - y[151:200])^2)
  expect_equal(vl, fit$history$val_loss[best], tolerance = 1e-10)
  expect_equal(min(fit$history$val_loss), fit$history$val_loss[best])
  expect_true(fit$training$restored)
  expect_output(print(fit), "stopped early, best epoch [0-9]+ \\(its weights restored\\)")
  expect_output(print(summary(fit)), "the model holds its weights")
})

test_that("divergence stops with a classed warning and keeps finite weights", {
  x <- array(rnorm(40 * 5) * 100, c(40, 5, 1))
  y <- rnorm(40) * 1e3
  expect_warning(
    fit <- rnn_fit(x, y, cell = "simple", activation = "relu", units = 8, optimizer = "sgd",
                   lr = 1e3, epochs = 20, verbose = FALSE, seed = 1),
    class = "rnnkit_warning_diverged"
  )
  expect_true(all(is.finite(fit$params)))
  expect_gt(fit$status$diverged, 0)
  expect_equal(nrow(fit$history), fit$status$diverged - 1)
})

test_that("many-to-many regression trains and predicts arrays", {
  set.seed(6)
  x <- array(rnorm(30 * 6 * 2), c(30, 6, 2))
  y <- array(x[, , 1] * 0.5, c(30, 6, 1))
  fit <- rnn_fit(x, y, cell = "gru", units = 6, epochs = 30, verbose = FALSE, seed = 2)
  expect_true(fit$config$seq_out == 1)
  p <- predict(fit, x)
  expect_equal(dim(p), c(30, 6, 1))
  expect_lt(fit$history$loss[30], fit$history$loss[1])
})

test_that("models are plain lists that survive saveRDS()", {
  fit <- rnn_fit(pb$x, pb$y, units = 3, epochs = 2, verbose = FALSE, seed = 1)
  f <- tempfile(fileext = ".rds")
  saveRDS(fit, f)
  back <- readRDS(f)
  expect_identical(predict(back, pb$x), predict(fit, pb$x))
  expect_false(any(vapply(unlist(fit, recursive = TRUE), is.environment, TRUE)))
})

test_that("results do not depend on the number of threads", {
  set.seed(7)
  x <- array(rnorm(45 * 6 * 2), c(45, 6, 2))
  y <- rnorm(45)
  fit <- function(th) rnn_fit(x, y, cell = "gru", units = c(5, 4), epochs = 3, batch_size = 9,
                              dropout = 0.2, validation = 0.2, seed = 3, threads = th,
                              verbose = FALSE)
  one <- fit(1)
  two <- fit(2)
  expect_identical(one$params, two$params)
  expect_identical(one$history, two$history)
  expect_error(fit(0), class = "rnnkit_error_input")
})

test_that("an LSTM(128) trained through the packed kernel does not depend on the threads", {
  # batch 68: each half's step product (512 x 34 x 128) and weight gradients
  # are above the small-matrix switch, so the packed kernel runs them, with
  # W_h packed once per batch
  set.seed(19)
  x <- array(rnorm(136 * 4 * 8), c(136, 4, 8))
  y <- rnorm(136)
  fit <- function(th) rnn_fit(x, y, cell = "lstm", units = 128, epochs = 2, batch_size = 68,
                              seed = 5, threads = th, verbose = FALSE)
  one <- fit(1)
  two <- fit(2)
  expect_identical(one$params, two$params)
  expect_identical(one$history, two$history)
})
