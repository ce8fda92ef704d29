# Every user-facing function with options refuses an option it does not
# have, misspelt or abbreviated, with a classed error that names the option
# meant and lists the real ones (issue 13, item 5). R's partial matching
# would otherwise take `epoch = 5` as `epochs`, fail on `n = 20` with
# "matches multiple formal arguments", or say "unused argument".

px <- rnn_example_data()[1:120, ]
w <- rnn_windows(px, features = "Close", window = 10, test = 10)
set.seed(1)
fit <- rnn_fit(w, units = 3, epochs = 2, verbose = FALSE)

expect_option_error <- function(expr, pattern) {
  e <- expect_error(expr, class = "rnnkit_error_input")
  expect_match(conditionMessage(e), pattern)
  expect_match(conditionMessage(e), "Its options are: ")
  expect_no_match(conditionMessage(e), "options are: \\.")
  invisible(e)
}

test_that("forecast() names the option meant, without base R's errors or warnings", {
  expect_no_warning(expect_option_error(forecast(fit, lvl = 90), "no option `lvl`.*Did you mean `level`"))
  expect_option_error(forecast(fit, n = 20), "no option `n`.*Did you mean `h`")
  expect_option_error(forecast(fit, lev = 90), "abbreviated.*`level`")
  expect_option_error(forecast(fit, npath = 50), "`npaths`")
  e <- expect_error(forecast(fit, 5, 90, 200), class = "rnnkit_error_input")
  expect_match(conditionMessage(e), "name every option after `level`")
  # h and level, by position (as in the forecast package) and by name, still work
  expect_equal(forecast(fit, 3, seed = 1)$mean, forecast(fit, h = 3, seed = 1)$mean)
  expect_identical(forecast(fit, 3, 90, seed = 1)$upper,
                   forecast(fit, h = 3, level = 90, seed = 1)$upper)
})

test_that("rnn_windows() says did you mean, for misspelt and abbreviated options", {
  expect_option_error(rnn_windows(px, windwo = 30), "no option `windwo`.*Did you mean `window`")
  expect_option_error(rnn_windows(px, wind = 30), "abbreviated.*`window`")
  expect_option_error(rnn_windows(px, spilt = as.Date("2006-08-01")), "`split`")
  expect_equal(dim(rnn_windows(px, "Close", "Close", window = 5)$x), c(115, 5, 1))
})

test_that("rnn_fit() in all its forms refuses abbreviations R would complete", {
  expect_option_error(rnn_fit(w, epoch = 2, verbose = FALSE), "abbreviated.*Did you mean `epochs`")
  expect_option_error(rnn_fit(w$x, w$y, epoch = 2, verbose = FALSE), "`epochs`")
  expect_option_error(rnn_fit(w$x, w$y, ep = 2, verbose = FALSE), "`epochs` or `epsilon`")
  expect_option_error(rnn_fit(Close ~ Close, data = px, wind = 10, epochs = 1, verbose = FALSE),
                      "Did you mean `window`")
  expect_option_error(rnn_backtest(px, wind = 10, epochs = 1, verbose = FALSE), "`window`")
  d <- rnn_text_data(strrep("abcd ", 200), seq_len = 10, batch_size = 2)
  expect_option_error(rnn_fit(d, embed = 4, epochs = 1, verbose = FALSE), "`embed_dim`")
  expect_option_error(rnn_fit_many(list(w), epoch = 1), "`epochs`")
})

test_that("predict() and accuracy() list their options", {
  expect_option_error(predict(fit, w, typ = "class"), "`type`")
  expect_option_error(accuracy(fit, w, foo = 1), "Its options are: object, x")
})

test_that("coef, fitted, residuals and a layer's predict do not ignore options", {
  expect_option_error(coef(fit, foo = 1), "Its options are: object")
  expect_option_error(fitted(fit, h = 1), "no option `h`")
  expect_option_error(residuals(fit, type = "response"), "no option `type`")
  k <- matrix(0.1, 2, 3)
  layer <- rnn_layer("simple", 3, list(k, matrix(0, 3, 3), rep(0, 3)))
  x <- array(1, c(1, 4, 2))
  expect_option_error(predict(layer, x, return_seq = TRUE), "`return_sequences`")
  expect_equal(dim(predict(layer, x, return_sequences = TRUE)), c(1, 4, 3))
  expect_option_error(coef(layer, fromat = "torch"), "Did you mean `format`")
})

test_that("the other functions with options say did you mean too", {
  expect_option_error(rnn_model("gru", 3, n_inp = 2), "Did you mean `n_in`")
  expect_option_error(rnn_model("gru", 3, n_o = 2), "abbreviated.*`n_out`")
  expect_option_error(rnn_model("gru", 3, unit = 2), "`units`")
  expect_option_error(rnn_tokenizer("abc", levle = "char"), "`level`")
  expect_option_error(rnn_pad_sequences(list(1:3), max_len = 2), "`maxlen`")
  expect_option_error(rnn_text_data("abc abc abc", seq = 2, batch_size = 1), "`seq_len`")
  m <- rnn_model("simple", 2, n_in = 3, n_out = 3, output_activation = "softmax", seed = 1)
  expect_option_error(rnn_generate(m, 1, n = 2, temp = 0.5), "`temperature`")
  k <- matrix(0.1, 2, 3)
  expect_option_error(rnn_layer("simple", 3, list(k, matrix(0, 3, 3), rep(0, 3)), activ = "relu"),
                      "`activation`")
  e <- expect_error(rnn_pad_sequences(list(1:3), 5, "post", "post", 0, 1), class = "rnnkit_error_input")
  expect_match(conditionMessage(e), "1 argument\\(s\\) more than its 5")
  # positional use still works
  expect_equal(length(rnn_model("gru", 3, 2, 1, seed = 1)$params), length(rnn_model("gru", 3, n_in = 2, seed = 1)$params))
})
