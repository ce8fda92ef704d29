/* The shared gateway layer's host values for R (src/gw/gw.h): SEXP in,
 * a named list out.  The result list is made and protected first, and
 * every value goes into it as it is made, so nothing else needs
 * protecting; r_gw_call() returns it. */
#include "r_util.h"

#include "gw/gw.h"

struct gw_out {
  SEXP res;
  int single; /* gw_result(o, 0 or 1, NULL): slot 0's value or NULL */
};

void gw_internal(const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  error("rnnkit internal error: %s", msg);
}

void gw_raise(const rnn_error *e) { raise_core(e); }

/* Raises the classed R condition of status `code` with a message made
 * here (r_util.h's raise_status). */
void gw_raise_status(int code, const char *fmt, ...) {
  rnn_error e;
  va_list ap;
  e.code = code;
  snprintf(e.id, sizeof e.id, "%s", rnn_status_id(code));
  va_start(ap, fmt);
  vsnprintf(e.msg, sizeof e.msg, fmt, ap);
  va_end(ap);
  raise_core(&e);
}

gw_in gw_field(gw_in list, const char *name) {
  SEXP l = (SEXP)list;
  if (TYPEOF(l) != VECSXP) gw_internal("a list was expected for '%s'", name);
  return find(l, name);
}

gw_in gw_need(gw_in list, const char *name) {
  gw_in v = gw_field(list, name);
  if (!v) gw_internal("element '%s' missing", name);
  return v;
}

int gw_is_list(gw_in v) { return v && TYPEOF((SEXP)v) == VECSXP; }

int gw_is_null(gw_in v) { return !v || isNull((SEXP)v); }

double gw_dbl(gw_in v, const char *what) {
  SEXP x = (SEXP)v;
  if (!isNumeric(x) || XLENGTH(x) != 1)
    gw_internal("%s must be one number", what);
  return asReal(x);
}

int gw_flag(gw_in v, const char *what) {
  (void)what;
  return asLogical((SEXP)v) == TRUE;
}

size_t gw_count(gw_in v, const char *what, size_t lo) {
  double x = gw_dbl(v, what);
  if (!(x >= (double)lo && x <= 2147483647.0 && x == (double)(long)x))
    gw_internal("%s must be a whole number from %lu", what, (unsigned long)lo);
  return (size_t)x;
}

const double *gw_reals(gw_in v, const char *what, size_t *n) {
  SEXP x = (SEXP)v;
  if (TYPEOF(x) != REALSXP) gw_internal("%s must be double", what);
  *n = (size_t)XLENGTH(x);
  return *n ? REAL(x) : NULL;
}

const double *gw_matrix(gw_in v, const char *what, size_t *m, size_t *n) {
  SEXP x = (SEXP)v;
  if (TYPEOF(x) != REALSXP || !isMatrix(x))
    gw_internal("%s must be a double matrix", what);
  *m = (size_t)nrows(x);
  *n = (size_t)ncols(x);
  return REAL(x);
}

const double *gw_array3(gw_in v, const char *what, size_t *a, size_t *b,
                        size_t *c) {
  SEXP x = (SEXP)v, d = getAttrib(x, R_DimSymbol);
  if (TYPEOF(x) != REALSXP || length(d) != 3)
    gw_internal("%s must be a double array of 3 dimensions", what);
  *a = (size_t)INTEGER(d)[0];
  *b = (size_t)INTEGER(d)[1];
  *c = (size_t)INTEGER(d)[2];
  return REAL(x);
}

int *gw_ints(gw_in v, const char *what, int sub, int lo, int hi, size_t *n) {
  SEXP x = (SEXP)v;
  size_t k;
  int *out;
  if (TYPEOF(x) != INTSXP && TYPEOF(x) != REALSXP)
    gw_internal("%s must be integer", what);
  *n = (size_t)XLENGTH(x);
  out = (int *)gw_alloc(*n, sizeof(int));
  for (k = 0; k < *n; k++) {
    double d = TYPEOF(x) == INTSXP
                   ? (INTEGER(x)[k] == NA_INTEGER ? R_NaN : INTEGER(x)[k])
                   : REAL(x)[k];
    d -= sub;
    if (!(d >= lo && d <= hi)) gw_internal("%s out of range", what);
    out[k] = (int)d;
  }
  return out;
}

