# Sourced by bench/run.sh and bench/charlm.sh: sets OPENBLAS_CORETYPE to
# the OpenBLAS core type with the highest measured dgemm rate on this CPU,
# so that rnnkit and PyTorch both get the best BLAS kernels.  Debian's
# OpenBLAS 0.3.21 misdetects new CPUs, and a preset value need not be the
# best: on this project's AVX-512 EPYC, Haswell kernels gave 54 GFLOP/s
# and SkylakeX ones 82-88.  Candidates: the preset value, SkylakeX (CPUs
# with avx512f) and Haswell (avx2), each timed with peak.R (n = 1024, one
# thread).  BENCH_CORETYPE=<type> skips the search.
#   $1: R_LD_LIBRARY_PATH that loads OpenBLAS; $2: directory of peak.R
pick_coretype() {
  if [ -n "$BENCH_CORETYPE" ]; then OPENBLAS_CORETYPE=$BENCH_CORETYPE; return; fi
  cands=${OPENBLAS_CORETYPE:-}
  grep -q avx512f /proc/cpuinfo && cands="$cands SkylakeX"
  grep -q avx2 /proc/cpuinfo && cands="$cands Haswell"
  best=""; best_rate=0; CORETYPE_RATES=""
  for c in $cands; do
    case " $CORETYPE_RATES " in *" $c="*) continue ;; esac
    rate=$(R_LD_LIBRARY_PATH=$1 OPENBLAS_CORETYPE=$c OPENBLAS_NUM_THREADS=1 Rscript "$2/peak.R" 1024)
    CORETYPE_RATES="$CORETYPE_RATES $c=$rate"
    if awk "BEGIN { exit !($rate > $best_rate) }"; then best=$c; best_rate=$rate; fi
  done
  [ -n "$best" ] && OPENBLAS_CORETYPE=$best
}
