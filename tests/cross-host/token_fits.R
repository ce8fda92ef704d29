# The token-model fits of the cross-host test (token_fits.m mirrors them
# option for option); the data are made by formulas both hosts evaluate
# exactly, and a UTF-8 text that both hosts' character tokenizers read.
token_data <- function() {
  i <- 1:16
  t <- 1:6
  x <- outer(i, t, function(i, t) (3 * i + 5 * t + i * t) %% 6 + 1)
  y_seq <- (x + i) %% 7                     # a label per step (0..6)
  x_pre <- x
  x_post <- x
  for (r in i) {
    k <- r %% 4                             # leading padding
    if (k > 0) x_pre[r, seq_len(k)] <- 0
    k <- r %% 3                             # trailing padding
    if (k > 0) x_post[r, 6 - seq_len(k) + 1] <- 0
  }
  j <- 1:400
  list(x_pre = x_pre, y_seq = y_seq, x_post = x_post, y_bin = i %% 2,
       stream = (j * j + 3 * j) %% 9 + 1,
       text = paste(rep("the cat sat on the mat, na\u00efve caf\u00e9!\n", 12), collapse = ""))
}

token_fits <- function() {
  d <- token_data()
  list(
    rnn_fit(d$x_pre, d$y_seq, cell = "gru", units = 5, embedding = c(7, 3),
            loss = "sparse_ce", classes = as.character(0:6), epochs = 4, batch_size = 4,
            validation = 0.25, lr = 0.01, seed = 3, verbose = FALSE),
    rnn_fit(d$x_post, d$y_bin, cell = "lstm", units = c(4, 3), embedding = c(7, 2),
            loss = "bce", epochs = 3, batch_size = 5, validation = 0.25, seed = 4,
            verbose = FALSE),
    rnn_fit(rnn_text_data(d$stream, seq_len = 6, batch_size = 3, validation = 0.2),
            embed_dim = 4, units = 6, epochs = 3, seed = 5, verbose = FALSE),
    rnn_fit(rnn_text_data(d$text, seq_len = 8, batch_size = 3, validation = 0.2),
            cell = "gru", embed_dim = 4, units = 8, epochs = 2, seed = 6, verbose = FALSE)
  )
}
