/* The network's forward and backward pass: embedding (token input), the
 * stacked recurrent layers with dropout between them, the dense head and
 * the loss, on one batch in batch layout.  Training, prediction,
 * stepping, forecasting and sampling all run rnn_net_forward().
 *
 * A batch workspace is carved by rnn_net_carve(), the one table of its
 * buffers (T = n_time, B = n_batch, To = T for many-to-many else 1,
 * per layer H, G gate blocks):
 *   per layer: hs H*B*(T+1), cs H*B*(T+1) (LSTM), gates G*H*B*T,
 *              aux H*B*T (LSTM, GRU), and when training with dropout its
 *              mask and the dropped output H*B*T each
 *   tokens:    embedded input n_embed*B*T and the mask B*T (token input)
 *   series:    the first layer's input (n_in-1+series_embed)*B*T (a
 *              series embedding, issue 16)
 *   head:      z and y  n_out*B*To each (pre- and post-activation)
 *   training:  two ping-pong sequence gradients, max width*B*T each;
 *              dHlast H_L*B*To
 *   scratch:   the largest layer scratch (cells.c) or head work, with the
 *              packed kernel's buffers where its products need them. */
#include "internal.h"

#include <string.h>

static size_t out_steps(const rnn_config *cfg, size_t T) {
  return cfg->seq_out ? T : 1;
}

static rnn_real *take(rnn_real *base, size_t *off, size_t n) {
  rnn_real *p = base ? base + *off : NULL;
  *off += n;
  return p;
}

size_t rnn_net_carve(const rnn_config *cfg, size_t B, size_t T, int train,
                     rnn_real *base, rnn_net_ws *ws) {
  size_t off = 0, widest = (size_t)cfg->n_in, tmp = 0;
  size_t G = (size_t)rnn_cell_gates(cfg->cell), To = out_steps(cfg, T);
  size_t HL = (size_t)cfg->n_hidden[cfg->n_layers - 1];
  int l;
  memset(ws, 0, sizeof *ws);
  for (l = 0; l < cfg->n_layers; l++) {
    size_t H = (size_t)cfg->n_hidden[l], t;
    rnn_layer_cache *c = &ws->cache[l];
    c->hs = take(base, &off, H * B * (T + 1));
    if (cfg->cell == RNN_CELL_LSTM) c->cs = take(base, &off, H * B * (T + 1));
    c->gates = take(base, &off, G * H * B * T);
    if (cfg->cell != RNN_CELL_SIMPLE) c->aux = take(base, &off, H * B * T);
    if (train && cfg->dropout > 0) {
      ws->dmask[l] = take(base, &off, H * B * T);
      ws->drop[l] = take(base, &off, H * B * T);
    }
    t = rnn_layer_tmp_size(cfg, l > 0 ? (size_t)cfg->n_hidden[l - 1]
                                      : rnn_first_width(cfg),
                           H, B, T);
    if (H > widest) widest = H;
    if (t > tmp) tmp = t;
  }
  if (cfg->n_vocab > 0) {
    ws->xe = take(base, &off, (size_t)cfg->n_embed * B * T);
    ws->mask = take(base, &off, B * T);
    if ((size_t)cfg->n_embed > widest) widest = (size_t)cfg->n_embed;
  }
  if (cfg->n_series > 0) {
    size_t W = rnn_first_width(cfg);
    ws->xs = take(base, &off, W * B * T);
    if (W > widest) widest = W;
  }
  ws->z = take(base, &off, (size_t)cfg->n_out * B * To);
  ws->y = take(base, &off, (size_t)cfg->n_out * B * To);
  if (train) {
    ws->dA = take(base, &off, widest * B * T);
    ws->dB = take(base, &off, widest * B * T);
    ws->dlast = take(base, &off, HL * B * To);
  }
  {
    size_t hw = rnn_head_work((size_t)cfg->n_out, HL, B * To);
    if (hw > tmp) tmp = hw;
  }
  ws->tmp = take(base, &off, tmp);
  return off;
}

size_t rnn_net_size(const rnn_config *cfg, size_t B, size_t T, int train) {
  rnn_net_ws ws;
  if (rnn_config_check(cfg, NULL) != RNN_OK || B == 0 || T == 0) return 0;
  return rnn_net_carve(cfg, B, T, train, NULL, &ws);
}

