/* The shared gateway layer's host values for Octave (../../src/gw/gw.h):
 * mxArray in, a struct or the MEX command's outputs out. */
#include "mex.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gw/gw.h"

struct gw_out {
  mxArray **plhs; /* the command's outputs                            */
  int as_struct;  /* 1: one struct in plhs[0]; 0: slot k is plhs[k]   */
  int n;
  const char *const *names;
  mxArray *cell;  /* gw_set_list(): slot k is this cell's element k   */
  mxArray *rec;   /* gw_record(): slot k is field k of element idx    */
  size_t idx;
};

void gw_internal(const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mexErrMsgIdAndTxt("rnnkit:internal", "rnnkit internal error: %s", msg);
}

void gw_raise(const rnn_error *e) { mexErrMsgIdAndTxt(e->id, "%s", e->msg); }

void gw_raise_status(int code, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  mexErrMsgIdAndTxt(rnn_status_id(code), "%s", msg);
}

gw_in gw_field(gw_in list, const char *name) {
  const mxArray *s = (const mxArray *)list;
  if (!s || !mxIsStruct(s)) gw_internal("a struct was expected for '%s'", name);
  return mxGetField(s, 0, name);
}

gw_in gw_need(gw_in list, const char *name) {
  gw_in v = gw_field(list, name);
  if (!v) gw_internal("field '%s' missing", name);
  return v;
}

int gw_is_null(gw_in v) { return !v || mxIsEmpty((const mxArray *)v); }

int gw_is_list(gw_in v) { return v && mxIsStruct((const mxArray *)v); }

static int is_real(const mxArray *a) {
  return a && (mxIsDouble(a) || mxIsLogical(a)) && !mxIsComplex(a) &&
         !mxIsSparse(a);
}

double gw_dbl(gw_in v, const char *what) {
  const mxArray *a = (const mxArray *)v;
  if (!is_real(a) || mxGetNumberOfElements(a) != 1)
    gw_internal("%s must be a real scalar", what);
  return mxIsLogical(a) ? (double)mxIsLogicalScalarTrue(a) : mxGetPr(a)[0];
}

int gw_flag(gw_in v, const char *what) { return gw_dbl(v, what) != 0; }

size_t gw_count(gw_in v, const char *what, size_t lo) {
  double x = gw_dbl(v, what);
  if (!(x >= (double)lo && x <= 2147483647.0 && x == floor(x)))
    gw_internal("%s must be a whole number from %lu", what, (unsigned long)lo);
  return (size_t)x;
}

const double *gw_reals(gw_in v, const char *what, size_t *n) {
  const mxArray *a = (const mxArray *)v;
  if (!a || !mxIsDouble(a) || mxIsComplex(a) || mxIsSparse(a))
    gw_internal("%s must be a real double array", what);
  *n = mxGetNumberOfElements(a);
  return *n ? mxGetPr(a) : NULL;
}

const double *gw_matrix(gw_in v, const char *what, size_t *m, size_t *n) {
  const mxArray *a = (const mxArray *)v;
  size_t k;
  gw_reals(v, what, &k);
  if (mxGetNumberOfDimensions(a) != 2) gw_internal("%s must be a matrix", what);
  *m = mxGetM(a);
  *n = mxGetN(a);
  return mxGetPr(a);
}

const double *gw_array3(gw_in v, const char *what, size_t *a, size_t *b,
                        size_t *c) {
  const mxArray *x = (const mxArray *)v;
  const mwSize *d;
  size_t n, nd;
  gw_reals(v, what, &n);
  d = mxGetDimensions(x);
  nd = mxGetNumberOfDimensions(x);
  if (nd > 3) gw_internal("%s must be an array of 3 dimensions", what);
  *a = d[0];
  *b = d[1];
  *c = nd >= 3 ? d[2] : 1;
  return mxGetPr(x);
}

int *gw_ints(gw_in v, const char *what, int sub, int lo, int hi, size_t *n) {
  const double *x = gw_reals(v, what, n);
  int *out = (int *)gw_alloc(*n, sizeof(int));
  size_t k;
  for (k = 0; k < *n; k++) {
    double d = x[k] - sub;
    if (!(d >= lo && d <= hi && d == floor(d)))
      gw_internal("%s out of range", what);
    out[k] = (int)d;
  }
  return out;
}

