# The retail-sales report the vignette quotes (issue 15): Statistics
# Canada's monthly retail trade (../shared/data, not shipped), unadjusted,
# trained before 2011-01-01 and tested one step ahead from 2011-01 on.
# For each (window, epochs) setting it compares
#   - the level model, today's default: LSTM(20) on the sales themselves;
#   - the monthly recipe found on development data (bench/retail_dev.R,
#     never on this series): the same LSTM on 12-month differences,
#     transform = "sdiff", alone and as an ensemble of 5 seeds;
#   - the naive, seasonal naive and drift rows of the core's accuracy table;
#   - forecast::ets when the forecast package is installed: fitted on the
#     training months, then one step ahead over the test months with its
#     parameters and initial states fixed (ets(all months, model = fit,
#     use.initial.values = TRUE): filtering, no refit), as the LSTM is scored.
# Writes bench/retail-results.md (--out), which the vignette quotes.
#
#   Rscript bench/retail.R [path/to/cansim-0800020-retail.csv] [--settings 12x100,12x200,6x100,6x200]
#       [--out bench/retail-results.md] [--unit "billions of CAD"] [--lib path/to/library]
#
# The file format: seven lines of preamble, then rows "Mon-YY",value with
# the value in thousands of dollars (divided by 1e6: billions).
opt <- list(settings = "12x100,12x200,6x100,6x200", out = "bench/retail-results.md",
            unit = "billions of CAD", lib = "")
path <- "../shared/data/cansim-0800020-retail.csv"
args <- commandArgs(trailingOnly = TRUE)
i <- 1
while (i <= length(args)) {
  if (startsWith(args[i], "--")) {
    key <- sub("^--", "", args[i])
    if (!key %in% names(opt) || i == length(args)) stop("unknown or valueless option: ", args[i])
    opt[[key]] <- args[i + 1]
    i <- i + 2
  } else {
    path <- args[i]
    i <- i + 1
  }
}
if (nzchar(opt$lib)) .libPaths(c(opt$lib, .libPaths()))
suppressMessages(library(rnnkit))
has_fc <- requireNamespace("forecast", quietly = TRUE)

raw <- read.csv(path, skip = 7, header = FALSE, stringsAsFactors = FALSE)
raw <- raw[grepl("^[A-Z][a-z]{2}-[0-9]{2}$", raw$V1), ]
retail <- data.frame(
  Date = as.Date(paste0("01-", raw$V1), format = "%d-%b-%y"),
  Sales = as.numeric(raw$V2) / 1e6
)
split <- as.Date("2011-01-01")
cat(sprintf("retail: %d months, %s to %s\n", nrow(retail), min(retail$Date), max(retail$Date)))
settings <- do.call(rbind, lapply(strsplit(strsplit(opt$settings, ",")[[1]], "x"), function(s)
  data.frame(window = as.integer(s[1]), epochs = as.integer(s[2]))))

# The LSTMs: add a recipe here (e.g. transform = c("log", "sdiff") once the
# core offers it) and it gets its rows in every setting.
recipes <- list(
  list(label = "LSTM(20), level (default)", transform = "none", ensemble = 1),
  list(label = "LSTM(20), sdiff", transform = "sdiff", ensemble = 1),
  list(label = "LSTM(20), sdiff, ensemble 5", transform = "sdiff", ensemble = 5)
)

row <- function(window, epochs, model, a, secs = NA_real_) {
  data.frame(window = window, epochs = epochs, model = model, RMSE = a$RMSE, MAE = a$MAE,
             MAPE = a$MAPE, MASE = a$MASE, n = a$n, seconds = secs)
}

# ETS, one step ahead over the test months; its MASE uses the scale of the
# core's accuracy table (the in-sample seasonal naive MAE), passed in.
ets_row <- function(mase_scale) {
  ntr <- sum(retail$Date < split)
  first <- retail$Date[1]
  full <- stats::ts(retail$Sales, frequency = 12,
                    start = c(as.integer(format(first, "%Y")), as.integer(format(first, "%m"))))
  fit <- forecast::ets(stats::window(full, end = stats::time(full)[ntr]))
  one <- forecast::ets(full, model = fit, use.initial.values = TRUE)
  e <- (full - stats::fitted(one))[-seq_len(ntr)]
  y <- retail$Sales[-seq_len(ntr)]
  list(model = sprintf("ets %s", sub("^ETS", "", fit$method)), a = list(
    RMSE = sqrt(mean(e^2)), MAE = mean(abs(e)), MAPE = 100 * mean(abs(e / y)),
    MASE = mean(abs(e)) / mase_scale, n = length(e)))
}

