# rnnkit's main job: an LSTM on real daily prices, with honest accuracy.
#
# The Dow Jones Industrial Average (bundled; see inst/extdata/README.md) is
# scaled with min-max statistics of the training period only, cut into
# 30-day windows of Open/High/Low/Close, and an LSTM(16) learns the next
# day's Close.  The last 250 trading days are held out: the model's
# one-step predictions are compared with the naive forecast (tomorrow =
# today), which any price model must beat to be worth having.
library(rnnkit)

px <- read.csv(system.file("extdata", "djia.csv", package = "rnnkit"))
px$Date <- as.Date(px$Date)
features <- c("Open", "High", "Low", "Close")
window <- 30
n_test <- 250
n_train_rows <- nrow(px) - n_test

# scaling fitted on the training rows only (no leakage from the test period)
lo <- vapply(px[seq_len(n_train_rows), features], min, 0)
hi <- vapply(px[seq_len(n_train_rows), features], max, 0)
scaled <- px
for (f in features) scaled[[f]] <- (px[[f]] - lo[[f]]) / (hi[[f]] - lo[[f]])
unscale <- function(v) v * (hi[["Close"]] - lo[["Close"]]) + lo[["Close"]]

w <- rnn_windows(scaled, window = window, target = "Close", features = features)
target_row <- w$meta$target_rows
train <- target_row <= n_train_rows
test <- !train
cat(sprintf("DJIA %s to %s: %d days; %d training windows, %d test windows (from %s)\n",
            px$Date[1], px$Date[nrow(px)], nrow(px), sum(train), sum(test),
            px$Date[n_train_rows + 1]))

set.seed(1)
t0 <- proc.time()[["elapsed"]]
fit <- rnn_fit(w$x[train, , , drop = FALSE], w$y[train], cell = "lstm", units = 16,
               epochs = 40, batch_size = 32, validation = 0.1, early_stopping = 8,
               verbose = FALSE)
secs <- proc.time()[["elapsed"]] - t0
cat(sprintf("\nTrained in %.1f s (%d epochs, best %d)\n", secs, nrow(fit$history),
            fit$status$best_epoch))
print(fit)

# one-step predictions on the held-out year, in index points
pred <- unscale(predict(fit, w$x[test, , , drop = FALSE]))
actual <- px$Close[target_row[test]]
naive <- px$Close[target_row[test] - 1]
acc <- function(f, a) {
  e <- a - f
  c(RMSE = sqrt(mean(e^2)), MAE = mean(abs(e)), MAPE = 100 * mean(abs(e / a)))
}
tab <- rbind(LSTM = acc(pred, actual), naive = acc(naive, actual))
cat("\nOne-step accuracy on the last", n_test, "trading days (index points; MAPE in %):\n")
print(round(tab, 2))
cat(if (tab["LSTM", "RMSE"] < tab["naive", "RMSE"]) "The LSTM beats the naive forecast.\n" else
  "The LSTM does NOT beat the naive forecast (tomorrow = today): use it with care.\n")

cat("\nLast 5 test days:\n")
k <- tail(seq_along(actual), 5)
print(data.frame(date = px$Date[target_row[test]][k], close = actual[k],
                 lstm = round(pred[k], 2), naive = naive[k]), row.names = FALSE)

# a recursive 10-day forecast from the end of the data: each predicted
# Close is fed back as the next day's Open/High/Low/Close (the model has
# no other view of the future), so its uncertainty grows with the horizon
h <- 10
last <- as.matrix(scaled[(nrow(px) - window + 1):nrow(px), features])
fc <- numeric(h)
for (i in seq_len(h)) {
  fc[i] <- predict(fit, array(last, c(1, window, length(features))))
  last <- rbind(last[-1, ], rep(fc[i], length(features)))
}
days <- seq(px$Date[nrow(px)] + 1, by = "day", length.out = 3 * h)
days <- days[!weekdays(days) %in% c("Saturday", "Sunday")][seq_len(h)]
cat("\nRecursive forecast of the next", h, "trading days (holidays ignored):\n")
print(data.frame(date = days, forecast = round(unscale(fc), 2)), row.names = FALSE)
