/* Windows and scaling: the preparation both hosts share, so R and Octave
 * cut and scale a series into exactly the same numbers.
 *
 * Shapes: data is n_rows x n_cols, column-major, NaN = missing. */
#include "internal.h"

#include <math.h>

int rnn_scaler_fit(int method, size_t n_rows, size_t n_cols,
                   const double *data, size_t n_fit, double *center,
                   double *scale, rnn_error *err) {
  size_t j, r;
  if (method != RNN_SCALE_NONE && method != RNN_SCALE_MINMAX &&
      method != RNN_SCALE_ZSCORE)
    return rnn_fail(err, RNN_ERR_INPUT, "unknown scaling method %d", method);
  if (n_cols == 0 || !center || !scale)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_scaler_fit: no columns or NULL");
  if (n_fit == 0 || n_fit > n_rows || !data)
    return rnn_fail(err, RNN_ERR_DIM,
                    "the scaler needs 1..%lu rows to fit, not %lu",
                    (unsigned long)n_rows, (unsigned long)n_fit);
  for (j = 0; j < n_cols; j++) {
    const double *col = data + n_rows * j;
    double lo = INFINITY, hi = -INFINITY, sum = 0.0, ss = 0.0, mean;
    size_t n = 0;
    for (r = 0; r < n_fit; r++) {
      double v = col[r];
      if (isnan(v)) continue;
      if (isinf(v))
        return rnn_fail(err, RNN_ERR_INPUT,
                        "infinite value in row %lu, column %lu",
                        (unsigned long)(r + 1), (unsigned long)(j + 1));
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      sum += v;
      n++;
    }
    if (n == 0)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "column %lu has no value in the %lu rows the scaler "
                      "is fitted on",
                      (unsigned long)(j + 1), (unsigned long)n_fit);
    mean = sum / (double)n;
    /* second pass for the variance: stable for prices far from zero */
    for (r = 0; r < n_fit; r++)
      if (!isnan(col[r])) ss += (col[r] - mean) * (col[r] - mean);
    switch (method) {
    case RNN_SCALE_MINMAX:
      center[j] = lo;
      scale[j] = hi - lo;
      break;
    case RNN_SCALE_ZSCORE:
      center[j] = mean;
      scale[j] = n > 1 ? sqrt(ss / (double)(n - 1)) : 0.0;
      break;
    default:
      center[j] = 0.0;
      scale[j] = 1.0;
    }
    if (!(scale[j] > 0.0) || !isfinite(scale[j])) scale[j] = 1.0;
  }
  return RNN_OK;
}

void rnn_scale_apply(size_t n_rows, size_t n_cols, const double *data,
                     const double *center, const double *scale, int inverse,
                     double *out) {
  size_t j, r;
  for (j = 0; j < n_cols; j++) {
    const double c = center[j], s = scale[j];
    const double *in = data + n_rows * j;
    double *o = out + n_rows * j;
    if (inverse)
      for (r = 0; r < n_rows; r++) o[r] = in[r] * s + c;
    else
      for (r = 0; r < n_rows; r++) o[r] = (in[r] - c) / s;
  }
}

void rnn_rescale(size_t n_rows, size_t n_cols, const double *data,
                 const double *from_center, const double *from_scale,
                 const double *to_center, const double *to_scale, double *out) {
  rnn_scale_apply(n_rows, n_cols, data, from_center, from_scale, 1, out);
  rnn_scale_apply(n_rows, n_cols, out, to_center, to_scale, 0, out);
}

void rnn_fill_locf(size_t n_rows, size_t n_cols, double *data) {
  size_t j, r;
  for (j = 0; j < n_cols; j++) {
    double *col = data + n_rows * j;
    for (r = 1; r < n_rows; r++)
      if (isnan(col[r])) col[r] = col[r - 1];
  }
}

/* The first missing value (row-major scan: earliest row first) among
 * rows r0..r1-1 of the columns cols; 1 if found. */
static int first_missing(size_t n_rows, const double *data, size_t n_c,
                         const int *cols, size_t r0, size_t r1, size_t *row,
                         size_t *col) {
  size_t r, i;
  for (r = r0; r < r1; r++)
    for (i = 0; i < n_c; i++)
      if (isnan(data[r + n_rows * (size_t)cols[i]])) {
        *row = r;
        *col = (size_t)cols[i];
        return 1;
      }
  return 0;
}

