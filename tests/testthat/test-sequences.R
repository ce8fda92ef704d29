# Token input (embedding + masking), many-to-many losses over padded
# sequences, stateful training (truncated BPTT), accuracy histories,
# sampling with a temperature, and checkpoints.

tok_problem <- function(N, T, V, pad = c("none", "pre", "post"), seed = 1) {
  pad <- match.arg(pad)
  set.seed(seed)
  x <- matrix(sample(1:(V - 1), N * T, TRUE), N, T)
  if (pad != "none") {
    for (i in seq_len(N)) {
      k <- sample(0:(T - 2), 1) # padded steps of sequence i
      if (k > 0) {
        if (pad == "pre") x[i, seq_len(k)] <- 0 else x[i, T - seq_len(k) + 1] <- 0
      }
    }
  }
  array(as.double(x), c(N, T, 1))
}

for (cell in c("simple", "lstm", "gru")) {
  test_that(sprintf("gradient: embedding -> %s, many-to-one BCE over padded sequences", cell), {
    x <- tok_problem(4, 5, 6, "post", seed = 2)
    y <- matrix(c(0, 1, 1, 0), 4, 1)
    m <- rnn_model(cell, c(3, 2), n_out = 1, output_activation = "sigmoid",
                   embedding = c(6, 3), seed = 4)
    m$params <- m$params + rnorm(length(m$params), sd = 0.3)
    g <- core_loss_grad(m, "bce", x, y)$grad
    expect_lt(rel_err(g, numeric_grad(m, "bce", x, y)), 1e-6)
    E <- coef(m)$embedding$E
    gE <- matrix(g[seq_along(E)], nrow(E))
    expect_true(all(gE[, 1] == 0))        # padding gets no gradient
    expect_gt(sum(abs(gE[, -1])), 0)
  })

  test_that(sprintf("gradient: embedding -> %s, many-to-many sparse CE with padding", cell), {
    x <- tok_problem(3, 6, 5, "pre", seed = 3)
    set.seed(9)
    y <- array(as.double(sample(0:3, 18, TRUE)), c(3, 6, 1))
    m <- rnn_model(cell, 4, n_out = 4, output_activation = "softmax", return_sequences = TRUE,
                   embedding = c(5, 2), seed = 5)
    m$params <- m$params + rnorm(length(m$params), sd = 0.3)
    g <- core_loss_grad(m, "sparse_ce", x, y)$grad
    expect_lt(rel_err(g, numeric_grad(m, "sparse_ce", x, y)), 1e-6)
    # the targets of padded steps do not count
    y2 <- y
    y2[x == 0] <- (y[x == 0] + 1) %% 4
    expect_identical(core_loss_grad(m, "sparse_ce", x, y2)$loss,
                     core_loss_grad(m, "sparse_ce", x, y)$loss)
    # the loss is the mean over unmasked steps
    p <- predict(m, x)
    keep <- which(x[, , 1] != 0, arr.ind = TRUE)
    ce <- -log(p[cbind(keep, y[cbind(keep, 1)] + 1)])
    expect_equal(core_loss_grad(m, "sparse_ce", x, y)$loss, mean(ce), tolerance = 1e-12)
  })

  test_that(sprintf("padding is masked out of the %s recurrence", cell), {
    m <- rnn_model(cell, c(4, 3), n_out = 2, embedding = c(7, 3), seed = 6)
    x <- tok_problem(5, 4, 7, seed = 8)
    pre <- array(c(matrix(0, 5, 3), x), c(5, 7, 1))    # 3 padded steps first
    post <- array(c(x, matrix(0, 5, 2)), c(5, 6, 1))   # 2 padded steps last
    expect_identical(predict(m, pre), predict(m, x))
    expect_equal(predict(m, post), predict(m, x), tolerance = 1e-15)
    # with return_sequences the padded steps repeat the last real output
    ms <- rnn_model(cell, 3, n_out = 2, embedding = c(7, 3), return_sequences = TRUE, seed = 6)
    ps <- predict(ms, post)
    expect_equal(ps[, 5, ], ps[, 4, ], tolerance = 0)
    expect_equal(ps[, 6, ], ps[, 4, ], tolerance = 0)
  })
}

