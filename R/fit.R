# rnn_fit(): validation, target preparation, and one call into the C core.

# the output activation a loss implies, from the core
default_output_activation <- function(loss) schema()$head[[loss]]

# Targets -> list(y = double array for the core, n_out, seq_out, classes).
prepare_targets <- function(y, loss, n_samples, n_time, classes = NULL, name = "y") {
  if (is.data.frame(y)) y <- as.matrix(y)
  d <- dim(y)
  if (loss == "sparse_ce") {
    if (is.null(d) || (length(d) == 2 && d[2] == 1)) {
      seq_out <- FALSE
      shape <- c(n_samples, 1L)
    } else if (length(d) == 2 || (length(d) == 3 && d[3] == 1)) {
      seq_out <- TRUE
      shape <- c(n_samples, n_time, 1L)
    } else {
      rnnkit_abort("dim", "`", name, "` for sparse_ce must be class labels: a vector (one per sample) ",
                   "or a samples x timesteps matrix, not ", describe(y), ".")
    }
    if (anyNA(y)) rnnkit_abort("input", "`", name, "` contains missing class labels.")
    if (!is.factor(y) && !is.numeric(y) && !is.character(y)) {
      rnnkit_abort("input", "`", name, "` must hold class labels (a factor, integers or strings), not ",
                   describe(y), ".")
    }
    lab <- if (is.factor(y)) as.character(y) else as.character(c(y))
    if (is.null(classes)) {
      classes <- if (is.factor(y)) levels(y) else as.character(sort(unique(c(y))))
    }
    code <- match(lab, classes)
    if (anyNA(code)) {
      rnnkit_abort("input", "`", name, "` has label \"", lab[is.na(code)][1],
                   "\" that is not one of the model's classes (", paste(classes, collapse = ", "), ").")
    }
    if (length(code) != prod(shape)) {
      rnnkit_abort("dim", "`", name, "` has ", length(code), " labels; expected ", prod(shape),
                   " (", paste(shape[-length(shape)], collapse = " x "), ").")
    }
    return(list(y = array(as.double(code - 1L), shape), n_out = length(classes),
                seq_out = seq_out, classes = classes))
  }
  if (!is.numeric(y) && !is.logical(y)) {
    rnnkit_abort("input", "`", name, "` must be numeric, not ", describe(y), ".")
  }
  if (is.null(d)) y <- matrix(y, ncol = 1)
  d <- dim(y)
  if (length(d) == 2) {
    seq_out <- FALSE
    if (d[1] != n_samples) {
      rnnkit_abort("dim", "`", name, "` has ", d[1], " rows but x has ", n_samples,
                   " samples; give one target (row) per sample. ", .shape_help)
    }
  } else if (length(d) == 3) {
    seq_out <- TRUE
    if (d[1] != n_samples || d[2] != n_time) {
      rnnkit_abort("dim", "`", name, "` is ", describe(y), " but x has ", n_samples, " samples of ",
                   n_time, " timesteps; a many-to-many target is samples x timesteps x outputs.")
    }
  } else {
    rnnkit_abort("dim", "`", name, "` must be a vector, a matrix or a 3-d array, not ", describe(y), ".")
  }
  if (any(!is.finite(y))) {
    b <- first_bad(y)
    rnnkit_abort("input", "`", name, "` contains ", format(b$value), " at position ",
                 paste(b$pos, collapse = ", "), "; remove or fill missing targets first.")
  }
  if (loss == "bce" && any(y < 0 | y > 1)) {
    rnnkit_abort("input", "`", name, "` for binary cross-entropy must lie in [0, 1].")
  }
  n_out <- if (seq_out) dim(y)[3] else ncol(y)
  list(y = array(as.double(y), dim(y)), n_out = n_out, seq_out = seq_out, classes = NULL)
}

# Takes rows `idx` of a samples-first array of any rank.
take_samples <- function(a, idx) {
  if (inherits(a, "rnnkit_compact")) return(compact_take(a, idx)) # issue 16
  d <- dim(a)
  m <- matrix(a, d[1])[idx, , drop = FALSE]
  array(m, c(length(idx), d[-1]))
}

rnn_fit <- function(x, ...) UseMethod("rnn_fit")

