/* CSV files (issue 18): the one reader both hosts use, so that R's
 * rnn_read_csv() and Octave's rnn_read_csv see the same fields, the same
 * column types and the same doubles.
 *
 * Three steps on the file's bytes, which the host reads (the core touches
 * the file system only to write model files):
 *   rnn_csv_scan    the fields of every line (RFC 4180 quoting), checked
 *   rnn_csv_column  one column's type and values (numbers, dates)
 *   rnn_csv_text    fields as text, quotes removed
 *
 * Numbers are converted with correct rounding and without the locale:
 * a decimal of at most 19 significant digits whose value is an integer
 * m <= 2^53 times 10^e, |e| <= 22, is m * 10^e or m / 10^-e in one IEEE
 * operation on two exact doubles (Clinger's fast path: one rounding, so
 * the correctly rounded result); any other number goes to strtod() (which
 * glibc, macOS and the UCRT round correctly) with the decimal point of
 * the current locale put in place of '.', so LC_NUMERIC never changes
 * what a file means. */
#include "internal.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- fields ---------------------------------------------------------- */

static int is_eol(char c) { return c == '\n' || c == '\r'; }

/* The delimiter of a file whose first line starts at b: the most frequent
 * of , ; TAB | outside quotes (ties in that order), ',' when none. */
static char detect_delim(const char *b, size_t n) {
  static const char cand[4] = {',', ';', '\t', '|'};
  size_t count[4] = {0, 0, 0, 0}, i, k, best = 0;
  int q = 0;
  for (i = 0; i < n; i++) {
    if (b[i] == '"') q = !q;
    if (q) continue;
    if (is_eol(b[i])) break;
    for (k = 0; k < 4; k++) count[k] += b[i] == cand[k];
  }
  for (k = 1; k < 4; k++)
    if (count[k] > count[best]) best = k;
  return cand[best];
}

/* Walks the file: records (non-blank lines, or several lines joined by a
 * quoted field) and their fields.  With start != NULL, field j of record
 * r is stored at r + cap * j (cap = rows + 1 as a query found them). */
static int walk(const char *b, size_t n, char d, size_t *start, size_t *len,
                size_t *line, size_t cap, size_t *n_rec, size_t *n_cols,
                rnn_error *err) {
  size_t i = 0, ln = 1, row = 0, ncol = 0, header_line = 1;
  if (n >= 3 && (unsigned char)b[0] == 0xEF && (unsigned char)b[1] == 0xBB &&
      (unsigned char)b[2] == 0xBF)
    i = 3; /* a UTF-8 byte-order mark */
  while (i < n) {
    size_t rec_line = ln, col = 0;
    if (b[i] == '\n' || b[i] == '\r') { /* a blank line */
      if (b[i] == '\r' && i + 1 < n && b[i + 1] == '\n') i++;
      i++;
      ln++;
      continue;
    }
    for (;;) {
      size_t fs = i, ncp, j = i;
      while (j < n && (b[j] == ' ' || b[j] == '\t') && b[j] != d) j++;
      if (j < n && b[j] == '"') fs = i = j; /* spaces before a quote */
      if (i < n && b[i] == '"') {
        i++;
        for (;;) {
          if (i >= n)
            return rnn_fail(err, RNN_ERR_INPUT,
                            "line %lu, column %lu: a quoted field is not "
                            "closed before the end of the file; close it "
                            "with \" (and write a quote inside a field as "
                            "\"\")",
                            (unsigned long)rec_line, (unsigned long)(col + 1));
          if (b[i] == '"') {
            if (i + 1 < n && b[i + 1] == '"') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (b[i] == '\0')
            return rnn_fail(err, RNN_ERR_INPUT,
                            "line %lu, column %lu holds a NUL byte: this is "
                            "not a text file",
                            (unsigned long)ln, (unsigned long)(col + 1));
          if (b[i] == '\n' || (b[i] == '\r' && !(i + 1 < n && b[i + 1] == '\n')))
            ln++;
          i++;
        }
        while (i < n && (b[i] == ' ' || b[i] == '\t') && b[i] != d) i++;
        if (i < n && b[i] != d && !is_eol(b[i]))
          return rnn_fail(err, RNN_ERR_INPUT,
                          "line %lu, column %lu: text after the closing quote "
                          "of a quoted field; write a quote inside a field "
                          "as \"\"",
                          (unsigned long)ln, (unsigned long)(col + 1));
      } else {
        while (i < n && b[i] != d && !is_eol(b[i])) {
          if (b[i] == '"')
            return rnn_fail(err, RNN_ERR_INPUT,
                            "line %lu, column %lu: a quote inside a field "
                            "that does not start with one; quote the whole "
                            "field and double the quote (\"5'11\"\"\")",
                            (unsigned long)ln, (unsigned long)(col + 1));
          if (b[i] == '\0')
            return rnn_fail(err, RNN_ERR_INPUT,
                            "line %lu, column %lu holds a NUL byte: this is "
                            "not a text file",
                            (unsigned long)ln, (unsigned long)(col + 1));
          i++;
        }
      }
      if (rnn_utf8_decode(b + fs, i - fs, NULL, 0, &ncp, NULL) != RNN_OK)
        return rnn_fail(err, RNN_ERR_INPUT,
                        "line %lu, column %lu is not UTF-8; convert the file "
                        "to UTF-8 first (e.g. iconv -f latin1 -t utf-8)",
                        (unsigned long)rec_line, (unsigned long)(col + 1));
      if (start && (row == 0 || col < ncol) && row < cap) {
        start[row + cap * col] = fs;
        len[row + cap * col] = i - fs;
      }
      col++;
      if (i < n && b[i] == d) {
        i++;
        continue;
      }
      break;
    }
    if (i < n) { /* the end of the line */
      if (b[i] == '\r' && i + 1 < n && b[i + 1] == '\n') i++;
      i++;
      ln++;
    }
    if (row == 0) {
      ncol = col;
      header_line = rec_line;
    } else if (col != ncol) {
      return rnn_fail(err, RNN_ERR_INPUT,
                      "line %lu has %lu field(s), but the header (line %lu) "
                      "has %lu; quote fields that contain the delimiter "
                      "'%c'",
                      (unsigned long)rec_line, (unsigned long)col,
                      (unsigned long)header_line, (unsigned long)ncol, d);
    }
    if (start && line && row < cap) line[row] = rec_line;
    row++;
  }
  if (row == 0)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the file has no header line: a CSV file needs one line "
                    "of column names");
  *n_rec = row;
  *n_cols = ncol;
  return RNN_OK;
}

