#!/bin/sh
# Builds the libFuzzer harnesses (clang, -fsanitize=fuzzer,address,undefined)
# and runs each for a bounded time (FUZZ_SECONDS, default 60) from the
# committed seed corpus; any crash fails, and the crashing input is saved
# in tests/fuzz/crashes/ to become a regression seed.
set -e
cd "$(dirname "$0")"
secs=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang-14}
R=${R:-R}
LIBS="$($R CMD config LAPACK_LIBS) $($R CMD config BLAS_LIBS) $($R CMD config FLIBS)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p crashes
for h in config modelfile csv; do
  $CC -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -o "$out/fuzz_$h" "fuzz_$h.c" ../../src/core/*.c $LIBS -lm
  mkdir -p "$out/corpus_$h"
  cp corpus_$h/* "$out/corpus_$h/"
  echo "fuzz_$h: ${secs}s"
  ASAN_OPTIONS=detect_leaks=1 "$out/fuzz_$h" -max_total_time="$secs" -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix=crashes/ -print_final_stats=1 \
    "$out/corpus_$h" 2>"$out/log_$h" || { tail -60 "$out/log_$h"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::new_units_added|Done [0-9]+ runs" "$out/log_$h" || true
done
