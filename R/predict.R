# predict(): new arrays in, predictions out, one call into the core.

predict.rnnkit_model <- function(object, newdata, type = c("response", "class"), ...) {
  type <- match.arg(type)
  if (missing(newdata)) {
    rnnkit_abort("input", "`newdata` is missing: give an array samples x timesteps x features.")
  }
  if (inherits(newdata, "rnnkit_windows")) newdata <- newdata$x
  x <- as_input_array(newdata, "newdata")
  cfg <- object$config
  if (dim(x)[3] != cfg$n_in) {
    rnnkit_abort("dim", "`newdata` has ", dim(x)[3], " feature(s) but the model was built for ",
                 cfg$n_in, ". ", .shape_help)
  }
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
