# issue 16: the learned series embedding of a global panel model
# (rnn_fit(..., series_embedding = dim)).

emb_data <- function(n = 60, seed = 1) {
  set.seed(seed)
  a <- 100 + cumsum(rnorm(n))
  data.frame(Date = rep(seq(as.Date("2015-01-01"), by = "month", length.out = n), 3),
             Name = rep(c("a", "b", "c"), each = n),
             value = c(a, 1000 * a + 7, 5 + 0.1 * cumsum(rnorm(n))))
}

test_that("gradient: series embedding (lookup, an unseen series' mean, other inputs)", {
  set.seed(4)
  N <- 5; T <- 4
  x <- array(rnorm(N * T * 3), c(N, T, 3))
  x[, , 3] <- c(0, 1, 2, -1, 1) # the series index, -1 = unseen (mean embedding)
  y <- matrix(rnorm(N * 2, sd = 0.5), N)
  for (cell in c("lstm", "gru", "simple")) {
    cfg <- rnnkit:::model_config(cell, c(3, 2), 3, 2, "tanh", "linear", FALSE, 0, series = c(3L, 2L))
    m <- list(config = cfg, params = rnorm(rnnkit:::n_params(cfg), sd = 0.5))
    a <- core_loss_grad(m, "mse", x, y)$grad
    expect_lt(rel_err(a, numeric_grad(m, "mse", x, y)), 1e-6)
    expect_gt(sum(abs(a[1:6])), 0)
  }
  x[1, 1, 3] <- 3
  expect_error(core_loss_grad(m, "mse", x, y), "series index 3")
})

test_that("a series embedding is trained, the same for 1 and 2 threads, and survives the file", {
  w <- rnn_windows(emb_data(), key = "Name", window = 6, split = as.Date("2019-01-01"))
  f <- rnn_fit(w, units = 4, epochs = 3, seed = 3, verbose = FALSE, series_embedding = 2)
  expect_identical(f$config$n_series, 3L)
  expect_identical(f$config$series_embed, 2L)
  expect_identical(f$config$n_in, 2L)
  f1 <- rnn_fit(w, units = 4, epochs = 3, seed = 3, verbose = FALSE, series_embedding = 2, threads = 1)
  expect_identical(f1$params, f$params)
  S <- coef(f)$series_embedding$S
  expect_identical(dim(S), c(2L, 3L))
  e1 <- rnn_fit(w, units = 4, epochs = 1, seed = 3, verbose = FALSE, series_embedding = 2)
  expect_false(identical(coef(e1)$series_embedding$S, S)) # the optimizer moves it
  # the other series ids without the option: a different, smaller model
  g <- rnn_fit(w, units = 4, epochs = 3, seed = 3, verbose = FALSE)
  expect_null(g$config$n_series)
  expect_equal(length(f$params) - length(g$params), 6 + 4 * 4 * 2)
  path <- temp_model_file()
  rnn_save(f, path)
  b <- rnn_load(path)
  expect_identical(b$config, f$config)
  expect_identical(b$params, f$params)
  expect_identical(b$prep$meta$keys, c("a", "b", "c"))
  expect_identical(forecast(b, h = 3, key = "b", seed = 1)$mean, forecast(f, h = 3, key = "b", seed = 1)$mean)
  # each key reads its own vector: the forecasts differ with the embedding
  S2 <- f
  S2$params[3:4] <- S2$params[3:4] + 1 # series "b"'s column
  expect_false(identical(forecast(S2, h = 3, key = "b", level = NULL)$mean,
                         forecast(f, h = 3, key = "b", level = NULL)$mean))
  expect_identical(forecast(S2, h = 3, key = "a", level = NULL)$mean,
                   forecast(f, h = 3, key = "a", level = NULL)$mean)
})

