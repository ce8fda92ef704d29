/* The series engine: the plan of a series (its windows, their train/gap/
 * test labels, the rows the scaler is fitted on, the scaler), the scaled
 * windows and the naive columns, and evaluation in original units.  R's
 * rnn_windows()/predict()/accuracy() and Octave's rnn_windows/
 * rnn_accuracy call these, so both hosts show the same numbers.
 *
 * Shapes: data is n_rows x n_cols, column-major, NaN = missing; windows
 * are in dataset layout (see rnn_windows_gather); rows are 0-based. */
#include "internal.h"

#include <math.h>
#include <string.h>

/* ---- issue 15: the transformed series ------------------------------ */
size_t rnn_series_workspace(const rnn_series_spec *sp) {
  if (!sp || sp->transform.kind == RNN_TRANSFORM_NONE) return 0;
  return rnn_size_mul(sp->n_rows, sp->n_cols);
}

static int is_target(const rnn_series_spec *sp, size_t c) {
  size_t j;
  for (j = 0; j < sp->n_tgt; j++)
    if ((size_t)sp->tgt[j] == c) return 1;
  return 0;
}

/* The series the windows are cut from: data itself without a transform,
 * else sp->work holding rows L..n_rows-1 (L = the rows the transform
 * loses), the target columns transformed, as an (n_rows - L) x n_cols
 * matrix at work + L.  *base and *rows describe it so that column c, row
 * r >= L (of the original series) is (*base)[*rows * c + r]: windows
 * cut with the original starts. */
static int series_data(const rnn_series_spec *sp, const double *data,
                       const double **base, size_t *rows, size_t *lost,
                       rnn_error *err) {
  size_t L, m, c;
  int st = rnn_transform_check(&sp->transform, err);
  if (st != RNN_OK) return st;
  *base = data;
  *rows = sp->n_rows;
  *lost = 0;
  if (sp->transform.kind == RNN_TRANSFORM_NONE) return RNN_OK;
  if (!sp->work)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a transformed series needs rnn_series_workspace() "
                    "doubles of work");
  L = rnn_transform_lost(&sp->transform);
  if (sp->n_rows <= L)
    return rnn_fail(err, RNN_ERR_DIM,
                    "%lu rows are too few for a transform that loses the "
                    "first %lu",
                    (unsigned long)sp->n_rows, (unsigned long)L);
  m = sp->n_rows - L;
  for (c = 0; c < sp->n_cols; c++) {
    const double *col = data + sp->n_rows * c;
    double *out = sp->work + L + m * c;
    if (is_target(sp, c)) {
      st = rnn_transform_apply(&sp->transform, sp->n_rows, col, out, err);
      if (st != RNN_OK && err) {
        char m[sizeof err->msg];
        memcpy(m, err->msg, sizeof m);
        m[sizeof m - 1] = 0;
        return rnn_fail(err, st, "column %lu, %.400s", (unsigned long)(c + 1),
                        m);
      }
      if (st != RNN_OK) return st;
    } else {
      size_t r;
      for (r = 0; r < m; r++) out[r] = col[r + L];
    }
  }
  *base = sp->work;
  *rows = m;
  *lost = L;
  return RNN_OK;
}
/* ---- end of issue 15 block ----------------------------------------- */

void rnn_series_labels(size_t n_win, const size_t *first, size_t horizon,
                       size_t n_rows, size_t split_row, int *set) {
  size_t s;
  for (s = 0; s < n_win; s++) {
    size_t last = first[s] + (horizon > 0 ? horizon - 1 : 0);
    if (last >= n_rows)
      set[s] = RNN_SET_NONE;
    else if (last < split_row)
      set[s] = RNN_SET_TRAIN;
    else if (first[s] >= split_row)
      set[s] = RNN_SET_TEST;
    else
      set[s] = RNN_SET_GAP;
  }
}

