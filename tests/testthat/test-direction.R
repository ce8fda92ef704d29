# Directional accuracy (issue 15): the DA column of every accuracy table,
# the share of up/down moves from the last observed value called right,
# computed once in the core (rnn_accuracy_direction()).

# By hand: rows where the actual moved from the origin, the share whose
# forecast moved the same way.
da_by_hand <- function(actual, pred, origin) {
  moved <- !is.na(actual) & !is.na(pred) & actual != origin
  100 * sum(sign(pred - origin)[moved] == sign(actual - origin)[moved]) / sum(moved)
}

test_that("the DA column is the share of directions called right, NA for naive", {
  d <- rnn_example_data("djia")[1:400, ]
  w <- rnn_windows(d, target = "Close", features = "Close", window = 10, test = 60,
                   transform = "logdiff")
  m <- rnn_fit(w, units = 4, epochs = 2, seed = 1, verbose = FALSE)
  a <- accuracy(m)
  expect_true("DA" %in% names(a))
  p <- predict(m, w)
  te <- p$set == "test"
  expect_equal(a$DA[1], da_by_hand(p$actual[te], p$predicted[te], p$naive[te]), tolerance = 1e-12)
  expect_true(is.na(a$DA[a$model == "naive"]))
  # the drift calls the sign of the mean training change every time
  up <- mean(diff(d$Close[1:m$prep$scaler$n_rows])) > 0
  dr <- p$naive[te] + if (up) 1 else -1
  expect_equal(a$DA[a$model == "drift"], da_by_hand(p$actual[te], dr, p$naive[te]),
               tolerance = 1e-12)
  expect_gte(a$DA[1], 0)
  expect_lte(a$DA[1], 100)
  expect_output(print(a), "DA %", fixed = TRUE)
  # the scored predictions give the core's table; changed ones are scored
  # again, DA included
  expect_identical(accuracy(p)$DA, a$DA)
  p2 <- p[te, ]
  expect_equal(accuracy(p2)$DA[1], a$DA[1], tolerance = 1e-12)
  expect_true(is.na(accuracy(p2)$DA[2]))
})

test_that("a direct model's steps all count from their window's last value", {
  a <- rnn_example_data("air")
  w <- rnn_windows(a, target = "Passengers", window = 12, horizon = 3, test = 12,
                   transform = c("log", "sdiff"))
  m <- rnn_fit(w, units = 4, epochs = 3, seed = 2, verbose = FALSE)
  acc <- accuracy(m)
  p <- predict(m, w)
  te <- p$set == "test"
  act <- as.matrix(p[te, paste0("actual.Passengers+", 1:3)])
  prd <- as.matrix(p[te, paste0("predicted.Passengers+", 1:3)])
  nv <- as.matrix(p[te, paste0("naive.Passengers+", 1:3)])
  expect_equal(acc$DA[1], da_by_hand(act, prd, nv), tolerance = 1e-12)
  # the seasonal naive row calls the move of a season ago
  x <- a$Passengers
  rows <- w$index$target_row[w$index$set == "test"]
  sn <- outer(rows, 0:2, function(r, k) x[r + k - 12])
  expect_equal(acc$DA[acc$model == "snaive"], da_by_hand(act, sn, nv), tolerance = 1e-12)
})

test_that("a forecast's DA counts from the last value of its history", {
  d <- rnn_example_data("djia")[1:300, ]
  w <- rnn_windows(d, target = "Close", features = "Close", window = 10, transform = "diff")
  m <- rnn_fit(w, units = 3, epochs = 1, seed = 3, verbose = FALSE)
  fc <- forecast(m, h = 5, level = NULL)
  nxt <- rnn_example_data("djia")$Close[301:305]
  a <- accuracy(fc, nxt)
  last <- d$Close[300]
  expect_equal(a$DA[1], da_by_hand(nxt, as.numeric(fc$mean), rep(last, 5)), tolerance = 1e-12)
  expect_true(is.na(a$DA[2]))
})
