#!/bin/sh
# Side by side: s/epoch of one configuration with two installed builds of
# rnnkit (A, B) on 1 and 2 threads, alternating A1 B1 A2 B2, REPS times;
# prints every run (elapsed, CPU, the epoch's loss: the same loss for 1 and
# 2 threads, to the bit, or the build is broken), the medians, the ratios
# B/A at 1 and 2 threads and 2/1 threads within each build, and the load
# average before and after (the machine is shared: compare ratios measured
# in the same run, not absolute times).  Issue 19's gate-row split.
# Usage: sh bench/rows-epoch.sh LIB_A LIB_B [REPS] [CELL] [UNITS] [FEATURES]
#          [WINDOWS] [PRECISION]
#   defaults: 3 lstm 128 8 640 double (LSTM(128), window 50, batch 64);
#   LSTM(512): lstm 512 32 256.  Synthetic data (seeded), window 50.
#   ROW_SPLIT=1 in the environment sets options(rnnkit.row_split = 1) for
#   build B (the gate-row split; A keeps the default), e.g. the same
#   library as A and B: the batch split against the gate rows.
set -e
a=$1; b=$2; reps=${3:-3}; cell=${4:-lstm}; units=${5:-128}; feat=${6:-8}
nwin=${7:-640}; prec=${8:-double}
run() {
  R_LIBS=$1 Rscript -e '
    a <- commandArgs(TRUE); suppressPackageStartupMessages(library(rnnkit))
    options(rnnkit.row_split = as.integer(a[7]))
    n <- as.integer(a[4]); I <- as.integer(a[3]); T <- 50L
    set.seed(7)
    x <- array(rnorm(n * T * I), c(n, T, I)); y <- rowMeans(x[, T, , drop = FALSE])
    set.seed(1)
    t0 <- proc.time()
    fit <- rnn_fit(x, y, cell = a[1], units = as.integer(a[2]), epochs = 1,
                   batch_size = 64, threads = as.integer(a[5]), verbose = FALSE,
                   precision = a[6])
    t <- proc.time() - t0
    cat(sprintf("%.3f %.3f %.17g\n", t[["elapsed"]], t[["user.self"]] + t[["sys.self"]],
                fit$history$loss[1]))' "$cell" "$units" "$feat" "$nwin" "$2" "$prec" "$3"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
out=$(mktemp)
for i in $(seq "$reps"); do
  for th in 1 2; do
    echo "A$th $(run "$a" $th 0)"
    echo "B$th $(run "$b" $th "${ROW_SPLIT:-0}")"
  done
done | tee "$out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for w in A1 B1 A2 B2; do
  eval "m_$w=$(awk -v w=$w '$1 == w { print $2 }' "$out" | med)"
done
echo "$cell($units) $prec, $feat features, $nwin windows: median s/epoch (elapsed)"
echo "  A: 1 thread $m_A1, 2 threads $m_A2   B: 1 thread $m_B1, 2 threads $m_B2"
awk -v a1="$m_A1" -v a2="$m_A2" -v b1="$m_B1" -v b2="$m_B2" 'BEGIN {
  printf "  B/A: %.2f (1 thread), %.2f (2 threads); 2/1 threads: A %.2f, B %.2f\n",
    b1 / a1, b2 / a2, a2 / a1, b2 / b1 }'
rm -f "$out"