rows <- list()
ets <- NULL
for (k in seq_len(nrow(settings))) {
  window <- settings$window[k]
  epochs <- settings$epochs[k]
  base <- NULL
  for (r in recipes) {
    w <- rnn_windows(retail, target = "Sales", window = window, split = split,
                     transform = r$transform)
    t0 <- proc.time()[["elapsed"]]
    fit <- rnn_fit(w, units = 20, epochs = epochs, batch_size = 30, seed = 1,
                   ensemble = r$ensemble, verbose = FALSE, threads = 1)
    secs <- proc.time()[["elapsed"]] - t0
    a <- accuracy(fit)
    cat(sprintf("window %d, %d epochs, %s: %.2f s\n", window, epochs, r$label, secs))
    rows[[length(rows) + 1]] <- row(window, epochs, r$label, a[1, ], secs)
    if (is.null(base)) base <- a
  }
  for (b in c("naive", "snaive", "drift")) rows[[length(rows) + 1]] <-
    row(window, epochs, b, base[base$model == b, ])
  if (has_fc) {
    if (is.null(ets)) ets <- ets_row(base$MAE[1] / base$MASE[1])
    rows[[length(rows) + 1]] <- row(window, epochs, ets$model, ets$a)
  }
}
res <- do.call(rbind, rows)
print(res, row.names = FALSE, digits = 4)

verdict <- function(lab) {
  m <- res[res$model == lab, ]
  sn <- res$RMSE[res$model == "snaive"]
  et <- if (has_fc) res$RMSE[startsWith(res$model, "ets")] else NULL
  sprintf("%s: below seasonal naive's RMSE in %d of %d settings%s.", lab, sum(m$RMSE < sn), nrow(m),
          if (has_fc) sprintf(", at or below ets's in %d of %d", sum(m$RMSE <= et), nrow(m)) else "")
}
f <- function(v, d) ifelse(is.na(v), "", formatC(v, format = "f", digits = d))
out <- c(
  "# Monthly retail sales: level model, the monthly recipe, baselines and ETS (issue 15)", "",
  sprintf("Retail sales (%s), trained before 2011-01, tested one step ahead %s to %s (%d months); run %s on %s, threads = 1:",
          opt$unit, "2011-01", format(max(retail$Date), "%Y-%m"), sum(retail$Date >= split),
          format(Sys.Date()), R.version$platform), "",
  paste0("    Rscript bench/retail.R ", paste(ifelse(grepl("[^A-Za-z0-9_./,=-]", args), shQuote(args), args), collapse = " ")), "",
  "LSTM(20), batch 30, seed 1, minmax scaling fitted on the training rows; `sdiff` = `transform = \"sdiff\"`",
  "(12-month differences, period from the monthly dates; the core adds the value 12 months back),",
  "the recipe chosen on development series only (bench/retail_dev-results.md). naive, snaive, drift:",
  "the core's baseline rows. MASE is scaled by the in-sample seasonal naive MAE.",
  if (has_fc) c("ets: `forecast::ets` fitted on the training months (model chosen by AICc), then one step",
                "ahead over the test months with parameters and initial states fixed (no refit).")
  else "ets: not shown (the forecast package is not installed).", "",
  "| window | epochs | model | RMSE | MAE | MAPE % | MASE | seconds |", "|---|---|---|---|---|---|---|---|",
  sprintf("| %d | %d | %s | %s | %s | %s | %s | %s |", res$window, res$epochs, res$model,
          f(res$RMSE, 3), f(res$MAE, 3), f(res$MAPE, 2), f(res$MASE, 3), f(res$seconds, 1)), "",
  vapply(vapply(recipes, `[[`, "", "label"), verdict, "")
)
writeLines(out, opt$out)
cat(tail(out, length(recipes)), sep = "\n")
cat("wrote", opt$out, "\n")
