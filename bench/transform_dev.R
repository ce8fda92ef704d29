# Issue 15, target transforms: test MSE of an LSTM on levels, daily
# differences and log returns, relative to the naive forecast, on the
# DEVELOPMENT stocks only (bench/HOLDOUT.md: IBM AAPL MSFT GE CAT) and the
# bundled DJIA index. Close, window 30, LSTM(16), 30 epochs, 2017 held out
# (the bundled series ends in April 2016: its last 250 windows).
#   Rscript bench/transform_dev.R [../shared/data/djia] [epochs] [scale]
# Never point it at the held-out stocks.
suppressMessages(library(rnnkit))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "../shared/data/djia"
epochs <- if (length(args) >= 2) as.integer(args[2]) else 30L
scale <- if (length(args) >= 3) args[3] else "minmax"
dev <- c("IBM", "AAPL", "MSFT", "GE", "CAT")
one <- function(df, split, test) {
  sapply(c("none", "diff", "logdiff"), function(tf) {
    w <- rnn_windows(df, target = "Close", features = "Close", window = 30, split = split,
                     test = test, transform = tf, scale = scale)
    m <- rnn_fit(w, units = 16, epochs = epochs, seed = 1, verbose = FALSE)
    a <- accuracy(m)
    (a$RMSE[1] / a$RMSE[2])^2 # test MSE of the model / the naive forecast's
  })
}
res <- list()
for (s in dev) {
  f <- list.files(dir, paste0("^", s, "_"), full.names = TRUE)
  df <- utils::read.csv(f)[c("Date", "Close")]
  df$Date <- as.Date(df$Date)
  df <- df[!is.na(df$Close), ]
  res[[s]] <- one(df, as.Date("2017-01-01"), NULL)
  print(round(res[[s]], 4))
}
dj <- utils::read.csv(system.file("extdata", "djia.csv", package = "rnnkit"))[c("Date", "Close")]
dj$Date <- as.Date(dj$Date)
res[["DJIA (bundled)"]] <- one(dj, NULL, 250)
tab <- do.call(rbind, res)
cat("\nTest MSE / naive test MSE (Close, window 30, LSTM(16), ", epochs, " epochs, seed 1, scale ",
    scale, ")\n", sep = "")
print(round(tab, 4))
cat("median over the five stocks: ", paste(names(tab[1, ]), round(apply(tab[dev, ], 2, median), 4),
                                           collapse = ", "), "\n")