int gw_code(int table, gw_in v, const char *what) {
  const mxArray *a = (const mxArray *)v;
  rnn_error err;
  char name[64];
  int code;
  if (!a || !mxIsChar(a)) {
    double d = gw_dbl(v, what);
    if (!(d >= -2147483647.0 && d <= 2147483647.0)) gw_internal("%s", what);
    return (int)d;
  }
  if (mxGetM(a) > 1 || mxGetString(a, name, sizeof name) != 0)
    gw_internal("a name must be one short string");
  if (rnn_code_of(table, name, &code, &err) != RNN_OK) gw_raise(&err);
  return code;
}

long gw_n_strings(gw_in v) {
  const mxArray *a = (const mxArray *)v;
  return a && mxIsCell(a) ? (long)mxGetNumberOfElements(a) : -1;
}

const char *gw_str(gw_in v, const char *what) {
  const mxArray *a = (const mxArray *)v;
  char *s;
  if (!a || !mxIsChar(a) || mxGetM(a) > 1 || !(s = mxArrayToString(a)))
    gw_internal("%s must be a char row", what);
  return s;
}

int gw_string_is(gw_in v, size_t k, const char *s) {
  char buf[64] = "";
  const mxArray *c = mxGetCell((const mxArray *)v, k);
  if (!c || !mxIsChar(c) || mxGetString(c, buf, sizeof buf) != 0) return 0;
  return strcmp(buf, s) == 0;
}

static void need_doubles(size_t n, const char *what) {
  rnn_error err;
  if (rnn_check_memory(rnn_size_mul(n, sizeof(double)), what, &err) != RNN_OK)
    gw_raise(&err);
}

void *gw_alloc(size_t n, size_t size) {
  rnn_error err;
  if (n == 0) n = 1;
  if (rnn_check_memory(rnn_size_mul(n, size), "the workspace", &err) != RNN_OK)
    gw_raise(&err);
  return mxCalloc(n, size);
}

double *gw_work(size_t n, const char *what) {
  need_doubles(n ? n : 1, what);
  return (double *)mxCalloc(n ? n : 1, sizeof(double));
}

void gw_result(gw_out *o, int n, const char *const *names) {
  o->n = n;
  o->names = names;
  if (!names) o->as_struct = 0;
  if (o->as_struct) o->plhs[0] = mxCreateStructMatrix(1, 1, n, (const char **)names);
}

/* Slot k's value becomes v (a value it replaces is freed). */
static double *put(gw_out *o, int k, mxArray *v) {
  mxArray *old = (mxArray *)gw_slot(o, k);
  if (o->cell)
    mxSetCell(o->cell, k, v);
  else if (o->rec)
    mxSetFieldByNumber(o->rec, o->idx, k, v);
  else if (o->as_struct)
    mxSetField(o->plhs[0], 0, o->names[k], v);
  else
    o->plhs[k] = v;
  if (old && old != v) mxDestroyArray(old);
  return mxIsDouble(v) ? mxGetPr(v) : NULL;
}

double *gw_set_matrix(gw_out *o, int k, size_t m, size_t n, const char *what) {
  need_doubles(rnn_size_mul(m, n), what);
  return put(o, k, mxCreateDoubleMatrix(m, n, mxREAL));
}

double *gw_set_vector(gw_out *o, int k, size_t n, size_t rows,
                      const char *what) {
  return gw_set_matrix(o, k, rows, rows ? n / rows : 1, what);
}

double *gw_set_array3(gw_out *o, int k, size_t a, size_t b, size_t c,
                      const char *what) {
  mwSize d[3];
  need_doubles(rnn_size_mul(rnn_size_mul(a, b), c), what);
  d[0] = a;
  d[1] = b;
  d[2] = c;
  return put(o, k, mxCreateNumericArray(3, d, mxDOUBLE_CLASS, mxREAL));
}

void gw_set_ints(gw_out *o, int k, size_t n, const int *v, int add) {
  double *x = gw_set_matrix(o, k, n, 1, "the result");
  size_t i;
  for (i = 0; i < n; i++) x[i] = v[i] == INT_MIN ? NAN : (double)v[i] + add;
}

void gw_set_labels(gw_out *o, int k, size_t n, const int *lab) {
  static const char *label[] = {"train", "gap", "test", "none"};
  mxArray *out = mxCreateCellMatrix(n, 1);
  size_t i;
  for (i = 0; i < n; i++)
    mxSetCell(out, i, mxCreateString(label[lab[i] >= 0 && lab[i] < 3 ? lab[i] : 3]));
  put(o, k, out);
}

void gw_na(double *x, size_t n) {
  (void)x;
  (void)n;
}

void gw_set_arg(gw_out *o, int k, gw_in v) {
  put(o, k, mxDuplicateArray((const mxArray *)v));
}