int rnn_csv_scan(const char *buf, size_t size, char delim, size_t *start,
                 size_t *len, size_t *line, size_t n_fields,
                 rnn_csv_info *info, rnn_error *err) {
  size_t n_rec = 0, n_cols = 0, cap;
  int st;
  if (!buf && size > 0)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_csv_scan: NULL argument");
  if (!info) return rnn_fail(err, RNN_ERR_INPUT, "rnn_csv_scan: NULL info");
  if (delim == '"' || is_eol(delim) || delim == ' ')
    return rnn_fail(err, RNN_ERR_INPUT,
                    "the delimiter cannot be a quote, a space or a line end");
  if (delim == '\0') {
    size_t o = size >= 3 && (unsigned char)buf[0] == 0xEF ? 3 : 0;
    while (o < size && is_eol(buf[o])) o++;
    delim = detect_delim(buf + o, size - o);
  }
  info->delim = delim;
  if (start && (!len || !line))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_csv_scan: NULL len or line");
  if (!start) {
    st = walk(buf, size, delim, NULL, NULL, NULL, 0, &n_rec, &n_cols, err);
    if (st != RNN_OK) return st;
    info->n_rows = n_rec - 1;
    info->n_cols = n_cols;
    return RNN_OK;
  }
  cap = info->n_rows + 1;
  if (rnn_size_mul(cap, info->n_cols) > n_fields)
    return rnn_fail(err, RNN_ERR_DIM,
                    "rnn_csv_scan: %lu fields of room for %lu x %lu",
                    (unsigned long)n_fields, (unsigned long)cap,
                    (unsigned long)info->n_cols);
  st = walk(buf, size, delim, start, len, line, cap, &n_rec, &n_cols, err);
  if (st != RNN_OK) return st;
  if (n_rec != cap || n_cols != info->n_cols)
    return rnn_fail(err, RNN_ERR_DIM,
                    "rnn_csv_scan: the file changed between the query and "
                    "the scan");
  return RNN_OK;
}

/* The content of a field: without its quotes (a quoted number or date is
 * one) and surrounding spaces and tabs.  *quoted says whether it had
 * quotes; a field with an inner "" is returned as is. */
