/* The series engine's commands, once for both hosts (issue 14): the plan
 * of a series or panel and its windows, evaluation in original units with
 * the accuracy table, and forecasts (rnn_series_*, rnn_panel_*,
 * rnn_forecast_series in the core).  Columns and rows arrive 1-based. */
#include "gw.h"

#include <string.h>

/* A spec for the core from data (a matrix) and 1-based columns. */
static rnn_series_spec series_spec(gw_in data, gw_in feat, gw_in tgt,
                                   const double **values) {
  rnn_series_spec sp;
  memset(&sp, 0, sizeof sp);
  *values = gw_matrix(data, "data", &sp.n_rows, &sp.n_cols);
  sp.feat = gw_ints(feat, "columns", 1, 0, (int)sp.n_cols - 1, &sp.n_feat);
  sp.tgt = gw_ints(tgt, "columns", 1, 0, (int)sp.n_cols - 1, &sp.n_tgt);
  sp.split_row = sp.n_rows;
  sp.transform.kind = RNN_TRANSFORM_NONE;
  return sp;
}

/* A transform from c(code, period, lambda, more codes) (NULL / []: none):
 * the codes of its steps in order (a combination, issue 15), composed and
 * checked by the core. */
static rnn_transform transform_from(gw_in tf) {
  rnn_transform t;
  rnn_error err;
  int codes[RNN_TRANSFORM_MAX_STEPS + 1];
  const double *v;
  size_t n, k;
  memset(&t, 0, sizeof t);
  if (gw_is_null(tf)) return t;
  v = gw_reals(tf, "transform", &n);
  if (n < 3 || n > RNN_TRANSFORM_MAX_STEPS + 3 ||
      !(v[1] >= 0 && v[1] < 2147483647.0))
    gw_internal("a transform is c(code, period, lambda, more codes)");
  for (k = 0; k < n - 2; k++) {
    double c = v[k == 0 ? 0 : k + 2];
    codes[k] = c >= 0 && c < 1e6 ? (int)c : -1;
  }
  if (rnn_transform_compose(n - 2, codes, (size_t)v[1], v[2], &t, &err) !=
      RNN_OK)
    gw_raise(&err);
  return t;
}

static const double *scaler(gw_in v, const char *what, size_t n) {
  size_t m;
  const double *x = gw_reals(v, what, &m);
  if (m != n) gw_internal("one center and scale per data column");
  return x;
}

/* The plan of a series (rnn_series_plan) and its scaled windows:
 * arguments data, feat, tgt (1-based), spec, center, scale; spec has
 * window, horizon, stride, omit, split_row (1-based; n + 1: none),
 * n_test (0: none), method (a scaler's name or code; RNN_SCALE_GIVEN:
 * center and scale are the model's, per data column; horizon 0: windows
 * to predict from), optionally n_unscaled and transform (issue 15).
 * Result: starts, set, split_row, n_fit, n_train, n_test, center, scale,
 * x, y, naive, series, status; x, y and naive are NULL / [] when there is
 * no training window and no scaler was given (the host says where the
 * split lies).  Issue 16: the plan of a panel (rnn_panel_plan) whose one
 * series is data; spec's rows (the rows of each stacked series) and
 * split_rows (1-based, per series) make data a panel whose series
 * without a (training) window are dropped: split_row .. n_test are then
 * one per series, center and scale n_cols x n_series (given ones too),
 * series (per window) 1-based and status (per series) RNN_PANEL_*.
 * Compact windows (issue 16, spec's compact true): x is instead the
 * series' rows x features, transformed and scaled (rnn_panel_source), and
 * start (per window, 0-based) each window's first row there; y is the
 * same.
 * A Box-Cox transform's lambda per series: spec's lambda_auto (a flag,
 * with season, the group length, 0: the transform's period) estimates
 * one per series on its training rows (rnn_panel's lambda_auto), spec's
 * lambdas (one per series) gives them; result lambda holds the ones
 * used (the transform's lambda for every series otherwise; NaN for a
 * dropped series when estimated). */
