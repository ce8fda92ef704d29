# Issue 16: the 12-step variants of the global aus_retail model tried on
# this development panel (bench/panel-results.md lists them, the kept and
# the rejected), on bench/panel.R's splits and MASE: 148 series observed
# through 2018-12, training rows before 2017-01, 12-step forecasts from
# 2016-12 of each key from its training rows with its own embedding.
#   R_LIBS=... Rscript bench/panel_tune.R <variant>     (names below)
suppressMessages(library(rnnkit))
a <- commandArgs(TRUE)
name <- a[1]
d <- utils::read.csv(file.path(Sys.getenv("RNNKIT_SHARED_DATA", "../shared/data"), "aus_retail.csv"), stringsAsFactors = FALSE)
d <- data.frame(Date = as.Date(paste0(d$Month, "-01")), SeriesID = d$SeriesID, Turnover = d$Turnover)
last <- tapply(as.numeric(d$Date), d$SeriesID, max)
keys <- unique(d$SeriesID); keys <- keys[last[keys] >= as.numeric(as.Date("2018-12-01"))]
d <- d[d$SeriesID %in% keys, ]
split <- as.Date("2017-01-01")
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
  dirw24mae = list(h = 12, tr = c("log", "sdiff"), emb = 4, ens = 1, units = 16, epochs = 20, window = 24, loss = "mae")
)
cfg <- cfgs[[name]]
t0 <- proc.time()[["elapsed"]]
w <- suppressMessages(rnn_windows(d, key = "SeriesID", target = "Turnover", window = cfg$window, horizon = cfg$h,
                 split = split, transform = cfg$tr))
fit <- rnn_fit(w, units = cfg$units, epochs = cfg$epochs, batch_size = 64, seed = 1, verbose = FALSE,
               series_embedding = cfg$emb, ensemble = cfg$ens, loss = if (is.null(cfg$loss)) "mse" else cfg$loss,
               validation = if (is.null(cfg$val)) 0 else cfg$val, early_stopping = if (is.null(cfg$val)) FALSE else 5)
m <- vapply(keys, function(k) {
  s <- d[d$SeriesID == k, c("Date", "Turnover")]
  tr <- s[s$Date < split, ]; te <- s[s$Date >= split, ][1:12, ]
  fc <- suppressMessages(forecast(fit, h = 12, newdata = tr, key = k, level = NULL))
  mase(te$Turnover, as.numeric(fc$mean), tr$Turnover, 12)
}, 1)
cat(sprintf("%s: 12-step mean MASE %.4f (median %.4f), %.0f s\n", name, mean(m), median(m), proc.time()[["elapsed"]] - t0))
