/* Accuracy of point forecasts against what happened, and the MASE scale
 * (the in-sample MAE of the naive forecast), for both hosts: R's
 * accuracy() and Octave's rnn_accuracy() show these numbers, so they are
 * computed here once, in one fixed order, and agree to the bit.
 *
 * Sums run over the rows of a column in increasing order, in double,
 * one addition per term (no pairwise or compensated summation, no
 * reordering), then divide by the count; every host and compiler that
 * keeps IEEE semantics gets the same bits.  R's mean() sums in long
 * double with a correction pass, so values differ from the old R code
 * in the last bits only. */
#include "internal.h"

#include <math.h>

int rnn_accuracy(size_t n_rows, size_t n_cols, const double *actual,
                 const double *pred, const double *scale, double *out,
                 rnn_error *err) {
  size_t i, j;
  if (!out || (n_rows > 0 && n_cols > 0 && (!actual || !pred)))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_accuracy: NULL argument");
  for (j = 0; j < n_cols; j++) {
    const double *a = actual + n_rows * j, *p = pred + n_rows * j;
    double s_sq = 0.0, s_abs = 0.0, s_pct = 0.0, s_sym = 0.0, mae, c;
    double *o = out + RNN_ACC_ROWS * j, sc = scale ? scale[j] : NAN;
    size_t n_pairs = 0, n_known = 0;
    for (i = 0; i < n_rows; i++) {
      double e, ae;
      if (isnan(a[i])) continue;
      n_known++;
      if (isnan(p[i])) continue;
      n_pairs++;
      e = a[i] - p[i];
      ae = fabs(e);
      s_sq += e * e;
      s_abs += ae;
      s_pct += fabs(e / a[i]);
      s_sym += ae / (fabs(a[i]) + fabs(p[i]));
    }
    o[RNN_ACC_N] = (double)n_known;
    o[RNN_ACC_DA] = NAN; /* rnn_accuracy_direction() knows the origin */
    if (n_pairs == 0) {
      o[RNN_ACC_RMSE] = o[RNN_ACC_MAE] = o[RNN_ACC_MAPE] = o[RNN_ACC_SMAPE] =
          o[RNN_ACC_MASE] = NAN;
      continue;
    }
    c = (double)n_pairs;
    mae = s_abs / c;
    o[RNN_ACC_RMSE] = sqrt(s_sq / c);
    o[RNN_ACC_MAE] = mae;
    o[RNN_ACC_MAPE] = 100.0 * (s_pct / c);
    o[RNN_ACC_SMAPE] = 200.0 * (s_sym / c);
    /* a missing scale is copied, so a host's own missing value (R's NA)
     * comes back as itself */
    o[RNN_ACC_MASE] = isnan(sc) ? sc : (isfinite(sc) && sc > 0.0) ? mae / sc : NAN;
  }
  return RNN_OK;
}

static int sign_of(double x) { return (x > 0) - (x < 0); }

int rnn_accuracy_direction(size_t n_rows, size_t n_cols, const double *actual,
                           const double *pred, const double *origin,
                           double *out, rnn_error *err) {
  size_t i, j;
  if (!out || (n_rows > 0 && n_cols > 0 && (!actual || !pred || !origin)))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_accuracy_direction: NULL argument");
  for (j = 0; j < n_cols; j++) {
    const double *a = actual + n_rows * j, *p = pred + n_rows * j,
                 *o = origin + n_rows * j;
    size_t n = 0, hit = 0;
    for (i = 0; i < n_rows; i++) {
      if (isnan(a[i]) || isnan(p[i]) || isnan(o[i]) || a[i] == o[i]) continue;
      n++;
      hit += sign_of(p[i] - o[i]) == sign_of(a[i] - o[i]);
    }
    out[RNN_ACC_DA + RNN_ACC_ROWS * j] =
        n > 0 ? 100.0 * ((double)hit / (double)n) : NAN;
  }
  return RNN_OK;
}

int rnn_naive_scale(size_t n_rows, size_t n_cols, const double *x,
                    size_t period, double *scale, rnn_error *err) {
  size_t i, j;
  if (period == 0)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the seasonal period must be 1 or more, not 0");
  if (!scale || (n_rows > 0 && n_cols > 0 && !x))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_naive_scale: NULL argument");
  for (j = 0; j < n_cols; j++) {
    const double *v = x + n_rows * j;
    double s = 0.0;
    size_t n = 0;
    for (i = period; i < n_rows; i++) {
      double d = v[i] - v[i - period];
      if (isnan(d)) continue; /* a missing value, or Inf - Inf */
      s += fabs(d);
      n++;
    }
    s = n > 0 ? s / (double)n : NAN;
    scale[j] = isfinite(s) && s > 0.0 ? s : NAN;
  }
  return RNN_OK;
}

int rnn_cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

double rnn_sorted_median(const double *s, size_t m) {
  return m % 2 ? s[m / 2] : s[m / 2 - 1] / 2 + s[m / 2] / 2;
}
