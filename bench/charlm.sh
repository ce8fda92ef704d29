#!/bin/sh
# Character LSTM on tiny Shakespeare: rnnkit (bench/charlm.R) and PyTorch
# (bench/charlm_torch.py) on the same chunks, model, optimizer and epochs,
# one after the other with the same BLAS and core type.
#
#   sh bench/charlm.sh [--epochs 3] [--max-chars N]     (from the repository root)
#
# Installs python3-torch (Debian) if missing, builds rnnkit into a
# temporary library, runs both on OpenBLAS (the fastest OPENBLAS_CORETYPE
# measured, see bench/coretype.sh; one BLAS thread) when it is installed,
# else on the reference BLAS, and prints their RESULT lines.  Uses ../shared/data/tinyshakespeare.txt.
set -e
cd "$(dirname "$0")/.."
data=${CHARLM_DATA:-../shared/data/tinyshakespeare.txt}
[ -f "$data" ] || { echo "charlm: $data not found" >&2; exit 1; }
py=python3; [ -x /usr/bin/python3 ] && py=/usr/bin/python3 # Debian's, not a pyenv one
if ! $py -c 'import torch' 2>/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get install -y python3-torch >/dev/null
fi
multi=/usr/lib/x86_64-linux-gnu
if [ -f $multi/openblas-pthread/libblas.so.3 ]; then
  bdir=$multi/openblas-pthread; ldir=$multi/openblas-pthread
else
  bdir=$multi/blas; ldir=$multi/lapack
fi
if [ "$bdir" = $multi/openblas-pthread ]; then
  . bench/coretype.sh
  pick_coretype "$bdir:$(R RHOME)/lib:$multi" bench
  echo "charlm: OpenBLAS core types (dgemm GFLOP/s, 1 thread):$CORETYPE_RATES"
fi
export OPENBLAS_CORETYPE OPENBLAS_NUM_THREADS=1
lib=$(mktemp -d)
R CMD INSTALL --no-test-load -l "$lib" . >"$lib/install.log" 2>&1 || { cat "$lib/install.log"; exit 1; }
rm -f src/*.o src/core/*.o src/*.so
rl="$bdir:$ldir:$(R RHOME)/lib:$multi"
echo "charlm: BLAS $bdir, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, load $(cut -d' ' -f1-3 /proc/loadavg)"
R_LD_LIBRARY_PATH=$rl Rscript bench/charlm.R "$data" --lib "$lib" --threads 2 "$@"
# PyTorch's best setting on this 2-core machine is one thread (1 vs 2:
# 20.4 vs 78.9 s per epoch in bench/charlm-results.md)
LD_LIBRARY_PATH=$bdir:$ldir $py bench/charlm_torch.py "$data" --threads 1 "$@"
rm -rf "$lib"
