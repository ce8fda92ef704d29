#!/bin/sh
# The testthat suite under valgrind (memcheck): any invalid read or write,
# use of uninitialised memory, or definitely-lost block fails the run.
# Uses the package as installed by tools/test.sh (or the library in $1).
set -e
cd "$(dirname "$0")/.."
R=${R:-R}
lib=${1:-check/lib}
log=$(mktemp)
# Valgrind runs optimised BLAS kernels (OpenBLAS, whose Haswell/Zen kernels
# use FMA) with results that differ in the last bit from the same kernels
# run natively, so a test comparing a fit in this process with fits in
# PSOCK workers (native) fails for valgrind's sake, not rnnkit's.  When
# Debian's reference BLAS/LAPACK are installed, run the suite on them: the
# workers inherit the setting, and memcheck's subject, rnnkit's C code, is
# the same.
arch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
if [ -f "/usr/lib/$arch/blas/libblas.so.3" ] && [ -f "/usr/lib/$arch/lapack/liblapack.so.3" ]; then
  refblas=$(mktemp -d)
  ln -s "/usr/lib/$arch/blas/libblas.so.3" "/usr/lib/$arch/lapack/liblapack.so.3" "$refblas/"
  R_LD_LIBRARY_PATH="$refblas:$($R RHOME)/lib:/usr/lib/$arch"
  export R_LD_LIBRARY_PATH
  echo "valgrind: with the reference BLAS/LAPACK"
fi
R_LIBS="$lib${R_LIBS:+:$R_LIBS}" $R --vanilla --quiet -d "valgrind --leak-check=full \
  --errors-for-leak-kinds=definite --error-exitcode=99 --track-origins=yes \
  --suppressions=tools/valgrind.supp \
  --log-file=$log" -e 'source("tools/run-tests.R")' --args tests/testthat >"$log.out" 2>&1 || status=$?
[ -z "${refblas:-}" ] || rm -rf "$refblas"
tail -1 "$log.out"
grep -E "ERROR SUMMARY|definitely lost" "$log" || true
if [ "${status:-0}" -ne 0 ]; then
  echo "valgrind found errors (exit $status):" >&2
  grep -B2 -A25 -E "Invalid|uninitialised|definitely lost in" "$log" | head -120 >&2
  exit 1
fi
