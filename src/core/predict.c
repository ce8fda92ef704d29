/* Prediction and step-wise inference on datasets: samples are gathered
 * from the dataset layout (N x T x I, as the hosts hold their arrays)
 * into a batch, run through rnn_net_forward() and the head's outputs
 * scattered back into the dataset layout (N x K, or N x T x K when
 * seq_out).  rnn_predict() starts every sequence from zeros and works in
 * chunks; rnn_step() runs all its sequences as one batch from a caller-held
 * recurrent state and leaves the final state behind (MATLAB's
 * predictAndUpdateState, Keras' stateful RNNs).  No dropout, no gradient.
 *
 * Workspace for chunks of at most C samples: the network's inference
 * workspace for C | the chunk in batch layout I*C*T | C sample indices
 * (size_t in double-sized slots; float: after the state in float, at
 * an even offset, two slots each). */
#include "internal.h"

#include <string.h>

static size_t out_steps(const rnn_config *cfg, size_t T) {
  return cfg->seq_out ? T : 1;
}

void rnn_gather_batch(const rnn_config *cfg, int loss, size_t N, size_t T,
                      const double *x, const double *y, const size_t *idx,
                      size_t B, rnn_real *xb, rnn_real *yb) {
  const size_t I = (size_t)cfg->n_in;
  const size_t ny = loss == RNN_LOSS_SPARSE_CE ? 1 : (size_t)cfg->n_out;
  const size_t To = out_steps(cfg, T);
  size_t b, t, i;
  for (t = 0; t < T; t++)
    for (b = 0; b < B; b++)
      for (i = 0; i < I; i++)
        xb[i + I * (b + B * t)] = (rnn_real)x[idx[b] + N * (t + T * i)];
  if (!y || !yb) return;
  for (t = 0; t < To; t++)
    for (b = 0; b < B; b++)
      for (i = 0; i < ny; i++)
        yb[i + ny * (b + B * t)] = (rnn_real)(
            cfg->seq_out ? y[idx[b] + N * (t + T * i)] : y[idx[b] + N * i]);
}

/* rnn_gather_batch() from a dataset whose inputs are stored (d->x) or
 * read from a compact source (d->src, issue 16): the same numbers into
 * the same places, so training and evaluation cannot tell them apart. */
void rnn_gather_dataset(const rnn_config *cfg, int loss, const rnn_dataset *d,
                        size_t T, const size_t *idx, size_t B, rnn_real *xb,
                        rnn_real *yb) {
  const size_t I = (size_t)cfg->n_in;
  const rnn_window_source *src = d->src;
  size_t b, t, i;
  if (!src) {
    rnn_gather_batch(cfg, loss, d->n_samples, T, d->x, d->y, idx, B, xb, yb);
    return;
  }
  for (t = 0; t < T; t++)
    for (b = 0; b < B; b++)
      for (i = 0; i < I; i++)
        xb[i + I * (b + B * t)] =
            (rnn_real)src->values[src->start[idx[b]] + t + src->n_rows * i];
  if (!d->y || !yb) return;
  {
    const size_t ny = loss == RNN_LOSS_SPARSE_CE ? 1 : (size_t)cfg->n_out;
    const size_t N = d->n_samples, To = out_steps(cfg, T);
    for (t = 0; t < To; t++)
      for (b = 0; b < B; b++)
        for (i = 0; i < ny; i++)
          yb[i + ny * (b + B * t)] = (rnn_real)(
              cfg->seq_out ? d->y[idx[b] + N * (t + T * i)] : d->y[idx[b] + N * i]);
  }
}

void rnn_scatter_batch(const rnn_config *cfg, size_t N, size_t T,
                       const rnn_real *xb, const size_t *idx, size_t B,
                       double *x) {
  const size_t I = (size_t)cfg->n_in;
  size_t b, t, i;
  for (t = 0; t < T; t++)
    for (b = 0; b < B; b++)
      for (i = 0; i < I; i++)
        x[idx[b] + N * (t + T * i)] = xb[i + I * (b + B * t)];
}

/* Carves the workspace at base for chunks of C samples (see the top):
 * xb, (float: the state in float,) and idx, after the network's part;
 * with base == NULL it only measures.  Returns the elements needed, 0
 * for an invalid config. */
static size_t chunk_carve(const rnn_config *cfg, size_t C, size_t T,
                          rnn_real *base, rnn_real **xb, rnn_real **sb,
                          size_t **idx) {
  size_t net = rnn_net_size(cfg, C, T, 0), off;
  if (net == 0) return 0;
  off = net + (size_t)cfg->n_in * C * T;
#ifdef RNN_SINGLE
  off = RNN_FLOATS_EVEN(off + rnn_state_size(cfg, C));
#endif
  if (base) {
    *xb = base + net;
    *sb = base + net + (size_t)cfg->n_in * C * T;
    *idx = (size_t *)(void *)(base + off);
  }
  return off + C * (sizeof(size_t) > sizeof(rnn_real)
                        ? sizeof(size_t) / sizeof(rnn_real) : 1);
}

/* Samples s0..s0+nb-1 of x (N x T x I) through the network from state
 * (NULL: zeros; else it receives the final state), their outputs into
 * out (dataset layout); work for chunks of C >= nb samples. */
