/* The dense head on top of the last recurrent layer, and the losses.
 *
 * The head reads the last layer's output at the last step (many-to-one,
 * n = B columns) or at every step (many-to-many, n = B*T columns):
 * K = n_out, HL = the last layer's units. */
#include "internal.h"

#include <math.h>
#include <string.h>

size_t rnn_head_work(size_t K, size_t HL, size_t n) {
  size_t a = RNN_GEMM_WORK('N', K, n, HL), b = RNN_GEMM_WORK('N', K, HL, n),
         c = RNN_GEMM_WORK('T', HL, n, K);
  if (b > a) a = b;
  return c > a ? c : a;
}

/* Forward: z = W_y h + b_y 1^T,  y = act(z)  (column-wise softmax)
 * h HL x n, W_y K x HL, b_y K, z and y K x n. */
void rnn_head_forward(rnn_real *z, rnn_real *y, const rnn_real *Wy, const rnn_real *by,
                      const rnn_real *h, int act, size_t K, size_t HL, size_t n,
                      rnn_real *work) {
  size_t j, c;
  for (c = 0; c < n; c++)
    for (j = 0; j < K; j++)
      z[j + K * c] = by[j];
  RNN_GEMM('N', 'N', K, n, HL, 1.0, Wy, K, h, HL, 1.0, z, K, work);
  memcpy(y, z, sizeof(rnn_real) * K * n);
  rnn_activate(act, y, K, n);
}

/* Backward from dz = dL/dz (K x n, from rnn_head_loss()):
 *   dW_y = dz h^T (overwritten),  db_y += dz 1,  dh = W_y^T dz (overwritten)
 * h HL x n, W_y and dW_y K x HL, db_y K, dh HL x n. */
void rnn_head_backward(rnn_real *dWy, rnn_real *dby, rnn_real *dh, const rnn_real *dz,
                       const rnn_real *Wy, const rnn_real *h, size_t K, size_t HL,
                       size_t n, rnn_real *work) {
  size_t j, c;
  RNN_GEMM('N', 'T', K, HL, n, 1.0, dz, K, h, HL, 0.0, dWy, K, work);
  for (c = 0; c < n; c++)
    for (j = 0; j < K; j++)
      dby[j] += dz[j + K * c];
  RNN_GEMM('T', 'N', HL, n, K, 1.0, Wy, K, dz, K, 0.0, dh, HL, work);
}

#ifndef RNN_SINGLE /* checks of host data: compiled once */
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
    return rnn_fail(
        err, RNN_ERR_DIM,
        "sparse categorical cross-entropy needs at least 2 classes");
  return RNN_OK;
}

int rnn_check_labels(const rnn_config *cfg, const double *y, size_t n,
                     rnn_error *err) {
  size_t k;
  for (k = 0; k < n; k++)
    if (!(y[k] >= 0 && y[k] < cfg->n_out && y[k] == floor(y[k])))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "class label %g is not an integer in 0..%d", y[k],
                      cfg->n_out - 1);
  return RNN_OK;
}

#endif

/* The losses, as means over n columns of K = n_out (pairs of z and yh
 * columns), only over the columns with weight w_j = 1 when w is given
 * (0: a masked step).  With N the weighted columns (times K except for
 * sparse CE), from yh = act(z):
 *   MSE        L = (1/N) sum (yh - y)^2          dL/dyh = 2 (yh - y) / N
 *   MAE        L = (1/N) sum |yh - y|            dL/dyh = sign(yh - y) / N
 *   BCE        L = (1/N) sum max(z,0) - z y + log(1 + exp(-|z|))
 *                                                dL/dz = (yh - y) / N
 *   sparse CE  L = (1/N) sum_j logsumexp(z_j) - z_j[y_j]
 *                                                dL/dz = (yh - onehot(y)) / N
 * (BCE from logits with a sigmoid head, sparse CE with a softmax head,
 * both differentiated through the activation in one step; MSE and MAE go
 * back through act by rnn_activate_backward()).
 * z, yh, dz K x n; y K x n (sparse CE: n labels 0..K-1); w n or NULL;
 * dz (NULL: loss only) may be z: each column is read before it is
 * written.  stats (NULL or 3) receives N, and for BCE and sparse CE the
 * number of predictions judged for accuracy and of right ones (0 and 0
 * for MSE and MAE). */
double rnn_head_loss(const rnn_config *cfg, int loss, size_t n_cols,
                     const rnn_real *z, const rnn_real *yh, const rnn_real *y,
                     const rnn_real *w, rnn_real *dz, double *stats) {
  const size_t K = (size_t)cfg->n_out, n_all = K * n_cols;
  double sum = 0.0, cols = (double)n_cols, n, judged = 0.0, right = 0.0;
  size_t i, j;
  if (w) {
    cols = 0.0;
    for (j = 0; j < n_cols; j++)
      cols += w[j];
  }
  n = loss == RNN_LOSS_SPARSE_CE ? cols : (double)K * cols;
  if (stats) stats[0] = n;
  if (cols == 0.0) { /* every step masked: nothing to learn from */
    if (dz) memset(dz, 0, sizeof(rnn_real) * n_all);
    if (stats) stats[1] = stats[2] = 0.0;
    return 0.0;
  }
  switch (loss) {
  case RNN_LOSS_SPARSE_CE: /* log-sum-exp(z) - z[label], per column */
    for (j = 0; j < n_cols; j++) {
      const rnn_real *zc = z + K * j;
      size_t lab = (size_t)y[j], am = 0;
      double mx = zc[0], s = 0.0;
      if (w && w[j] == 0.0) {
        if (dz) memset(dz + K * j, 0, sizeof(rnn_real) * K);
        continue;
      }
      for (i = 1; i < K; i++)
        if (zc[i] > mx) {
          mx = zc[i];
          am = i;
        }
      for (i = 0; i < K; i++)
        s += exp(zc[i] - mx);
      sum += mx + log(s) - zc[lab];
      judged += 1.0;
      right += am == lab;
      if (dz) {
        for (i = 0; i < K; i++)
          dz[i + K * j] = yh[i + K * j] / n;
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
