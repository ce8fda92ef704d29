# Ensembles (issue 15) on development data only (bench/HOLDOUT.md): test
# MSE of ensemble = 1 and ensemble = 5 relative to the naive forecast's,
# the issue's setup: Close, window 30, LSTM(16), 30 epochs, the last year
# held out (2017 for the stocks; the last 250 windows of the bundled
# DJIA index), minmax scaling, seed 1.
#
# Second table: the same LSTM on the daily differences of the Close,
# undone by hand (the issue's "differences" row; the target transforms of
# issue 15 will do this in the core): the level forecast last + predicted
# change has error change - predicted change, and the naive forecast's
# error is the change itself, so the ratio is
# mean((d - dhat)^2) / mean(d^2) over the test windows.
#
#   Rscript bench/ensemble.R [path/to/djia] [epochs]
suppressMessages(library(rnnkit))
args <- commandArgs(trailingOnly = TRUE)
dir <- if (length(args) >= 1) args[1] else "../shared/data/djia"
epochs <- if (length(args) >= 2) as.integer(args[2]) else 30L
dev <- c("IBM", "AAPL", "MSFT", "GE", "CAT") # never the held-out stocks
series <- list(DJIA = {
  d <- read.csv(system.file("extdata", "djia.csv", package = "rnnkit"))
  d$Date <- as.Date(d$Date)
  list(data = d[c("Date", "Close")], split = NULL, test = 250)
})
for (s in dev) {
  f <- list.files(dir, pattern = paste0("^", s, "_.*\\.csv$"), full.names = TRUE)[1]
  d <- read.csv(f)
  d$Date <- as.Date(d$Date)
  series[[s]] <- list(data = d[c("Date", "Close")], split = as.Date("2017-01-01"), test = NULL)
}
rows <- list()
for (nm in names(series)) {
  s <- series[[nm]]
  w <- rnn_windows(s$data, target = "Close", features = "Close", window = 30, split = s$split,
                   test = s$test, na = "locf")
  for (k in c(1L, 5L)) {
    t0 <- proc.time()[["elapsed"]]
    fit <- rnn_fit(w, units = 16, epochs = epochs, seed = 1, ensemble = k, verbose = FALSE)
    a <- accuracy(fit)
    # the same on daily differences, undone by hand
    dd <- data.frame(Date = s$data$Date[-1], dClose = diff(s$data$Close))
    wd <- rnn_windows(dd, target = "dClose", features = "dClose", window = 30, split = s$split,
                      test = if (is.null(s$test)) NULL else s$test - 1L, na = "locf")
    fd <- rnn_fit(wd, units = 16, epochs = epochs, seed = 1, ensemble = k, verbose = FALSE)
    pd <- predict(fd, wd)
    pd <- pd[pd$set == "test" & !is.na(pd$actual), ]
    rows[[length(rows) + 1]] <- data.frame(series = nm, ensemble = k, n_test = a$n[1],
                                           mse_model = a$RMSE[1]^2, mse_naive = a$RMSE[2]^2,
                                           ratio = a$RMSE[1]^2 / a$RMSE[2]^2,
                                           diff_n = nrow(pd),
                                           diff_ratio = mean((pd$actual - pd$predicted)^2) /
                                             mean(pd$actual^2),
                                           seconds = round(proc.time()[["elapsed"]] - t0, 1))
    print(rows[[length(rows)]], row.names = FALSE)
  }
}
res <- do.call(rbind, rows)
cat("\nTest MSE relative to the naive forecast: ratio = level model, diff_ratio = model of daily\n",
    "differences undone by hand\n", sep = "")
print(res, row.names = FALSE, digits = 4)
med <- aggregate(cbind(ratio, diff_ratio) ~ ensemble, res, median)
cat("\nMedians over the", length(series), "series:\n")
print(med, row.names = FALSE, digits = 4)