static void run_chunk(const rnn_config *cfg, const rnn_view *v, size_t N,
                      size_t T, const double *x, size_t s0, size_t nb, size_t C,
                      double *state, double *out, rnn_real *work) {
  const size_t K = (size_t)cfg->n_out;
  const size_t To = out_steps(cfg, T);
  rnn_real *xb = NULL, *sb = NULL, *st = NULL;
  size_t *idx = NULL, b, t, k;
  rnn_net_ws ws;
  chunk_carve(cfg, C, T, work, &xb, &sb, &idx);
  for (b = 0; b < nb; b++)
    idx[b] = s0 + b;
  rnn_gather_batch(cfg, RNN_LOSS_MSE, N, T, x, NULL, idx, nb, xb, NULL);
  rnn_net_carve(cfg, nb, T, 0, work, &ws);
#ifdef RNN_SINGLE
  if (state) {
    size_t n = rnn_state_size(cfg, nb);
    for (k = 0; k < n; k++) sb[k] = (rnn_real)state[k];
    st = sb;
  }
#else
  (void)sb;
  st = state;
#endif
  rnn_net_forward(cfg, v, nb, T, xb, &ws, NULL, st);
  if (state) {
    rnn_net_state_save(cfg, &ws, nb, T, st);
#ifdef RNN_SINGLE
    {
      size_t n = rnn_state_size(cfg, nb);
      for (k = 0; k < n; k++) state[k] = st[k];
    }
#endif
  }
  for (t = 0; t < To; t++)
    for (b = 0; b < nb; b++)
      for (k = 0; k < K; k++)
        out[s0 + b + N * (cfg->seq_out ? t + T * k : k)] =
            ws.y[k + K * (b + nb * t)];
}

size_t rnn_predict_size(const rnn_config *cfg, size_t chunk, size_t n_time) {
  return chunk_carve(cfg, chunk, n_time, NULL, NULL, NULL, NULL);
}

void rnn_predict_engine(const rnn_config *cfg, const rnn_real *params,
                        size_t N, size_t T, const double *x, size_t chunk,
                        double *out, rnn_real *work) {
  rnn_view v;
  size_t s0;
  rnn_view_bind(cfg, (rnn_real *)params, &v);
  for (s0 = 0; s0 < N; s0 += chunk)
    run_chunk(cfg, &v, N, T, x, s0, N - s0 < chunk ? N - s0 : chunk, chunk,
              NULL, out, work);
}

void rnn_step_engine(const rnn_config *cfg, const rnn_real *params, size_t N,
                     size_t T, const double *x, double *state, double *out,
                     rnn_real *work) {
  rnn_view v;
  rnn_view_bind(cfg, (rnn_real *)params, &v);
  run_chunk(cfg, &v, N, T, x, 0, N, N, state, out, work);
}

#ifndef RNN_SINGLE /* the public API, in double; single models dispatch */
size_t rnn_predict_workspace(const rnn_config *cfg, size_t chunk,
                             size_t n_time) {
  if (cfg && cfg->precision == RNN_PREC_SINGLE &&
      rnn_config_check(cfg, NULL) == RNN_OK)
    return rnn_single_predict_workspace(cfg, chunk, n_time);
  return rnn_predict_size(cfg, chunk, n_time);
}

int rnn_predict(const rnn_config *cfg, const double *params, size_t N, size_t T,
                const double *x, size_t chunk, double *out, double *work,
                rnn_error *err) {
  int st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  if (N == 0 || T == 0 || chunk == 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "nothing to predict: %lu samples of %lu steps",
                    (unsigned long)N, (unsigned long)T);
  if (!params || !x || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_predict: NULL argument");
  if (chunk > N) chunk = N;
  if (!rnn_fits_int(chunk * T * ((size_t)cfg->n_in + 1)))
    return rnn_fail(err, RNN_ERR_SIZE, "windows of %lu steps are too long",
                    (unsigned long)T);
  if ((st = rnn_check_tokens(cfg, x, N * T, err)) != RNN_OK) return st;
  if ((st = rnn_check_series(cfg, x, N * T, 0, err)) != RNN_OK) return st;
  if (cfg->precision == RNN_PREC_SINGLE)
    return rnn_single_predict(cfg, params, N, T, x, chunk, out, work, err);
  rnn_predict_engine(cfg, params, N, T, x, chunk, out, work);
  return RNN_OK;
}

size_t rnn_step_workspace(const rnn_config *cfg, size_t n_batch,
                          size_t n_time) {
  if (cfg && cfg->precision == RNN_PREC_SINGLE &&
      rnn_config_check(cfg, NULL) == RNN_OK)
    return rnn_single_step_workspace(cfg, n_batch, n_time);
  return rnn_predict_size(cfg, n_batch, n_time);
}

int rnn_step(const rnn_config *cfg, const double *params, size_t n_batch,
             size_t n_time, const double *x, double *state, double *out,
             double *work, rnn_error *err) {
  const size_t N = n_batch, T = n_time;
  int st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  if (N == 0 || T == 0)
    return rnn_fail(err, RNN_ERR_DIM, "empty input: %lu sequences of %lu steps",
                    (unsigned long)N, (unsigned long)T);
  if (!params || !x || !state || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_step: NULL argument");
  if (!rnn_fits_int(N * T * (size_t)(cfg->n_in + 1)))
    return rnn_fail(err, RNN_ERR_SIZE, "input of %lu x %lu is too large",
                    (unsigned long)N, (unsigned long)T);
  if ((st = rnn_check_tokens(cfg, x, N * T, err)) != RNN_OK) return st;
  if ((st = rnn_check_series(cfg, x, N * T, 0, err)) != RNN_OK) return st;
  if (cfg->precision == RNN_PREC_SINGLE)
    return rnn_single_step(cfg, params, N, T, x, state, out, work, err);
  rnn_step_engine(cfg, params, N, T, x, state, out, work);
  return RNN_OK;
}
#endif
