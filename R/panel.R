# Panels (issue 16): many series with the same columns, one global model.
#
# rnn_windows(data, key = "Name") reads long data (a data.frame with a key
# column, a tsibble with that key, or a named list of series), readies each
# series as rnn_windows() readies one (dates, columns, missing values,
# transform, split), stacks them and asks the core for the plan of the
# panel (rnn_panel_plan(), src/core/series.c): every series planned,
# transformed, scaled on its own training rows and cut exactly as alone,
# so a panel of one series is the plain workflow bit for bit. Series too
# short for a window, or without a training window, are dropped with a
# message. Each window carries its key.
#
# A model fit on panel windows answers per key: the key's view of it
# (key_model()) is a one-series model with that key's data and scaler, so
# predict(), accuracy() and forecast() are the one-series ones, in each
# series' original units.

# A named list of series (each a data.frame, ts, xts/zoo or numbers).
is_series_list <- function(data) {
  is.list(data) && !is.data.frame(data) && length(data) > 0 && !is.null(names(data)) &&
    all(nzchar(names(data))) && !anyDuplicated(names(data)) &&
    all(vapply(data, function(v) is.data.frame(v) || stats::is.ts(v) || is.numeric(v), TRUE))
}

tsibble_keys <- function(data) {
  if (!requireNamespace("tsibble", quietly = TRUE)) return(character())
  tsibble::key_vars(data)
}

# The series of a panel: list(keys, series = list of one series each).
panel_series <- function(data, key) {
  if (is_series_list(data)) {
    return(list(keys = names(data), series = unname(data), key = key %||% "key"))
  }
  if (!is.data.frame(data)) {
    rnnkit_abort("input", "a panel is a data.frame with a key column, a tsibble with a key or a ",
                 "named list of series, not ", describe(data), ".")
  }
  if (is.null(key) && inherits(data, "tbl_ts")) key <- tsibble_keys(data)
  if (!(is.character(key) && length(key) == 1 && !is.na(key))) {
    rnnkit_abort("input", "`key` must name the column that tells the series apart, not ",
                 describe(key), ".")
  }
  if (!key %in% names(data)) {
    rnnkit_abort("input", "`key` names column \"", key, "\", which `data` does not have; it has ",
                 paste(names(data), collapse = ", "), ".")
  }
  if (inherits(data, "tbl_ts")) {
    if (!identical(tsibble_keys(data), key)) {
      rnnkit_abort("input", "`key` = \"", key, "\" is not the tsibble's key (",
                   paste(tsibble_keys(data), collapse = ", "), ").")
    }
    # a plain data.frame, the tsibble's index as dates (as R/fable.R reads it)
    idx <- tsibble::index_var(data)
    df <- as.data.frame(data)
    class(df) <- "data.frame"
    if (inherits(df[[idx]], c("yearmonth", "yearquarter", "yearweek"))) df[[idx]] <- as.Date(df[[idx]])
    data <- df
  }
  kv <- data[[key]]
  if (anyNA(kv)) {
    rnnkit_abort("input", "the key column \"", key, "\" has a missing value in row ",
                 which(is.na(kv))[1], ".")
  }
  kv <- as.character(kv)
  keys <- unique(kv)
  rest <- data[setdiff(names(data), key)]
  list(keys = keys, key = key,
       series = lapply(keys, function(k) rest[kv == k, , drop = FALSE]))
}

