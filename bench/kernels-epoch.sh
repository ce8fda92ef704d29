#!/bin/sh
# s/epoch of the LSTM(128) configuration (window 50, batch 64, 8 features,
# 640 windows of bench/make_data.R's "gru" data, one thread; or another) with two
# installed builds of rnnkit, alternating, REPS times each; prints the
# elapsed and the CPU seconds of every run and their medians.  CPU time
# is the number to compare on a shared machine.
# Usage: sh bench/kernels-epoch.sh DATADIR LIB_A LIB_B [REPS] [UNITS] [DATA NWIN]
#   (LSTM(512): UNITS 512, DATA large, NWIN 256: 32 features, 256 windows)
#   DATADIR from `Rscript bench/make_data.R DATADIR none`; LIB_A/LIB_B
#   libraries from `R CMD INSTALL -l LIB .` of the two trees.  The BLAS:
#   R_LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread (and
#   OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1) for OpenBLAS.
set -e
dir=$1; a=$2; b=$3; reps=${4:-3}; units=${5:-128}; data=${6:-gru}; nwin=${7:-640}
run() {
  R_LIBS=$1 Rscript -e '
    a <- commandArgs(TRUE); suppressPackageStartupMessages(library(rnnkit))
    f <- function(e) file.path(a[1], paste0(a[3], e)); n <- as.integer(a[4])
    d <- scan(f(".txt"), quiet = TRUE)
    x <- array(readBin(f(".x"), "double", prod(d), endian = "little"), d)
    y <- readBin(f(".y"), "double", d[1], endian = "little")
    x <- x[1:n, , , drop = FALSE]; y <- y[1:n]
    set.seed(1)
    t0 <- proc.time()
    fit <- rnn_fit(x, y, cell = "lstm", units = as.integer(a[2]), epochs = 1,
                   batch_size = 64, threads = 1, verbose = FALSE)
    t <- proc.time() - t0
    cat(sprintf("%.3f %.3f %.10g\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]],
                fit$history$loss[1]))' "$dir" "$units" "$data" "$nwin"
}
for i in $(seq "$reps"); do
  echo "A $(run "$a")"
  echo "B $(run "$b")"
done | tee /tmp/kernels-epoch.$$
med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for w in A B; do
  e=$(awk -v w=$w '$1 == w { print $2 }' /tmp/kernels-epoch.$$ | med)
  c=$(awk -v w=$w '$1 == w { print $3 }' /tmp/kernels-epoch.$$ | med)
  echo "$w median: $e s elapsed, $c s CPU per epoch"
done
rm -f /tmp/kernels-epoch.$$
