# The main job on one DJIA stock from ../shared/data/djia (not shipped):
# 30-day windows of the Close, the last year held out, LSTM(16), accuracy
# against the naive forecast and a 20-day forecast.
#
#   Rscript bench/djia_stock.R [SYMBOL] [path/to/djia]
library(rnnkit)
args <- commandArgs(trailingOnly = TRUE)
sym <- if (length(args) >= 1) args[1] else "IBM"
dir <- if (length(args) >= 2) args[2] else "../shared/data/djia"
file <- list.files(dir, pattern = paste0("^", sym, "_.*\\.csv$"), full.names = TRUE)[1]
px <- read.csv(file)
px$Date <- as.Date(px$Date)
cat(sprintf("%s: %d days, %s to %s; missing values: %d\n", sym, nrow(px), px$Date[1],
            px$Date[nrow(px)], sum(is.na(px[c("Open", "High", "Low", "Close")]))))
split <- px$Date[nrow(px)] - 365
w <- rnn_windows(px, target = "Close", features = "Close", window = 30, split = split,
                 scale = "zscore", na = "locf")
print(w)
fit <- rnn_fit(w, units = 16, epochs = 60, batch_size = 32, validation = 0.1, seed = 1,
               verbose = FALSE)
print(accuracy(fit))
print(forecast(fit, h = 5, seed = 1))
