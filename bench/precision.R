# issue 19 item 3: one epoch of an LSTM, double vs single precision, run
# alternately 3 times each with threads = 1 (elapsed and CPU seconds).
# UNITS=128 (640 windows x 50 x 8) or UNITS=512 (256 windows x 50 x 32),
# batch 64, the BLAS R links.  Usage:
#   R_LIBS=<lib with rnnkit> UNITS=128 Rscript bench/precision.R
suppressMessages(library(rnnkit))
units <- as.integer(Sys.getenv("UNITS", "128"))
nw <- if (units >= 512) 256 else 640
nf <- if (units >= 512) 32 else 8
set.seed(1)
x <- array(rnorm(nw * 50 * nf), c(nw, 50, nf))
y <- rowMeans(x[, 50, ])
el <- cpu <- list(double = numeric(), single = numeric())
for (r in 1:3) for (p in c("double", "single")) {
  t0 <- proc.time()
  m <- rnn_fit(x, y, units = units, epochs = 1, batch_size = 64, seed = 1,
               verbose = FALSE, threads = 1L, precision = p)
  t <- proc.time() - t0
  el[[p]] <- c(el[[p]], t[["elapsed"]]); cpu[[p]] <- c(cpu[[p]], t[["user.self"]] + t[["sys.self"]])
}
for (p in names(el)) cat(sprintf("%s: elapsed %s | cpu %s\n", p, paste(format(el[[p]], nsmall = 2), collapse = " "),
                               paste(format(cpu[[p]], nsmall = 2), collapse = " ")))
cat(sprintf("LSTM(%d), %d windows x 50 x %d, batch 64: median s/epoch elapsed double %.3f single %.3f (x%.2f); cpu double %.3f single %.3f (x%.2f)\n",
            units, nw, nf, median(el$double), median(el$single), median(el$double) / median(el$single),
            median(cpu$double), median(cpu$single), median(cpu$double) / median(cpu$single)))
