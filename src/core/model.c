/* The network: stacked recurrent layers, dropout between them, the dense
 * head and the loss; forward, backward and batched prediction.
 *
 * A batch workspace is carved into these pieces (T = n_time,
 * B = n_batch, To = T for many-to-many else 1, per layer H, G):
 *   per layer: hs H*B*(T+1), cs H*B*(T+1) (LSTM), gates G*H*B*T,
 *              aux H*B*T (LSTM, GRU), and with dropout a mask and the
 *              dropped output H*B*T each
 *   tokens:    embedded input n_embed*B*T and the mask B*T (token input)
 *   head:      z and y  n_out*B*To each (pre- and post-activation)
 *   backward:  two ping-pong sequence gradients, max width*B*T each;
 *              dHlast H_L*B*To; the largest layer scratch. */
#include "internal.h"

#include <math.h>
#include <string.h>

typedef struct {
  rnn_layer_cache cache[RNN_MAX_LAYERS];
  double *dmask[RNN_MAX_LAYERS], *drop[RNN_MAX_LAYERS]; /* dropout */
  double *xe, *mask; /* token input only */
  double *z, *y, *dA, *dB, *dlast, *tmp;
} net_ws;

static size_t out_steps(const rnn_config *cfg, size_t T) {
  return cfg->seq_out ? T : 1;
}

static double *take(double *base, size_t *off, size_t n) {
  double *p = base ? base + *off : NULL;
  *off += n;
  return p;
}

/* Carves the workspace at base into ws; with base == NULL it only
 * measures (all pointers NULL).  Returns the doubles needed. */
static size_t net_carve(const rnn_config *cfg, size_t B, size_t T,
                        double *base, net_ws *ws) {
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
    if (cfg->dropout > 0) {
      ws->dmask[l] = take(base, &off, H * B * T);
      ws->drop[l] = take(base, &off, H * B * T);
    }
    if (H > widest) widest = H;
    t = rnn_layer_tmp_size(cfg, H, B, T);
    if (t > tmp) tmp = t;
  }
  if (cfg->n_vocab > 0) {
    ws->xe = take(base, &off, (size_t)cfg->n_embed * B * T);
    ws->mask = take(base, &off, B * T);
    if ((size_t)cfg->n_embed > widest) widest = (size_t)cfg->n_embed;
  }
  ws->z = take(base, &off, (size_t)cfg->n_out * B * To);
  ws->y = take(base, &off, (size_t)cfg->n_out * B * To);
  ws->dA = take(base, &off, widest * B * T);
  ws->dB = take(base, &off, widest * B * T);
  ws->dlast = take(base, &off, HL * B * To);
  ws->tmp = take(base, &off, tmp);
  return off;
}

size_t rnn_batch_workspace(const rnn_config *cfg, size_t n_batch,
                           size_t n_time) {
  if (rnn_config_check(cfg, NULL) != RNN_OK || n_batch == 0 || n_time == 0)
    return 0;
  {
    net_ws ws;
    return net_carve(cfg, n_batch, n_time, NULL, &ws);
  }
}

/* Output sequence of layer l as the next layer sees it: H x B x T. */
static const double *layer_output(const rnn_config *cfg, const net_ws *ws,
                                  int l, size_t B) {
  if (cfg->dropout > 0 && ws->drop[l]) return ws->drop[l];
  return ws->cache[l].hs + (size_t)cfg->n_hidden[l] * B;
}

int rnn_check_tokens(const rnn_config *cfg, const double *x, size_t n,
                     rnn_error *err) {
  size_t k;
  if (cfg->n_vocab <= 0) return RNN_OK;
  for (k = 0; k < n; k++)
    if (!(x[k] >= 0 && x[k] < cfg->n_vocab && x[k] == floor(x[k])))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "token %g is not a whole number in 0..%d (0 is "
                      "padding)",
                      x[k], cfg->n_vocab - 1);
  return RNN_OK;
}

void rnn_embed(const rnn_config *cfg, const double *E, const double *x,
               size_t n, double *xe, double *mask) {
  const size_t D = (size_t)cfg->n_embed;
  size_t k;
  for (k = 0; k < n; k++) {
    size_t tok = (size_t)x[k];
    memcpy(xe + D * k, E + D * tok, sizeof(double) * D);
    mask[k] = tok != 0 ? 1.0 : 0.0;
  }
}

