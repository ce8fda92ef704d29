#!/bin/sh
# Installs the Octave package tarball with pkg install (offline) into the
# prefix DIR/pkg (DIR defaults to a temporary directory, removed after),
# runs pkg test rnnkit there and prints "octave: N passed, N failed";
# exits non-zero on any failure.  DIR/list is the pkg local_list file
# that later steps (the cross-host test) load the package with.
set -e
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
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
grep -E '\.m .* (pass|FAIL)' "$dir/test.log" | sed 's/^ *[^ ]*\/\(rnn_[a-z_]*\.m\)/  \1/' || true
pass=$(sed -n 's/^ *PASS *\([0-9]*\)$/\1/p' "$dir/test.log")
fail=$(sed -n 's/^ *FAIL *\([0-9]*\)$/\1/p' "$dir/test.log")
if [ -z "$pass" ]; then
  cat "$dir/test.log"
  echo "octave: pkg test printed no summary" >&2
  exit 1
fi
fail=${fail:-0}
if [ "$fail" != 0 ]; then
  cat "$dir/fntests.log"
fi
echo "octave: $pass passed, $fail failed"
[ "$fail" = 0 ]
