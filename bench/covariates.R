# issue 15, covariates: do month-of-year features help an LSTM on a
# monthly series?  Development data only (bench/HOLDOUT.md): the bundled
# airline series (rnn_example_data("air"), last 24 months held out) and,
# if given, series of aus_retail.  For each setup and seed: the model is
# fit on the rows before the hold-out and forecasts the 24 held-out months
# recursively from that origin (h = 24, point forecast); RMSE against the
# actual values, beside naive (last value) and snaive (the last 12 months
# repeated).  Also the one-step test RMSE of accuracy() on the same
# months (model; naive; snaive).
#   R_LIBS=<lib> Rscript bench/covariates.R [seeds] [epochs] [aus_retail.csv]
args <- commandArgs(trailingOnly = TRUE)
seeds <- if (length(args) >= 1) as.integer(args[1]) else 3L
epochs <- if (length(args) >= 2) as.integer(args[2]) else 100L
suppressMessages(library(rnnkit))
rmse <- function(a, b) sqrt(mean((a - b)^2))

one_series <- function(df, name, H = 24) {
  n <- nrow(df)
  train <- df[seq_len(n - H), ]
  actual <- df[[2]][(n - H + 1):n]
  last <- train[[2]][nrow(train)]
  snaive <- rep(tail(train[[2]], 12), length.out = H)
  rows <- list()
  for (tf in c("none", "sdiff")) for (cal in c("none", "auto")) {
    r <- r1 <- numeric(seeds)
    for (s in seq_len(seeds)) {
      w <- rnn_windows(df, window = 12, test = H, transform = tf, calendar = cal)
      fit <- rnn_fit(w, cell = "lstm", units = 16, epochs = epochs, seed = s, verbose = FALSE)
      a <- accuracy(fit)
      r1[s] <- a$RMSE[1]
      wt <- rnn_windows(train, window = 12, transform = tf, calendar = cal)
      ft <- rnn_fit(wt, cell = "lstm", units = 16, epochs = epochs, seed = s, verbose = FALSE)
      r[s] <- rmse(forecast(ft, h = H, level = NULL)$mean, actual)
    }
    rows[[length(rows) + 1]] <- data.frame(
      series = name, transform = tf, calendar = cal,
      h24_rmse = mean(r), h24_sd = stats::sd(r), h24_naive = rmse(last, actual), h24_snaive = rmse(snaive, actual),
      step1_rmse = mean(r1), step1_sd = stats::sd(r1), step1_naive = a$RMSE[a$model == "naive"],
      step1_snaive = a$RMSE[a$model == "snaive"])
  }
  do.call(rbind, rows)
}

air <- rnn_example_data("air")
res <- one_series(air, "air")
if (length(args) >= 3) {
  ar <- utils::read.csv(args[3], stringsAsFactors = FALSE)
  ids <- c("A3349849A", "A3349790V") # two dev series: ACT cafes, NSW department stores
  for (id in ids) {
    d <- ar[ar$SeriesID == id, c("Month", "Turnover")]
    if (!nrow(d)) next
    d <- data.frame(Date = as.Date(paste0(d$Month, "-01")), Turnover = d$Turnover)
    d <- d[d$Date >= as.Date("2011-01-01"), ]
    res <- rbind(res, one_series(d, id))
  }
}
cat(sprintf("seeds %d, epochs %d, LSTM(16), window 12, last 24 months held out\n", seeds, epochs))
print(format(res, digits = 4), row.names = FALSE)
