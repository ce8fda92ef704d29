# Compact windows (issue 16): rnn_windows(..., store = "series") keeps the
# windows' inputs in the transformed, scaled series (one row per time step
# of each series) and each window's first row there, instead of the
# samples x timesteps x features array. The core gathers them batch by
# batch in training (rnn_window_source, src/core/rnnkit.h) and a block at
# a time in prediction, so a fit on them is the fit on the stored windows,
# bit for bit. Memory: rows x features + one number per window.

compact_windows <- function(plan, window, features, rows) {
  v <- plan$x
  colnames(v) <- features
  structure(list(values = v, start = as.double(plan$start), n_time = as.integer(window),
                 rows = as.integer(rows)),
            class = "rnnkit_compact")
}

dim.rnnkit_compact <- function(x) c(length(x$start), x$n_time, ncol(x$values))

dimnames.rnnkit_compact <- function(x) list(NULL, NULL, colnames(x$values))

# The stored array (samples x timesteps x features) the compact windows
# stand for: indexing only, no arithmetic, so the numbers are the same.
as.array.rnnkit_compact <- function(x, ...) {
  d <- dim(x)
  rows <- as.vector(outer(x$start + 1, seq_len(d[2]) - 1, "+"))
  array(x$values[rows, , drop = FALSE], d, dimnames = dimnames(x))
}

# x[i, j, k] materialises only the windows i.
`[.rnnkit_compact` <- function(x, i, j, k, drop = TRUE) {
  s <- if (missing(i)) seq_along(x$start) else seq_along(x$start)[i]
  a <- as.array(compact_take(x, s))
  a[, if (missing(j)) TRUE else j, if (missing(k)) TRUE else k, drop = drop]
}

compact_take <- function(x, idx) {
  x$start <- x$start[idx]
  x
}

compact_label <- function(x) {
  d <- dim(x)
  mb <- function(n) format(8 * n / 2^20, digits = 3)
  paste0(d[1], " x ", d[2], " x ", d[3], " (samples x timesteps x features), not stored: read ",
         "from ", nrow(x$values), " rows of the series (", mb(length(x$values) + d[1]),
         " MB instead of ", mb(prod(d)), " MB); as.array() materialises them")
}

print.rnnkit_compact <- function(x, ...) {
  cat("<rnnkit compact windows> ", compact_label(x), "\n", sep = "")
  invisible(x)
}

str.rnnkit_compact <- function(object, ...) {
  cat(" rnnkit compact windows ", compact_label(object), "\n", sep = "")
  invisible()
}

# The series index column of a model with a series embedding: the index
# of each window's series on that series' rows.
compact_series_index <- function(x, idx) {
  rs <- rep(seq_along(x$rows), x$rows)
  map <- rep(-1, length(x$rows))
  map[rs[x$start + 1]] <- rep(as.double(idx), length.out = length(x$start))
  x$values <- cbind(x$values, .series = map[rs])
  x
}

print_compact_note <- function(w) {
  if (!inherits(w$x, "rnnkit_compact")) return(invisible())
  cat("  inputs not stored (store = \"series\"): read from ", nrow(w$x$values),
      " rows of the scaled series, batch by batch\n", sep = "")
}
