#!/bin/sh
# make bench: rnnkit (through R) against PyTorch on identical data, model,
# batch size and epochs, alternating the two in one run, 3 repetitions
# each; writes bench/RESULTS.md.  See bench/README.md.
#
#   BENCH_QUICK=1        shorter runs (fewer epochs/windows, PyTorch fp64 only)
#   BENCH_REPS=n         repetitions (default 3)
#   BENCH_BLAS="openblas reference"   which BLAS to run (default: both
#                        when Debian's libopenblas0 is installed, else the
#                        reference BLAS); both tools get the same one, chosen
#                        per process through the library path, whatever
#                        update-alternatives says
#   BENCH_REFERENCE_LARGE=1  also run configurations 4-6 on the reference BLAS
#   OPENBLAS_CORETYPE    for both tools: the fastest measured of its preset value,
#                        SkylakeX (AVX-512 CPUs) and Haswell (AVX2); Debian's OpenBLAS
#                        0.3.21 misdetects new CPUs (bench/coretype.sh)
#   BENCH_CORETYPE=type  use this core type, no search
#   BENCH_ONLY="stock sine"  run only these configurations
set -e
cd "$(dirname "$0")"
here=$(pwd)
shared=${SHARED_DATA:-$here/../../shared/data}
[ -d "$shared" ] || shared=$here/../shared/data
py=/usr/bin/python3
if ! $py -c 'import torch, numpy' 2>/dev/null; then
  echo "bench: installing Debian's python3-torch (the reference; not a package dependency)"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch python3-numpy >/dev/null
  else
    echo "bench: please run as root, or apt-get install python3-torch" >&2; exit 1
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== installing rnnkit from this tree into a temporary library"
mkdir -p "$work/lib"
R CMD INSTALL --no-test-load -l "$work/lib" .. >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
( cd .. && sh cleanup >/dev/null 2>&1 || true )
echo "== writing the data sets (from $shared)"
Rscript make_data.R "$work/data" "$shared"

multi=/usr/lib/x86_64-linux-gnu
if [ -z "$BENCH_BLAS" ]; then
  if [ -f $multi/openblas-pthread/libblas.so.3 ]; then BENCH_BLAS="openblas reference"; else BENCH_BLAS=reference; fi
fi
. ./coretype.sh
if [ -f $multi/openblas-pthread/libblas.so.3 ]; then
  pick_coretype "$multi/openblas-pthread:$(R RHOME)/lib:$multi" .
  echo "OpenBLAS core types (dgemm GFLOP/s, 1 thread):$CORETYPE_RATES; using ${OPENBLAS_CORETYPE:-unset}"
fi
export OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
reps=${BENCH_REPS:-3}
quick=${BENCH_QUICK:-0}

# name data cell units batch epochs windows-timed (0 = all), then the same two for BENCH_QUICK=1
configs="
1-stock stock lstm 16 16 5 0 2 0
2-sine sine simple 10 32 50 0 20 0
3-retail retail lstm 20 30 100 0 40 0
4-ohlc ohlc lstm 64,64 64 2 0 1 0
5-large large lstm 512 64 1 640 1 256
6-gru gru gru 128 64 1 0 1 640
7-infer infer infer 16 0 0 0 0 0
7-forecast stock forecast 16 0 0 0 0 0
S-4n stock_4n lstm 16 16 2 0 1 0
S-4t stock_4t lstm 16 16 2 0 1 0
"
[ -f "$work/data/stock.txt" ] || configs=$(echo "$configs" | grep -E '^(2-|5-|6-)')
log=$work/bench.log
: >"$log"
echo "$configs" | while read -r id name cell units rest; do
  if [ -n "$id" ]; then echo "cfg $id $name $cell $units $(cat "$work/data/$name.txt")" >>"$log"; fi
