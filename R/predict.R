# predict(): new data in, predictions out, one call into the core.
#
# A model fit on bare arrays predicts arrays in its own units. A model fit
# from rnn_windows() or a formula also takes a windows object or a new
# series (data.frame, ts, xts, zoo, vector) in original units: it windows
# and scales it the way it was trained, and returns the predictions on
# the calendar, in original units, beside the actual values and the naive
# forecast.

predict.rnnkit_model <- function(object, newdata, type = c("response", "class"), ...) {
  type <- match.arg(type)
  check_dots(list(...), character(), "predict")
  if (missing(newdata)) {
    rnnkit_abort("input", "`newdata` is missing: give an array samples x timesteps x features",
                 if (!is.null(object$prep)) ", a windows object or a series in original units", ".")
  }
  if (is_panel(object$prep) && type == "response" && length(dim(newdata)) < 3) {
    return(predict_panel(object, newdata)) # issue 16
  }
  if (!is.null(object$prep) && type == "response" &&
      (inherits(newdata, "rnnkit_windows") || length(dim(newdata)) < 3)) {
    return(as_prediction(predict_series(object, newdata)))
  }
  cfg <- object$config
  x <- model_input_array(newdata, object, "newdata")
  p <- .Call(rnnkit_predict, cfg, object$params, x)
  if (type == "class") {
    if (is.null(object$classes)) {
      rnnkit_abort("input", 'type = "class" needs a classifier fit with loss = "sparse_ce".')
    }
    k <- if (cfg$seq_out) apply(p, c(1, 2), which.max) else max.col(p, ties.method = "first")
    return(factor(object$classes[k], levels = object$classes))
  }
  if (!is.null(object$classes)) {
    if (cfg$seq_out) dimnames(p) <- list(NULL, NULL, object$classes) else colnames(p) <- object$classes
  }
  if (!cfg$seq_out && cfg$n_out == 1L) p <- p[, 1]
  p
}

# Windows of a new series cut and scaled the way `object` was trained.
# horizon 0: every window, including the newest, whose target lies beyond
# the data.
model_windows <- function(object, newdata) {
  prep <- object$prep
  meta <- prep$meta
  s <- as_series_frame(newdata, meta$date)
  # issue 15 covariates: the model's calendar features, from newdata's dates
  cal <- calendar_columns(s$index, meta$calendar, "`newdata`")
  if (!is.null(cal)) s$df[colnames(cal)] <- as.data.frame(cal)
  used <- names(prep$scaler$center)
  if (!all(used %in% names(s$df))) {
    if (ncol(s$df) == length(used) && all(grepl("^(value|x[0-9]+)$", names(s$df)))) {
      names(s$df) <- used # an unnamed series with the model's columns
    } else {
      rnnkit_abort("input", "`newdata` needs the column(s) ", paste(used, collapse = ", "),
                   " the model was trained on; it has ", paste(names(s$df), collapse = ", "), ".")
    }
  }
  bad <- used[!vapply(s$df[used], function(v) is.numeric(v) || is.logical(v), TRUE)]
  if (length(bad)) rnnkit_abort("input", "column(s) ", paste(bad, collapse = ", "), " of `newdata` are not numeric.")
  m <- as.matrix(s$df[used])
  storage.mode(m) <- "double"
  rownames(m) <- NULL
  if (nrow(m) < meta$window) {
    rnnkit_abort("dim", "`newdata` has ", nrow(m), " rows; the model reads windows of ",
                 meta$window, ".")
  }
  if (any(is.infinite(m))) rnnkit_abort("input", "`newdata` has an infinite value.")
  if (anyNA(m)) {
    if (meta$na == "locf") m <- .Call(rnnkit_locf, m)
    if (meta$na == "error" || (meta$na == "locf" && anyNA(m))) {
      k <- which(is.na(m))[1]
      r <- (k - 1) %% nrow(m) + 1
      rnnkit_abort("input", "`newdata` has a missing value in ", row_label(s$index, r),
                   ", column ", used[(k - 1) %/% nrow(m) + 1],
                   "; the model was trained with na = \"", meta$na, "\".")
    }
  }
  cut <- .Call(rnnkit_series_plan, m, match(meta$features, used), match(meta$target, used),
               list(window = meta$window, horizon = 0L, stride = 1L, omit = meta$na == "omit",
                    split_row = nrow(m) + 1L, n_test = 0L, method = -1L,
                    transform = transform_code(meta)),
               unname(prep$scaler$center[used]), unname(prep$scaler$scale[used]))
  list(x = cut$x, target_row = cut$starts + meta$window, values = m, index = s$index,
       freq = s$freq, tsp = s$tsp)
}

