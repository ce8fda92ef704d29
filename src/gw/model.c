/* The model's commands, once for both hosts (issue 14): its size, its
 * initial weights, predictions, the input check and the loss gradient. */
#include "gw.h"

#include <string.h>

/* n_params (config): the number of weights. */
void gw_n_params(gw_out *o, const gw_in *arg) {
  rnn_config cfg = gw_config(arg[0]);
  gw_result(o, 1, NULL);
  *gw_set_vector(o, 0, 1, 1, "the count") = (double)rnn_n_params(&cfg);
}

/* init (config, recurrent_init, seed): initial weights, n_params. */
void gw_init(gw_out *o, const gw_in *arg) {
  rnn_config cfg = gw_config(arg[0]);
  rnn_rng rng;
  rnn_error err;
  size_t P = rnn_n_params(&cfg);
  double *w, *work;
  int init = (int)gw_dbl(arg[1], "recurrent_init");
  gw_result(o, 1, NULL);
  w = gw_set_vector(o, 0, P, P, "the model's weights");
  work = gw_work(rnn_init_workspace(&cfg),
                 "the workspace for initialising the weights");
  rnn_rng_seed(&rng, gw_seed(arg[2]));
  if (rnn_init_params(&cfg, init, w, &rng, work, &err) != RNN_OK)
    gw_raise(&err);
}

static const double *input(const rnn_config *cfg, gw_in x, size_t *N,
                           size_t *T) {
  size_t I;
  const double *v = gw_array3(x, "x", N, T, &I);
  if (I != (size_t)cfg->n_in) gw_internal("x must be N x T x %d", cfg->n_in);
  return v;
}

/* x, or compact windows (issue 16) gathered whole into the stored array
 * they stand for (indexing only: the same numbers), for the commands
 * that read the whole input at once (step). */
static const double *input_or_source(const rnn_config *cfg, gw_in x, size_t *N,
                                     size_t *T) {
  const size_t I = (size_t)cfg->n_in;
  rnn_window_source src;
  double *v;
  if (!gw_window_source(x, I, &src, N, T)) return input(cfg, x, N, T);
  v = gw_work(rnn_size_mul(rnn_size_mul(*N, *T), I), "the windows");
  rnn_window_source_gather(&src, 0, *N, *T, I, v);
  return v;
}

/* Predictions for compact windows (issue 16): blocks of `chunk` windows
 * (the chunks rnn_predict() works in, so each window's output is the one
 * it gets from the stored array) gathered from the source, predicted and
 * put in their rows: memory for one block of windows. */
static void predict_source(gw_out *o, const rnn_config *cfg,
                           const double *params, size_t k,
                           const rnn_window_source *src, size_t N, size_t T) {
  const size_t chunk = N < 256 ? N : 256, K = (size_t)cfg->n_out;
  const size_t To = cfg->seq_out ? T : 1, I = (size_t)cfg->n_in;
  rnn_error err;
  size_t s0, b, j;
  double *out = cfg->seq_out
                    ? gw_set_array3(o, 0, N, T, K, "the predictions")
                    : gw_set_matrix(o, 0, N, K, "the predictions");
  double *xb = gw_work(rnn_size_mul(rnn_size_mul(chunk, T), I), "a block of windows");
  double *ob = gw_work(rnn_size_mul(rnn_size_mul(chunk, To), K), "a block of predictions");
  double *work = gw_work(k > 1 ? rnn_ensemble_predict_workspace(cfg, chunk, chunk, T)
                               : rnn_predict_workspace(cfg, chunk, T),
                         "the workspace for predicting");
  for (s0 = 0; s0 < N; s0 += chunk) {
    size_t nb = N - s0 < chunk ? N - s0 : chunk;
    int st;
    rnn_window_source_gather(src, s0, nb, T, I, xb);
    st = k > 1 ? rnn_ensemble_predict(cfg, params, k, nb, T, xb, chunk, ob, work, &err)
               : rnn_predict(cfg, params, nb, T, xb, chunk, ob, work, &err);
    if (st != RNN_OK) gw_raise(&err);
    for (j = 0; j < To * K; j++)
      for (b = 0; b < nb; b++) out[s0 + b + N * j] = ob[b + nb * j];
  }
}

/* predict (config, params, x): N x n_out, or N x T x n_out for a
 * sequence output; an ensemble (params P x k) predicts its members' mean
 * (issue 15). */