panel_windows <- function(data, key, args, store = "windows") {
  ps <- panel_series(data, key)
  if (is.list(args$scale)) {
    rnnkit_abort("input", "the windows of a panel fit each series' scaler on its own training ",
                 "rows: `scale` must be a method (", paste(names(schema()$scaler), collapse = ", "),
                 "), not a scaler.")
  }
  si <- lapply(seq_along(ps$keys), function(i) {
    withCallingHandlers(
      do.call(series_input, c(list(ps$series[[i]]), args, panel = TRUE), quote = TRUE),
      rnnkit_error = function(e) {
        rnnkit_abort(e$kind, "series \"", ps$keys[i], "\": ", conditionMessage(e))
      }
    )
  })
  one <- si[[1]]
  for (i in seq_along(si)[-1]) {
    if (!identical(si[[i]]$used, one$used) || !identical(si[[i]]$tmeta, one$tmeta)) {
      rnnkit_abort("input", "series \"", ps$keys[i], "\" has other columns or another transform (",
                   paste(si[[i]]$used, collapse = ", "), ") than series \"", ps$keys[1], "\" (",
                   paste(one$used, collapse = ", "), "); a panel's series share them.")
    }
  }
  rows <- vapply(si, function(s) nrow(s$m), 1L)
  stacked <- one
  # the core reads series i as a rows[i] x columns block (rnn_panel in
  # src/core/rnnkit.h), not the rows of one matrix: the same for one
  # column, not for features or calendar columns
  stacked$m <- matrix(unlist(lapply(si, function(s) as.vector(s$m)), use.names = FALSE), ncol = ncol(one$m))
  plan <- series_plan_call(stacked, args$window, args$horizon, args$stride, rows = rows,
                           split_rows = vapply(si, `[[`, 1L, "split_row"), compact = store == "series")
  st <- plan$status
  say <- function(code, why) {
    if (any(st == code)) {
      message("rnnkit: ", sum(st == code), " series dropped, ", why, ": ",
              paste(ps$keys[st == code], collapse = ", "), ".")
    }
  }
  say(1L, paste0("too short for a window of ", args$window, " and horizon ", args$horizon))
  say(2L, "without a training window before the split")
  kept <- which(st == 0L)
  if (!length(kept)) {
    rnnkit_abort("dim", "no series of the panel has a training window: all ", length(st),
                 " are too short for window = ", args$window, " and horizon = ", args$horizon,
                 " or end before the split; shorten the window or move the split.")
  }
  if (!is.null(args$split) && sum(plan$n_test) == 0) {
    rnnkit_abort("dim", "no test window of any series starts on or after the split ",
                 format(args$split), ".")
  }
  used <- one$used
  keys <- ps$keys[kept]
  ser <- plan$series
  starts <- plan$starts
  first_target <- starts + as.integer(args$window)
  index <- data.frame(start = starts, target_row = first_target, set = plan$set,
                      key = ps$keys[ser], stringsAsFactors = FALSE)
  if (!is.null(one$s$index)) {
    index$date <- do.call(c, lapply(kept, function(i) si[[i]]$s$index[first_target[ser == i]]))
  }
  ctr <- matrix(plan$center, length(used), dimnames = list(used, ps$keys))[, kept, drop = FALSE]
  scl <- matrix(plan$scale, length(used), dimnames = list(used, ps$keys))[, kept, drop = FALSE]
  x <- plan$x
  if (is.null(plan$start)) dimnames(x) <- list(NULL, NULL, one$features) else
    x <- compact_windows(plan, args$window, one$features, rows) # issue 16: store = "series"
  y <- plan$y
  colnames(y) <- target_names(one$target, args$horizon)
  series <- stats::setNames(lapply(kept, function(i) {
    s <- si[[i]]
    list(values = s$m, index = s$s$index, freq = s$s$freq, tsp = s$s$tsp,
         split_row = plan$split_row[i])
  }), keys)
  structure(
    list(
      x = x, y = if (ncol(y) == 1) y[, 1] else y, index = index,
      naive = structure(plan$naive, dimnames = list(NULL, one$target)),
      scaler = list(method = args$scale, center = ctr, scale = scl,
                    n_rows = stats::setNames(plan$n_fit[kept], keys)),
      data = list(series = series),
      meta = c(list(window = as.integer(args$window), horizon = as.integer(args$horizon),
                    stride = as.integer(args$stride), features = one$features,
                    target = one$target, na = one$na, date = args$date,
                    target_rows = first_target, key = ps$key, keys = keys),
               if (!is.null(one$tmeta$lambda_method)) utils::modifyList(one$tmeta, list(lambda = plan$lambda[kept])) else one$tmeta,
               if (!is.null(one$cal)) list(calendar = unique(sub("_(sin|cos)$", "", colnames(one$cal)))))
    ),
    class = "rnnkit_windows"
  )
}

