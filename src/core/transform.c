/* Target transforms (issue 15): differences, logs, log returns and
 * seasonal differences of a target series, applied before the scaler
 * and undone after it.  The plan and windows (series.c), the evaluation
 * (series.c) and the forecast (forecast.c) all go through these, so both
 * hosts transform and invert with the same arithmetic. */
#include "internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The rows one step looks back: 1 for a difference, period for a
 * seasonal one, 0 for a pointwise step. */
static size_t step_lag(const rnn_transform *t, int kind) {
  switch (kind) {
  case RNN_TRANSFORM_DIFF:
  case RNN_TRANSFORM_LOGDIFF:
    return 1;
  case RNN_TRANSFORM_SDIFF:
    return t->period;
  default:
    return 0;
  }
}

/* The difference steps of a combination (issue 15): how many of then[]
 * are set. */
static int n_then(const rnn_transform *t) {
  int i = 0;
  while (i < RNN_TRANSFORM_THEN && t->then[i] != RNN_TRANSFORM_NONE) i++;
  return i;
}

size_t rnn_transform_lost(const rnn_transform *t) {
  size_t L;
  int i;
  if (!t || t->kind < 0 || t->kind >= RNN_TRANSFORM_N) return 0;
  L = step_lag(t, t->kind);
  for (i = 0; i < RNN_TRANSFORM_THEN; i++) {
    if (t->then[i] != RNN_TRANSFORM_DIFF && t->then[i] != RNN_TRANSFORM_SDIFF)
      break;
    L += step_lag(t, t->then[i]);
  }
  return L;
}

static const char *tf_name(int code) {
  size_t n;
  const char *const *names = rnn_names(RNN_NAMES_TRANSFORM, &n);
  return code >= 0 && (size_t)code < n ? names[code] : "?";
}

int rnn_transform_check(const rnn_transform *t, rnn_error *err) {
  int i, k, sdiff;
  if (!t) return RNN_OK;
  if (t->kind < 0 || t->kind >= RNN_TRANSFORM_N)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "unknown target transform %d (one of 0..%d: none, diff, "
                    "log, logdiff, sdiff, boxcox)",
                    t->kind, RNN_TRANSFORM_N - 1);
  sdiff = t->kind == RNN_TRANSFORM_SDIFF;
  k = n_then(t);
  for (i = 0; i < RNN_TRANSFORM_THEN; i++) {
    int c = t->then[i];
    if (i >= k ? c != RNN_TRANSFORM_NONE
               : c != RNN_TRANSFORM_DIFF && c != RNN_TRANSFORM_SDIFF)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "step %d of a combined transform is code %d; the "
                      "steps after the first are differences (diff, "
                      "sdiff), listed without gaps",
                      i + 2, c);
    sdiff |= c == RNN_TRANSFORM_SDIFF;
  }
  if (k > 0 && t->kind == RNN_TRANSFORM_NONE)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a combined transform does not start with \"none\"");
  if (sdiff && t->period < 1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a seasonal difference needs a period >= 1 (12 for "
                    "monthly data, 4 for quarterly)");
  if (t->kind == RNN_TRANSFORM_BOXCOX && !isfinite(t->lambda))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a Box-Cox transform needs a finite lambda (0 is log, 1 "
                    "a shift)");
  return RNN_OK;
}

static int is_power(int kind) {
  return kind == RNN_TRANSFORM_LOG || kind == RNN_TRANSFORM_LOGDIFF ||
         kind == RNN_TRANSFORM_BOXCOX;
}