double *gw_set_copy(gw_out *o, int k, gw_in v, const char *what) {
  need_doubles(mxGetNumberOfElements((const mxArray *)v), what);
  return put(o, k, mxDuplicateArray((const mxArray *)v));
}

void gw_set_string(gw_out *o, int k, const char *s) {
  put(o, k, mxCreateString(s));
}

void gw_set_flags(gw_out *o, int k, size_t n, const int *v, int plain) {
  size_t i;
  if (plain) {
    double *x = gw_set_matrix(o, k, n, 1, "the result");
    for (i = 0; i < n; i++) x[i] = v[i] != 0;
  } else {
    mxArray *x = mxCreateLogicalMatrix(n, 1);
    for (i = 0; i < n; i++) mxGetLogicals(x)[i] = v[i] != 0 && v[i] != INT_MIN;
    put(o, k, x);
  }
}

gw_in gw_slot(gw_out *o, int k) {
  if (o->cell) return mxGetCell(o->cell, k);
  if (o->rec) return mxGetFieldByNumber(o->rec, o->idx, k);
  return o->as_struct ? mxGetField(o->plhs[0], 0, o->names[k]) : o->plhs[k];
}

/* ---- h14-file: bytes, records, string vectors, names ---- */

const unsigned char *gw_bytes(gw_in v, const char *what, size_t *n) {
  const mxArray *a = (const mxArray *)v;
  if (!a || !mxIsUint8(a) || mxIsComplex(a)) gw_internal("%s must be uint8", what);
  *n = mxGetNumberOfElements(a);
  return *n ? (const unsigned char *)mxGetData(a) : (const unsigned char *)"";
}

const int32_t *gw_int32s(gw_in v, int logical, const char *what, size_t *n) {
  static const int32_t none = 0;
  const mxArray *a = (const mxArray *)v;
  (void)logical;
  if (!a || !mxIsInt32(a) || mxIsComplex(a)) gw_internal("%s must be int32", what);
  *n = mxGetNumberOfElements(a);
  return *n ? (const int32_t *)mxGetData(a) : &none;
}

const char *gw_path(gw_in v, const char *what) {
  if (mxIsEmpty((const mxArray *)v)) gw_internal("%s must be a file name", what);
  return gw_str(v, what);
}

const char *gw_string_at(gw_in v, size_t k, const char *what) {
  const mxArray *a = (const mxArray *)v, *c;
  if (!a || !mxIsCell(a) || k >= mxGetNumberOfElements(a))
    gw_internal("%s must be a cell of strings", what);
  c = mxGetCell(a, k);
  return c && mxIsChar(c) ? mxArrayToString(c) : NULL;
}

size_t gw_n_records(gw_in v, const char *what) {
  if (!v || !mxIsStruct((const mxArray *)v))
    gw_internal("%s must be a struct array", what);
  return mxGetNumberOfElements((const mxArray *)v);
}

gw_in gw_record_field(gw_in v, size_t k, const char *name) {
  return mxGetField((const mxArray *)v, k, name);
}

void gw_need_bytes(size_t bytes, const char *what) {
  rnn_error err;
  if (rnn_check_memory(bytes, what, &err) != RNN_OK) gw_raise(&err);
}

double gw_na_value(void) { return NAN; }

unsigned char *gw_set_bytes(gw_out *o, int k, size_t n, const char *what) {
  mxArray *x;
  gw_need_bytes(n, what);
  x = mxCreateNumericMatrix(n, 1, mxUINT8_CLASS, mxREAL);
  put(o, k, x);
  return (unsigned char *)mxGetData(x);
}

void gw_set_strings(gw_out *o, int k, size_t n, const char *const *s) {
  mxArray *x = mxCreateCellMatrix(1, n);
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i]) mxSetCell(x, i, mxCreateString(s[i]));
  put(o, k, x);
}

void gw_set_dims(gw_out *o, int k, size_t n, const size_t *d) {
  double *x = gw_set_matrix(o, k, 1, n, "the dims");
  size_t i;
  for (i = 0; i < n; i++) x[i] = (double)d[i];
}

void gw_set_names(gw_out *o, int k, size_t n, const char *const *names) {
  mxArray *v = (mxArray *)gw_slot(o, k);
  mxArray *s = mxCreateStructMatrix(1, 1, (int)n, (const char **)names);
  size_t i;
  for (i = 0; i < n; i++) {
    mxArray *e;
    if (mxIsCell(v)) { /* moved from the cell into the struct */
      e = mxGetCell(v, i);
      mxSetCell(v, i, NULL);
      if (!e) e = mxCreateDoubleMatrix(0, 0, mxREAL);
    } else {
      e = mxCreateDoubleScalar(mxGetPr(v)[i]);
    }
    mxSetFieldByNumber(s, 0, (int)i, e);
  }
  put(o, k, s);
}

