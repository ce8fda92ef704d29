# print, summary, coef and plot on every kind of model rnnkit fits (issue
# 13, item 4): summary() failed on every model with an embedding layer,
# and print() of a language model said "1 feature" and hid the embedding.

kinds <- local({
  set.seed(1)
  x <- array(rnorm(24 * 5 * 2), c(24, 5, 2))
  y <- rnorm(24)
  px <- rnn_example_data()[1:80, ]
  w <- rnn_windows(px, features = "Close", window = 8, test = 5)
  q <- function(...) rnn_fit(..., epochs = 2, verbose = FALSE)
  numeric <- q(x, y, units = 3)
  d <- rnn_text_data(strrep("to be or not to be ", 20), seq_len = 8, batch_size = 2)
  list(
    numeric = numeric,
    stacked = q(x, y, units = c(4, 3), cell = "gru"),
    many_to_many = q(x, array(rnorm(24 * 5), c(24, 5, 1)), units = 3, cell = "simple"),
    classifier = q(x, factor(sample(c("a", "b", "c"), 24, TRUE)), units = 3, loss = "sparse_ce"),
    hell = q(matrix(c(1, 2, 3, 3), 1), matrix(c(2, 3, 3, 4), 1), cell = "simple", units = 8,
             embedding = c(5, 4), loss = "sparse_ce", classes = as.character(0:4), batch_size = 1),
    token_classifier = q(matrix(sample(1:9, 40, TRUE), 8), rep(0:1, 4), units = 3,
                         embedding = c(10, 2), loss = "bce", batch_size = 4),
    language_model = q(d, embed_dim = 4, units = 6),
    windows = q(w, units = 3),
    formula = q(Close ~ Open + Close, data = px, window = 8, test = 5, units = 3),
    direct = q(rnn_windows(px, features = "Close", window = 8, horizon = 3), units = 3),
    continued = q(x, y, model = numeric),
    untrained = rnn_model("lstm", 3, n_in = 2, embedding = NULL)
  )
})

test_that("print, summary, coef and plot work on every kind of model", {
  pdf(NULL)
  on.exit(dev.off())
  for (k in names(kinds)) {
    m <- kinds[[k]]
    expect_output(print(m), "<rnnkit_model>", info = k)
    s <- summary(m)
    expect_s3_class(s, "summary.rnnkit_model")
    expect_equal(sum(s$layers$params), length(m$params), info = k)
    expect_output(print(s), "Total parameters", info = k)
    cf <- coef(m)
    expect_equal(sum(lengths(unlist(cf, recursive = FALSE))), length(m$params), info = k)
    expect_equal(names(cf), s$layers$layer, info = k)
    if (k == "untrained") {
      expect_error(plot(m), class = "rnnkit_error_input")
    } else {
      expect_invisible(plot(m))
    }
  }
})

test_that("models with an embedding show it in print and summary", {
  m <- kinds$hell
  s <- summary(m)
  expect_equal(s$layers$layer, c("embedding", "simple_1", "dense"))
  expect_equal(s$layers$params, c(5L * 4L, 8L * (4L + 8L + 1L), 5L * (8L + 1L)))
  expect_equal(s$layers$output, c("[N, 4, 4]", "[N, 4, 8]", "[N, 4, 5]"))
  expect_output(print(s), "Embedding \\(5 tokens\\)")
  expect_output(print(m), "Embedding\\(5, 4\\) -> SimpleRNN\\(8\\) -> Dense\\(5, softmax\\)")
  expect_output(print(m), "4 timesteps of tokens 0..4")
  lm <- kinds$language_model
  out <- capture.output(print(lm))
  expect_false(any(grepl("1 feature", out)))
  expect_true(any(grepl("8 timesteps of tokens 0..", out)))
  expect_true(any(grepl("Embedding\\([0-9]+, 4\\) -> LSTM\\(6\\)", out)))
  expect_true(any(grepl("stateful", out)))
  expect_true(any(grepl("tokenizer: char level", out)))
  expect_output(print(kinds$classifier), "acc [0-9.]+")
})

test_that("every model, built or fitted, records the installed package's version", {
  v <- as.character(utils::packageVersion("rnnkit"))
  expect_identical(rnn_model("lstm", 2)$version, v)
  m <- rnn_fit(matrix(sin(1:40), 20), sin(1:20), units = 2, epochs = 1, verbose = FALSE)
  expect_identical(m$version, v)
  expect_identical(rnn_model("gru", 2)$version, v)
})