rnn_fit.default <- function(x, y = NULL, cell = "lstm", units = 16, ..., activation = "tanh",
                            output_activation = NULL, loss = "mse", optimizer = "adam",
                            lr = NULL, epochs = 100, batch_size = 32, validation = 0,
                            shuffle = TRUE, early_stopping = FALSE, min_delta = 0,
                            restore_best = TRUE, dropout = 0, clipnorm = NULL,
                            clipvalue = NULL, momentum = 0, rho = 0.9, beta1 = 0.9,
                            beta2 = 0.999, epsilon = 1e-7, recurrent_init = "orthogonal",
                            seed = NULL, verbose = interactive(),
                            threads = getOption("rnnkit.threads", 2L), model = NULL,
                            embedding = NULL, stateful = FALSE, checkpoint = NULL,
                            checkpoint_every = 1, classes = NULL, ensemble = 1,
                            series_embedding = NULL, precision = "double",
                            lr_schedule = "none", lr_drop_factor = 0.1, lr_drop_period = 10) {
  call <- match.call()
  check_dots(list(...), character(), "rnn_fit")
  if (!is.null(model) && !inherits(model, "rnnkit_model")) {
    rnnkit_abort("input", "`model` must be an rnnkit model to continue training, not ", describe(model), ".")
  }
  if (is.null(y)) rnnkit_abort("input", "`y` is missing: give one target per sample of `x`.")
  x <- as_input_array(x)
  d <- dim(x)
  # a model to continue brings its own architecture, embedding included
  emb <- if (is.null(model)) check_embedding(embedding) else
    c(n_vocab(model$config), if (n_vocab(model$config) > 0) model$config$n_embed else 0L)
  if (emb[1] > 0) {
    if (d[3] != 1) {
      rnnkit_abort("dim", "with an embedding `x` holds one token per timestep: a samples x ",
                   "timesteps matrix of integers (rnn_pad_sequences() makes one), not ", describe(x), ".")
    }
    check_tokens(x, list(n_vocab = emb[1]))
  }
  # issue 16: the series embedding; the core checks the index column
  semb <- if (is.null(model)) check_series_embedding(series_embedding) else n_series(model$config)
  check_flag(stateful, "stateful")
  if (!is.null(checkpoint)) {
    if (!is.character(checkpoint) || length(checkpoint) != 1 || is.na(checkpoint)) {
      rnnkit_abort("input", "`checkpoint` must be a file path (one string), not ", describe(checkpoint), ".")
    }
    check_count(checkpoint_every, "checkpoint_every", max = 1e7)
    if (!dir.exists(dirname(checkpoint))) {
      rnnkit_abort("input", "the folder of `checkpoint` (", dirname(checkpoint), ") does not exist.")
    }
  }
  sc <- schema()
  # a model to continue keeps its precision unless one is given
  if (missing(precision) && !is.null(model) && identical(model$config$precision, 1L)) precision <- "single"
  precision <- check_choice(precision, c("double", "single"), "precision")
  loss <- check_choice(loss, names(sc$loss), "loss")
  optimizer <- check_choice(optimizer, names(sc$optimizer), "optimizer")
  if (is.null(output_activation)) output_activation <- sc$head[[loss]]
  if (is.null(lr)) lr <- sc$defaults[[if (optimizer == "sgd") "lr_sgd" else "lr"]]
  check_number(lr, "lr", min = 0, min_open = TRUE)
  # the learning-rate schedule (MATLAB's 'piecewise'): lr * factor^floor(e / period)
  lr_schedule <- check_choice(lr_schedule, names(sc$lr_schedule), "lr_schedule")
  check_number(lr_drop_factor, "lr_drop_factor", min = 0, max = 1, min_open = TRUE)
  check_count(lr_drop_period, "lr_drop_period", max = 1e7)
  check_count(epochs, "epochs", max = 1e7)
  check_count(batch_size, "batch_size", max = 1e7)
  check_flag(shuffle, "shuffle")
  check_flag(restore_best, "restore_best")
  check_flag(verbose, "verbose")
  check_count(threads, "threads", min = 1, max = 1024)
  check_number(min_delta, "min_delta", min = 0)
  check_number(momentum, "momentum", min = 0, max = 1)
  check_number(rho, "rho", min = 0, max = 1)
  check_number(beta1, "beta1", min = 0, max = 1)
  check_number(beta2, "beta2", min = 0, max = 1)
  check_number(epsilon, "epsilon", min = 0, min_open = TRUE)
  if (!is.null(clipnorm)) check_number(clipnorm, "clipnorm", min = 0, min_open = TRUE)
  if (!is.null(clipvalue)) check_number(clipvalue, "clipvalue", min = 0, min_open = TRUE)
  if (stateful && d[1] %% batch_size != 0) {
    rnnkit_abort("dim", "stateful training reads `x` as batch_size = ", batch_size, " streams, so its ",
                 d[1], " samples must be a multiple of ", batch_size, "; rnn_text_data() arranges text so.")
  }
  patience <- if (isTRUE(early_stopping)) as.integer(sc$defaults[["patience"]]) else if (isFALSE(early_stopping)) 0L else {
    check_count(early_stopping, "early_stopping (TRUE, FALSE or a patience in epochs)")
    as.integer(early_stopping)
  }

  if (!is.null(classes) && (!is.character(classes) || anyNA(classes) || anyDuplicated(classes))) {
    rnnkit_abort("input", "`classes` must be distinct strings: the class labels in output order.")
  }
  tg <- prepare_targets(y, loss, d[1], d[2], if (!is.null(model$classes)) model$classes else classes)
  if (loss %in% c("bce", "sparse_ce") && output_activation != default_output_activation(loss)) {
    rnnkit_abort("input", 'loss = "', loss, '" needs output_activation = "',
                 default_output_activation(loss), '", not "', output_activation, '".')
  }

  # validation: a fraction of the samples taken from the end (before any
  # shuffling, so a time-ordered set validates on its latest windows), or
  # an explicit list(x, y)
  xval <- yval <- NULL
  if (is.list(validation)) {
    if (!all(c("x", "y") %in% names(validation))) {
      rnnkit_abort("input", "`validation` as a list needs elements x and y.")
    }
    xval <- as_input_array(validation$x, "validation$x")
    if (dim(xval)[3] != d[3] || dim(xval)[2] != d[2]) {
      rnnkit_abort("dim", "validation$x is ", describe(xval), " but x has ", d[2],
                   " timesteps of ", d[3], " features.")
    }
    if (emb[1] > 0) check_tokens(xval, list(n_vocab = emb[1]), "validation$x")
    if (stateful && dim(xval)[1] %% batch_size != 0) {
      rnnkit_abort("dim", "stateful validation data are read as batch_size = ", batch_size,
                   " streams too, so validation$x needs a multiple of ", batch_size, " samples.")
    }
    yval <- prepare_targets(validation$y, loss, dim(xval)[1], d[2], tg$classes, "validation$y")$y
  } else {
    check_number(validation, "validation", min = 0, max = 0.9)
    n_val <- floor(d[1] * validation)
    if (validation > 0 && (n_val < 1 || n_val >= d[1])) {
      rnnkit_abort("dim", "validation = ", validation, " of ", d[1], " samples leaves ",
                   n_val, " for validation and ", d[1] - n_val, " for training; both need at least one.")
    }
    if (n_val > 0 && stateful) {
      rnnkit_abort("input", "stateful training cannot split off a fraction of its streams; give ",
                   "`validation` as list(x, y), e.g. from rnn_text_data(validation = 0.1).")
    }
    if (n_val > 0) {
      iv <- seq.int(d[1] - n_val + 1, d[1])
      it <- seq_len(d[1] - n_val)
      xval <- take_samples(x, iv)
      yval <- take_samples(tg$y, iv)
      x <- take_samples(x, it)
      tg$y <- take_samples(tg$y, it)
    }
  }

  # ---- ensemble (issue 15): k members trained by the core from seeds
  # derived from `seed` (rnn_member_seed(): member 1 uses `seed` itself)
  check_count(ensemble, "ensemble", min = 1, max = 1e4)
  ensemble <- as.integer(ensemble)
  if (ensemble > 1) {
    why <- if (!is.null(model)) "continue training `model` (fit a new ensemble instead)" else
      if (stateful) "train statefully (text data from rnn_text_data() is read as one stream)" else
      if (!is.null(checkpoint)) "save checkpoints (drop `checkpoint`)"
    if (!is.null(why)) {
      rnnkit_abort("input", "`ensemble = ", ensemble, "` trains new members from derived seeds; it ",
                   "cannot ", why, ". Use ensemble = 1 for that.")
    }
    # a whole-number seed, so that every member's seed refits that member
    if (is.null(seed)) seed <- core_seed_number()
  }
  # ---- end ensemble
  seeds <- core_seed(seed)
  if (is.null(model)) {
    config <- model_config(cell, units, d[3], tg$n_out, activation, output_activation,
                           tg$seq_out, dropout, if (emb[1] > 0) emb, series = semb)
    model <- new_model(config, init_params(config, recurrent_init, seeds))
  } else {
    # continue training: the architecture is the model's own
    if (model$config$n_in != d[3] || model$config$n_out != tg$n_out ||
        model$config$seq_out != tg$seq_out) {
      rnnkit_abort("dim", "`model` takes ", model$config$n_in, " feature(s) and gives ",
                   model$config$n_out, " output(s); the data have ", d[3], " and ", tg$n_out, ".")
    }
    model <- new_model(model$config, model$params)
  }
  # issue 19: the core computes in float for precision = "single"; only
  # such models carry the field, so double models' files are unchanged
  model$config$precision <- if (precision == "single") 1L
  train_seed <- c(seeds[1], (seeds[2] + 1) %% 2^32)
  train <- list(
    loss_code = sc$loss[[loss]], optimizer_code = sc$optimizer[[optimizer]],
    lr = lr, momentum = momentum, rho = rho, beta1 = beta1, beta2 = beta2,
    epsilon = epsilon, clipnorm = if (is.null(clipnorm)) 0 else clipnorm,
    clipvalue = if (is.null(clipvalue)) 0 else clipvalue,
    epochs = as.integer(epochs), batch_size = as.integer(batch_size),
    shuffle = as.integer(shuffle), patience = patience, min_delta = min_delta,
    restore_best = as.integer(restore_best), threads = as.integer(threads),
    stateful = as.integer(stateful),
    row_split = as.integer(getOption("rnnkit.row_split", 0L)),
    lr_schedule = sc$lr_schedule[[lr_schedule]], lr_drop_factor = as.double(lr_drop_factor),
    lr_drop_period = as.integer(lr_drop_period)
  )
  model$loss <- loss
  model$classes <- tg$classes
  model$n_time <- d[2]
  finish <- function(model, params, n, res_loss, res_val, res_acc, res_val_acc, res_lr = NULL) {
    model$params <- params
    model$history <- data.frame(
      epoch = seq_len(n), loss = res_loss[seq_len(n)],
      val_loss = if (is.null(xval)) rep(NA_real_, n) else res_val[seq_len(n)]
    )
    # the learning rate of every epoch, as the core trained it (a schedule only)
    if (lr_schedule != "none" && !is.null(res_lr)) model$history$lr <- res_lr[seq_len(n)]
    if (loss %in% c("bce", "sparse_ce")) {
      model$history$acc <- res_acc[seq_len(n)]
      model$history$val_acc <- if (is.null(xval)) rep(NA_real_, n) else res_val_acc[seq_len(n)]
    }
    model$training <- c(list(optimizer = optimizer, n_train = dim(x)[1],
                             n_val = if (is.null(xval)) 0L else dim(xval)[1]),
                        train[c("lr", "epochs", "batch_size", "patience", "clipnorm", "clipvalue")],
                        if (stateful) list(stateful = TRUE),
                        if (lr_schedule != "none") {
                          list(lr_schedule = lr_schedule, lr_drop_factor = as.double(lr_drop_factor),
                               lr_drop_period = as.integer(lr_drop_period))
                        })
    model
  }
  if (!is.null(checkpoint)) {
    # called from C at the end of every checkpoint_every-th epoch with the
    # weights and histories so far
    train$checkpoint <- function(epoch, params, l, vl, a, va, lr) {
      m <- finish(model, params, epoch, l, vl, a, va, lr)
      m$status <- list(epochs_run = epoch, checkpoint = TRUE)
      m$call <- call
      # a failure (an rnnkit_error_io: the file keeps the previous
      # checkpoint) stops training with a classed warning naming the cause
      rnn_save(m, checkpoint)
      invisible(NULL)
    }
    train$checkpoint_every <- as.integer(checkpoint_every)
  }
  # ---- ensemble (issue 15)
  if (ensemble > 1) {
    train$ensemble <- ensemble
    train$recurrent_init <- sc$init[[check_choice(recurrent_init, names(sc$init), "recurrent_init")]]
    if (recurrent_init == "identity" && cell != "simple") {
      rnnkit_abort("input", '`recurrent_init = "identity"` is for cell = "simple" only.')
    }
    res <- .Call(rnnkit_train, model$config, train, model$params, x, tg$y,
                 xval, yval, seeds, if (verbose) console_width() else 0L)
    model <- finish_ensemble(model, res, finish, stopped = verbose)
    model$call <- call
    if (any(res$diverged > 0)) rnnkit_warn("diverged", res$message)
    if (any(res$interrupted)) {
      message("rnnkit: training interrupted in member ", res$members_run, " of ", ensemble,
              "; returning the ", res$members_run, " member(s) trained so far.")
    }
    return(model)
  }
  # ---- end ensemble
  res <- .Call(rnnkit_train, model$config, train, model$params, x, tg$y,
               xval, yval, train_seed, if (verbose) console_width() else 0L)
  n <- res$epochs_run
  model <- finish(model, res$params, n, res$loss, res$val_loss, res$acc, res$val_acc, res$lr)
  model$training$restored <- res$restored
  model$status <- res[c("epochs_run", "best_epoch", "stopped_early", "interrupted", "diverged")]
  model$call <- call
  if (verbose && res$stopped_early) {
    cat("Stopped early after epoch ", n, "; best epoch ", res$best_epoch,
        if (res$restored) " (its weights restored)", ".\n", sep = "")
  }
  if (res$diverged > 0) rnnkit_warn("diverged", res$message)
  if (nzchar(res$checkpoint_error)) {
    why <- trimws(sub("^Error[^:]*: ", "", res$checkpoint_error)) # geterrmessage()'s form
    rnnkit_warn("checkpoint", "training stopped after epoch ", n, " because saving the checkpoint ",
                "failed: ", why)
  } else if (res$interrupted) {
    message("rnnkit: training interrupted after ", n, " complete epoch(s); ",
            "returning the model as it stood.")
  }
  model
}

