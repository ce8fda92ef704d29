test_that("print, summary, coef and plot describe a fitted model", {
  set.seed(1)
  x <- array(rnorm(20 * 5), c(20, 5, 1))
  fit <- rnn_fit(x, rnorm(20), units = c(4, 3), epochs = 3, validation = 0.2, verbose = FALSE)
  expect_output(print(fit), "LSTM\\(4\\) -> LSTM\\(3\\) -> Dense\\(1, linear\\)")
  expect_output(print(fit), "trained 3 epochs")
  s <- summary(fit)
  expect_equal(s$layers$params, c(4 * 4 * (1 + 4 + 1), 4 * 3 * (4 + 3 + 1), 3 + 1))
  expect_equal(sum(s$layers$params), length(fit$params))
  expect_output(print(s), "Total parameters: 196")
  cf <- coef(fit)
  expect_named(cf, c("lstm_1", "lstm_2", "dense"))
  expect_equal(dim(cf$lstm_2$W_x), c(12, 4))
  expect_equal(rownames(cf$lstm_1$W_h)[c(1, 5, 9, 13)], c("i1", "f1", "g1", "o1"))
  expect_equal(sum(lengths(unlist(cf, recursive = FALSE))), length(fit$params))
  expect_equal(dim(cf$lstm_1$W_x), c(16, 1)) # one feature is still a matrix
  expect_equal(dim(cf$dense$W), c(1, 3))
  expect_null(dim(cf$dense$b))
  pdf(NULL)
  on.exit(dev.off())
  expect_invisible(plot(fit))
  expect_error(plot(rnn_model()), class = "rnnkit_error_input")
})

test_that("predict shapes: vector, matrix, and a matrix taken as one feature", {
  m <- rnn_model("gru", 3, n_in = 1, n_out = 1, seed = 1)
  xm <- matrix(rnorm(12), 4, 3)
  expect_length(predict(m, xm), 4)
  expect_equal(predict(m, xm), predict(m, array(xm, c(4, 3, 1))))
  m2 <- rnn_model("gru", 3, n_in = 1, n_out = 2, seed = 1)
  expect_equal(dim(predict(m2, xm)), c(4, 2))
  # a different window length works for prediction
  expect_length(predict(m, matrix(rnorm(20), 2, 10)), 2)
})

test_that("rnn_windows cuts series and data frames", {
  w <- rnn_windows(1:10 + 0, window = 3, scale = "none")
  expect_equal(dim(w$x), c(7, 3, 1))
  expect_equal(w$x[1, , 1], c(1, 2, 3))
  expect_equal(w$y[1:2], c(4, 5))
  w2 <- rnn_windows(1:10 + 0, window = 3, horizon = 2, scale = "none")
  expect_equal(unname(w2$y[1, ]), c(4, 5))
  expect_equal(dim(w2$y), c(6, 2))
  df <- data.frame(a = 1:8 + 0, b = (1:8) * 10)
  w3 <- rnn_windows(df, window = 4, target = "b", features = c("a", "b"), scale = "none")
  expect_equal(dim(w3$x), c(4, 4, 2))
  expect_equal(w3$y, c(50, 60, 70, 80))
  expect_output(print(w3), "4 windows x 4 timesteps x 2 feature")
  # scaled by default: min-max to [0, 1]
  expect_equal(rnn_windows(1:10 + 0, window = 3)$y[7], 1)
  px <- read.csv(system.file("extdata", "djia.csv", package = "rnnkit"))
  w4 <- rnn_windows(px, window = 30, target = "Close", features = c("Open", "High", "Low", "Close"),
                    scale = "none")
  expect_equal(dim(w4$x), c(nrow(px) - 30, 30, 4))
  expect_equal(w4$y[1], px$Close[31])
})

test_that("rnn_windows selects columns by name or number, and says what it has", {
  m <- cbind(a = 1:12 + 0, b = (1:12) * 2)
  w <- rnn_windows(m, window = 3, target = 2, features = 1, scale = "none")
  expect_equal(w$y[1], 8)
  expect_equal(dimnames(w$x)[[3]], "a")
  expect_error(rnn_windows(m, window = 3, target = "c"), '"c" not in `data`; it has a, b',
               class = "rnnkit_error_input")
  expect_error(rnn_windows(m, window = 3, target = "A"), 'Did you mean "a"',
               class = "rnnkit_error_input")
  expect_error(rnn_windows(m, window = 3, features = 3), "has 2 column", class = "rnnkit_error_input")
  # several targets: one output column per target (for recursive forecasts
  # the targets follow the order of the features)
  wm <- rnn_windows(m, window = 3, target = c("b", "a"), features = c("a", "b"), scale = "none")
  expect_equal(wm$meta$target, c("a", "b"))
  expect_equal(unname(wm$y[1, ]), c(4, 8))
  expect_error(rnn_windows(m, window = 3), "`target` is needed", class = "rnnkit_error_input")
})

test_that("rnn_windows refuses the date column and text columns, by number or by name, and says which it can use", {
  px <- rnn_example_data()[1:60, ] # Date Open High Low Close Volume
  ps <- data.frame(px[c("Date", "Open")], Symbol = "DJIA", px[c("High", "Low", "Close")])
  err <- function(expr, ...) expect_error(expr, ..., class = "rnnkit_error_input")
  err(rnn_windows(px, target = 1, window = 5),
      "`target` = 1 is column \"Date\", the date column, which dates the rows: it cannot be a target")
  err(rnn_windows(px, target = 1, window = 5), "Use the numeric columns: 2 Open, 3 High, 4 Low, 5 Close, 6 Volume.")
  err(rnn_windows(px, target = "Date", window = 5), "`target` names column \"Date\", the date column")
  err(rnn_windows(px, features = c(5, 1), target = 5, window = 5), "`features` = 1 is column \"Date\"")
  err(rnn_windows(ps, target = 3, window = 5),
      "`target` = 3 is column \"Symbol\", which holds text \\(character\\), not numbers")
  err(rnn_windows(ps, target = 3, window = 5), "numeric columns: 2 Open, 4 High, 5 Low, 6 Close")
  err(rnn_windows(ps, features = "Symbol", target = "Close", window = 5),
      "`features` names column \"Symbol\", which holds text")
  err(rnn_windows(px, target = 7, window = 5),
      "`target` = 7 asks for column 7, but `data` has 6 columns: 1 Date \\(the date column\\), 2 Open, 3 High, 4 Low, 5 Close, 6 Volume")
  err(rnn_windows(px, features = 0, target = 5, window = 5), "`features` = 0 asks for column 0")
  err(rnn_windows(ps, target = 9, window = 5), "3 Symbol \\(text\\), 4 High")
  # a numeric column found as the date column: date = NULL makes it a series
  yr <- data.frame(year = 1951:2010, v = sin(1:60))
  err(rnn_windows(yr, target = 1, window = 5), "the date column, .* \\(date = NULL makes it an ordinary column\\)")
  expect_identical(rnn_windows(yr, target = 1, window = 5, date = NULL)$meta$target, "year")
  # date = NULL: the Date column is an ordinary column, but not a number
  err(rnn_windows(px, target = 1, window = 5, date = NULL), "holds dates \\(Date\\), not numbers")
  # the formula interface: the same errors
  err(rnn_fit(Close ~ Symbol, data = ps, window = 5), "column \"Symbol\", which holds text")
  err(rnn_fit(Close ~ Date, data = ps, window = 5), "column \"Date\", the date column")
  err(rnn_fit(Close ~ Nope, data = ps, window = 5), "names column\\(s\\) Nope that `data` does not have")
})
