/* The embedding of token input: a lookup table E (D x V, column v the
 * vector of token v, D = n_embed, V = n_vocab) in front of the first
 * recurrent layer.  Token 0 is padding: it is embedded like any other,
 * but its mask entry 0 makes the cells keep their state over it, and it
 * gets no gradient. */
#include "internal.h"

#include <math.h>
#include <string.h>

#ifndef RNN_SINGLE /* checks of host data: compiled once */
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
#endif

/* Forward, for n tokens x (checked by rnn_check_tokens()):
 *   xe[:, k] = E[:, x_k],   mask_k = (x_k != 0)
 * x n, E D x V, xe D x n, mask n. */
void rnn_embed_forward(rnn_real *xe, rnn_real *mask, const rnn_real *E,
                       const rnn_real *x, size_t n, size_t D) {
  size_t k;
  for (k = 0; k < n; k++) {
    size_t tok = (size_t)x[k];
    memcpy(xe + D * k, E + D * tok, sizeof(rnn_real) * D);
    mask[k] = tok != 0 ? 1.0 : 0.0;
  }
}

/* Backward, accumulating, in increasing k:
 *   dE[:, x_k] += dxe[:, k]   for every x_k != 0 (padding gets none)
 * x n, dxe D x n, dE D x V. */
void rnn_embed_backward(rnn_real *dE, const rnn_real *dxe, const rnn_real *x,
                        size_t n, size_t D) {
  size_t k, i;
  for (k = 0; k < n; k++) {
    size_t tok = (size_t)x[k];
    if (tok == 0) continue;
    for (i = 0; i < D; i++)
      dE[i + D * tok] += dxe[i + D * k];
  }
}

/* ---- the series embedding (issue 16) -------------------------------- */

#ifndef RNN_SINGLE
int rnn_check_series_values(const rnn_config *cfg, const double *v, size_t n,
                            size_t stride, rnn_error *err) {
  size_t k;
  for (k = 0; k < n; k++, v += stride)
    if (!(*v >= -1 && *v < cfg->n_series && *v == floor(*v)))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "series index %g (the last input feature) is not a "
                      "whole number in 0..%d, or -1 for a series not seen "
                      "in training",
                      *v, cfg->n_series - 1);
  return RNN_OK;
}

int rnn_check_series(const rnn_config *cfg, const double *x, size_t n,
                     int batch, rnn_error *err) {
  size_t J = (size_t)cfg->n_in;
  if (cfg->n_series <= 0) return RNN_OK;
  return batch ? rnn_check_series_values(cfg, x + J - 1, n, J, err)
               : rnn_check_series_values(cfg, x + n * (J - 1), n, 1, err);
}
#endif

/* Forward, for the n = B*T columns of a batch x (n_in x n, batch layout),
 * J = n_in, k_c = x[J-1, c] the series index of column c:
 *   xs[0..J-2, c]     = x[0..J-2, c]
 *   xs[J-1..J+D-2, c] = S[:, k_c]                      (k_c >= 0)
 *                     = (1/n_series) sum_k S[:, k]      (k_c = -1, unseen)
 * x J x n, S D x n_series, xs (J-1+D) x n. */
void rnn_series_embed_forward(rnn_real *xs, const rnn_real *S, const rnn_real *x,
                              size_t n, size_t n_in, size_t D,
                              size_t n_series) {
  size_t c, i, k, W = n_in - 1 + D;
  for (c = 0; c < n; c++) {
    const rnn_real *xc = x + n_in * c;
    rnn_real *o = xs + W * c;
    rnn_real id = xc[n_in - 1];
    memcpy(o, xc, sizeof(rnn_real) * (n_in - 1));
    o += n_in - 1;
    if (id >= 0) {
      memcpy(o, S + D * (size_t)id, sizeof(rnn_real) * D);
    } else {
      for (i = 0; i < D; i++) {
        rnn_real s = 0;
        for (k = 0; k < n_series; k++) s += S[i + D * k];
        o[i] = s / (rnn_real)n_series;
      }
    }
  }
}

/* Backward, accumulating into dS, in increasing c (dxs (J-1+D) x n the
 * gradient of the first layer's input):
 *   dS[:, k_c] += dxs[J-1.., c]                  (k_c >= 0)
 *   dS[:, k]   += dxs[J-1.., c] / n_series, all k (k_c = -1)
 *   dx[0..J-2, c] = dxs[0..J-2, c], dx[J-1, c] = 0 (the index has none)
 * dx (J x n) may be NULL. */
void rnn_series_embed_backward(rnn_real *dS, rnn_real *dx, const rnn_real *dxs,
                               const rnn_real *x, size_t n, size_t n_in,
                               size_t D, size_t n_series) {
  size_t c, i, k, W = n_in - 1 + D;
  for (c = 0; c < n; c++) {
    const rnn_real *g = dxs + W * c + (n_in - 1);
    rnn_real id = x[n_in - 1 + n_in * c];
    if (dx) {
      memcpy(dx + n_in * c, dxs + W * c, sizeof(rnn_real) * (n_in - 1));
      dx[n_in - 1 + n_in * c] = 0;
    }
    if (id >= 0) {
      rnn_real *d = dS + D * (size_t)id;
      for (i = 0; i < D; i++) d[i] += g[i];
    } else {
      for (k = 0; k < n_series; k++)
        for (i = 0; i < D; i++) dS[i + D * k] += g[i] / (rnn_real)n_series;
    }
  }
}