# Windows in: fit on the training windows and keep what forecasting and
# predicting in original units need (the scaler, the data, residuals).
# The options of rnn_fit() that the windows, formula, text-data and
# backtest forms pass on to the default method.
fit_option_names <- function() setdiff(names(formals(rnn_fit.default)), c("x", "y", "..."))

rnn_fit.rnnkit_windows <- function(x, ...) {
  w <- x
  args <- list(...)
  if (length(args) && (is.null(names(args)) || any(names(args) == ""))) {
    rnnkit_abort("input", "with windows, name every option of rnn_fit() (units = 16, epochs = 50, ...).")
  }
  if ("y" %in% names(args)) {
    rnnkit_abort("input", "`y` is not needed with windows: their targets come from rnn_windows().")
  }
  check_dots(args, fit_option_names(), "rnn_fit")
  # as in Octave: windows hold numbers to forecast, one row of targets per
  # window, not class labels (sparse_ce read each scaled value as a class)
  if (identical(args$loss, "sparse_ce")) {
    rnnkit_abort("input", "windows from rnn_windows() train a model that forecasts numbers, ",
                 "one row of targets per window: loss = \"sparse_ce\" needs x and y arrays ",
                 "instead (y = class labels).")
  }
  train <- w$index$set == "train"
  if (is_panel(w)) {
    # issue 16: the panel's windows in time order (steps from the end of
    # their series, then key), so that a validation fraction taken from
    # the end holds every series' latest windows; shuffling mixes series
    ends <- vapply(w$data$series, function(d) nrow(d$values), 1L)[w$index$key]
    train <- which(train)[order((w$index$target_row - ends)[train], match(w$index$key[train], w$meta$keys))]
  }
  tw <- subset_windows(w, train)
  args$series_embedding <- continued_embedding(args$model, args$series_embedding, w)
  if (!is.null(args$series_embedding)) {
    # issue 16: a learned vector per key, read through the key's index
    # (0-based) appended as the windows' last feature
    if (!is_panel(w)) {
      rnnkit_abort("input", "`series_embedding` learns a vector per series of a panel: make the ",
                   "windows with rnn_windows(data, key = ...).")
    }
    check_count(args$series_embedding, "series_embedding", max = 1e5)
    args$series_embedding <- c(length(w$meta$keys), args$series_embedding)
    tw$x <- with_series_index(tw$x, match(tw$index$key, w$meta$keys) - 1L)
  }
  fit <- if (is.null(args$series_embedding)) rnn_fit.default(tw$x, tw$y, ...) else
    do.call(rnn_fit.default, c(list(tw$x, tw$y), args), quote = TRUE)
  fit$prep <- list(meta = w$meta, scaler = w$scaler, data = w$data)
  fit$n_time <- w$meta$window
  # one-step residuals on the windows the model learned from (scaled
  # units): the errors that prediction intervals bootstrap
  yhat <- .Call(rnnkit_predict, fit$config, fit$params, tw$x)
  fit$residuals <- as.matrix(tw$y) - yhat
  dimnames(fit$residuals) <- list(NULL, target_names(w$meta$target, w$meta$horizon))
  fit$fitted_rows <- tw$index$target_row
  fit$call <- match.call()
  fit
}

