#!/bin/sh
# Installs what building, checking and testing rnnkit needs on a fresh
# Debian machine with R: the system tools R CMD check --as-cran uses, and
# the R packages in Suggests.  Safe to re-run: it installs only what is
# missing, and runs apt-get update at most once.
set -e

need_apt=""
command -v tidy >/dev/null 2>&1 || need_apt="$need_apt tidy"   # HTML manual validation
command -v qpdf >/dev/null 2>&1 || need_apt="$need_apt qpdf"   # PDF size checks
command -v checkbashisms >/dev/null 2>&1 || need_apt="$need_apt devscripts" # configure check
command -v pandoc >/dev/null 2>&1 || need_apt="$need_apt pandoc"   # README.md/NEWS.md check
command -v valgrind >/dev/null 2>&1 || need_apt="$need_apt valgrind"
command -v clang-14 >/dev/null 2>&1 || need_apt="$need_apt clang-14"   # libFuzzer harnesses
[ -n "$(ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] ||
  need_apt="$need_apt libclang-rt-14-dev"
command -v octave-cli >/dev/null 2>&1 || need_apt="$need_apt octave"   # the Octave package
command -v mkoctfile >/dev/null 2>&1 || need_apt="$need_apt liboctave-dev"   # its MEX build
# rnn_fit_many()'s parallel backend (Suggests), from Debian so tests can run it
Rscript -e 'quit(status = !requireNamespace("future.apply", quietly = TRUE))' 2>/dev/null ||
  need_apt="$need_apt r-cran-future.apply"
if ! echo '#include <R.h>' | ${CC:-gcc} -E -I"$(R RHOME)/include" -I/usr/share/R/include - >/dev/null 2>&1; then
  need_apt="$need_apt r-base-dev"
fi
# R packages: generics (Imports); forecast, zoo, xts (Suggests, tested);
# knitr and rmarkdown (the vignette).  Debian's r-cran-* builds are quick.
for pkg in generics forecast zoo xts knitr rmarkdown; do
  Rscript -e "quit(status = !requireNamespace('$pkg', quietly = TRUE))" >/dev/null 2>&1 ||
    need_apt="$need_apt r-cran-$pkg"
done
if [ -n "$need_apt" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "install-deps: apt-get install$need_apt"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need_apt >/dev/null
  else
    echo "install-deps: please install (as root):$need_apt" >&2
  fi
fi

Rscript -e '
pkgs <- c("testthat")
miss <- pkgs[!vapply(pkgs, requireNamespace, TRUE, quietly = TRUE)]
if (length(miss)) {
  message("install-deps: installing R packages: ", paste(miss, collapse = ", "))
  install.packages(miss, repos = "https://cloud.r-project.org")
}'