void gw_series_plan(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {
      "starts", "set",   "split_row", "n_fit", "n_train", "n_test", "center",
      "scale",  "x",     "y",         "naive", "series",  "status", "start",
      "lambda"};
  rnn_error err;
  gw_in spec = arg[3], rows = gw_field(spec, "rows"),
        splits = gw_field(spec, "split_rows"), tf;
  const double *data;
  rnn_series_spec sp = series_spec(arg[0], arg[1], arg[2], &data);
  rnn_panel pn;
  rnn_series_plan_info *info;
  size_t n, k, ns = 1, nr, *rows_of, *split_of;
  size_t *starts = (size_t *)gw_alloc(sp.n_rows + 1, sizeof(size_t));
  int *set = (int *)gw_alloc(sp.n_rows + 1, sizeof(int));
  int *ser = (int *)gw_alloc(sp.n_rows + 1, sizeof(int)), *status, *rw = NULL,
      *sr = NULL, *iv;
  double *ctr, *scl;
  sp.window = gw_count(gw_need(spec, "window"), "window", 1);
  sp.horizon = gw_count(gw_need(spec, "horizon"), "horizon", 0);
  sp.stride = gw_count(gw_need(spec, "stride"), "stride", 1);
  sp.omit_missing = gw_flag(gw_need(spec, "omit"), "omit");
  if (rows) rw = gw_ints(rows, "rows", 0, 0, 2147483647, &ns);
  if (splits) sr = gw_ints(splits, "split_rows", 1, 0, 2147483647, &nr);
  if (ns == 0 || (splits && nr != ns))
    gw_internal("rows and split_rows of a panel");
  rows_of = (size_t *)gw_alloc(ns, sizeof(size_t));
  split_of = sr ? (size_t *)gw_alloc(ns, sizeof(size_t)) : NULL;
  for (k = 0; k < ns; k++) {
    rows_of[k] = rw ? (size_t)rw[k] : sp.n_rows;
    if (sr) split_of[k] = (size_t)sr[k];
  }
  pn.n_series = ns;
  pn.rows = rows_of;
  pn.split_row = split_of;
  pn.drop = rows != NULL;
  gw_result(o, 15, nm);
  ctr = gw_set_vector(o, 6, sp.n_cols * ns, ns == 1 ? 1 : sp.n_cols,
                      "the scalers");
  scl = gw_set_vector(o, 7, sp.n_cols * ns, ns == 1 ? 1 : sp.n_cols,
                      "the scalers");
  sp.split_row = gw_count(gw_need(spec, "split_row"), "split_row", 1) - 1;
  sp.n_test = gw_count(gw_need(spec, "n_test"), "n_test", 0);
  sp.scale_method = gw_code(RNN_NAMES_SCALER, gw_need(spec, "method"), "method");
  if (gw_field(spec, "n_unscaled")) /* issue 15 */
    sp.n_unscaled = gw_count(gw_field(spec, "n_unscaled"), "n_unscaled", 0);
  tf = gw_field(spec, "transform");
  sp.transform = transform_from(tf);
  pn.lambda = gw_set_vector(o, 14, ns, ns, "the lambdas");
  for (k = 0; k < ns; k++) pn.lambda[k] = sp.transform.lambda;
  pn.lambda_auto = gw_field(spec, "lambda_auto") &&
                   gw_flag(gw_field(spec, "lambda_auto"), "lambda_auto");
  pn.season = gw_field(spec, "season")
                  ? gw_count(gw_field(spec, "season"), "season", 0)
                  : 0;
  if (gw_field(spec, "lambdas")) {
    const double *lv = gw_reals(gw_field(spec, "lambdas"), "lambdas", &k);
    if (k != ns) gw_internal("spec$lambdas is one per series");
    memcpy(pn.lambda, lv, ns * sizeof(double));
  }
  k = rnn_series_workspace(&sp);
  sp.work = k ? gw_work(k, "the transformed series") : NULL;
  if (sp.scale_method == RNN_SCALE_GIVEN) {
    memcpy(ctr, scaler(arg[4], "center", sp.n_cols * ns),
           sp.n_cols * ns * sizeof(double));
    memcpy(scl, scaler(arg[5], "scale", sp.n_cols * ns),
           sp.n_cols * ns * sizeof(double));
  }
  status = (int *)gw_alloc(ns, sizeof(int));
  info = (rnn_series_plan_info *)gw_alloc(ns, sizeof *info);
  if (rnn_panel_plan(&sp, &pn, data, starts, set, ser, ctr, scl, status, info,
                     &n, &err) != RNN_OK)
    gw_raise(&err);
  iv = (int *)gw_alloc(n > ns ? n : ns, sizeof(int));
  for (k = 0; k < n; k++) iv[k] = (int)starts[k];
  gw_set_ints(o, 0, n, iv, 1);
  gw_set_labels(o, 1, n, set);
  for (k = 0; k < ns; k++) iv[k] = (int)info[k].split_row;
  gw_set_ints(o, 2, ns, iv, 1);
  for (k = 0; k < ns; k++) iv[k] = (int)info[k].n_fit;
  gw_set_ints(o, 3, ns, iv, 0);
  for (k = 0; k < ns; k++) iv[k] = (int)info[k].n_train;
  gw_set_ints(o, 4, ns, iv, 0);
  for (k = 0; k < ns; k++) iv[k] = (int)info[k].n_test;
  gw_set_ints(o, 5, ns, iv, 0);
  gw_set_ints(o, 11, n, ser, 1);
  gw_set_ints(o, 12, ns, status, 0);
  if (n > 0 && (ns > 1 || info[0].n_train > 0 ||
                sp.scale_method == RNN_SCALE_GIVEN)) {
    size_t W = sp.window, nf = sp.n_feat, nw;
    double *x, *y;
    /* one array of windows stays below 2^31 values, the limit rnnkit has
     * always set here (larger ones would not fit in memory as doubles on
     * most computers anyway) */
    const int compact = gw_field(spec, "compact") &&
                        gw_flag(gw_field(spec, "compact"), "compact");
    if (!compact && rnn_size_mul(rnn_size_mul(n, W), nf) > 2147483647u)
      gw_raise_status(RNN_ERR_SIZE,
                      "%lu windows of %lu rows x %lu feature(s) would be "
                      "%.3g values (%.3g GB), more than the 2^31 - 1 rnnkit "
                      "takes in one array; use a shorter window, a larger "
                      "stride or fewer rows",
                      (unsigned long)n, (unsigned long)W, (unsigned long)nf,
                      (double)n * W * nf, 8e-9 * n * W * nf);
    /* (issue 16: store = "series" keeps them in the series instead) */
    y = gw_set_matrix(o, 9, n, rnn_size_mul(sp.horizon, sp.n_tgt),
                      "the windows' targets");
    if (compact) {
      /* issue 16: the windows' inputs stay in the series (x: their
       * rows x features), start: each window's first row there */
      size_t *first = (size_t *)gw_alloc(n, sizeof(size_t));
      double *sv = gw_set_vector(o, 13, n, n, "the windows' first rows");
      int *skip = (int *)gw_alloc(ns, sizeof(int));
      double *yw;
      for (k = 0; k < ns; k++) skip[k] = status[k] != RNN_PANEL_KEPT;
      x = gw_set_matrix(o, 8, sp.n_rows, nf, "the windows' series");
      if (rnn_panel_source(&sp, &pn, data, ctr, scl, skip, x, &err) != RNN_OK)
        gw_raise(&err);
      rnn_panel_source_starts(&pn, starts, ser, n, first);
      for (k = 0; k < n; k++) sv[k] = (double)first[k];
      if (sp.horizon * sp.n_tgt > 0) {
        /* the targets, read from a source of the target columns as the
         * stored windows' targets are cut and scaled */
        rnn_series_spec ts = sp;
        rnn_window_source tsrc;
        ts.n_feat = sp.n_tgt;
        ts.feat = sp.tgt;
        yw = gw_work(rnn_size_mul(sp.n_rows, sp.n_tgt), "the targets' series");
        if (rnn_panel_source(&ts, &pn, data, ctr, scl, skip, yw, &err) != RNN_OK)
          gw_raise(&err);
        for (k = 0; k < n; k++) first[k] += W;
        tsrc.n_rows = sp.n_rows;
        tsrc.values = yw;
        tsrc.start = first;
        rnn_window_source_gather(&tsrc, 0, n, sp.horizon, sp.n_tgt, y);
      }
    } else {
      x = gw_set_array3(o, 8, n, W, nf, "the windows");
      nw = rnn_panel_windows_workspace(&sp, &pn, n);
      if (rnn_panel_windows(&sp, &pn, data, starts, ser, n, ctr, scl, x,
                            sp.horizon * sp.n_tgt > 0 ? y : NULL,
                            nw ? gw_work(nw, "the windows of a series") : NULL,
                            &err) != RNN_OK)
        gw_raise(&err);
    }
    rnn_panel_naive(&sp, &pn, data, starts, ser, n,
                    gw_set_matrix(o, 10, n, sp.n_tgt, "the naive forecasts"));
  }
}