void gw_predict(gw_out *o, const gw_in *arg) {
  rnn_config cfg = gw_config(arg[0]);
  rnn_error err;
  size_t N, T, chunk = 256, n, k = gw_members(&cfg, arg[1]);
  const double *params = gw_reals(arg[1], "params", &n);
  rnn_window_source src;
  const int compact = gw_window_source(arg[2], (size_t)cfg.n_in, &src, &N, &T);
  const double *x = compact ? NULL : input(&cfg, arg[2], &N, &T);
  double *out;
  int st;
  if (compact) { /* issue 16: the windows a block at a time */
    gw_result(o, 1, NULL);
    predict_source(o, &cfg, params, k, &src, N, T);
    return;
  }
  if (chunk > N) chunk = N;
  gw_result(o, 1, NULL);
  out = cfg.seq_out ? gw_set_array3(o, 0, N, T, (size_t)cfg.n_out, "the predictions")
                    : gw_set_matrix(o, 0, N, (size_t)cfg.n_out, "the predictions");
  if (k > 1)
    st = rnn_ensemble_predict(
        &cfg, params, k, N, T, x, chunk, out,
        gw_work(rnn_ensemble_predict_workspace(&cfg, chunk, N, T),
                "the workspace for predicting"),
        &err);
  else
    st = rnn_predict(&cfg, params, N, T, x, chunk, out,
                     gw_work(rnn_predict_workspace(&cfg, chunk, T),
                             "the workspace for predicting"),
                     &err);
  if (st != RNN_OK) gw_raise(&err);
}

/* input_check (config, n_time_fit, stateful, dims, name): nothing, or the
 * core's "rnnkit:dim" error when an input of dims (samples, timesteps,
 * features) does not suit the model: n_time_fit is the training window
 * length (NA / NaN or 0: any), name the argument as the message shows it. */
void gw_input_check(gw_out *o, const gw_in *arg) {
  rnn_config cfg = gw_config(arg[0]);
  rnn_error err;
  double nt = gw_dbl(arg[1], "n_time_fit"), d[3];
  size_t k, n;
  const double *dims = gw_reals(arg[3], "dims", &n);
  const char *name = gw_str(arg[4], "name");
  if (n != 3) gw_internal("dims must be 3 counts");
  for (k = 0; k < 3; k++) {
    d[k] = dims[k];
    if (!(d[k] >= 0 && d[k] <= 4503599627370496.0))
      gw_internal("dims must be counts");
  }
  if (nt != nt) nt = 0;
  if (!(nt >= 0 && nt <= 4503599627370496.0))
    gw_internal("n_time_fit must be a count");
  gw_result(o, 0, NULL);
  if (rnn_input_check(&cfg, (size_t)nt, gw_flag(arg[2], "stateful"),
                      (size_t)d[0], (size_t)d[1], (size_t)d[2], name,
                      &err) != RNN_OK)
    gw_raise(&err);
}

/* loss_grad (config, loss, params, x, y, seed): loss, grad (n_params) and
 * dx (N x T x n_in) of the whole of x as one batch; seed NULL / []: no
 * dropout. */
void gw_loss_grad(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"loss", "grad", "dx"};
  rnn_config cfg = gw_config(arg[0]);
  rnn_error err;
  rnn_rng rng;
  int ls = (int)gw_dbl(arg[1], "loss");
  size_t N, T, I = (size_t)cfg.n_in, k, n, P = rnn_n_params(&cfg);
  size_t ny = ls == RNN_LOSS_SPARSE_CE ? 1 : (size_t)cfg.n_out;
  const double *params = gw_reals(arg[2], "params", &n), *x, *y;
  double *xb, *yb, *dxb, *loss, *grad;
  size_t *idx;
  if (n != P)
    gw_internal("%lu parameters, expected %lu", (unsigned long)n,
                (unsigned long)P);
  x = input(&cfg, arg[3], &N, &T);
  y = gw_reals(arg[4], "y", &n);
  if (n != N * ny * (cfg.seq_out ? T : 1))
    gw_internal("targets do not match the samples");
  xb = gw_work(I * N * T, "the batch");
  dxb = gw_work(I * N * T, "the input gradient");
  yb = gw_work((size_t)cfg.n_out * N * T, "the targets");
  idx = (size_t *)gw_alloc(N, sizeof(size_t));
  for (k = 0; k < N; k++) idx[k] = k;
  rnn_gather_batch(&cfg, ls, N, T, x, y, idx, N, xb, yb);
  gw_result(o, 3, nm);
  loss = gw_set_vector(o, 0, 1, 1, "the loss");
  grad = gw_set_vector(o, 1, P, P, "the gradient");
  if (!gw_is_null(arg[5])) rnn_rng_seed(&rng, gw_seed(arg[5]));
  if (rnn_loss_grad(&cfg, ls, params, N, T, xb, yb, loss, grad, dxb,
                    gw_is_null(arg[5]) ? NULL : &rng,
                    gw_work(rnn_batch_workspace(&cfg, N, T),
                            "the workspace for the gradient"),
                    &err) != RNN_OK)
    gw_raise(&err);
  rnn_scatter_batch(&cfg, N, T, dxb, idx, N,
                    gw_set_array3(o, 2, N, T, I, "the input gradient"));
}