test_that("a series unseen in training reads the mean embedding, with a message", {
  d <- emb_data()
  w <- rnn_windows(d, key = "Name", window = 6, split = as.Date("2019-01-01"))
  f <- rnn_fit(w, units = 4, epochs = 2, seed = 5, verbose = FALSE, series_embedding = 2)
  d2 <- d[d$Name == "a", ]
  d2$Name <- "new"
  w2 <- rnn_windows(d2, key = "Name", window = 6, split = as.Date("2019-01-01"))
  expect_message(p_new <- predict(f, w2), "not seen in training.*mean of the 3")
  # the same as series "a" read with its vector replaced by the mean
  m <- f
  S <- matrix(f$params[1:6], 2)
  m$params[1:2] <- (S[, 1] + S[, 2] + S[, 3]) / 3
  p_a <- predict(m, w)
  expect_identical(p_new$predicted, p_a$predicted[p_a$Name == "a"])
  expect_message(fc <- forecast(f, h = 4, newdata = d2[c("Date", "value")], level = NULL),
                 "not seen in training")
  expect_true(all(is.finite(fc$mean)))
})

test_that("series_embedding needs panel windows; bad values are classed errors", {
  d <- emb_data()
  w1 <- rnn_windows(d[d$Name == "a", c("Date", "value")], window = 6)
  expect_error(rnn_fit(w1, units = 4, epochs = 1, verbose = FALSE, series_embedding = 2),
               class = "rnnkit_error_input")
  w <- rnn_windows(d, key = "Name", window = 6)
  expect_error(rnn_fit(w, units = 4, epochs = 1, verbose = FALSE, series_embedding = 0),
               class = "rnnkit_error_input")
  x <- array(rnorm(2 * 3 * 2), c(2, 3, 2))
  x[, , 2] <- c(0, 5)
  expect_error(rnn_fit(x, rnorm(2), units = 2, epochs = 1, verbose = FALSE, series_embedding = c(2, 2)),
               class = "rnnkit_error_input")
  expect_error(rnn_fit(x, rnorm(2), units = 2, epochs = 1, verbose = FALSE, series_embedding = 3),
               class = "rnnkit_error_input")
})

test_that("forecast(key = , newdata = ) reads that key's embedding for the given history", {
  d <- emb_data()
  w <- rnn_windows(d, key = "Name", window = 6) # no split: scalers on all rows, as newdata's
  f <- rnn_fit(w, units = 4, epochs = 2, seed = 7, verbose = FALSE, series_embedding = 2)
  hb <- d[d$Name == "b", c("Date", "value")]
  kb <- forecast(f, h = 3, key = "b", level = NULL)
  expect_silent(nb <- forecast(f, h = 3, newdata = hb, key = "b", level = NULL))
  expect_equal(as.numeric(nb$mean), as.numeric(kb$mean), tolerance = 1e-12)
  expect_message(ub <- forecast(f, h = 3, newdata = hb, level = NULL), "not seen in training")
  expect_false(isTRUE(all.equal(as.numeric(ub$mean), as.numeric(kb$mean))))
})

test_that("model = continues a panel model with its series embedding (as Octave's 'Model')", {
  w <- rnn_windows(emb_data(40), key = "Name", window = 5, split = as.Date("2017-06-01"))
  o <- list(units = 3, seed = 4, verbose = FALSE, optimizer = "sgd", shuffle = FALSE)
  m1 <- do.call(rnn_fit, c(list(w, epochs = 1, series_embedding = 2), o))
  m2 <- do.call(rnn_fit, c(list(w, epochs = 2, series_embedding = 2), o))
  # without series_embedding: the model brings its own, read and trained
  mc <- do.call(rnn_fit, c(list(w, model = m1, epochs = 1), o))
  expect_equal(rnnkit:::n_series(mc$config), c(3L, 2L))
  expect_true(any(mc$params[1:6] != m1$params[1:6]))
  expect_identical(mc$params, m2$params) # SGD, no shuffling: one more epoch is two in one go
  expect_identical(do.call(rnn_fit, c(list(w, model = m1, epochs = 1, series_embedding = 2), o))$params,
                   m2$params)
  expect_identical(predict(mc, w)$predicted, predict(m2, w)$predicted)
  expect_error(rnn_fit(w, model = m1, epochs = 1, series_embedding = 3, verbose = FALSE),
               class = "rnnkit_error_input", regexp = "width 2")
  d <- emb_data(40)
  d$Name[d$Name == "c"] <- "z"
  w2 <- rnn_windows(d, key = "Name", window = 5, split = as.Date("2017-06-01"))
  expect_error(rnn_fit(w2, model = m1, epochs = 1, verbose = FALSE),
               class = "rnnkit_error_input", regexp = "same keys")
})