/* Offsets of layer l's h and c in a state vector (rnn_step()'s layout). */
static size_t state_h(const rnn_config *cfg, size_t B, int l) {
  size_t off = 0;
  int k;
  for (k = 0; k < l; k++) off += (size_t)cfg->n_hidden[k] * B;
  return off;
}

/* Forward through layers and head; training with dropout iff rng.  The
 * recurrence starts from state (NULL: zeros). */
static void net_forward(const rnn_config *cfg, const rnn_view *v, size_t B,
                        size_t T, const double *x, net_ws *ws, rnn_rng *rng,
                        const double *state) {
  const double *in = x;
  size_t To = out_steps(cfg, T), HL, k;
  size_t coff = state ? rnn_state_size(cfg, B) / 2 : 0;
  int l;
  if (v->E) {
    rnn_embed(cfg, v->E, x, B * T, ws->xe, ws->mask);
    in = ws->xe;
  }
  for (l = 0; l < cfg->n_layers; l++) {
    size_t H = (size_t)cfg->n_hidden[l], HBT = H * B * T;
    rnn_layer_cache *c = &ws->cache[l];
    c->mask = ws->mask;
    if (state) {
      size_t o = state_h(cfg, B, l);
      memcpy(c->hs, state + o, sizeof(double) * H * B);
      if (c->cs) memcpy(c->cs, state + coff + o, sizeof(double) * H * B);
    } else {
      memset(c->hs, 0, sizeof(double) * H * B); /* h0 = 0 */
      if (c->cs) memset(c->cs, 0, sizeof(double) * H * B);
    }
    rnn_layer_forward(cfg, &v->layer[l], B, T, in, c, ws->tmp);
    if (cfg->dropout > 0 && rng) {
      double keep = 1.0 - cfg->dropout, scale = 1.0 / keep;
      const double *h = c->hs + H * B;
      for (k = 0; k < HBT; k++) {
        ws->dmask[l][k] = rnn_rng_unif(rng) < keep ? scale : 0.0;
        ws->drop[l][k] = h[k] * ws->dmask[l][k];
      }
      in = ws->drop[l];
    } else {
      if (cfg->dropout > 0) ws->drop[l] = NULL; /* eval: no copy */
      in = c->hs + H * B;
    }
  }
  HL = (size_t)cfg->n_hidden[cfg->n_layers - 1];
  if (!cfg->seq_out) in += HL * B * (T - 1); /* last step only */
  for (k = 0; k < To; k++) { /* z = W_y h + b_y */
    size_t j, b;
    for (b = 0; b < B; b++)
      for (j = 0; j < (size_t)cfg->n_out; j++)
        ws->z[j + cfg->n_out * (b + B * k)] = v->by[j];
  }
  rnn_dgemm('N', 'N', cfg->n_out, B * To, HL, 1.0, v->Wy, cfg->n_out, in, HL,
            1.0, ws->z, cfg->n_out);
  memcpy(ws->y, ws->z, sizeof(double) * cfg->n_out * B * To);
  rnn_activate(cfg->head_act, ws->y, cfg->n_out, B * To);
}

/* The state after the last step into state (rnn_step()'s layout). */
static void net_state_save(const rnn_config *cfg, const net_ws *ws, size_t B,
                           size_t T, double *state) {
  size_t coff = rnn_state_size(cfg, B) / 2;
  int l;
  for (l = 0; l < cfg->n_layers; l++) {
    size_t HB = (size_t)cfg->n_hidden[l] * B, o = state_h(cfg, B, l);
    const rnn_layer_cache *c = &ws->cache[l];
    memcpy(state + o, c->hs + HB * T, sizeof(double) * HB);
    if (c->cs) memcpy(state + coff + o, c->cs + HB * T, sizeof(double) * HB);
  }
}

int rnn_loss_check(const rnn_config *cfg, int loss, rnn_error *err) {
  if (loss < RNN_LOSS_MSE || loss > RNN_LOSS_SPARSE_CE)
    return rnn_fail(err, RNN_ERR_INPUT, "unknown loss %d", loss);
  if (loss == RNN_LOSS_BCE && cfg->head_act != RNN_ACT_SIGMOID)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "binary cross-entropy needs a sigmoid output activation");
  if (loss == RNN_LOSS_SPARSE_CE && cfg->head_act != RNN_ACT_SOFTMAX)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "sparse categorical cross-entropy needs a softmax output "
                    "activation");
  if (loss == RNN_LOSS_SPARSE_CE && cfg->n_out < 2)
    return rnn_fail(err, RNN_ERR_DIM,
                    "sparse categorical cross-entropy needs at least 2 classes");
  return RNN_OK;
}

