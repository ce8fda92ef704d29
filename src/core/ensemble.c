/* Ensembles: k members of one architecture trained from seeds derived
 * from one seed, whose prediction is the members' mean.
 *
 * Members are trained one after the other, each by rnn_train() with the
 * caller's n_threads (so each member uses both threads as a single fit
 * does, and the results never depend on the thread count).  Means are
 * summed in member order and divided by k once, so member 1 of an
 * ensemble of one is the single fit, bit for bit.
 *
 * Parameters of an ensemble: a P x k column-major matrix, member j in
 * params[P*j .. P*j + P-1] (P = rnn_n_params(cfg)). */
#include "internal.h"

#include <math.h>
#include <string.h>

uint64_t rnn_member_seed(uint64_t seed, size_t j) {
  uint64_t z;
  if (j == 0) return seed;
  /* one splitmix64 output of seed + j, cut to 53 bits so that every
   * member's seed is a whole number a double (R's and Octave's seed
   * argument) holds exactly */
  z = seed + (uint64_t)j + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return (z ^ (z >> 31)) >> 11;
}

uint64_t rnn_train_seed(uint64_t seed) {
  return (seed & 0xffffffff00000000ULL) | ((seed + 1) & 0xffffffffULL);
}

size_t rnn_ensemble_workspace(const rnn_config *cfg,
                              const rnn_train_config *tc, size_t n_samples,
                              size_t n_time) {
  size_t a = rnn_train_workspace(cfg, tc, n_samples, n_time);
  size_t b = rnn_init_workspace(cfg);
  if (a == 0) return 0;
  return a > b ? a : b;
}

