# Writes the seed corpus of the model-file fuzzer (tests/fuzz/corpus_modelfile):
# valid files of every cell and record type, and broken ones (truncated,
# bit-flipped, foreign).  Run from the repository root with rnnkit installed.
library(rnnkit)
dir <- "tests/fuzz/corpus_modelfile"
dir.create(dir, showWarnings = FALSE)
save_to <- function(m, name) rnn_save(m, file.path(dir, name))
save_to(rnn_model("simple", units = 2, seed = 1), "valid_simple")
save_to(rnn_model("lstm", units = c(2, 2), n_in = 2, seed = 2), "valid_lstm2")
save_to(rnn_model("gru", units = 1, n_out = 3, output_activation = "softmax",
                  return_sequences = TRUE, seed = 3), "valid_gru_seq")
s <- sin(pi * 0.05 * (0:59))
fit <- rnn_fit(rnn_windows(s, window = 4), cell = "gru", units = 2, epochs = 2,
               batch_size = 8, seed = 4, validation = 0.2)
save_to(fit, "valid_fit")
m <- rnn_model("lstm", units = 1, seed = 5)
m$extra <- list(f = factor(c("a", NA)), d = as.Date("2016-01-04"), n = NULL,
                e = list(), u = list(1L, "x"), v = c(a = 1, b = NA), s = c("\u00e9", NA),
                l = c(TRUE, NA), df = data.frame(x = 1:2))
save_to(m, "valid_types")
b <- readBin(file.path(dir, "valid_lstm2"), "raw", file.size(file.path(dir, "valid_lstm2")))
writeBin(b[1:60], file.path(dir, "broken_truncated"))
x <- b
x[70] <- xor(x[70], as.raw(4))
writeBin(x, file.path(dir, "broken_bitflip"))
x <- b
x[9] <- as.raw(2)
writeBin(x, file.path(dir, "broken_version"))
writeBin(charToRaw("Date,Open,High,Low,Close\n"), file.path(dir, "broken_foreign"))
