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
                               const double *work, const double *innov,
                               size_t horizon, rnn_error *err) {
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
  if (n_paths > 0 && innov) {
    /* issue 17: the paths' errors are given */
    if (!paths)
      return rnn_fail(err, RNN_ERR_INPUT, "forecast: NULL paths");
    if (!all_finite(innov, n_paths * horizon * (size_t)cfg->n_out))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "the given errors (innovations) hold a missing or "
                      "infinite value");
  } else if (n_paths > 0) {
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

/* issue 15 covariates: the output fed back into input j (-1: a
 * covariate, read from cov->future) */
static int fed_from(const rnn_covariates *cov, size_t j) {
  return cov && cov->from ? cov->from[j] : (int)j;
}

int rnn_forecast_recursive(const rnn_config *cfg, const double *params,
                           size_t window, const double *last, size_t horizon,
                           size_t n_resid, const double *resid,
                           size_t n_paths, rnn_rng *rng, double *point,
                           double *paths, double *work, rnn_error *err) {
  return rnn_forecast_recursive_cov(cfg, params, window, last, horizon, NULL,
                                    n_resid, resid, n_paths, rng, point, paths,
                                    work, err);
}

int rnn_check_covariates(const rnn_config *cfg, size_t horizon,
                         const rnn_covariates *cov, rnn_error *err) {
  size_t j, k, I = (size_t)cfg->n_in;
  if (!cov || !cov->from) {
    if (cfg->n_out != cfg->n_in)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "a recursive forecast needs a model that predicts its "
                      "own inputs (%d outputs for %d inputs); fit with "
                      "horizon = h for a direct forecast instead",
                      cfg->n_out, cfg->n_in);
    return RNN_OK;
  }
  for (j = 0; j < I; j++) {
    if (cov->from[j] >= cfg->n_out)
      return rnn_fail(err, RNN_ERR_DIM,
                      "input %lu is fed from output %d of %d",
                      (unsigned long)(j + 1), cov->from[j] + 1, cfg->n_out);
    if (cov->from[j] >= 0 || horizon < 2) continue;
    if (!cov->future)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "input %lu is a covariate: a recursive forecast needs "
                      "its future values",
                      (unsigned long)(j + 1));
    for (k = 0; k + 1 < horizon; k++)
      if (!isfinite(cov->future[k + horizon * j]))
        return rnn_fail(err, RNN_ERR_INPUT,
                        "the future value of covariate input %lu at step %lu "
                        "is missing or infinite",
                        (unsigned long)(j + 1), (unsigned long)(k + 1));
  }
  return RNN_OK;
}

int rnn_forecast_recursive_cov(const rnn_config *cfg, const double *params,
                               size_t window, const double *last,
                               size_t horizon, const rnn_covariates *cov,
                               size_t n_resid, const double *resid,
                               size_t n_paths, rnn_rng *rng, double *point,
                               double *paths, double *work, rnn_error *err) {
  size_t I, K, P, R, chunk, net, k, t, j, p0, b;
  double *xb, *out, *buf;
  const double *innov = cov ? cov->innov : NULL; /* issue 17 */
  int st = check_forecast_args(cfg, params, window, last, n_resid, resid,
                               n_paths, rng, point, paths, work, innov,
                               horizon, err);
  if (st != RNN_OK) return st;
  if (horizon == 0)
    return rnn_fail(err, RNN_ERR_DIM, "forecast horizon must be >= 1");
  if ((st = rnn_check_covariates(cfg, horizon, cov, err)) != RNN_OK) return st;
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
        /* draws in step-major, path-minor order: independent of chunk;
         * none when the errors are given (issue 17) */
        size_t r = p < n_paths && !innov ? (size_t)rnn_rng_below(rng, n_resid) : 0;
        for (j = 0; j < K; j++) {
          double e = p >= n_paths ? 0.0
                     : innov ? innov[p + n_paths * (k + horizon * j)]
                             : resid[r + n_resid * j];
          double v = out[j + K * b] + e;
          if (p < n_paths)
            paths[p + n_paths * (k + horizon * j)] = v;
          else
            point[k + horizon * j] = v;
        }
        /* the row of step k: fed-back outputs, and the covariates' known
         * values (read only by later steps) */
        for (j = 0; j < I; j++) {
          int o = fed_from(cov, j);
          double *cell = buf + p + P * (window + k + R * j);
          if (o >= 0)
            *cell = out[(size_t)o + K * b] +
                    (p >= n_paths ? 0.0
                     : innov ? innov[p + n_paths * (k + horizon * (size_t)o)]
                             : resid[r + n_resid * (size_t)o]);
          else
            *cell = k + 1 < horizon ? cov->future[k + horizon * j] : 0.0;
        }
      }
    }
  }
  for (k = 0; k < horizon * K; k++)
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
                               n_paths, rng, point, paths, work, NULL, 0, err);
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
    if (!has_nan) qsort(work, n, sizeof(double), rnn_cmp_double);
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