static void field_core(const char *b, size_t start, size_t len,
                       const char **s, size_t *n, int *quoted) {
  const char *p = b + start;
  *quoted = 0;
  while (len > 0 && (*p == ' ' || *p == '\t')) p++, len--;
  while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
  if (len >= 2 && p[0] == '"' && p[len - 1] == '"') {
    p++;
    len -= 2;
    *quoted = 1;
    while (len > 0 && (*p == ' ' || *p == '\t')) p++, len--;
    while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t')) len--;
  }
  *s = p;
  *n = len;
}

static int is_missing(const char *s, size_t n) {
  return n == 0 || (n == 2 && s[0] == 'N' && s[1] == 'A');
}

static int word_is(const char *s, size_t n, const char *w) {
  size_t k;
  if (strlen(w) != n) return 0;
  for (k = 0; k < n; k++) {
    char c = s[k];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != w[k]) return 0;
  }
  return 1;
}

/* The slow path: strtod() on a copy whose '.' is the locale's decimal
 * point (the syntax has been checked: only digits, one '.', an exponent). */
static int slow_number(const char *s, size_t n, double *out) {
  char tmp[400];
  const struct lconv *lc = localeconv();
  const char *dp = lc && lc->decimal_point && lc->decimal_point[0]
                       ? lc->decimal_point
                       : ".";
  size_t k, o = 0, dl = strlen(dp);
  char *end;
  for (k = 0; k < n; k++) {
    if (s[k] == '.') {
      if (o + dl >= sizeof tmp) return 0;
      memcpy(tmp + o, dp, dl);
      o += dl;
    } else {
      if (o + 1 >= sizeof tmp) return 0;
      tmp[o++] = s[k];
    }
  }
  tmp[o] = '\0';
  *out = strtod(tmp, &end);
  return end == tmp + o;
}

/* A decimal number [+-]digits[.digits][(e|E)[+-]digits] (or a bare
 * .digits), Inf, Infinity or NaN in any case: 1 and *out, else 0. */
static int parse_number(const char *s, size_t n, double *out) {
  static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0, nd = 0, sig = 0;
  int neg = 0, digits = 0;
  long e10 = 0, ex = 0;
  uint64_t m = 0;
  if (n == 0) return 0;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    i++;
  }
  if (word_is(s + i, n - i, "inf") || word_is(s + i, n - i, "infinity")) {
    *out = neg ? -HUGE_VAL : HUGE_VAL;
    return 1;
  }
  if (word_is(s + i, n - i, "nan")) {
    *out = NAN;
    return 1;
  }
  for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++) {
    digits = 1;
    if (m == 0 && s[i] == '0') continue; /* leading zeros */
    if (sig < 19) m = m * 10 + (uint64_t)(s[i] - '0');
    else e10++;
    sig++;
  }
  if (i < n && s[i] == '.') {
    for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, nd++) {
      digits = 1;
      if (m == 0 && s[i] == '0') {
        e10--;
        continue;
      }
      if (sig < 19) {
        m = m * 10 + (uint64_t)(s[i] - '0');
        e10--;
      }
      sig++;
    }
  }
  if (!digits) return 0;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    int eneg = 0, ed = 0;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ed = 1)
      if (ex < 100000) ex = ex * 10 + (s[i] - '0');
    if (!ed) return 0;
    e10 += eneg ? -ex : ex;
  }
  if (i != n) return 0;
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
  if (sig <= 19 && m <= ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22) {
    double v = (double)m;
    v = e10 < 0 ? v / p10[-e10] : v * p10[e10];
    *out = neg ? -v : v;
    return 1;
  }
#else
  (void)p10;
#endif
  if (m == 0) { /* every digit a zero */
    *out = neg ? -0.0 : 0.0;
    return 1;
  }
  return slow_number(s, n, out);
}

/* ---- dates ----------------------------------------------------------- */

static int month_days(long y, int m) {
  static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return md[m - 1] + (m == 2 && leap);
}

/* The shape of a date field: up to three runs of digits separated by one
 * separator ('-', '/' or '.').  YMD: 4-digit year first, 3 parts; YM: a
 * 4-digit year and a month; XXY: two 1-2 digit parts, then a 4-digit
 * year. */
enum { SHAPE_NONE = 0, SHAPE_YMD = 1, SHAPE_YM = 2, SHAPE_XXY = 3 };