int gw_code(int table, gw_in v, const char *what) {
  (void)what;
  return code_of(table, (SEXP)v);
}

long gw_n_strings(gw_in v) {
  return TYPEOF((SEXP)v) == STRSXP ? (long)XLENGTH((SEXP)v) : -1;
}

const char *gw_str(gw_in v, const char *what) {
  SEXP x = (SEXP)v;
  if (!isString(x) || XLENGTH(x) != 1 || STRING_ELT(x, 0) == NA_STRING)
    gw_internal("%s must be a string", what);
  return translateCharUTF8(STRING_ELT(x, 0));
}

int gw_string_is(gw_in v, size_t k, const char *s) {
  SEXP e = STRING_ELT((SEXP)v, (R_xlen_t)k);
  return e != NA_STRING && strcmp(CHAR(e), s) == 0;
}

void *gw_alloc(size_t n, size_t size) {
  void *p;
  if (n == 0) n = 1;
  need_bytes(rnn_size_mul(n, size), "the workspace");
  p = R_alloc(n, (int)size);
  memset(p, 0, n * size);
  return p;
}

double *gw_work(size_t n, const char *what) { return alloc_work(n, what); }

void gw_result(gw_out *o, int n, const char *const *names) {
  SEXP nm;
  int k;
  o->res = PROTECT(allocVector(VECSXP, n ? n : 1));
  o->single = names == NULL;
  if (o->single) return;
  nm = allocVector(STRSXP, n);
  setAttrib(o->res, R_NamesSymbol, nm);
  for (k = 0; k < n; k++) SET_STRING_ELT(nm, k, mkChar(names[k]));
}

static double *set(gw_out *o, int k, SEXP v) {
  SET_VECTOR_ELT(o->res, k, v);
  return TYPEOF(v) == REALSXP ? REAL(v) : NULL;
}

double *gw_set_matrix(gw_out *o, int k, size_t m, size_t n, const char *what) {
  return set(o, k, new_matrix(m, n, what));
}

double *gw_set_vector(gw_out *o, int k, size_t n, size_t rows,
                      const char *what) {
  (void)rows;
  return set(o, k, new_doubles(n, what));
}

double *gw_set_array3(gw_out *o, int k, size_t a, size_t b, size_t c,
                      const char *what) {
  return set(o, k, new_array3(a, b, c, what));
}

void gw_set_ints(gw_out *o, int k, size_t n, const int *v, int add) {
  SEXP x = allocVector(INTSXP, (R_xlen_t)n);
  size_t i;
  SET_VECTOR_ELT(o->res, k, x);
  for (i = 0; i < n; i++) INTEGER(x)[i] = v[i] == INT_MIN ? NA_INTEGER : v[i] + add;
}

void gw_set_labels(gw_out *o, int k, size_t n, const int *lab) {
  static const char *name[] = {"train", "gap", "test"};
  SEXP x = allocVector(STRSXP, (R_xlen_t)n);
  size_t i;
  SET_VECTOR_ELT(o->res, k, x);
  for (i = 0; i < n; i++)
    SET_STRING_ELT(x, (R_xlen_t)i,
                   lab[i] >= 0 && lab[i] < 3 ? mkChar(name[lab[i]]) : NA_STRING);
}

void gw_na(double *x, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (ISNAN(x[i])) x[i] = NA_REAL;
}

void gw_set_arg(gw_out *o, int k, gw_in v) { SET_VECTOR_ELT(o->res, k, (SEXP)v); }

double *gw_set_copy(gw_out *o, int k, gw_in v, const char *what) {
  need_doubles((size_t)XLENGTH((SEXP)v), what);
  return set(o, k, duplicate((SEXP)v));
}

void gw_set_string(gw_out *o, int k, const char *s) {
  SET_VECTOR_ELT(o->res, k, ScalarString(mkCharCE(s, CE_UTF8)));
}

void gw_set_flags(gw_out *o, int k, size_t n, const int *v, int plain) {
  SEXP x = allocVector(LGLSXP, (R_xlen_t)n);
  size_t i;
  (void)plain;
  SET_VECTOR_ELT(o->res, k, x);
  for (i = 0; i < n; i++) LOGICAL(x)[i] = v[i] == INT_MIN ? NA_LOGICAL : v[i] != 0;
}

