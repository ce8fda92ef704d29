/* Forecasts from the end of a series: closed-loop (recursive) and direct,
 * with prediction intervals from simulated sample paths whose errors are
 * bootstrapped from the model's own residuals.
 *
 * Paths are simulated together: path p of P = n_paths + 1 (the last one
 * is the noise-free point forecast) lives in a buffer
 *   buf[p + P*(r + R*j)],  R = window + horizon rows, j = 0..n_in-1,
 * and each step runs the network on rows k..k+window-1 of every path, in
 * fixed chunks of paths so the numbers do not depend on n_paths' size
 * class or on memory. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { FC_CHUNK = 256 };

static size_t fc_chunk(size_t n_paths) {
  return n_paths + 1 < FC_CHUNK ? n_paths + 1 : FC_CHUNK;
}

size_t rnn_forecast_workspace(const rnn_config *cfg, size_t window,
                              size_t horizon, size_t n_paths) {
  size_t chunk = fc_chunk(n_paths), net, I, K;
  if (rnn_config_check(cfg, NULL) != RNN_OK || window == 0) return 0;
  net = rnn_batch_workspace(cfg, chunk, window);
  if (net == 0) return 0;
  I = (size_t)cfg->n_in;
  K = (size_t)cfg->n_out;
  return net + I * chunk * window + K * chunk +
         (n_paths + 1) * (window + horizon) * I;
}

static int all_finite(const double *a, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (!isfinite(a[k])) return 0;
  return 1;
}

static int check_forecast_args(const rnn_config *cfg, const double *params,
                               size_t window, const double *last,
                               size_t n_resid, const double *resid,
                               size_t n_paths, const rnn_rng *rng,
                               const double *point, const double *paths,
                               const double *work, rnn_error *err) {
  int st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  if (cfg->seq_out)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "forecasts need a many-to-one model, not many-to-many");
  if (cfg->n_vocab > 0)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "forecasts are for numeric series; a token model "
                    "generates sequences instead (rnn_generate)");
  if (!params || !last || !point || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "forecast: NULL argument");
  if (window == 0)
    return rnn_fail(err, RNN_ERR_DIM, "forecast: window must be >= 1");
  if (!all_finite(last, window * (size_t)cfg->n_in))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the last window holds a missing or infinite value");
  if (n_paths > 0) {
    if (!paths || !rng || !resid)
      return rnn_fail(err, RNN_ERR_INPUT, "forecast: NULL paths, rng or residuals");
    if (n_resid == 0)
      return rnn_fail(err, RNN_ERR_DIM, "simulated paths need residuals");
    if (!all_finite(resid, n_resid * (size_t)cfg->n_out))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "the residuals hold a missing or infinite value");
  }
  if (!rnn_fits_int((n_paths + 1) * window * ((size_t)cfg->n_in + 1)))
    return rnn_fail(err, RNN_ERR_SIZE, "%lu paths of %lu steps are too many",
                    (unsigned long)n_paths, (unsigned long)window);
  return RNN_OK;
}

int rnn_forecast_recursive(const rnn_config *cfg, const double *params,
                           size_t window, const double *last, size_t horizon,
                           size_t n_resid, const double *resid,
                           size_t n_paths, rnn_rng *rng, double *point,
                           double *paths, double *work, rnn_error *err) {
  size_t I, K, P, R, chunk, net, k, t, j, p0, b;
  double *xb, *out, *buf;
  int st = check_forecast_args(cfg, params, window, last, n_resid, resid,
                               n_paths, rng, point, paths, work, err);
  if (st != RNN_OK) return st;
  if (cfg->n_out != cfg->n_in)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a recursive forecast needs a model that predicts its own "
                    "inputs (%d outputs for %d inputs); fit with horizon = h "
                    "for a direct forecast instead",
                    cfg->n_out, cfg->n_in);
  if (horizon == 0)
    return rnn_fail(err, RNN_ERR_DIM, "forecast horizon must be >= 1");
  I = (size_t)cfg->n_in;
  K = (size_t)cfg->n_out;
  P = n_paths + 1;
  R = window + horizon;
  chunk = fc_chunk(n_paths);
  net = rnn_batch_workspace(cfg, chunk, window);
  xb = work + net;
  out = xb + I * chunk * window;
  buf = out + K * chunk;
  for (j = 0; j < I; j++)
    for (t = 0; t < window; t++)
      for (b = 0; b < P; b++) buf[b + P * (t + R * j)] = last[t + window * j];
  for (k = 0; k < horizon; k++) {
    for (p0 = 0; p0 < P; p0 += chunk) {
      size_t nb = P - p0 < chunk ? P - p0 : chunk;
      for (t = 0; t < window; t++)
        for (b = 0; b < nb; b++)
          for (j = 0; j < I; j++)
            xb[j + I * (b + nb * t)] = buf[p0 + b + P * (k + t + R * j)];
      st = rnn_forward(cfg, params, nb, window, xb, out, work, err);
      if (st != RNN_OK) return st;
      for (b = 0; b < nb; b++) {
        size_t p = p0 + b;
        /* draws in step-major, path-minor order: independent of chunk */
        size_t r = p < n_paths ? (size_t)rnn_rng_below(rng, n_resid) : 0;
        for (j = 0; j < K; j++) {
          double e = p < n_paths ? resid[r + n_resid * j] : 0.0;
          buf[p + P * (window + k + R * j)] = out[j + K * b] + e;
        }
      }
    }
  }
  for (j = 0; j < I; j++)
    for (k = 0; k < horizon; k++) {
      const double *row = buf + P * (window + k + R * j);
      point[k + horizon * j] = row[n_paths];
      for (b = 0; b < n_paths; b++) paths[b + n_paths * (k + horizon * j)] = row[b];
    }
  for (k = 0; k < horizon * I; k++)
    if (!isfinite(point[k]))
      return rnn_fail(err, RNN_ERR_DIVERGED,
                      "the forecast left the finite range at step %lu",
                      (unsigned long)(k % horizon + 1));
  return RNN_OK;
}