test_that("embedding models reject bad tokens and bad embedding specs", {
  m <- rnn_model("lstm", 3, n_out = 1, embedding = c(5, 2), seed = 1)
  expect_error(predict(m, matrix(c(1, 5), 1)), class = "rnnkit_error_input")
  expect_error(predict(m, matrix(c(1, 2.5), 1)), class = "rnnkit_error_input")
  expect_error(predict(m, matrix(c(1, -1), 1)), class = "rnnkit_error_input")
  expect_error(rnn_model("lstm", 3, embedding = c(1, 2)), class = "rnnkit_error_input")
  expect_error(rnn_model("lstm", 3, embedding = 5), class = "rnnkit_error_input")
  expect_error(rnn_model("lstm", 3, embedding = c(1e9, 64)), class = "rnnkit_error_size")
  expect_error(rnn_model("lstm", 3, n_in = 2, embedding = c(5, 2)), class = "rnnkit_error_dim")
  expect_error(rnn_fit(matrix(c(1, 9), 1), 1, embedding = c(5, 2), epochs = 1, verbose = FALSE),
               class = "rnnkit_error_input")
  expect_error(rnn_fit(array(1, c(2, 3, 2)), c(0, 1), embedding = c(5, 2), epochs = 1,
                       verbose = FALSE), class = "rnnkit_error_dim")
  expect_error(forecast(m, h = 2), class = "rnnkit_error_input")
})

test_that("the hello task (h,e,l,l -> e,l,l,o) is learned to 100% per-step accuracy", {
  # tokens: h = 1, e = 2, l = 3, o = 4 (0 is padding)
  x <- matrix(c(1, 2, 3, 3), 1)
  y <- matrix(c(2, 3, 3, 4), 1)
  fit <- rnn_fit(x, y, cell = "simple", units = 8, embedding = c(5, 4), loss = "sparse_ce",
                 classes = as.character(0:4), epochs = 150, lr = 0.05, batch_size = 1,
                 seed = 1, verbose = FALSE)
  expect_equal(tail(fit$history$acc, 1), 1)
  p <- predict(fit, x)                                  # 1 x 4 x 5 probabilities
  expect_equal(apply(p[1, , ], 1, which.max) - 1, c(2, 3, 3, 4))
  expect_true(all(is.na(fit$history$val_acc)))
  expect_lt(tail(fit$history$loss, 1), 0.1)
})

test_that("accuracy is reported for classifiers and only for them", {
  set.seed(3)
  x <- array(runif(40 * 5), c(40, 5, 1))
  y <- as.double(rowMeans(x[, , 1]) > 0.5)
  fit <- rnn_fit(x, y, loss = "bce", units = 4, epochs = 3, validation = 0.25, seed = 1,
                 verbose = FALSE)
  expect_true(all(fit$history$acc >= 0 & fit$history$acc <= 1))
  expect_true(all(fit$history$val_acc >= 0 & fit$history$val_acc <= 1))
  # the last epoch's training accuracy re-counted from its own predictions
  # is not available (weights moved during the epoch), but validation is:
  pv <- predict(fit, x[31:40, , , drop = FALSE])
  expect_equal(tail(fit$history$val_acc, 1), mean((pv >= 0.5) == (y[31:40] >= 0.5)))
  reg <- rnn_fit(x, y, units = 4, epochs = 2, seed = 1, verbose = FALSE)
  expect_null(reg$history$acc)
})

