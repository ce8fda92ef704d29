# Sourced by tools/test.sh and tools/check.sh: `stage NAME` ends the
# current stage and starts the next (printing "== NAME"); when the script
# exits, for any reason, a table of the stages and the seconds each took
# is printed, the one that failed marked FAILED.  Writes the table to
# $stages_file too if that is set.  The total is the wall time: stages
# that ran side by side (stage_row) add up to more.
stages_tab=""
stage_name=""
stage_t0=$(date +%s)
run_t0=$stage_t0
stage() {
  stage_now=$(date +%s)
  if [ -n "$stage_name" ]; then
    stages_tab="$stages_tab$(printf '  %-62s %6d' "$stage_name" $((stage_now - stage_t0)))
"
  fi
  stage_name=$1
  stage_t0=$stage_now
  [ -z "$1" ] || echo "== $1"
}
# stage_row NAME SECONDS NOTE: a row for a stage timed elsewhere (a
# background job)
stage_row() {
  stages_tab="$stages_tab$(printf '  %-62s %6d  %s' "$1" "$2" "$3")
"
}
stages_report() {
  stages_status=$?
  # a background job (stages_bg: its process group) does not outlive us
  # (no "--": dash's kill takes none, and refused the whole line)
  [ -z "$stages_bg" ] || kill -TERM "-$stages_bg" 2>/dev/null || true
  stage_now=$(date +%s)
  if [ -n "$stage_name" ]; then
    stages_tab="$stages_tab$(printf '  %-62s %6d' "$stage_name" $((stage_now - stage_t0)))"
    [ "$stages_status" = 0 ] && stages_tab="$stages_tab
" || stages_tab="$stages_tab  FAILED
"
  fi
  {
    echo
    printf '== %s: stages and their times\n' "${stages_title:-$(basename "$0")}"
    printf '  %-62s %6s\n' "stage" "s"
    printf '%s' "$stages_tab"
    printf '  %-62s %6d%s\n' "total" $((stage_now - run_t0)) \
      "$([ "$stages_status" = 0 ] && echo "" || echo "  (exit status $stages_status)")"
  } | tee ${stages_file:+"$stages_file"}
  exit "$stages_status"
}
trap stages_report EXIT
# a Ctrl-C or a kill prints the table too (sh runs no EXIT trap on a signal)
trap 'exit 130' INT
trap 'exit 143' TERM
