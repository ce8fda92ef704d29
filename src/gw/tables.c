/* Small commands of the series engine, once for both hosts (issue 14):
 * rescaling, carrying values forward, dates, accuracy tables. */
#include "gw.h"

/* rescale (data, center, scale, to_center, to_scale): rnn_rescale() of a
 * copy of the matrix data from one scaler to another, one per column. */
void gw_rescale(gw_out *o, const gw_in *arg) {
  size_t m, n, k, c;
  const double *data = gw_matrix(arg[0], "data", &m, &n), *s[4];
  for (k = 0; k < 4; k++) {
    s[k] = gw_reals(arg[1 + k], "a scaler", &c);
    if (c != n) gw_internal("one center and scale per column");
  }
  gw_result(o, 1, NULL);
  rnn_rescale(m, n, data, s[0], s[1], s[2], s[3],
              gw_set_copy(o, 0, arg[0], "the rescaled values"));
}

/* locf (data): a copy of the matrix data, missing values carried forward. */
void gw_locf(gw_out *o, const gw_in *arg) {
  size_t m, n;
  gw_matrix(arg[0], "data", &m, &n);
  gw_result(o, 1, NULL);
  rnn_fill_locf(m, n, gw_set_copy(o, 0, arg[0], "the values"));
}

/* season_period (index): the seasonal period of day counts, 12 monthly, 4
 * quarterly, else 0 (rnn_season_period). */
void gw_season_period(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t n, p = 0;
  const double *ix = gw_reals(arg[0], "index", &n);
  int v;
  if (n < 1) gw_internal("season_period of no dates");
  if (rnn_season_period(n, ix, gw_work(n, "the date steps"), &p, &err) !=
      RNN_OK)
    gw_raise(&err);
  v = (int)p;
  gw_result(o, 1, NULL);
  gw_set_ints(o, 0, 1, &v, 0);
}

/* next_dates (index, dated, h): the h dates (day counts, or times when
 * dated is false) after index; rnn_next_dates(). */
void gw_next_dates(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t n, h = gw_count(arg[2], "h", 0);
  const double *index = gw_reals(arg[0], "index", &n);
  double *out;
  gw_result(o, 1, NULL);
  out = gw_set_vector(o, 0, h, h, "the forecast dates");
  if (rnn_next_dates(n, index, gw_flag(arg[1], "dated"), h, out,
                     gw_work(n, "the date steps"), &err) != RNN_OK)
    gw_raise(&err);
}

/* match_dates (fc, hist, index): positions (1-based, NA for none) of the
 * forecast dates fc in index, after the forecast's history hist, by
 * period where both are monthly, quarterly or yearly; rnn_match_dates(). */
void gw_match_dates(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t nf, nh, ni;
  const double *fc = gw_reals(arg[0], "fc", &nf),
               *hist = gw_reals(arg[1], "hist", &nh),
               *index = gw_reals(arg[2], "index", &ni);
  double *out;
  gw_result(o, 1, NULL);
  out = gw_set_vector(o, 0, nf, nf, "the date positions");
  if (rnn_match_dates(nf, fc, nh, hist, ni, index, out,
                      gw_work(nh + 2 * nf + (ni > nh + nf ? ni : nh + nf),
                              "the date keys"),
                      &err) != RNN_OK)
    gw_raise(&err);
  gw_na(out, nf);
}

/* accuracy (actual, pred, scale, origin): the RNN_ACC_ROWS x numel(scale)
 * table of rnn_accuracy(): actual and pred of equal length, one column
 * per element of scale (its NA comes back as the MASE's NA); origin
 * (NULL / []: none, DA NA) as long, the last observed values, gives the
 * directional accuracy (issue 15). */
void gw_accuracy(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t n, np, k, no = 0;
  const double *a = gw_reals(arg[0], "actual", &n),
               *p = gw_reals(arg[1], "pred", &np),
               *sc = gw_reals(arg[2], "scale", &k), *org = NULL;
  double *out;
  if (np != n || k == 0 || n % k != 0)
    gw_internal("actual and pred must be doubles of equal length, a "
                "multiple of the number of scales");
  if (!gw_is_null(arg[3])) org = gw_reals(arg[3], "origin", &no);
  if (org && no != n)
    gw_internal("origin must be NULL or doubles as actual");
  gw_result(o, 1, NULL);
  out = gw_set_matrix(o, 0, RNN_ACC_ROWS, k, "the accuracy table");
  if (rnn_accuracy(n / k, k, a, p, sc, out, &err) != RNN_OK ||
      (org && rnn_accuracy_direction(n / k, k, a, p, org, out, &err) != RNN_OK))
    gw_raise(&err);
}

/* forecast_accuracy (hist, actual, point, period): rnn_forecast_accuracy(),
 * a forecast's table (RNN_ACC_ROWS x model, naive, (snaive,) drift) from
 * its history, the actual values (NA: not known) and the point forecast,
 * on the seasonal period (0: none). */
void gw_forecast_accuracy(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t nh, na, h;
  const double *hist = gw_reals(arg[0], "hist", &nh),
               *a = gw_reals(arg[1], "actual", &na),
               *p = gw_reals(arg[2], "point", &h);
  size_t m = gw_count(arg[3], "period", 0),
         w = rnn_forecast_accuracy_workspace(h);
  if (na != h || w == 0)
    gw_internal("actual and point must be doubles of equal length");
  gw_result(o, 1, NULL);
  if (rnn_forecast_accuracy(
          nh, hist, h, a, p, m,
          gw_set_matrix(o, 0, RNN_ACC_ROWS, rnn_series_accuracy_cols(m),
                        "the accuracy table"),
          gw_work(w, "the accuracy workspace"), &err) != RNN_OK)
    gw_raise(&err);
}

/* naive_scale (x, period): rnn_naive_scale() of each column of the matrix
 * x, NA where a column has no usable scale. */
void gw_naive_scale(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t m, n, p = gw_count(arg[1], "period", 0);
  const double *x = gw_matrix(arg[0], "x", &m, &n);
  double *out;
  gw_result(o, 1, NULL);
  out = gw_set_vector(o, 0, n, 1, "the scales");
  if (rnn_naive_scale(m, n, x, p, out, &err) != RNN_OK) gw_raise(&err);
  gw_na(out, n);
}

/* lambda_summary (lambda): rnn_lambda_summary(), c(min, median, max) of
 * the per-series Box-Cox lambdas (NaN ones left out; none left: NaN), the
 * numbers of the label both hosts print. */
void gw_lambda_summary(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t n;
  const double *l = gw_reals(arg[0], "lambda", &n);
  double *out;
  gw_result(o, 1, NULL);
  out = gw_set_vector(o, 0, 3, 1, "the lambda summary");
  if (rnn_lambda_summary(n, l, out, gw_work(n, "the lambdas"), &err) !=
      RNN_OK)
    gw_raise(&err);
}