is_panel <- function(x) !is.null(x$meta$keys)

# The one-series preparation of key k of a panel's preparation (meta,
# scaler, data): what a model fit on that series alone would keep.
key_prep <- function(prep, k) {
  i <- match(k, prep$meta$keys)
  meta <- prep$meta
  meta$key <- NULL
  meta$keys <- NULL
  if (length(meta$lambda) > 1) meta$lambda <- meta$lambda[[i]] # lambda "auto": one per key
  sc <- prep$scaler
  list(meta = meta,
       scaler = list(method = sc$method, center = stats::setNames(sc$center[, i], rownames(sc$center)),
                     scale = stats::setNames(sc$scale[, i], rownames(sc$scale)),
                     n_rows = sc$n_rows[[i]]),
       data = prep$data$series[[i]])
}

# Key k's windows of panel windows w, as one series' windows.
key_windows <- function(w, k) {
  keep <- w$index$key == k
  p <- key_prep(list(meta = w$meta, scaler = w$scaler, data = w$data), k)
  w <- subset_windows(w, keep)
  w$index$key <- NULL
  w$meta <- p$meta
  w$meta$target_rows <- w$index$target_row
  w$scaler <- p$scaler
  w$data <- p$data
  w
}

# Key k's view of a panel model: the same network with key k's data and
# scaler (the residuals stay those of all series, in scaled units).
key_model <- function(object, k) {
  if (n_series(object$config)[1] > 0) object$series_index <- match(k, object$prep$meta$keys) - 1L
  object$prep <- key_prep(object$prep, k)
  object
}

# issue 16: a series the model has not seen reads the mean of its series
# embedding (the core's index -1).
unseen_series <- function(object, k) {
  if (n_series(object$config)[1] > 0) {
    message("rnnkit: series \"", k, "\" was not seen in training; it reads the mean of the ",
            n_series(object$config)[1], " series embeddings.")
    object$series_index <- -1L
  }
  object
}

# The keys asked for (all by default), checked against the model's.
check_keys <- function(key, keys, name = "key") {
  if (is.null(key)) return(keys)
  bad <- setdiff(as.character(key), keys)
  if (!is.character(key) || anyNA(key) || length(bad)) {
    rnnkit_abort("input", "`", name, "` must be keys of the panel (", paste(utils::head(keys, 10), collapse = ", "),
                 if (length(keys) > 10) ", ...", "), not ", describe(key), ".")
  }
  unique(key)
}

# Rows of per-key results bound with the key first.
bind_keys <- function(parts, key_name) {
  out <- do.call(rbind, lapply(names(parts), function(k) {
    d <- as.data.frame(parts[[k]])
    class(d) <- "data.frame"
    if (key_name %in% names(d)) { # two columns of one name (as Octave refuses)
      rnnkit_abort("input", "the panel's key column is named '", key_name, "', as a column of the ",
                   "result (", paste(names(d), collapse = ", "), ") is: rename it in the data ",
                   "(e.g. 'series') and cut the windows again.")
    }
    cbind(stats::setNames(data.frame(k, stringsAsFactors = FALSE), key_name), d)
  }))
  rownames(out) <- NULL
  out
}

