# print(), summary(), plot() for models.

layer_label <- function(cfg) {
  nm <- c(simple = "SimpleRNN", lstm = "LSTM", gru = "GRU")[[cfg$cell]]
  paste0(nm, "(", cfg$units, ")", collapse = " -> ")
}

model_layers <- function(object) {
  cfg <- object$config
  lay <- param_layout(cfg)
  counts <- tapply(vapply(lay, function(e) prod(e$dim), 0), factor(
    vapply(lay, `[[`, "", "layer"), levels = unique(vapply(lay, `[[`, "", "layer"))
  ), sum)
  nm <- c(simple = "SimpleRNN", lstm = "LSTM", gru = "GRU")[[cfg$cell]]
  T <- if (is.na(object$n_time)) "T" else object$n_time
  type <- c(paste0(nm, if (cfg$cell == "simple") paste0(" (", cfg$activation, ")")),
            paste0("Dense (", cfg$output_activation, ")"))
  data.frame(
    layer = names(counts),
    type = c(rep(type[1], length(cfg$units)), type[2]),
    units = c(cfg$units, cfg$n_out),
    output = c(paste0("[N, ", T, ", ", cfg$units, "]"),
               if (cfg$seq_out) paste0("[N, ", T, ", ", cfg$n_out, "]") else paste0("[N, ", cfg$n_out, "]")),
    params = as.integer(counts),
    row.names = NULL, stringsAsFactors = FALSE
  )
}

print.rnnkit_model <- function(x, ...) {
  cfg <- x$config
  cat("<rnnkit_model> ", layer_label(cfg), " -> Dense(", cfg$n_out, ", ",
      cfg$output_activation, ")", if (cfg$seq_out) " on every step", "\n", sep = "")
  cat("  inputs: ", if (is.na(x$n_time)) "any number of" else x$n_time, " timesteps x ",
      cfg$n_in, " feature", if (cfg$n_in != 1) "s", "; ",
      format(length(x$params), big.mark = ","), " parameters\n", sep = "")
  h <- x$history
  if (nrow(h) == 0) {
    cat("  not trained\n")
  } else {
    tr <- x$training
    cat("  trained ", nrow(h), " epoch", if (nrow(h) != 1) "s", " (", tr$optimizer,
        ", lr ", format(tr$lr), ", batch ", tr$batch_size, ", loss ", x$loss, ")",
        if (isTRUE(x$status$stopped_early)) paste0("; stopped early, best epoch ", x$status$best_epoch),
        if (isTRUE(tr$restored)) paste0(" (its weights restored)"),
        if (isTRUE(x$status$interrupted)) "; interrupted",
        if (isTRUE(x$status$diverged > 0)) paste0("; diverged in epoch ", x$status$diverged),
        "\n", sep = "")
    cat("  final loss ", format(h$loss[nrow(h)], digits = 5),
        if (!is.na(h$val_loss[nrow(h)])) paste0(", val_loss ", format(h$val_loss[nrow(h)], digits = 5)),
        "\n", sep = "")
  }
  invisible(x)
}

summary.rnnkit_model <- function(object, ...) {
  h <- object$history
  structure(
    list(
      layers = model_layers(object), n_params = length(object$params),
      loss = object$loss, epochs = nrow(h),
      final_loss = if (nrow(h)) h$loss[nrow(h)] else NA_real_,
      final_val_loss = if (nrow(h)) h$val_loss[nrow(h)] else NA_real_,
      best_epoch = if (length(object$status)) object$status$best_epoch else NA_integer_,
      training = object$training, status = object$status
    ),
    class = "summary.rnnkit_model"
  )
}

print.summary.rnnkit_model <- function(x, ...) {
  cat("rnnkit model\n\n")
  print(x$layers, row.names = FALSE)
  cat("\nTotal parameters:", format(x$n_params, big.mark = ","), "\n")
  if (x$epochs > 0) {
    cat("Loss:", x$loss, " optimizer:", x$training$optimizer, " lr:", format(x$training$lr),
        " batch size:", x$training$batch_size, "\n")
    cat("Epochs run:", x$epochs, " best epoch:", x$best_epoch,
        if (isTRUE(x$training$restored)) "(the model holds its weights)", "\n")
    cat("Final training loss:  ", format(x$final_loss, digits = 6), "\n")
    if (!is.na(x$final_val_loss)) cat("Final validation loss:", format(x$final_val_loss, digits = 6), "\n")
  } else {
    cat("Not trained.\n")
  }
  invisible(x)
}

plot.rnnkit_model <- function(x, log = "y", main = "Training history", ...) {
  h <- x$history
  if (nrow(h) == 0) rnnkit_abort("input", "the model has no training history to plot.")
  ok <- if (log == "y") all(c(h$loss, h$val_loss) > 0, na.rm = TRUE) else TRUE
  rng <- range(c(h$loss, h$val_loss), na.rm = TRUE)
  graphics::plot(h$epoch, h$loss, type = "l", col = "black", lwd = 2, ylim = rng,
                 log = if (ok) log else "", xlab = "epoch",
                 ylab = paste0("loss (", x$loss, ")"), main = main, ...)
  has_val <- any(!is.na(h$val_loss))
  if (has_val) graphics::lines(h$epoch, h$val_loss, col = "firebrick", lwd = 2, lty = 2)
  if (isTRUE(x$status$best_epoch > 0) && has_val) {
    graphics::abline(v = x$status$best_epoch, col = "grey60", lty = 3)
  }
  graphics::legend("topright", legend = c("training", if (has_val) "validation"),
                   col = c("black", if (has_val) "firebrick"), lty = c(1, if (has_val) 2),
                   lwd = 2, bty = "n")
  invisible(x)
}
