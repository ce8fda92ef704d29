# rnnkit's main job: an LSTM on real daily prices, with honest accuracy.
#
# The Dow Jones Industrial Average (bundled; see inst/extdata/README.md)
# is cut into 30-day windows of its Close; the last year (from
# 2015-04-20) is held out, and the z-score scaling is fitted on the
# earlier rows only.  An LSTM(16) learns the next day's Close; its
# one-step predictions on the held-out year are scored beside the naive
# forecast (tomorrow = today), which any price model must beat to be
# worth having.  A level model does not: it lags and drifts.  The same
# LSTM on daily log returns (transform = "logdiff"), five networks
# averaged (ensemble = 5), comes back in index points and is scored the
# same way, next to it.  That model forecasts the next 20 trading days
# with 80% and 95% intervals from 1000 simulated paths, drawn to a PNG.
#
# The PNG goes to the directory in the environment variable
# RNNKIT_DEMO_DIR (created if missing), else to tempdir(), which lasts as
# long as this R session; `make demo` sets RNNKIT_DEMO_DIR to a fresh
# directory under $TMPDIR (or DEMO_DIR=...), which outlives the demo.  The
# path is printed at the end.  Nothing is written to the working directory.
library(rnnkit)

px <- rnn_example_data()
split <- as.Date("2015-04-20")
w <- rnn_windows(px, target = "Close", features = "Close", window = 30, split = split,
                 scale = "zscore")
cat(sprintf("DJIA %s to %s, %d trading days\n", px$Date[1], px$Date[nrow(px)], nrow(px)))
print(w)

cat("\nTraining an LSTM(16) (Adam, batch 32, 60 epochs, validation on the latest 10%):\n")
fit <- rnn_fit(w, cell = "lstm", units = 16, epochs = 60, batch_size = 32, validation = 0.1,
               seed = 1, verbose = TRUE)
print(fit)

cat("\nOne-step predictions on the held-out year (index points):\n")
p <- predict(fit, w)
test <- p[p$set == "test", ]
print(tail(test[c("date", "actual", "predicted", "naive")], 8), row.names = FALSE, digits = 7)

cat("\nAccuracy on the", nrow(test), "test days:\n")
print(accuracy(fit))

cat("\nThe same LSTM(16) on daily log returns (transform = \"logdiff\"), five networks\n",
    "from seeds derived from seed 1 (ensemble = 5), 30 epochs each:\n", sep = "")
wr <- rnn_windows(px, target = "Close", features = "Close", window = 30, split = split,
                  scale = "zscore", transform = "logdiff")
fit_r <- rnn_fit(wr, cell = "lstm", units = 16, epochs = 30, batch_size = 32, validation = 0.1,
                 seed = 1, ensemble = 5, verbose = FALSE)
cat("\nAccuracy on the same test days, in index points:\n")
print(accuracy(fit_r))
test <- predict(fit_r, wr)
test <- test[test$set == "test", ]

cat("\n")
fc <- forecast(fit_r, h = 20, level = c(80, 95), npaths = 1000, seed = 1)
print(fc)

png_dir <- Sys.getenv("RNNKIT_DEMO_DIR")
if (!nzchar(png_dir)) png_dir <- tempdir()
dir.create(png_dir, showWarnings = FALSE, recursive = TRUE)
png_file <- file.path(normalizePath(png_dir, mustWork = TRUE), "rnnkit-forecast.png")
grDevices::png(png_file, width = 1000, height = 700, res = 110)
op <- graphics::par(mfrow = c(2, 1), mar = c(3, 4.5, 2.5, 1))
plot(fc, n_history = 120)
plot(test, main = "Held-out year: actual vs predicted Close (log-return model)")
graphics::par(op)
grDevices::dev.off()
cat("\nForecast and test-period plots written to", png_file, "\n")
