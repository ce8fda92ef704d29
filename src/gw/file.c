/* The shared gateway layer's commands around files and names (issue 14):
 * model files, the core's schema, CSV files, calendar features, the
 * memory check for host code.  Arguments as the .Call functions and the
 * MEX commands of the same names take them (R: rnnkit_<name>; Octave:
 * __rnnkit__ ("<name>", ...)). */
#include "gw.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Real doubles, never NULL (the core wants a pointer even for none). */
static const double *reals(gw_in v, const char *what, size_t *n) {
  static const double none = 0;
  const double *x = gw_reals(v, what, n);
  return x ? x : &none;
}

/* A whole number in int's range. */
static int whole(gw_in v, const char *what) {
  double x = gw_dbl(v, what);
  if (!(x >= -2147483647.0 && x <= 2147483647.0 && x == (double)(long)x))
    gw_internal("%s must be a whole number", what);
  return (int)x;
}

/* NUL-terminated copies of n texts s[k] of len[k] bytes (NULL stays
 * NULL), for gw_set_strings(). */
static const char **texts(size_t n, const char *const *s, const size_t *len) {
  size_t k, nb = 0;
  const char **out = (const char **)gw_alloc(n, sizeof *out);
  char *z;
  for (k = 0; k < n; k++) nb += s[k] ? len[k] + 1 : 0;
  z = (char *)gw_alloc(nb, 1);
  for (k = 0; k < n; k++) {
    if (!s[k]) continue;
    memcpy(z, s[k], len[k]);
    out[k] = z;
    z += len[k] + 1;
  }
  return out;
}

/* ---- model files (src/core/modelfile.c) ---- */

/* records (R/io.R's list of list(name, type, kind, dims, value); the .m
 * files' struct array of those fields) -> the file's bytes. */
void gw_model_encode(gw_out *o, const gw_in *arg) {
  static const double no_dbl = 0;
  size_t n = gw_n_records(arg[0], "records"), k, j, nd, nval, want, size;
  rnn_record *r = (rnn_record *)gw_alloc(n, sizeof *r);
  rnn_error err;
  for (k = 0; k < n; k++) {
    static const char *const fld[] = {"name", "type", "kind", "dims", "value"};
    gw_in f[5];
    int *d, c;
    for (c = 0; c < 5; c++)
      if (!(f[c] = gw_record_field(arg[0], k, fld[c])))
        gw_internal("record %lu has no %s", (unsigned long)k + 1, fld[c]);
    r[k].name = gw_str(f[0], "a record's name");
    r[k].type = whole(f[1], "type");
    r[k].kind = whole(f[2], "kind");
    d = gw_ints(f[3], "dims", 0, 0, INT_MAX, &nd);
    if (nd > RNN_MF_MAX_DIMS) gw_internal("dims of record '%s'", r[k].name);
    r[k].n_dims = (int)nd;
    for (j = 0, want = nd ? 1 : 0; j < nd; j++) {
      r[k].dims[j] = (size_t)d[j];
      want *= r[k].dims[j];
    }
    switch (r[k].type) {
    case RNN_REC_DOUBLE:
      r[k].dbl = gw_reals(f[4], r[k].name, &nval);
      if (!r[k].dbl) r[k].dbl = &no_dbl;
      break;
    case RNN_REC_INT:
    case RNN_REC_LOGICAL:
      r[k].i32 = gw_int32s(f[4], r[k].type == RNN_REC_LOGICAL, r[k].name, &nval);
      break;
    case RNN_REC_STRING: {
      long ns = gw_n_strings(f[4]);
      const char **s;
      if (ns < 0) gw_internal("string record '%s' needs strings", r[k].name);
      s = (const char **)gw_alloc(nval = (size_t)ns, sizeof *s);
      for (j = 0; j < nval; j++) s[j] = gw_string_at(f[4], j, r[k].name);
      r[k].str = s;
      break;
    }
    default:
      nval = 0;
    }
    if (r[k].type <= RNN_REC_STRING && nval != want) /* the encoder trusts the dims */
      gw_internal("record '%s' has %lu values for its dims", r[k].name,
                  (unsigned long)nval);
  }
  if (rnn_model_encode_size(r, n, &size, &err) != RNN_OK) gw_raise(&err);
  gw_result(o, 1, NULL);
  if (rnn_model_encode(r, n, gw_set_bytes(o, 0, size, "the model file"), size,
                       &err) != RNN_OK)
    gw_raise(&err);
}