int rnn_transform_compose(size_t n, const int *codes, size_t period,
                          double lambda, rnn_transform *t, rnn_error *err) {
  int steps[2 * RNN_TRANSFORM_MAX_STEPS + 2], n_steps = 0, i, first;
  size_t k;
  if (!t || (n > 0 && !codes))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_transform_compose: NULL argument");
  memset(t, 0, sizeof *t);
  if (n == 0 || n > RNN_TRANSFORM_MAX_STEPS + 1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a target transform is 1 to %d steps, not %lu",
                    RNN_TRANSFORM_MAX_STEPS, (unsigned long)n);
  for (k = 0; k < n; k++) {
    int c = codes[k];
    if (c < 0 || c >= RNN_TRANSFORM_N)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "unknown target transform %d (one of 0..%d: none, "
                      "diff, log, logdiff, sdiff, boxcox)",
                      c, RNN_TRANSFORM_N - 1);
    if (c == RNN_TRANSFORM_NONE && n > 1)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "\"none\" is a transform on its own, not a step of a "
                      "combination; leave it out");
    if (is_power(c) && k > 0 && is_power(codes[0]))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "a combined transform has one power step (log, "
                      "logdiff or boxcox), not \"%s\" and \"%s\"; keep one",
                      tf_name(codes[0]), tf_name(c));
    if (is_power(c) && k > 0)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "the power step \"%s\" comes first, then the "
                      "differences: write c(\"%s\", \"%s\", ...), not "
                      "\"%s\" first (a log of differences meets values <= 0)",
                      tf_name(c), tf_name(c), tf_name(codes[0]),
                      tf_name(codes[0]));
    /* logdiff is log, then diff */
    if (c == RNN_TRANSFORM_LOGDIFF) {
      steps[n_steps++] = RNN_TRANSFORM_LOG;
      steps[n_steps++] = RNN_TRANSFORM_DIFF;
    } else {
      steps[n_steps++] = c;
    }
  }
  first = 1;
  t->kind = steps[0];
  if (n_steps > 1 && steps[0] == RNN_TRANSFORM_LOG &&
      steps[1] == RNN_TRANSFORM_DIFF) {
    /* the same numbers as "logdiff", bit for bit */
    t->kind = RNN_TRANSFORM_LOGDIFF;
    first = 2;
  }
  if (n_steps - first > RNN_TRANSFORM_THEN)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a combined transform has at most %d difference steps "
                    "after its first step",
                    RNN_TRANSFORM_THEN);
  for (i = first; i < n_steps; i++) t->then[i - first] = steps[i];
  t->period = period;
  t->lambda = lambda;
  return rnn_transform_check(t, err);
}

/* Value r of the series after `kind` alone (r >= its lag). */
static double base_value(const rnn_transform *t, const double *x, size_t r) {
  switch (t->kind) {
  case RNN_TRANSFORM_DIFF:
    return x[r] - x[r - 1];
  case RNN_TRANSFORM_LOG:
    return log(x[r]);
  case RNN_TRANSFORM_LOGDIFF:
    return log(x[r]) - log(x[r - 1]);
  case RNN_TRANSFORM_SDIFF:
    return x[r] - x[r - t->period];
  case RNN_TRANSFORM_BOXCOX:
    return t->lambda == 0 ? log(x[r]) : (pow(x[r], t->lambda) - 1) / t->lambda;
  default:
    return x[r];
  }
}

/* Value r of the series after kind and the first i difference steps, as
 * rnn_transform_apply() computes it (r >= the rows those steps lose). */
static double level_value(const rnn_transform *t, int i, const double *x,
                          size_t r) {
  size_t l;
  if (i == 0) return base_value(t, x, r);
  l = step_lag(t, t->then[i - 1]);
  return level_value(t, i - 1, x, r) - level_value(t, i - 1, x, r - l);
}

int rnn_transform_apply(const rnn_transform *t, size_t n, const double *x,
                        double *out, rnn_error *err) {
  size_t r, L;
  int st = rnn_transform_check(t, err);
  if (st != RNN_OK) return st;
  if (!x || !out)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_transform_apply: NULL argument");
  L = rnn_transform_lost(t);
  if (n <= L)
    return rnn_fail(err, RNN_ERR_DIM,
                    "%lu values are too few for a transform that loses the "
                    "first %lu",
                    (unsigned long)n, (unsigned long)L);
  if (!t) {
    for (r = 0; r < n; r++) out[r] = x[r];
    return RNN_OK;
  }
  if (is_power(t->kind))
    for (r = 0; r < n; r++)
      if (x[r] <= 0)
        return rnn_fail(err, RNN_ERR_INPUT,
                        "row %lu holds %g, but a log or Box-Cox transform "
                        "needs positive values",
                        (unsigned long)(r + 1), x[r]);
  /* each value from the rows it needs, so out holds exactly n - L (a
   * combination's differences are level_value()'s, as its inverse reads
   * them) */
  for (r = L; r < n; r++) out[r - L] = level_value(t, n_then(t), x, r);
  return RNN_OK;
}

/* Undoes `kind` alone along one path (the single transforms). */
static void invert_kind(const rnn_transform *t, size_t n_hist,
                        const double *hist, size_t n_steps, size_t stride,
                        double *x) {
  size_t k, L = step_lag(t, t->kind);
  int kind = t->kind;
  double last, cum = 0;
  if (kind == RNN_TRANSFORM_NONE) return;
  if (kind == RNN_TRANSFORM_LOG) {
    for (k = 0; k < n_steps; k++) x[k * stride] = exp(x[k * stride]);
    return;
  }
  if (kind == RNN_TRANSFORM_BOXCOX) {
    double l = t->lambda;
    for (k = 0; k < n_steps; k++) {
      double *v = x + k * stride, b = l * *v + 1;
      *v = l == 0 ? exp(*v) : b >= 0 ? pow(b, 1 / l) : NAN;
    }
    return;
  }
  if (!hist || n_hist < (L > 0 ? L : 1)) {
    for (k = 0; k < n_steps; k++) x[k * stride] = NAN;
    return;
  }
  last = hist[n_hist - 1];
  for (k = 0; k < n_steps; k++) {
    double *v = x + k * stride;
    switch (kind) {
    case RNN_TRANSFORM_DIFF:
      cum += *v;
      *v = last + cum;
      break;
    case RNN_TRANSFORM_LOGDIFF:
      cum += *v;
      *v = last * exp(cum);
      break;
    case RNN_TRANSFORM_SDIFF: {
      size_t p = t->period;
      *v += k < p ? hist[n_hist - p + k] : x[(k - p) * stride];
      break;
    }
    default:
      *v = NAN;
    }
  }
}

