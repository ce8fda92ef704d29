# rnnkit's main job: an LSTM on real daily prices, with honest accuracy.
#
# The Dow Jones Industrial Average (bundled; see inst/extdata/README.md)
# is cut into 30-day windows of its Close; the last year (from
# 2015-04-20) is held out, and the z-score scaling is fitted on the
# earlier rows only.  An LSTM(16) learns the next day's Close; its
# one-step predictions on the held-out year are scored beside the naive
# forecast (tomorrow = today), which any price model must beat to be
# worth having.  A level model does not: it lags and drifts.  The
# recommended price workflow, the same LSTM on daily log returns
# (transform = "logdiff"), ten networks averaged (ensemble = 10), each
# stopped early on its latest training windows, comes back in index points
# and is scored the same way, next to it.  That model forecasts the next 20 trading days
# with 80% and 95% intervals from 1000 simulated paths, drawn to a PNG.
#
# Then the monthly workflow on the bundled airline passengers (1949-1960,
# the last 24 months held out): the level model, the level model with
# month-of-year features made by the core (calendar = "auto"), the
# 12-month differences (transform = "sdiff") and the seasonal differences
# of the log (c("log", "sdiff")), each scored beside naive, seasonal naive
# and drift; the last one forecasts the next 24 months.
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

cat("\nThe recommended price workflow: the same LSTM(16) on daily log returns\n",
    "(transform = \"logdiff\"), ten networks from seeds derived from seed 1 (ensemble = 10),\n",
    "each stopped early on the latest 20% of its training windows (validation = 0.2,\n",
    "early_stopping = 5):\n", sep = "")
wr <- rnn_windows(px, target = "Close", features = "Close", window = 30, split = split,
                  scale = "zscore", transform = "logdiff")
fit_r <- rnn_fit(wr, cell = "lstm", units = 16, epochs = 30, batch_size = 32, validation = 0.2,
                 early_stopping = 5, seed = 1, ensemble = 10, verbose = FALSE)
cat("\nAccuracy on the same test days, in index points:\n")
print(accuracy(fit_r))
test <- predict(fit_r, wr)
test <- test[test$set == "test", ]

cat("\n")
fc <- forecast(fit_r, h = 20, level = c(80, 95), npaths = 1000, seed = 1)
print(fc)

cat("\nThe monthly workflow: airline passengers 1949-1960, the last 24 months held out,\n",
    "LSTM(16), 100 epochs, test RMSE in thousands of passengers:\n", sep = "")
air <- rnn_example_data("air")
monthly <- list("level" = list(transform = "none", calendar = "none"),
                "level + month features" = list(transform = "none", calendar = "auto"),
                "sdiff" = list(transform = "sdiff", calendar = "none"),
                "log, then sdiff" = list(transform = c("log", "sdiff"), calendar = "none"))
rows <- NULL
for (nm in names(monthly)) {
  m <- monthly[[nm]]
  wm <- rnn_windows(air, target = "Passengers", window = 12, test = 24,
                    transform = m$transform, calendar = m$calendar)
  fit_m <- rnn_fit(wm, units = 16, epochs = 100, batch_size = 16, seed = 1, verbose = FALSE)
  a <- accuracy(fit_m)
  if (is.null(rows)) rows <- a[a$model != a$model[1], c("model", "RMSE", "MAE", "MAPE")]
  rows <- rbind(data.frame(model = nm, a[1, c("RMSE", "MAE", "MAPE")]), rows)
}
rows <- rows[c(rev(seq_along(monthly)), seq(length(monthly) + 1, nrow(rows))), ]
rows[c("RMSE", "MAE", "MAPE")] <- lapply(rows[c("RMSE", "MAE", "MAPE")], round, 2)
print(rows, row.names = FALSE)
cat("(MAPE in %; snaive = the value twelve months back, the baseline a monthly model must beat)\n")
fc_m <- forecast(fit_m, h = 24, level = c(80, 95), npaths = 1000, seed = 1)
cat("\n")
print(fc_m)

png_dir <- Sys.getenv("RNNKIT_DEMO_DIR")
if (!nzchar(png_dir)) png_dir <- tempdir()
dir.create(png_dir, showWarnings = FALSE, recursive = TRUE)
png_file <- file.path(normalizePath(png_dir, mustWork = TRUE), "rnnkit-forecast.png")
grDevices::png(png_file, width = 1000, height = 1000, res = 110)
op <- graphics::par(mfrow = c(3, 1), mar = c(3, 4.5, 2.5, 1))
plot(fc, n_history = 120)
plot(test, main = "Held-out year: actual vs predicted Close (log-return model)")
plot(fc_m, n_history = 72, main = "Airline passengers: 24-month forecast (log, then sdiff)")
graphics::par(op)
grDevices::dev.off()
cat("\nForecast and test-period plots written to", png_file, "\n")