/* Evaluation in original units (rnn_series_evaluate): arguments data,
 * tgt, horizon, first, pred, center, scale, set, hist, n_fit, period,
 * transform.  pred is the model's scaled N x (horizon * n_tgt) output for
 * windows whose first target rows (1-based) are `first`; center and scale
 * are per data column.  Result: pred, actual, naive, accuracy, set;
 * accuracy is NULL / [] when set is, else the RNN_ACC_ROWS x (nb * n_tgt)
 * table of rnn_series_accuracy() over the windows that set labels
 * (strings, or one number: the split row, for rnn_series_labels() to
 * label them), with the MASE scale on rows 1..n_fit of hist (the model's
 * data, with the columns of data; NA where there is none).  period is the
 * season (0 or 1: none): above 1 it adds the snaive column and scales
 * MASE by the seasonal naive MAE (nb = rnn_series_accuracy_cols(period));
 * the naive column is always the last value.  transform: c(code, period,
 * lambda) of the target transform (NULL / []: none), undone. */
void gw_series_eval(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"pred", "actual", "naive", "accuracy",
                                   "set"};
  rnn_error err;
  const double *data, *pred;
  rnn_series_spec sp = series_spec(arg[0], arg[1], arg[1], &data);
  rnn_transform tf = transform_from(arg[11]);
  size_t n, k, n_out, kept, np;
  int *f, *lab;
  size_t *first;
  double *p, *actual, *naive;
  gw_in set = arg[7];
  sp.horizon = gw_count(arg[2], "horizon", 1);
  n_out = sp.horizon * sp.n_tgt;
  f = gw_ints(arg[3], "rows", 1, 0, 2147483646, &n);
  pred = gw_reals(arg[4], "pred", &np);
  if (np != n * n_out) gw_internal("rows and predictions do not agree");
  first = (size_t *)gw_alloc(n, sizeof(size_t));
  for (k = 0; k < n; k++) first[k] = (size_t)f[k];
  gw_result(o, 5, nm);
  p = gw_set_matrix(o, 0, n, n_out, "the predictions");
  actual = gw_set_matrix(o, 1, n, n_out, "the actual values");
  naive = gw_set_matrix(o, 2, n, n_out, "the naive forecasts");
  if (rnn_series_evaluate(sp.n_rows, sp.n_cols, data, sp.n_tgt, sp.tgt,
                          sp.horizon, n, first, pred,
                          scaler(arg[5], "center", sp.n_cols),
                          scaler(arg[6], "scale", sp.n_cols), &tf, 1, p,
                          actual, naive, &err) != RNN_OK)
    gw_raise(&err);
  if (gw_is_null(set)) return;
  lab = (int *)gw_alloc(n, sizeof(int));
  if (gw_n_strings(set) < 0) {
    rnn_series_labels(n, first, sp.horizon, sp.n_rows,
                      gw_count(set, "split_row", 1) - 1, lab);
    gw_set_labels(o, 4, n, lab);
    for (k = 0; k < n; k++)
      if (lab[k] != RNN_SET_TEST) lab[k] = RNN_SET_TRAIN;
  } else {
    if ((size_t)gw_n_strings(set) != n) gw_internal("one label per window");
    for (k = 0; k < n; k++)
      lab[k] = gw_string_is(set, k, "test") ? RNN_SET_TEST : RNN_SET_TRAIN;
    gw_set_arg(o, 4, set);
  }
  {
    size_t season = gw_count(arg[10], "period", 0), hr, hc,
           nb = rnn_series_accuracy_cols(season);
    const double *hist = gw_matrix(arg[8], "hist", &hr, &hc);
    double *acc, *snaive = NULL, *work;
    const uint64_t na_bits = 0x7FF00000000007A2ULL; /* R's NA */
    double na;
    if (hc != sp.n_cols) gw_internal("hist must have the columns of data");
    work = gw_work(rnn_series_accuracy_workspace(n, sp.n_tgt, sp.horizon),
                   "accuracy");
    if (season > 1) { /* issue 15: the seasonal naive baseline */
      snaive = gw_work(n * n_out, "the seasonal naive forecasts");
      rnn_series_naive(sp.n_rows, data, sp.n_tgt, sp.tgt, sp.horizon, n,
                       first, season, snaive);
    }
    acc = gw_set_matrix(o, 3, RNN_ACC_ROWS, nb * sp.n_tgt,
                        "the accuracy table");
    if (rnn_series_accuracy(hr, sp.n_cols, hist, sp.n_tgt, sp.tgt, sp.horizon,
                            gw_count(arg[9], "n_fit", 0), season, n, lab,
                            actual, p, naive, snaive, acc, &kept, work,
                            &err) != RNN_OK)
      gw_raise(&err);
    /* no scale: NA (R's bits, Octave's NA), as rnn_accuracy gave it */
    memcpy(&na, &na_bits, sizeof na);
    for (k = 0; k < nb * sp.n_tgt; k++)
      if (acc[RNN_ACC_MASE + RNN_ACC_ROWS * k] !=
              acc[RNN_ACC_MASE + RNN_ACC_ROWS * k] &&
          acc[RNN_ACC_RMSE + RNN_ACC_ROWS * k] ==
              acc[RNN_ACC_RMSE + RNN_ACC_ROWS * k])
        acc[RNN_ACC_MASE + RNN_ACC_ROWS * k] = na;
  }
}

