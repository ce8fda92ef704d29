#!/bin/sh
# The metamorphic tests of the Octave package (tests/octave/metamorphic.m):
# the same question asked in every form the functions accept gives the
# same answer, and every function runs on every kind of model.  Runs them
# in a child octave under a timeout against the rnnkit installed in LIST,
# prints each case's PASS/FAIL line and the last line
# "metamorphic: N passed, F failed"; exits non-zero on any failure.
#   sh tools/octave-metamorphic.sh LIST [GLOBAL_LIST]
# LIST is the pkg local_list file rnnkit is installed in (tools/octave-
# check.sh writes DIR/list and DIR/global_list and calls this).
set -e
: "${1:?usage: octave-metamorphic.sh LIST [GLOBAL_LIST]}"
list=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
glist=${2:-$(dirname "$list")/global_list}
root=$(cd "$(dirname "$0")/.." && pwd)
OCTAVE=${OCTAVE:-octave-cli}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
timeout 600 $OCTAVE --no-gui --norc -q --eval "
  pkg ('local_list', '$list');
  pkg ('global_list', '$glist');
  pkg load rnnkit;
  addpath ('$root/tests/octave');
  metamorphic ();" >"$out" 2>&1 || status=$?
grep -v 'ignoring const execution_exception' "$out" | grep -v '^PASS ' || true
if [ $status -ne 0 ] || ! grep -q '^metamorphic: [0-9]* passed, 0 failed$' "$out"; then
  echo >&2
  echo "octave metamorphic tests: FAILED (exit status $status; 124 is a hang)" >&2
  exit 1
fi