gw_in gw_slot(gw_out *o, int k) { return VECTOR_ELT(o->res, k); }

/* ---- h14-file: bytes, records, string vectors, names ---- */

const unsigned char *gw_bytes(gw_in v, const char *what, size_t *n) {
  SEXP x = (SEXP)v;
  if (TYPEOF(x) != RAWSXP) gw_internal("%s must be a raw vector", what);
  *n = (size_t)XLENGTH(x);
  return *n ? RAW(x) : (const unsigned char *)"";
}

const int32_t *gw_int32s(gw_in v, int logical, const char *what, size_t *n) {
  static const int32_t none = 0;
  SEXP x = (SEXP)v;
  if (TYPEOF(x) != (logical ? LGLSXP : INTSXP))
    gw_internal("%s must be %s", what, logical ? "logical" : "integer");
  *n = (size_t)XLENGTH(x);
  return *n ? (const int32_t *)(logical ? LOGICAL(x) : INTEGER(x)) : &none;
}

const char *gw_path(gw_in v, const char *what) {
  SEXP x = (SEXP)v;
  if (!isString(x) || XLENGTH(x) != 1 || STRING_ELT(x, 0) == NA_STRING)
    gw_internal("%s must be a file name", what);
  return R_ExpandFileName(translateChar(STRING_ELT(x, 0)));
}

const char *gw_string_at(gw_in v, size_t k, const char *what) {
  SEXP x = (SEXP)v;
  if (TYPEOF(x) != STRSXP || k >= (size_t)XLENGTH(x))
    gw_internal("%s must be strings", what);
  x = STRING_ELT(x, (R_xlen_t)k);
  return x == NA_STRING ? NULL : translateCharUTF8(x);
}

size_t gw_n_records(gw_in v, const char *what) {
  if (TYPEOF((SEXP)v) != VECSXP) gw_internal("%s must be a list", what);
  return (size_t)XLENGTH((SEXP)v);
}

gw_in gw_record_field(gw_in v, size_t k, const char *name) {
  SEXP r = VECTOR_ELT((SEXP)v, (R_xlen_t)k);
  if (TYPEOF(r) != VECSXP || TYPEOF(getAttrib(r, R_NamesSymbol)) != STRSXP)
    gw_internal("record %lu must be a named list", (unsigned long)k + 1);
  return find(r, name);
}

void gw_need_bytes(size_t bytes, const char *what) { need_bytes(bytes, what); }

double gw_na_value(void) { return NA_REAL; }

unsigned char *gw_set_bytes(gw_out *o, int k, size_t n, const char *what) {
  SEXP x;
  need_bytes(n, what);
  x = allocVector(RAWSXP, (R_xlen_t)n);
  SET_VECTOR_ELT(o->res, k, x);
  return RAW(x);
}

/* ---- issue 14, text (h14-text): strings and lists ---- */
gw_in gw_elt(gw_in v, size_t k) {
  SEXP l = (SEXP)v;
  if (TYPEOF(l) != VECSXP) gw_internal("a list was expected");
  return k < (size_t)XLENGTH(l) ? VECTOR_ELT(l, (R_xlen_t)k) : NULL;
}

const char *gw_text_at(gw_in v, size_t k, const char *what) {
  SEXP x = (SEXP)v, e;
  if (TYPEOF(x) != STRSXP || k >= (size_t)XLENGTH(x))
    gw_internal("%s must be strings", what);
  e = STRING_ELT(x, (R_xlen_t)k);
  if (e == NA_STRING) return NULL;
  /* R code passes enc2utf8()'d strings: their bytes (latin1 translated) */
  return getCharCE(e) == CE_LATIN1 ? translateCharUTF8(e) : CHAR(e);
}

void gw_set_strings(gw_out *o, int k, size_t n, const char *const *s) {
  SEXP x = allocVector(STRSXP, (R_xlen_t)n);
  size_t i;
  SET_VECTOR_ELT(o->res, k, x);
  for (i = 0; i < n; i++) {
    if (s[i] && strlen(s[i]) > INT_MAX)
      raise_status(RNN_ERR_SIZE, "a string of %.0f bytes is longer than R's "
                   "strings allow", (double)strlen(s[i]));
    SET_STRING_ELT(x, (R_xlen_t)i, s[i] ? mkCharCE(s[i], CE_UTF8) : NA_STRING);
  }
}