print_panel_windows <- function(x) {
  d <- dim(x$x)
  m <- x$meta
  cat("<rnnkit_windows> panel of ", length(m$keys), " series (key ", m$key, "): ", d[1],
      " windows x ", d[2], " timesteps x ", d[3], " feature(s) (",
      paste(m$features, collapse = ", "), ") -> ", paste(m$target, collapse = ", "),
      ", horizon ", m$horizon, "\n", sep = "")
  print_compact_note(x)
  tab <- table(factor(x$index$set, c("train", "test", "gap")))
  cat("  training windows: ", tab[["train"]], "\n", sep = "")
  if (tab[["test"]] > 0) cat("  test windows:     ", tab[["test"]], "\n", sep = "")
  if (!is.null(m$transform)) {
    lab <- transform_label(m)
    cat("  target transform: ", lab, if (!grepl("per series", lab, fixed = TRUE)) " (per series)", "\n", sep = "")
  }
  cat("  scaling: ", x$scaler$method, ", each series on its own training rows\n", sep = "")
  invisible(x)
}

# issue 16: predict() of a panel model on panel windows, per key: the
# model's keys with their scalers; a key the model has not seen with the
# windows' own (fitted on that series' training rows).
predict_panel <- function(object, newdata) {
  if (!inherits(newdata, "rnnkit_windows") || !is_panel(newdata)) {
    rnnkit_abort("input", "a model fit on a panel predicts panel windows: ",
                 "rnn_windows(data, key = \"", object$prep$meta$key, "\", ...), not ",
                 describe(newdata), ".")
  }
  parts <- lapply(stats::setNames(newdata$meta$keys, newdata$meta$keys), function(k) {
    wk <- key_windows(newdata, k)
    as_prediction(predict_series(panel_view(object, k, wk), wk))
  })
  out <- bind_keys(parts, object$prep$meta$key)
  # plot() draws it per key (plot.rnnkit_panel_prediction)
  structure(out, class = c("rnnkit_panel_prediction", "data.frame"), key = object$prep$meta$key,
            model = attr(parts[[1]], "model"), outputs = attr(parts[[1]], "outputs"))
}

# Key k's view of a panel model: the model's own for a key it was fit
# on, else the one of windows (or series) wk of that key (issue 16: a
# series the model has not seen, scaled on its own history).
panel_view <- function(object, k, wk = NULL) {
  if (k %in% object$prep$meta$keys) return(key_model(object, k))
  object <- unseen_series(object, k)
  object$prep <- list(meta = wk$meta, scaler = wk$scaler, data = wk$data)
  object
}

# issue 16: accuracy() of a panel model: one block of rows (model and
# its naive, seasonal naive and drift baselines) per key, then the pooled
# rows: the mean over the keys of the scale-free MASE and sMAPE (the
# core's rnn_panel_pool()).
accuracy_panel <- function(object, x) {
  prep <- object$prep
  keys <- if (is.null(x)) prep$meta$keys else x$meta$keys
  if (is.null(x)) {
    has_test <- vapply(prep$data$series, function(d) d$split_row <= nrow(d$values), TRUE)
    keys <- keys[has_test[keys]]
    if (!length(keys)) {
      rnnkit_abort("input", "the model was fit without a test part (`split` or `test`); ",
                   "pass test windows: accuracy(model, rnn_windows(data, key = ..., split = ...)).")
    }
  } else if (!inherits(x, "rnnkit_windows") || !is_panel(x)) {
    rnnkit_abort("input", "a model fit on a panel is scored on panel windows, not ", describe(x), ".")
  }
  tabs <- lapply(stats::setNames(keys, keys), function(k) {
    if (is.null(x)) {
      km <- key_model(object, k)
      ps <- predict_series(km, stored_series(km$prep), set = "stored")
    } else {
      wk <- key_windows(x, k)
      ps <- predict_series(panel_view(object, k, wk), wk, score = TRUE)
    }
    accuracy_table(ps$model, prep$meta$target, m = ps$acc, smape = TRUE)
  })
  out <- bind_keys(tabs, prep$meta$key)
  # pooled: per model label (and target), the mean over the keys
  grp <- if (is.null(out$target)) out$model else paste(out$model, out$target, sep = "\r")
  first <- !duplicated(grp)
  pool <- out[first, , drop = FALSE]
  pool[[prep$meta$key]] <- "(pooled)"
  for (col in c("RMSE", "MAE", "MAPE", "DA")) pool[[col]] <- NA_real_
  for (i in seq_len(nrow(pool))) {
    sel <- grp == grp[first][i]
    v <- .Call(rnnkit_panel_pool, rbind(out$MASE[sel], out$sMAPE[sel]))
    pool$MASE[i] <- v[1]
    pool$sMAPE[i] <- v[2]
    pool$n[i] <- sum(out$n[sel])
  }
  out <- rbind(out, pool)
  rownames(out) <- NULL
  structure(out, class = c("rnnkit_accuracy", "data.frame"), key = prep$meta$key)
}