int rnn_series_plan(const rnn_series_spec *sp, const double *data,
                    size_t *starts, int *set, double *center, double *scale,
                    rnn_series_plan_info *info, rnn_error *err) {
  size_t n = 0, s, split, m, L;
  const double *d;
  int st;
  if (!sp || !data || !starts || !set || !center || !scale || !info)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_series_plan: NULL argument");
  /* with a transform, windows are planned on the transformed rows
   * L..n_rows-1 (the rows lost at the start are no windows) and their
   * starts moved back to rows of the series */
  if ((st = series_data(sp, data, &d, &m, &L, err)) != RNN_OK) return st;
  st = rnn_window_starts(m, sp->n_cols, d + L, sp->n_feat, sp->feat,
                         sp->n_tgt, sp->tgt, sp->window, sp->horizon,
                         sp->stride, sp->omit_missing, starts, &n, err);
  if (st != RNN_OK) return st;
  for (s = 0; s < n; s++) starts[s] += L;
  if (n == 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "no complete window is left after dropping missing "
                    "values");
  split = sp->split_row < sp->n_rows ? sp->split_row : sp->n_rows;
  if (sp->n_test > 0) {
    if (sp->n_test > n - 1)
      return rnn_fail(err, RNN_ERR_INPUT,
                      "%lu test windows asked for, but the data give %lu "
                      "windows: at most %lu can test (one must train)",
                      (unsigned long)sp->n_test, (unsigned long)n,
                      (unsigned long)(n - 1));
    split = starts[n - sp->n_test] + sp->window;
  }
  info->n_windows = n;
  info->split_row = split;
  info->n_fit = split;
  info->n_train = info->n_gap = info->n_test = 0;
  for (s = 0; s < n; s++) {
    size_t first = starts[s] + sp->window;
    rnn_series_labels(1, &first, sp->horizon, sp->n_rows, split, set + s);
    info->n_train += set[s] == RNN_SET_TRAIN;
    info->n_gap += set[s] == RNN_SET_GAP;
    info->n_test += set[s] == RNN_SET_TEST;
  }
  /* no training window: nothing to fit a scaler on; the host says where
   * the split lies, in its own calendar */
  if (info->n_train == 0 || sp->scale_method == RNN_SCALE_GIVEN) return RNN_OK;
  st = rnn_scaler_fit(sp->scale_method, m, sp->n_cols, d + L,
                      info->n_fit > L ? info->n_fit - L : 0, center, scale,
                      err);
  if (st != RNN_OK) return st;
  if (sp->n_unscaled > sp->n_cols)
    return rnn_fail(err, RNN_ERR_DIM, "%lu unscaled columns of %lu",
                    (unsigned long)sp->n_unscaled, (unsigned long)sp->n_cols);
  for (s = sp->n_cols - sp->n_unscaled; s < sp->n_cols; s++) {
    center[s] = 0.0;
    scale[s] = 1.0;
  }
  return RNN_OK;
}

int rnn_series_windows(const rnn_series_spec *sp, const double *data,
                       const size_t *starts, size_t n_win, const double *center,
                       const double *scale, double *x, double *y,
                       rnn_error *err) {
  size_t i, slab = rnn_size_mul(n_win, sp ? sp->window : 0), m, L;
  const double *d;
  int st;
  if (!sp || !data || !starts || !center || !scale || !x)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_series_windows: NULL argument");
  if ((st = series_data(sp, data, &d, &m, &L, err)) != RNN_OK) return st;
  for (i = 0; i < n_win; i++)
    if (starts[i] < L)
      return rnn_fail(err, RNN_ERR_DIM,
                      "window %lu starts at row %lu, among the %lu rows the "
                      "transform loses",
                      (unsigned long)(i + 1), (unsigned long)(starts[i] + 1),
                      (unsigned long)L);
  /* cut, then scale the cut values: one order for both hosts */
  rnn_windows_gather(m, d, sp->n_feat, sp->feat, sp->n_tgt, sp->tgt,
                     sp->window, sp->horizon, starts, n_win, x,
                     sp->horizon > 0 ? y : NULL);
  for (i = 0; i < sp->n_feat; i++) {
    int c = sp->feat[i];
    rnn_scale_apply(slab, 1, x + slab * i, center + c, scale + c, 0,
                    x + slab * i);
  }
  if (y && sp->horizon > 0)
    for (i = 0; i < sp->n_tgt; i++) {
      int c = sp->tgt[i];
      size_t m = n_win * sp->horizon;
      rnn_scale_apply(m, 1, y + m * i, center + c, scale + c, 0, y + m * i);
    }
  return RNN_OK;
}