void gw_set_dims(gw_out *o, int k, size_t n, const size_t *d) {
  SEXP x = allocVector(INTSXP, (R_xlen_t)n);
  size_t i;
  SET_VECTOR_ELT(o->res, k, x);
  for (i = 0; i < n; i++) INTEGER(x)[i] = (int)d[i];
}

void gw_set_names(gw_out *o, int k, size_t n, const char *const *names) {
  SEXP nm = PROTECT(allocVector(STRSXP, (R_xlen_t)n));
  size_t i;
  for (i = 0; i < n; i++) SET_STRING_ELT(nm, (R_xlen_t)i, mkChar(names[i]));
  setAttrib(VECTOR_ELT(o->res, k), R_NamesSymbol, nm);
  UNPROTECT(1);
}

void gw_shape(gw_out *o, int k, size_t rows) {
  (void)o;
  (void)k;
  (void)rows;
}

/* a result whose slots are the elements of the list x (in a slot) */
static gw_out *sub(SEXP x) {
  gw_out *s = (gw_out *)R_alloc(1, sizeof *s);
  s->res = x;
  s->single = 0;
  return s;
}

gw_out *gw_set_list(gw_out *o, int k, size_t n) {
  SEXP x = allocVector(VECSXP, (R_xlen_t)n);
  SET_VECTOR_ELT(o->res, k, x);
  return sub(x);
}

void gw_set_records(gw_out *o, int k, size_t n, int nf,
                    const char *const *names) {
  SEXP x = allocVector(VECSXP, (R_xlen_t)n);
  size_t i;
  int j;
  SET_VECTOR_ELT(o->res, k, x);
  for (i = 0; i < n; i++) {
    SEXP r = allocVector(VECSXP, nf), nm;
    SET_VECTOR_ELT(x, (R_xlen_t)i, r);
    nm = PROTECT(allocVector(STRSXP, nf));
    for (j = 0; j < nf; j++) SET_STRING_ELT(nm, j, mkChar(names[j]));
    setAttrib(r, R_NamesSymbol, nm);
    UNPROTECT(1);
  }
}

gw_out *gw_record(gw_out *o, int k, size_t i) {
  return sub(VECTOR_ELT(VECTOR_ELT(o->res, k), (R_xlen_t)i));
}
/* ---- end of h14-file ---- */

void gw_set_id_list(gw_out *o, int k, size_t n, gw_in like) {
  (void)like;
  SET_VECTOR_ELT(o->res, k, allocVector(VECSXP, (R_xlen_t)n));
}

void gw_set_item_ints(gw_out *o, int k, size_t i, size_t n, const int *v) {
  SEXP x = allocVector(INTSXP, (R_xlen_t)n);
  SET_VECTOR_ELT(VECTOR_ELT(o->res, k), (R_xlen_t)i, x);
  if (n) memcpy(INTEGER(x), v, n * sizeof(int));
}

void gw_set_int_matrix(gw_out *o, int k, size_t m, size_t n, const double *v,
                       const char *what) {
  SEXP x;
  size_t i;
  check_dims(m, n, 1, what);
  x = allocMatrix(INTSXP, (int)m, (int)n);
  SET_VECTOR_ELT(o->res, k, x);
  for (i = 0; i < m * n; i++) INTEGER(x)[i] = (int)v[i];
}
/* ---- end of issue 14, text (h14-text) ---- */

/* Runs a shared command on the .Call's arguments; its result list. */
SEXP r_gw_call(gw_command fn, const SEXP *arg) {
  struct gw_out o;
  o.res = R_NilValue;
  o.single = 0;
  fn(&o, (const gw_in *)arg);
  UNPROTECT(1); /* gw_result's */
  return o.single ? VECTOR_ELT(o.res, 0) : o.res;
}

/* Trains with the host's callbacks in f (r_rnnkit.c). */
SEXP r_gw_train(const SEXP *arg, gw_fit *f) {
  struct gw_out o;
  o.res = R_NilValue;
  o.single = 0;
  gw_train(&o, (const gw_in *)arg, f);
  UNPROTECT(1); /* gw_result's */
  return o.res;
}
