/* The core's schema for R: the names behind its codes, the training
 * defaults, the model file's field flags and the "did you mean" of an
 * unknown name (src/core/schema.c). */
#include <R.h>
#include <Rinternals.h>

#include "r_rnnkit.h"
#include "r_util.h"

/* list(cell = c(simple = 0L, lstm = 1L, gru = 2L), activation = ...,
 * ..., record_kind = ..., defaults = c(units = 16, ...),
 * head = c(mse = "linear", ...), filters = c(char = "", word = ...)) */
SEXP rnnkit_schema(void) {
  int t, nt = RNN_NAMES_N + 3;
  size_t n, k;
  SEXP out = PROTECT(allocVector(VECSXP, nt)), nms, v, vn;
  const rnn_default *d = rnn_defaults(&n);
  nms = allocVector(STRSXP, nt);
  setAttrib(out, R_NamesSymbol, nms);
  for (t = 0; t < RNN_NAMES_N; t++) {
    const char *const *nm = rnn_names(t, &n);
    v = allocVector(INTSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, t, v);
    vn = allocVector(STRSXP, (R_xlen_t)n);
    setAttrib(v, R_NamesSymbol, vn);
    for (k = 0; k < n; k++) {
      INTEGER(v)[k] = (int)k;
      SET_STRING_ELT(vn, (R_xlen_t)k, mkChar(nm[k]));
    }
    SET_STRING_ELT(nms, t, mkChar(rnn_names_what(t)));
  }
  d = rnn_defaults(&n);
  v = allocVector(REALSXP, (R_xlen_t)n);
  SET_VECTOR_ELT(out, RNN_NAMES_N, v);
  vn = allocVector(STRSXP, (R_xlen_t)n);
  setAttrib(v, R_NamesSymbol, vn);
  for (k = 0; k < n; k++) {
    REAL(v)[k] = d[k].value;
    SET_STRING_ELT(vn, (R_xlen_t)k, mkChar(d[k].name));
  }
  SET_STRING_ELT(nms, RNN_NAMES_N, mkChar("defaults"));
  {
    const char *const *loss = rnn_names(RNN_NAMES_LOSS, &n);
    v = allocVector(STRSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, RNN_NAMES_N + 1, v);
    vn = allocVector(STRSXP, (R_xlen_t)n);
    setAttrib(v, R_NamesSymbol, vn);
    for (k = 0; k < n; k++) {
      SET_STRING_ELT(v, (R_xlen_t)k,
                     mkChar(rnn_name_of(RNN_NAMES_ACTIVATION,
                                        rnn_default_head((int)k))));
      SET_STRING_ELT(vn, (R_xlen_t)k, mkChar(loss[k]));
    }
    SET_STRING_ELT(nms, RNN_NAMES_N + 1, mkChar("head"));
  }
  {
    const char *const *lv = rnn_names(RNN_NAMES_LEVEL, &n);
    v = allocVector(STRSXP, (R_xlen_t)n);
    SET_VECTOR_ELT(out, RNN_NAMES_N + 2, v);
    vn = allocVector(STRSXP, (R_xlen_t)n);
    setAttrib(v, R_NamesSymbol, vn);
    for (k = 0; k < n; k++) {
      SET_STRING_ELT(v, (R_xlen_t)k, mkChar(rnn_default_filters((int)k)));
      SET_STRING_ELT(vn, (R_xlen_t)k, mkChar(lv[k]));
    }
    SET_STRING_ELT(nms, RNN_NAMES_N + 2, mkChar("filters"));
  }
  UNPROTECT(1);
  return out;
}

/* Whether each record path (a character vector) has the field flag
 * named flag ("int", "date", "matrix", "dataframe": RNN_FIELD_*). */
SEXP rnnkit_file_flags(SEXP paths, SEXP flag) {
  R_xlen_t k, n;
  SEXP out;
  int c = code_of(RNN_NAMES_FIELD, flag);
  unsigned bit;
  if (TYPEOF(paths) != STRSXP || !rnn_name_of(RNN_NAMES_FIELD, c))
    error("rnnkit internal error: paths and a flag's name");
  bit = 1u << c;
  n = XLENGTH(paths);
  out = PROTECT(allocVector(LGLSXP, n));
  for (k = 0; k < n; k++) {
    const char *p = translateCharUTF8(STRING_ELT(paths, k));
    LOGICAL(out)[k] = (rnn_file_field_flags(p, strlen(p)) & bit) != 0;
  }
  UNPROTECT(1);
  return out;
}

/* The 1-based index of the choice nearest to x, 0 when none is near. */
SEXP rnnkit_suggest(SEXP x, SEXP choices) {
  R_xlen_t k, n;
  const char **c;
  if (TYPEOF(x) != STRSXP || XLENGTH(x) != 1 || STRING_ELT(x, 0) == NA_STRING ||
      TYPEOF(choices) != STRSXP)
    error("rnnkit internal error: suggest(string, character vector)");
  n = XLENGTH(choices);
  c = (const char **)R_alloc((size_t)n + 1, sizeof(char *));
  for (k = 0; k < n; k++)
    c[k] = STRING_ELT(choices, k) == NA_STRING
               ? NULL
               : translateCharUTF8(STRING_ELT(choices, k));
  return ScalarInteger(
      rnn_suggest(translateCharUTF8(STRING_ELT(x, 0)), c, (size_t)n) + 1);
}
