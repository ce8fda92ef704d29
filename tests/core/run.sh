#!/bin/sh
# Builds the C core alone (strict C99, warnings as errors, no R headers)
# with tests/core/test_core.c and runs it.
set -e
cd "$(dirname "$0")"
R=${R:-R}
CC=$($R CMD config CC)
LIBS="$($R CMD config LAPACK_LIBS) $($R CMD config BLAS_LIBS) $($R CMD config FLIBS)"
out=$(mktemp -d)
$CC -std=c99 -Wall -Wextra -pedantic -Werror -O2 -o "$out/test_core" \
  test_core.c ../../src/core/*.c $LIBS -lm
"$out/test_core"
rm -rf "$out"