void rnn_series_naive(size_t n_rows, const double *data, size_t n_tgt,
                      const int *tgt, size_t horizon, size_t n_win,
                      const size_t *first, size_t period, double *naive) {
  size_t s, k, j;
  if (period == 0) period = 1;
  for (j = 0; j < n_tgt; j++) {
    const double *col = data + n_rows * (size_t)tgt[j];
    for (k = 0; k < horizon; k++) {
      /* the same season, in the last cycle observed before the origin
       * first - 1: step k (0-based) looks back period * ceil((k+1)/period) */
      size_t back = period * ((k + period) / period);
      double *o = naive + n_win * (k + horizon * j);
      for (s = 0; s < n_win; s++) {
        size_t r = first[s] + k;
        o[s] = (r >= back && r - back < n_rows) ? col[r - back] : NAN;
      }
    }
  }
}

int rnn_series_evaluate(size_t n_rows, size_t n_cols, const double *data,
                        size_t n_tgt, const int *tgt, size_t horizon,
                        size_t n_win, const size_t *first,
                        const double *pred_scaled, const double *center,
                        const double *scale, const rnn_transform *transform,
                        size_t period, double *pred, double *actual,
                        double *naive, rnn_error *err) {
  size_t s, k, j;
  int st;
  if (!data || !tgt || !first || !pred_scaled || !center || !scale || !pred ||
      !actual || !naive)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_series_evaluate: NULL argument");
  if ((st = rnn_transform_check(transform, err)) != RNN_OK) return st;
  if (horizon == 0 || n_tgt == 0)
    return rnn_fail(err, RNN_ERR_DIM, "evaluation needs targets and horizon");
  for (j = 0; j < n_tgt; j++)
    if (tgt[j] < 0 || (size_t)tgt[j] >= n_cols)
      return rnn_fail(err, RNN_ERR_DIM, "target column %d outside 0..%lu",
                      tgt[j], (unsigned long)n_cols - 1);
  for (s = 0; s < n_win; s++)
    if (first[s] == 0 || first[s] > n_rows)
      return rnn_fail(err, RNN_ERR_DIM, "first target row %lu outside 1..%lu",
                      (unsigned long)first[s], (unsigned long)n_rows);
  for (j = 0; j < n_tgt; j++) {
    const double *col = data + n_rows * (size_t)tgt[j];
    int c = tgt[j];
    for (k = 0; k < horizon; k++) {
      size_t o = n_win * (k + horizon * j);
      rnn_scale_apply(n_win, 1, pred_scaled + o, center + c, scale + c, 1,
                      pred + o);
      for (s = 0; s < n_win; s++) {
        size_t r = first[s] + k;
        actual[o + s] = r < n_rows ? col[r] : NAN;
      }
    }
    /* issue 15: each window's steps back to original units from the
     * series observed up to its origin */
    if (transform && transform->kind != RNN_TRANSFORM_NONE)
      for (s = 0; s < n_win; s++)
        rnn_transform_invert(transform, first[s], col, horizon, n_win,
                             pred + n_win * horizon * j + s);
  }
  rnn_series_naive(n_rows, data, n_tgt, tgt, horizon, n_win, first, period,
                   naive);
  return RNN_OK;
}

