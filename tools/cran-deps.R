# Installs R packages from CRAN, with just the dependencies that are
# missing or older than some package in the set requires; what Debian
# already installed and is new enough is kept.
#   Rscript tools/cran-deps.R <lib> <pkg>...
# install.packages() alone installs only missing dependencies, so a CRAN
# tsibble that needs dplyr >= 1.1.0 would fail to load over Debian's
# dplyr 1.0.10; this walks the version requirements first.
args <- commandArgs(TRUE)
lib <- args[1]
want <- args[-1]
dir.create(lib, showWarnings = FALSE, recursive = TRUE)
.libPaths(c(lib, .libPaths()))
repos <- getOption("repos")
if (is.null(repos) || identical(unname(repos["CRAN"]), "@CRAN@")) repos <- "https://cloud.r-project.org"
ap <- utils::available.packages(repos = repos)
base <- rownames(utils::installed.packages(priority = "base"))

installed_version <- function(p) {
  d <- suppressWarnings(utils::packageDescription(p, lib.loc = .libPaths(), fields = "Version"))
  if (is.na(d)) NULL else package_version(d)
}
# list(name, op, version) of a DESCRIPTION field's entries
parse_deps <- function(s) {
  if (is.na(s) || !nzchar(s)) return(list())
  parts <- trimws(strsplit(gsub("\n", " ", s), ",")[[1]])
  lapply(parts[nzchar(parts)], function(x) {
    m <- regmatches(x, regexec("^([A-Za-z0-9.]+)\\s*(\\(\\s*([<>=]+)\\s*([^)]+)\\))?", x))[[1]]
    list(name = m[2], op = m[4], version = trimws(m[5]))
  })
}
satisfies <- function(v, op, req) {
  if (!nzchar(op)) return(TRUE)
  do.call(op, list(v, package_version(req)))
}

todo <- want
need <- character()
old <- character() # installed, but older than some package here requires
while (length(todo)) {
  p <- todo[1]
  todo <- todo[-1]
  if (p %in% need) next
  need <- c(need, p)
  if (!p %in% rownames(ap)) stop("install-deps: ", p, " is not on CRAN (", repos, ")")
  deps <- unlist(lapply(ap[p, c("Depends", "Imports", "LinkingTo")], parse_deps), recursive = FALSE)
  for (d in deps) {
    if (d$name %in% c("R", base)) next
    v <- installed_version(d$name)
    if (!is.null(v) && !satisfies(v, d$op, d$version)) old <- union(old, d$name)
    if (!d$name %in% need && (is.null(v) || d$name %in% old)) todo <- c(todo, d$name)
  }
}
# only what is missing or too old (a wanted package already installed
# at a version none of the others refuses is kept)
need <- need[vapply(need, function(p) is.null(installed_version(p)) || p %in% old, TRUE)]
if (length(need)) {
  message("install-deps: installing from CRAN into ", lib, ": ", paste(need, collapse = ", "))
  utils::install.packages(need, lib = lib, repos = repos, dependencies = FALSE,
                          Ncpus = max(1L, parallel::detectCores() %/% 2L), quiet = TRUE)
  bad <- need[!vapply(need, function(p) nzchar(system.file(package = p, lib.loc = lib)), TRUE)]
  if (length(bad)) stop("install-deps: could not install ", paste(bad, collapse = ", "))
}