done
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -1)
echo "cpu: $cpu ($(getconf _NPROCESSORS_ONLN) cores)" | tee -a "$log"
echo "load: at the start $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
for blas in $BENCH_BLAS; do
  case $blas in
    openblas) bdir=$multi/openblas-pthread; ldir=$multi/openblas-pthread ;;
    reference) bdir=$multi/blas; ldir=$multi/lapack ;;
    *) echo "bench: unknown BLAS $blas" >&2; exit 1 ;;
  esac
  [ -f "$bdir/libblas.so.3" ] || { echo "bench: $bdir/libblas.so.3 missing; skipping $blas" >&2; continue; }
  # R's launcher puts R_LD_LIBRARY_PATH first; Python reads LD_LIBRARY_PATH
  rl="$bdir:$ldir:$(R RHOME)/lib:$multi"
  export R_LIBS="$work/lib"
  blasfile=$(R_LD_LIBRARY_PATH=$rl Rscript -e 'cat(extSoftVersion()[["BLAS"]])')
  core=$(R_LD_LIBRARY_PATH=$rl OPENBLAS_VERBOSE=2 Rscript -e 'invisible(matrix(1,2,2) %*% matrix(1,2,2))' 2>&1 | sed -n 's/^Core: *//p' | head -1)
  tblas=$(LD_LIBRARY_PATH=$bdir:$ldir $py -c 'import torch, re; print([l.split()[-1] for l in open("/proc/self/maps") if re.search(r"libblas|openblas", l)][0])')
  echo "blas $blas R=$blasfile torch=$tblas OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} core=${core:-n/a}" | tee -a "$log"
  for th in 1 2; do
    # best of three processes: one 2-thread measurement came out at the
    # 1-thread rate (88.6 against 180.8 GFLOP/s in another run)
    pk=0
    for i in 1 2 3; do
      p1=$(R_LD_LIBRARY_PATH=$rl OPENBLAS_NUM_THREADS=$th Rscript peak.R $( [ $blas = reference ] && echo 768 || echo 2048 ))
      pk=$(awk "BEGIN { print ($p1 > $pk) ? $p1 : $pk }")
    done
    echo "peak $blas $th $pk" | tee -a "$log"
  done
  rep=1
  while [ $rep -le "$reps" ]; do
    echo "$configs" | while read -r id name cell units batch ep nw qep qnw; do
      [ -n "$id" ] || continue
      if [ -n "$BENCH_ONLY" ] && ! echo " $BENCH_ONLY " | grep -q " ${id#*-} "; then continue; fi
      if [ "$quick" = 1 ]; then ep=$qep; nw=$qnw; fi
      # the large models take most of an hour on the reference BLAS
      case "$blas:$id" in reference:4-*|reference:5-*|reference:6-*)
        [ "${BENCH_REFERENCE_LARGE:-0}" = 1 ] || continue ;;
      esac
      args="$work/data $name $cell $units $batch $ep $nw"
      r=$(R_LD_LIBRARY_PATH=$rl Rscript rnnkit_bench.R $args 2)
      echo "run $blas $id rnnkit float64 2 ${r#* }" | tee -a "$log"
      for dt in float64 float32; do
        [ "$quick" = 1 ] && [ $dt = float32 ] && continue
        for th in 1 2; do
          [ "$quick" = 1 ] && [ $th = 2 ] && continue
          r=$(LD_LIBRARY_PATH=$bdir:$ldir $py torch_bench.py $args $th $dt)
          echo "run $blas $id torch $dt $th ${r#* }" | tee -a "$log"
        done
      done
    done
    if [ -f "$shared/djia/IBM_2006-01-01_to_2018-01-01.csv" ] && [ -z "$BENCH_ONLY" ] && [ "$blas" = "${BENCH_BLAS%% *}" ]; then
      R_LD_LIBRARY_PATH=$rl Rscript fit_many_bench.R "$shared" "$( [ "$quick" = 1 ] && echo 1 || echo 2 )" |
        while read -r tag mode sec; do echo "many $blas $mode $sec" | tee -a "$log"; done
    fi
    rep=$((rep + 1))
  done
done
echo "load: at the end $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
Rscript report.R "$log" RESULTS.md
cp "$log" "$here/bench.log.last"