size_t rnn_series_accuracy_workspace(size_t n_win, size_t n_tgt,
                                     size_t horizon) {
  return rnn_size_mul(5, rnn_size_mul(n_win, rnn_size_mul(n_tgt, horizon))) +
         2 * n_tgt;
}

size_t rnn_series_accuracy_cols(size_t period) { return period > 1 ? 4 : 3; }

/* The drift of the column x[0..n-1]: the mean of its known one-step
 * changes, summed in increasing i; NaN when there is none. */
static double mean_change(size_t n, const double *x) {
  size_t i, k = 0;
  double s = 0;
  for (i = 1; i < n; i++) {
    double d = x[i] - x[i - 1];
    if (isnan(d)) continue;
    s += d;
    k++;
  }
  return k > 0 ? s / (double)k : NAN;
}

/* Window s is scored: a test window (when there are any) with a known
 * actual value in one of its n_out columns. */
static int scored(size_t s, size_t n_win, size_t n_out, const int *set,
                  int any_test, const double *actual) {
  size_t c;
  if (any_test && set[s] != RNN_SET_TEST) return 0;
  for (c = 0; c < n_out; c++)
    if (!isnan(actual[s + n_win * c])) return 1;
  return 0;
}

int rnn_series_accuracy(size_t n_rows, size_t n_cols, const double *data,
                        size_t n_tgt, const int *tgt, size_t horizon,
                        size_t n_fit, size_t period, size_t n_win,
                        const int *set, const double *actual,
                        const double *pred, const double *naive,
                        const double *snaive, double *out, size_t *n_kept,
                        double *work, rnn_error *err) {
  size_t s, c, j, k, n_out = n_tgt * horizon, m = 0;
  size_t nb = rnn_series_accuracy_cols(period);
  int any_test = 0, st;
  double *a, *p, *b, *sb, *dr, *sc, *slope;
  if (!data || !tgt || !actual || !pred || !naive || !out || !n_kept ||
      !work || (period > 1 && !snaive))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_series_accuracy: NULL argument");
  *n_kept = 0;
  for (j = 0; j < n_tgt; j++)
    if (tgt[j] < 0 || (size_t)tgt[j] >= n_cols)
      return rnn_fail(err, RNN_ERR_DIM, "target column %d outside 0..%lu",
                      tgt[j], (unsigned long)n_cols - 1);
  if (n_fit > n_rows) n_fit = n_rows;
  if (set)
    for (s = 0; s < n_win && !any_test; s++)
      any_test = set[s] == RNN_SET_TEST;
  for (s = 0; s < n_win; s++)
    m += scored(s, n_win, n_out, set, any_test, actual);
  if (m == 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "no window with a known target to evaluate");
  a = work;
  p = a + m * n_out;
  b = p + m * n_out;
  sb = b + m * n_out;
  dr = sb + m * n_out;
  sc = dr + m * n_out;
  slope = sc + n_tgt;
  /* the drift of each target: the mean change over the training rows
   * (rows 0..n_fit-1 of data) */
  for (j = 0; j < n_tgt; j++)
    slope[j] = mean_change(n_fit, data + n_rows * (size_t)tgt[j]);
  /* the scored windows, compacted: a target's columns (the steps of a
   * direct model) are then one series of m * horizon values.  The drift
   * forecast of step k is the last value (the one-step naive forecast)
   * plus k + 1 mean changes. */
  for (c = 0; c < n_out; c++) {
    size_t i = 0;
    k = c % horizon;
    j = c / horizon;
    for (s = 0; s < n_win; s++) {
      if (!scored(s, n_win, n_out, set, any_test, actual)) continue;
      a[i + m * c] = actual[s + n_win * c];
      p[i + m * c] = pred[s + n_win * c];
      b[i + m * c] = naive[s + n_win * c];
      sb[i + m * c] = period > 1 ? snaive[s + n_win * c] : NAN;
      dr[i + m * c] = naive[s + n_win * c] + (double)(k + 1) * slope[j];
      i++;
    }
  }
  /* the MASE scale: the in-sample (seasonal) naive MAE on the rows the
   * scaler was fitted on (rows 0..n_fit-1), one per target */
  for (j = 0; j < n_tgt; j++) {
    st = rnn_naive_scale(n_fit, 1, data + n_rows * (size_t)tgt[j],
                         period > 1 ? period : 1, sc + j, err);
    if (st != RNN_OK) return st;
  }
  for (j = 0; j < n_tgt; j++) {
    size_t o = m * horizon * j;
    double *col = out + RNN_ACC_ROWS * nb * j;
    st = rnn_accuracy(m * horizon, 1, a + o, p + o, sc + j, col, err);
    if (st == RNN_OK)
      st = rnn_accuracy(m * horizon, 1, a + o, b + o, sc + j,
                        col + RNN_ACC_ROWS, err);
    if (st == RNN_OK && nb == 4)
      st = rnn_accuracy(m * horizon, 1, a + o, sb + o, sc + j,
                        col + 2 * RNN_ACC_ROWS, err);
    if (st == RNN_OK)
      st = rnn_accuracy(m * horizon, 1, a + o, dr + o, sc + j,
                        col + (nb - 1) * RNN_ACC_ROWS, err);
    /* issue 15: directional accuracy from the last observed value (the
     * naive forecast b); the naive row calls no direction (NaN) */
    if (st == RNN_OK)
      st = rnn_accuracy_direction(m * horizon, 1, a + o, p + o, b + o, col, err);
    if (st == RNN_OK && nb == 4)
      st = rnn_accuracy_direction(m * horizon, 1, a + o, sb + o, b + o,
                                  col + 2 * RNN_ACC_ROWS, err);
    if (st == RNN_OK)
      st = rnn_accuracy_direction(m * horizon, 1, a + o, dr + o, b + o,
                                  col + (nb - 1) * RNN_ACC_ROWS, err);
    if (st != RNN_OK) return st;
  }
  *n_kept = m;
  return RNN_OK;
}

