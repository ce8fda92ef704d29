#!/bin/sh
# The testthat suite with rnnkit's C code compiled under AddressSanitizer
# and UndefinedBehaviorSanitizer (-fno-sanitize-recover: the first report
# aborts the run), in R started with the sanitizer runtimes preloaded.
# Leak detection is off here (R itself does not free everything at exit);
# valgrind (tools/valgrind.sh) looks for leaks.  Usage:
#   sh tools/sanitize.sh [rnnkit_VERSION.tar.gz]
set -e
cd "$(dirname "$0")/.."
R=${R:-R}
CC=$($R CMD config CC)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cat > "$work/Makevars" <<MK
CC = $CC $san
CFLAGS = -g -O1 -Wall
MK
mkdir -p "$work/lib"
# Install from a tarball (argument 1, or one built here): R compiles it in
# a temporary directory, so no instrumented objects are left in src/ for a
# later ordinary install to pick up.
tarball=$1
if [ -z "$tarball" ]; then
  (cd "$work" && $R CMD build --no-build-vignettes "$OLDPWD" >build.log 2>&1) ||
    { cat "$work/build.log"; exit 1; }
  tarball=$(ls "$work"/rnnkit_*.tar.gz)
fi
R_MAKEVARS_USER="$work/Makevars" $R CMD INSTALL --no-test-load -l "$work/lib" "$tarball" \
  >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
grep -q -- "-fsanitize=address" "$work/install.log" || { echo "sanitizer flags not used" >&2; exit 1; }
asan=$($CC -print-file-name=libasan.so)
ubsan=$($CC -print-file-name=libubsan.so)
LD_PRELOAD="$asan:$ubsan" \
ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1" \
UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
R_LIBS="$work/lib" Rscript tools/run-tests.R tests/testthat