/* bytes of a model file -> its records (name, type, kind, dims, value)
 * after the core checked them.  Values: doubles, ints (R: integer;
 * Octave: double, NA as NaN), logicals (Octave: NA false), strings
 * (Octave: a column cell, NA as []). */
void gw_model_decode(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"name", "type", "kind", "dims", "value"};
  size_t size, k;
  const unsigned char *buf = gw_bytes(arg[0], "bytes", &size);
  rnn_model_info info;
  rnn_record_view *v;
  rnn_error err;
  if (rnn_model_parse(buf, size, &info, &err) != RNN_OK) gw_raise(&err);
  /* n_records is checked against the file's size by now */
  v = (rnn_record_view *)gw_alloc(info.n_records, sizeof *v);
  if (rnn_model_records(buf, size, v, info.n_records, &info, &err) != RNN_OK)
    gw_raise(&err);
  gw_result(o, 1, NULL);
  gw_set_records(o, 0, info.n_records, 5, nm);
  for (k = 0; k < info.n_records; k++) {
    const rnn_record_view *r = &v[k];
    gw_out *f = gw_record(o, 0, k);
    int32_t *iv = (int32_t *)gw_alloc(r->n, sizeof *iv);
    gw_set_string(f, 0, texts(1, &r->name, &r->name_len)[0]);
    gw_set_ints(f, 1, 1, &r->type, 0);
    gw_set_ints(f, 2, 1, &r->kind, 0);
    gw_set_dims(f, 3, (size_t)r->n_dims, r->dims);
    switch (r->type) {
    case RNN_REC_DOUBLE:
      rnn_record_doubles(r, gw_set_vector(f, 4, r->n, r->n, "the model file"));
      break;
    case RNN_REC_INT:
    case RNN_REC_LOGICAL:
      rnn_record_ints(r, iv);
      if (r->type == RNN_REC_INT)
        gw_set_ints(f, 4, r->n, (const int *)iv, 0);
      else
        gw_set_flags(f, 4, r->n, (const int *)iv, 0);
      break;
    case RNN_REC_STRING: {
      const char **s = (const char **)gw_alloc(r->n, sizeof *s);
      size_t *len = (size_t *)gw_alloc(r->n, sizeof *len);
      rnn_record_strings(r, s, len);
      gw_set_strings(f, 4, r->n, texts(r->n, s, len));
      gw_shape(f, 4, r->n);
      break;
    }
    default:
      break; /* R: NULL; Octave: [] */
    }
  }
}

/* file, bytes: written with rnn_write_file() (a temporary file beside
 * file, flushed and renamed over it: a failure, an io error, leaves file
 * as it was). */
void gw_write_file(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t n;
  const char *path = gw_path(arg[0], "file");
  const unsigned char *b = gw_bytes(arg[1], "bytes", &n);
  gw_result(o, 0, NULL);
  if (rnn_write_file(path, b, n, &err) != RNN_OK) gw_raise(&err);
}

/* ---- the schema (src/core/schema.c) ---- */

/* The core's tables of names (cell = c(simple = 0, lstm = 1, ...): R
 * named integers, Octave a struct), "defaults" (units = 16, ...), "head"
 * (mse = "linear", ...) and "filters" (char = "", word = ...). */
