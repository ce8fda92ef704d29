#!/bin/sh
# Installs the Octave package tarball with pkg install (offline) into the
# prefix DIR/pkg (DIR defaults to a temporary directory, removed after),
# runs pkg test rnnkit there, then the property test of random malformed
# inputs (tests/octave/random_inputs.m, in a child octave under a timeout
# and a memory limit, so that a crash or a hang is a failure), the fault
# injection of saves (tests/octave/save_faults.m: a file size limit, a
# full tmpfs as root, SIGKILL in mid-save), parity with PyTorch on the
# fixtures R's tests read (tests/octave/parity.m), the Ctrl-C test
# (tools/octave-interrupt.sh) and the metamorphic tests
# (tools/octave-metamorphic.sh); prints their results and last
# "octave: N passed, N failed" (pkg test's counts); exits non-zero on any
# failure.  DIR/list is the pkg local_list file that later steps (the
# cross-host test) load the package with.
#   sh tools/octave-check.sh TARBALL [DIR]
# RANDOM_INPUTS_N (300) malformed calls per function, RANDOM_INPUTS_SEED (1).
set -e
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
OCTAVE=${OCTAVE:-octave-cli}
if [ -n "$2" ]; then
  rm -rf "$2" && mkdir -p "$2"
  dir=$(cd "$2" && pwd)
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
cd "$dir"
# -local and a global list of our own: run as root, pkg install would
# otherwise record the package in Octave's system-wide list, where it
# outlives DIR and shadows (or is shadowed by) other runs' installs.
$OCTAVE --no-gui --norc -q --eval "
  pkg ('prefix', '$dir/pkg', '$dir/pkg');
  pkg ('local_list', '$dir/list');
  pkg ('global_list', '$dir/global_list');
  pkg ('install', '-local', '-nodeps', '$tarball');
  pkg ('test', 'rnnkit');" >"$dir/test.log" 2>&1 || { cat "$dir/test.log"; exit 1; }
grep -E '\.m .* (pass|FAIL)' "$dir/test.log" | sed 's/^ *[^ ]*rnnkit-[0-9.]*\/\([@a-z_/]*\.m\)/  \1/' || true
# the summary's PASS and FAIL (a file with failures has a FAIL line too)
pass=$(sed -n 's/^ *PASS *\([0-9]*\)$/\1/p' "$dir/test.log" | tail -1)
fail=$(sed -n 's/^ *FAIL *\([0-9]*\)$/\1/p' "$dir/test.log" | tail -1)
if [ -z "$pass" ]; then
  cat "$dir/test.log"
  echo "octave: pkg test printed no summary" >&2
  exit 1
fi
fail=${fail:-0}
if [ "$fail" != 0 ]; then
  cat "$dir/fntests.log"
fi

# random malformed inputs: each call is written to random_inputs.log
# before it is made, so a crash (exit 128+signal) or a hang (124) names it
status=0
( ulimit -v 6000000
  timeout 900 $OCTAVE --no-gui --norc -q --eval "
    pkg ('local_list', '$dir/list');
    pkg ('global_list', '$dir/global_list');
    pkg load rnnkit;
    addpath ('$root/tests/octave');
    random_inputs (${RANDOM_INPUTS_N:-300}, ${RANDOM_INPUTS_SEED:-1}, '$dir/random_inputs.log');"
) >"$dir/random_inputs.out" 2>&1 || status=$?
if [ $status -ne 0 ] || ! grep -q '^random inputs: .* 0 failures$' "$dir/random_inputs.out"; then
  grep -a '^FAIL\|^error' "$dir/random_inputs.out" | head -40
  echo "octave random inputs: FAILED (exit status $status; 124 is a hang, 128+N signal N); the last call made:" >&2
  tail -1 "$dir/random_inputs.log" >&2
  fail=$((fail + 1))
else
  sed -n 's/^random inputs: /octave random inputs: /p' "$dir/random_inputs.out"
fi

# saves that fail (file size limit, a full tmpfs as root) or are killed
# keep the previous file whole (tests/octave/save_faults.m)
if timeout 600 $OCTAVE --no-gui --norc -q --eval "
    pkg ('local_list', '$dir/list');
    pkg ('global_list', '$dir/global_list');
    pkg load rnnkit;
    addpath ('$root/tests/octave');
    save_faults ();" >"$dir/save_faults.out" 2>&1; then
  sed -n 's/^save faults: /octave save faults: /p' "$dir/save_faults.out"
else
  grep -a '^FAILED\|^error' "$dir/save_faults.out" | head -40
  echo "octave save faults: FAILED" >&2
  fail=$((fail + 1))
fi

# parity with PyTorch: the fixtures R's tests read (tests/octave/parity.m)
if timeout 600 $OCTAVE --no-gui --norc -q --eval "
    pkg ('local_list', '$dir/list');
    pkg ('global_list', '$dir/global_list');
    pkg load rnnkit;
    addpath ('$root/tests/octave');
    parity ('$root/tests/testthat/fixtures');" >"$dir/parity.out" 2>&1; then
  sed -n 's/^parity: /octave parity with PyTorch: /p' "$dir/parity.out"
else
  grep -a '^parity\|^error' "$dir/parity.out" | head -40
  echo "octave parity with PyTorch: FAILED" >&2
  fail=$((fail + 1))
fi

sh "$root/tools/octave-interrupt.sh" "$dir/list" "$dir/global_list" || fail=$((fail + 1))
sh "$root/tools/octave-metamorphic.sh" "$dir/list" "$dir/global_list" || fail=$((fail + 1))

echo "octave: $pass passed, $fail failed"
[ "$fail" = 0 ]