# issue 16: a model to continue (`model`) brings its series embedding,
# as it brings the rest of its architecture: on panel windows of its own
# keys it reads each key's index without `series_embedding` (which, if
# given, must be the model's width). Returns the width to use (NULL: none).
continued_embedding <- function(model, series_embedding, w) {
  if (!inherits(model, "rnnkit_model") || n_series(model$config)[1] == 0 || !is_panel(w)) {
    return(series_embedding)
  }
  se <- n_series(model$config)
  if (!is.null(series_embedding) && !identical(as.numeric(series_embedding), as.numeric(se[2]))) {
    rnnkit_abort("input", "`model` brings its series embedding of width ", se[2], ": leave out ",
                 "`series_embedding` (or give ", se[2], "), not ", describe(series_embedding), ".")
  }
  keys <- if (is_panel(model$prep)) model$prep$meta$keys else NULL
  if (if (is.null(keys)) length(w$meta$keys) != se[1] else !identical(keys, w$meta$keys)) {
    rnnkit_abort("input", "`model` has a series embedding for ", se[1], " series",
                 if (!is.null(keys)) paste0(" (keys ", paste(utils::head(keys, 10), collapse = ", "), ")"),
                 "; continue it on windows of the same keys, not of ",
                 paste(utils::head(w$meta$keys, 10), collapse = ", "), ".")
  }
  se[2]
}

