#!/bin/sh
# make bench: rnnkit (through R) against PyTorch on identical data, model,
# batch size and epochs, alternating the two (and the two BLAS, issue 19)
# configuration by configuration in one run, 3 repetitions
# each, on the reference BLAS and on OpenBLAS; rnnkit in double and in
# single precision (precision = "single"), PyTorch in float32 and float64,
# each on 1 and 2 threads; writes bench/RESULTS.md (bench/report.R:
# medians, ratios, issue 19's targets met or not, GFLOP/s against the
# dgemm and sgemm peaks measured in the same run, peak memory, the run's
# time by part; a quick run adds its estimate of the full run's time).
#
# Time: about 30-40 minutes on a quiet 2-core machine, both BLAS, 3
# repetitions (estimated from the per-cell times of the 2026-11-23 run:
# about 10 min on OpenBLAS and 15 on the reference BLAS, where PyTorch's
# large models are slow, plus the install, the data and the gemm peaks;
# each of the 88 processes per BLAS and repetition, 8 per configuration,
# also pays R's or Python's start-up, 0.5-2 s). Every run ends with its
# time by part; a BENCH_QUICK=1 run also estimates the full run's time at
# its load from its times per epoch. On 2026-12-07, at load 10-17 (other
# builds and tests on the 2 cores), BENCH_QUICK=1 BENCH_REPS=1 took 58 min
# (OpenBLAS 20, reference BLAS 38) and estimated a full run at that load at
# about 6 hours (PyTorch's 2-thread runs, up to 30x slower there than its
# 1-thread ones, take most of it): run it on a quiet machine.
#
#   BENCH_QUICK=1        shorter runs (fewer epochs/windows, a shorter corpus)
#   BENCH_REPS=n         repetitions (default 3)
#   BENCH_BLAS="openblas reference"   which BLAS to run (default: both;
#                        run as root, it installs Debian's libopenblas0-pthread
#                        when missing and leaves the system's BLAS as it was;
#                        without OpenBLAS only the reference BLAS); both tools
#                        get the same one, chosen per process through the
#                        library path, whatever update-alternatives says
#   BENCH_CHARS=n        characters of tiny Shakespeare for the character
#                        LSTM (default 200000; quick 40000)
#   OPENBLAS_CORETYPE    for both tools: the fastest measured of its preset value,
#                        SkylakeX (AVX-512 CPUs) and Haswell (AVX2); Debian's OpenBLAS
#                        0.3.21 misdetects new CPUs (bench/coretype.sh)
#   BENCH_CORETYPE=type  use this core type, no search
#   BENCH_ONLY="stock sine"  run only these configurations
set -e
ms() { date +%s%3N; } # milliseconds (GNU date), for the wall lines of the log
started=$(date +%s)
cd "$(dirname "$0")"
here=$(pwd)
# the shared data: ../shared/data beside the checkout (a worktree under
# wt/ has it one level further up)
shared=$SHARED_DATA
for d in "$here/../../shared/data" "$here/../../../shared/data" "$here/../shared/data"; do
  [ -n "$shared" ] || [ ! -d "$d" ] || shared=$(cd "$d" && pwd)
done
shared=${shared:-$here/../../shared/data}
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

# OpenBLAS, for the second set of columns (issue 19: every configuration on
# both BLAS): Debian's libopenblas0-pthread, which python3-torch does not
# pull in.  Each process loads its BLAS through the library path, but the
# package's install also makes OpenBLAS the system's libblas.so.3 and
# liblapack.so.3, so the alternatives are set back to what they were: the
# machine's R keeps the BLAS it had.
multi=/usr/lib/x86_64-linux-gnu
if [ -z "$BENCH_BLAS" ] && [ ! -f $multi/openblas-pthread/libblas.so.3 ] && [ "$(id -u)" = 0 ]; then
  echo "bench: installing Debian's libopenblas0-pthread (the OpenBLAS columns; the system's BLAS stays as it is)"
  alt_was() { update-alternatives --query "$1" 2>/dev/null | sed -n 's/^Value: //p'; }
  blas_was=$(alt_was libblas.so.3-x86_64-linux-gnu)
  lapack_was=$(alt_was liblapack.so.3-x86_64-linux-gnu)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libopenblas0-pthread >/dev/null 2>&1 || {
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libopenblas0-pthread >/dev/null
  }
  [ -z "$blas_was" ] || update-alternatives --quiet --set libblas.so.3-x86_64-linux-gnu "$blas_was"
  [ -z "$lapack_was" ] || update-alternatives --quiet --set liblapack.so.3-x86_64-linux-gnu "$lapack_was"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== installing rnnkit from this tree into a temporary library"
