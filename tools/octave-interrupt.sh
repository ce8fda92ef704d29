#!/bin/sh
# Ctrl-C in the middle of rnn_fit in Octave: starts octave running a long
# fit, sends it SIGINT once the fit is under way, and checks that the fit
# stopped early (status.interrupted, fewer epochs than asked), that the
# returned model predicts, that the same session then fits again and
# prints a marker, and that octave exits 0.  Runs once quiet and once
# with the per-epoch progress lines on (the verbose path calls into
# Octave from inside the training loop).
#   sh tools/octave-interrupt.sh LIST [GLOBAL_LIST]
# LIST is the pkg local_list file rnnkit is installed in (tools/octave-
# check.sh writes DIR/list and DIR/global_list and calls this).
set -e
: "${1:?usage: octave-interrupt.sh LIST [GLOBAL_LIST]}"
list=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
glist=${2:-$(dirname "$list")/global_list}
OCTAVE=${OCTAVE:-octave-cli}
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

run() { # $1: verbose (true/false)
  rm -f "$dir/started"
  cat >"$dir/fit.m" <<EOF
pkg ('local_list', '$list');
pkg ('global_list', '$glist');
pkg load rnnkit;
x = rand (3000, 30); y = rand (3000, 1);
fclose (fopen ('$dir/started', 'w'));
m = rnn_fit (x, y, "Units", 32, "Epochs", 5000, "Seed", 1, "Verbose", $1);
printf ("epochs %d interrupted %d\n", m.status.epochs_run, m.status.interrupted);
printf ("predicts %d\n", all (isfinite (rnn_predict (m, x(1:5, :)))));
m2 = rnn_fit (x(1:50, :), y(1:50), "Units", 3, "Epochs", 2, "Verbose", false);
printf ("second fit %d\n", m2.status.epochs_run);
EOF
  $OCTAVE --no-gui --norc -q "$dir/fit.m" >"$dir/out.txt" 2>&1 &
  pid=$!
  waited=0
  while [ ! -f "$dir/started" ] && [ $waited -lt 120 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  sleep 2 # inside rnn_fit's training loop by now
  kill -INT "$pid"
  waited=0
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 120 ]; do
    sleep 0.5
    waited=$((waited + 1))
  done
  status=0
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    echo "octave interrupt (Verbose $1): octave still running 60 s after SIGINT" >&2
    status=1
  fi
  wait "$pid" || status=$?
  pid=
  epochs=$(sed -n 's/^epochs \([0-9]*\) interrupted 1$/\1/p' "$dir/out.txt")
  if [ $status -ne 0 ] || [ -z "$epochs" ] || [ "$epochs" -ge 5000 ] ||
     ! grep -q '^predicts 1$' "$dir/out.txt" ||
     ! grep -q '^second fit 2$' "$dir/out.txt" ||
     ! grep -q 'warning: rnn_fit: training interrupted' "$dir/out.txt"; then
    cat "$dir/out.txt"
    echo "octave interrupt (Verbose $1): FAILED (exit status $status)" >&2
    exit 1
  fi
  echo "octave interrupt (Verbose $1): SIGINT stopped the fit after $epochs of 5000 epochs; the model predicts, the session fitted again and exited 0"
}

run false
run true