# Formula in: Close ~ Open + High + Low + Close windows `data` first.
rnn_fit.formula <- function(x, data, ..., window = 30, horizon = 1, stride = 1, date = "Date",
                            na = "error", split = NULL, test = NULL, scale = "minmax",
                            transform = "none", period = NULL, lambda = NULL,
                            calendar = "none") {
  check_dots(list(...), fit_option_names(), "rnn_fit")
  if (missing(data)) rnnkit_abort("input", "the formula interface needs `data`.")
  vars <- formula_columns(x, data, date)
  w <- rnn_windows(data, target = vars$target, features = vars$features, window = window,
                   horizon = horizon, stride = stride, date = date, na = na, split = split,
                   test = test, scale = scale, transform = transform, period = period,
                   lambda = lambda, calendar = calendar)
  fit <- rnn_fit.rnnkit_windows(w, ...)
  fit$call <- match.call()
  fit
}

# Target and feature names of a formula; `.` is every numeric column but
# the date; cbind(a, b) ~ . predicts several columns.
formula_columns <- function(f, data, date) {
  if (length(f) != 3) rnnkit_abort("input", "the formula needs a target on the left: Close ~ Open + Close.")
  s <- as_series_frame(data, date)
  cols <- names(s$df)[vapply(s$df, is.numeric, TRUE)]
  lhs <- all.vars(f[[2]])
  rhs <- all.vars(f[[3]])
  rhs <- unique(unlist(lapply(rhs, function(v) if (v == ".") cols else v)))
  # the date and text columns are in `data`: rnn_windows() says why they
  # cannot be used
  bad <- setdiff(c(lhs, rhs), names(s$all))
  if (length(bad)) {
    rnnkit_abort("input", "the formula names column(s) ", paste(bad, collapse = ", "),
                 " that `data` does not have; it has ", paste(names(s$all), collapse = ", "), ".")
  }
  list(target = lhs, features = rhs)
}

