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
#include <stdint.h>
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

/* ---- one series' forecast in original units ------------------------ */

int rnn_target_unscale(const rnn_target_inverse *inv, size_t n_rows,
                       size_t n_steps, double *x, rnn_error *err) {
  if (!inv || (!x && n_rows * n_steps > 0))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_target_unscale: NULL argument");
  size_t i, L;
  int st = rnn_transform_check(&inv->transform, err);
  if (st != RNN_OK) return st;
  if (!isfinite(inv->center) || !isfinite(inv->scale))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the target's scaler (center %g, scale %g) is not finite",
                    inv->center, inv->scale);
  rnn_scale_apply(n_rows * n_steps, 1, x, &inv->center, &inv->scale, 1, x);
  /* issue 15: each row (a path) integrates its own steps from the end
   * of the observed series */
  if (inv->transform.kind == RNN_TRANSFORM_NONE) return RNN_OK;
  L = rnn_transform_lost(&inv->transform);
  if ((L > 0 || inv->transform.kind == RNN_TRANSFORM_DIFF ||
       inv->transform.kind == RNN_TRANSFORM_LOGDIFF) &&
      (inv->n_history < (L > 0 ? L : 1) || !inv->history ||
       !all_finite(inv->history + inv->n_history - L, L)))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "undoing the target transform needs the last %lu "
                    "observed value(s) of the target, finite",
                    (unsigned long)L);
  for (i = 0; i < n_rows; i++)
    rnn_transform_invert(&inv->transform, inv->n_history, inv->history,
                         n_steps, n_rows, x + i);
  return RNN_OK;
}

/* The raw forecast's sizes: steps per output column and output columns */
static size_t raw_steps(const rnn_forecast_spec *s) {
  return s->direct ? 1 : s->h;
}

size_t rnn_forecast_series_workspace(const rnn_config *cfg,
                                     const rnn_forecast_spec *s) {
  size_t fc, K, raw;
  if (!cfg || !s || rnn_config_check(cfg, NULL) != RNN_OK) return 0;
  /* ---- ensemble (issue 15) ---- */
  fc = s->n_members > 1
           ? rnn_ensemble_forecast_workspace(cfg, s->window,
                                             s->direct ? 0 : s->h, s->n_paths,
                                             s->n_members)
           : rnn_forecast_workspace(cfg, s->window, s->direct ? 0 : s->h,
                                    s->n_paths);
  /* ---- end ensemble ---- */
  if (fc == 0) return 0;
  K = (size_t)cfg->n_out;
  raw = rnn_size_mul(raw_steps(s), K);
  {
    size_t part[5], sum = fc, k;
    part[0] = rnn_size_mul(s->window, (size_t)cfg->n_in);
    /* issue 15: the newest rows of a transformed feature */
    part[4] = s->window + rnn_transform_lost(&s->inv.transform);
    part[1] = rnn_size_mul(raw, s->n_paths + 1);
    part[2] = s->n_paths;
    part[3] = rnn_size_mul(2 * s->n_levels, s->h + 1);
    for (k = 0; k < 5; k++) {
      if (part[k] == SIZE_MAX || sum > SIZE_MAX - part[k]) return 0;
      sum += part[k];
    }
    return sum;
  }
}

static int check_spec(const rnn_config *cfg, const rnn_forecast_spec *s,
                      rnn_error *err) {
  size_t k, n_tgt;
  if (!s || !s->values || !s->in_center || !s->in_scale)
    return rnn_fail(err, RNN_ERR_INPUT, "forecast: NULL argument");
  if (s->window == 0)
    return rnn_fail(err, RNN_ERR_DIM, "forecast: window must be >= 1");
  if (s->n_rows < s->window)
    return rnn_fail(err, RNN_ERR_DIM,
                    "the data have %lu rows; the model needs a window of %lu",
                    (unsigned long)s->n_rows, (unsigned long)s->window);
  if (s->h == 0) return rnn_fail(err, RNN_ERR_DIM, "forecast horizon must be >= 1");
  if (s->direct) {
    if (s->horizon == 0 || (size_t)cfg->n_out % s->horizon != 0)
      return rnn_fail(err, RNN_ERR_DIM,
                      "a direct model's %d outputs are not whole horizons of %lu",
                      cfg->n_out, (unsigned long)s->horizon);
    if (s->h > s->horizon)
      return rnn_fail(err, RNN_ERR_DIM,
                      "a direct model forecasts at most its horizon of %lu "
                      "steps, not %lu",
                      (unsigned long)s->horizon, (unsigned long)s->h);
    n_tgt = (size_t)cfg->n_out / s->horizon;
  } else {
    n_tgt = (size_t)cfg->n_out;
  }
  if (s->target >= n_tgt)
    return rnn_fail(err, RNN_ERR_DIM, "target %lu of %lu does not exist",
                    (unsigned long)(s->target + 1), (unsigned long)n_tgt);
  if (s->n_levels > 0 && (!s->levels || s->n_paths == 0))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "prediction intervals need levels and simulated paths");
  for (k = 0; k < s->n_levels; k++)
    if (!(s->levels[k] > 0 && s->levels[k] < 100) ||
        (k > 0 && !(s->levels[k] > s->levels[k - 1])))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "interval levels must increase strictly within (0, "
                      "100) percent; level %lu is %g",
                      (unsigned long)(k + 1), s->levels[k]);
  return RNN_OK;
}

