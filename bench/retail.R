# The seeds' retail-sales workflow on Statistics Canada's monthly retail
# trade (../shared/data, not shipped): LSTM(20) on 12-month windows of the
# unadjusted series, trained before 2011-01-01 and tested after, with
# epochs 100 vs 200 and window 6 vs 12 compared against the naive
# forecast.  Writes bench/retail-results.md, which the vignette quotes.
#
#   Rscript bench/retail.R [path/to/cansim-0800020-retail.csv]
library(rnnkit)
args <- commandArgs(trailingOnly = TRUE)
path <- if (length(args)) args[1] else "../shared/data/cansim-0800020-retail.csv"
raw <- read.csv(path, skip = 7, header = FALSE, stringsAsFactors = FALSE)
raw <- raw[grepl("^[A-Z][a-z]{2}-[0-9]{2}$", raw$V1), ]
retail <- data.frame(
  Date = as.Date(paste0("01-", raw$V1), format = "%d-%b-%y"),
  Sales = as.numeric(raw$V2) / 1e6 # billions of dollars
)
cat(sprintf("retail: %d months, %s to %s\n", nrow(retail), min(retail$Date), max(retail$Date)))

run <- function(window, epochs) {
  w <- rnn_windows(retail, target = "Sales", window = window, split = as.Date("2011-01-01"))
  t0 <- proc.time()[["elapsed"]]
  fit <- rnn_fit(w, units = 20, epochs = epochs, batch_size = 30, seed = 1, verbose = FALSE,
                 threads = 1)
  secs <- proc.time()[["elapsed"]] - t0
  a <- accuracy(fit)
  cat(sprintf("window %d, %d epochs: %.2f s\n", window, epochs, secs))
  data.frame(window = window, epochs = epochs, model = a$model,
             RMSE = round(a$RMSE, 3), MAE = round(a$MAE, 3), MAPE = round(a$MAPE, 2),
             MASE = round(a$MASE, 3))
}
res <- rbind(run(12, 100), run(12, 200), run(6, 100), run(6, 200))
print(res, row.names = FALSE)
out <- c(
  sprintf("Retail sales (billions of CAD), test %s to %s; run %s on %s.", "2011-01",
          format(max(retail$Date), "%Y-%m"), format(Sys.Date()), R.version$platform),
  "", "| window | epochs | model | RMSE | MAE | MAPE % | MASE |", "|---|---|---|---|---|---|---|",
  sprintf("| %d | %d | %s | %.3f | %.3f | %.2f | %.3f |", res$window, res$epochs,
          res$model, res$RMSE, res$MAE, res$MAPE, res$MASE)
)
writeLines(out, "bench/retail-results.md")