# Actual targets of the windows whose first target rows are `rows`, in
# original units (NA beyond the data), from the core's evaluation: one
# column per output (target-major, horizon fastest).
actual_targets <- function(prep, rows) {
  used <- names(prep$scaler$center)
  v <- prep$data$values[, used, drop = FALSE]
  n_out <- prep$meta$horizon * length(prep$meta$target)
  out <- .Call(rnnkit_series_eval, v, match(prep$meta$target, used), prep$meta$horizon,
               as.integer(rows), matrix(0, length(rows), n_out), unname(prep$scaler$center[used]),
               unname(prep$scaler$scale[used]), NULL, v, 0L, 1L, NULL)$actual
  colnames(out) <- target_names(prep$meta$target, prep$meta$horizon)
  out
}

# Centers and scales of the outputs (each target repeated over the horizon).
output_scaler <- function(prep) {
  tg <- rep(prep$meta$target, each = prep$meta$horizon)
  list(center = unname(prep$scaler$center[tg]), scale = unname(prep$scaler$scale[tg]))
}

# Columns the progress bar may use: getOption("width"), or the terminal's
# COLUMNS if that is narrower.
console_width <- function() {
  w <- getOption("width", 80L)
  w <- if (is.numeric(w) && length(w) == 1 && is.finite(w)) as.integer(w) else 80L
  cols <- suppressWarnings(as.integer(Sys.getenv("COLUMNS")))
  if (!is.na(cols) && cols > 0) w <- min(w, cols)
  max(w, 10L)
}