mkdir -p "$work/lib"
R CMD INSTALL --no-test-load -l "$work/lib" .. >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
( cd .. && sh cleanup >/dev/null 2>&1 || true )
echo "== writing the data sets (from $shared)"
Rscript make_data.R "$work/data" "$shared"

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
# (windows timed: the time is scaled to the whole epoch)
configs="
1-stock stock lstm 16 16 5 0 2 0
2-sine sine simple 10 32 50 0 20 0
3-retail retail lstm 20 30 100 0 40 0
4-ohlc ohlc lstm 64,64 64 2 0 1 320
5-large large lstm 512 64 1 640 1 128
6-gru gru gru 128 64 1 0 1 320
8-charlm charlm charlm 128 32 1 0 1 0
7-infer infer infer 16 0 0 0 0 0
7-forecast stock forecast 16 0 0 0 0 0
S-4n stock_4n lstm 16 16 2 0 1 0
S-4t stock_4t lstm 16 16 2 0 1 0
"
[ -f "$work/data/stock.txt" ] || configs=$(echo "$configs" | grep -E '^(2-|5-|6-|8-)')
shake=$shared/tinyshakespeare.txt
[ -f "$shake" ] || configs=$(echo "$configs" | grep -v '^8-')
chars=${BENCH_CHARS:-$( [ "$quick" = 1 ] && echo 40000 || echo 200000 )}
log=$work/bench.log
: >"$log"
echo "$configs" | while read -r id name cell units batch ep nw qep qnw; do
  if [ -n "$id" ] && [ -f "$work/data/$name.txt" ]; then echo "cfg $id $name $cell $units $(cat "$work/data/$name.txt")" >>"$log"; fi
  # the epochs and timed windows of the full and the quick run, for report.R's estimate
  [ -z "$id" ] || echo "plan $id $ep $nw $qep $qnw" >>"$log"
done
cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -1)
# family and model too: a virtual machine's "AMD EPYC" hides the
# generation, and two hosts of one name can differ twofold in AVX-512
# throughput (2026-12-07: OpenBLAS dgemm 76.7 GFLOP/s on one core of one,
# 51 on family 25 model 17, Zen 4, which splits 512-bit operations)
fam=$(sed -n 's/^cpu family[^:]*: *//p' /proc/cpuinfo | head -1)
mdl=$(sed -n 's/^model[^:a-z]*: *//p' /proc/cpuinfo | head -1)
echo "cpu: $cpu (family $fam model $mdl, $(getconf _NPROCESSORS_ONLN) cores)" | tee -a "$log"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')" | tee -a "$log"
echo "quick: $quick" | tee -a "$log"
echo "chars: $chars" | tee -a "$log"
echo "coretypes:${CORETYPE_RATES:- none searched}" | tee -a "$log"
echo "load: at the start $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"

