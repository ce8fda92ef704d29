# Cross-host test, R side 2: Octave's models load in R, equal R's own fits
# element for element (but the version string), and predict what Octave
# predicted.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
suppressMessages(library(rnnkit))
ok <- TRUE
for (k in 1:5) { # fit 4: single precision (issue 19); 5: a learning-rate schedule
  r <- unclass(rnn_load(file.path(dir, sprintf("r_fit%d.rnnk", k))))
  o <- rnn_load(file.path(dir, sprintf("o_fit%d.rnnk", k)))
  f <- file.path(dir, sprintf("o_pred%d.bin", k))
  op <- readBin(f, "double", file.size(f) / 8, endian = "little")
  f <- file.path(dir, "data.bin")
  x <- readBin(f, "double", file.size(f) / 8, endian = "little")
  dims <- x[1:3]
  xx <- array(x[3 + seq_len(prod(dims))], dims)
  dp <- max(abs(predict(o, xx) - op))
  oo <- unclass(o)
  same <- identical(oo[setdiff(names(r), c("version", "windows"))],
                    r[setdiff(names(r), c("version", "windows"))])
  cat(sprintf("fit %d: Octave's model in R %s R's own fit; predicts Octave's numbers to %g\n",
              k, if (same) "equals" else "DIFFERS FROM", dp))
  if (!same) print(all.equal(oo[names(r)], r))
  ok <- ok && same && dp <= 1e-12
}
if (!ok) stop("cross-host: R and Octave disagree")
