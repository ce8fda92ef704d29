# rnn_backtest(): rolling-origin evaluation. The last origins * h windows
# are cut into `origins` blocks of h windows; at each origin the model is
# fit (or, with method = "update", trained on from the previous origin's
# weights) on everything before the block and scored on the block's
# one-step predictions against the naive forecast.

rnn_backtest <- function(data, ..., origins = 5, h = 20, method = c("refit", "update"),
                         update_epochs = NULL) {
  method <- if (identical(method, c("refit", "update"))) "refit" else check_choice(method, c("refit", "update"), "method")
  check_count(origins, "origins", max = 1000)
  check_count(h, "h", max = 1e6)
  if (!is.null(update_epochs)) check_count(update_epochs, "update_epochs", max = 1e7)
  dots <- list(...)
  if (length(dots) && (is.null(names(dots)) || any(names(dots) == ""))) {
    rnnkit_abort("input", "rnn_backtest() passes its options by name; name every argument after `data`.")
  }
  if (any(c("split", "test") %in% names(dots))) {
    rnnkit_abort("input", "rnn_backtest() sets the splits itself from `origins` and `h`.")
  }
  win_names <- setdiff(names(formals(rnn_windows)), c("data", "split", "test", "..."))
  check_dots(dots, c(win_names, fit_option_names()), "rnn_backtest")
  wargs <- dots[names(dots) %in% win_names]
  fargs <- dots[!names(dots) %in% win_names]
  all_w <- do.call(rnn_windows, c(list(data), wargs))
  N <- length(all_w$index$target_row)
  if (origins * h >= N) {
    rnnkit_abort("dim", "origins * h = ", origins * h, " test windows leave none of the ", N,
                 " windows for training; use fewer origins or a smaller h.")
  }
  if (is.null(fargs$seed)) fargs$seed <- core_seed_number()
  out <- vector("list", origins)
  fit <- NULL
  for (i in seq_len(origins)) {
    n_test <- (origins - i + 1) * h
    wa <- c(list(data), wargs, list(test = n_test))
    if (method == "update" && !is.null(fit)) wa$scale <- fit$prep$scaler
    w <- do.call(rnn_windows, wa)
    fa <- fargs
    if (method == "update" && !is.null(fit)) {
      fa$model <- fit
      if (!is.null(update_epochs)) fa$epochs <- update_epochs
    }
    fit <- do.call(rnn_fit, c(list(w), fa))
    block <- which(w$index$set == "test")[seq_len(h)]
    ps <- predict_series(fit, subset_windows(w, seq_along(w$index$set) %in% block), score = TRUE)
    acc <- accuracy_table(ps$model, w$meta$target, m = ps$acc)
    out[[i]] <- data.frame(
      origin = i, date = if (is.null(w$data$index)) w$data$split_row else w$data$index[w$data$split_row],
      n_train = sum(w$index$set == "train"), acc, stringsAsFactors = FALSE
    )
  }
  res <- do.call(rbind, out)
  rownames(res) <- NULL
  structure(res, class = c("rnnkit_backtest", "data.frame"), method = method, h = h)
}

# A seed drawn from R's RNG, so every origin's fit uses the same one.
core_seed_number <- function() floor(stats::runif(1) * 2^31)

print.rnnkit_backtest <- function(x, digits = 4, ...) {
  cat("Rolling-origin backtest: ", max(x$origin), " origins, ", attr(x, "h"),
      " one-step predictions each, ", attr(x, "method"), " at every origin\n", sep = "")
  df <- as.data.frame(unclass(x), stringsAsFactors = FALSE)
  num <- intersect(c("RMSE", "MAE", "MAPE", "MASE", "DA"), names(df))
  df[num] <- lapply(df[num], signif, digits = digits)
  print(df, row.names = FALSE)
  # the models in the order of the table (naive's DA stays NA)
  mean_by <- stats::aggregate(as.data.frame(unclass(x))[num],
                              list(model = factor(x$model, levels = unique(x$model))), mean)
  cat("\nMean over origins:\n")
  mean_by[num] <- lapply(mean_by[num], signif, digits = digits)
  print(mean_by, row.names = FALSE)
  invisible(x)
}