# one character-LSTM run (bench/charlm.R or bench/charlm_torch.py): the
# RESULT line's seconds per epoch (training + validation) and peak RSS
charlm_run() { # who dtype threads blas
  if [ "$1" = rnnkit ]; then
    out=$(R_LD_LIBRARY_PATH=$rl Rscript charlm.R "$shake" --threads "$3" --epochs 1 --max-chars "$chars" \
          --precision "$( [ "$2" = float32 ] && echo single || echo double )")
  else
    out=$(LD_LIBRARY_PATH=$bdir:$ldir OPENBLAS_NUM_THREADS=$3 $py charlm_torch.py "$shake" --threads "$3" --epochs 1 \
          --max-chars "$chars" --blas "$4" $( [ "$2" = float32 ] && echo --float32 ))
    # the tokens of one epoch, for the flop count in report.R
    grep -q '^charcfg' "$log" || echo "$out" | awk '
      /^data vocab/ {v = $3} /^data train_chunks/ {tr = $3} /^data val_chunks/ {va = $3}
      /^data setting/ {E = $4; H = $6; T = $8; B = $10}
      END {print "charcfg", v + 1, E, H, T, B, tr * T * B, va * T * B}' >>"$log"
  fi
  echo "$out" | awk '/^RESULT/ {print $4, $10}'
}

# the directories of a BLAS (bdir: libblas.so.3, ldir: liblapack.so.3) and
# R's library path for it (rl); R's launcher puts R_LD_LIBRARY_PATH first,
# Python reads LD_LIBRARY_PATH
blas_dirs() {
  case $1 in
    openblas) bdir=$multi/openblas-pthread; ldir=$multi/openblas-pthread ;;
    reference) bdir=$multi/blas; ldir=$multi/lapack ;;
    *) echo "bench: unknown BLAS $1" >&2; exit 1 ;;
  esac
  rl="$bdir:$ldir:$(R RHOME)/lib:$multi"
}
export R_LIBS="$work/lib"

# each BLAS once: the libraries R and PyTorch load, and the gemm peaks
blases=
for blas in $BENCH_BLAS; do
  blas_dirs "$blas"
  [ -f "$bdir/libblas.so.3" ] || { echo "bench: $bdir/libblas.so.3 missing; skipping $blas" >&2; continue; }
  blases="$blases $blas"
  blasfile=$(R_LD_LIBRARY_PATH=$rl Rscript -e 'cat(extSoftVersion()[["BLAS"]])')
  core=$(R_LD_LIBRARY_PATH=$rl OPENBLAS_VERBOSE=2 Rscript -e 'invisible(matrix(1,2,2) %*% matrix(1,2,2))' 2>&1 | sed -n 's/^Core: *//p' | head -1)
  tblas=$(LD_LIBRARY_PATH=$bdir:$ldir $py -c 'import torch, re; print([l.split()[-1] for l in open("/proc/self/maps") if re.search(r"libblas|openblas", l)][0])')
  echo "blas $blas R=$blasfile torch=$tblas OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} core=${core:-n/a}" | tee -a "$log"
  n=$( [ $blas = reference ] && echo 768 || echo 2048 )
  t0=$(ms)
  for th in 1 2; do
    # best of three processes: one 2-thread measurement came out at the
    # 1-thread rate (88.6 against 180.8 GFLOP/s in another run).  dgemm
    # through R (rnnkit's BLAS), sgemm through PyTorch (its float32)
    pk=0; ps=0
    for i in 1 2 3; do
      p1=$(R_LD_LIBRARY_PATH=$rl OPENBLAS_NUM_THREADS=$th Rscript peak.R $n)
      pk=$(awk "BEGIN { print ($p1 > $pk) ? $p1 : $pk }")
      p1=$(LD_LIBRARY_PATH=$bdir:$ldir OPENBLAS_NUM_THREADS=$th $py peak_torch.py $n float32 $th)
      ps=$(awk "BEGIN { print ($p1 > $ps) ? $p1 : $ps }")
    done
    echo "peak $blas $th $pk" | tee -a "$log"
    echo "speak $blas $th $ps" | tee -a "$log"
  done
  echo "wall $blas peaks - - - $(( $(ms) - t0 ))" >>"$log"