/* Checks sparse labels (n of them) are integers 0..n_out-1. */
static int check_labels(const rnn_config *cfg, const double *y, size_t n,
                        rnn_error *err) {
  size_t k;
  for (k = 0; k < n; k++)
    if (!(y[k] >= 0 && y[k] < cfg->n_out && y[k] == floor(y[k])))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "class label %g is not an integer in 0..%d", y[k],
                      cfg->n_out - 1);
  return RNN_OK;
}

/* Mean loss from the head's pre- (z) and post-activation (yh) outputs,
 * n_cols columns of n_out.  w (NULL: all 1) gives each column weight 1
 * or 0 (a masked step), and the means are over the weighted columns.
 * With dz != NULL also dL/dz; with stats != NULL the counts described at
 * rnn_net_loss_grad(). */
static double head_loss(const rnn_config *cfg, int loss, size_t n_cols,
                        const double *z, const double *yh, const double *y,
                        const double *w, double *dz, double *stats) {
  const size_t K = (size_t)cfg->n_out, n_all = K * n_cols;
  double sum = 0.0, cols = (double)n_cols, n, judged = 0.0, right = 0.0;
  size_t i, j;
  if (w) {
    cols = 0.0;
    for (j = 0; j < n_cols; j++) cols += w[j];
  }
  n = loss == RNN_LOSS_SPARSE_CE ? cols : (double)K * cols;
  if (stats) stats[0] = n;
  if (cols == 0.0) { /* every step masked: nothing to learn from */
    if (dz) memset(dz, 0, sizeof(double) * n_all);
    if (stats) stats[1] = stats[2] = 0.0;
    return 0.0;
  }
  switch (loss) {
  case RNN_LOSS_SPARSE_CE: /* log-sum-exp(z) - z[label], per column */
    for (j = 0; j < n_cols; j++) {
      const double *zc = z + K * j;
      size_t lab = (size_t)y[j], am = 0;
      double mx = zc[0], s = 0.0;
      if (w && w[j] == 0.0) {
        if (dz) memset(dz + K * j, 0, sizeof(double) * K);
        continue;
      }
      for (i = 1; i < K; i++)
        if (zc[i] > mx) {
          mx = zc[i];
          am = i;
        }
      for (i = 0; i < K; i++) s += exp(zc[i] - mx);
      sum += mx + log(s) - zc[lab];
      judged += 1.0;
      right += am == lab;
      if (dz) {
        for (i = 0; i < K; i++) dz[i + K * j] = yh[i + K * j] / n;
        dz[lab + K * j] -= 1.0 / n;
      }
    }
    if (stats) {
      stats[1] = judged;
      stats[2] = right;
    }
    return sum / n;
  case RNN_LOSS_BCE: /* from logits: max(z,0) - z y + log(1 + exp(-|z|)) */
    for (i = 0; i < n_all; i++) {
      if (w && w[i / K] == 0.0) {
        if (dz) dz[i] = 0.0;
        continue;
      }
      sum += (z[i] > 0 ? z[i] : 0.0) - z[i] * y[i] + log1p(exp(-fabs(z[i])));
      judged += 1.0;
      right += (yh[i] >= 0.5) == (y[i] >= 0.5);
      if (dz) dz[i] = (yh[i] - y[i]) / n;
    }
    if (stats) {
      stats[1] = judged;
      stats[2] = right;
    }
    return sum / n;
  case RNN_LOSS_MAE:
    for (i = 0; i < n_all; i++) {
      double d = yh[i] - y[i];
      if (w && w[i / K] == 0.0) {
        if (dz) dz[i] = 0.0;
        continue;
      }
      sum += fabs(d);
      if (dz) dz[i] = (d > 0 ? 1.0 : d < 0 ? -1.0 : 0.0) / n;
    }
    break;
  default: /* MSE */
    for (i = 0; i < n_all; i++) {
      double d = yh[i] - y[i];
      if (w && w[i / K] == 0.0) {
        if (dz) dz[i] = 0.0;
        continue;
      }
      sum += d * d;
      if (dz) dz[i] = 2.0 * d / n;
    }
    break;
  }
  if (stats) stats[1] = stats[2] = 0.0;
  if (dz) rnn_activate_backward(cfg->head_act, yh, dz, K, n_cols);
  return sum / n;
}