static int date_shape(const char *s, size_t n, char *sep, long part[3]) {
  size_t i = 0, k = 0, w[3] = {0, 0, 0};
  *sep = 0;
  for (;;) {
    size_t j = i;
    long v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - j < 4)
      v = v * 10 + (s[i++] - '0');
    if (i == j || k == 3) return SHAPE_NONE;
    part[k] = v;
    w[k++] = i - j;
    if (i == n) break;
    if (s[i] != '-' && s[i] != '/' && s[i] != '.') return SHAPE_NONE;
    if (*sep && s[i] != *sep) return SHAPE_NONE;
    *sep = s[i++];
  }
  if (k == 3 && w[0] == 4 && w[1] <= 2 && w[2] <= 2) return SHAPE_YMD;
  if (k == 2 && w[0] == 4 && w[1] <= 2 && *sep != '.') return SHAPE_YM;
  if (k == 3 && w[0] <= 2 && w[1] <= 2 && w[2] == 4) return SHAPE_XXY;
  return SHAPE_NONE;
}

static const char *const date_names[] = {
    "",           "YYYY-MM-DD", "YYYY/MM/DD", "YYYY.MM.DD", "YYYY-MM",
    "YYYY/MM",    "DD/MM/YYYY", "MM/DD/YYYY", "DD.MM.YYYY", "DD-MM-YYYY",
    "MM-DD-YYYY"};

const char *rnn_csv_date_name(int format) {
  if (format < 1 || format > RNN_DATE_MDY_DASH) return NULL;
  return date_names[format];
}

/* the format code of a shape, separator and order (day_first for XXY) */
static int format_of(int shape, char sep, int day_first) {
  if (shape == SHAPE_YMD)
    return sep == '-' ? RNN_DATE_YMD : sep == '/' ? RNN_DATE_YMD_SLASH
                                                  : RNN_DATE_YMD_DOT;
  if (shape == SHAPE_YM) return sep == '-' ? RNN_DATE_YM : RNN_DATE_YM_SLASH;
  if (sep == '.') return RNN_DATE_DMY_DOT;
  if (sep == '/') return day_first ? RNN_DATE_DMY : RNN_DATE_MDY;
  return day_first ? RNN_DATE_DMY_DASH : RNN_DATE_MDY_DASH;
}

/* y, m, d of parts read in format f; 0 when that is no date */
static int ymd_of(int f, const long part[3], long *y, int *m, int *d) {
  switch (f) {
  case RNN_DATE_YMD: case RNN_DATE_YMD_SLASH: case RNN_DATE_YMD_DOT:
    *y = part[0], *m = (int)part[1], *d = (int)part[2];
    break;
  case RNN_DATE_YM: case RNN_DATE_YM_SLASH:
    *y = part[0], *m = (int)part[1], *d = 1;
    break;
  case RNN_DATE_DMY: case RNN_DATE_DMY_DOT: case RNN_DATE_DMY_DASH:
    *y = part[2], *m = (int)part[1], *d = (int)part[0];
    break;
  default:
    *y = part[2], *m = (int)part[0], *d = (int)part[1];
  }
  return *m >= 1 && *m <= 12 && *d >= 1 && *d <= month_days(*y, *m);
}

/* ---- columns --------------------------------------------------------- */