# issue 16: forecast() of a panel model: every key by default, or `key`;
# with `newdata` (a series in original units, not seen in training), that
# series, scaled on its own history and windowed as the model was (with
# `key` one of the panel's, a series embedding reads that key's vector).
forecast_panel <- function(object, h, key, newdata, args) {
  prep <- object$prep
  meta <- prep$meta
  if (!is.null(newdata)) {
    w <- rnn_windows(newdata, target = meta$target,
                     features = setdiff(meta$features, calendar_names(meta$calendar)),
                     window = meta$window, horizon = meta$horizon, date = meta$date, na = meta$na,
                     scale = prep$scaler$method, transform = meta$transform %||% "none",
                     period = if ("sdiff" %in% meta$transform) meta$period,
                     lambda = if (!identical(meta$lambda_method, "guerrero")) meta$lambda else
                       if (length(key) == 1 && key %in% meta$keys) meta$lambda[[match(key, meta$keys)]] else "auto",
                     calendar = meta$calendar %||% "none")
    # a key of the panel with `newdata` (its history, e.g. up to an
    # earlier origin) reads that key's embedding; any other series the mean
    object <- if (length(key) == 1 && key %in% meta$keys) key_model(object, key) else
      unseen_series(object, "newdata")
    object$prep <- list(meta = w$meta, scaler = w$scaler, data = w$data)
    return(do.call(forecast.rnnkit_model, c(list(object, h), args), quote = TRUE))
  }
  keys <- check_keys(key, meta$keys)
  fcs <- lapply(stats::setNames(keys, keys), function(k) {
    f <- do.call(forecast.rnnkit_model, c(list(key_model(object, k), h), args), quote = TRUE)
    f$series <- paste0(meta$key, " ", k, ": ", f$series)
    f
  })
  if (length(fcs) == 1) return(fcs[[1]])
  structure(fcs, class = "rnnkit_panel_forecast", key = meta$key)
}

as.data.frame.rnnkit_panel_forecast <- function(x, row.names = NULL, optional = FALSE, ...) {
  bind_keys(lapply(unclass(x), as.data.frame), attr(x, "key"))
}

print.rnnkit_panel_forecast <- function(x, ...) {
  cat("Forecasts of ", length(x), " series (key ", attr(x, "key"), ") by ",
      unclass(x)[[1]]$method, ", ", length(unclass(x)[[1]]$mean), " step(s)\n", sep = "")
  df <- as.data.frame(x)
  print(utils::head(df, 3 * length(unclass(x)[[1]]$mean)), row.names = FALSE)
  if (nrow(df) > 3 * length(unclass(x)[[1]]$mean)) cat("... (as.data.frame() for all rows)\n")
  invisible(x)
}

# ---- plot() per key (issue 16, h16-oct) --------------------------------
# One base-graphics panel per key in a grid (par(mfrow)), as a base R user
# expects of many series; by default every key up to `max_keys` (9, a 3 x
# 3 grid that stays legible), beyond that the first max_keys with a
# message naming how to pick others (key = ).
plot_keys <- function(key, keys, max_keys, draw) {
  check_count(max_keys, "max_keys", min = 1)
  keys <- check_keys(key, keys)
  if (is.null(key) && length(keys) > max_keys) {
    message("rnnkit: plotting the first ", max_keys, " of ", length(keys),
            " keys; choose others with key = (or raise max_keys).")
    keys <- keys[seq_len(max_keys)]
  }
  if (length(keys) > 1) {
    op <- graphics::par(mfrow = grDevices::n2mfrow(length(keys)))
    on.exit(graphics::par(op))
  }
  for (k in keys) draw(k)
  invisible(keys)
}

