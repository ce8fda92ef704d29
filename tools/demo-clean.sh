#!/bin/sh
# `make demo` leaves the working tree as it was, and R CMD build would not
# pack what a user's R session leaves behind (issue 13: the demo's PNG in
# the repository root made R CMD check --as-cran give a NOTE after
# `make demo`).  Runs make demo (into the private library DIR/lib, so
# that make test does not install into R's library), then checks that
#  - `git status --porcelain --ignored` is as it was before (ignored files
#    count: R CMD build packs what .gitignore hides);
#  - the PNG went to a new temporary directory outside the tree, and its
#    path was printed;
#  - every file a user's session may leave at the top level (.Rhistory,
#    Rplots.pdf, a saved model ...) matches R CMD build's exclusions:
#    R's defaults and .Rbuildignore, matched as R CMD build does.
#   sh tools/demo-clean.sh DIR
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
dir=$(cd "$1" && pwd)
cd "$root"
fail=0

git_ok=false
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git_ok=true
  git status --porcelain --ignored >"$dir/git-before.txt"
else
  echo "demo-clean: not a git checkout, the git status part is skipped"
fi
make -s demo RLIB="$dir/lib" >"$dir/demo.log" 2>&1 || { cat "$dir/demo.log"; exit 1; }
png=$(sed -n 's/^Forecast and test-period plots written to \(.*[^ ]\) *$/\1/p' "$dir/demo.log")
if [ -z "$png" ] || [ ! -s "$png" ]; then
  cat "$dir/demo.log"
  echo "demo-clean: make demo printed no path of an existing PNG ('$png')" >&2
  fail=1
else
  case "$png" in
    "$root"/*) echo "demo-clean: the PNG is inside the tree: $png" >&2; fail=1 ;;
    */rnnkit-demo.*/rnnkit-forecast.png)
      echo "make demo wrote its PNG to a new temporary directory and printed the path ($png)"
      rm -rf "$(dirname "$png")" ;;
    *) echo "demo-clean: the PNG is not in a new rnnkit-demo.* directory: $png" >&2; fail=1 ;;
  esac
fi
if $git_ok; then
  git status --porcelain --ignored >"$dir/git-after.txt"
  if ! diff "$dir/git-before.txt" "$dir/git-after.txt" >"$dir/git-diff.txt"; then
    cat "$dir/git-diff.txt"
    echo "demo-clean: make demo changed 'git status --porcelain --ignored' (above)" >&2
    fail=1
  else
    echo "make demo left 'git status --porcelain --ignored' as it was"
  fi
fi

# what an R session, the demo or the README's examples may leave at the top
Rscript -e '
left <- c(".Rhistory", ".RData", ".Ruserdata", ".Rprofile", ".Renviron", "Rplots.pdf",
          "Rplots1.pdf", "rnnkit-forecast.png", "forecast.png", "plot.pdf", "plot.svg",
          ".Rproj.user", "rnnkit.Rproj", "djia-lstm.rnnk", "lm.rnnk", "model.rnnk",
          "fit.rds", "px.RData", "x.rda", "demo.Rout", "rnnkit_0.1.0.tar.gz",
          "rnnkit.Rcheck", "check", ".vscode", ".idea")
pats <- c(tools:::get_exclude_patterns(), readLines(".Rbuildignore"))
pats <- pats[nzchar(pats)]
# as R CMD build (tools:::.build_packages) matches them
hit <- vapply(left, function(f) any(vapply(pats, grepl, NA, x = f, perl = TRUE,
                                           ignore.case = TRUE)), NA)
if (any(!hit)) {
  cat("demo-clean: .Rbuildignore does not exclude:", left[!hit], "\n")
  quit(status = 1)
}
# and nothing the package needs is excluded
keep <- c("DESCRIPTION", "NAMESPACE", "R/fit.R", "src/init.c", "src/core/rnnkit.h",
          "man/rnn_fit.Rd", "inst/extdata/djia.csv", "demo/ohlc.R", "vignettes",
          "tests/testthat/test-fit.R", "configure", "cleanup")
hit <- vapply(keep, function(f) any(vapply(pats, grepl, NA, x = f, perl = TRUE,
                                           ignore.case = TRUE)), NA)
if (any(hit)) {
  cat("demo-clean: .Rbuildignore excludes package files:", keep[hit], "\n")
  quit(status = 1)
}
cat(".Rbuildignore excludes the", length(left), "kinds of leftovers of a user session\n")
' || fail=1
exit $fail