void gw_shape(gw_out *o, int k, size_t rows) {
  mxArray *v = (mxArray *)gw_slot(o, k);
  size_t n = mxGetNumberOfElements(v);
  mxSetM(v, rows);
  mxSetN(v, rows ? n / rows : 1);
}

/* a result whose slots are the cell c's elements or struct r's fields */
static gw_out *sub(mxArray *c, mxArray *r, size_t i) {
  gw_out *s = (gw_out *)mxCalloc(1, sizeof *s);
  s->cell = c;
  s->rec = r;
  s->idx = i;
  return s;
}

gw_out *gw_set_list(gw_out *o, int k, size_t n) {
  mxArray *c = mxCreateCellMatrix(1, n);
  put(o, k, c);
  return sub(c, NULL, 0);
}

void gw_set_records(gw_out *o, int k, size_t n, int nf,
                    const char *const *names) {
  put(o, k, mxCreateStructMatrix(n, 1, nf, (const char **)names));
}

gw_out *gw_record(gw_out *o, int k, size_t i) {
  return sub(NULL, (mxArray *)gw_slot(o, k), i);
}
/* ---- end of h14-file ---- */

/* ---- issue 14, text (h14-text): strings and lists ---- */
gw_in gw_elt(gw_in v, size_t k) {
  const mxArray *a = (const mxArray *)v;
  if (!a || !mxIsCell(a)) gw_internal("a cell was expected");
  return k < mxGetNumberOfElements(a) ? mxGetCell(a, k) : NULL;
}

/* Octave's chars are bytes: a copy, NUL-terminated (NULL when a NUL byte
 * is among them). */
const char *gw_text_at(gw_in v, size_t k, const char *what) {
  const mxArray *a = (const mxArray *)v;
  size_t n;
  char *s;
  if (a && mxIsCell(a) && k < mxGetNumberOfElements(a)) a = mxGetCell(a, k);
  else if (k != 0) a = NULL;
  if (!a || !mxIsChar(a)) gw_internal("%s must be strings", what);
  n = mxGetNumberOfElements(a);
  s = (char *)gw_alloc(n + 1, 1);
  if (n) memcpy(s, mxGetChars(a), n);
  return strlen(s) == n ? s : NULL;
}

void gw_set_id_list(gw_out *o, int k, size_t n, gw_in like) {
  const mxArray *l = (const mxArray *)like;
  put(o, k, l && mxGetNumberOfElements(l) == n
                ? mxCreateCellArray(mxGetNumberOfDimensions(l), mxGetDimensions(l))
                : mxCreateCellMatrix(n, 1));
}

void gw_set_item_ints(gw_out *o, int k, size_t i, size_t n, const int *v) {
  mxArray *x;
  size_t j;
  need_doubles(n, "the ids");
  x = mxCreateDoubleMatrix(1, n, mxREAL);
  for (j = 0; j < n; j++) mxGetPr(x)[j] = (double)v[j];
  mxSetCell((mxArray *)gw_slot(o, k), i, x);
}

void gw_set_int_matrix(gw_out *o, int k, size_t m, size_t n, const double *v,
                       const char *what) {
  memcpy(gw_set_matrix(o, k, m, n, what), v,
         rnn_size_mul(m, n) * sizeof(double));
}
/* ---- end of issue 14, text (h14-text) ---- */

/* Runs a shared command on a MEX command's arguments: its result as one
 * struct (as_struct) or slot k as output k (the rest []). */
void octave_gw_call(gw_command fn, mxArray *plhs[], const mxArray *prhs[],
                    int as_struct) {
  struct gw_out o;
  int k;
  memset(&o, 0, sizeof o);
  o.plhs = plhs;
  o.as_struct = as_struct;
  o.n = 0;
  fn(&o, (const gw_in *)prhs);
  for (k = 0; !as_struct && k < o.n; k++)
    if (!plhs[k]) plhs[k] = mxCreateDoubleMatrix(0, 0, mxREAL);
}

/* Trains with the host's callbacks in f (__rnnkit__.c): one struct. */
void octave_gw_train(mxArray *plhs[], const mxArray *prhs[], gw_fit *f) {
  struct gw_out o;
  memset(&o, 0, sizeof o);
  o.plhs = plhs;
  o.as_struct = 1;
  o.n = 0;
  gw_train(&o, (const gw_in *)prhs, f);
}
