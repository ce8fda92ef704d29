#!/bin/sh
# The testthat suite under valgrind (memcheck): any invalid read or write,
# use of uninitialised memory, or definitely-lost block fails the run.
# Uses the package as installed by tools/test.sh (or the library in $1).
set -e
cd "$(dirname "$0")/.."
R=${R:-R}
lib=${1:-check/lib}
log=$(mktemp)
R_LIBS="$lib${R_LIBS:+:$R_LIBS}" $R --vanilla --quiet -d "valgrind --leak-check=full \
  --errors-for-leak-kinds=definite --error-exitcode=99 --track-origins=yes \
  --log-file=$log" -e 'source("tools/run-tests.R")' --args tests/testthat >"$log.out" 2>&1 || status=$?
tail -1 "$log.out"
grep -E "ERROR SUMMARY|definitely lost" "$log" || true
if [ "${status:-0}" -ne 0 ]; then
  echo "valgrind found errors (exit $status):" >&2
  grep -B2 -A25 -E "Invalid|uninitialised|definitely lost in" "$log" | head -120 >&2
  exit 1
fi