/* ---- a forecast's accuracy beside its baselines (issue 15) ---------- */

size_t rnn_forecast_accuracy_workspace(size_t h) {
  size_t w = rnn_series_accuracy_workspace(1, 1, h);
  if (w == SIZE_MAX || rnn_size_mul(2, h) == SIZE_MAX ||
      w > SIZE_MAX - 2 * h)
    return 0;
  return w + 2 * h;
}

int rnn_forecast_accuracy(size_t n_hist, const double *hist, size_t h,
                          const double *actual, const double *point,
                          size_t period, double *out, double *work,
                          rnn_error *err) {
  size_t first = n_hist, kept;
  int tgt = 0;
  double *naive = work, *snaive = work + h;
  if (!hist || !actual || !point || !out || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_forecast_accuracy: NULL argument");
  if (n_hist == 0 || h == 0)
    return rnn_fail(err, RNN_ERR_DIM,
                    "a forecast's accuracy needs its history and steps");
  /* the forecast is one window whose first target row follows the
   * history: its naive columns are the last value and the same season of
   * the last cycle, its drift the history's mean change */
  rnn_series_naive(n_hist, hist, 1, &tgt, h, 1, &first, 1, naive);
  if (period > 1)
    rnn_series_naive(n_hist, hist, 1, &tgt, h, 1, &first, period, snaive);
  return rnn_series_accuracy(n_hist, 1, hist, 1, &tgt, h, n_hist, period, 1,
                             NULL, actual, point, naive, snaive, out, &kept,
                             work + 2 * h, err);
}

/* ---- issue 16: panels ----------------------------------------------- */

/* The spec of series i of a panel whose first row is row o of the
 * stacked data (see rnn_panel in rnnkit.h). */
static rnn_series_spec panel_member(const rnn_series_spec *sp,
                                    const rnn_panel *p, size_t i) {
  rnn_series_spec s = *sp;
  s.n_rows = p->rows[i];
  if (p->lambda) s.transform.lambda = p->lambda[i];
  s.split_row = p->split_row ? p->split_row[i] : sp->split_row;
  if (s.split_row > s.n_rows) s.split_row = s.n_rows;
  return s;
}

static int panel_check(const rnn_series_spec *sp, const rnn_panel *p,
                       rnn_error *err) {
  size_t i, tot = 0;
  if (!sp || !p || p->n_series == 0 || !p->rows)
    return rnn_fail(err, RNN_ERR_INPUT, "a panel needs at least one series");
  for (i = 0; i < p->n_series; i++) {
    if (p->rows[i] > sp->n_rows - tot)
      return rnn_fail(err, RNN_ERR_DIM,
                      "the panel's series have more rows than the %lu of "
                      "the data",
                      (unsigned long)sp->n_rows);
    tot += p->rows[i];
  }
  if (tot != sp->n_rows)
    return rnn_fail(err, RNN_ERR_DIM,
                    "the panel's series have %lu rows, the data %lu",
                    (unsigned long)tot, (unsigned long)sp->n_rows);
  return RNN_OK;
}

/* Prefixes err's message with the series (1-based) when there are
 * several. */
static int panel_fail(rnn_error *err, int st, const rnn_panel *p, size_t i) {
  char m[sizeof err->msg];
  if (!err || p->n_series == 1) return st;
  memcpy(m, err->msg, sizeof m);
  m[sizeof m - 1] = 0;
  return rnn_fail(err, st, "series %lu: %.400s", (unsigned long)(i + 1), m);
}

int rnn_panel_plan(const rnn_series_spec *sp, const rnn_panel *p,
                   const double *data, size_t *starts, int *set, int *series,
                   double *center, double *scale, int *status,
                   rnn_series_plan_info *info, size_t *n_windows,
                   rnn_error *err) {
  size_t i, o = 0, w = 0, k;
  int st, auto_lambda;
  if (!data || !starts || !set || !series || !center || !scale || !status ||
      !info || !n_windows)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_panel_plan: NULL argument");
  if ((st = panel_check(sp, p, err)) != RNN_OK) return st;
  auto_lambda = p->lambda_auto && sp->transform.kind == RNN_TRANSFORM_BOXCOX;
  if (p->lambda_auto && !auto_lambda)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "lambda \"auto\" estimates the power of a Box-Cox "
                    "transform; the transform is not \"boxcox\"");
  if (auto_lambda && (!p->lambda || sp->n_tgt == 0))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "lambda \"auto\" needs a target and a lambda per series");
  *n_windows = 0;
  for (i = 0; i < p->n_series; i++) {
    rnn_series_spec s;
    rnn_series_plan_info *in = info + i;
    const double *d = data + sp->n_cols * o;
    if (auto_lambda) p->lambda[i] = 1.0; /* provisional: the split first */
    s = panel_member(sp, p, i);
    /* the plan of a series of one panel is the plan of that series: the
     * same call on its own rows (a panel of one is the plain workflow) */
    st = rnn_series_plan(&s, d, starts + w, set + w, center + sp->n_cols * i,
                         scale + sp->n_cols * i, in, err);
    if (auto_lambda && st == RNN_OK) {
      /* Box-Cox lambda "auto": Guerrero's on the training rows (those
       * before the resolved split) of the first target, then the plan
       * again with it (the split and the starts do not depend on it) */
      size_t nf = in->n_fit < s.n_rows ? in->n_fit : s.n_rows;
      st = rnn_boxcox_lambda(nf, d + s.n_rows * (size_t)sp->tgt[0],
                             p->season ? p->season : sp->transform.period,
                             RNN_LAMBDA_LOWER, RNN_LAMBDA_UPPER, p->lambda + i,
                             err);
      if (st == RNN_OK) {
        s = panel_member(sp, p, i);
        st = rnn_series_plan(&s, d, starts + w, set + w,
                             center + sp->n_cols * i, scale + sp->n_cols * i,
                             in, err);
      }
    } else if (auto_lambda) {
      p->lambda[i] = NAN;
    }
    status[i] = RNN_PANEL_KEPT;
    if (st == RNN_ERR_DIM && p->drop) {
      status[i] = RNN_PANEL_SHORT;
    } else if (st != RNN_OK) {
      return panel_fail(err, st, p, i);
    } else if (in->n_train == 0 && sp->scale_method != RNN_SCALE_GIVEN &&
               p->drop) {
      status[i] = RNN_PANEL_NO_TRAIN;
    }
    if (status[i] != RNN_PANEL_KEPT) {
      if (auto_lambda) p->lambda[i] = NAN;
      memset(in, 0, sizeof *in);
      in->split_row = s.split_row;
    } else {
      for (k = 0; k < in->n_windows; k++)
        series[w + k] = (int)i;
      w += in->n_windows;
    }
    o += p->rows[i];
  }
  *n_windows = w;
  return RNN_OK;
}

