# Cross-host, issue 16, R side 2: the panel model Octave fitted (panel.m)
# read back in R gives, to the bit, the answers Octave wrote for it:
# per-key predictions, the accuracy table with its pooled rows, forecasts
# of every key and of one, and the forecast of a series unseen in
# training.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
get <- function(name) readBin(file.path(dir, paste0("panel_oct_", name, ".bin")), "double", 1e6,
                              endian = "little")
same <- function(a, b) length(a) == length(b) && all(a == b | (is.na(a) & is.na(b)))
m <- rnn_load(file.path(dir, "panel_oct.rnnk"))
pa <- rnn_read_csv(file.path(dir, "panel_air.csv"))
un <- rnn_read_csv(file.path(dir, "panel_new.csv"))
w <- rnn_windows(pa, key = "Name", target = "Passengers", window = 12,
                 split = as.Date("1960-01-01"), transform = "log")
if (!identical(m$prep$meta$key, "Name") || !identical(m$prep$meta$keys, w$meta$keys)) {
  stop("cross-host: Octave's panel model file lost its key in R")
}
p <- predict(m, w)
a <- accuracy(m)
fc <- forecast(m, h = 4, npaths = 100, seed = 1)
f1 <- forecast(m, h = 4, key = "air_late", npaths = 100, seed = 3)
fn <- forecast(m, h = 4, newdata = un, npaths = 100, seed = 4)
ok <- c(
  pred = same(c(as.numeric(p$date), p$actual, p$predicted, p$naive), get("pred")),
  acc = same(as.numeric(as.matrix(a[c("RMSE", "MAE", "MAPE", "sMAPE", "MASE", "DA", "n")])), get("acc")),
  fc = same(unlist(lapply(unclass(fc), function(f) c(f$mean, f$lower, f$upper, f$paths,
                                                       as.numeric(f$dates)))), get("fc")),
  fc1 = same(c(f1$mean, f1$lower, f1$upper, f1$paths), get("fc1")),
  fcnew = same(c(fn$mean, fn$lower, fn$upper, fn$paths, as.numeric(fn$dates)), get("fcnew")))
cat("panel: Octave's panel model in R:", paste(names(ok), ifelse(ok, "same", "DIFFER"), collapse = ", "), "\n")
if (!all(ok)) stop("cross-host: Octave's panel model answers differently in R")
# h16-octave: R's models of panels of 1 and 3 series, saved again by
# Octave, are R's models in every field (the 1 x 1 scaler a matrix with
# its names, n_rows and residuals named) and forecast the same bits
for (ns in c(1, 3)) {
  a <- rnn_load(file.path(dir, sprintf("panel_n%d.rnnk", ns)))
  b <- rnn_load(file.path(dir, sprintf("panel_n%d_oct.rnnk", ns)))
  keep <- setdiff(names(a), "call")
  if (!identical(unclass(a)[keep], unclass(b)[keep]) || !is.matrix(b$prep$scaler$center)) {
    print(all.equal(unclass(a)[keep], unclass(b)[keep]))
    stop("cross-host: R's panel model of ", ns, " series changes on a round trip through Octave")
  }
  fa <- forecast(a, h = 3, npaths = 50, seed = 1)
  fb <- forecast(b, h = 3, npaths = 50, seed = 1)
  if (!identical(unclass(fa), unclass(fb))) stop("cross-host: forecasts of the panel of ", ns, " differ")
}
cat("panel: R's models of panels of 1 and 3 series come back from Octave identical\n")