/* A real double element of the forecast spec (may be empty). */
static const double *spec_reals(gw_in spec, const char *name, size_t *n) {
  return gw_reals(gw_need(spec, name), name, n);
}

/* One flag or code per input (integer or double), as ints. */
static const int *per_input(gw_in v, const char *what, int n_in) {
  size_t n;
  int *x = gw_ints(v, what, 0, -2147483647, 2147483647, &n);
  if (n != (size_t)n_in) gw_internal("spec$%s is one entry per input", what);
  return x;
}

/* rnn_forecast_series() of the model (config, params) from spec, with a
 * seed: point h, paths npaths x h, lower and upper h x levels, n_calib
 * the conformal errors per step (h; empty without), n_heldout the
 * held-out residuals the paths drew, all in original units.  spec:
 * values (n x n_in, original units), window, locf, center, scale (n_in),
 * direct, horizon, h, target (1-based), target_center, target_scale,
 * history, resid (n_resid x n_out), npaths, levels, and optionally
 * transform (c(code, period, lambda); none when absent) with transformed
 * (n_in flags: the features read transformed), conformal and heldout
 * (flags) with n_trained (issue 15), from (n_in: the column of values an
 * input reads, -1 a covariate) with future (n_future x n_in, issue 15),
 * and innov (npaths x h: the paths' given errors, issue 17). */