done
blases=${blases# }
[ -n "$blases" ] || { echo "bench: no BLAS to run" >&2; exit 1; }
# the BLAS in the opposite order, for the even repetitions
blases_rev=$(for b in $blases; do echo "$b"; done | tac | tr '\n' ' ')

# Repetitions outermost, then configurations, then the BLAS (issue 19):
# each configuration runs on one BLAS right after the other, in the order
# of BENCH_BLAS in odd repetitions and the reverse in even ones, so a load
# change during the run (other work on a shared machine) hits the
# reference BLAS and OpenBLAS alike instead of biasing their ratio (the
# BLAS loop was outermost: all of one BLAS, then all of the other)
rep=1
while [ $rep -le "$reps" ]; do
  order=$( [ $((rep % 2)) = 1 ] && echo "$blases" || echo "$blases_rev" )
  echo "$configs" | while read -r id name cell units batch ep nw qep qnw; do
    [ -n "$id" ] || continue
    if [ -n "$BENCH_ONLY" ] && ! echo " $BENCH_ONLY " | grep -q " ${id#*-} "; then continue; fi
    for blas in $order; do
      blas_dirs "$blas"
      e=$ep; w=$nw
      if [ "$quick" = 1 ]; then e=$qep; w=$qnw; fi
      args="$work/data $name $cell $units $batch $e $w"
      # PyTorch times 256 windows of LSTM(512) on the reference BLAS (still
      # scaled to the whole epoch): it takes minutes per epoch there.
      # rnnkit times the same windows on both BLAS: an rnn_fit() has a
      # fixed cost besides the batches (about 1 s for LSTM(512) on a busy
      # machine, whatever the BLAS), which scaled by 1850/256 instead of
      # 1850/640 made the reference BLAS look slower (issue 19)
      targs=$args
      if [ "$quick" != 1 ] && [ "$blas:$id" = reference:5-large ]; then
        targs="$work/data $name $cell $units $batch $e 256"
      fi
      # rnnkit and PyTorch each in both precisions (rnnkit's double and
      # single: precision = "double"/"single"), each on 1 and 2 threads
      # (rnnkit's BLAS on one: its own threads split the work; PyTorch's
      # OpenBLAS on as many as torch.set_num_threads)
      for dt in float64 float32; do
        for th in 1 2; do
          t0=$(ms)
          if [ "$cell" = charlm ]; then
            r=$(charlm_run rnnkit $dt $th $blas)
          else
            r=$(R_LD_LIBRARY_PATH=$rl Rscript rnnkit_bench.R $args $th "$( [ $dt = float32 ] && echo single || echo double )")
            r=${r#* }
          fi
          echo "run $blas $id rnnkit $dt $th $r" | tee -a "$log"
          echo "wall $blas $id rnnkit $dt $th $(( $(ms) - t0 ))" >>"$log"
        done
      done
      for dt in float32 float64; do
        for th in 1 2; do
          t0=$(ms)
          if [ "$cell" = charlm ]; then
            r=$(charlm_run torch $dt $th $blas)
          else
            r=$(LD_LIBRARY_PATH=$bdir:$ldir OPENBLAS_NUM_THREADS=$th $py torch_bench.py $targs $th $dt)
            r=${r#* }
          fi
          echo "run $blas $id torch $dt $th $r" | tee -a "$log"
          echo "wall $blas $id torch $dt $th $(( $(ms) - t0 ))" >>"$log"
        done
      done
    done
  done
  # rnn_fit_many() on the first BLAS, once per repetition
  blas=${blases%% *}
  if [ -f "$shared/djia/IBM_2006-01-01_to_2018-01-01.csv" ] && [ -z "$BENCH_ONLY" ]; then
    blas_dirs "$blas"
    t0=$(ms)
    R_LD_LIBRARY_PATH=$rl Rscript fit_many_bench.R "$shared" "$( [ "$quick" = 1 ] && echo 1 || echo 2 )" |
      while read -r tag mode sec; do echo "many $blas $mode $sec" | tee -a "$log"; done
    echo "wall $blas many - - - $(( $(ms) - t0 ))" >>"$log"
  fi
  rep=$((rep + 1))
done
echo "load: at the end $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$log"
echo "elapsed: $(( $(date +%s) - started )) s" | tee -a "$log"
cp "$log" "$here/bench.log.last"
Rscript report.R "$log" RESULTS.md
