#!/bin/sh
# Runs tools/gctorture.R: every .Call gateway of the R package under
# gctorture(TRUE), results compared with the same calls without torture.
# It installs a copy of the working tree into a temporary library, with
# R/zzz_gctorture.R added: a .Call wrapper in the package's namespace
# that turns gctorture on around each gateway call (the package's own
# files are not changed).  Takes a few minutes; not part of make test.
#   sh tools/gctorture.sh
set -e
cd "$(dirname "$0")/.."
R=${R:-R}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/pkg" "$dir/lib"
git ls-files -z -- DESCRIPTION NAMESPACE R src inst configure cleanup |
  xargs -0 tar -cf - | tar -xf - -C "$dir/pkg"
cat >"$dir/pkg/R/zzz_gctorture.R" <<'EOR'
.gct <- new.env()
.gct$on <- FALSE
.gct$calls <- new.env()
.Call <- function(.NAME, ...) {
  if (!.gct$on) return(base::.Call(.NAME, ...))
  name <- if (is.character(.NAME)) .NAME else .NAME$name
  n <- .gct$calls[[name]]
  .gct$calls[[name]] <- if (is.null(n)) 1L else n + 1L
  gctorture(TRUE)
  on.exit(gctorture(FALSE))
  base::.Call(.NAME, ...)
}
EOR
$R CMD INSTALL --no-test-load -l "$dir/lib" "$dir/pkg" >"$dir/install.log" 2>&1 ||
  { cat "$dir/install.log"; exit 1; }
R_LIBS="$dir/lib" Rscript tools/gctorture.R