need_prep <- function(object, what) {
  if (!inherits(object, "rnnkit_model")) {
    rnnkit_abort("input", what, " needs an rnnkit model, not ", describe(object), ".")
  }
  if (is.null(object$prep)) {
    rnnkit_abort("input", what, " needs a model fit from rnn_windows() or a formula, which ",
                 "remembers the data, dates and scaling; this one was fit on bare arrays.")
  }
  object$prep
}

# One-step residuals and fitted values of the training windows, in
# original units (a vector for one output, else a matrix).
residuals.rnnkit_model <- function(object, ...) {
  check_dots(list(...), character(), "residuals")
  prep <- need_prep(object, "residuals()")
  if (!is.null(transform_code(prep$meta))) { # issue 15: in original units
    ev <- fitted_transformed(object)
    r <- ev$actual - ev$pred
    return(if (ncol(r) == 1) r[, 1] else r)
  }
  sc <- output_scaler(prep)
  r <- sweep(object$residuals, 2, sc$scale, `*`)
  if (ncol(r) == 1) r[, 1] else r
}

fitted.rnnkit_model <- function(object, ...) {
  check_dots(list(...), character(), "fitted")
  prep <- need_prep(object, "fitted()")
  if (!is.null(transform_code(prep$meta))) { # issue 15: in original units
    f <- fitted_transformed(object)$pred
    return(if (ncol(f) == 1) f[, 1] else f)
  }
  sc <- output_scaler(prep)
  f <- actual_targets(prep, object$fitted_rows) - sweep(object$residuals, 2, sc$scale, `*`)
  if (ncol(f) == 1) f[, 1] else f
}

# issue 16: windows x (samples x timesteps x features) with the series
# index of each sample (one per sample, or one for all) as a last feature:
# the input of a model with a series embedding.
with_series_index <- function(x, idx) {
  if (inherits(x, "rnnkit_compact")) return(compact_series_index(x, idx))
  d <- dim(x)
  array(c(x, rep(rep(as.double(idx), length.out = d[1]), d[2])), c(d[1], d[2], d[3] + 1L),
        dimnames = if (!is.null(dimnames(x))) list(NULL, NULL, c(dimnames(x)[[3]], ".series")))
}

# The input a one-series view of a model reads: x, plus the view's series
# index when the model has a series embedding (-1: a series it has not
# seen, which reads the mean embedding).
model_x <- function(object, x) {
  if (n_series(object$config)[1] == 0) return(x)
  with_series_index(x, object$series_index %||% -1L)
}
