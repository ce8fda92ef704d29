#!/bin/sh
# make check: the quick loop, 5-10 minutes where make test
# (tools/test.sh) takes three quarters of an hour.  Builds the tarball (without the
# vignette), installs it into check/quick/lib (not R's library) and runs
# the testthat suite against it; meanwhile, in the background, builds the
# Octave package, pkg installs it into check/quick/octave and runs pkg
# test, the random-input property test (RANDOM_INPUTS_N=100 calls per
# function here, 300 in make test) and the Ctrl-C test; then the R <->
# Octave cross-host test and the README's Octave example.  Prints the
# counts and a table of the stages and their times (check/quick/stages.txt).
# Also the C core's own tests (tests/core, its strict build, portable
# equal to SIMD).  Left to make test: R CMD check --as-cran, gctorture,
# fuzzing, the sanitizers, valgrind, the make demo check.
set -e
cd "$(dirname "$0")/.."

if [ "$1" = --octave-part ]; then # the background job: sh tools/check.sh --octave-part OUT
  t0=$(date +%s)
  status=0
  { make -s -C octave dist && mv octave/rnnkit-*.tar.gz "$2/" &&
    RANDOM_INPUTS_N=${RANDOM_INPUTS_N:-100} \
      sh tools/octave-check.sh "$2"/rnnkit-*.tar.gz "$2/octave"; } >"$2/octave.log" 2>&1 ||
    status=$?
  echo $(($(date +%s) - t0)) >"$2/octave.seconds"
  exit $status
fi

# A time zone for R: without TZ, R's Sys.timezone() asks timedatectl,
# which prints to stderr where systemd is not running (containers); the
# tsibble stack (anytime) asks it when it loads, and R CMD check reports
# the output as a NOTE
export TZ="${TZ:-$(cat /etc/timezone 2>/dev/null || echo UTC)}"
R=${R:-R}
version=$(sed -n 's/^Version: *//p' DESCRIPTION)
tarball="rnnkit_${version}.tar.gz"
out=check/quick
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd) # absolute: PSOCK workers start in the tests directory
lib="$out/lib"
mkdir -p "$lib"
stages_title="make check"
stages_file="$out/stages.txt"
. tools/stages.sh

stage "R CMD build (no vignette)"
(cd "$out" && $R CMD build --no-build-vignettes --no-manual "$OLDPWD") >"$out/build.log" 2>&1 ||
  { cat "$out/build.log"; exit 1; }

echo "== Octave: make -C octave dist, pkg install, pkg test rnnkit (in the background)"
# its own process group, so that the EXIT trap can stop all of it
setsid sh tools/check.sh --octave-part "$out" &
stages_bg=$!

stage "R CMD INSTALL into check/quick/lib"
MAKEFLAGS="-j${JOBS:-$(nproc 2>/dev/null || echo 2)}" \
  $R CMD INSTALL -l "$lib" "$out/$tarball" >"$out/install.log" 2>&1 ||
  { cat "$out/install.log"; exit 1; }

stage "testthat"
status=0
R_LIBS="$lib${R_LIBS:+:$R_LIBS}" Rscript tools/run-tests.R tests/testthat \
  >"$out/testthat.log" 2>&1 || status=$?
grep -v '^rnnkit .* from ' "$out/testthat.log" | tail -40
[ $status -eq 0 ] || exit 1
r_counts=$(tail -1 "$out/testthat.log")

stage "the C core alone (tests/core: strict build, portable = SIMD)"
sh tests/core/run.sh >"$out/core.log" 2>&1 || { cat "$out/core.log"; exit 1; }
tail -1 "$out/core.log"

stage "waiting for the Octave job"
wait $stages_bg || status=$?
stages_bg=""
grep -v '^  rnn_.*\.m .* pass' "$out/octave.log" || true
stage_row "Octave: dist, pkg install, pkg test, random inputs, Ctrl-C" \
  "$(cat "$out/octave.seconds" 2>/dev/null || echo 0)" "(in the background)"
[ $status -eq 0 ] || exit 1
o_counts=$(tail -1 "$out/octave.log")

stage "cross-host: R and Octave"
R_LIBS="$lib${R_LIBS:+:$R_LIBS}" OCTAVE_PKG_LIST="$out/octave/list" \
  sh tests/cross-host/run.sh >"$out/cross-host.log" 2>&1 || status=$?
if [ $status -ne 0 ]; then
  grep -v 'ignoring const execution_exception' "$out/cross-host.log"
  exit 1
fi
tail -1 "$out/cross-host.log"

stage "the README's Octave example, from the installed package"
sh tools/readme-octave.sh "$out/octave/list" "$out/readme-octave"

stage ""
echo "$r_counts; $o_counts; cross-host: R and Octave identical"