#ifndef RNN_SINGLE /* the public API in double */

/* In doubles; a single-precision model's training-mode size is the
 * larger of its double one (rnn_loss_grad() computes in double) and its
 * single one (rnn_forward()). */
size_t rnn_net_workspace(const rnn_config *cfg, size_t B, size_t T, int train) {
  size_t n = rnn_net_size(cfg, B, T, train), f;
  if (n == 0 || cfg->precision != RNN_PREC_SINGLE) return n;
  f = rnn_single_net_workspace(cfg, B, T);
  return train ? (f > n ? f : n) : f;
}

size_t rnn_batch_workspace(const rnn_config *cfg, size_t n_batch,
                           size_t n_time) {
  return rnn_net_workspace(cfg, n_batch, n_time, 1);
}

size_t rnn_state_size(const rnn_config *cfg, size_t n_batch) {
  size_t n = 0;
  int l;
  if (rnn_config_check(cfg, NULL) != RNN_OK) return 0;
  for (l = 0; l < cfg->n_layers; l++)
    n += (size_t)cfg->n_hidden[l] * n_batch;
  return cfg->cell == RNN_CELL_LSTM ? 2 * n : n;
}
#endif

/* Output sequence of layer l as the next layer sees it: H x B x T. */
static const rnn_real *layer_output(const rnn_config *cfg, const rnn_net_ws *ws,
                                  int l, size_t B) {
  if (cfg->dropout > 0 && ws->drop[l]) return ws->drop[l];
  return ws->cache[l].hs + (size_t)cfg->n_hidden[l] * B;
}

/* Offset of layer l's h (and c, after the h's) in a state vector. */
static size_t state_h(const rnn_config *cfg, size_t B, int l) {
  size_t off = 0;
  int k;
  for (k = 0; k < l; k++)
    off += (size_t)cfg->n_hidden[k] * B;
  return off;
}

void rnn_net_forward(const rnn_config *cfg, const rnn_view *v, size_t B,
                     size_t T, const rnn_real *x, rnn_net_ws *ws, rnn_rng *rng,
                     const rnn_real *state) {
  const rnn_real *in = x;
  size_t HL = (size_t)cfg->n_hidden[cfg->n_layers - 1];
  size_t coff = state ? rnn_state_size(cfg, B) / 2 : 0;
  int l;
  if (v->E) {
    rnn_embed_forward(ws->xe, ws->mask, v->E, x, B * T, (size_t)cfg->n_embed);
    in = ws->xe;
  }
  if (v->S) {
    rnn_series_embed_forward(ws->xs, v->S, x, B * T, (size_t)cfg->n_in,
                             (size_t)cfg->series_embed,
                             (size_t)cfg->n_series);
    in = ws->xs;
  }
  for (l = 0; l < cfg->n_layers; l++) {
    size_t H = (size_t)cfg->n_hidden[l];
    rnn_layer_cache *c = &ws->cache[l];
    c->mask = ws->mask;
    if (state) {
      size_t o = state_h(cfg, B, l);
      memcpy(c->hs, state + o, sizeof(rnn_real) * H * B);
      if (c->cs) memcpy(c->cs, state + coff + o, sizeof(rnn_real) * H * B);
    } else {
      memset(c->hs, 0, sizeof(rnn_real) * H * B); /* h0 = 0 */
      if (c->cs) memset(c->cs, 0, sizeof(rnn_real) * H * B);
    }
    rnn_layer_forward(cfg, &v->layer[l], B, T, in, c, ws->tmp);
    if (cfg->dropout > 0 && rng) {
      rnn_dropout_forward(ws->drop[l], ws->dmask[l], c->hs + H * B, H * B * T,
                          cfg->dropout, rng);
      in = ws->drop[l];
    } else {
      ws->drop[l] = NULL; /* inference: the output as it is */
      in = c->hs + H * B;
    }
  }
  if (!cfg->seq_out) in += HL * B * (T - 1); /* last step only */
  rnn_head_forward(ws->z, ws->y, v->Wy, v->by, in, cfg->head_act,
                   (size_t)cfg->n_out, HL, B * out_steps(cfg, T), ws->tmp);
}

