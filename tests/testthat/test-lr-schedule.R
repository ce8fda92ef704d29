# The piecewise learning-rate schedule (MATLAB's trainingOptions
# 'LearnRateSchedule' 'piecewise'): the core trains epoch e of a call at
# lr * lr_drop_factor^floor(e / lr_drop_period).

sched_data <- function() {
  set.seed(11)
  x <- array(rnorm(24 * 5 * 2), c(24, 5, 2))
  list(x = x, y = 0.5 * x[, 5, 1] - 0.2 * x[, 4, 2])
}

test_that("factor 1 and a period of at least the epochs give the bits of no schedule", {
  d <- sched_data()
  for (opt in c("adam", "sgd", "rmsprop")) {
    none <- rnn_fit(d$x, d$y, units = 4, epochs = 4, batch_size = 8, optimizer = opt,
                    momentum = 0.5, seed = 3, verbose = FALSE)
    f1 <- rnn_fit(d$x, d$y, units = 4, epochs = 4, batch_size = 8, optimizer = opt,
                  momentum = 0.5, seed = 3, verbose = FALSE, lr_schedule = "piecewise",
                  lr_drop_factor = 1, lr_drop_period = 1)
    long <- rnn_fit(d$x, d$y, units = 4, epochs = 4, batch_size = 8, optimizer = opt,
                    momentum = 0.5, seed = 3, verbose = FALSE, lr_schedule = "piecewise",
                    lr_drop_factor = 0.1, lr_drop_period = 4)
    drop <- rnn_fit(d$x, d$y, units = 4, epochs = 4, batch_size = 8, optimizer = opt,
                    momentum = 0.5, seed = 3, verbose = FALSE, lr_schedule = "piecewise",
                    lr_drop_factor = 0.1, lr_drop_period = 1)
    expect_identical(f1$params, none$params)
    expect_identical(long$params, none$params)
    expect_identical(f1$history$loss, none$history$loss)
    expect_false(identical(drop$params, none$params))
  }
})

test_that("2 epochs of plain SGD at lr, lr/2 equal 1 epoch at lr continued for 1 at lr/2", {
  d <- sched_data()
  two <- rnn_fit(d$x, d$y, units = 4, epochs = 2, batch_size = 8, optimizer = "sgd",
                 lr = 0.05, shuffle = FALSE, seed = 7, verbose = FALSE,
                 lr_schedule = "piecewise", lr_drop_factor = 0.5, lr_drop_period = 1)
  one <- rnn_fit(d$x, d$y, units = 4, epochs = 1, batch_size = 8, optimizer = "sgd",
                 lr = 0.05, shuffle = FALSE, seed = 7, verbose = FALSE)
  cont <- rnn_fit(d$x, d$y, epochs = 1, batch_size = 8, optimizer = "sgd", lr = 0.025,
                  shuffle = FALSE, seed = 8, verbose = FALSE, model = one)
  expect_identical(two$params, cont$params)
  expect_identical(two$history$loss, c(one$history$loss, cont$history$loss))
  expect_identical(two$history$lr, c(0.05, 0.025))
})

test_that("the history records every epoch's rate; ensembles and the model record the schedule", {
  d <- sched_data()
  m <- rnn_fit(d$x, d$y, units = 4, epochs = 5, batch_size = 8, lr = 0.01, seed = 1,
               verbose = FALSE, lr_schedule = "piecewise", lr_drop_factor = 0.1,
               lr_drop_period = 2)
  expect_identical(m$history$lr, 0.01 * 0.1^c(0, 0, 1, 1, 2))
  expect_identical(m$training[c("lr_schedule", "lr_drop_factor", "lr_drop_period")],
                   list(lr_schedule = "piecewise", lr_drop_factor = 0.1, lr_drop_period = 2L))
  plain <- rnn_fit(d$x, d$y, units = 4, epochs = 2, batch_size = 8, seed = 1, verbose = FALSE)
  expect_null(plain$history$lr)
  expect_null(plain$training$lr_schedule)
  # every member of an ensemble trains on the schedule: member 2 alone
  # (its own seed) gives the ensemble's member 2
  e <- rnn_fit(d$x, d$y, units = 4, epochs = 3, batch_size = 8, seed = 4, verbose = FALSE,
               ensemble = 2, lr_schedule = "piecewise", lr_drop_factor = 0.5,
               lr_drop_period = 1)
  expect_identical(e$history$lr, 0.001 * c(1, 0.5, 0.25))
  m2 <- rnn_fit(d$x, d$y, units = 4, epochs = 3, batch_size = 8, seed = e$ensemble$seeds[2],
                verbose = FALSE, lr_schedule = "piecewise", lr_drop_factor = 0.5,
                lr_drop_period = 1)
  expect_identical(unname(e$params[, 2]), unname(m2$params))
  nos <- rnn_fit(d$x, d$y, units = 4, epochs = 3, batch_size = 8, seed = e$ensemble$seeds[2],
                 verbose = FALSE)
  expect_false(identical(unname(e$params[, 2]), unname(nos$params)))
  # a model file keeps the schedule
  f <- tempfile(fileext = ".rnnk")
  on.exit(unlink(f))
  rnn_save(m, f)
  back <- rnn_load(f)
  expect_identical(back$training[c("lr_schedule", "lr_drop_factor", "lr_drop_period")],
                   m$training[c("lr_schedule", "lr_drop_factor", "lr_drop_period")])
  expect_identical(back$history$lr, m$history$lr)
  # a checkpoint holds the rates of its epochs
  ck <- tempfile(fileext = ".rnnk")
  on.exit(unlink(ck), add = TRUE)
  mc <- rnn_fit(d$x, d$y, units = 4, epochs = 5, batch_size = 8, lr = 0.01, seed = 1,
                verbose = FALSE, lr_schedule = "piecewise", lr_drop_factor = 0.1,
                lr_drop_period = 2, checkpoint = ck, checkpoint_every = 3)
  expect_identical(mc$params, m$params)
  k3 <- rnn_load(ck)
  expect_identical(k3$history$lr, m$history$lr[1:3])
  expect_identical(k3$training$lr_schedule, "piecewise")
})

