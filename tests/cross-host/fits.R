# The fits the cross-host test runs in both R and Octave (fits.m mirrors
# this list option for option).  Data: 10-day windows of the bundled DJIA
# closing prices, min-max scaled on the whole series, next close as target.
cross_host_data <- function() {
  d <- utils::read.csv(system.file("extdata", "djia.csv", package = "rnnkit"))
  close <- d$Close[seq_len(400)]
  s <- (close - min(close)) / (max(close) - min(close))
  hl <- (d$High[seq_len(400)] - d$Low[seq_len(400)]) / 100
  m <- cbind(s, hl)
  N <- nrow(m) - 10
  x <- array(0, c(N, 10, 2))
  for (t in 1:10) x[, t, ] <- m[t - 1 + seq_len(N), ]
  list(x = x, y = s[10 + seq_len(N)])
}

cross_host_fits <- function(x, y) {
  list(
    rnn_fit(x, y, cell = "lstm", units = c(8, 4), epochs = 6, batch_size = 16,
            validation = 0.2, early_stopping = 3, clipnorm = 1, dropout = 0.1,
            seed = 42, verbose = FALSE),
    rnn_fit(x, y, cell = "gru", units = 6, epochs = 4, batch_size = 32,
            optimizer = "sgd", momentum = 0.9, loss = "mae", clipvalue = 0.5,
            seed = 2^40 + 7, verbose = FALSE),
    rnn_fit(x, y, cell = "simple", units = 5, activation = "relu", epochs = 3,
            batch_size = 8, optimizer = "rmsprop", lr = 0.005, shuffle = FALSE,
            recurrent_init = "identity", seed = 0, verbose = FALSE),
    # issue 19: a single-precision fit gives the same bits in both hosts
    rnn_fit(x, y, cell = "lstm", units = 12, epochs = 3, batch_size = 16,
            dropout = 0.1, seed = 19, precision = "single", verbose = FALSE),
    # a piecewise learning-rate schedule: the same rates and bits in both hosts
    rnn_fit(x, y, cell = "gru", units = 6, epochs = 5, batch_size = 16, optimizer = "sgd",
            momentum = 0.5, lr = 0.05, validation = 0.2, lr_schedule = "piecewise",
            lr_drop_factor = 0.5, lr_drop_period = 2, seed = 5, verbose = FALSE)
  )
}
