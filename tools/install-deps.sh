#!/bin/sh
# Installs what rnnkit needs on a fresh Debian machine with R, at one of
# two levels:
#   sh tools/install-deps.sh demo   what `make demo` needs: R's headers and
#                                   compiler (r-base-dev, only if R.h is
#                                   missing) and the Imports (generics)
#   sh tools/install-deps.sh [full] what `make test` and `make check` need
#                                   besides: the system tools R CMD check
#                                   --as-cran uses, valgrind, clang for
#                                   libFuzzer, Octave (with gnuplot and
#                                   fonts, to draw PNGs), and the R packages
#                                   in Suggests, the tidyverts ones
#                                   (fabletools, fable, tsibble,
#                                   distributional) included
#   RNNKIT_DEPS_LIB=dir                 the library for the R packages that
#                                   only CRAN has (default: R's site
#                                   library, the first of .libPaths())
# Safe to re-run: it installs only what is missing, and runs apt-get
# update only if apt-get cannot find a package without it.
set -e
level=${1:-full}
case "$level" in
  demo|full) ;;
  *) echo "install-deps: the level is 'demo' or 'full', not '$level'" >&2; exit 2 ;;
esac

# the R packages of "$@" that are not installed, as r-cran-<name>
# (Debian names R packages in lower case: numDeriv is r-cran-numderiv)
missing_r_pkgs() {
  Rscript -e 'p <- commandArgs(TRUE); p <- p[!nzchar(vapply(p, function(x) system.file(package = x), ""))]' \
    -e 'cat(sprintf(" r-cran-%s", tolower(p)), sep = "")' "$@" 2>/dev/null
}

need_apt=""
if ! echo '#include <R.h>' | ${CC:-gcc} -E -I"$(R RHOME)/include" -I/usr/share/R/include - >/dev/null 2>&1; then
  need_apt="$need_apt r-base-dev"   # R.h and the compilers R CMD INSTALL uses
fi
# Imports (the rest of Imports is base R)
need_apt="$need_apt$(missing_r_pkgs generics)"

if [ "$level" = full ]; then
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
  # rnn_plot's PNGs from a headless octave-cli: the gnuplot toolkit,
  # ghostscript, and fonts: FreeSans is Octave's default font (without it Octave cannot
  # make axes at all: "ft_text_renderer: invalid bounding box"), DejaVu
  # the fallback that fontconfig finds
  command -v gnuplot >/dev/null 2>&1 || need_apt="$need_apt gnuplot-nox"
  # print -dpng with gnuplot writes EPS and converts it with ghostscript
  command -v gs >/dev/null 2>&1 || need_apt="$need_apt ghostscript"
  [ -f /usr/share/fonts/opentype/freefont/FreeSans.otf ] || need_apt="$need_apt fonts-freefont-otf"
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt="$need_apt fonts-dejavu-core"
  # the same plots under Octave's qt toolkit need a display: a virtual one
  command -v xvfb-run >/dev/null 2>&1 || need_apt="$need_apt xvfb"
  command -v xauth >/dev/null 2>&1 || need_apt="$need_apt xauth"
  # Suggests, from Debian (quick, prebuilt): forecast, zoo, xts (tested),
  # knitr and rmarkdown (the vignette), future.apply (rnn_fit_many()'s
  # parallel backend, so tests can run it)
  need_apt="$need_apt$(missing_r_pkgs forecast zoo xts knitr rmarkdown future.apply)"
  # the tidyverts stack, from Debian where it packages it (prebuilt, about
  # 30 s); fabletools, fable, tsibble and ggdist come from CRAN below
  need_apt="$need_apt$(missing_r_pkgs distributional dplyr tidyr lubridate purrr progressr \
    numDeriv tidyselect timechange scales R6 Rcpp quadprog withr)"
fi

if [ -n "$need_apt" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "install-deps ($level): apt-get install$need_apt"
    export DEBIAN_FRONTEND=noninteractive
    # a fresh image may have no package lists: update only then
    if ! apt-get install -y -qq --no-install-recommends $need_apt >/dev/null 2>&1; then
      apt-get update -qq >/dev/null
      apt-get install -y -qq --no-install-recommends $need_apt >/dev/null
    fi
  else
    echo "install-deps ($level): please install (as root): apt-get install$need_apt" >&2
  fi
fi

if [ "$level" = full ]; then
  Rscript -e '
  pkgs <- c("testthat")
  miss <- pkgs[!vapply(pkgs, requireNamespace, TRUE, quietly = TRUE)]
  if (length(miss)) {
    message("install-deps: installing R packages: ", paste(miss, collapse = ", "))
    install.packages(miss, repos = "https://cloud.r-project.org")
  }'
  # fabletools, fable, tsibble, distributional and ggtime (Suggests; the fable
  # models' tests and vignette section): Debian lacks the first three, and
  # CRAN's need newer dplyr, rlang, vctrs, distributional than Debian's,
  # which tools/cran-deps.R adds from CRAN too. On a fresh machine this is
  # the slow step: about 13 minutes on 2 busy cores (compiling rlang,
  # vctrs, cli, dplyr, Rcpp, ggdist, fable, mixtime); nothing when up to date.
  lib=${RNNKIT_DEPS_LIB:-$(Rscript -e 'cat(.libPaths()[1])')}
  if ! R_LIBS="$lib${R_LIBS:+:$R_LIBS}" Rscript -e '
    ok <- function(p, v) nzchar(system.file(package = p)) && packageVersion(p) >= v
    q <- ok("fabletools", "0.3.1") && ok("fable", "0.3.0") && ok("tsibble", "1.0.0") &&
      ok("distributional", "0.3.1") && ok("dplyr", "1.1.0") &&
      (packageVersion("fabletools") < "0.8.0" || ok("ggtime", "0.1.0"))
    quit(status = if (q) 0 else 1)' >/dev/null 2>&1; then
    # ggtime: the autoplot() methods of fables since fabletools 0.8
    Rscript "$(dirname "$0")/cran-deps.R" "$lib" fabletools fable tsibble distributional ggtime
  fi
fi