void gw_schema(gw_out *o, const gw_in *arg) {
  const char *what[RNN_NAMES_N + 3], **s;
  const rnn_default *d;
  size_t n, k;
  int t, *code;
  double *x;
  (void)arg;
  for (t = 0; t < RNN_NAMES_N; t++) what[t] = rnn_names_what(t);
  what[RNN_NAMES_N] = "defaults";
  what[RNN_NAMES_N + 1] = "head";
  what[RNN_NAMES_N + 2] = "filters";
  gw_result(o, RNN_NAMES_N + 3, what);
  for (t = 0; t < RNN_NAMES_N; t++) {
    const char *const *nm = rnn_names(t, &n);
    code = (int *)gw_alloc(n, sizeof *code);
    for (k = 0; k < n; k++) code[k] = (int)k;
    gw_set_ints(o, t, n, code, 0);
    gw_set_names(o, t, n, nm);
  }
  d = rnn_defaults(&n);
  x = gw_set_vector(o, RNN_NAMES_N, n, n, "the defaults");
  s = (const char **)gw_alloc(n, sizeof *s);
  for (k = 0; k < n; k++) {
    x[k] = d[k].value;
    s[k] = d[k].name;
  }
  gw_set_names(o, RNN_NAMES_N, n, s);
  for (t = 0; t < 2; t++) {
    int table = t ? RNN_NAMES_LEVEL : RNN_NAMES_LOSS;
    const char *const *nm = rnn_names(table, &n);
    s = (const char **)gw_alloc(n, sizeof *s);
    for (k = 0; k < n; k++)
      s[k] = t ? rnn_default_filters((int)k)
               : rnn_name_of(RNN_NAMES_ACTIVATION, rnn_default_head((int)k));
    gw_set_strings(o, RNN_NAMES_N + 1 + t, n, s);
    gw_set_names(o, RNN_NAMES_N + 1 + t, n, nm);
  }
}

/* paths (strings), flag ("int", "date", "matrix", "dataframe"): whether
 * each path has that RNN_FIELD_* flag (Octave: a logical row). */
void gw_file_flags(gw_out *o, const gw_in *arg) {
  long n = gw_n_strings(arg[0]), k;
  int c = gw_code(RNN_NAMES_FIELD, arg[1], "flag"), *v;
  if (n < 0 || !rnn_name_of(RNN_NAMES_FIELD, c))
    gw_internal("file_flags(paths, the name of a field flag)");
  v = (int *)gw_alloc((size_t)n, sizeof *v);
  for (k = 0; k < n; k++) {
    const char *p = gw_string_at(arg[0], (size_t)k, "paths");
    v[k] = p && ((rnn_file_field_flags(p, strlen(p)) >> c) & 1u);
  }
  gw_result(o, 1, NULL);
  gw_set_flags(o, 0, (size_t)n, v, 0);
  gw_shape(o, 0, 1);
}

/* x (a string), choices (strings): the 1-based index of the choice
 * nearest to x, 0 when none is near. */
void gw_suggest(gw_out *o, const gw_in *arg) {
  const char *x = gw_str(arg[0], "x"), **c;
  long n = gw_n_strings(arg[1]), k;
  int i;
  if (n < 0) gw_internal("suggest(string, strings)");
  c = (const char **)gw_alloc((size_t)n, sizeof *c);
  for (k = 0; k < n; k++) c[k] = gw_string_at(arg[1], (size_t)k, "choices");
  i = rnn_suggest(x, c, (size_t)n) + 1;
  gw_result(o, 1, NULL);
  gw_set_ints(o, 0, 1, &i, 0);
}

/* ---- CSV files (issue 18; src/core/csv.c) ---- */

