#!/bin/sh
# Builds bench/kernels.c with the core (as R compiles it: R's CC and
# CFLAGS, the BLAS R links) and prints GFLOP/s of the Fortran BLAS's
# dgemm and sgemm, the packed kernels (packing per call, and with A packed once) and
# the small-matrix kernel on the products of LSTM(128) and LSTM(512)
# training.  Usage: sh bench/kernels.sh [REPS]
# Another BLAS: BLAS_LIB=/usr/lib/x86_64-linux-gnu/openblas-pthread
# (a directory holding libblas.so.3) puts it first on LD_LIBRARY_PATH;
# OPENBLAS_CORETYPE and OPENBLAS_NUM_THREADS=1 pass through.
set -e
cd "$(dirname "$0")"
R=${R:-R}
CC=$($R CMD config CC)
CFLAGS=$($R CMD config CFLAGS)
LIBS="$($R CMD config LAPACK_LIBS) $($R CMD config BLAS_LIBS) $($R CMD config FLIBS)"
out=$(mktemp -d)
$CC $CFLAGS -o "$out/kernels" kernels.c ../src/core/*.c $LIBS -lm
if [ -n "$BLAS_LIB" ]; then
  LD_LIBRARY_PATH=$BLAS_LIB${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
  export LD_LIBRARY_PATH
fi
echo "BLAS: $(ldd "$out/kernels" | grep -o 'lib[a-z]*blas[^ ]* => [^ ]*' | head -1)"
"$out/kernels" "${1:-7}"
rm -rf "$out"