/* generate (config, params, prime, n, temperature, seed, state): tokens
 * (n, drawn after feeding prime: 0-based classes, doubles) and state
 * (from state, NULL / []: zeros); rnn_generate(). */
void gw_generate(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"tokens", "state"};
  rnn_config cfg = gw_config(arg[0]);
  rnn_error err;
  rnn_rng rng;
  size_t np, ng, n, S = rnn_state_size(&cfg, 1), P = rnn_n_params(&cfg);
  const double *params = gw_reals(arg[1], "params", &n), *prime, *s0;
  double *tokens, *st;
  if (n != P)
    gw_internal("%lu parameters, expected %lu", (unsigned long)n,
                (unsigned long)P);
  prime = gw_reals(arg[2], "prime", &np);
  ng = gw_count(arg[3], "n", 0);
  gw_result(o, 2, nm);
  tokens = gw_set_vector(o, 0, ng, 1, "the generated tokens");
  st = gw_set_vector(o, 1, S, S, "the recurrent state");
  if (!gw_is_null(arg[6])) {
    s0 = gw_reals(arg[6], "state", &n);
    if (n != S)
      gw_internal("the state must hold %lu doubles", (unsigned long)S);
    memcpy(st, s0, S * sizeof(double));
  } else {
    memset(st, 0, S * sizeof(double));
  }
  rnn_rng_seed(&rng, gw_seed(arg[5]));
  if (rnn_generate(&cfg, params, prime, np, ng,
                   gw_dbl(arg[4], "temperature"), &rng, st, tokens,
                   gw_work(rnn_generate_workspace(&cfg, np),
                           "the workspace for generating"),
                   &err) != RNN_OK)
    gw_raise(&err);
}

/* state_size (config, n_batch): doubles of recurrent state that n_batch
 * sequences need. */
void gw_state_size(gw_out *o, const gw_in *arg) {
  rnn_config cfg = gw_config(arg[0]);
  size_t n = gw_count(arg[1], "n_batch", 0);
  gw_result(o, 1, NULL);
  *gw_set_vector(o, 0, 1, 1, "the state size") = (double)rnn_state_size(&cfg, n);
}

/* step (config, params, x, state): rnn_step() of x (N x T x n_in, or
 * compact windows, issue 16) from state (NULL / []: zeros, a fresh start;
 * else the rnn_state_size(cfg, N) doubles a previous call returned, in
 * the core's layout [h_1 | ... | h_L | c_1 | ... | c_L], each H x N;
 * copied, never modified): output (N x n_out, or N x T x n_out for a
 * sequence output, as predict gives it) and the new state. */
void gw_step(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"output", "state"};
  rnn_config cfg = gw_config(arg[0]);
  rnn_error err;
  size_t N, T, K = (size_t)cfg.n_out, S, n, P = rnn_n_params(&cfg);
  const double *params = gw_reals(arg[1], "params", &n), *x, *s0;
  double *out, *st;
  if (n != P)
    gw_internal("%lu parameters, expected %lu", (unsigned long)n,
                (unsigned long)P);
  x = input_or_source(&cfg, arg[2], &N, &T);
  if (N == 0 || T == 0)
    gw_raise_status(RNN_ERR_DIM, "rnn_step: x has no samples or no timesteps");
  S = rnn_state_size(&cfg, N);
  gw_result(o, 2, nm);
  st = gw_set_vector(o, 1, S, S, "the recurrent state");
  if (gw_is_null(arg[3])) {
    memset(st, 0, S * sizeof(double));
  } else {
    s0 = gw_reals(arg[3], "state", &n);
    if (n != S)
      gw_raise_status(RNN_ERR_DIM,
                      "the recurrent state holds %lu values but %lu "
                      "sequence(s) of this model need %lu (a state is sized "
                      "for the number of samples it was used with); start "
                      "from a fresh state for a different number of sequences",
                      (unsigned long)n, (unsigned long)N, (unsigned long)S);
    memcpy(st, s0, S * sizeof(double));
  }
  out = cfg.seq_out ? gw_set_array3(o, 0, N, T, K, "the outputs")
                    : gw_set_matrix(o, 0, N, K, "the outputs");
  if (rnn_step(&cfg, params, N, T, x, st, out,
               gw_work(rnn_step_workspace(&cfg, N, T),
                       "the workspace for stepping"),
               &err) != RNN_OK)
    gw_raise(&err);
}