/* The n fields (s, l) of buf as text (rnn_csv_text), for `what`. */
static const char **csv_texts(const char *buf, size_t n, const size_t *s,
                              const size_t *l, size_t *end) {
  rnn_error err;
  size_t nb, k, *len = (size_t *)gw_alloc(n, sizeof *len);
  const char **p = (const char **)gw_alloc(n, sizeof *p);
  char *t;
  if (rnn_csv_text(buf, n, s, l, NULL, 0, end, &err) != RNN_OK) gw_raise(&err);
  nb = n ? end[n - 1] : 0;
  gw_need_bytes(2 * nb + n + 1, "a column of the file");
  t = (char *)gw_alloc(nb + 1, 1);
  if (rnn_csv_text(buf, n, s, l, t, nb, end, &err) != RNN_OK) gw_raise(&err);
  for (k = 0; k < n; k++) {
    p[k] = t + (k ? end[k - 1] : 0);
    len[k] = end[k] - (k ? end[k - 1] : 0);
  }
  return texts(n, p, len);
}

/* bytes (the file's), delim ("": detect, or one character), day_first
 * (NA or -1: decide from the dates, TRUE / 1, FALSE / 0) -> names,
 * columns (doubles: numbers, day counts for dates, types 2; strings for
 * text; the host's missing value for a missing number), types, formats,
 * delimiter (the one used).  Octave: rows, a text column a column cell. */
void gw_read_csv(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"names", "columns", "types", "formats",
                                   "delimiter"};
  rnn_error err;
  rnn_csv_info info;
  size_t size, nf, cap, j, *start, *len, *line, *end;
  const char *buf = (const char *)gw_bytes(arg[0], "bytes", &size);
  const char *d = gw_str(arg[1], "delim"), **hdr, **fmts;
  double dfv = gw_dbl(arg[2], "day_first");
  int df = dfv != dfv ? -1 : dfv == -1 ? -1 : dfv == 0 ? 0 : dfv == 1 ? 1 : 2;
  int *type, fmt;
  double *x;
  char delim[2];
  gw_out *cols;
  if (strlen(d) > 1 || df == 2) gw_internal("read_csv(bytes, delim, day_first)");
  if (rnn_csv_scan(buf, size, d[0], NULL, NULL, NULL, 0, &info, &err) != RNN_OK)
    gw_raise(&err);
  cap = info.n_rows + 1;
  nf = rnn_size_mul(cap, info.n_cols);
  gw_need_bytes(rnn_size_mul(rnn_size_mul(nf, 2) + 2 * cap, sizeof(size_t)),
                "the fields of the file");
  start = (size_t *)gw_alloc(nf, sizeof(size_t));
  len = (size_t *)gw_alloc(nf, sizeof(size_t));
  end = (size_t *)gw_alloc(cap, sizeof(size_t));
  line = (size_t *)gw_alloc(cap, sizeof(size_t));
  if (rnn_csv_scan(buf, size, d[0], start, len, line, nf, &info, &err) != RNN_OK)
    gw_raise(&err);
  type = (int *)gw_alloc(info.n_cols, sizeof *type);
  hdr = (const char **)gw_alloc(info.n_cols, sizeof *hdr);
  fmts = (const char **)gw_alloc(info.n_cols, sizeof *fmts);
  gw_result(o, 5, nm);
  cols = gw_set_list(o, 1, info.n_cols);
  x = gw_work(info.n_rows, "a column of the file");
  for (j = 0; j < info.n_cols; j++) {
    const size_t *s = start + cap * j, *l = len + cap * j;
    hdr[j] = csv_texts(buf, 1, s, l, end)[0];
    if (rnn_csv_column(buf, info.n_rows, s + 1, l + 1, line + 1, j + 1, df,
                       gw_na_value(), &type[j], &fmt, x, &err) != RNN_OK)
      gw_raise(&err);
    fmts[j] = type[j] == RNN_CSV_NUMBER ? "number"
              : type[j] == RNN_CSV_TEXT ? "text"
                                        : rnn_csv_date_name(fmt);
    if (type[j] == RNN_CSV_TEXT)
      gw_set_strings(cols, (int)j, info.n_rows,
                     csv_texts(buf, info.n_rows, s + 1, l + 1, end));
    else if (info.n_rows) /* a column of none: 0 x 1 (Octave) */
      memcpy(gw_set_vector(cols, (int)j, info.n_rows, info.n_rows,
                           "a column of the file"),
             x, info.n_rows * sizeof *x);
    else
      gw_set_vector(cols, (int)j, 0, 0, "a column of the file");
    gw_shape(cols, (int)j, info.n_rows);
  }
  gw_set_strings(o, 0, info.n_cols, hdr);
  gw_set_ints(o, 2, info.n_cols, type, 0);
  gw_shape(o, 2, 1);
  gw_set_strings(o, 3, info.n_cols, fmts);
  delim[0] = info.delim;
  delim[1] = '\0';
  gw_set_string(o, 4, delim);
}