/* The network's forecast workspace for n_paths (an ensemble's or one
 * model's; 0: invalid). */
static size_t net_workspace(const rnn_config *cfg, const rnn_forecast_spec *s,
                            size_t n_paths) {
  return s->n_members > 1
             ? rnn_ensemble_forecast_workspace(cfg, s->window,
                                               s->direct ? 0 : s->h, n_paths,
                                               s->n_members)
             : rnn_forecast_workspace(cfg, s->window, s->direct ? 0 : s->h,
                                      n_paths);
}

/* issue 15, intervals: doubles of the conformal part of the workspace:
 * errors n_rows x h, their counts h, one origin's point h, a sort buffer
 * n_rows */
static size_t conformal_workspace(const rnn_forecast_spec *s) {
  size_t e;
  if (!s->conformal) return 0;
  e = rnn_size_mul(s->n_rows + 1, s->h);
  if (e == SIZE_MAX || e > SIZE_MAX - 2 * s->h - s->n_rows) return SIZE_MAX;
  return e + 2 * s->h + s->n_rows;
}

size_t rnn_forecast_series_workspace(const rnn_config *cfg,
                                     const rnn_forecast_spec *s) {
  size_t fc, fc0, K, raw;
  if (!cfg || !s || rnn_config_check(cfg, NULL) != RNN_OK) return 0;
  fc = net_workspace(cfg, s, s->n_paths);
  fc0 = net_workspace(cfg, s, 0); /* the conformal origins' forecasts */
  if (fc == 0 || fc0 == 0) return 0;
  if (fc0 > fc) fc = fc0;
  K = (size_t)cfg->n_out;
  raw = rnn_size_mul(raw_steps(s), K);
  {
    size_t part[8], sum = fc, k;
    part[0] = rnn_size_mul(s->window, (size_t)cfg->n_in);
    /* issue 15: the newest rows of a transformed feature */
    part[4] = s->window + rnn_transform_lost(&s->inv.transform);
    part[1] = rnn_size_mul(raw, s->n_paths + 1);
    part[2] = s->n_paths;
    /* probabilities and quantiles: 2 per level and the median */
    part[3] = rnn_size_mul(2 * s->n_levels + 1, s->h + 1);
    part[5] = conformal_workspace(s);
    part[6] = rnn_size_mul(s->h, (size_t)cfg->n_in); /* covariates */
    /* the given errors in model units (issue 17) */
    part[7] = s->innov ? rnn_size_mul(s->n_paths, s->h) : 0;
    /* the held-out one-step residual pool (issue 15), n_rows x n_out */
    if (s->heldout_resid) {
      size_t pool = rnn_size_mul(s->n_rows, K);
      if (pool == SIZE_MAX || part[5] > SIZE_MAX - pool) return 0;
      part[5] += pool;
    }
    for (k = 0; k < 8; k++) {
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
  if (s->innov && (s->direct || cfg->n_out != 1 || s->n_paths == 0))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "given errors (innovations) need simulated paths of a "
                    "recursive model with one output, not %s with %d outputs",
                    s->direct ? "a direct model" : "a recursive model",
                    cfg->n_out);
  if (s->n_levels > 0 && (!s->levels || (s->n_paths == 0 && !s->conformal)))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "prediction intervals need levels and simulated paths");
  if (s->conformal &&
      (s->inv.n_history != s->n_rows || !s->inv.history))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "conformal intervals need the target's history, one value "
                    "per row of the data (%lu rows, %lu values)",
                    (unsigned long)s->n_rows, (unsigned long)s->inv.n_history);
  for (k = 0; k < s->n_levels; k++)
    if (!(s->levels[k] > 0 && s->levels[k] < 100) ||
        (k > 0 && !(s->levels[k] > s->levels[k - 1])))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "interval levels must increase strictly within (0, "
                      "100) percent; level %lu is %g",
                      (unsigned long)(k + 1), s->levels[k]);
  return RNN_OK;
}