plot.rnnkit_panel_prediction <- function(x, key = NULL, output = 1, max_keys = 9, ...) {
  kn <- attr(x, "key")
  kv <- x[[kn]]
  plot_keys(key, unique(kv), max_keys, function(k) {
    d <- x[kv == k, setdiff(names(x), kn), drop = FALSE]
    rownames(d) <- NULL
    d <- structure(d, class = c("rnnkit_prediction", "data.frame"), model = attr(x, "model"),
                   outputs = attr(x, "outputs"))
    outs <- attr(x, "outputs")
    o <- if (is.numeric(output)) outs[output] else output
    plot.rnnkit_prediction(d, output = output, main = paste0(kn, " ", k, ": ", o), ...)
  })
  invisible(x)
}

plot.rnnkit_panel_forecast <- function(x, key = NULL, n_history = 120, max_keys = 9, ...) {
  fcs <- unclass(x)
  plot_keys(key, names(fcs), max_keys, function(k) {
    plot.rnnkit_forecast(fcs[[k]], n_history = n_history, main = fcs[[k]]$series, ...)
  })
  invisible(x)
}

# ggplot2's autoplot() of a panel's forecasts: one facet per key
# (facet_wrap, free y scales: each series in its own units).
autoplot.rnnkit_panel_forecast <- function(object, key = NULL, n_history = 120, ...) {
  check_dots(list(...), character(), "autoplot")
  if (!requireNamespace("ggplot2", quietly = TRUE)) {
    rnnkit_abort("input", "autoplot() needs the ggplot2 package; plot(fc) draws the same forecasts.")
  }
  check_count(n_history, "n_history", min = 0)
  fcs <- unclass(object)
  keys <- check_keys(key, names(fcs))
  kn <- attr(object, "key")
  part <- function(k, what) {
    f <- fcs[[k]]
    d <- forecast_plot_data(f, n_history)
    v <- switch(what, history = data.frame(date = d$hd, value = as.numeric(d$hv)),
                forecast = data.frame(date = d$fd, value = as.numeric(f$mean)),
                band = if (length(f$level)) data.frame(date = d$fd,
                                                       lower = as.numeric(f$lower[, length(f$level)]),
                                                       upper = as.numeric(f$upper[, length(f$level)])))
    if (!is.null(v) && nrow(v)) v$key <- factor(k, levels = keys)
    v
  }
  get <- function(what) do.call(rbind, lapply(keys, part, what = what))
  band <- get("band")
  g <- ggplot2::ggplot()
  if (!is.null(band)) {
    g <- g + ggplot2::geom_ribbon(ggplot2::aes(x = date, ymin = lower, ymax = upper), data = band,
                                  fill = grDevices::adjustcolor("steelblue", 0.35))
  }
  hist <- get("history")
  if (!is.null(hist)) {
    g <- g + ggplot2::geom_line(ggplot2::aes(x = date, y = value), data = hist, colour = "grey20",
                                na.rm = TRUE)
  }
  f1 <- fcs[[keys[1]]]
  g + ggplot2::geom_line(ggplot2::aes(x = date, y = value), data = get("forecast"),
                         colour = "steelblue4", linewidth = 1) +
    ggplot2::facet_wrap(ggplot2::vars(key), scales = "free_y") +
    ggplot2::labs(title = paste0("Forecasts by ", f1$method, " (", kn, ", ",
                                 if (length(f1$level)) paste0(max(f1$level), "% interval"), ")"),
                  x = NULL, y = NULL)
}