void rnn_transform_invert(const rnn_transform *t, size_t n_hist,
                          const double *hist, size_t n_steps, size_t stride,
                          double *x) {
  size_t k;
  int i, nt;
  if (!t || !x || t->kind == RNN_TRANSFORM_NONE) return;
  nt = n_then(t);
  if (nt > 0 && (!hist || n_hist < rnn_transform_lost(t))) {
    for (k = 0; k < n_steps; k++) x[k * stride] = NAN;
    return;
  }
  /* issue 15: the difference steps last first, each onto the series of
   * the steps before it */
  for (i = nt; i-- > 0;) {
    size_t l = step_lag(t, t->then[i]);
    for (k = 0; k < n_steps; k++)
      x[k * stride] += k < l ? level_value(t, i, hist, n_hist - l + k)
                             : x[(k - l) * stride];
  }
  invert_kind(t, n_hist, hist, n_steps, stride, x);
}

int rnn_season_period(size_t n, const double *index, double *work,
                      size_t *period, rnn_error *err) {
  int step = RNN_STEP_NONE, st;
  if (!period) return rnn_fail(err, RNN_ERR_INPUT, "rnn_season_period: NULL");
  *period = 0;
  st = rnn_date_period(n, index, work, &step, err);
  if (st != RNN_OK) return st;
  *period = step == RNN_STEP_MONTH ? 12 : step == RNN_STEP_QUARTER ? 4 : 0;
  return RNN_OK;
}

/* ---- Guerrero's Box-Cox lambda ---------------------------------------
 * As forecast::BoxCox.lambda(x, method = "guerrero", lower, upper): the
 * last floor(n/p) whole cycles of p = max(2, period) values are the
 * columns of a p x nyr matrix; for a lambda the ratios sd_j / mean_j^(1 -
 * lambda) of its columns (NaN left out, as na.rm = TRUE) have a
 * coefficient of variation sd / mean, which R's optimize() (Brent's
 * fmin, tolerance DBL_EPSILON^0.25) minimises over [lower, upper].  The
 * sums are in long double and the means refined by a second pass, as R's
 * mean() and var() compute them, so the objective agrees with R's to
 * rounding. */

/* mean and sd (n - 1 denominator) of the non-NaN x[0..n-1] (stride 1);
 * NaN when there are too few. */
static void mean_sd(size_t n, const double *x, double *mean, double *sd) {
  long double s = 0, t = 0, m;
  size_t k, c = 0;
  for (k = 0; k < n; k++)
    if (!isnan(x[k])) {
      s += x[k];
      c++;
    }
  *mean = *sd = NAN;
  if (c == 0) return;
  m = s / (long double)c;
  if (isfinite((double)m)) {
    for (k = 0; k < n; k++)
      if (!isnan(x[k])) t += x[k] - m;
    m += t / (long double)c;
  }
  *mean = (double)m;
  if (c < 2) return;
  /* var(): double deviations from the double mean, summed long */
  for (s = 0, k = 0; k < n; k++)
    if (!isnan(x[k])) s += (x[k] - *mean) * (x[k] - *mean);
  *sd = sqrt((double)(s / (long double)(c - 1)));
}

typedef struct {
  size_t p, nyr;
  const double *x; /* the first value of the whole cycles */
} guerrero_data;

/* guer.cv: the coefficient of variation of the cycles' ratios for lam;
 * a non-finite value is DBL_MAX, as optimize() replaces it. */
