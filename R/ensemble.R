# Ensembles (issue 15): rnn_fit(..., ensemble = k) trains k members in the
# core (rnn_ensemble_train); params is then an n_params x k matrix and
# every prediction and forecast is the core's members' mean.  The history
# and status are member 1's; model$ensemble holds every member's seed and
# loss history.

# The number of members of a model (1 for a single model).
n_members <- function(model) if (is.matrix(model$params)) ncol(model$params) else 1L

# The model an ensemble run of the core returns: member 1's history and
# status, every member's weights, seeds and losses.
finish_ensemble <- function(model, res, finish, stopped = FALSE) {
  k <- res$members_run
  keep <- seq_len(k)
  model <- finish(model, res$params[, keep, drop = FALSE], res$epochs_run[1], res$loss[, 1],
                  res$val_loss[, 1], res$acc[, 1], res$val_acc[, 1], res$lr[, 1])
  model$training$restored <- res$restored[1]
  model$status <- list(epochs_run = res$epochs_run[1], best_epoch = res$best_epoch[1],
                       stopped_early = res$stopped_early[1], interrupted = any(res$interrupted),
                       diverged = res$diverged[1])
  model$ensemble <- list(k = k, seeds = res$seeds[keep],
                         loss = res$loss[, keep, drop = FALSE],
                         val_loss = res$val_loss[, keep, drop = FALSE],
                         epochs_run = res$epochs_run)
  if (stopped && any(res$stopped_early)) {
    cat("Early stopping: members stopped after epochs ",
        paste(res$epochs_run, collapse = ", "), ".\n", sep = "")
  }
  model
}

# Each member's final training loss (the last epoch it ran).
member_final_loss <- function(model, what = "loss") {
  e <- model$ensemble
  m <- e[[what]]
  vapply(seq_len(e$k), function(j) m[e$epochs_run[j], j], 0)
}

# One member of an ensemble as a single model (man/rnn_member.Rd).
rnn_member <- function(model, j) {
  if (!inherits(model, "rnnkit_model")) {
    rnnkit_abort("input", "rnn_member() needs an rnnkit model, not ", describe(model), ".")
  }
  k <- n_members(model)
  check_count(j, "j", min = 1, max = k)
  if (k == 1) return(model)
  e <- model$ensemble
  m <- model
  m$params <- model$params[, j]
  n <- e$epochs_run[j]
  m$history <- data.frame(epoch = seq_len(n), loss = e$loss[seq_len(n), j],
                          val_loss = e$val_loss[seq_len(n), j])
  m$ensemble <- NULL
  m$member <- list(j = as.integer(j), of = k, seed = e$seeds[j])
  # it keeps the ensemble's residuals (the errors its intervals bootstrap)
  m
}

# Errors for the functions that run one network (stepping, generating).
check_single <- function(model, what) {
  k <- n_members(model)
  if (k > 1) {
    rnnkit_abort("input", what, " runs one network; this model is an ensemble of ", k,
                 ". Take one member with rnn_member(model, j).")
  }
  invisible(model)
}
