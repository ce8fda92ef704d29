# issue 19 item 3: one epoch of an LSTM or GRU, double vs single precision,
# run alternately REPS times each with threads = 1 (elapsed and CPU seconds).
# UNITS=128 (640 windows x 50 x 8) or UNITS=512 (256 windows x 50 x 32),
# batch 64, the BLAS R links; CELL=lstm (default) or gru; PRECISIONS=single
# times one precision only (to compare two builds, run this alternately
# with each build's library first in R_LIBS).  Usage:
#   R_LIBS=<lib with rnnkit> UNITS=128 Rscript bench/precision.R
suppressMessages(library(rnnkit))
units <- as.integer(Sys.getenv("UNITS", "128"))
cell <- Sys.getenv("CELL", "lstm")
precs <- strsplit(Sys.getenv("PRECISIONS", "double,single"), ",")[[1]]
reps <- as.integer(Sys.getenv("REPS", "3"))
nw <- if (units >= 512) 256 else 640
nf <- if (units >= 512) 32 else 8
set.seed(1)
x <- array(rnorm(nw * 50 * nf), c(nw, 50, nf))
y <- rowMeans(x[, 50, ])
el <- cpu <- setNames(rep(list(numeric()), length(precs)), precs)
for (r in seq_len(reps)) for (p in precs) {
  t0 <- proc.time()
  m <- rnn_fit(x, y, cell = cell, units = units, epochs = 1, batch_size = 64, seed = 1,
               verbose = FALSE, threads = 1L, precision = p)
  t <- proc.time() - t0
  el[[p]] <- c(el[[p]], t[["elapsed"]]); cpu[[p]] <- c(cpu[[p]], t[["user.self"]] + t[["sys.self"]])
}
for (p in names(el)) cat(sprintf("%s: elapsed %s | cpu %s\n", p, paste(format(el[[p]], nsmall = 2), collapse = " "),
                               paste(format(cpu[[p]], nsmall = 2), collapse = " ")))
med <- function(v) if (length(v)) median(v) else NA_real_
cat(sprintf("%s(%d), %d windows x 50 x %d, batch 64: median s/epoch elapsed double %.3f single %.3f (x%.2f); cpu double %.3f single %.3f (x%.2f)\n",
            toupper(cell), units, nw, nf, med(el$double), med(el$single), med(el$double) / med(el$single),
            med(cpu$double), med(cpu$single), med(cpu$double) / med(cpu$single)))
