# Writes the benchmark's data sets, so rnnkit and PyTorch read the very same
# numbers: for each configuration <name>.x (samples x timesteps x features,
# column-major doubles) and <name>.y (samples, doubles), plus <name>.txt with
# "N T I". Real series come from ../shared/data (skipped cleanly if absent);
# the large configurations use synthetic data (a seeded random walk mix).
# Usage: Rscript make_data.R OUTDIR SHARED_DATA_DIR
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
shared <- args[2]
dir.create(out, showWarnings = FALSE, recursive = TRUE)

put <- function(name, x, y) {
  d <- dim(x)
  writeBin(as.double(x), file.path(out, paste0(name, ".x")), endian = "little")
  writeBin(as.double(y), file.path(out, paste0(name, ".y")), endian = "little")
  writeLines(paste(d, collapse = " "), file.path(out, paste0(name, ".txt")))
}
scale01 <- function(v) (v - min(v)) / (max(v) - min(v))
# windows of a matrix (rows = time) -> list(x = N x w x I, y = next value of column 1)
win <- function(m, w) {
  m <- as.matrix(m)
  n <- nrow(m) - w
  x <- array(0, c(n, w, ncol(m)))
  for (t in seq_len(w)) x[, t, ] <- m[t:(t + n - 1), ]
  list(x = x, y = m[(w + 1):(w + n), 1])
}
stock <- function(ticker, cols = "Open") {
  f <- file.path(shared, "djia", paste0(ticker, "_2006-01-01_to_2018-01-01.csv"))
  px <- utils::read.csv(f)
  m <- as.matrix(px[, cols, drop = FALSE])
  m <- m[stats::complete.cases(m), , drop = FALSE]
  apply(m, 2, scale01)
}

have_shared <- dir.exists(file.path(shared, "djia"))
if (have_shared) {
  w <- win(stock("IBM"), 30); put("stock", w$x, w$y)
  # 4x the windows: the same model on four stocks' windows stacked
  ws <- lapply(c("IBM", "AAPL", "MSFT", "GE"), function(s) win(stock(s), 30))
  x4 <- array(0, c(sum(vapply(ws, function(a) dim(a$x)[1], 1)), 30, 1))
  x4[, , 1] <- do.call(rbind, lapply(ws, function(a) a$x[, , 1]))
  put("stock_4n", x4, unlist(lapply(ws, `[[`, "y")))
  w <- win(stock("IBM"), 120); put("stock_4t", w$x, w$y)
  w <- win(stock("IBM", c("Open", "High", "Low", "Close")), 30); put("ohlc", w$x, w$y)
  # 10,000 windows for inference, from the four stocks (and their start)
  idx <- rep_len(seq_len(dim(x4)[1]), 10000)
  put("infer", x4[idx, , , drop = FALSE], unlist(lapply(ws, `[[`, "y"))[idx])
}
# Configuration 3 (retail LSTM(20)): a development series of the Australian
# retail panel (bench/HOLDOUT.md; the Canadian series is held out for
# forecast accuracy and never opened here): A3349348C, Queensland newspaper
# and book retailing, the first of retail_dev.R's 15 drawn series, its last
# 313 months (1992-12 to 2018-12), so that the shape stays the one timed
# before (301 windows of 12 steps, 1 feature).
aus <- file.path(shared, "aus_retail.csv")
if (file.exists(aus)) {
  r <- utils::read.csv(aus, stringsAsFactors = FALSE)
  r <- r[r$SeriesID == "A3349348C", ]
  v <- utils::tail(r$Turnover[order(r$Month)], 313)
  w <- win(scale01(v), 12); put("retail", w$x, w$y)
}
w <- win(sin(pi * 0.01 * (0:999)), 10); put("sine", w$x, w$y)
set.seed(42)
synth <- function(n, k) {
  m <- apply(matrix(rnorm(n * k), n), 2, cumsum)
  apply(m, 2, scale01)
}
w <- win(synth(1900, 32), 50); put("large", w$x[1:1850, , ], w$y[1:1850])
w <- win(synth(1900, 8), 50); put("gru", w$x[1:1850, , ], w$y[1:1850])