int rnn_forecast_direct(const rnn_config *cfg, const double *params,
                        size_t window, const double *last, size_t n_resid,
                        const double *resid, size_t n_paths, rnn_rng *rng,
                        double *point, double *paths, double *work,
                        rnn_error *err) {
  size_t I, K, net, t, j, p;
  double *xb;
  int st = check_forecast_args(cfg, params, window, last, n_resid, resid,
                               n_paths, rng, point, paths, work, err);
  if (st != RNN_OK) return st;
  I = (size_t)cfg->n_in;
  K = (size_t)cfg->n_out;
  net = rnn_batch_workspace(cfg, 1, window);
  xb = work + net;
  for (t = 0; t < window; t++)
    for (j = 0; j < I; j++) xb[j + I * t] = last[t + window * j];
  st = rnn_forward(cfg, params, 1, window, xb, point, work, err);
  if (st != RNN_OK) return st;
  for (p = 0; p < n_paths; p++) {
    size_t r = (size_t)rnn_rng_below(rng, n_resid);
    for (j = 0; j < K; j++)
      paths[p + n_paths * j] = point[j] + resid[r + n_resid * j];
  }
  return RNN_OK;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int rnn_quantiles(size_t n, size_t m, const double *a, size_t n_probs,
                  const double *probs, double *out, double *work,
                  rnn_error *err) {
  size_t j, q;
  if (n == 0 || !a || !probs || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_quantiles: empty or NULL argument");
  for (q = 0; q < n_probs; q++)
    if (!(probs[q] >= 0.0 && probs[q] <= 1.0))
      return rnn_fail(err, RNN_ERR_INPUT, "probability %g is outside [0, 1]",
                      probs[q]);
  for (j = 0; j < m; j++) {
    int has_nan = 0;
    memcpy(work, a + n * j, sizeof(double) * n);
    for (q = 0; q < n; q++)
      if (isnan(work[q])) has_nan = 1;
    if (!has_nan) qsort(work, n, sizeof(double), cmp_double);
    for (q = 0; q < n_probs; q++) {
      double h = (double)(n - 1) * probs[q];
      size_t lo = (size_t)floor(h), hi = lo + 1 < n ? lo + 1 : lo;
      double f = h - (double)lo;
      out[q + n_probs * j] =
          has_nan ? NAN : (1.0 - f) * work[lo] + f * work[hi];
    }
  }
  return RNN_OK;
}
