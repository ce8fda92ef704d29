/* .Call gateways of step-wise inference over the core's rnn_step():
 * R/step.R (rnn_predict_and_update_state) and R/layer.R (rnn_layer_call)
 * run a chunk of timesteps from a caller-held recurrent state in one call.
 * They mirror the Octave MEX commands "step" and "state_size". */
#include <R.h>
#include <Rinternals.h>
#include <stdio.h>
#include <string.h>

#include "core/rnnkit.h"
#include "r_rnnkit.h"
#include "r_util.h"

/* Doubles of recurrent state that n_batch sequences need. */
SEXP rnnkit_state_size(SEXP config, SEXP n_batch) {
  rnn_config cfg = config_from(config);
  int n = asInteger(n_batch);
  if (n == NA_INTEGER || n < 0)
    error("rnnkit internal error: n_batch must be a non-negative count");
  return ScalarReal((double)rnn_state_size(&cfg, (size_t)n));
}

/* x is N x T x n_in (dataset layout, as rnn_step() takes it); state NULL (all zeros, a fresh
 * start) or the rnn_state_size(cfg, N) doubles a previous call returned,
 * in the core's layout [h_1 | ... | h_L | c_1 | ... | c_L], each H x N.
 * Returns list(output, state): output N x n_out, or N x T x n_out when
 * cfg->seq_out, as rnnkit_predict() gives it; state the new state.  The
 * input state is copied, never modified. */
SEXP rnnkit_step(SEXP config, SEXP params, SEXP x, SEXP state) {
  rnn_config cfg = config_from(config);
  rnn_error err;
  size_t N, T, K, S;
  double *work;
  SEXP out, st;
  check_params(&cfg, params);
  dims3(x, cfg.n_in, &N, &T);
  if (N == 0 || T == 0)
    raise_status(RNN_ERR_DIM, "rnn_step: x has no samples or no timesteps");
  K = (size_t)cfg.n_out;
  S = rnn_state_size(&cfg, N);
  st = PROTECT(new_doubles(S, "the recurrent state"));
  if (isNull(state)) {
    memset(REAL(st), 0, S * sizeof(double));
  } else {
    if (TYPEOF(state) != REALSXP || (size_t)XLENGTH(state) != S)
      raise_status(RNN_ERR_DIM,
                   "the recurrent state holds %ld values but %lu sequence(s) "
                   "of this model need %lu (a state is sized for the number "
                   "of samples it was used with); start from a fresh state "
                   "for a different number of sequences",
                   (long)XLENGTH(state), (unsigned long)N, (unsigned long)S);
    memcpy(REAL(st), REAL(state), S * sizeof(double));
  }
  out = PROTECT(cfg.seq_out ? new_array3(N, T, K, "the outputs")
                            : new_matrix(N, K, "the outputs"));
  work = alloc_work(rnn_step_workspace(&cfg, N, T),
                    "the workspace for stepping");
  if (rnn_step(&cfg, REAL(params), N, T, REAL(x), REAL(st), REAL(out), work,
               &err) != RNN_OK)
    raise_core(&err);
  {
    const char *nm[] = {"output", "state"};
    SEXP v[2];
    v[0] = out;
    v[1] = st;
    return named_list(2, nm, v); /* unprotects out and st */
  }
}