static double guerrero_cv(double lam, const guerrero_data *g) {
  long double s = 0, t = 0, m, v = 0;
  size_t j, c = 0;
  double r, mean, sd;
  /* two passes over the columns: the mean of the ratios, then their sd */
  for (j = 0; j < g->nyr; j++) {
    mean_sd(g->p, g->x + g->p * j, &mean, &sd);
    r = sd / pow(mean, 1.0 - lam);
    if (isnan(r)) continue;
    s += r;
    c++;
  }
  if (c < 2) return DBL_MAX;
  m = s / (long double)c;
  if (isfinite((double)m)) {
    for (j = 0; j < g->nyr; j++) {
      mean_sd(g->p, g->x + g->p * j, &mean, &sd);
      r = sd / pow(mean, 1.0 - lam);
      if (!isnan(r)) t += r - m;
    }
    m += t / (long double)c;
  }
  for (j = 0; j < g->nyr; j++) {
    mean_sd(g->p, g->x + g->p * j, &mean, &sd);
    r = sd / pow(mean, 1.0 - lam);
    if (!isnan(r)) v += (r - (double)m) * (r - (double)m);
  }
  r = sqrt((double)(v / (long double)(c - 1))) / (double)m;
  return isfinite(r) ? r : DBL_MAX;
}

/* R's Brent_fmin (src/library/stats/src/optimize.c): the minimum of f
 * on [ax, bx] to tolerance tol, step for step. */
static double brent_fmin(double ax, double bx, const guerrero_data *g,
                         double tol) {
  const double c = (3. - sqrt(5.)) * .5;
  double a = ax, b = bx, d = 0., e = 0., p, q, r, u, v, w, x;
  double t2, fu, fv, fw, fx, xm, eps = sqrt(DBL_EPSILON), tol1, tol3;
  v = a + c * (b - a);
  w = x = v;
  fx = guerrero_cv(x, g);
  fv = fw = fx;
  tol3 = tol / 3.;
  for (;;) {
    xm = (a + b) * .5;
    tol1 = eps * fabs(x) + tol3;
    t2 = tol1 * 2.;
    if (fabs(x - xm) <= t2 - (b - a) * .5) break;
    p = q = r = 0.;
    if (fabs(e) > tol1) { /* fit a parabola */
      r = (x - w) * (fx - fv);
      q = (x - v) * (fx - fw);
      p = (x - v) * q - (x - w) * r;
      q = (q - r) * 2.;
      if (q > 0.)
        p = -p;
      else
        q = -q;
      r = e;
      e = d;
    }
    if (fabs(p) >= fabs(q * .5 * r) || p <= q * (a - x) || p >= q * (b - x)) {
      e = x < xm ? b - x : a - x; /* a golden-section step */
      d = c * e;
    } else { /* a parabolic-interpolation step */
      d = p / q;
      u = x + d;
      if (u - a < t2 || b - u < t2) {
        d = tol1;
        if (x >= xm) d = -d;
      }
    }
    if (fabs(d) >= tol1)
      u = x + d;
    else if (d > 0.)
      u = x + tol1;
    else
      u = x - tol1;
    fu = guerrero_cv(u, g);
    if (fu <= fx) {
      if (u < x)
        b = x;
      else
        a = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    } else {
      if (u < x)
        a = u;
      else
        b = u;
      if (fu <= fw || w == x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v == x || v == w) {
        v = u;
        fv = fu;
      }
    }
  }
  return x;
}

int rnn_boxcox_lambda(size_t n, const double *x, size_t period, double lower,
                      double upper, double *lambda, rnn_error *err) {
  guerrero_data g;
  size_t k, freq = period > 1 ? period : 1;
  if (!lambda || (n > 0 && !x))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_boxcox_lambda: NULL argument");
  if (!(isfinite(lower) && isfinite(upper) && lower < upper))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "Box-Cox lambda bounds must be finite with lower < upper, "
                    "not [%g, %g]",
                    lower, upper);
  for (k = 0; k < n; k++)
    if (x[k] <= 0) { /* forecast: no negative powers of values <= 0 */
      if (lower < 0) lower = 0;
      break;
    }
  if (!(lower < upper))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the series has values <= 0, so lambda >= 0, but the "
                    "upper bound is %g",
                    upper);
  /* forecast: too short to estimate (at most two cycles) is 1 */
  if (n <= 2 * freq) {
    *lambda = 1.0;
    return RNN_OK;
  }
  g.p = period > 2 ? period : 2;
  g.nyr = n / g.p;
  g.x = x + (n - g.nyr * g.p);
  *lambda = brent_fmin(lower, upper, &g, pow(DBL_EPSILON, 0.25));
  return RNN_OK;
}

int rnn_lambda_summary(size_t n, const double *lambda, double *out,
                       double *work, rnn_error *err) {
  size_t k, m = 0;
  if (!out || (n > 0 && (!lambda || !work)))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_lambda_summary: NULL argument");
  for (k = 0; k < n; k++)
    if (!isnan(lambda[k])) work[m++] = lambda[k];
  if (m == 0) {
    out[0] = out[1] = out[2] = NAN;
    return RNN_OK;
  }
  qsort(work, m, sizeof(double), rnn_cmp_double);
  out[0] = work[0];
  out[1] = rnn_sorted_median(work, m);
  out[2] = work[m - 1];
  return RNN_OK;
}
