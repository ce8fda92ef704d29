/* Calendar stepping on day counts (days since 1970-01-01, R's Date; an
 * Octave datenum is the day count + 719529), for forecast dates and for
 * matching forecasts to the dates of later data.
 *
 * Months, quarters and years step from the same day of the month as R's
 * seq(by = "month") does (and Octave's datenum (y, m + k, d)): the date
 * k months on is the first of that month plus (day - 1) days, so a day
 * the target month lacks rolls over into the next one (31 January + 1
 * month = 3 March in 2021, 29 February + 1 year = 1 March).  The civil
 * calendar conversions are Howard Hinnant's integer algorithms
 * (proleptic Gregorian), exact for any day count a double holds as an
 * integer up to +-2^52. */
#include "internal.h"

#include <math.h>
#include <stdlib.h>

/* 64-bit integer day count <-> year, month (1..12), day (1..31); the
 * first is shared with the CSV reader (internal.h) */
long long rnn_days_from_civil(long long y, int m, int d) {
  long long era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(long long z, long long *y, int *m, int *d) {
  long long era, doe, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

/* ISO weekday of the day that holds `day`: 1 Monday .. 7 Sunday (R's
 * format(, "%u")); 1970-01-01 was a Thursday. */
static int iso_weekday(double day) {
  long long z = (long long)floor(day);
  long long w = (z + 3) % 7;
  return (int)(w < 0 ? w + 7 : w) + 1;
}

/* Day counts a double holds exactly as whole numbers, with room to step */
static int day_in_range(double day) {
  return isfinite(day) && fabs(day) < 4503599627370496.0; /* 2^52 */
}

int rnn_date_step(double from, int unit, size_t n, double *out,
                  rnn_error *err) {
  size_t k;
  if (!out && n > 0)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_date_step: NULL argument");
  if (!day_in_range(from) || !day_in_range(from + 3.0 * (double)n))
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the date %g (days since 1970-01-01) is missing or out "
                    "of range",
                    from);
  switch (unit) {
    case RNN_STEP_DAY:
      for (k = 0; k < n; k++) out[k] = from + (double)(k + 1);
      return RNN_OK;
    case RNN_STEP_WEEKDAY: {
      double d = from;
      for (k = 0; k < n; k++) {
        do d += 1.0;
        while (iso_weekday(d) >= 6);
        out[k] = d;
      }
      return RNN_OK;
    }
    case RNN_STEP_MONTH:
    case RNN_STEP_QUARTER:
    case RNN_STEP_YEAR: {
      long long y, months;
      int m, d, per = unit == RNN_STEP_MONTH ? 1 : unit == RNN_STEP_QUARTER ? 3 : 12;
      civil_from_days((long long)floor(from), &y, &m, &d);
      months = y * 12 + (m - 1);
      for (k = 0; k < n; k++) {
        long long t = months + (long long)(k + 1) * per;
        long long ny = t >= 0 ? t / 12 : -((-t + 11) / 12);
        int nm = (int)(t - ny * 12) + 1;
        out[k] = (double)(rnn_days_from_civil(ny, nm, 1) + d - 1);
      }
      return RNN_OK;
    }
    default:
      return rnn_fail(err, RNN_ERR_INPUT, "unknown date step unit %d", unit);
  }
}

/* The median of the n - 1 steps of index (n >= 2), as R's median() */
static double median_step(size_t n, const double *index, double *work) {
  size_t k, m = n - 1;
  for (k = 0; k < m; k++) work[k] = index[k + 1] - index[k];
  qsort(work, m, sizeof(double), rnn_cmp_double);
  return rnn_sorted_median(work, m);
}

static int check_index(size_t n, const double *index, const double *work,
                       rnn_error *err) {
  size_t k;
  if (n == 0 || !index || !work)
    return rnn_fail(err, RNN_ERR_INPUT, "the date index is empty or NULL");
  for (k = 0; k < n; k++)
    if (!day_in_range(index[k]))
      return rnn_fail(err, RNN_ERR_INPUT,
                      "date %lu of the index is missing or out of range",
                      (unsigned long)(k + 1));
  return RNN_OK;
}

int rnn_date_period(size_t n, const double *index, double *work,
                    int *period, rnn_error *err) {
  double step;
  int st = check_index(n, index, work, err);
  if (st != RNN_OK) return st;
  if (!period) return rnn_fail(err, RNN_ERR_INPUT, "rnn_date_period: NULL argument");
  if (n < 2) {
    *period = RNN_STEP_NONE;
    return RNN_OK;
  }
  step = median_step(n, index, work);
  if (step >= 28 && step <= 31)
    *period = RNN_STEP_MONTH;
  else if (step >= 89 && step <= 92)
    *period = RNN_STEP_QUARTER;
  else if (step >= 365 && step <= 366)
    *period = RNN_STEP_YEAR;
  else
    *period = RNN_STEP_DAY;
  return RNN_OK;
}

int rnn_next_dates(size_t n, const double *index, int dated, size_t h,
                   double *out, double *work, rnn_error *err) {
  double last, step = 1.0;
  size_t k;
  int st = check_index(n, index, work, err), period;
  if (st != RNN_OK) return st;
  if (!out && h > 0) return rnn_fail(err, RNN_ERR_INPUT, "rnn_next_dates: NULL argument");
  last = index[n - 1];
  if (n > 1) step = median_step(n, index, work);
  if (!dated) {
    for (k = 0; k < h; k++) out[k] = last + step * (double)(k + 1);
    return RNN_OK;
  }
  st = rnn_date_period(n, index, work, &period, err);
  if (st != RNN_OK) return st;
  if (period == RNN_STEP_MONTH || period == RNN_STEP_QUARTER ||
      period == RNN_STEP_YEAR)
    return rnn_date_step(last, period, h, out, err);
  if (step <= 1.5) {
    for (k = 0; k < n && iso_weekday(index[k]) < 6; k++) continue;
    if (k == n) return rnn_date_step(last, RNN_STEP_WEEKDAY, h, out, err);
  }
  /* R's round(): halves to even (nearbyint in the default rounding mode) */
  step = nearbyint(step);
  for (k = 0; k < h; k++) out[k] = last + step * (double)(k + 1);
  return RNN_OK;
}

int rnn_date_keys(int period, size_t n, const double *days, double *key,
                  rnn_error *err) {
  size_t k;
  if (n > 0 && (!days || !key))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_date_keys: NULL argument");
  for (k = 0; k < n; k++) {
    long long y;
    int m, d;
    if (isnan(days[k])) {
      key[k] = NAN;
      continue;
    }
    if (!day_in_range(days[k]))
      return rnn_fail(err, RNN_ERR_INPUT, "date %lu is out of range",
                      (unsigned long)(k + 1));
    if (period == RNN_STEP_MONTH || period == RNN_STEP_QUARTER ||
        period == RNN_STEP_YEAR) {
      civil_from_days((long long)floor(days[k]), &y, &m, &d);
      key[k] = period == RNN_STEP_MONTH     ? (double)(y * 12 + m)
               : period == RNN_STEP_QUARTER ? (double)(y * 4 + (m - 1) / 3)
                                            : (double)y;
    } else {
      key[k] = days[k];
    }
  }
  return RNN_OK;
}

int rnn_match_dates(size_t n_fc, const double *fc, size_t n_hist,
                    const double *hist, size_t n_idx, const double *index,
                    double *pos, double *work, rnn_error *err) {
  size_t k, j;
  int st, p_fc = RNN_STEP_NONE, p_idx = RNN_STEP_NONE;
  double *all = work, *kf, *ki;
  if (n_fc == 0 || !fc || !pos || !work || (n_hist && !hist) ||
      (n_idx && !index))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_match_dates: empty or NULL argument");
  for (k = 0; k < n_hist; k++) all[k] = hist[k];
  for (k = 0; k < n_fc; k++) all[n_hist + k] = fc[k];
  kf = all + n_hist + n_fc;
  ki = kf + n_fc;
  st = rnn_date_period(n_hist + n_fc, all, ki, &p_fc, err);
  if (st != RNN_OK) return st;
  if (n_idx > 0 && (p_fc == RNN_STEP_MONTH || p_fc == RNN_STEP_QUARTER ||
                    p_fc == RNN_STEP_YEAR)) {
    for (k = 0; k < n_idx; k++)
      if (isnan(index[k])) break;
    if (k == n_idx) {
      st = rnn_date_period(n_idx, index, ki, &p_idx, err);
      if (st != RNN_OK) return st;
    }
  }
  if (p_idx != p_fc) p_fc = RNN_STEP_DAY; /* match the days themselves */
  st = rnn_date_keys(p_fc, n_fc, fc, kf, err);
  if (st == RNN_OK) st = rnn_date_keys(p_fc, n_idx, index, ki, err);
  if (st != RNN_OK) return st;
  for (k = 0; k < n_fc; k++) {
    pos[k] = NAN;
    for (j = 0; j < n_idx; j++)
      if (kf[k] == ki[j]) { /* NaN matches nothing */
        pos[k] = (double)(j + 1);
        break;
      }
  }
  return RNN_OK;
}

/* ---- calendar features (issue 15, covariates) ---------------------- */

int rnn_calendar_auto(int period) {
  switch (period) {
    case RNN_STEP_DAY:
    case RNN_STEP_WEEKDAY:
      return RNN_CAL_WDAY;
    case RNN_STEP_MONTH:
      return RNN_CAL_MONTH;
    case RNN_STEP_QUARTER:
      return RNN_CAL_QUARTER;
    default:
      return -1;
  }
}

int rnn_calendar_features(size_t n, const double *days, size_t n_kinds,
                          const int *kinds, double *out, rnn_error *err) {
  const double two_pi = 6.283185307179586476925286766559;
  size_t k, c;
  if ((n > 0 && (!days || !out)) || (n_kinds > 0 && !kinds))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_calendar_features: NULL argument");
  for (c = 0; c < n_kinds; c++)
    if (kinds[c] < RNN_CAL_WDAY || kinds[c] > RNN_CAL_QUARTER)
      return rnn_fail(err, RNN_ERR_INPUT, "unknown calendar feature %d",
                      kinds[c]);
  for (k = 0; k < n; k++) {
    long long y, z, w;
    int m, d;
    if (isnan(days[k])) {
      for (c = 0; c < 2 * n_kinds; c++) out[k + n * c] = NAN;
      continue;
    }
    if (!day_in_range(days[k]))
      return rnn_fail(err, RNN_ERR_INPUT, "date %lu is out of range",
                      (unsigned long)(k + 1));
    z = (long long)floor(days[k]);
    civil_from_days(z, &y, &m, &d);
    w = (z + 4) % 7; /* 1970-01-01 was a Thursday ($wday 4) */
    if (w < 0) w += 7;
    for (c = 0; c < n_kinds; c++) {
      double v, P;
      if (kinds[c] == RNN_CAL_WDAY) {
        v = (double)w;
        P = 7.0;
      } else if (kinds[c] == RNN_CAL_MONTH) {
        v = (double)(m - 1);
        P = 12.0;
      } else {
        v = (double)((m - 1) / 3);
        P = 4.0;
      }
      out[k + n * (2 * c)] = sin(two_pi * v / P);
      out[k + n * (2 * c + 1)] = cos(two_pi * v / P);
    }
  }
  return RNN_OK;
}
