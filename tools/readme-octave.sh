#!/bin/sh
# The README's Octave section works as written, for a user whose working
# directory is not the clone: the `pkg install` command names the tarball
# `make -C octave dist` writes, and the complete DJIA example, run with
# the installed package (pkg local_list LIST) in the empty directory DIR,
# prints exactly the output the README shows.
#   sh tools/readme-octave.sh LIST DIR
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
list=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rm -rf "$2" && mkdir -p "$2"
dir=$(cd "$2" && pwd)
readme=${README_MD:-$root/README.md}   # README_MD: another copy, to try a change
version=$(sed -n 's/^Version: *//p' "$root/octave/DESCRIPTION")
fail=0

# the section from "## Using it from GNU Octave" to the next "## "
awk '/^## Using it from GNU Octave/ {on = 1; next} on && /^## / {exit} on' "$readme" \
  >"$dir/section.md"
inst=$(sed -n "s/.*pkg install \([^'\"]*\)['\"].*/\1/p" "$dir/section.md" | head -1)
if [ "$inst" != "octave/rnnkit-$version.tar.gz" ]; then
  echo "readme-octave: the README installs '$inst'; make -C octave dist writes octave/rnnkit-$version.tar.gz" >&2
  fail=1
fi

# the README's commands run from the clone's top level; what they leave
# there (pkg test's log, the example's model file) is ignored by git and
# kept out of R CMD build's tarball
for f in fntests.log djia-lstm.rnnk; do
  if [ -d "$root/.git" ] || [ -f "$root/.git" ]; then
    git -C "$root" check-ignore -q "$f" ||
      { echo "readme-octave: .gitignore does not ignore $f, which the README's commands leave at the top level" >&2; fail=1; }
  fi
  printf '%s\n' "$f" | grep -qEf "$root/.Rbuildignore" ||
    { echo "readme-octave: .Rbuildignore does not keep out $f, which the README's commands leave at the top level" >&2; fail=1; }
done

# the first ```octave block after "A complete example", then the output
# block (the next fenced block)
awk '/A complete example/ {on = 1} on && /^```octave/ {code = 1; next}
     code && /^```/ {exit} code' "$dir/section.md" >"$dir/readme_example.m"
awk '/A complete example/ {on = 1} on && /^```/ {n++; if (n == 3) {out = 1; next}}
     out && /^```/ {exit} out' "$dir/section.md" >"$dir/expected.txt"
if [ ! -s "$dir/readme_example.m" ] || [ ! -s "$dir/expected.txt" ]; then
  echo "readme-octave: no complete example with its output in the README's Octave section" >&2
  exit 1
fi
(cd "$dir" && octave-cli --no-gui --norc -q --eval "
  pkg ('local_list', '$list');
  try, source ('readme_example.m'); catch e, disp (e.message); exit (1); end_try_catch") 2>&1 |
  grep -v 'ignoring const execution_exception' >"$dir/actual.txt" || true
if ! diff "$dir/expected.txt" "$dir/actual.txt"; then
  echo "readme-octave: the README's Octave example prints otherwise (< README, > actual)" >&2
  fail=1
else
  echo "the README's Octave example prints what the README shows"
fi
exit $fail
