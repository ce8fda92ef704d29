# rnn_windows(): cut a series into overlapping windows and targets.

rnn_windows <- function(data, window, horizon = 1, target = NULL, features = NULL) {
  if (is.data.frame(data)) {
    num <- vapply(data, is.numeric, TRUE)
    if (is.null(features)) features <- names(data)[num]
    miss <- setdiff(c(features, target), names(data))
    if (length(miss)) {
      rnnkit_abort("input", "column(s) ", paste0('"', miss, '"', collapse = ", "),
                   " not in `data`; it has ", paste(names(data), collapse = ", "), ".")
    }
    bad <- c(features, target)[!vapply(data[c(features, target)], is.numeric, TRUE)]
    if (length(bad)) rnnkit_abort("input", "column(s) ", paste(bad, collapse = ", "), " are not numeric.")
    m <- as.matrix(data[features])
    tv <- if (is.null(target)) NULL else data[[target]]
  } else if (is.numeric(data) && (is.null(dim(data)) || length(dim(data)) == 2)) {
    m <- if (is.null(dim(data))) matrix(data, ncol = 1) else data
    if (is.null(colnames(m))) colnames(m) <- paste0("x", seq_len(ncol(m)))
    if (!is.null(features)) m <- m[, features, drop = FALSE]
    features <- colnames(m)
    tv <- if (is.null(target)) NULL else if (is.character(target)) data[, target] else target
  } else {
    rnnkit_abort("input", "`data` must be a numeric vector, matrix or data.frame, not ", describe(data), ".")
  }
  if (is.null(tv)) {
    if (ncol(m) != 1) rnnkit_abort("input", "`target` is needed when there is more than one feature.")
    tv <- m[, 1]
  }
  n <- nrow(m)
  check_count(window, "window", max = 1e6)
  check_count(horizon, "horizon", max = 1e6)
  if (n < window + horizon) {
    rnnkit_abort("dim", "the data have ", n, " rows, too few for window = ", window,
                 " and horizon = ", horizon, ": need at least ", window + horizon, ".")
  }
  if (any(!is.finite(m)) || any(!is.finite(tv))) {
    r <- which(!stats::complete.cases(m) | !is.finite(rowSums(m)) | !is.finite(tv))[1]
    rnnkit_abort("input", "`data` has a missing or infinite value in row ", r,
                 "; remove or fill it before windowing.")
  }
  N <- n - window - horizon + 1
  starts <- seq_len(N)
  idx <- outer(starts, seq_len(window) - 1L, `+`)            # N x window
  x <- array(m[as.vector(idx), , drop = FALSE], c(N, window, ncol(m)))
  y <- matrix(tv[outer(starts + window - 1L, seq_len(horizon), `+`)], N, horizon)
  dimnames(x) <- list(NULL, NULL, features)
  structure(list(x = x, y = if (horizon == 1) y[, 1] else y,
                 meta = list(window = window, horizon = horizon, features = features,
                             target_rows = starts + window - 1L + horizon)),
            class = "rnnkit_windows")
}

print.rnnkit_windows <- function(x, ...) {
  d <- dim(x$x)
  cat("<rnnkit_windows> ", d[1], " windows x ", d[2], " timesteps x ", d[3],
      " feature(s) (", paste(x$meta$features, collapse = ", "), "); horizon ",
      x$meta$horizon, "\n", sep = "")
  invisible(x)
}
