# Step-wise prediction (MATLAB's predictAndUpdateState, Octave's
# rnn_predict_and_update_state): the model keeps the recurrent state its
# last call left, so a sequence can be fed in pieces -- one timestep at a
# time as data arrive, or in uneven chunks -- with the outputs predict()
# gives for the whole sequence. One C call (rnn_step in the core) per
# piece.
#
# The state is model$state: NULL (fresh, all zeros) or the core's state
# vector for as many sequences as the last call had samples, in the
# layout of rnn_state_size() in src/core/rnnkit.h. rnn_save() keeps it, and
# Octave's functions of the same names read and write the same vector.

rnn_reset_state <- function(model) {
  check_model_object(model, "rnn_reset_state")
  model$state <- NULL
  model
}

rnn_predict_and_update_state <- function(model, x) {
  check_model_object(model, "rnn_predict_and_update_state")
  check_single(model, "rnn_predict_and_update_state()") # ensemble (issue 15)
  if (missing(x)) {
    rnnkit_abort("input", "`x` is missing: give the next timesteps as an array ",
                 "samples x timesteps x features.")
  }
  cfg <- model$config
  x <- model_input_array(x, model, "x", any_length = TRUE)
  if (n_vocab(cfg) > 0) check_tokens(x, cfg)
  state <- model$state
  if (!is.null(state)) {
    n <- dim(x)[1]
    per <- state_size(cfg, 1)
    if (!is.double(state) || length(state) != n * per) {
      had <- if (is.numeric(state) && length(state) %% per == 0) {
        paste0("continues ", length(state) %/% per, " sequence(s)")
      } else {
        paste0("holds ", length(state), " values, not a multiple of the ", per,
               " one sequence needs")
      }
      rnnkit_abort("dim", "the model's state ", had, " but `x` has ", n,
                   " sample(s); every sample is its own sequence, so their number ",
                   "must stay the same between calls. Call rnn_reset_state(model) ",
                   "to start new sequences.")
    }
  }
  r <- .Call(rnnkit_step, cfg, model$params, x, state)
  model$state <- r$state
  list(model = model, prediction = shape_prediction(model, r$output))
}

# Doubles of recurrent state that n sequences of a model need (the core's
# rnn_state_size()).
state_size <- function(config, n) {
  as.integer(.Call(rnnkit_state_size, config, as.integer(n)))
}

check_model_object <- function(model, fun) {
  if (!inherits(model, "rnnkit_model")) {
    rnnkit_abort("input", fun, "() needs an rnnkit model (from rnn_fit(), rnn_model() ",
                 "or rnn_load()), not ", describe(model), ".")
  }
  invisible(model)
}

# The core's output shaped as predict(type = "response") returns it for an
# array: class names on the outputs, a plain vector for one output of a
# many-to-one model.
shape_prediction <- function(object, p) {
  cfg <- object$config
  if (!is.null(object$classes)) {
    if (cfg$seq_out) {
      dimnames(p) <- list(NULL, NULL, object$classes)
    } else {
      colnames(p) <- object$classes
    }
  }
  if (!cfg$seq_out && cfg$n_out == 1L) p <- p[, 1]
  p
}
