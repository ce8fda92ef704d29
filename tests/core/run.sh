#!/bin/sh
# Builds the C core alone (strict C99, warnings as errors, no R headers)
# with tests/core/test_core.c and runs it.
set -e
cd "$(dirname "$0")"
R=${R:-R}
CC=$($R CMD config CC)
LIBS="$($R CMD config LAPACK_LIBS) $($R CMD config BLAS_LIBS) $($R CMD config FLIBS)"
out=$(mktemp -d)
# OpenMP as R builds the package with it, so that the tests of 1 and 2
# threads run two threads (issue 19); none when the compiler has none
OMP=$(sed -n 's/^SHLIB_OPENMP_CFLAGS *= *//p' "$($R RHOME)/etc/Makeconf" 2>/dev/null || true)
echo 'int main(void) { return 0; }' >"$out/omp.c"
$CC $OMP -o "$out/omp" "$out/omp.c" >/dev/null 2>&1 || OMP=
# the PyTorch fixtures the single-precision engine is checked on (issue 19)
RNN_FIXTURES=$(pwd)/../testthat/fixtures
export RNN_FIXTURES
$CC -std=c99 -Wall -Wextra -pedantic -Werror -O2 $OMP -o "$out/test_core" \
  test_core.c ../../src/core/*.c $LIBS -lm
# a locale whose decimal point is ',' for the CSV reader's test (issue 18)
mkdir -p "$out/loc"
if localedef -i de_DE -f UTF-8 "$out/loc/de_DE.UTF-8" >/dev/null 2>&1 ||
   [ -d "$out/loc/de_DE.UTF-8" ]; then
  LOCPATH="$out/loc"
  export LOCPATH
fi
st=0
(cd "$out" && ./test_core) >"$out/log" || st=$?
cat "$out/log"
[ $st -eq 0 ] || exit $st
# the portable build (no SIMD clones, no vector extensions) must train to
# the same bits as the one above
$CC -std=c99 -Wall -Wextra -pedantic -Werror -O2 $OMP -DRNN_NO_CLONES \
  -DRNN_NO_VECTOR_EXT -o "$out/test_plain" test_core.c ../../src/core/*.c $LIBS -lm
(cd "$out" && ./test_plain) >"$out/log_plain"
a=$(grep '^core: digest' "$out/log"); b=$(grep '^core: digest' "$out/log_plain")
if [ -z "$a" ] || [ "$a" != "$b" ]; then
  echo "FAILED: the portable build trains to other bits ($b) than the SIMD build ($a)"
  exit 1
fi
a=$(grep '^core: rows digest' "$out/log"); b=$(grep '^core: rows digest' "$out/log_plain")
if [ -z "$a" ] || [ "$a" != "$b" ]; then
  echo "FAILED: the portable build's gate-row split trains to other bits ($b) than the SIMD build's ($a)"
  exit 1
fi
a=$(grep '^core: gemm digest' "$out/log"); b=$(grep '^core: gemm digest' "$out/log_plain")
if [ -z "$a" ] || [ "$a" != "$b" ]; then
  echo "FAILED: the portable build's packed kernel gives other bits ($b) than the SIMD build's ($a)"
  exit 1
fi
sa=$(grep '^core: single digest' "$out/log"); sb=$(grep '^core: single digest' "$out/log_plain")
if [ -z "$sa" ] || [ "$sa" != "$sb" ]; then
  echo "FAILED: the portable build trains in single precision to other bits ($sb) than the SIMD build ($sa)"
  exit 1
fi
fa=$(grep '^core: float activations digest' "$out/log"); fb=$(grep '^core: float activations digest' "$out/log_plain")
if [ -z "$fa" ] || [ "$fa" != "$fb" ]; then
  echo "FAILED: the portable build's float sigmoid/tanh give other bits ($fb) than the SIMD build's ($fa)"
  exit 1
fi
echo "core: the portable build trains to the same bits"
echo "core: the portable build's float sigmoid/tanh give the same bits"
echo "core: the portable build trains to the same bits in single precision"
echo "core: the portable build's packed kernel gives the same bits"
# the packed kernels' register block in passes of 32 bytes of rows (SSE2
# vectors), of 64 bytes (AVX2) and in one pass of 128 bytes by 8 columns
# (AVX-512), double and float, each built for its instruction set without
# clones where the CPU has it: the same bits too
for flags in "" "-mavx2" "-mavx512f"; do
  isa=${flags#-m}
  if [ -n "$isa" ] && ! grep -qw "$isa" /proc/cpuinfo 2>/dev/null; then
    echo "core: no $isa on this CPU, its build is not compared"
    continue
  fi
  $CC -std=c99 -Wall -Wextra -pedantic -Werror -O2 -DRNN_NO_CLONES $flags \
    -o "$out/test_simd" test_core.c ../../src/core/*.c $LIBS -lm
  (cd "$out" && ./test_simd) >"$out/log_simd"
  b=$(grep '^core: gemm digest' "$out/log_simd")
  if [ -z "$b" ] || [ "$a" != "$b" ]; then
    echo "FAILED: the packed kernel built with -DRNN_NO_CLONES $flags gives other bits ($b) than ($a)"
    exit 1
  fi
  fb=$(grep '^core: float activations digest' "$out/log_simd")
  if [ -z "$fb" ] || [ "$fa" != "$fb" ]; then
    echo "FAILED: the float sigmoid/tanh built with -DRNN_NO_CLONES $flags give other bits ($fb) than ($fa)"
    exit 1
  fi
  echo "core: the float sigmoid/tanh without clones ($flags) give the same bits"
  echo "core: the packed kernel without clones ($flags) gives the same bits"
done
rm -rf "$out"