int rnn_window_starts(size_t n_rows, size_t n_cols, const double *data,
                      size_t n_feat, const int *feat, size_t n_tgt,
                      const int *tgt, size_t window, size_t horizon,
                      size_t stride, int omit_missing, size_t *starts,
                      size_t *n_windows, rnn_error *err) {
  size_t i, n = 0, span, last, k, count;
  if (!data || !feat || !n_windows || (n_tgt > 0 && !tgt))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_window_starts: NULL argument");
  *n_windows = 0;
  if (n_feat == 0 || window == 0 || stride == 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "windows need features, window >= 1 and stride >= 1");
  for (i = 0; i < n_feat + n_tgt; i++) {
    int c = i < n_feat ? feat[i] : tgt[i - n_feat];
    if (c < 0 || (size_t)c >= n_cols)
      return rnn_fail(err, RNN_ERR_DIM, "column index %d outside 0..%lu", c,
                      (unsigned long)n_cols - 1);
  }
  if (window > n_rows || horizon > n_rows - window)
    return rnn_fail(err, RNN_ERR_DIM,
                    "%lu rows are too few for window %lu and horizon %lu",
                    (unsigned long)n_rows, (unsigned long)window,
                    (unsigned long)horizon);
  span = window + horizon;
  last = n_rows - span;
  count = last / stride + 1;
  if (!omit_missing) {
    /* rows before the first start are used by no window */
    size_t first = last - stride * (count - 1), row, col;
    if (first_missing(n_rows, data, n_feat, feat, first, n_rows - horizon,
                      &row, &col) ||
        first_missing(n_rows, data, n_tgt, tgt, first + window, n_rows, &row,
                      &col))
      return rnn_fail(err, RNN_ERR_INPUT, "missing value in row %lu, column %lu",
                      (unsigned long)(row + 1), (unsigned long)(col + 1));
  }
  /* starts last - stride*(count-1), ..., last - stride, last */
  for (k = 0; k < count; k++) {
    size_t r = last - stride * (count - 1 - k), row, col;
    if (omit_missing &&
        (first_missing(n_rows, data, n_feat, feat, r, r + window, &row, &col) ||
         first_missing(n_rows, data, n_tgt, tgt, r + window, r + span, &row,
                       &col)))
      continue;
    if (starts) starts[n] = r;
    n++;
  }
  *n_windows = n;
  return RNN_OK;
}

void rnn_windows_gather(size_t n_rows, const double *data, size_t n_feat,
                        const int *feat, size_t n_tgt, const int *tgt,
                        size_t window, size_t horizon, const size_t *starts,
                        size_t n_win, double *x, double *y) {
  size_t s, t, i, k;
  for (i = 0; i < n_feat; i++) {
    const double *col = data + n_rows * (size_t)feat[i];
    for (t = 0; t < window; t++)
      for (s = 0; s < n_win; s++)
        x[s + n_win * (t + window * i)] = col[starts[s] + t];
  }
  if (!y) return;
  for (i = 0; i < n_tgt; i++) {
    const double *col = data + n_rows * (size_t)tgt[i];
    for (k = 0; k < horizon; k++)
      for (s = 0; s < n_win; s++)
        y[s + n_win * (k + horizon * i)] = col[starts[s] + window + k];
  }
}

/* ---- issue 16: compact windows ------------------------------------- */
int rnn_window_source_check(const rnn_window_source *src, size_t n_samples,
                            size_t n_time, size_t n_in, rnn_error *err) {
  size_t s, t, i;
  if (!src || !src->values || !src->start)
    return rnn_fail(err, RNN_ERR_INPUT, "the window source is NULL");
  for (s = 0; s < n_samples; s++) {
    size_t a = src->start[s];
    if (a > src->n_rows || n_time > src->n_rows - a)
      return rnn_fail(err, RNN_ERR_DIM,
                      "window %lu reads rows %lu..%lu of a source of %lu "
                      "rows",
                      (unsigned long)(s + 1), (unsigned long)(a + 1),
                      (unsigned long)(a + n_time), (unsigned long)src->n_rows);
    for (i = 0; i < n_in; i++)
      for (t = 0; t < n_time; t++)
        if (!isfinite(src->values[a + t + src->n_rows * i]))
          return rnn_fail(err, RNN_ERR_INPUT,
                          "window %lu, step %lu, feature %lu (source row "
                          "%lu) is not finite",
                          (unsigned long)(s + 1), (unsigned long)(t + 1),
                          (unsigned long)(i + 1), (unsigned long)(a + t + 1));
  }
  return RNN_OK;
}

void rnn_window_source_gather(const rnn_window_source *src, size_t s0,
                              size_t n, size_t n_time, size_t n_in,
                              double *x) {
  size_t s, t, i;
  for (i = 0; i < n_in; i++)
    for (t = 0; t < n_time; t++)
      for (s = 0; s < n; s++)
        x[s + n * (t + n_time * i)] =
            src->values[src->start[s0 + s] + t + src->n_rows * i];
}

int rnn_check_source_series(const rnn_config *cfg, const rnn_dataset *d,
                            rnn_error *err) {
  const rnn_window_source *src = d->src;
  size_t s, J = (size_t)cfg->n_in;
  if (cfg->n_vocab > 0)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "windows read from a source are series windows, not "
                    "tokens: store the token windows instead");
  if (cfg->n_series <= 0) return RNN_OK;
  for (s = 0; s < d->n_samples; s++) {
    int st = rnn_check_series_values(
        cfg, src->values + src->start[s] + src->n_rows * (J - 1), d->n_time, 1, err);
    if (st != RNN_OK) return st;
  }
  return RNN_OK;
}
