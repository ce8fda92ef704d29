/* .Call gateways of step-wise inference over the core's rnn_step():
 * R/step.R (rnn_predict_and_update_state) and R/layer.R (rnn_layer_call)
 * run a chunk of timesteps from a caller-held recurrent state in one call.
 * Written once for both hosts in src/gw/model.c (the Octave MEX commands
 * "step" and "state_size" run the same code). */
#include "r_rnnkit.h"
#include "r_util.h"

SEXP rnnkit_state_size(SEXP config, SEXP n_batch) {
  SEXP a[] = {config, n_batch};
  return r_gw_call(gw_state_size, a);
}

SEXP rnnkit_step(SEXP config, SEXP params, SEXP x, SEXP state) {
  SEXP a[] = {config, params, x, state};
  return r_gw_call(gw_step, a);
}