void rnn_net_state_save(const rnn_config *cfg, const rnn_net_ws *ws, size_t B,
                        size_t T, rnn_real *state) {
  size_t coff = rnn_state_size(cfg, B) / 2;
  int l;
  for (l = 0; l < cfg->n_layers; l++) {
    size_t HB = (size_t)cfg->n_hidden[l] * B, o = state_h(cfg, B, l);
    const rnn_layer_cache *c = &ws->cache[l];
    memcpy(state + o, c->hs + HB * T, sizeof(rnn_real) * HB);
    if (c->cs) memcpy(state + coff + o, c->cs + HB * T, sizeof(rnn_real) * HB);
  }
}

#ifndef RNN_SINGLE
int rnn_net_check(const rnn_config *cfg, size_t B, size_t T, const double *x,
                  rnn_error *err) {
  int st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  if (B == 0 || T == 0)
    return rnn_fail(err, RNN_ERR_DIM, "empty batch: %lu sequences of %lu steps",
                    (unsigned long)B, (unsigned long)T);
  if (!x) return rnn_fail(err, RNN_ERR_INPUT, "input is NULL");
  if (!rnn_fits_int(B * T * (size_t)(cfg->n_in + 1)))
    return rnn_fail(err, RNN_ERR_SIZE, "batch of %lu x %lu is too large",
                    (unsigned long)B, (unsigned long)T);
  return RNN_OK;
}

