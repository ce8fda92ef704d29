# A character LSTM on tiny Shakespeare with rnnkit: the same data
# arrangement, model and optimizer as bench/charlm_torch.py, so the two
# can be compared (bench/charlm.sh runs both).
#
#   Rscript bench/charlm.R [path] [--epochs 3] [--embed 32] [--units 128]
#                          [--seq-len 100] [--batch 32] [--threads 2]
#                          [--max-chars N] [--precision double|single]
#                          [--lib DIR]
#
# Vocabulary: the sorted distinct characters of the whole file (indices
# 1..V, 0 is padding); the last floor(0.1 n) characters validate, the
# rest train; B streams, chunks of seq_len, the state carried across chunks
# (truncated BPTT), Adam lr 2e-3, gradients clipped to norm 5, float64
# (--precision single: float32, issue 19).
args <- commandArgs(trailingOnly = TRUE)
opt <- function(name, default) {
  k <- match(paste0("--", name), args)
  if (is.na(k)) default else args[k + 1]
}
path <- if (length(args) && !startsWith(args[1], "--")) args[1] else
  "../shared/data/tinyshakespeare.txt"
epochs <- as.integer(opt("epochs", 3))
embed <- as.integer(opt("embed", 32))
units <- as.integer(opt("units", 128))
seq_len <- as.integer(opt("seq-len", 100))
batch <- as.integer(opt("batch", 32))
threads <- as.integer(opt("threads", 2))
max_chars <- as.numeric(opt("max-chars", Inf))
precision <- opt("precision", "double")
lib <- opt("lib", NULL)
suppressPackageStartupMessages(library(rnnkit, lib.loc = lib))

text <- readChar(path, file.info(path)$size, useBytes = TRUE)
Encoding(text) <- "UTF-8"
tok <- rnn_tokenizer(text, level = "char") # the whole file's characters
if (is.finite(max_chars)) text <- substr(text, 1, max_chars)
ids <- rnn_encode(tok, text)[[1]]
n <- length(ids)
n_train <- n - floor(0.1 * n)
d <- rnn_text_data(ids, tokenizer = tok, seq_len = seq_len, batch_size = batch,
                   validation = 0.1)
stopifnot(d$n_tokens[["train"]] == n_train)

# unigram baseline: the training characters' distribution on the
# validation text, in bits per character
counts <- tabulate(ids[seq_len(n_train)], rnn_vocab_size(tok) - 1)
p <- (counts + 1e-12) / sum(counts + 1e-12)
val_ids <- ids[(n_train + 1):n]
unigram_bits <- -mean(log2(p[val_ids]))

t0 <- proc.time()[["elapsed"]]
fit <- rnn_fit(d, embed_dim = embed, units = units, epochs = epochs, lr = 0.002,
               clipnorm = 5, seed = 1, threads = threads, verbose = interactive(),
               precision = precision)
total <- proc.time()[["elapsed"]] - t0
h <- fit$history
cat(sprintf("rnnkit: vocab %d, %d training and %d validation characters, %d x %d chunks\n",
            rnn_vocab_size(tok) - 1, n_train, n - n_train, nrow(d$x), seq_len))
cat(sprintf("rnnkit: model Embedding(%d, %d) -> LSTM(%d) -> softmax, batch %d, threads %d, %s precision, BLAS %s, OPENBLAS_CORETYPE=%s\n",
            rnn_vocab_size(tok), embed, units, batch, threads, precision,
            basename(extSoftVersion()[["BLAS"]]), Sys.getenv("OPENBLAS_CORETYPE", "(unset)")))
for (e in seq_len(nrow(h))) {
  cat(sprintf("rnnkit: epoch %d train %.4f nats, val %.4f nats = %.4f bits/char, val acc %.3f\n",
              e, h$loss[e], h$val_loss[e], h$val_loss[e] / log(2), h$val_acc[e]))
}
cat(sprintf("RESULT rnnkit seconds_per_epoch %.2f val_bits_per_char %.4f unigram_bits %.4f peak_rss_mb %.0f\n",
            total / nrow(h), tail(h$val_loss, 1) / log(2), unigram_bits,
            as.numeric(sub(".*VmHWM:\\s*(\\d+).*", "\\1",
                           paste(readLines("/proc/self/status"), collapse = " "))) / 1024))
cat("rnnkit sample (temperature 0.8):\n")
cat(rnn_generate(fit, "ROMEO:", n = 300, temperature = 0.8, seed = 1), "\n")