static int check_batch_args(const rnn_config *cfg, size_t B, size_t T,
                            const double *x, rnn_error *err) {
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

int rnn_forward(const rnn_config *cfg, const double *params, size_t n_batch,
                size_t n_time, const double *x, double *out, double *work,
                rnn_error *err) {
  rnn_view v;
  net_ws ws;
  int st = check_batch_args(cfg, n_batch, n_time, x, err);
  if (st != RNN_OK) return st;
  if (!params || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_forward: NULL argument");
  if ((st = rnn_check_tokens(cfg, x, n_batch * n_time, err)) != RNN_OK)
    return st;
  rnn_view_bind(cfg, (double *)params, &v);
  net_carve(cfg, n_batch, n_time, work, &ws);
  net_forward(cfg, &v, n_batch, n_time, x, &ws, NULL, NULL);
  memcpy(out, ws.y,
         sizeof(double) * cfg->n_out * n_batch * out_steps(cfg, n_time));
  return RNN_OK;
}

/* Loss and gradient of one batch; used by training and the checks. */
int rnn_net_loss_grad(const rnn_config *cfg, int loss, const double *params,
                      size_t B, size_t T, const double *x, const double *y,
                      double *loss_value, double *grad, double *dx,
                      rnn_rng *rng, double *state, double *stats,
                      double *work) {
  rnn_view v, g;
  net_ws ws;
  size_t To = out_steps(cfg, T), HL = (size_t)cfg->n_hidden[cfg->n_layers - 1];
  double *dcur;
  int l;
  rnn_view_bind(cfg, (double *)params, &v);
  net_carve(cfg, B, T, work, &ws);
  net_forward(cfg, &v, B, T, x, &ws, rng, state);
  if (state) net_state_save(cfg, &ws, B, T, state);
  *loss_value = head_loss(cfg, loss, B * To, ws.z, ws.y, y,
                          cfg->seq_out ? ws.mask : NULL, grad ? ws.z : NULL,
                          stats);
  if (dx && v.E) memset(dx, 0, sizeof(double) * B * T);
  if (!grad) return RNN_OK;
  /* ws.z now holds dL/dz of the head */
  memset(grad, 0, sizeof(double) * rnn_n_params(cfg));
  rnn_view_bind(cfg, grad, &g);
  {
    const double *hin = layer_output(cfg, &ws, cfg->n_layers - 1, B);
    size_t j, c;
    if (!cfg->seq_out) hin += HL * B * (T - 1);
    rnn_dgemm('N', 'T', cfg->n_out, HL, B * To, 1.0, ws.z, cfg->n_out, hin, HL,
              0.0, g.Wy, cfg->n_out);
    for (c = 0; c < B * To; c++)
      for (j = 0; j < (size_t)cfg->n_out; j++)
        g.by[j] += ws.z[j + cfg->n_out * c];
    rnn_dgemm('T', 'N', HL, B * To, cfg->n_out, 1.0, v.Wy, cfg->n_out, ws.z,
              cfg->n_out, 0.0, ws.dlast, HL);
  }
  /* sequence gradient of the last layer's output */
  dcur = ws.dA;
  if (cfg->seq_out) {
    memcpy(dcur, ws.dlast, sizeof(double) * HL * B * T);
  } else {
    memset(dcur, 0, sizeof(double) * HL * B * T);
    memcpy(dcur + HL * B * (T - 1), ws.dlast, sizeof(double) * HL * B);
  }
  for (l = cfg->n_layers - 1; l >= 0; l--) {
    size_t H = (size_t)cfg->n_hidden[l], k;
    const double *in = l > 0 ? layer_output(cfg, &ws, l - 1, B)
                             : v.E ? ws.xe : x;
    double *dnext = l > 0 || v.E ? (dcur == ws.dA ? ws.dB : ws.dA) : dx;
    if (cfg->dropout > 0 && rng)
      for (k = 0; k < H * B * T; k++) dcur[k] *= ws.dmask[l][k];
    rnn_layer_backward(cfg, &v.layer[l], &g.layer[l], B, T, in, &ws.cache[l],
                       dcur, dnext, ws.tmp);
    dcur = dnext;
  }
  if (v.E) { /* dE[:, token] += d(embedded input); padding gets none */
    const size_t D = (size_t)cfg->n_embed;
    size_t k, i;
    for (k = 0; k < B * T; k++) {
      size_t tok = (size_t)x[k];
      if (tok == 0) continue;
      for (i = 0; i < D; i++) g.E[i + D * tok] += dcur[i + D * k];
    }
  }
  return RNN_OK;
}

int rnn_loss_grad(const rnn_config *cfg, int loss, const double *params,
                  size_t n_batch, size_t n_time, const double *x,
                  const double *y, double *loss_value, double *grad,
                  double *dx, rnn_rng *rng, double *work, rnn_error *err) {
  int st = check_batch_args(cfg, n_batch, n_time, x, err);
  if (st != RNN_OK) return st;
  if ((st = rnn_loss_check(cfg, loss, err)) != RNN_OK) return st;
  if (!params || !y || !loss_value || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_loss_grad: NULL argument");
  if (loss == RNN_LOSS_SPARSE_CE &&
      (st = check_labels(cfg, y, n_batch * out_steps(cfg, n_time), err)) != RNN_OK)
    return st;
  if ((st = rnn_check_tokens(cfg, x, n_batch * n_time, err)) != RNN_OK)
    return st;
  return rnn_net_loss_grad(cfg, loss, params, n_batch, n_time, x, y,
                           loss_value, grad, dx, rng, NULL, NULL, work);
}

void rnn_gather_batch(const rnn_config *cfg, int loss, size_t N, size_t T,
                      const double *x, const double *y, const size_t *idx,
                      size_t B, double *xb, double *yb) {
  const size_t I = (size_t)cfg->n_in;
  const size_t ny = loss == RNN_LOSS_SPARSE_CE ? 1 : (size_t)cfg->n_out;
  const size_t To = out_steps(cfg, T);
  size_t b, t, i;
  for (t = 0; t < T; t++)
    for (b = 0; b < B; b++)
      for (i = 0; i < I; i++)
        xb[i + I * (b + B * t)] = x[idx[b] + N * (t + T * i)];
  if (!y || !yb) return;
  for (t = 0; t < To; t++)
    for (b = 0; b < B; b++)
      for (i = 0; i < ny; i++)
        yb[i + ny * (b + B * t)] =
            cfg->seq_out ? y[idx[b] + N * (t + T * i)] : y[idx[b] + N * i];
}

size_t rnn_predict_workspace(const rnn_config *cfg, size_t chunk,
                             size_t n_time) {
  size_t need = rnn_batch_workspace(cfg, chunk, n_time);
  if (need == 0) return 0;
  /* + batch input, + chunk indices (one double each) */
  return need + (size_t)cfg->n_in * chunk * n_time + chunk;
}

int rnn_predict(const rnn_config *cfg, const double *params, size_t N,
                size_t T, const double *x, size_t chunk, double *out,
                double *work, rnn_error *err) {
  rnn_view v;
  net_ws ws;
  size_t s0, To, K, I, netw;
  double *xb;
  size_t *idx;
  int st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  if (N == 0 || T == 0 || chunk == 0)
    return rnn_fail(err, RNN_ERR_DIM, "nothing to predict: %lu samples of %lu steps",
                    (unsigned long)N, (unsigned long)T);
  if (!params || !x || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_predict: NULL argument");
  if (chunk > N) chunk = N;
  if (!rnn_fits_int(chunk * T * ((size_t)cfg->n_in + 1)))
    return rnn_fail(err, RNN_ERR_SIZE, "windows of %lu steps are too long",
                    (unsigned long)T);
  if ((st = rnn_check_tokens(cfg, x, N * T, err)) != RNN_OK) return st;
  To = out_steps(cfg, T);
  K = (size_t)cfg->n_out;
  I = (size_t)cfg->n_in;
  netw = rnn_batch_workspace(cfg, chunk, T);
  xb = work + netw;
  idx = (size_t *)(void *)(xb + I * chunk * T);
  rnn_view_bind(cfg, (double *)params, &v);
  for (s0 = 0; s0 < N; s0 += chunk) {
    size_t nb = N - s0 < chunk ? N - s0 : chunk, b, t, k;
    for (b = 0; b < nb; b++) idx[b] = s0 + b;
    rnn_gather_batch(cfg, RNN_LOSS_MSE, N, T, x, NULL, idx, nb, xb, NULL);
    net_carve(cfg, nb, T, work, &ws);
    net_forward(cfg, &v, nb, T, xb, &ws, NULL, NULL);
    for (t = 0; t < To; t++)
      for (b = 0; b < nb; b++)
        for (k = 0; k < K; k++)
          out[s0 + b + N * (cfg->seq_out ? t + T * k : k)] =
              ws.y[k + K * (b + nb * t)];
  }
  return RNN_OK;
}