void gw_forecast(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"point", "paths",   "lower",
                                   "upper", "n_calib", "n_heldout"};
  rnn_config cfg = gw_config(arg[0]);
  gw_in spec = arg[2], v;
  rnn_forecast_spec s;
  rnn_error err;
  rnn_rng rng;
  size_t n, m, H, P, NL;
  const double *params;
  double *out[4];
  memset(&s, 0, sizeof s);
  s.n_members = gw_members(&cfg, arg[1]); /* ensemble (issue 15) */
  params = gw_reals(arg[1], "params", &n);
  s.values = gw_matrix(gw_need(spec, "values"), "values", &s.n_rows, &n);
  s.resid = gw_matrix(gw_need(spec, "resid"), "resid", &s.n_resid, &m);
  if (n != (size_t)cfg.n_in || (s.n_resid && m != (size_t)cfg.n_out))
    gw_internal("forecast arguments do not fit the model");
  if (!s.n_resid) s.resid = NULL;
  s.window = gw_count(gw_need(spec, "window"), "window", 1);
  s.locf = gw_flag(gw_need(spec, "locf"), "locf");
  s.in_center = spec_reals(spec, "center", &n);
  if (n != (size_t)cfg.n_in)
    gw_internal("forecast arguments do not fit the model");
  s.in_scale = spec_reals(spec, "scale", &n);
  if (n != (size_t)cfg.n_in)
    gw_internal("forecast arguments do not fit the model");
  s.direct = gw_flag(gw_need(spec, "direct"), "direct");
  s.horizon = gw_count(gw_need(spec, "horizon"), "horizon", 0);
  s.h = H = gw_count(gw_need(spec, "h"), "h", 1);
  s.target = gw_count(gw_need(spec, "target"), "target", 1) - 1;
  s.inv.transform = transform_from(gw_field(spec, "transform"));
  if (s.inv.transform.kind != RNN_TRANSFORM_NONE)
    s.transformed = per_input(gw_need(spec, "transformed"), "transformed",
                              cfg.n_in);
  s.inv.center = gw_dbl(gw_need(spec, "target_center"), "target_center");
  s.inv.scale = gw_dbl(gw_need(spec, "target_scale"), "target_scale");
  s.inv.history = spec_reals(spec, "history", &s.inv.n_history);
  s.n_paths = P = gw_count(gw_need(spec, "npaths"), "npaths", 0);
  s.levels = spec_reals(spec, "levels", &s.n_levels);
  NL = s.n_levels;
  v = gw_field(spec, "innov"); /* given errors (issue 17): npaths x h */
  if (!gw_is_null(v)) {
    s.innov = gw_reals(v, "innov", &n);
    if (n != P * H) gw_internal("spec$innov must be npaths x h doubles");
  }
  v = gw_field(spec, "from"); /* covariates (issue 15) */
  if (!gw_is_null(v)) {
    s.from = per_input(v, "from", cfg.n_in);
    s.future = gw_matrix(gw_need(spec, "future"), "future", &s.n_future, &n);
    if (s.n_future && n != (size_t)cfg.n_in)
      gw_internal("spec$future must be a double matrix of n_in columns");
    if (!s.n_future) s.future = NULL;
  }
  v = gw_field(spec, "conformal"); /* intervals (issue 15) */
  s.conformal = v && gw_flag(v, "conformal");
  v = gw_field(spec, "heldout");
  s.heldout_resid = v && gw_flag(v, "heldout");
  if (s.conformal || s.heldout_resid)
    s.n_trained = gw_count(gw_need(spec, "n_trained"), "n_trained", 0);
  gw_result(o, 6, nm);
  out[0] = gw_set_vector(o, 0, H, H, "the forecasts");
  out[1] = gw_set_matrix(o, 1, P, H, "the simulated paths");
  out[2] = gw_set_matrix(o, 2, H, NL, "the lower bounds");
  out[3] = gw_set_matrix(o, 3, H, NL, "the upper bounds");
  s.n_calib = gw_set_vector(o, 4, s.conformal ? H : 0, s.conformal ? H : 0,
                            "the conformal counts");
  if (!s.conformal) s.n_calib = NULL;
  s.n_heldout = gw_set_vector(o, 5, 1, 1, "the held-out residual count");
  rnn_rng_seed(&rng, gw_seed(arg[3]));
  if (rnn_forecast_series(&cfg, params, &s, &rng, out[0], out[1], out[2],
                          out[3],
                          gw_work(rnn_forecast_series_workspace(&cfg, &s),
                                  "the workspace for the simulated paths"),
                          &err) != RNN_OK)
    gw_raise(&err);
}