int rnn_net_run(const rnn_config *cfg, const double *params, size_t B, size_t T,
                const double *x, double *state, double *out, double *work,
                rnn_error *err) {
  rnn_view v;
  rnn_net_ws ws;
  int st = rnn_net_check(cfg, B, T, x, err);
  if (st != RNN_OK) return st;
  if (cfg->precision == RNN_PREC_SINGLE)
    return rnn_single_net_run(cfg, params, B, T, x, state, out, work, err);
  if (!params || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_forward: NULL argument");
  if ((st = rnn_check_tokens(cfg, x, B * T, err)) != RNN_OK) return st;
  if ((st = rnn_check_series(cfg, x, B * T, 1, err)) != RNN_OK) return st;
  rnn_view_bind(cfg, (double *)params, &v);
  rnn_net_carve(cfg, B, T, 0, work, &ws);
  rnn_net_forward(cfg, &v, B, T, x, &ws, NULL, state);
  if (state) rnn_net_state_save(cfg, &ws, B, T, state);
  memcpy(out, ws.y, sizeof(double) * cfg->n_out * B * out_steps(cfg, T));
  return RNN_OK;
}

int rnn_forward(const rnn_config *cfg, const double *params, size_t n_batch,
                size_t n_time, const double *x, double *out, double *work,
                rnn_error *err) {
  return rnn_net_run(cfg, params, n_batch, n_time, x, NULL, out, work, err);
}
#endif

/* Loss and gradient of one batch; used by training and the checks. */
int rnn_net_loss_grad(const rnn_config *cfg, int loss, const rnn_real *params,
                      size_t B, size_t T, const rnn_real *x, const rnn_real *y,
                      double *loss_value, rnn_real *grad, rnn_real *dx,
                      rnn_rng *rng, rnn_real *state, double *stats,
                      const rnn_real *w, rnn_rows *rows, rnn_real *work) {
  rnn_view v, g;
  rnn_net_ws ws;
  size_t To = out_steps(cfg, T), HL = (size_t)cfg->n_hidden[cfg->n_layers - 1];
  const rnn_real *hin;
  rnn_real *dcur;
  int l;
  rnn_view_bind(cfg, (rnn_real *)params, &v);
  rnn_net_carve(cfg, B, T, 1, work, &ws);
  for (l = 0; l < cfg->n_layers; l++) ws.cache[l].rows = rows;
  rnn_net_forward(cfg, &v, B, T, x, &ws, rng, state);
  if (state) rnn_net_state_save(cfg, &ws, B, T, state);
  *loss_value =
      rnn_head_loss(cfg, loss, B * To, ws.z, ws.y, y,
                    !cfg->seq_out ? NULL : w ? w : ws.mask,
                    grad ? ws.z : NULL, stats);
  if (dx && v.E) memset(dx, 0, sizeof(rnn_real) * B * T);
  if (!grad) return RNN_OK;
  /* ws.z now holds dL/dz of the head */
  memset(grad, 0, sizeof(rnn_real) * rnn_n_params(cfg));
  rnn_view_bind(cfg, grad, &g);
  hin = layer_output(cfg, &ws, cfg->n_layers - 1, B);
  if (!cfg->seq_out) hin += HL * B * (T - 1);
  rnn_head_backward(g.Wy, g.by, ws.dlast, ws.z, v.Wy, hin, (size_t)cfg->n_out,
                    HL, B * To, ws.tmp);
  /* sequence gradient of the last layer's output */
  dcur = ws.dA;
  if (cfg->seq_out) {
    memcpy(dcur, ws.dlast, sizeof(rnn_real) * HL * B * T);
  } else {
    memset(dcur, 0, sizeof(rnn_real) * HL * B * T);
    memcpy(dcur + HL * B * (T - 1), ws.dlast, sizeof(rnn_real) * HL * B);
  }
  for (l = cfg->n_layers - 1; l >= 0; l--) {
    size_t H = (size_t)cfg->n_hidden[l];
    const rnn_real *in = l > 0 ? layer_output(cfg, &ws, l - 1, B)
                       : v.E ? ws.xe
                       : v.S ? ws.xs
                             : x;
    rnn_real *dnext =
        l > 0 || v.E || v.S ? (dcur == ws.dA ? ws.dB : ws.dA) : dx;
    if (cfg->dropout > 0 && rng)
      rnn_dropout_backward(dcur, ws.dmask[l], H * B * T);
    rnn_layer_backward(cfg, &v.layer[l], &g.layer[l], B, T, in, &ws.cache[l],
                       dcur, dnext, ws.tmp);
    dcur = dnext;
  }
  if (v.E) rnn_embed_backward(g.E, dcur, x, B * T, (size_t)cfg->n_embed);
  if (v.S)
    rnn_series_embed_backward(g.S, dx, dcur, x, B * T, (size_t)cfg->n_in,
                              (size_t)cfg->series_embed,
                              (size_t)cfg->n_series);
  return RNN_OK;
}

#ifndef RNN_SINGLE /* in double whatever cfg->precision */
int rnn_loss_grad(const rnn_config *cfg, int loss, const double *params,
                  size_t n_batch, size_t n_time, const double *x,
                  const double *y, double *loss_value, double *grad, double *dx,
                  rnn_rng *rng, double *work, rnn_error *err) {
  return rnn_loss_grad_w(cfg, loss, params, n_batch, n_time, x, y, NULL,
                         loss_value, grad, dx, rng, work, err);
}

int rnn_loss_grad_w(const rnn_config *cfg, int loss, const double *params,
                    size_t n_batch, size_t n_time, const double *x,
                    const double *y, const double *w, double *loss_value,
                    double *grad, double *dx, rnn_rng *rng, double *work,
                    rnn_error *err) {
  size_t k;
  int st = rnn_net_check(cfg, n_batch, n_time, x, err);
  if (st != RNN_OK) return st;
  if ((st = rnn_loss_check(cfg, loss, err)) != RNN_OK) return st;
  if (!params || !y || !loss_value || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_loss_grad: NULL argument");
  /* dx comes from the backward pass, which runs only with grad: refused
   * rather than left unfilled (it was, but for token input's zeros) */
  if (dx && !grad)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "rnn_loss_grad: dx (the input gradient) needs grad, the "
                    "backward pass that fills dx also fills grad; pass grad "
                    "(n_params doubles) too, or dx = NULL for the loss alone");
  if (loss == RNN_LOSS_SPARSE_CE &&
      (st = rnn_check_labels(cfg, y, n_batch * out_steps(cfg, n_time), err)) !=
          RNN_OK)
    return st;
  if ((st = rnn_check_tokens(cfg, x, n_batch * n_time, err)) != RNN_OK)
    return st;
  if (w)
    for (k = 0; k < n_batch * n_time; k++)
      if (w[k] != 0.0 && w[k] != 1.0)
        return rnn_fail(err, RNN_ERR_INPUT,
                        "step weight %lu is %g; it must be 0 (a padded step) "
                        "or 1", (unsigned long)k + 1, w[k]);
  if ((st = rnn_check_series(cfg, x, n_batch * n_time, 1, err)) != RNN_OK)
    return st;
  return rnn_net_loss_grad(cfg, loss, params, n_batch, n_time, x, y, loss_value,
                           grad, dx, rng, NULL, NULL, w, NULL, work);
}
#endif