# list(date, set, actual, pred, naive): matrices N x n_out in original
# units, from the core (rnn_series_evaluate). `set` NULL keeps the
# windows' own labels; "stored" has the core label them by the model's
# split and score them; with `score`, acc is the core's accuracy table
# (rnn_series_accuracy).
predict_series <- function(object, newdata, set = NULL, score = FALSE) {
  prep <- object$prep
  meta <- prep$meta
  used <- names(prep$scaler$center)
  if (inherits(newdata, "rnnkit_windows")) {
    w <- newdata
    if (!identical(w$meta$features, meta$features) || !identical(w$meta$target, meta$target) ||
        w$meta$window != meta$window || w$meta$horizon != meta$horizon ||
        !identical(transform_code(w$meta), transform_code(meta))) {
      rnnkit_abort("input", "these windows (", paste(w$meta$features, collapse = ", "), " -> ",
                   paste(w$meta$target, collapse = ", "), ", window ", w$meta$window,
                   ") do not match the model's (", paste(meta$features, collapse = ", "), " -> ",
                   paste(meta$target, collapse = ", "), ", window ", meta$window, ").")
    }
    x <- w$x
    if (!identical(w$scaler, prep$scaler)) {
      # windows scaled by another scaler: back to original units, then the model's
      f <- meta$features
      x <- as.array(x) # compact windows (issue 16): materialised to rescale
      x <- array(.Call(rnnkit_rescale, matrix(x, ncol = length(f)), unname(w$scaler$center[f]),
                       unname(w$scaler$scale[f]), unname(prep$scaler$center[f]),
                       unname(prep$scaler$scale[f])), dim(x))
    }
    d <- list(values = w$data$values, index = w$data$index)
    rows <- w$index$target_row
    labels <- w$index$set
  } else {
    mw <- model_windows(object, newdata)
    x <- mw$x
    d <- list(values = mw$values, index = mw$index)
    rows <- mw$target_row
    labels <- rep(NA_character_, length(rows))
  }
  v <- prep$data$values
  n_fit <- min(prep$data$split_row - 1L, nrow(v))
  p <- .Call(rnnkit_predict, object$config, object$params, model_x(object, x))
  eval_core <- function(set_arg) {
    .Call(rnnkit_series_eval, d$values[, used, drop = FALSE], match(meta$target, used),
          meta$horizon, as.integer(rows), matrix(as.double(p), nrow(p)),
          unname(prep$scaler$center[used]), unname(prep$scaler$scale[used]), set_arg,
          v[, used, drop = FALSE], n_fit, season_of(prep), transform_code(meta))
  }
  ev <- eval_core(if (identical(set, "stored")) as.integer(prep$data$split_row) else if (score) labels)
  if (is.null(ev$accuracy) && any(!is.na(ev$actual))) {
    # issue 15: the core's table with its baselines, for accuracy() of the
    # predictions (the windows labelled as here; none labelled test: all)
    ev$accuracy <- eval_core(as.character(labels))$accuracy
  }
  outs <- target_names(meta$target, meta$horizon)
  for (k in c("pred", "actual", "naive")) colnames(ev[[k]]) <- outs
  date <- if (is.null(d$index)) rows else {
    n <- nrow(d$values)
    out <- d$index[pmin(rows, n)]
    beyond <- rows > n
    if (any(beyond)) out[beyond] <- next_dates(d$index, sum(beyond))
    out
  }
  list(date = date, row = rows, set = ev$set %||% labels, actual = ev$actual, pred = ev$pred,
       naive = ev$naive, acc = ev$accuracy, model = model_label(object),
       scales = naive_scale(v[seq_len(n_fit), meta$target, drop = FALSE], max(1L, season_of(prep))))
}

# A data.frame of predictions: date, actual, predicted, naive (one output),
# or actual.<out> / predicted.<out> / naive.<out> columns (several).
as_prediction <- function(ps) {
  df <- data.frame(date = ps$date)
  if (ncol(ps$pred) == 1) {
    df$actual <- ps$actual[, 1]
    df$predicted <- ps$pred[, 1]
    df$naive <- ps$naive[, 1]
  } else {
    for (o in colnames(ps$pred)) {
      df[[paste0("actual.", o)]] <- ps$actual[, o]
      df[[paste0("predicted.", o)]] <- ps$pred[, o]
      df[[paste0("naive.", o)]] <- ps$naive[, o]
    }
  }
  if (!all(is.na(ps$set))) df$set <- ps$set
  # the core's accuracy table (with its snaive and drift baselines), kept
  # with the values it scored: accuracy() uses it while they are unchanged
  scored <- if (!is.null(ps$acc)) list(table = ps$acc, key = list(ps$actual, ps$pred, ps$naive, df$set))
  structure(df, class = c("rnnkit_prediction", "data.frame"), model = ps$model,
            outputs = colnames(ps$pred), targets = names(ps$scales), mase_scale = ps$scales,
            scored = scored)
}

# "LSTM(16)" or "GRU(32) -> GRU(16)"
# "LSTM(16)", or "LSTM(16) x 5" for an ensemble of 5 (issue 15)
model_label <- function(object) {
  k <- n_members(object)
  paste0(layer_label(object$config), if (k > 1) paste0(" x ", k))
}

plot.rnnkit_prediction <- function(x, output = 1, main = NULL, xlab = "", ylab = NULL, ...) {
  outs <- attr(x, "outputs")
  o <- if (is.numeric(output)) outs[output] else output
  if (length(o) != 1 || is.na(o) || !o %in% outs) {
    rnnkit_abort("input", "`output` must be one of ", paste(outs, collapse = ", "), ".")
  }
  a <- if (length(outs) == 1) x$actual else x[[paste0("actual.", o)]]
  p <- if (length(outs) == 1) x$predicted else x[[paste0("predicted.", o)]]
  g <- break_gaps(x$date, a = a, p = p)
  graphics::plot(g$x, g$a, type = "l", col = "grey20", lwd = 1.5, ylim = ylim_with_legend(c(a, p)),
                 xlab = xlab, xaxt = "n", ylab = if (is.null(ylab)) o else ylab,
                 main = if (is.null(main)) paste0(o, ": actual vs predicted (", attr(x, "model"), ")") else main,
                 ...)
  date_axis(1, x$date)
  graphics::lines(g$x, g$p, col = "firebrick", lwd = 1.5)
  legend_band(c("actual", "predicted"), col = c("grey20", "firebrick"), lwd = 1.5)
  invisible(x)
}
