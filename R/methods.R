# print(), summary(), plot() for models.

layer_label <- function(cfg) {
  nm <- c(simple = "SimpleRNN", lstm = "LSTM", gru = "GRU")[[cfg$cell]]
  paste0(nm, "(", cfg$units, ")", collapse = " -> ")
}

# The whole stack, embedding included: "Embedding(5, 4) -> SimpleRNN(8)".
stack_label <- function(cfg) {
  paste0(if (n_vocab(cfg) > 0) paste0("Embedding(", cfg$n_vocab, ", ", cfg$n_embed, ") -> "),
         layer_label(cfg))
}

# One row per layer of param_layout(): embedding (token models), the
# recurrent layers, the dense head.
model_layers <- function(object) {
  cfg <- object$config
  lay <- param_layout(cfg)
  lname <- vapply(lay, `[[`, "", "layer")
  counts <- tapply(vapply(lay, function(e) prod(e$dim), 0), factor(lname, levels = unique(lname)), sum)
  nm <- c(simple = "SimpleRNN", lstm = "LSTM", gru = "GRU")[[cfg$cell]]
  T <- if (is.na(object$n_time)) "T" else object$n_time
  emb <- n_vocab(cfg) > 0
  rec <- paste0(nm, if (cfg$cell == "simple") paste0(" (", cfg$activation, ")"))
  data.frame(
    layer = names(counts),
    type = c(if (emb) paste0("Embedding (", cfg$n_vocab, " tokens)"), rep(rec, length(cfg$units)),
             paste0("Dense (", cfg$output_activation, ")")),
    units = c(if (emb) cfg$n_embed, cfg$units, cfg$n_out),
    output = c(if (emb) paste0("[N, ", T, ", ", cfg$n_embed, "]"), paste0("[N, ", T, ", ", cfg$units, "]"),
               if (cfg$seq_out) paste0("[N, ", T, ", ", cfg$n_out, "]") else paste0("[N, ", cfg$n_out, "]")),
    params = as.integer(counts),
    row.names = NULL, stringsAsFactors = FALSE
  )
}

# "30 timesteps x 4 features", or for a token model "100 timesteps of
# tokens 0..64 (0 = padding)".
input_label <- function(x) {
  cfg <- x$config
  steps <- paste0(if (is.na(x$n_time)) "any number of" else x$n_time, " timesteps")
  if (n_vocab(cfg) > 0) {
    return(paste0(steps, " of tokens 0..", cfg$n_vocab - 1L, " (0 = padding)"))
  }
  paste0(steps, " x ", cfg$n_in, " feature", if (cfg$n_in != 1) "s")
}

print.rnnkit_model <- function(x, ...) {
  cfg <- x$config
  cat("<rnnkit_model> ", stack_label(cfg), " -> Dense(", cfg$n_out, ", ",
      cfg$output_activation, ")", if (cfg$seq_out) " on every step", "\n", sep = "")
  k <- n_members(x) # ensemble (issue 15)
  cat("  inputs: ", input_label(x), "; ", format(length(x$params), big.mark = ","), " parameters",
      if (k > 1) paste0(" (", format(length(x$params) / k, big.mark = ","), " per member)"), "\n",
      sep = "")
  if (k > 1) {
    cat("  ensemble of ", k, " (seeds ", paste(sprintf("%.0f", x$ensemble$seeds), collapse = ", "),
        "); predictions are the members' mean\n", sep = "")
  }
  if (identical(cfg$precision, 1L)) cat("  computed in single precision (float32)\n") # issue 19
  if (!is.null(x$prep$meta$transform)) { # issue 15
    cat("  target transform: ", transform_label(x$prep$meta), " (undone in predictions and forecasts)\n",
        sep = "")
  }
  if (!is.null(x$tokenizer)) {
    cat("  tokenizer: ", x$tokenizer$level, " level, ", length(x$tokenizer$vocab), " tokens\n", sep = "")
  }
  h <- x$history
  if (nrow(h) == 0) {
    cat("  not trained\n")
  } else {
    tr <- x$training
    cat("  trained ", nrow(h), " epoch", if (nrow(h) != 1) "s", " (", tr$optimizer,
        ", lr ", format(tr$lr), lr_schedule_label(tr, " "), ", batch ", tr$batch_size, if (isTRUE(tr$stateful)) ", stateful",
        ", loss ", x$loss, ")",
        if (isTRUE(x$status$stopped_early)) paste0("; stopped early, best epoch ", x$status$best_epoch),
        if (isTRUE(tr$restored)) paste0(" (its weights restored)"),
        if (isTRUE(x$status$interrupted)) "; interrupted",
        if (isTRUE(x$status$diverged > 0)) paste0("; diverged in epoch ", x$status$diverged),
        "\n", sep = "")
    last <- h[nrow(h), ]
    cat("  final loss ", format(last$loss, digits = 5),
        if (!is.na(last$val_loss)) paste0(", val_loss ", format(last$val_loss, digits = 5)),
        if (!is.null(last$acc) && !is.na(last$acc)) paste0(", acc ", format(last$acc, digits = 3)),
        if (!is.null(last$val_acc) && !is.na(last$val_acc)) paste0(", val_acc ", format(last$val_acc, digits = 3)),
        if (k > 1) " (member 1)", "\n", sep = "")
    if (k > 1) {
      cat("  members' final losses: ", paste(format(member_final_loss(x), digits = 5), collapse = ", "),
          "\n", sep = "")
    }
  }
  invisible(x)
}

