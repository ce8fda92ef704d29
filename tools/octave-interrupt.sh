#!/bin/sh
# Ctrl-C in the middle of rnn_fit in Octave: starts octave running a long
# fit, sends it SIGINT once the fit is under way, and checks that the fit
# stopped early (status.interrupted, fewer epochs than asked), that the
# returned model predicts, that the same session then fits again and
# prints a marker, and that octave exits 0.  Runs once quiet, once
# with the progress lines of a log on (the verbose path calls into
# Octave from inside the training loop) and once with the line redrawn
# in place (as on a terminal), once drawing the loss curve ('Plots'),
# then three times with a
# 'Checkpoint' saved after every epoch (a SIGINT inside the save is an
# Octave interrupt in Octave code that the MEX gateway called; the
# checkpoint file must then be complete, of that epoch or the one before,
# with no temporary file (.ck.rnnk.tmpXXXXXX) left).
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

# Runs $dir/fit.m in octave (output in $dir/out.txt), sends it SIGINT 2 s
# after the script made $dir/started, and waits for octave to end; sets
# $status to octave's exit status (1 if it was still running 60 s after
# the SIGINT).  $1 names the case in messages.
interrupt_fit() {
  rm -f "$dir/started"
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
    echo "octave interrupt ($1): octave still running 60 s after SIGINT" >&2
    status=1
  fi
  wait "$pid" || status=$?
  pid=
}

# True if octave exited 0 and out.txt shows what every case needs after
# the interrupted fit: the model predicts, the session fitted again, the
# rnnkit:interrupted warning.
fit_returned() {
  [ $status -eq 0 ] && grep -q '^predicts 1$' "$dir/out.txt" &&
    grep -q '^second fit 2$' "$dir/out.txt" &&
    grep -q 'warning: rnn_fit: training interrupted' "$dir/out.txt"
}

run() { # $1: verbose (true/false, or "terminal": the line redrawn in place)
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
  interrupt_fit "Verbose $1"
  epochs=$(sed -n 's/^epochs \([0-9]*\) interrupted 1$/\1/p' "$dir/out.txt")
  if ! fit_returned || [ -z "$epochs" ] || [ "$epochs" -ge 5000 ]; then
    cat "$dir/out.txt"
    echo "octave interrupt (Verbose $1): FAILED (exit status $status)" >&2
    exit 1
  fi
  echo "octave interrupt (Verbose $1): SIGINT stopped the fit after $epochs of 5000 epochs; the model predicts, the session fitted again and exited 0"
}

# A checkpoint after every epoch of a small model.  Measured with Octave
# 7.3, the save (Octave code: rnn_save, then the core's write) takes about 90% of
# each epoch (4.4 ms of an epoch against 0.5 ms without checkpoints), so
# a SIGINT lands inside it about 9 times in 10, and rnn_fit's warning says
# when it did.  Each run must return the model wherever the SIGINT landed;
# at least one of the three must have landed inside a save (all three
# missing one has a chance of about 1 in 1000), or the case proved
# nothing and fails.
run_checkpoint() { # $1: run number
  cat >"$dir/fit.m" <<EOF
pkg ('local_list', '$list');
pkg ('global_list', '$glist');
pkg load rnnkit;
x = rand (100, 10); y = rand (100, 1);
f = '$dir/ck.rnnk';
fclose (fopen ('$dir/started', 'w'));
m = rnn_fit (x, y, "Units", 3, "Epochs", 100000, "Checkpoint", f, "Seed", 1, ...
             "Verbose", false);
printf ("epochs %d interrupted %d\n", m.status.epochs_run, m.status.interrupted);
ck = rnn_load (f);
printf ("checkpoint %d partial %d\n", ck.status.epochs_run, numel (glob ('$dir/.ck.rnnk.tmp*')));
printf ("predicts %d\n", all (isfinite (rnn_predict (m, x(1:5, :)))));
m2 = rnn_fit (x(1:50, :), y(1:50), "Units", 3, "Epochs", 2, "Verbose", false);
printf ("second fit %d\n", m2.status.epochs_run);
EOF
  rm -f "$dir/ck.rnnk" "$dir"/.ck.rnnk.tmp*
  interrupt_fit "Checkpoint, run $1"
  epochs=$(sed -n 's/^epochs \([0-9]*\) interrupted 1$/\1/p' "$dir/out.txt")
  ck=$(sed -n 's/^checkpoint \([0-9]*\) partial 0$/\1/p' "$dir/out.txt")
  if ! fit_returned || [ -z "$epochs" ] || [ "$epochs" -ge 100000 ] ||
     [ -z "$ck" ] || [ "$ck" -gt "$epochs" ] || [ "$ck" -lt $((epochs - 1)) ]; then
    cat "$dir/out.txt"
    echo "octave interrupt (Checkpoint, run $1): FAILED (exit status $status)" >&2
    exit 1
  fi
  if grep -q 'was being saved' "$dir/out.txt"; then
    in_save=$((in_save + 1))
    where="inside the save of epoch $epochs"
  else
    where="between saves"
  fi
  echo "octave interrupt (Checkpoint, run $1): SIGINT $where stopped the fit after $epochs epochs; the checkpoint file holds epoch $ck, no partial file; the session fitted again and exited 0"
}

run false
run true
run '"terminal"'
# 'Plots' 'training-progress': the curve's redraw is Octave code that the
# MEX calls after each epoch (a note instead where no toolkit exists)
run '"log", "Plots", "training-progress"'
in_save=0
run_checkpoint 1
run_checkpoint 2
run_checkpoint 3
if [ $in_save -eq 0 ]; then
  echo "octave interrupt (Checkpoint): no SIGINT of three landed inside a save; the case proved nothing" >&2
  exit 1
fi