int rnn_csv_column(const char *buf, size_t n_rows, const size_t *start,
                   const size_t *len, const size_t *line, size_t col,
                   int day_first, double na, int *type, int *format,
                   double *values, rnn_error *err) {
  size_t r, n_known = 0, first = 0;
  const char *s;
  size_t n;
  int q, shape = SHAPE_NONE, dmy_ok = 1, mdy_ok = 1, f;
  char sep = 0;
  if (!type || !format || !values || (n_rows > 0 && (!buf || !start || !len)))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_csv_column: NULL argument");
  *format = 0;
  /* numbers: every known field is one (a column of missing values too) */
  *type = RNN_CSV_NUMBER;
  for (r = 0; r < n_rows; r++) {
    field_core(buf, start[r], len[r], &s, &n, &q);
    if (is_missing(s, n)) {
      values[r] = na;
      continue;
    }
    if (!parse_number(s, n, values + r)) break;
  }
  if (r == n_rows) return RNN_OK;
  /* dates: every known field of one shape and separator */
  for (r = 0; r < n_rows; r++) {
    long part[3];
    char sp;
    int sh;
    field_core(buf, start[r], len[r], &s, &n, &q);
    if (is_missing(s, n)) continue;
    sh = date_shape(s, n, &sp, part);
    if (sh == SHAPE_NONE || (n_known > 0 && (sh != shape || sp != sep))) break;
    if (n_known++ == 0) {
      shape = sh;
      sep = sp;
      first = r;
    }
    if (sh == SHAPE_XXY) {
      long y;
      int m, d;
      dmy_ok = dmy_ok && ymd_of(RNN_DATE_DMY, part, &y, &m, &d);
      mdy_ok = mdy_ok && ymd_of(RNN_DATE_MDY, part, &y, &m, &d);
    } else {
      long y;
      int m, d;
      if (!ymd_of(format_of(sh, sp, 0), part, &y, &m, &d)) break;
    }
  }
  *type = RNN_CSV_TEXT;
  if (r < n_rows || n_known == 0) {
    for (r = 0; r < n_rows; r++) values[r] = NAN;
    return RNN_OK;
  }
  if (shape == SHAPE_XXY && sep == '.' && !dmy_ok) {
    for (r = 0; r < n_rows; r++) values[r] = NAN;
    return RNN_OK; /* DD.MM.YYYY is read day first only */
  }
  if (shape == SHAPE_XXY && sep != '.') {
    if (day_first == 0 || day_first == 1) {
      /* the order the caller states: a field that is no date in it is an
       * error */
      for (r = 0; r < n_rows; r++) {
        long part[3], y;
        int m, d;
        field_core(buf, start[r], len[r], &s, &n, &q);
        if (is_missing(s, n)) continue;
        date_shape(s, n, &sep, part);
        if (!ymd_of(format_of(shape, sep, day_first), part, &y, &m, &d))
          return rnn_fail(
              err, RNN_ERR_INPUT,
              "line %lu, column %lu: '%.*s' is not a date %s",
              (unsigned long)(line ? line[r] : r + 2), (unsigned long)col,
              (int)(n > 40 ? 40 : n), s,
              date_names[format_of(shape, sep, day_first)]);
      }
    } else if (dmy_ok && mdy_ok) {
      field_core(buf, start[first], len[first], &s, &n, &q);
      return rnn_fail(
          err, RNN_ERR_INPUT,
          "column %lu holds dates such as '%.*s' (line %lu) that read as "
          "day/month/year and as month/day/year; say which (R: day_first = "
          "TRUE or FALSE; Octave: 'DayFirst', true or false)",
          (unsigned long)col, (int)(n > 40 ? 40 : n), s,
          (unsigned long)(line ? line[first] : first + 2));
    } else if (!dmy_ok && !mdy_ok) {
      for (r = 0; r < n_rows; r++) values[r] = NAN;
      return RNN_OK; /* no date in either order: text */
    } else {
      day_first = dmy_ok;
    }
  }
  f = format_of(shape, sep, day_first == 1);
  for (r = 0; r < n_rows; r++) {
    long part[3], y;
    int m, d;
    char sp;
    field_core(buf, start[r], len[r], &s, &n, &q);
    if (is_missing(s, n)) {
      values[r] = na;
      continue;
    }
    date_shape(s, n, &sp, part);
    ymd_of(f, part, &y, &m, &d);
    values[r] = (double)rnn_days_from_civil(y, m, d);
  }
  *type = RNN_CSV_DATE;
  *format = f;
  return RNN_OK;
}

int rnn_csv_text(const char *buf, size_t n_fields, const size_t *start,
                 const size_t *len, char *out, size_t out_len,
                 size_t *out_end, rnn_error *err) {
  size_t k, o = 0;
  if (!out_end || (n_fields > 0 && (!buf || !start || !len)))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_csv_text: NULL argument");
  for (k = 0; k < n_fields; k++) {
    const char *p = buf + start[k];
    size_t n = len[k], i;
    if (n > 0 && p[0] == '"') {
      /* the quoted part: "" is one quote; spaces after the closing quote
       * are not part of the field */
      for (i = 1; i < n; i++) {
        if (p[i] == '"') {
          if (i + 1 < n && p[i + 1] == '"') i++;
          else break;
        }
        if (out) {
          if (o >= out_len)
            return rnn_fail(err, RNN_ERR_DIM, "rnn_csv_text: out too short");
          out[o] = p[i];
        }
        o++;
      }
    } else {
      if (out) {
        if (o + n > out_len)
          return rnn_fail(err, RNN_ERR_DIM, "rnn_csv_text: out too short");
        memcpy(out + o, p, n);
      }
      o += n;
    }
    out_end[k] = o;
  }
  return RNN_OK;
}
