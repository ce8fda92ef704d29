#!/bin/sh
# Which Fortran BLAS calls rnnkit's training, predict() and forecast still
# make (issue 19): R runs with an LD_PRELOAD shim (bench/blascount.c) that
# counts dgemm, dgemv, dscal, dsyrk and sgemm calls, once only building the model (rnn_model(): the orthogonal
# initialisation, a QR through LAPACK) and once building it and training
# one epoch; the two counts must be equal, i.e. the training's products all
# take the core's own kernels (src/core/blas.c), whatever the BLAS.  Fails
# (exit 1) when the training adds a call.
#   sh bench/blascalls.sh [LIB]   LIB: a library rnnkit is installed in
# Configurations: bench/run.sh's, on random data of their shapes, in double
# and single precision, 2 threads.
#   Then the same for inference (issue 19: make bench's forecast row was
# 10-23% slower on the reference BLAS): the model built, and built then
# used by predict() (the "7 inference" row: LSTM(16), 10000 windows of 30
# steps) or by the core's 20-step, 1000-path recursive forecast exactly as
# bench/rnnkit_bench.R calls it (the "7 forecast" row); the counts must be
# equal.  A control phase (a %*% in R) must add calls, which shows that
# the shim counts at all.
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
cat >"$work/infer.R" <<'EOR'
a <- commandArgs(TRUE)
suppressPackageStartupMessages(library(rnnkit))
set.seed(3)
n <- 10000L; Tn <- 30L
x <- array(rnorm(n * Tn), c(n, Tn, 1))
m <- rnn_model("lstm", 16L, n_in = 1, n_out = 1, seed = 1)
if (a[2] == "single") m$config$precision <- 1L
last <- matrix(x[n, , 1], ncol = 1)
resid <- matrix(rnorm(500, sd = 0.01), ncol = 1)
spec <- list(values = last, window = nrow(last), locf = FALSE, center = 0, scale = 1,
             direct = FALSE, horizon = 1L, h = 20L, target = 1L, target_center = 0,
             target_scale = 1, history = numeric(0), resid = resid, npaths = 1000L,
             levels = numeric(0))
if (a[1] == "predict") invisible(predict(m, x))
if (a[1] == "forecast") invisible(.Call(rnnkit:::rnnkit_forecast, m$config, m$params, spec, c(0, 1)))
if (a[1] == "control") invisible(matrix(x[1:3000], 100) %*% matrix(x[1:3000], 30))
EOR
count() { # script phase precision [spec...]: the last non-empty BLASCOUNT line
  R_LIBS=$lib LD_PRELOAD=$work/libcount.so Rscript "$@" 2>&1 >/dev/null |
    grep '^BLASCOUNT' | grep -v '^BLASCOUNT dgemm 0 0 dgemv 0 dscal 0 dsyrk 0 sgemm 0' | tail -1
}
bad=0
# cell units features window batch windows (bench/run.sh's configurations 1-6)
for spec in "lstm 16 1 30 16 256" "simple 10 1 10 32 256" "lstm 20 1 12 30 256" \
            "lstm 64,64 4 30 64 128" "lstm 512 32 50 64 128" "gru 128 8 50 64 128"; do
  for prec in double single; do
    for mode in init fit; do
      eval "$mode=\"\$(count $work/phase.R $mode $spec $prec)\""
    done
    echo "$spec $prec: model ${init#BLASCOUNT }; model + 1 epoch ${fit#BLASCOUNT }"
    [ "$init" = "$fit" ] || { echo "  FAILED: the training calls the Fortran BLAS"; bad=1; }
  done
done
control=$(count "$work/infer.R" control double)
init=$(count "$work/infer.R" model double)
echo "control (a %*% in R): model ${init#BLASCOUNT }; model + %*% ${control#BLASCOUNT }"
[ "$init" != "$control" ] || { echo "  FAILED: the shim counted no call of R's %*%"; bad=1; }
for prec in double single; do
  init=$(count "$work/infer.R" model $prec)
  for mode in predict forecast; do
    used=$(count "$work/infer.R" $mode $prec)
    echo "lstm 16 $prec $mode: model ${init#BLASCOUNT }; model + $mode ${used#BLASCOUNT }"
    [ "$init" = "$used" ] || { echo "  FAILED: $mode calls the Fortran BLAS"; bad=1; }
  done
done
exit $bad