size_t rnn_panel_windows_workspace(const rnn_series_spec *sp,
                                   const rnn_panel *p, size_t n_win) {
  size_t i, most = 0, per;
  if (!sp || !p || p->n_series <= 1) return 0;
  for (i = 0; i < p->n_series; i++)
    if (p->rows[i] > most) most = p->rows[i];
  if (n_win < most) most = n_win;
  per = rnn_size_mul(sp->window, sp->n_feat);
  per += rnn_size_mul(sp->horizon, sp->n_tgt);
  return rnn_size_mul(most, per);
}

int rnn_panel_windows(const rnn_series_spec *sp, const rnn_panel *p,
                      const double *data, const size_t *starts,
                      const int *series, size_t n_win, const double *center,
                      const double *scale, double *x, double *y, double *work,
                      rnn_error *err) {
  size_t i, a = 0, b, o, f, t, k, W, H, cap;
  int st;
  if (!data || !starts || !series || !center || !scale || !x)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_panel_windows: NULL argument");
  if ((st = panel_check(sp, p, err)) != RNN_OK) return st;
  W = sp->window;
  H = sp->horizon * sp->n_tgt;
  if (!y) H = 0;
  for (k = 0; k < n_win; k++)
    if (series[k] < 0 || (size_t)series[k] >= p->n_series)
      return rnn_fail(err, RNN_ERR_DIM, "window %lu of series %d of %lu",
                      (unsigned long)(k + 1), series[k] + 1,
                      (unsigned long)p->n_series);
  /* one series: its windows are the panel's (no copy) */
  if (p->n_series == 1) {
    rnn_series_spec s = panel_member(sp, p, 0);
    st = rnn_series_windows(&s, data, starts, n_win, center, scale, x, y, err);
    return st;
  }
  if (!work)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "a panel's windows need rnn_panel_windows_workspace() "
                    "doubles of work");
  /* runs of windows of one series are cut together into work (at most
   * cap windows at a time), then copied into their rows of x and y */
  cap = rnn_panel_windows_workspace(sp, p, n_win) /
        (W * sp->n_feat + sp->horizon * sp->n_tgt);
  if (cap == 0) cap = 1;
  while (a < n_win) {
    rnn_series_spec s;
    double *xw = work, *yw;
    i = (size_t)series[a];
    for (b = a + 1; b < n_win && (size_t)series[b] == i && b - a < cap; b++)
      ;
    for (o = 0, k = 0; k < i; k++)
      o += p->rows[k];
    s = panel_member(sp, p, i);
    yw = xw + (b - a) * W * sp->n_feat;
    st = rnn_series_windows(&s, data + sp->n_cols * o, starts + a, b - a,
                            center + sp->n_cols * i, scale + sp->n_cols * i,
                            xw, H ? yw : NULL, err);
    if (st != RNN_OK) return panel_fail(err, st, p, i);
    /* dataset layout: x[s + N*(t + W*f)] */
    for (f = 0; f < sp->n_feat; f++)
      for (t = 0; t < W; t++)
        memcpy(x + a + n_win * (t + W * f), xw + (b - a) * (t + W * f),
               (b - a) * sizeof(double));
    for (t = 0; t < H; t++)
      memcpy(y + a + n_win * t, yw + (b - a) * t, (b - a) * sizeof(double));
    a = b;
  }
  return RNN_OK;
}

