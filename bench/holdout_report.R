# Issue 15's stock target, measured on the HELD-OUT stocks
# (bench/HOLDOUT.md: chosen before any method was written; run this once,
# to measure, never to choose anything).  The setup of the issue: Close,
# window 30, LSTM(16), 30 epochs, seed 1, trained before 2017-01-01 and
# tested one step ahead over 2017.  Rows per stock:
#   - the level model (today's default, transform = "none");
#   - the recommended price workflow: transform = "logdiff" (log returns),
#     alone and with ensemble = 5;
#   - naive (the core's row: every ratio is to its test MSE) and drift;
#   - forecast::ets on the Close when the forecast package is installed:
#     fitted on the training days, then one step ahead over the test days
#     with its parameters and initial states fixed (ets(all days,
#     model = fit, use.initial.values = TRUE): filtering, no refit), as the
#     LSTM is scored.
# Each model's number is its test MSE divided by naive's; the target is a
# median ratio of at most 1.00 and at most 1.02 on every stock.
# Writes bench/holdout-results.md (--out).
#
#   Rscript bench/holdout_report.R [--stocks AMZN,CSCO,...] [--dir ../shared/data/djia]
#       [--epochs 30] [--out bench/holdout-results.md] [--lib path/to/library]
#
# Develop and test it ONLY with --stocks naming development stocks (IBM,
# AAPL, MSFT, GE, CAT) and an --out elsewhere.
opt <- list(stocks = "AMZN,CSCO,CVX,HD,INTC,JNJ,MCD,MRK,WMT,XOM", dir = "../shared/data/djia",
            epochs = "30", out = "bench/holdout-results.md", lib = "")
args <- commandArgs(trailingOnly = TRUE)
for (i in seq(1, length(args), by = 2)) {
  key <- sub("^--", "", args[i])
  if (!key %in% names(opt) || i == length(args)) stop("unknown or valueless option: ", args[i])
  opt[[key]] <- args[i + 1]
}
if (nzchar(opt$lib)) .libPaths(c(opt$lib, .libPaths()))
suppressMessages(library(rnnkit))
has_fc <- requireNamespace("forecast", quietly = TRUE)
stocks <- strsplit(opt$stocks, ",")[[1]]
epochs <- as.integer(opt$epochs)
split <- as.Date("2017-01-01")

# The LSTMs; add a workflow here and it gets its column.
models <- list(
  level = list(label = "level (default)", transform = "none", ensemble = 1),
  logdiff = list(label = "logdiff", transform = "logdiff", ensemble = 1),
  logdiff_e5 = list(label = "logdiff, ensemble 5", transform = "logdiff", ensemble = 5),
  # chosen on the development stocks by bench/stock_dev.R's pre-stated
  # rule, after this report's first run (see bench/holdout-results.md)
  zv = list(label = "logdiff, zscore, validation 0.2, early stop 5, ensemble 10",
            transform = "logdiff", scale = "zscore", ensemble = 10,
            fit = list(validation = 0.2, early_stopping = 5))
)

ets_mse <- function(y, ntr) {
  fit <- forecast::ets(y[seq_len(ntr)])
  one <- forecast::ets(y, model = fit, use.initial.values = TRUE)
  list(mse = mean((y - stats::fitted(one))[-seq_len(ntr)]^2), method = fit$method)
}