/* ---- calendar features (issue 15) ---- */

/* days (day counts), kinds (names "wday", "month", "quarter", or "auto":
 * the kind rnn_calendar_auto() picks for the dates' period, none for
 * yearly) -> features (n x 2k, rnn_calendar_features()) and names
 * ("<kind>_sin", "<kind>_cos"). */
void gw_calendar(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"features", "names"};
  const char *const *names = rnn_names(RNN_NAMES_CALENDAR, NULL);
  const char **cn;
  rnn_error err;
  size_t n, nk, c;
  const double *days = reals(arg[0], "days", &n);
  long ns = gw_n_strings(arg[1]);
  int *code, is_auto;
  char *buf;
  if (ns < 0 && strcmp(gw_str(arg[1], "kinds"), "auto") != 0)
    gw_internal("calendar kinds are names or \"auto\"");
  is_auto = ns < 0 || (ns == 1 && gw_string_is(arg[1], 0, "auto"));
  nk = is_auto ? 1 : (size_t)ns;
  code = (int *)gw_alloc(nk, sizeof *code);
  if (is_auto) {
    int period = RNN_STEP_NONE;
    if (n > 0 && rnn_date_period(n, days, gw_work(n, "the date steps"), &period,
                                 &err) != RNN_OK)
      gw_raise(&err);
    code[0] = rnn_calendar_auto(period);
    nk = code[0] >= 0;
  } else {
    for (c = 0; c < nk; c++) {
      const char *s = gw_string_at(arg[1], c, "kinds");
      if (!s) gw_internal("a calendar kind must be a name");
      if (rnn_code_of(RNN_NAMES_CALENDAR, s, &code[c], &err) != RNN_OK)
        gw_raise(&err);
    }
  }
  gw_result(o, 2, nm);
  if (rnn_calendar_features(n, days, nk, code,
                            gw_set_matrix(o, 0, n, 2 * nk, "the calendar features"),
                            &err) != RNN_OK)
    gw_raise(&err);
  cn = (const char **)gw_alloc(2 * nk, sizeof *cn);
  buf = (char *)gw_alloc(2 * nk, 64);
  for (c = 0; c < 2 * nk; c++) {
    snprintf(buf + 64 * c, 64, "%s_%s", names[code[c / 2]], c % 2 ? "cos" : "sin");
    cn[c] = buf + 64 * c;
  }
  gw_set_strings(o, 1, 2 * nk, cn);
}

/* ---- the rest ---- */

/* bytes, what: for host code that makes large arrays itself (padded
 * sequences), the check made before the gateways' own allocations. */
void gw_need_memory(gw_out *o, const gw_in *arg) {
  double b = gw_dbl(arg[0], "bytes");
  if (!(b >= 0)) gw_internal("need_memory(bytes, what)");
  gw_result(o, 0, NULL);
  gw_need_bytes(b >= (double)SIZE_MAX ? SIZE_MAX : (size_t)b, gw_str(arg[1], "what"));
}

/* tab (n_stat x n_keys, one column per key) -> the n_stat means over the
 * keys of its finite values, a panel's pooled row (issue 16). */
void gw_panel_pool(gw_out *o, const gw_in *arg) {
  size_t ns, nk;
  const double *tab = gw_matrix(arg[0], "tab", &ns, &nk);
  gw_result(o, 1, NULL);
  rnn_panel_pool(nk, ns, tab, gw_set_vector(o, 0, ns, ns, "the pooled row"));
}