void rnn_panel_naive(const rnn_series_spec *sp, const rnn_panel *p,
                     const double *data, const size_t *starts,
                     const int *series, size_t n_win, double *naive) {
  size_t i, k, j, o = 0;
  /* the naive forecast of each window: its series' value before the
   * first target, one step, per target */
  for (i = 0; i < p->n_series; i++) {
    const double *d = data + sp->n_cols * o;
    for (k = 0; k < n_win; k++) {
      size_t first;
      if ((size_t)series[k] != i) continue;
      first = starts[k] + sp->window;
      for (j = 0; j < sp->n_tgt; j++)
        naive[k + n_win * j] = first >= 1 && first - 1 < p->rows[i]
                                   ? d[p->rows[i] * (size_t)sp->tgt[j] +
                                       first - 1]
                                   : NAN;
    }
    o += p->rows[i];
  }
}
void rnn_panel_pool(size_t n_keys, size_t n_stat, const double *tab,
                    double *out) {
  size_t j, k, n;
  for (j = 0; j < n_stat; j++) {
    double s = 0;
    for (n = 0, k = 0; k < n_keys; k++) {
      double v = tab[j + n_stat * k];
      if (!isfinite(v)) continue;
      s += v;
      n++;
    }
    out[j] = n > 0 ? s / (double)n : NAN;
  }
}
/* ---- end of issue 16 panel block ------------------------------------ */

