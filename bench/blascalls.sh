#!/bin/sh
# Which Fortran BLAS calls rnnkit's training still makes (issue 19): R runs
# with an LD_PRELOAD shim (bench/blascount.c) that counts dgemm, dgemv and
# dscal calls, once only building the model (rnn_model(): the orthogonal
# initialisation, a QR through LAPACK) and once building it and training
# one epoch; the two counts must be equal, i.e. the training's products all
# take the core's own kernels (src/core/blas.c), whatever the BLAS.  Fails
# (exit 1) when the training adds a call.
#   sh bench/blascalls.sh [LIB]   LIB: a library rnnkit is installed in
# Configurations: bench/run.sh's, on random data of their shapes, in double
# and single precision, 2 threads.
set -e
here=$(cd "$(dirname "$0")" && pwd)
lib=${1:-${R_LIBS:-}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -shared -fPIC -o "$work/libcount.so" "$here/blascount.c" -ldl
cat >"$work/phase.R" <<'EOR'
a <- commandArgs(TRUE)
units <- as.integer(strsplit(a[3], ",")[[1]]); nin <- as.integer(a[4])
Tn <- as.integer(a[5]); batch <- as.integer(a[6]); n <- as.integer(a[7])
suppressPackageStartupMessages(library(rnnkit))
set.seed(3)
x <- array(rnorm(n * Tn * nin), c(n, Tn, nin)); y <- rnorm(n)
m <- rnn_model(a[2], units, n_in = nin, n_out = 1, seed = 1)
if (a[1] == "fit") invisible(rnn_fit(x, y, model = m, epochs = 1, batch_size = batch,
                                     verbose = FALSE, precision = a[8], threads = 2L))
EOR
bad=0
# cell units features window batch windows (bench/run.sh's configurations 1-6)
for spec in "lstm 16 1 30 16 256" "simple 10 1 10 32 256" "lstm 20 1 12 30 256" \
            "lstm 64,64 4 30 64 128" "lstm 512 32 50 64 128" "gru 128 8 50 64 128"; do
  for prec in double single; do
    for mode in init fit; do
      eval "$mode=\"\$(R_LIBS=$lib LD_PRELOAD=$work/libcount.so Rscript $work/phase.R $mode $spec $prec 2>&1 >/dev/null |
        grep '^BLASCOUNT' | grep -v '^BLASCOUNT dgemm 0 0 dgemv 0 dscal 0' | tail -1)\""
    done
    echo "$spec $prec: model ${init#BLASCOUNT }; model + 1 epoch ${fit#BLASCOUNT }"
    [ "$init" = "$fit" ] || { echo "  FAILED: the training calls the Fortran BLAS"; bad=1; }
  done
done
exit $bad
