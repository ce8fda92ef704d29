# The Done-when pipeline of issue 17 over the five development stocks as
# keys: model(LSTM, ETS, NAIVE) |> forecast(h = 20) |> accuracy().
# Development series only (bench/HOLDOUT.md): IBM, AAPL, MSFT, GE, CAT.
#   R_LIBS=<lib with rnnkit and fable> Rscript bench/fable_stocks.R [data dir]
# Reads ../shared/data/djia/<SYMBOL>_2006-01-01_to_2018-01-01.csv.
suppressMessages({
  library(rnnkit)
  library(fable)
  library(tsibble)
  library(dplyr)
})
args <- commandArgs(TRUE)
dir <- if (length(args)) args[1] else "../shared/data/djia"
dev <- c("IBM", "AAPL", "MSFT", "GE", "CAT")
n_days <- 520
h <- 20
stocks <- bind_rows(lapply(dev, function(s) {
  px <- utils::read.csv(file.path(dir, paste0(s, "_2006-01-01_to_2018-01-01.csv")))
  px <- utils::tail(px[!is.na(px$Close), ], n_days)
  tibble(stock = s, Date = as.Date(px$Date), day = seq_len(nrow(px)), Close = px$Close)
})) |>
  as_tsibble(key = stock, index = day)
train <- stocks |> filter(day <= n_days - h)
set.seed(1)
t0 <- proc.time()[["elapsed"]]
fits <- train |>
  model(lstm = LSTM(log(Close) ~ window(30), units = 16, epochs = 20, seed = 1, verbose = FALSE),
        lstm_ret = LSTM(Close ~ window(30), transform = "logdiff", units = 16, epochs = 20,
                        seed = 1, verbose = FALSE),
        ets = ETS(Close),
        naive = NAIVE(Close))
fc <- fits |> forecast(h = h, times = 500)
secs <- proc.time()[["elapsed"]] - t0
acc <- fc |>
  accuracy(stocks, measures = list(RMSE = RMSE, MAE = MAE, MASE = MASE, CRPS = CRPS)) |>
  arrange(stock, RMSE)
print(acc, n = Inf)
cat("\nmean MASE and CRPS/naive CRPS by model over the", length(dev), "stocks:\n")
naive_crps <- acc |> filter(.model == "naive") |> select(stock, naive_crps = CRPS)
print(acc |> left_join(naive_crps, by = "stock") |> group_by(.model) |>
        summarise(MASE = mean(MASE), rel_CRPS = mean(CRPS / naive_crps)) |> arrange(MASE))
cat(sprintf("\nfit and forecast: %.0f s\n", secs))