/* The raw forecast (model units: rpoint S x K, rpaths P x (S*K)) from
 * the window that ends at row n_use - 1 of s->values: missing values
 * carried forward with locf, a transformed feature read through the
 * transform (issue 15), scaled.  last holds window*I, raw window + L,
 * fut h*I: a covariate model's known future inputs (issue 15), the rows
 * of s->values from n_use on where the data have them (the rolling
 * origins of intervals), else s->future. */
static int raw_forecast(const rnn_config *cfg, const double *params,
                        const rnn_forecast_spec *s, size_t n_use, size_t P,
                        rnn_rng *rng, double *last, double *raw,
                        double *fut, double *rpoint, double *rpaths,
                        double *fwork, double *minnov, rnn_error *err) {
  size_t I = (size_t)cfg->n_in, H = s->h, L, j, k;
  rnn_covariates cov;
  int st;
  L = rnn_transform_lost(&s->inv.transform);
  if (s->transformed && n_use < s->window + L)
    return rnn_fail(err, RNN_ERR_DIM,
                    "the data have %lu rows; the model needs a window of %lu "
                    "after the %lu rows its transform loses",
                    (unsigned long)n_use, (unsigned long)s->window,
                    (unsigned long)L);
  for (j = 0; j < I; j++) {
    const double *col = s->values + s->n_rows * j;
    int tf = s->transformed && s->transformed[j];
    size_t span = s->window + (tf ? L : 0), r0 = n_use - span, r;
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
  /* covariates (issue 15): their known future values, on the model's
   * scale, H x I (fed-back columns unused) */
  cov.from = s->direct ? NULL : s->from;
  cov.future = NULL;
  cov.innov = NULL;
  if (s->innov && P > 0 && minnov) {
    /* issue 17: the given errors, in the target's transformed units, on
     * the model's scale (the scaler's shift cancels in a difference) */
    for (k = 0; k < P * H; k++) minnov[k] = s->innov[k] / s->inv.scale;
    cov.innov = minnov;
  }
  if (cov.from) {
    size_t n_known = s->n_rows - n_use + s->n_future;
    for (j = 0; j < I; j++)
      for (k = 0; k < H; k++) {
        size_t r = n_use + k; /* the row of step k + 1 */
        double v = NAN;
        if (s->from[j] >= 0)
          ;
        else if (r < s->n_rows)
          v = s->values[r + s->n_rows * j];
        else if (r - s->n_rows < s->n_future && s->future)
          v = s->future[(r - s->n_rows) + s->n_future * j];
        fut[k + H * j] = v;
      }
    rnn_scale_apply(H, I, fut, s->in_center, s->in_scale, 0, fut);
    cov.future = fut;
    for (j = 0; j < I; j++)
      if (s->from[j] < 0 && H > 1 &&
          (n_known < H - 1 || !all_finite(fut + H * j, H - 1)))
        return rnn_fail(err, RNN_ERR_INPUT,
                        "input %lu is a covariate: a %lu-step forecast "
                        "needs its values at the next %lu steps (given %lu)",
                        (unsigned long)(j + 1), (unsigned long)H,
                        (unsigned long)(H - 1), (unsigned long)n_known);
  }
  /* ---- ensemble (issue 15) ---- */
  if (s->n_members > 1)
    return rnn_ensemble_forecast_cov(cfg, params, s->n_members, s->direct,
                                     s->window, last, H, &cov, s->n_resid,
                                     s->resid, P, rng, rpoint, rpaths, fwork,
                                     err);
  /* ---- end ensemble ---- */
  if (s->direct)
    return rnn_forecast_direct(cfg, params, s->window, last, s->n_resid,
                               s->resid, P, rng, rpoint, rpaths, fwork, err);
  return rnn_forecast_recursive_cov(cfg, params, s->window, last, H, &cov,
                                    s->n_resid, s->resid, P, rng, rpoint,
                                    rpaths, fwork, err);
}

/* The first column of target s->target's steps in a raw forecast: a
 * direct model's outputs are target-major (target j, step k at column
 * j*horizon + k), a recursive forecast's are steps x outputs */
static size_t target_col0(const rnn_forecast_spec *s) {
  return s->direct ? s->target * s->horizon : s->target * s->h;
}

/* Errors relative (log(actual) - log(point)) for the log-type
 * transforms, else in original units (actual - point). */
static int relative_errors(const rnn_forecast_spec *s) {
  return s->inv.transform.kind == RNN_TRANSFORM_LOG ||
         s->inv.transform.kind == RNN_TRANSFORM_LOGDIFF;
}

/* issue 15, intervals: split-conformal bands by horizon.  Every origin
 * o (rows 0..o-1 known) with n_trained <= o < n_rows forecasts h steps;
 * step k's error is the actual value of row o + k (when it is in the
 * data and finite) against that forecast.  Origins whose window holds a
 * missing value are skipped.  With the n_k errors of step k sorted, the
 * band of level l runs from the floor((n_k + 1) a)-th to the
 * ceil((n_k + 1)(1 - a))-th smallest error, a = (1 - level/100)/2
 * (-Inf / +Inf where that rank is < 1 / > n_k), placed around the point
 * and widened to hold it. */
static int conformal_bands(const rnn_config *cfg, const double *params,
                           const rnn_forecast_spec *s, rnn_rng *rng,
                           const double *point, double *lower, double *upper,
                           double *last, double *raw, double *fut,
                           double *rpoint, double *fwork, double *cw,
                           rnn_error *err) {
  size_t H = s->h, NL = s->n_levels, N = s->n_rows, L, o, o_min, k, l,
         col0 = target_col0(s);
  double *errs = cw, *cnt = errs + (N + 1) * H, *cp = cnt + H,
         *sorted = cp + H;
  int rel = relative_errors(s), st;
  rnn_target_inverse inv = s->inv;
  L = rnn_transform_lost(&s->inv.transform);
  o_min = s->window + (s->transformed ? L : 0);
  if (o_min < L) o_min = L;
  if (o_min < s->n_trained) o_min = s->n_trained;
  for (k = 0; k < H; k++) cnt[k] = 0;
  for (o = o_min; o < N; o++) {
    rnn_error e2;
    st = raw_forecast(cfg, params, s, o, 0, rng, last, raw, fut, rpoint, NULL,
                      fwork, NULL, &e2);
    if (st == RNN_ERR_INPUT) continue; /* a missing value in its window */
    if (st != RNN_OK) {
      if (err) *err = e2;
      return st;
    }
    for (k = 0; k < H; k++) cp[k] = rpoint[col0 + k];
    inv.n_history = o;
    st = rnn_target_unscale(&inv, 1, H, cp, &e2);
    if (st == RNN_ERR_INPUT) continue; /* a missing value in its history */
    if (st != RNN_OK) {
      if (err) *err = e2;
      return st;
    }
    for (k = 0; k < H && o + k < N; k++) {
      double a = s->inv.history[o + k], e;
      if (!isfinite(a) || !isfinite(cp[k])) continue;
      e = rel ? log(a) - log(cp[k]) : a - cp[k];
      if (!isfinite(e)) continue;
      errs[(size_t)cnt[k] + (N + 1) * k] = e;
      cnt[k] += 1;
    }
  }
  if (s->n_calib)
    for (k = 0; k < H; k++) s->n_calib[k] = cnt[k];
  if (cnt[0] == 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "conformal intervals need rows the model did not train "
                    "on: the data end at row %lu and the model trained on "
                    "rows up to %lu; fit on windows with a test part "
                    "(test = or split =), or forecast newdata that extends "
                    "the series",
                    (unsigned long)N, (unsigned long)s->n_trained);
  for (k = 0; k < H; k++) {
    size_t n = (size_t)cnt[k];
    memcpy(sorted, errs + (N + 1) * k, sizeof(double) * n);
    qsort(sorted, n, sizeof(double), rnn_cmp_double);
    for (l = 0; l < NL; l++) {
      double a = (1 - s->levels[l] / 100) / 2, elo, ehi;
      /* 1-based ranks; the 1e-9 keeps (n + 1) a = 1.0000000000000002
         from rounding a whole rank away */
      double rlo = floor((double)(n + 1) * a + 1e-9),
             rhi = ceil((double)(n + 1) * (1 - a) - 1e-9);
      elo = rlo < 1 ? -INFINITY : sorted[(size_t)rlo - 1];
      ehi = rhi > (double)n ? INFINITY : sorted[(size_t)rhi - 1];
      if (elo > 0) elo = 0;
      if (ehi < 0) ehi = 0;
      if (rel) {
        lower[k + H * l] = point[k] * exp(elo);
        upper[k + H * l] = point[k] * exp(ehi);
      } else {
        lower[k + H * l] = point[k] + elo;
        upper[k + H * l] = point[k] + ehi;
      }
    }
  }
  return RNN_OK;
}

/* issue 15, intervals: the one-step errors of a recursive model (each
 * output read back as an input: n_out == n_in, or s->from says where)
 * at the origins o = max(n_trained,
 * window + L)..n_rows-1 that the model did not train on, in model units
 * (transformed, scaled), one row per origin whose window and row o are
 * complete: pool[r + n_rows*k].  *n_pool receives the rows. */
static int heldout_pool(const rnn_config *cfg, const double *params,
                        const rnn_forecast_spec *s, rnn_rng *rng,
                        double *last, double *raw, double *fut,
                        double *rpoint, double *fwork, double *pool,
                        size_t *n_pool, rnn_error *err) {
  size_t I = (size_t)cfg->n_in, K = (size_t)cfg->n_out, N = s->n_rows, L, o,
         o_min, kk, r = 0;
  rnn_forecast_spec s1 = *s;
  int st;
  s1.h = 1;
  L = rnn_transform_lost(&s->inv.transform);
  o_min = s->window + (s->transformed ? L : 0);
  if (o_min < s->n_trained) o_min = s->n_trained;
  for (o = o_min; o < N; o++) {
    rnn_error e2;
    int ok = 1;
    st = raw_forecast(cfg, params, &s1, o, 0, rng, last, raw, fut, rpoint, NULL,
                      fwork, NULL, &e2);
    if (st == RNN_ERR_INPUT) continue; /* a missing value in its window */
    if (st != RNN_OK) {
      if (err) *err = e2;
      return st;
    }
    for (kk = 0; kk < K && ok; kk++) {
      /* output kk is read back as input j (a covariate model says which) */
      size_t j = kk;
      const double *col;
      double y;
      if (s->from && !s->direct)
        for (j = 0; j < I && s->from[j] != (int)kk; j++)
          ;
      if (j == I) {
        ok = 0;
        break;
      }
      col = s->values + N * j;
      y = col[o];
      if (s->transformed && s->transformed[j]) {
        /* the transform of rows o-L..o: one value */
        if (o < L ||
            rnn_transform_apply(&s->inv.transform, L + 1, col + o - L, raw,
                                &e2) != RNN_OK)
          ok = 0;
        y = raw[0];
      }
      y = (y - s->in_center[j]) / s->in_scale[j];
      if (!ok || !isfinite(y)) {
        ok = 0;
        break;
      }
      pool[r + N * kk] = y - rpoint[kk];
    }
    if (ok) r++;
  }
  *n_pool = r;
  return RNN_OK;
}

int rnn_forecast_series(const rnn_config *cfg, const double *params,
                        const rnn_forecast_spec *s, rnn_rng *rng,
                        double *point, double *paths, double *lower,
                        double *upper, double *work, rnn_error *err) {
  size_t I, K, S, P, H, NL, NQ, k, p, l, col0, L, fcw;
  double *last, *rpoint, *rpaths, *qwork, *probs, *q, *fwork, *raw, *cw,
      *fut;
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
  NQ = 2 * NL + 1; /* the levels' quantiles and the median */
  L = rnn_transform_lost(&s->inv.transform);
  fwork = work;
  fcw = net_workspace(cfg, s, P);
  if (net_workspace(cfg, s, 0) > fcw) fcw = net_workspace(cfg, s, 0);
  last = fwork + fcw;
  raw = last + s->window * I;
  rpoint = raw + s->window + L;
  rpaths = rpoint + S * K;
  qwork = rpaths + P * S * K;
  probs = qwork + P;
  q = probs + NQ;
  fut = q + NQ * H;
  cw = fut + H * I;
  if (s->n_heldout) *s->n_heldout = 0;
  if (s->heldout_resid && P > 0 && !s->direct && !s->innov &&
      (cfg->n_out == cfg->n_in || s->from)) {
    /* the paths draw the held-out one-step errors when there are enough */
    double *pool = cw + conformal_workspace(s);
    size_t n_pool = 0;
    st = heldout_pool(cfg, params, s, rng, last, raw, fut, rpoint, fwork,
                      pool, &n_pool, err);
    if (st != RNN_OK) return st;
    if (n_pool >= RNN_MIN_HELDOUT) {
      rnn_forecast_spec sp = *s;
      size_t j, r;
      /* compact the pool's columns to n_pool rows */
      for (j = 1; j < K; j++)
        for (r = 0; r < n_pool; r++) pool[r + n_pool * j] = pool[r + s->n_rows * j];
      sp.n_resid = n_pool;
      sp.resid = pool;
      if (s->n_heldout) *s->n_heldout = (double)n_pool;
      st = raw_forecast(cfg, params, &sp, s->n_rows, P, rng, last, raw, fut,
                        rpoint, rpaths, fwork, NULL, err);
      goto forecast_done;
    }
  }
  /* the newest window on the model's scale, forecast */
  st = raw_forecast(cfg, params, s, s->n_rows, P, rng, last, raw, fut, rpoint,
                    rpaths, fwork, cw + conformal_workspace(s), err);
forecast_done:
  if (st != RNN_OK) return st;
  col0 = target_col0(s);
  for (k = 0; k < H; k++) {
    point[k] = rpoint[col0 + k];
    for (p = 0; p < P; p++) paths[p + P * k] = rpaths[p + P * (col0 + k)];
  }
  st = rnn_target_unscale(&s->inv, 1, H, point, err);
  if (st == RNN_OK && P > 0) st = rnn_target_unscale(&s->inv, P, H, paths, err);
  if (st != RNN_OK) return st;
  if (P > 0) {
    /* issue 15, intervals: the paths are centred on the point forecast:
     * step k's paths shift (in original units) so that their median is
     * point[k]; interval l spans the (1 - level/100)/2 and
     * 1 - (1 - level/100)/2 quantiles of the centred paths, taken as
     * point[k] + (quantile - median), which holds the point exactly */
    for (l = 0; l < NL; l++) {
      double a = (1 - s->levels[l] / 100) / 2;
      probs[l] = a;
      probs[NL + l] = 1 - a;
    }
    probs[2 * NL] = 0.5;
    st = rnn_quantiles(P, H, paths, NQ, probs, q, qwork, err);
    if (st != RNN_OK) return st;
    for (k = 0; k < H; k++) {
      double med = q[2 * NL + NQ * k];
      if (!s->innov) /* given errors (issue 17): the paths as simulated */
        for (p = 0; p < P; p++)
          paths[p + P * k] = point[k] + (paths[p + P * k] - med);
      if (s->conformal) continue;
      for (l = 0; l < NL; l++) {
        double dlo = q[l + NQ * k] - med, dhi = q[NL + l + NQ * k] - med;
        lower[k + H * l] = point[k] + (dlo > 0 ? 0 : dlo); /* NaN stays */
        upper[k + H * l] = point[k] + (dhi < 0 ? 0 : dhi);
      }
    }
  }
  if (!s->conformal || NL == 0) return RNN_OK;
  return conformal_bands(cfg, params, s, rng, point, lower, upper, last, raw,
                         fut, rpoint, fwork, cw, err);
}
