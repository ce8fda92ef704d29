# Finite-difference gradient checks: every cell x head activation x loss,
# stacked layers, many-to-many, wide inputs and dropout, with >= 3 steps
# so that BPTT itself is exercised.

combos <- rbind(
  expand.grid(head = c("linear", "tanh", "sigmoid", "softmax"), loss = c("mse", "mae"),
              stringsAsFactors = FALSE),
  data.frame(head = c("sigmoid", "softmax"), loss = c("bce", "sparse_ce"))
)
cells <- list(c("simple", "tanh"), c("simple", "relu"), c("lstm", "tanh"), c("gru", "tanh"))

for (cl in cells) {
  for (k in seq_len(nrow(combos))) {
    head <- combos$head[k]
    loss <- combos$loss[k]
    test_that(sprintf("gradient: %s(%s) head %s loss %s", cl[1], cl[2], head, loss), {
      n_out <- if (head == "softmax") 3 else 2
      pb <- toy_problem(loss, n_out, FALSE, seed = k)
      m <- rnn_model(cl[1], 3, n_in = 2, n_out = n_out, activation = cl[2],
                     output_activation = head, seed = k)
      m$params <- m$params + rnorm(length(m$params), sd = 0.3) # leave the init's zeros
      a <- core_loss_grad(m, loss, pb$x, pb$y)$grad
      num <- numeric_grad(m, loss, pb$x, pb$y)
      expect_lt(rel_err(a, num), 1e-6)
      expect_gt(sum(abs(a)), 0)
    })
  }
}

stack_cases <- list(
  list(cell = "lstm", units = c(4, 3), head = "linear", loss = "mse", seq = FALSE, I = 2),
  list(cell = "gru", units = c(3, 4, 2), head = "tanh", loss = "mae", seq = FALSE, I = 2),
  list(cell = "simple", units = c(3, 3), head = "sigmoid", loss = "bce", seq = TRUE, I = 2),
  list(cell = "lstm", units = 3, head = "softmax", loss = "sparse_ce", seq = TRUE, I = 2),
  list(cell = "gru", units = c(4, 3), head = "linear", loss = "mse", seq = TRUE, I = 7),
  list(cell = "lstm", units = 5, head = "linear", loss = "mse", seq = FALSE, I = 6)
)
for (sc in stack_cases) {
  test_that(sprintf("gradient: %s units %s, %s, I = %d", sc$cell, paste(sc$units, collapse = "-"),
                    if (sc$seq) "many-to-many" else "many-to-one", sc$I), {
    n_out <- if (sc$head == "softmax") 3 else 2
    pb <- toy_problem(sc$loss, n_out, sc$seq, N = 2, T = 5, I = sc$I, seed = 7)
    m <- rnn_model(sc$cell, sc$units, n_in = sc$I, n_out = n_out,
                   output_activation = sc$head, return_sequences = sc$seq, seed = 3)
    m$params <- m$params + rnorm(length(m$params), sd = 0.3)
    a <- core_loss_grad(m, sc$loss, pb$x, pb$y)$grad
    expect_lt(rel_err(a, numeric_grad(m, sc$loss, pb$x, pb$y)), 1e-6)
  })
}

test_that("gradient with dropout between stacked layers (masks fixed by the seed)", {
  pb <- toy_problem("mse", 1, FALSE, N = 4, T = 4, seed = 11)
  m <- rnn_model("lstm", c(4, 3), n_in = 2, n_out = 1, dropout = 0.3, seed = 5)
  seed <- c(0, 42)
  r1 <- core_loss_grad(m, "mse", pb$x, pb$y, seed)
  r0 <- core_loss_grad(m, "mse", pb$x, pb$y, NULL)
  expect_false(isTRUE(all.equal(r1$loss, r0$loss))) # dropout really applied
  expect_lt(rel_err(r1$grad, numeric_grad(m, "mse", pb$x, pb$y, seed)), 1e-6)
})

test_that("input gradient matches finite differences", {
  pb <- toy_problem("mse", 1, FALSE, N = 2, T = 4, I = 3, seed = 2)
  m <- rnn_model("gru", c(3, 2), n_in = 3, n_out = 1, seed = 9)
  a <- core_loss_grad(m, "mse", pb$x, pb$y)$dx
  h <- 1e-5
  num <- vapply(seq_along(pb$x), function(k) {
    xp <- pb$x; xp[k] <- xp[k] + h
    xm <- pb$x; xm[k] <- xm[k] - h
    (core_loss_grad(m, "mse", xp, pb$y)$loss - core_loss_grad(m, "mse", xm, pb$y)$loss) / (2 * h)
  }, 0)
  expect_lt(rel_err(as.vector(a), num), 1e-6)
})

# The core multiplies small matrices with its own kernels and large ones
# with BLAS (src/core/blas.c, switch at 2^21 multiply-adds).  A GRU(64)
# over 8 sequences of 40 steps has per-step products on the small side and
# weight-gradient products (192 x 64 x 320, 3.9M) on the BLAS side; an
# LSTM(24) with 10 features has everything small.  Finite differences on a
# random subset of the weights.
for (sc in list(list(cell = "gru", units = 64, I = 3), list(cell = "lstm", units = 24, I = 10))) {
  test_that(sprintf("gradient of %s(%d) on both sides of the BLAS switch", sc$cell, sc$units), {
    pb <- toy_problem("mse", 1, FALSE, N = 8, T = 40, I = sc$I, seed = 4)
    m <- rnn_model(sc$cell, sc$units, n_in = sc$I, n_out = 1, seed = 2)
    m$params <- m$params + rnorm(length(m$params), sd = 0.05)
    a <- core_loss_grad(m, "mse", pb$x, pb$y)$grad
    set.seed(9)
    idx <- sample(length(m$params), 40)
    p0 <- m$params
    num <- vapply(idx, function(k) {
      h <- 1e-5
      m$params <- p0; m$params[k] <- p0[k] + h
      up <- core_loss_grad(m, "mse", pb$x, pb$y)$loss
      m$params[k] <- p0[k] - h
      (up - core_loss_grad(m, "mse", pb$x, pb$y)$loss) / (2 * h)
    }, 0)
    expect_lt(rel_err(a[idx], num), 1e-6)
  })
}