int rnn_forecast_series(const rnn_config *cfg, const double *params,
                        const rnn_forecast_spec *s, rnn_rng *rng,
                        double *point, double *paths, double *lower,
                        double *upper, double *work, rnn_error *err) {
  size_t I, K, S, P, H, NL, k, p, l, j, col0, L;
  double *last, *rpoint, *rpaths, *qwork, *probs, *q, *fwork, *raw;
  int st = rnn_config_check(cfg, err);
  if (st != RNN_OK) return st;
  st = check_spec(cfg, s, err);
  if (st != RNN_OK) return st;
  if (rnn_forecast_series_workspace(cfg, s) == 0)
    return rnn_fail(err, RNN_ERR_SIZE, "a forecast of %lu steps with %lu "
                    "paths is too large", (unsigned long)s->h,
                    (unsigned long)s->n_paths);
  if (!point || !work || (s->n_paths && !paths) ||
      (s->n_levels && (!lower || !upper)))
    return rnn_fail(err, RNN_ERR_INPUT, "forecast: NULL output or workspace");
  I = (size_t)cfg->n_in;
  K = (size_t)cfg->n_out;
  S = raw_steps(s);
  P = s->n_paths;
  H = s->h;
  NL = s->n_levels;
  fwork = work;
  /* ---- ensemble (issue 15) ---- */
  last = fwork + (s->n_members > 1
                      ? rnn_ensemble_forecast_workspace(
                            cfg, s->window, s->direct ? 0 : H, P, s->n_members)
                      : rnn_forecast_workspace(cfg, s->window,
                                               s->direct ? 0 : H, P));
  /* ---- end ensemble ---- */
  rpoint = last + s->window * I;
  rpaths = rpoint + S * K;
  qwork = rpaths + P * S * K;
  probs = qwork + P;
  q = probs + 2 * s->n_levels;
  raw = q + 2 * s->n_levels * s->h;
  /* the newest window, missing values carried forward with locf, on
   * the model's scale; a transformed feature (issue 15) reads the L rows
   * before it too and is transformed */
  L = rnn_transform_lost(&s->inv.transform);
  if (s->transformed && s->n_rows < s->window + L)
    return rnn_fail(err, RNN_ERR_DIM,
                    "the data have %lu rows; the model needs a window of %lu "
                    "after the %lu rows its transform loses",
                    (unsigned long)s->n_rows, (unsigned long)s->window,
                    (unsigned long)L);
  for (j = 0; j < I; j++) {
    const double *col = s->values + s->n_rows * j;
    int tf = s->transformed && s->transformed[j];
    size_t span = s->window + (tf ? L : 0), r0 = s->n_rows - span, r;
    double carry = NAN;
    if (s->locf)
      for (r = r0; r > 0 && isnan(carry); r--) carry = col[r - 1];
    for (r = 0; r < span; r++) {
      double v = col[r0 + r];
      if (s->locf && isnan(v)) v = carry;
      if (isnan(v))
        return rnn_fail(err, RNN_ERR_INPUT,
                        "the last %lu rows hold a missing value; forecasts "
                        "start from a complete window",
                        (unsigned long)span);
      raw[r] = carry = v;
    }
    if (tf) {
      st = rnn_transform_apply(&s->inv.transform, span, raw,
                               last + s->window * j, err);
      if (st != RNN_OK) return st;
    } else {
      memcpy(last + s->window * j, raw, sizeof(double) * s->window);
    }
  }
  rnn_scale_apply(s->window, I, last, s->in_center, s->in_scale, 0, last);
  /* ---- ensemble (issue 15) ---- */
  if (s->n_members > 1)
    st = rnn_ensemble_forecast(cfg, params, s->n_members, s->direct,
                               s->window, last, H, s->n_resid, s->resid, P,
                               rng, rpoint, rpaths, fwork, err);
  /* ---- end ensemble ---- */
  else if (s->direct)
    st = rnn_forecast_direct(cfg, params, s->window, last, s->n_resid,
                             s->resid, P, rng, rpoint, rpaths, fwork, err);
  else
    st = rnn_forecast_recursive(cfg, params, s->window, last, H, s->n_resid,
                                s->resid, P, rng, rpoint, rpaths, fwork, err);
  if (st != RNN_OK) return st;
  /* the series' steps: a direct model's outputs are target-major
   * (target j, step k at column j*horizon + k), a recursive forecast's
   * are steps x outputs */
  col0 = s->direct ? s->target * s->horizon : s->target * H;
  for (k = 0; k < H; k++) {
    point[k] = rpoint[col0 + k];
    for (p = 0; p < P; p++) paths[p + P * k] = rpaths[p + P * (col0 + k)];
  }
  st = rnn_target_unscale(&s->inv, 1, H, point, err);
  if (st == RNN_OK && P > 0) st = rnn_target_unscale(&s->inv, P, H, paths, err);
  if (st != RNN_OK) return st;
  if (NL == 0) return RNN_OK;
  /* interval l spans the (1 - level/100)/2 and 1 - (1 - level/100)/2
   * quantiles of the paths at each step */
  for (l = 0; l < NL; l++) {
    double a = (1 - s->levels[l] / 100) / 2;
    probs[l] = a;
    probs[NL + l] = 1 - a;
  }
  st = rnn_quantiles(P, H, paths, 2 * NL, probs, q, qwork, err);
  if (st != RNN_OK) return st;
  for (k = 0; k < H; k++)
    for (l = 0; l < NL; l++) {
      lower[k + H * l] = q[l + 2 * NL * k];
      upper[k + H * l] = q[NL + l + 2 * NL * k];
    }
  return RNN_OK;
}