test_that("stateful training carries the state: epoch loss equals the whole streams' loss", {
  set.seed(4)
  V <- 6; B <- 2; Tc <- 3; n_chunks <- 4
  streams <- matrix(sample(1:(V - 1), B * (Tc * n_chunks + 1), TRUE), B)
  # chunk c of stream b is sample c*B + b + 1
  x <- y <- matrix(0, B * n_chunks, Tc)
  for (c in 0:(n_chunks - 1)) for (b in 1:B) {
    x[c * B + b, ] <- streams[b, c * Tc + 1:Tc]
    y[c * B + b, ] <- streams[b, c * Tc + 1:Tc + 1]
  }
  m0 <- rnn_model("lstm", c(4, 3), n_out = V, output_activation = "softmax",
                  return_sequences = TRUE, embedding = c(V, 3), seed = 2)
  # plain SGD with a learning rate far below one ulp of any weight: the
  # weights do not move, so the epoch loss is the loss of fixed weights
  fit <- rnn_fit(x, y, model = m0, loss = "sparse_ce", optimizer = "sgd", lr = 1e-300,
                 epochs = 1, batch_size = B, stateful = TRUE, shuffle = FALSE,
                 classes = as.character(0:(V - 1)), validation = list(x = x, y = y),
                 verbose = FALSE)
  expect_lt(max(abs(fit$params - m0$params)), 1e-290) # only zeros moved, by ~1e-300
  whole_x <- array(as.double(streams[, 1:(Tc * n_chunks)]), c(B, Tc * n_chunks, 1))
  whole_y <- array(as.double(streams[, 1:(Tc * n_chunks) + 1]), c(B, Tc * n_chunks, 1))
  whole <- core_loss_grad(m0, "sparse_ce", whole_x, whole_y)$loss
  expect_equal(fit$history$loss, whole, tolerance = 1e-12)
  expect_equal(fit$history$val_loss, whole, tolerance = 1e-12)
  # without carrying the state the chunks' loss differs
  nofit <- rnn_fit(x, y, model = m0, loss = "sparse_ce", optimizer = "sgd", lr = 1e-300,
                   epochs = 1, batch_size = B, shuffle = FALSE, verbose = FALSE,
                   classes = as.character(0:(V - 1)))
  expect_gt(abs(nofit$history$loss - whole), 1e-6)
  expect_error(rnn_fit(x[1:7, ], y[1:7, ], model = m0, loss = "sparse_ce", epochs = 1,
                       batch_size = B, stateful = TRUE, verbose = FALSE),
               class = "rnnkit_error_dim")
})

test_that("temperature sampling draws from softmax(z / temperature)", {
  # weights zero but the output bias: the same distribution at every step
  K <- 5
  m <- rnn_model("gru", 3, n_out = K, output_activation = "softmax", return_sequences = TRUE,
                 embedding = c(K, 2), seed = 1)
  m$params[] <- 0
  b <- c(0, 0.5, -0.3, 1.2, 0.1)
  m$params[length(m$params) - K + seq_len(K)] <- b
  n <- 20000
  for (temp in c(1, 0.5, 2)) {
    draws <- rnn_generate(m, start = 1, n = n, temperature = temp, seed = 7)
    p <- exp(b[-1] / temp) / sum(exp(b[-1] / temp))   # padding 0 is never drawn
    expect_true(all(draws %in% 1:(K - 1)))
    obs <- tabulate(draws, K - 1)
    chi2 <- sum((obs - n * p)^2 / (n * p))
    expect_lt(chi2, qchisq(0.999, K - 2))
  }
  # temperature -> 0 approaches greedy decoding
  g <- rnn_generate(m, start = 1, n = 50, temperature = 0)
  expect_true(all(g == which.max(b[-1])))
  m2 <- rnn_model("lstm", 4, n_out = K, output_activation = "softmax", return_sequences = TRUE,
                  embedding = c(K, 3), seed = 3)
  expect_identical(rnn_generate(m2, c(1, 2), n = 30, temperature = 1e-4, seed = 1),
                   rnn_generate(m2, c(1, 2), n = 30, temperature = 0))
  expect_identical(rnn_generate(m2, c(1, 2), n = 30, seed = 5),
                   rnn_generate(m2, c(1, 2), n = 30, seed = 5))
  expect_error(rnn_generate(m2, 0, n = 3), class = "rnnkit_error_input")
  expect_error(rnn_generate(m2, 1, n = 3, temperature = -1), class = "rnnkit_error_input")
  expect_error(rnn_generate(rnn_model("lstm", 3), 1, n = 3), class = "rnnkit_error_input")
})