test_that("the schedule passes through windows and validation with early stopping", {
  d <- sched_data()
  m <- rnn_fit(d$x, d$y, units = 4, epochs = 6, batch_size = 8, seed = 2, verbose = FALSE,
               validation = 0.25, early_stopping = 2, lr_schedule = "piecewise",
               lr_drop_factor = 0.5, lr_drop_period = 3)
  expect_identical(m$history$lr, 0.001 * 0.5^((seq_len(nrow(m$history)) - 1) %/% 3))
  w <- rnn_windows(sin(seq_len(80) / 4), window = 6, horizon = 1)
  fw <- rnn_fit(w, units = 3, epochs = 3, seed = 1, verbose = FALSE,
                lr_schedule = "piecewise", lr_drop_factor = 0.5, lr_drop_period = 1)
  expect_identical(fw$history$lr, 0.001 * c(1, 0.5, 0.25))
})

test_that("bad schedules, factors and periods are rejected with classed errors", {
  d <- sched_data()
  fit <- function(...) rnn_fit(d$x, d$y, units = 2, epochs = 1, verbose = FALSE, ...)
  e <- expect_error(fit(lr_schedule = "piecewize"), class = "rnnkit_error_input")
  expect_match(conditionMessage(e), "Did you mean \"piecewise\"")
  expect_error(fit(lr_schedule = "cosine"), class = "rnnkit_error_input")
  expect_error(fit(lr_schedule = NA), class = "rnnkit_error_input")
  e <- expect_error(fit(lr_schedule = "piecewise", lr_drop_factor = 0), class = "rnnkit_error_input")
  expect_match(conditionMessage(e), "lr_drop_factor")
  expect_error(fit(lr_schedule = "piecewise", lr_drop_factor = 1.5), class = "rnnkit_error_input")
  expect_error(fit(lr_schedule = "piecewise", lr_drop_factor = NaN), class = "rnnkit_error_input")
  e <- expect_error(fit(lr_schedule = "piecewise", lr_drop_period = 0), class = "rnnkit_error_input")
  expect_match(conditionMessage(e), "lr_drop_period")
  expect_error(fit(lr_schedule = "piecewise", lr_drop_period = 1.5), class = "rnnkit_error_input")
})

test_that("print() and summary() show the schedule, and only when there is one", {
  d <- sched_data()
  m <- rnn_fit(d$x, d$y, units = 2, epochs = 2, seed = 1, verbose = FALSE,
               lr_schedule = "piecewise", lr_drop_factor = 0.5, lr_drop_period = 10)
  expect_match(paste(capture.output(print(m)), collapse = "\n"),
               "lr 0.001 piecewise x0.5 every 10 epochs, batch")
  expect_match(paste(capture.output(print(summary(m))), collapse = "\n"),
               "Learning-rate schedule: piecewise x0.5 every 10 epochs")
  plain <- rnn_fit(d$x, d$y, units = 2, epochs = 2, seed = 1, verbose = FALSE)
  expect_no_match(paste(capture.output(print(plain), print(summary(plain))), collapse = "\n"),
                  "piecewise|schedule")
})

test_that("the schedule trains single precision too, and the same bits on 1 and 2 threads", {
  d <- sched_data()
  fit <- function(...) {
    rnn_fit(d$x, d$y, units = 4, epochs = 4, batch_size = 8, seed = 6, verbose = FALSE, ...)
  }
  s_none <- fit(precision = "single")
  s_f1 <- fit(precision = "single", lr_schedule = "piecewise", lr_drop_factor = 1)
  s_drop <- fit(precision = "single", lr_schedule = "piecewise", lr_drop_factor = 0.5,
                lr_drop_period = 1)
  expect_identical(s_f1$params, s_none$params)
  expect_false(identical(s_drop$params, s_none$params))
  expect_identical(s_drop$history$lr, 0.001 * 0.5^(0:3))
  t1 <- fit(threads = 1, lr_schedule = "piecewise", lr_drop_factor = 0.5, lr_drop_period = 2)
  t2 <- fit(threads = 2, lr_schedule = "piecewise", lr_drop_factor = 0.5, lr_drop_period = 2)
  expect_identical(t1$params, t2$params)
})
