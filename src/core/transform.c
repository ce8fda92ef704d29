/* Target transforms (issue 15): differences, logs, log returns and
 * seasonal differences of a target series, applied before the scaler
 * and undone after it.  The plan and windows (series.c), the evaluation
 * (series.c) and the forecast (forecast.c) all go through these, so both
 * hosts transform and invert with the same arithmetic. */
#include "internal.h"

#include <math.h>

size_t rnn_transform_lost(const rnn_transform *t) {
  if (!t) return 0;
  switch (t->kind) {
  case RNN_TRANSFORM_DIFF:
  case RNN_TRANSFORM_LOGDIFF:
    return 1;
  case RNN_TRANSFORM_SDIFF:
    return t->period;
  default:
    return 0;
  }
}

int rnn_transform_check(const rnn_transform *t, rnn_error *err) {
  if (!t) return RNN_OK;
  if (t->kind < 0 || t->kind >= RNN_TRANSFORM_N)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "unknown target transform %d (one of 0..%d: none, diff, "
                    "log, logdiff, sdiff, boxcox)",
                    t->kind, RNN_TRANSFORM_N - 1);
  if (t->kind == RNN_TRANSFORM_SDIFF && t->period < 1)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a seasonal difference needs a period >= 1 (12 for "
                    "monthly data, 4 for quarterly)");
  if (t->kind == RNN_TRANSFORM_BOXCOX && !isfinite(t->lambda))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a Box-Cox transform needs a finite lambda (0 is log, 1 "
                    "a shift)");
  return RNN_OK;
}

static int is_log(int kind) {
  return kind == RNN_TRANSFORM_LOG || kind == RNN_TRANSFORM_LOGDIFF ||
         kind == RNN_TRANSFORM_BOXCOX;
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
  if (t && is_log(t->kind))
    for (r = 0; r < n; r++)
      if (x[r] <= 0)
        return rnn_fail(err, RNN_ERR_INPUT,
                        "row %lu holds %g, but a log or Box-Cox transform "
                        "needs positive values",
                        (unsigned long)(r + 1), x[r]);
  for (r = L; r < n; r++) {
    double v;
    switch (t ? t->kind : RNN_TRANSFORM_NONE) {
    case RNN_TRANSFORM_DIFF:
      v = x[r] - x[r - 1];
      break;
    case RNN_TRANSFORM_LOG:
      v = log(x[r]);
      break;
    case RNN_TRANSFORM_LOGDIFF:
      v = log(x[r]) - log(x[r - 1]);
      break;
    case RNN_TRANSFORM_SDIFF:
      v = x[r] - x[r - t->period];
      break;
    case RNN_TRANSFORM_BOXCOX:
      v = t->lambda == 0 ? log(x[r]) : (pow(x[r], t->lambda) - 1) / t->lambda;
      break;
    default:
      v = x[r];
    }
    out[r - L] = v;
  }
  return RNN_OK;
}

void rnn_transform_invert(const rnn_transform *t, size_t n_hist,
                          const double *hist, size_t n_steps, size_t stride,
                          double *x) {
  size_t k, L = rnn_transform_lost(t);
  int kind = t ? t->kind : RNN_TRANSFORM_NONE;
  double last, cum = 0;
  if (kind == RNN_TRANSFORM_NONE || !x) return;
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