test_that("a character model learns a generated corpus and writes it back", {
  text <- paste(rep("the cat sat on the mat. ", 60), collapse = "")
  d <- rnn_text_data(text, seq_len = 12, batch_size = 4, validation = 0.2)
  expect_s3_class(d, "rnnkit_text_data")
  expect_equal(nrow(d$x) %% 4, 0)
  # sample c*B + b + 1 continues sample (c-1)*B + b + 1
  expect_equal(d$x[5, 1], d$y[1, 12])
  fit <- rnn_fit(d, embed_dim = 8, units = 32, epochs = 25, lr = 0.01, seed = 1, verbose = FALSE)
  probs <- table(strsplit(text, "")[[1]]) / nchar(text)
  unigram <- -sum(probs * log(probs))
  expect_lt(tail(fit$history$val_loss, 1), unigram / 4)
  expect_gt(tail(fit$history$val_acc, 1), 0.95)
  out <- rnn_generate(fit, "the cat ", n = 40, temperature = 0)
  expect_identical(out, substr(paste(rep("the cat sat on the mat. ", 3), collapse = ""), 1, 48))
  # a saved model keeps its tokenizer and writes the same text
  path <- temp_model_file()
  rnn_save(fit, path)
  expect_identical(rnn_generate(rnn_load(path), "the cat ", n = 40, temperature = 0), out)
})

test_that("checkpoints are saved during training and resume it", {
  set.seed(2)
  x <- array(runif(60), c(20, 3, 1))
  y <- rowSums(x[, , 1])
  path <- temp_model_file()
  fit <- rnn_fit(x, y, units = 3, epochs = 5, checkpoint = path, checkpoint_every = 2,
                 seed = 1, verbose = FALSE)
  ck <- rnn_load(path)
  expect_equal(nrow(ck$history), 4)                       # saved after epoch 4
  expect_equal(ck$history$loss, fit$history$loss[1:4])
  more <- rnn_fit(x, y, model = ck, epochs = 2, seed = 1, verbose = FALSE)
  expect_equal(nrow(more$history), 2)
  expect_false(identical(more$params, ck$params))
  expect_error(rnn_fit(x, y, units = 3, epochs = 3, verbose = FALSE,
                       checkpoint = file.path(tempdir(), "no", "such", "dir", "m.rnnk")),
               class = "rnnkit_error_input")
  # saving fails during training (the path is a folder): training stops
  # after that epoch with a classed warning, and the model comes back
  expect_warning(f2 <- rnn_fit(x, y, units = 3, epochs = 3, verbose = FALSE, checkpoint = tempdir()),
                 class = "rnnkit_warning_checkpoint")
  expect_equal(nrow(f2$history), 1)
})

test_that("token models survive rnn_save/rnn_load and saveRDS", {
  m <- rnn_model("gru", 3, n_out = 4, output_activation = "softmax", embedding = c(9, 2),
                 seed = 1)
  path <- temp_model_file()
  rnn_save(m, path)
  back <- rnn_load(path)
  x <- tok_problem(3, 4, 9, "pre")
  expect_identical(predict(back, x), predict(m, x))
  expect_identical(back$config$n_vocab, 9L)
  expect_equal(dim(coef(m)$embedding$E), c(2, 9))
})

test_that("the seven-sentence sentiment toy reaches 100% training accuracy", {
  texts <- c("I love this movie", "This film was great", "What a fantastic experience",
             "I hated this movie", "This was a terrible film", "What an awful experience",
             "The acting was good")
  labels <- c(1, 1, 1, 0, 0, 0, 1)
  tok <- rnn_tokenizer(texts, level = "word")
  x <- rnn_pad_sequences(rnn_encode(tok, texts), maxlen = 5)
  expect_equal(dim(x), c(7, 5))
  fit <- rnn_fit(x, labels, embedding = c(rnn_vocab_size(tok), 8), units = 8, loss = "bce",
                 epochs = 60, lr = 0.02, batch_size = 7, seed = 1, verbose = FALSE)
  expect_equal(tail(fit$history$acc, 1), 1)
  expect_equal(as.double(predict(fit, x) >= 0.5), labels)
  # GRU too
  fit_gru <- rnn_fit(x, labels, cell = "gru", embedding = c(rnn_vocab_size(tok), 8), units = 8,
                     loss = "bce", epochs = 60, lr = 0.02, batch_size = 7, seed = 1, verbose = FALSE)
  expect_equal(tail(fit_gru$history$acc, 1), 1)
})
