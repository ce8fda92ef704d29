/* Step-wise inference: the forward pass of rnn_forward() started from a
 * caller-held recurrent state instead of zeros, leaving the final state
 * behind (MATLAB's predictAndUpdateState, Keras' stateful RNNs).  No
 * dropout, no gradient.
 *
 * Workspace (T = n_time, B = n_batch, per layer H, G gates, To = T for
 * many-to-many else 1): per layer hs H*B*(T+1), cs H*B*(T+1) (LSTM),
 * gates G*H*B*T, aux H*B*T (LSTM, GRU); the largest layer scratch; the
 * head's output n_out*B*To. */
#include "internal.h"

#include <string.h>

static double *take(double *base, size_t *off, size_t n) {
  double *p = base ? base + *off : NULL;
  *off += n;
  return p;
}

static size_t step_carve(const rnn_config *cfg, size_t B, size_t T,
                         double *base, rnn_layer_cache *c, double **tmp,
                         double **y, double **xe, double **mask) {
  size_t off = 0, tmax = 0, G = (size_t)rnn_cell_gates(cfg->cell);
  int l;
  for (l = 0; l < cfg->n_layers; l++) {
    size_t H = (size_t)cfg->n_hidden[l], t;
    memset(&c[l], 0, sizeof c[l]);
    c[l].hs = take(base, &off, H * B * (T + 1));
    if (cfg->cell == RNN_CELL_LSTM) c[l].cs = take(base, &off, H * B * (T + 1));
    c[l].gates = take(base, &off, G * H * B * T);
    if (cfg->cell != RNN_CELL_SIMPLE) c[l].aux = take(base, &off, H * B * T);
    t = rnn_layer_tmp_size(cfg, H, B, T);
    if (t > tmax) tmax = t;
  }
  *tmp = take(base, &off, tmax);
  *y = take(base, &off, (size_t)cfg->n_out * B * (cfg->seq_out ? T : 1));
  *xe = *mask = NULL;
  if (cfg->n_vocab > 0) {
    *xe = take(base, &off, (size_t)cfg->n_embed * B * T);
    *mask = take(base, &off, B * T);
  }
  return off;
}

size_t rnn_state_size(const rnn_config *cfg, size_t n_batch) {
  size_t n = 0;
  int l;
  if (rnn_config_check(cfg, NULL) != RNN_OK) return 0;
  for (l = 0; l < cfg->n_layers; l++)
    n += (size_t)cfg->n_hidden[l] * n_batch;
  return cfg->cell == RNN_CELL_LSTM ? 2 * n : n;
}

size_t rnn_step_workspace(const rnn_config *cfg, size_t n_batch,
                          size_t n_time) {
  rnn_layer_cache c[RNN_MAX_LAYERS];
  double *tmp, *y, *xe, *mask;
  if (rnn_config_check(cfg, NULL) != RNN_OK || n_batch == 0 || n_time == 0)
    return 0;
  return step_carve(cfg, n_batch, n_time, NULL, c, &tmp, &y, &xe, &mask);
}

int rnn_step(const rnn_config *cfg, const double *params, size_t n_batch,
             size_t n_time, const double *x, double *state, double *out,
             double *work, rnn_error *err) {
  rnn_layer_cache c[RNN_MAX_LAYERS];
  rnn_view v;
  const size_t B = n_batch, T = n_time;
  size_t To, HL, K, hoff = 0, coff, j, b, t;
  const double *in = x;
  double *tmp, *y, *xe, *mask;
  int l, st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  if (B == 0 || T == 0)
    return rnn_fail(err, RNN_ERR_DIM, "empty input: %lu sequences of %lu steps",
                    (unsigned long)B, (unsigned long)T);
  if (!params || !x || !state || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_step: NULL argument");
  if (!rnn_fits_int(B * T * (size_t)(cfg->n_in + 1)))
    return rnn_fail(err, RNN_ERR_SIZE, "input of %lu x %lu is too large",
                    (unsigned long)B, (unsigned long)T);
  if ((st = rnn_check_tokens(cfg, x, B * T, err)) != RNN_OK) return st;
  rnn_view_bind(cfg, (double *)params, &v);
  step_carve(cfg, B, T, work, c, &tmp, &y, &xe, &mask);
  if (v.E) { /* embedded tokens; padding (0) keeps the state */
    rnn_embed(cfg, v.E, x, B * T, xe, mask);
    in = xe;
  }
  coff = rnn_state_size(cfg, B) / (cfg->cell == RNN_CELL_LSTM ? 2 : 1);
  for (l = 0; l < cfg->n_layers; l++) {
    size_t HB = (size_t)cfg->n_hidden[l] * B;
    c[l].mask = mask;
    memcpy(c[l].hs, state + hoff, sizeof(double) * HB);
    if (c[l].cs) memcpy(c[l].cs, state + coff + hoff, sizeof(double) * HB);
    rnn_layer_forward(cfg, &v.layer[l], B, T, in, &c[l], tmp);
    memcpy(state + hoff, c[l].hs + HB * T, sizeof(double) * HB);
    if (c[l].cs)
      memcpy(state + coff + hoff, c[l].cs + HB * T, sizeof(double) * HB);
    in = c[l].hs + HB;
    hoff += HB;
  }
  /* the dense head, as in rnn_forward(): y = act(W_y h + b_y) */
  HL = (size_t)cfg->n_hidden[cfg->n_layers - 1];
  K = (size_t)cfg->n_out;
  To = cfg->seq_out ? T : 1;
  if (!cfg->seq_out) in += HL * B * (T - 1);
  for (t = 0; t < To; t++)
    for (b = 0; b < B; b++)
      for (j = 0; j < K; j++)
        y[j + K * (b + B * t)] = v.by[j];
  rnn_dgemm('N', 'N', K, B * To, HL, 1.0, v.Wy, K, in, HL, 1.0, y, K);
  rnn_activate(cfg->head_act, y, K, B * To);
  memcpy(out, y, sizeof(double) * K * B * To);
  return RNN_OK;
}