rows <- list()
for (s in stocks) {
  f <- list.files(opt$dir, pattern = paste0("^", s, "_.*\\.csv$"), full.names = TRUE)
  if (length(f) != 1) stop("no single file for ", s, " in ", opt$dir)
  df <- utils::read.csv(f)[c("Date", "Close")]
  df$Date <- as.Date(df$Date)
  df <- df[!is.na(df$Close), ]
  r <- list(stock = s)
  for (nm in names(models)) {
    m <- models[[nm]]
    w <- rnn_windows(df, target = "Close", features = "Close", window = 30, split = split,
                     transform = m$transform, scale = if (is.null(m$scale)) "minmax" else m$scale)
    t0 <- proc.time()[["elapsed"]]
    fit <- do.call(rnn_fit, c(list(w, units = 16, epochs = epochs, seed = 1, ensemble = m$ensemble,
                                   verbose = FALSE, threads = 1), m$fit))
    a <- accuracy(fit)
    r[[nm]] <- a$RMSE[1]^2
    if (nm == "level") {
      r$n <- a$n[1]
      r$naive <- a$RMSE[a$model == "naive"]^2
      r$drift <- a$RMSE[a$model == "drift"]^2
    } else if (a$n[1] != r$n || abs(a$RMSE[a$model == "naive"]^2 - r$naive) > 1e-9 * r$naive) {
      stop(s, ": the test rows of ", nm, " differ from the level model's")
    }
    r[[paste0(nm, "_secs")]] <- proc.time()[["elapsed"]] - t0
  }
  if (has_fc) {
    ntr <- sum(df$Date < split)
    if (nrow(df) - ntr != r$n) stop(s, ": ", nrow(df) - ntr, " test days for ets, ", r$n, " for the LSTM")
    e <- ets_mse(df$Close, ntr)
    r$ets <- e$mse
    r$ets_method <- e$method
  }
  rows[[s]] <- as.data.frame(r)
  cat(sprintf("%s: n %d, naive MSE %.4f; ratios %s\n", s, r$n, r$naive,
              paste(sprintf("%s %.4f", c(names(models), "drift", if (has_fc) "ets"),
                            unlist(r[c(names(models), "drift", if (has_fc) "ets")]) / r$naive),
                    collapse = ", ")))
}
res <- do.call(rbind, rows)
cols <- c(names(models), "drift", if (has_fc) "ets")
labels <- c(vapply(models, `[[`, "", "label"), drift = "drift", ets = "ets")[cols]
ratio <- sweep(as.matrix(res[cols]), 1, res$naive, "/")
med <- apply(ratio, 2, stats::median)
mx <- apply(ratio, 2, max)
f4 <- function(v) sprintf("%.4f", v)
target <- function(nm) sprintf("%s: median %.4f (target <= 1.00: %s), max %.4f (target <= 1.02: %s).",
                               labels[[nm]], med[[nm]], if (med[[nm]] <= 1) "met" else "NOT met",
                               mx[[nm]], if (mx[[nm]] <= 1.02) "met" else "NOT met")
out <- c(
  "# Held-out stocks: test MSE relative to the naive forecast (issue 15)", "",
  sprintf("Command (%s, %s, threads = 1):", format(Sys.Date()), R.version$platform), "",
  paste0("    Rscript bench/holdout_report.R ", paste(ifelse(grepl("[^A-Za-z0-9_./,=-]", args), shQuote(args), args), collapse = " ")), "",
  sprintf(paste0("Stocks: %s (bench/HOLDOUT.md). Close, window 30, LSTM(16), %d epochs, seed 1, minmax ",
                 "scaling (unless a column says zscore) fitted on the training rows, trained before 2017-01-01 and tested one step ahead ",
                 "over 2017 (%s test days). Each cell is the model's test MSE divided by the naive ",
                 "forecast's on the same days (below 1 beats naive); all errors in dollars, the core ",
                 "undoing the transform."), paste(stocks, collapse = " "), epochs,
          paste(unique(res$n), collapse = "/")),
  if (has_fc) paste0("ets: `forecast::ets` on the Close (model chosen by AICc on the training days), one ",
                     "step ahead over the test days with parameters and initial states fixed (no refit).")
  else "ets: not shown (the forecast package is not installed).", "",
  paste0("| stock | naive MSE | ", paste(labels, collapse = " | "), if (has_fc) " | ets model", " |"),
  paste0("|", strrep("---|", length(cols) + 2 + has_fc)),
  sprintf("| %s | %s | %s%s |", res$stock, f4(res$naive),
          apply(ratio, 1, function(v) paste(f4(v), collapse = " | ")),
          if (has_fc) paste0(" | ", res$ets_method) else ""),
  paste0("| median | | ", paste(f4(med), collapse = " | "), if (has_fc) " |", " |"),
  paste0("| max | | ", paste(f4(mx), collapse = " | "), if (has_fc) " |", " |"), "",
  vapply(names(models)[-1], target, ""), "",
  sprintf("Seconds per fit (median over the stocks): %s.",
          paste(sprintf("%s %.1f", labels[names(models)],
                        vapply(paste0(names(models), "_secs"), function(k) stats::median(res[[k]]), 0)),
                collapse = ", "))
)
print(round(ratio, 4))
cat(tail(out, length(models)), sep = "\n")
writeLines(out, opt$out)
cat("wrote", opt$out, "\n")
