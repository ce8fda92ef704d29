/* The network: stacked recurrent layers, dropout between them, the dense
 * head and the loss; forward, backward and batched prediction.
 *
 * A batch workspace is carved into these pieces (T = n_time,
 * B = n_batch, To = T for many-to-many else 1, per layer H, G):
 *   per layer: hs H*B*(T+1), cs H*B*(T+1) (LSTM), gates G*H*B*T,
 *              aux H*B*T (LSTM, GRU), and with dropout a mask and the
 *              dropped output H*B*T each
 *   head:      z and y  n_out*B*To each (pre- and post-activation)
 *   backward:  two ping-pong sequence gradients, max width*B*T each;
 *              dHlast H_L*B*To; the largest layer scratch. */
#include "internal.h"

#include <math.h>
#include <string.h>

typedef struct {
  rnn_layer_cache cache[RNN_MAX_LAYERS];
  double *mask[RNN_MAX_LAYERS], *drop[RNN_MAX_LAYERS];
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
      ws->mask[l] = take(base, &off, H * B * T);
      ws->drop[l] = take(base, &off, H * B * T);
    }
    if (H > widest) widest = H;
    t = rnn_layer_tmp_size(cfg, H, B, T);
    if (t > tmp) tmp = t;
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

/* Forward through layers and head; training with dropout iff rng. */
static void net_forward(const rnn_config *cfg, const rnn_view *v, size_t B,
                        size_t T, const double *x, net_ws *ws, rnn_rng *rng) {
  const double *in = x;
  size_t To = out_steps(cfg, T), HL, k;
  int l;
  for (l = 0; l < cfg->n_layers; l++) {
    size_t H = (size_t)cfg->n_hidden[l], HBT = H * B * T;
    rnn_layer_cache *c = &ws->cache[l];
    memset(c->hs, 0, sizeof(double) * H * B); /* h0 = 0 */
    if (c->cs) memset(c->cs, 0, sizeof(double) * H * B);
    rnn_layer_forward(cfg, &v->layer[l], B, T, in, c, ws->tmp);
    if (cfg->dropout > 0 && rng) {
      double keep = 1.0 - cfg->dropout, scale = 1.0 / keep;
      const double *h = c->hs + H * B;
      for (k = 0; k < HBT; k++) {
        ws->mask[l][k] = rnn_rng_unif(rng) < keep ? scale : 0.0;
        ws->drop[l][k] = h[k] * ws->mask[l][k];
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
 * n_cols columns of n_out.  With dz != NULL also dL/dz. */
static double head_loss(const rnn_config *cfg, int loss, size_t n_cols,
                        const double *z, const double *yh, const double *y,
                        double *dz) {
  const size_t K = (size_t)cfg->n_out, n = K * n_cols;
  double sum = 0.0;
  size_t i, j;
  switch (loss) {
  case RNN_LOSS_SPARSE_CE: /* log-sum-exp(z) - z[label], per column */
    for (j = 0; j < n_cols; j++) {
      const double *zc = z + K * j;
      size_t lab = (size_t)y[j];
      double mx = zc[0], s = 0.0;
      for (i = 1; i < K; i++)
        if (zc[i] > mx) mx = zc[i];
      for (i = 0; i < K; i++) s += exp(zc[i] - mx);
      sum += mx + log(s) - zc[lab];
      if (dz) {
        for (i = 0; i < K; i++) dz[i + K * j] = yh[i + K * j] / n_cols;
        dz[lab + K * j] -= 1.0 / n_cols;
      }
    }
    return sum / n_cols;
  case RNN_LOSS_BCE: /* from logits: max(z,0) - z y + log(1 + exp(-|z|)) */
    for (i = 0; i < n; i++) {
      sum += (z[i] > 0 ? z[i] : 0.0) - z[i] * y[i] + log1p(exp(-fabs(z[i])));
      if (dz) dz[i] = (yh[i] - y[i]) / n;
    }
    return sum / n;
  case RNN_LOSS_MAE:
    for (i = 0; i < n; i++) {
      double d = yh[i] - y[i];
      sum += fabs(d);
      if (dz) dz[i] = (d > 0 ? 1.0 : d < 0 ? -1.0 : 0.0) / n;
    }
    break;
  default: /* MSE */
    for (i = 0; i < n; i++) {
      double d = yh[i] - y[i];
      sum += d * d;
      if (dz) dz[i] = 2.0 * d / n;
    }
    break;
  }
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
  rnn_view_bind(cfg, (double *)params, &v);
  net_carve(cfg, n_batch, n_time, work, &ws);
  net_forward(cfg, &v, n_batch, n_time, x, &ws, NULL);
  memcpy(out, ws.y,
         sizeof(double) * cfg->n_out * n_batch * out_steps(cfg, n_time));
  return RNN_OK;
}

/* Loss and gradient of one batch; used by training and the checks. */
int rnn_net_loss_grad(const rnn_config *cfg, int loss, const double *params,
                      size_t B, size_t T, const double *x, const double *y,
                      double *loss_value, double *grad, double *dx,
                      rnn_rng *rng, double *work) {
  rnn_view v, g;
  net_ws ws;
  size_t To = out_steps(cfg, T), HL = (size_t)cfg->n_hidden[cfg->n_layers - 1];
  double *dcur;
  int l;
  rnn_view_bind(cfg, (double *)params, &v);
  net_carve(cfg, B, T, work, &ws);
  net_forward(cfg, &v, B, T, x, &ws, rng);
  *loss_value = head_loss(cfg, loss, B * To, ws.z, ws.y, y, grad ? ws.z : NULL);
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
    const double *in = l > 0 ? layer_output(cfg, &ws, l - 1, B) : x;
    double *dnext = l > 0 ? (dcur == ws.dA ? ws.dB : ws.dA) : dx;
    if (cfg->dropout > 0 && rng)
      for (k = 0; k < H * B * T; k++) dcur[k] *= ws.mask[l][k];
    rnn_layer_backward(cfg, &v.layer[l], &g.layer[l], B, T, in, &ws.cache[l],
                       dcur, dnext, ws.tmp);
    dcur = dnext;
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
  return rnn_net_loss_grad(cfg, loss, params, n_batch, n_time, x, y,
                           loss_value, grad, dx, rng, work);
}

/* Validation/evaluation loss of a dataset in chunks of `chunk` samples,
 * without dropout; xb and yb are batch buffers of that size. */
double rnn_net_eval_loss(const rnn_config *cfg, int loss, const double *params,
                         size_t N, size_t T, const double *x, const double *y,
                         size_t chunk, size_t *idx, double *xb, double *yb,
                         double *work) {
  size_t s0, k;
  double total = 0.0, l;
  for (s0 = 0; s0 < N; s0 += chunk) {
    size_t nb = N - s0 < chunk ? N - s0 : chunk;
    for (k = 0; k < nb; k++) idx[k] = s0 + k;
    rnn_gather_batch(cfg, loss, N, T, x, y, idx, nb, xb, yb);
    rnn_net_loss_grad(cfg, loss, params, nb, T, xb, yb, &l, NULL, NULL, NULL,
                      work);
    total += l * (double)nb;
  }
  return total / (double)N;
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
    net_forward(cfg, &v, nb, T, xb, &ws, NULL);
    for (t = 0; t < To; t++)
      for (b = 0; b < nb; b++)
        for (k = 0; k < K; k++)
          out[s0 + b + N * (cfg->seq_out ? t + T * k : k)] =
              ws.y[k + K * (b + nb * t)];
  }
  return RNN_OK;
}