/* ---- issue 16: compact windows (the source of a panel's windows) ----- */
int rnn_panel_source(const rnn_series_spec *sp, const rnn_panel *p,
                     const double *data, const double *center,
                     const double *scale, const int *skip, double *values,
                     rnn_error *err) {
  size_t i, f, r, o = 0, N, m, L;
  const double *d;
  int st;
  if (!data || !center || !scale || !values)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_panel_source: NULL argument");
  if ((st = panel_check(sp, p, err)) != RNN_OK) return st;
  N = sp->n_rows;
  for (i = 0; i < p->n_series; o += p->rows[i], i++) {
    rnn_series_spec s = panel_member(sp, p, i);
    if (skip && skip[i]) {
      for (f = 0; f < sp->n_feat; f++)
        for (r = 0; r < s.n_rows; r++) values[o + r + N * f] = NAN;
      continue;
    }
    st = series_data(&s, data + sp->n_cols * o, &d, &m, &L, err);
    if (st != RNN_OK) return panel_fail(err, st, p, i);
    /* the values rnn_series_windows() cuts, scaled by the same call on
     * the same numbers: a window read from here is the stored one */
    for (f = 0; f < sp->n_feat; f++) {
      size_t c = (size_t)sp->feat[f];
      double *out = values + o + N * f;
      for (r = 0; r < L; r++) out[r] = NAN;
      for (r = L; r < s.n_rows; r++) out[r] = d[m * c + r];
      rnn_scale_apply(s.n_rows - L, 1, out + L, center + sp->n_cols * i + c,
                      scale + sp->n_cols * i + c, 0, out + L);
    }
  }
  return RNN_OK;
}

void rnn_panel_source_starts(const rnn_panel *p, const size_t *starts,
                             const int *series, size_t n_win, size_t *start) {
  size_t k, i, o = 0, last = 0;
  for (k = 0; k < n_win; k++) {
    size_t s = (size_t)series[k];
    if (k == 0 || s < last) o = 0, last = 0;
    for (i = last; i < s; i++) o += p->rows[i];
    last = s;
    start[k] = o + starts[k];
  }
}