int rnn_ensemble_train(const rnn_config *cfg, int recurrent_init,
                       const rnn_train_config *tc, size_t n_members,
                       uint64_t seed, double *params,
                       const rnn_dataset *train, const rnn_dataset *val,
                       const rnn_callbacks *cb, const rnn_history *hist,
                       rnn_train_result *res, size_t *n_done, double *work,
                       rnn_error *err) {
  size_t P, E, j;
  int st, first_bad = RNN_OK;
  rnn_error bad;
  if (!cfg || !tc || !params || !train || !hist || !hist->loss || !res ||
      !n_done || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_ensemble_train: NULL argument");
  if (n_members < 1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "an ensemble needs at least one member, not %lu",
                    (unsigned long)n_members);
  if ((st = rnn_config_check(cfg, err)) != RNN_OK) return st;
  P = rnn_n_params(cfg);
  E = (size_t)tc->epochs;
  *n_done = 0;
  bad.code = RNN_OK;
  bad.id[0] = bad.msg[0] = '\0';
  for (j = 0; j < n_members; j++) {
    uint64_t s = rnn_member_seed(seed, j);
    rnn_rng rng;
    rnn_history h;
    double *p = params + P * j;
    rnn_rng_seed(&rng, s);
    st = rnn_init_params(cfg, recurrent_init, p, &rng, work, err);
    if (st != RNN_OK) return st;
    h.loss = hist->loss + E * j;
    h.val_loss = hist->val_loss ? hist->val_loss + E * j : NULL;
    h.acc = hist->acc ? hist->acc + E * j : NULL;
    h.val_acc = hist->val_acc ? hist->val_acc + E * j : NULL;
    h.lr = hist->lr ? hist->lr + E * j : NULL;
    rnn_rng_seed(&rng, rnn_train_seed(s));
    st = rnn_train(cfg, tc, p, train, val, &rng, cb, &h, res + j, work, err);
    if (st == RNN_ERR_DIVERGED) {
      /* the member keeps its last finite weights; the others still train */
      if (first_bad == RNN_OK) {
        first_bad = st;
        bad = *err;
      }
    } else if (st != RNN_OK) {
      return st;
    }
    *n_done = j + 1;
    if (res[j].interrupted) break;
  }
  if (first_bad != RNN_OK) {
    if (err) *err = bad;
    return first_bad;
  }
  return RNN_OK;
}

size_t rnn_ensemble_predict_workspace(const rnn_config *cfg, size_t chunk,
                                      size_t n_samples, size_t n_time) {
  size_t a = rnn_predict_workspace(cfg, chunk, n_time), n;
  if (a == 0) return 0;
  n = rnn_size_mul(rnn_size_mul(n_samples, (size_t)cfg->n_out),
                   cfg->seq_out ? n_time : 1);
  if (n == SIZE_MAX || a > SIZE_MAX - n) return 0;
  return a + n;
}

int rnn_ensemble_predict(const rnn_config *cfg, const double *params,
                         size_t n_members, size_t n_samples, size_t n_time,
                         const double *x, size_t chunk, double *out,
                         double *work, rnn_error *err) {
  size_t P, n, j, i;
  double *one;
  int st;
  if (!cfg || !params || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_ensemble_predict: NULL argument");
  if (n_members < 1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "an ensemble needs at least one member, not %lu",
                    (unsigned long)n_members);
  if ((st = rnn_config_check(cfg, err)) != RNN_OK) return st;
  P = rnn_n_params(cfg);
  n = n_samples * (size_t)cfg->n_out * (cfg->seq_out ? n_time : 1);
  one = work + rnn_predict_workspace(cfg, chunk, n_time);
  for (j = 0; j < n_members; j++) {
    st = rnn_predict(cfg, params + P * j, n_samples, n_time, x, chunk,
                     j == 0 ? out : one, work, err);
    if (st != RNN_OK) return st;
    if (j > 0)
      for (i = 0; i < n; i++) out[i] += one[i];
  }
  for (i = 0; i < n; i++) out[i] /= (double)n_members;
  return RNN_OK;
}

/* ---- forecasts of an ensemble -------------------------------------- */

/* Workspace: the single model's forecast workspace for all paths, then
 *   mem n_paths | cur window*I | win (window+horizon)*I | acc K |
 *   tpoint S*K | tpaths n_paths*S*K | mpoint K*k | tinnov n_paths*S*K
 * with S = horizon steps (1 for a direct forecast). */
size_t rnn_ensemble_forecast_workspace(const rnn_config *cfg, size_t window,
                                       size_t horizon, size_t n_paths,
                                       size_t n_members) {
  size_t fc = rnn_forecast_workspace(cfg, window, horizon, n_paths), I, K, S,
         part[8], sum = fc, k;
  if (fc == 0) return 0;
  I = (size_t)cfg->n_in;
  K = (size_t)cfg->n_out;
  S = horizon > 0 ? horizon : 1;
  part[0] = n_paths;
  part[1] = rnn_size_mul(window, I);
  part[2] = rnn_size_mul(window + S, I);
  part[3] = K;
  part[4] = rnn_size_mul(S, K);
  part[5] = rnn_size_mul(rnn_size_mul(n_paths, S), K);
  part[6] = rnn_size_mul(K, n_members);
  /* a member's rows of given errors (issue 17) */
  part[7] = rnn_size_mul(rnn_size_mul(n_paths, S), K);
  for (k = 0; k < 8; k++) {
    if (part[k] == SIZE_MAX || sum > SIZE_MAX - part[k]) return 0;
    sum += part[k];
  }
  return sum;
}

int rnn_ensemble_forecast(const rnn_config *cfg, const double *params,
                          size_t n_members, int direct, size_t window,
                          const double *last, size_t horizon, size_t n_resid,
                          const double *resid, size_t n_paths, rnn_rng *rng,
                          double *point, double *paths, double *work,
                          rnn_error *err) {
  return rnn_ensemble_forecast_cov(cfg, params, n_members, direct, window,
                                   last, horizon, NULL, n_resid, resid,
                                   n_paths, rng, point, paths, work, err);
}

int rnn_ensemble_forecast_cov(const rnn_config *cfg, const double *params,
                              size_t n_members, int direct, size_t window,
                              const double *last, size_t horizon,
                              const rnn_covariates *cov, size_t n_resid,
                              const double *resid, size_t n_paths,
                              rnn_rng *rng, double *point, double *paths,
                              double *work, rnn_error *err) {
  size_t P, I, K, S, R, k, j, m, p, t, c;
  double *mem, *cur, *win, *acc, *tpoint, *tpaths, *mpoint, *fwork, *tinnov;
  const double *innov = cov && !direct ? cov->innov : NULL; /* issue 17 */
  rnn_covariates mcov = {NULL, NULL, NULL};
  int st;
  if (!cfg || !params || !last || !point || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_ensemble_forecast: NULL argument");
  if (n_members < 1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "an ensemble needs at least one member, not %lu",
                    (unsigned long)n_members);
  if ((st = rnn_config_check(cfg, err)) != RNN_OK) return st;
  if (n_paths > 0 && (!paths || !rng || ((!resid || n_resid == 0) && !innov)))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "simulated paths need residuals, paths and an rng");
  if (!direct && horizon == 0)
    return rnn_fail(err, RNN_ERR_DIM, "forecast horizon must be >= 1");
  P = rnn_n_params(cfg);
  I = (size_t)cfg->n_in;
  K = (size_t)cfg->n_out;
  S = direct ? 1 : horizon;
  R = window + S;
  fwork = work;
  mem = work + rnn_forecast_workspace(cfg, window, direct ? 0 : horizon, n_paths);
  cur = mem + n_paths;
  win = cur + window * I;
  acc = win + R * I;
  tpoint = acc + K;
  tpaths = tpoint + S * K;
  mpoint = tpaths + n_paths * S * K;
  tinnov = mpoint + K * n_members;
  if (direct) {
    /* the point is the members' mean output; path p draws a member, then
     * a residual row, and adds the row to that member's output */
    for (m = 0; m < n_members; m++) {
      st = rnn_forecast_direct(cfg, params + P * m, window, last, 0, NULL, 0,
                               NULL, mpoint + K * m, NULL, fwork, err);
      if (st != RNN_OK) return st;
    }
    for (j = 0; j < K; j++) {
      double sum = mpoint[j];
      for (m = 1; m < n_members; m++) sum += mpoint[j + K * m];
      point[j] = sum / (double)n_members;
    }
    for (p = 0; p < n_paths; p++) {
      size_t mm = (size_t)rnn_rng_below(rng, n_members);
      size_t r = (size_t)rnn_rng_below(rng, n_resid);
      for (j = 0; j < K; j++)
        paths[p + n_paths * j] = mpoint[j + K * mm] + resid[r + n_resid * j];
    }
    return RNN_OK;
  }
  if ((st = rnn_check_covariates(cfg, horizon, cov, err)) != RNN_OK)
    return st;
  /* the point: at each step the members' mean one-step prediction from
   * the same window, fed back as the ensemble's own next value; the
   * covariates' known values (issue 15) fill the rest of the row */
  for (j = 0; j < I; j++)
    for (t = 0; t < window; t++) win[t + R * j] = last[t + window * j];
  {
    rnn_covariates one;
    one.from = cov ? cov->from : NULL;
    one.future = NULL; /* one step reads no future row */
    one.innov = NULL;
    for (k = 0; k < horizon; k++) {
      for (j = 0; j < I; j++)
        for (t = 0; t < window; t++) cur[t + window * j] = win[k + t + R * j];
      for (m = 0; m < n_members; m++) {
        st = rnn_forecast_recursive_cov(cfg, params + P * m, window, cur, 1,
                                        &one, 0, NULL, 0, NULL,
                                        m == 0 ? acc : tpoint, NULL, fwork,
                                        err);
        if (st != RNN_OK) return st;
        if (m > 0)
          for (j = 0; j < K; j++) acc[j] += tpoint[j];
      }
      for (j = 0; j < K; j++) point[k + horizon * j] = acc[j] / (double)n_members;
      for (j = 0; j < I; j++) {
        int o = one.from ? one.from[j] : (int)j;
        win[window + k + R * j] =
            o >= 0 ? point[k + horizon * (size_t)o]
                   : (k + 1 < horizon ? cov->future[k + horizon * j] : 0.0);
      }
    }
  }
  if (n_paths == 0) return RNN_OK;
  /* paths: every path first draws its member (path order); then member by
   * member, in member order, the member's paths are simulated as a single
   * model simulates them (rnn_forecast_recursive, which bootstraps the
   * residuals), and put back in their places; given errors (issue 17)
   * go with their paths */
  for (p = 0; p < n_paths; p++) mem[p] = (double)rnn_rng_below(rng, n_members);
  if (cov) mcov = *cov;
  for (m = 0; m < n_members; m++) {
    size_t b;
    for (c = 0, p = 0; p < n_paths; p++) c += mem[p] == (double)m;
    if (c == 0) continue;
    if (innov) {
      for (b = 0, p = 0; p < n_paths; p++) {
        if (mem[p] != (double)m) continue;
        for (j = 0; j < K; j++)
          for (k = 0; k < horizon; k++)
            tinnov[b + c * (k + horizon * j)] = innov[p + n_paths * (k + horizon * j)];
        b++;
      }
      mcov.innov = tinnov;
    }
    st = rnn_forecast_recursive_cov(cfg, params + P * m, window, last,
                                    horizon, cov ? &mcov : NULL, n_resid,
                                    resid, c, rng, tpoint, tpaths, fwork, err);
    if (st != RNN_OK) return st;
    for (b = 0, p = 0; p < n_paths; p++) {
      if (mem[p] != (double)m) continue;
      for (j = 0; j < K; j++)
        for (k = 0; k < horizon; k++)
          paths[p + n_paths * (k + horizon * j)] =
              tpaths[b + c * (k + horizon * j)];
      b++;
    }
  }
  return RNN_OK;
}
