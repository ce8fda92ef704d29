# Text classification with rnnkit: which of ROMEO and JULIET speaks a line
# of tiny Shakespeare?  Words -> embedding -> LSTM -> sigmoid, binary
# cross-entropy, accuracy reported during training; the held-out lines
# (split by turn, bench/speakers_data.R) give the real test.
#
#   Rscript bench/speakers.R [path/to/tinyshakespeare.txt] [--lib DIR]
args <- commandArgs(trailingOnly = TRUE)
k <- match("--lib", args)
lib <- if (is.na(k)) NULL else args[k + 1]
path <- if (length(args) && !startsWith(args[1], "--")) args[1] else
  "../shared/data/tinyshakespeare.txt"
suppressPackageStartupMessages(library(rnnkit, lib.loc = lib))
source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(), value = TRUE)[1])),
                 "speakers_data.R"))
d <- speaker_data(path)
train <- d[d$set == "train", ]
test <- d[d$set == "test", ]
tok <- rnn_tokenizer(train$text, level = "word", lower = TRUE, oov = "<unk>")
maxlen <- 16
enc <- function(txt) rnn_pad_sequences(rnn_encode(tok, txt), maxlen = maxlen)
x <- enc(train$text)
xt <- enc(test$text)
y <- as.double(train$speaker == "JULIET")
yt <- as.double(test$speaker == "JULIET")
cat(sprintf("speakers: %d training and %d test lines, vocabulary %d words, maxlen %d\n",
            nrow(x), nrow(xt), length(tok$vocab), maxlen))
t0 <- proc.time()[["elapsed"]]
fit <- rnn_fit(x, y, embedding = c(rnn_vocab_size(tok), 32), units = 32, loss = "bce",
               epochs = 15, batch_size = 32, lr = 0.003, dropout = 0,
               validation = list(x = xt, y = yt), seed = 1, verbose = interactive())
secs <- proc.time()[["elapsed"]] - t0
h <- fit$history
for (e in seq_len(nrow(h))) {
  cat(sprintf("speakers: epoch %2d loss %.4f acc %.3f | test loss %.4f acc %.3f\n",
              e, h$loss[e], h$acc[e], h$val_loss[e], h$val_acc[e]))
}
p <- predict(fit, xt)
acc <- mean((p >= 0.5) == (yt == 1))
best <- which.max(h$val_acc)
cat(sprintf("RESULT speakers test_accuracy %.3f (epoch %d: %.3f; majority class %.3f) train_accuracy %.3f seconds %.1f\n",
            acc, best, h$val_acc[best], max(mean(yt), 1 - mean(yt)), tail(h$acc, 1), secs))