summary.rnnkit_model <- function(object, ...) {
  h <- object$history
  structure(
    list(
      layers = model_layers(object), n_params = length(object$params),
      inputs = input_label(object),
      precision = if (identical(object$config$precision, 1L)) "single" else "double",
      transform = if (!is.null(object$prep$meta$transform)) transform_label(object$prep$meta),
      loss = object$loss, epochs = nrow(h),
      final_loss = if (nrow(h)) h$loss[nrow(h)] else NA_real_,
      final_val_loss = if (nrow(h)) h$val_loss[nrow(h)] else NA_real_,
      best_epoch = if (length(object$status)) object$status$best_epoch else NA_integer_,
      training = object$training, status = object$status,
      ensemble = if (n_members(object) > 1) data.frame(
        member = seq_len(object$ensemble$k), seed = object$ensemble$seeds,
        epochs = object$ensemble$epochs_run, final_loss = member_final_loss(object),
        final_val_loss = member_final_loss(object, "val_loss")
      )
    ),
    class = "summary.rnnkit_model"
  )
}

print.summary.rnnkit_model <- function(x, ...) {
  cat("rnnkit model\n\n")
  print(x$layers, row.names = FALSE)
  cat("\nInputs:", x$inputs, "\n")
  if (identical(x$precision, "single")) cat("Precision: single (float32)\n")
  if (!is.null(x$transform)) cat("Target transform:", x$transform, "(undone in predictions and forecasts)\n")
  cat("Total parameters:", format(x$n_params, big.mark = ","), "\n")
  if (x$epochs > 0) {
    cat("Loss:", x$loss, " optimizer:", x$training$optimizer, " lr:", format(x$training$lr),
        " batch size:", x$training$batch_size, "\n")
    if (nzchar(lr_schedule_label(x$training))) {
      cat("Learning-rate schedule:", lr_schedule_label(x$training), "\n")
    }
    cat("Epochs run:", x$epochs, " best epoch:", x$best_epoch,
        if (isTRUE(x$training$restored)) "(the model holds its weights)", "\n")
    cat("Final training loss:  ", format(x$final_loss, digits = 6), "\n")
    if (!is.na(x$final_val_loss)) cat("Final validation loss:", format(x$final_val_loss, digits = 6), "\n")
    if (!is.null(x$ensemble)) {
      cat("\nEnsemble of ", nrow(x$ensemble), " (the figures above are member 1's; predictions are the ",
          "members' mean):\n", sep = "")
      e <- x$ensemble
      e$seed <- sprintf("%.0f", e$seed)
      if (all(is.na(e$final_val_loss))) e$final_val_loss <- NULL
      print(e, row.names = FALSE, digits = 6)
    }
  } else {
    cat("Not trained.\n")
  }
  invisible(x)
}

plot.rnnkit_model <- function(x, log = "y", main = "Training history", ...) {
  h <- x$history
  if (nrow(h) == 0) rnnkit_abort("input", "the model has no training history to plot.")
  ok <- if (log == "y") all(c(h$loss, h$val_loss, x$ensemble$loss) > 0, na.rm = TRUE) else TRUE
  rng <- range(c(h$loss, h$val_loss, x$ensemble$loss), na.rm = TRUE)
  graphics::plot(h$epoch, h$loss, type = "l", col = "black", lwd = 2, ylim = rng,
                 log = if (ok) log else "", xlab = "epoch",
                 ylab = paste0("loss (", x$loss, ")"), main = main, ...)
  has_val <- any(!is.na(h$val_loss))
  if (n_members(x) > 1) { # ensemble (issue 15): the other members in grey
    e <- x$ensemble
    for (j in seq_len(e$k)[-1]) graphics::lines(seq_len(e$epochs_run[j]), e$loss[seq_len(e$epochs_run[j]), j],
                                                col = "grey60")
  }
  if (has_val) graphics::lines(h$epoch, h$val_loss, col = "firebrick", lwd = 2, lty = 2)
  if (isTRUE(x$status$best_epoch > 0) && has_val) {
    graphics::abline(v = x$status$best_epoch, col = "grey60", lty = 3)
  }
  graphics::legend("topright", legend = c("training", if (has_val) "validation"),
                   col = c("black", if (has_val) "firebrick"), lty = c(1, if (has_val) 2),
                   lwd = 2, bty = "n")
  invisible(x)
}

# "piecewise x0.1 every 10 epochs" for a model trained with a learning-rate
# schedule, "" without (prefix before a non-empty label)
lr_schedule_label <- function(tr, prefix = "") {
  if (is.null(tr$lr_schedule) || identical(tr$lr_schedule, "none")) return("")
  paste0(prefix, tr$lr_schedule, " x", format(tr$lr_drop_factor), " every ", tr$lr_drop_period,
         " epoch", if (tr$lr_drop_period != 1) "s")
}
