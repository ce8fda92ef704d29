# Issue 16, item 5: stored versus compact windows (rnn_windows(...,
# store = "series")): peak resident memory and seconds per epoch.
#
#   Rscript bench/compact.R retail windows|series   # aus_retail, window 24
#   Rscript bench/compact.R synth  windows|series [n_series] [n_points]
#                                                   # synthetic panel, default 2000 x 1000
#
# EPOCHS=3 (default 1) trains that many epochs: s/epoch is the
# difference of two runs' fit times over the difference of epochs (the
# fit also cuts the training set and predicts the residuals once).
#
# Run each mode in its own process: the peak (VmHWM of /proc/self/status)
# is the process's. Needs an installed rnnkit (R_LIBS); retail needs
# ../shared/data (skips cleanly when absent). Linux only (/proc).
suppressMessages(library(rnnkit))
args <- commandArgs(trailingOnly = TRUE)
what <- if (length(args)) args[1] else "retail"
store <- if (length(args) > 1) args[2] else "windows"
mb <- function(field) {
  s <- readLines("/proc/self/status")
  as.numeric(sub("[^0-9]*([0-9]+).*", "\\1", grep(paste0("^", field, ":"), s, value = TRUE))) / 1024
}
if (what == "retail") {
  data_dir <- Sys.getenv("RNNKIT_SHARED_DATA", "../shared/data")
  if (!file.exists(file.path(data_dir, "aus_retail.csv"))) {
    cat("no aus_retail.csv in", data_dir, ": skipped\n")
    quit(save = "no")
  }
  d <- utils::read.csv(file.path(data_dir, "aus_retail.csv"), stringsAsFactors = FALSE)
  data <- data.frame(Date = as.Date(paste0(d$Month, "-01")), SeriesID = d$SeriesID,
                     Turnover = d$Turnover, stringsAsFactors = FALSE)
  rm(d)
  key <- "SeriesID"
  split <- as.Date("2017-01-01")
} else {
  n_series <- if (length(args) > 2) as.integer(args[3]) else 2000L
  n_points <- if (length(args) > 3) as.integer(args[4]) else 1000L
  set.seed(1)
  # a named list of series (numbers): seasonal random walks of other levels
  data <- stats::setNames(lapply(seq_len(n_series), function(i) {
    50 * i + cumsum(rnorm(n_points)) + 5 * sin(2 * pi * seq_len(n_points) / 12)
  }), sprintf("s%04d", seq_len(n_series)))
  key <- NULL
  split <- NULL
}
invisible(gc(reset = TRUE))
before <- mb("VmRSS")
t0 <- proc.time()[["elapsed"]]
w <- suppressMessages(rnn_windows(data, key = key, window = 24, split = split,
                                  test = if (is.null(split)) 24L, store = store))
t_win <- proc.time()[["elapsed"]] - t0
after_windows <- mb("VmHWM")
rm(data)
t0 <- proc.time()[["elapsed"]]
epochs <- as.integer(Sys.getenv("EPOCHS", "1"))
fit <- rnn_fit(w, units = 8, epochs = epochs, batch_size = 256, seed = 1, verbose = FALSE, threads = 2)
t_epoch <- proc.time()[["elapsed"]] - t0
d <- dim(w$x)
cat(sprintf("%s store=%s: %d windows x %d x %d; x holds %.1f MB; windows %.1f s; RSS before %.0f MB, peak after windows %.0f MB, peak after fit %.0f MB; fit (%d epoch(s) + residuals) %.1f s; load %s\n",
            what, store, d[1], d[2], d[3], as.numeric(object.size(w$x)) / 2^20, t_win, before,
            after_windows, mb("VmHWM"), epochs, t_epoch,
            paste(readLines("/proc/loadavg"), collapse = "")))
cat(sprintf("params digest: %.17g\n", sum(fit$params * seq_along(fit$params))))
