# rnn_windows(): cut a series into overlapping windows and targets.

# Column selector for `features`/`target`: names or whole-number indices
# of the columns of m, each existing.
select_columns <- function(m, sel, name, single = FALSE) {
  cols <- colnames(m)
  ok_type <- (is.character(sel) && !anyNA(sel)) ||
    (is.numeric(sel) && all(is.finite(sel)) && all(sel == round(sel)))
  if (!ok_type || length(sel) == 0 || (single && length(sel) != 1)) {
    rnnkit_abort("input", "`", name, "` must be ", if (single) "one column" else "columns",
                 " of `data`, by name or number (it has ", paste(cols, collapse = ", "),
                 "), not ", describe(sel), ".")
  }
  if (is.numeric(sel)) {
    if (any(sel < 1 | sel > ncol(m))) {
      rnnkit_abort("input", "`", name, "` asks for column ", sel[sel < 1 | sel > ncol(m)][1],
                   " but `data` has ", ncol(m), " column(s).")
    }
    return(cols[sel])
  }
  miss <- setdiff(sel, cols)
  if (length(miss)) {
    rnnkit_abort("input", "column(s) ", paste0('"', miss, '"', collapse = ", "),
                 " not in `data`; it has ", paste(cols, collapse = ", "), ".")
  }
  sel
}

rnn_windows <- function(data, window, horizon = 1, target = NULL, features = NULL) {
  if (is.data.frame(data)) {
    num <- vapply(data, is.numeric, TRUE)
    if (!any(num)) rnnkit_abort("input", "`data` has no numeric columns.")
    all_cols <- data
  } else if ((is.numeric(data) || is.logical(data)) && !is.object(data) &&
             (is.null(dim(data)) || length(dim(data)) == 2)) {
    m <- if (is.null(dim(data))) matrix(as.double(data), ncol = 1) else data
    if (is.null(colnames(m))) colnames(m) <- paste0("x", seq_len(ncol(m)))
    all_cols <- as.data.frame(m)
    num <- rep(TRUE, ncol(m))
  } else {
    rnnkit_abort("input", "`data` must be a numeric vector, matrix or data.frame, not ", describe(data), ".")
  }
  if (nrow(all_cols) == 0) rnnkit_abort("dim", "`data` has no rows.")
  features <- if (is.null(features)) names(all_cols)[num] else
    select_columns(all_cols, features, "features")
  if (!is.null(target)) target <- select_columns(all_cols, target, "target", single = TRUE)
  bad <- c(features, target)[!vapply(all_cols[c(features, target)], is.numeric, TRUE)]
  if (length(bad)) rnnkit_abort("input", "column(s) ", paste(bad, collapse = ", "), " are not numeric.")
  m <- as.matrix(all_cols[features])
  storage.mode(m) <- "double"
  if (is.null(target)) {
    if (ncol(m) != 1) {
      rnnkit_abort("input", "`target` is needed when there is more than one feature (",
                   paste(features, collapse = ", "), ").")
    }
    target <- features
  }
  tv <- as.double(all_cols[[target]])
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
