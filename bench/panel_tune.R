# Issue 16: the 12-step variants of the global aus_retail model tried on
# this development panel (bench/panel-results.md lists them, the kept and
# the rejected), on bench/panel.R's splits and MASE: 148 series observed
# through 2018-12, training rows before 2017-01, 12-step forecasts from
# 2016-12 of each key from its training rows with its own embedding.
#   R_LIBS=... Rscript bench/panel_tune.R <variant>     (names below)
#   R_LIBS=... Rscript bench/panel_tune.R <variant> [val] [seed=N]
# "val" scores on a validation year inside the training rows instead: the
# rows after 2016-12 are dropped, training rows before 2016-01, 12-step
# forecasts from 2015-12 of 2016 (how Box-Cox's lambda was chosen).
suppressMessages(library(rnnkit))
a <- commandArgs(TRUE)
name <- a[1]
d <- utils::read.csv(file.path(Sys.getenv("RNNKIT_SHARED_DATA", "../shared/data"), "aus_retail.csv"), stringsAsFactors = FALSE)
d <- data.frame(Date = as.Date(paste0(d$Month, "-01")), SeriesID = d$SeriesID, Turnover = d$Turnover)
last <- tapply(as.numeric(d$Date), d$SeriesID, max)
keys <- unique(d$SeriesID); keys <- keys[last[keys] >= as.numeric(as.Date("2018-12-01"))]
d <- d[d$SeriesID %in% keys, ]
split <- as.Date("2017-01-01")
# "seed=N": the fit's seed (1 unless given), to see the spread over seeds
seed <- if (any(grepl("^seed=", a))) as.integer(sub("^seed=", "", grep("^seed=", a, value = TRUE)[1])) else 1
if (seed != 1) name <- paste0(name, " (seed ", seed, ")")
if ("val" %in% a[-1]) {
  d <- d[d$Date < split, ]
  split <- as.Date("2016-01-01")
  name <- paste(name, "(validation 2016)")
}
mase <- function(a, f, y, m) mean(abs(a - f)) / mean(abs(diff(y, lag = m)))
cfgs <- list(
  base = list(h = 1, tr = c("log", "sdiff"), emb = NULL, ens = 1, units = 16, epochs = 20, window = 12),
  emb4 = list(h = 1, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 20, window = 12),
  dir = list(h = 12, tr = c("log", "sdiff"), emb = NULL, ens = 1, units = 16, epochs = 20, window = 12),
  diremb = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 20, window = 12),
  dirlog = list(h = 12, tr = "log", emb = 4, ens = 1, units = 16, epochs = 20, window = 24),
  dirw24 = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 20, window = 24),
  direns = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 5, units = 16, epochs = 20, window = 12),
  dirmae = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 20, window = 12, loss = "mae"),
  direarly = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 40, window = 12, val = 0.2),
  maee10ens5 = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 5, units = 16, epochs = 10, window = 12, loss = "mae"),
  maee8 = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 8, window = 12, loss = "mae"),
  w36 = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 20, window = 36),
  w24u32 = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 32, epochs = 20, window = 24),
  dirw24mae = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 20, window = 24, loss = "mae"),
  # session of 2026-12-06, 18:42-19:05: variations of w24u32 (the kept one: w24u32bcens5)
  w24u32z = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 32, epochs = 20, window = 24, scale = "zscore"),
  w24u32bc = list(h = 12, tr = c("boxcox", "sdiff"), lambda = 0.5, emb = 4, ens = 1, units = 32, epochs = 20, window = 24),
  w24u32bc25 = list(h = 12, tr = c("boxcox", "sdiff"), lambda = 0.25, emb = 4, ens = 1, units = 32, epochs = 20, window = 24),
  w24u32bc75 = list(h = 12, tr = c("boxcox", "sdiff"), lambda = 0.75, emb = 4, ens = 1, units = 32, epochs = 20, window = 24),
  w24u32bc1 = list(h = 12, tr = c("boxcox", "sdiff"), lambda = 1, emb = 4, ens = 1, units = 32, epochs = 20, window = 24),
  w24u32bcens5 = list(h = 12, tr = c("boxcox", "sdiff"), lambda = 0.5, emb = 4, ens = 5, units = 32, epochs = 20, window = 24),
  w24u32e8 = list(h = 12, tr = c("log", "sdiff"), emb = 8, ens = 1, units = 32, epochs = 20, window = 24),
  w24u32ep40 = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 32, epochs = 40, window = 24),
  # the fairness row: per-series LSTMs (rnn_fit_many, bench/panel.R's
  # per-series recipe: 100 epochs, batch 16, seeds 1..148) with the frozen
  # global model's head, window, transform and units
  perseries = list(h = 12, tr = c("log", "sdiff"), units = 32, epochs = 100, window = 24, many = TRUE),
  perseriesbc = list(h = 12, tr = c("boxcox", "sdiff"), lambda = 0.5, units = 32, epochs = 100, window = 24, many = TRUE)
)
cfg <- cfgs[[a[1]]]
t0 <- proc.time()[["elapsed"]]
sc <- if (is.null(cfg$scale)) "minmax" else cfg$scale
if (isTRUE(cfg$many)) {
  per_w <- lapply(keys, function(k) rnn_windows(d[d$SeriesID == k, c("Date", "Turnover")], target = "Turnover",
                                               window = cfg$window, horizon = cfg$h, split = split,
                                               transform = cfg$tr, lambda = cfg$lambda, scale = sc))
  many <- rnn_fit_many(per_w, units = cfg$units, epochs = cfg$epochs, batch_size = 16,
                       seed = seq_along(per_w), parallel = FALSE, verbose = FALSE)
  names(many) <- keys
} else {
w <- suppressMessages(rnn_windows(d, key = "SeriesID", target = "Turnover", window = cfg$window, horizon = cfg$h,
                 split = split, transform = cfg$tr, lambda = cfg$lambda, scale = sc))
fit <- rnn_fit(w, units = cfg$units, epochs = cfg$epochs, batch_size = 64, seed = seed, verbose = FALSE,
               series_embedding = cfg$emb, ensemble = cfg$ens, loss = if (is.null(cfg$loss)) "mse" else cfg$loss,
               validation = if (is.null(cfg$val)) 0 else cfg$val, early_stopping = if (is.null(cfg$val)) FALSE else 5)
}
# each key's MASE, and that of the combination: the mean of the model's
# and seasonal naive's forecasts (a combination, not the model)
m <- vapply(keys, function(k) {
  s <- d[d$SeriesID == k, c("Date", "Turnover")]
  tr <- s[s$Date < split, ]; te <- s[s$Date >= split, ][1:12, ]
  fc <- if (isTRUE(cfg$many)) suppressMessages(forecast(many[[k]], h = 12, newdata = tr, level = NULL))
        else suppressMessages(forecast(fit, h = 12, newdata = tr, key = k, level = NULL))
  f <- as.numeric(fc$mean); sn <- utils::tail(tr$Turnover, 12)
  c(mase(te$Turnover, f, tr$Turnover, 12), mase(te$Turnover, (f + sn) / 2, tr$Turnover, 12))
}, c(1, 1))
cat(sprintf("%s: 12-step mean MASE %.4f (median %.4f), %.0f s\n", name, mean(m[1, ]), median(m[1, ]),
            proc.time()[["elapsed"]] - t0))
cat(sprintf("%s + seasonal naive, mean of the two forecasts (a combination): mean MASE %.4f (median %.4f)\n",
            name, mean(m[2, ]), median(m[2, ])))
