#!/bin/sh
# The README's test command (make test) runs this, on a fresh clone too:
# install the full dependencies (tools/install-deps.sh full), run
# `make demo` and check that it leaves `git status` as it was (and that
# .Rbuildignore covers what a user's R session leaves behind), build the
# tarball, R CMD check --as-cran it (which also runs tests/testthat), fail
# on any ERROR, WARNING or NOTE, build and run the core's own C test, fuzz
# the core's validation with libFuzzer, run the testthat suite with the C
# code under ASAN+UBSAN and under valgrind (valgrind in the background,
# beside the stages after it), then run it against the installed tarball;
# then build the Octave package, pkg install and pkg test it, run the
# R <-> Octave cross-host test and the README's Octave example, and print
# the counts and a table of the stages and their times (also in
# check/stages.txt).  make check (tools/check.sh) is the quick loop.
set -e
cd "$(dirname "$0")/.."
# A time zone for R: without TZ, R's Sys.timezone() asks timedatectl,
# which prints to stderr where systemd is not running (containers); the
# tsibble stack (anytime) asks it when it loads, and R CMD check reports
# the output as a NOTE
export TZ="${TZ:-$(cat /etc/timezone 2>/dev/null || echo UTC)}"
R=${R:-R}
version=$(sed -n 's/^Version: *//p' DESCRIPTION)
tarball="rnnkit_${version}.tar.gz"
out=check
rm -rf "$out" && mkdir -p "$out"
stages_title="make test"
stages_file="$out/stages.txt"
. tools/stages.sh

stage "install-deps full"
sh tools/install-deps.sh full

stage "make demo leaves git status as it was; .Rbuildignore"
sh tools/demo-clean.sh "$out/demo"

stage "R CMD build"
$R CMD build . >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 1; }
mv "$tarball" "$out/"

stage "R CMD INSTALL the tarball into check/lib"
lib="$(pwd)/$out/lib" # absolute: PSOCK workers start in the tests directory
mkdir -p "$lib"
$R CMD INSTALL -l "$lib" "$out/$tarball" >"$out/install.log" 2>&1 || { cat "$out/install.log"; exit 1; }

# valgrind is the longest stage (about 40 minutes) and uses one core: it
# runs in the background, in its own process group (which the EXIT trap
# stops), beside all the stages below; its output is shown at the end
echo "== testthat under valgrind (in the background)"
vg_t0=$(date +%s)
setsid sh -c 'R="$1" sh tools/valgrind.sh "$2" >"$3" 2>&1; echo $? >"$4"' sh \
  "$R" "$lib" "$out/valgrind.log" "$out/valgrind.status" &
stages_bg=$!

stage "R CMD check --as-cran"
status=0
( cd "$out" &&
  _R_CHECK_CRAN_INCOMING_REMOTE_=false _R_CHECK_SYSTEM_CLOCK_=FALSE \
  _R_CHECK_FORCE_SUGGESTS_=false \
  $R CMD check --as-cran --no-manual "$tarball" ) >"$out/check.out" 2>&1 || status=$?
log="$out/rnnkit.Rcheck/00check.log"
grep -E '^Status:' "$log" || true
if [ $status -ne 0 ] || grep -qE '^Status:.*(ERROR|WARNING)' "$log"; then
  cat "$out/check.out"
  for f in "$out"/rnnkit.Rcheck/tests/*.Rout.fail; do [ -f "$f" ] && tail -60 "$f"; done
  echo "R CMD check failed" >&2
  exit 1
fi
if grep -qE '^Status:.*NOTE' "$log"; then
  grep -B1 -A8 'NOTE$' "$log"
  echo "R CMD check gave a NOTE: fix it (rnnkit keeps --as-cran at zero notes)" >&2
  exit 1
fi

stage "the C core alone (C99, -pedantic -Werror, no R headers)"
R="$R" sh tests/core/run.sh

# (rchk cannot be run here; gctorture stands in for it)
stage "the R gateways under gctorture (every .Call entry point)"
R="$R" sh tools/gctorture.sh

stage "fuzzing the core (libFuzzer + ASAN/UBSAN, ${FUZZ_SECONDS:-60} s per harness)"
R="$R" sh tests/fuzz/run.sh

stage "testthat under AddressSanitizer + UndefinedBehaviorSanitizer"
R="$R" sh tools/sanitize.sh "$out/$tarball"

stage "testthat"
status=0
R_LIBS="$lib${R_LIBS:+:$R_LIBS}" Rscript tools/run-tests.R tests/testthat \
  >"$out/testthat.log" 2>&1 || status=$?
cat "$out/testthat.log"
[ $status -eq 0 ] || exit 1
r_counts=$(tail -1 "$out/testthat.log")

stage "Octave: make -C octave dist, pkg install, pkg test rnnkit"
make -s -C octave dist >"$out/octave-dist.log" 2>&1 || { cat "$out/octave-dist.log"; exit 1; }
mv octave/rnnkit-*.tar.gz "$out/"
sh tools/octave-check.sh "$out"/rnnkit-*.tar.gz "$out/octave" >"$out/octave.log" 2>&1 || status=$?
cat "$out/octave.log"
[ $status -eq 0 ] || exit 1
o_counts=$(tail -1 "$out/octave.log")

stage "Octave: rnn_plot's PNGs under the qt toolkit (xvfb-run)"
# pkg test drew them with gnuplot (octave-cli has no display); qt needs one
qt_out=$(cd "$out" && pwd)
( cd "$qt_out" && RNNKIT_TEST_TOOLKIT=qt xvfb-run -a octave --no-gui --norc --eval "
  pkg ('local_list', '$qt_out/octave/list'); pkg ('global_list', '$qt_out/octave/global_list');
  pkg load rnnkit; test rnn_plot" ) >"$out/octave-qt.log" 2>&1 || true
grep -v 'XDG_RUNTIME_DIR\|ignoring const execution_exception' "$out/octave-qt.log" | tail -3
grep -q 'PASSES \([0-9]*\) out of \1 test' "$out/octave-qt.log" ||
  { echo "rnn_plot under qt failed (see $out/octave-qt.log)" >&2; exit 1; }

stage "cross-host: R and Octave"
R_LIBS="$lib${R_LIBS:+:$R_LIBS}" OCTAVE_PKG_LIST="$out/octave/list" \
  sh tests/cross-host/run.sh >"$out/cross-host.log" 2>&1 || status=$?
grep -v 'ignoring const execution_exception' "$out/cross-host.log" || true
[ $status -eq 0 ] || exit 1

stage "the README's Octave example, from the installed package"
sh tools/readme-octave.sh "$out/octave/list" "$out/readme-octave"

stage "waiting for valgrind"
wait $stages_bg || true
stages_bg=""
stage_row "testthat under valgrind" $(($(date +%s) - vg_t0)) "(in the background)"
cat "$out/valgrind.log"
[ "$(cat "$out/valgrind.status" 2>/dev/null)" = 0 ] || { echo "testthat under valgrind failed" >&2; exit 1; }

stage ""
echo "$r_counts; $o_counts; cross-host: R and Octave identical"
