/* Helpers shared by the .Call gateway files (r_rnnkit.c, r_step.c):
 * reading the configuration list R writes, checking what the C code
 * needs to be safe, raising core errors as classed R conditions, and
 * allocating workspace.  Internal to the package; `static inline` so that
 * each gateway file gets its own copy and no symbol leaves the library. */
#ifndef RNNKIT_R_UTIL_H
#define RNNKIT_R_UTIL_H

#include <R.h>
#include <Rinternals.h>
#include <string.h>

#include "core/rnnkit.h"

/* Raises the R condition for a core error (does not return). */
static inline void raise_core(const rnn_error *e) {
  /* each string protected before the next allocation (found by
   * tools/gctorture.sh: the id's string was collected while the
   * message's was made) */
  SEXP ns = PROTECT(R_FindNamespace(mkString("rnnkit")));
  SEXP id = PROTECT(mkString(e->id));
  SEXP msg = PROTECT(mkString(e->msg));
  SEXP call = PROTECT(lang3(install("rnnkit_core_error"), id, msg));
  eval(call, ns);
  UNPROTECT(4);
  error("%s", e->msg); /* not reached */
}

/* The element of a named list, or NULL (C's) when it has none. */
static inline SEXP find(SEXP list, const char *name) {
  SEXP names = getAttrib(list, R_NamesSymbol);
  R_xlen_t k;
  for (k = 0; k < XLENGTH(list); k++)
    if (strcmp(CHAR(STRING_ELT(names, k)), name) == 0)
      return VECTOR_ELT(list, k);
  return NULL;
}

static inline SEXP get(SEXP list, const char *name) {
  SEXP v = find(list, name);
  if (!v) error("rnnkit internal error: element '%s' missing", name);
  return v;
}

static inline int get_int(SEXP list, const char *name) {
  return asInteger(get(list, name));
}

/* An optional integer element (absent in lists made before it existed). */
static inline int get_int_or(SEXP list, const char *name, int absent) {
  SEXP v = find(list, name);
  return v ? asInteger(v) : absent;
}

static inline double get_dbl(SEXP list, const char *name) {
  return asReal(get(list, name));
}

/* The model configuration list written by R's new_config(). */
static inline rnn_config config_from(SEXP s) {
  rnn_config cfg;
  SEXP units = get(s, "units");
  rnn_error err;
  int l;
  memset(&cfg, 0, sizeof cfg);
  cfg.cell = get_int(s, "cell_code");
  cfg.activation = get_int(s, "activation_code");
  cfg.n_in = get_int(s, "n_in");
  if (TYPEOF(units) != INTSXP)
    error("rnnkit internal error: units must be an integer vector");
  cfg.n_layers = length(units);
  if (cfg.n_layers > RNN_MAX_LAYERS) cfg.n_layers = RNN_MAX_LAYERS + 1;
  else
    for (l = 0; l < cfg.n_layers; l++) cfg.n_hidden[l] = INTEGER(units)[l];
  cfg.n_out = get_int(s, "n_out");
  cfg.head_act = get_int(s, "head_act_code");
  cfg.seq_out = get_int(s, "seq_out");
  cfg.dropout = get_dbl(s, "dropout");
  cfg.n_vocab = get_int_or(s, "n_vocab", 0);
  cfg.n_embed = get_int_or(s, "n_embed", 0);
  if (rnn_config_check(&cfg, &err) != RNN_OK) raise_core(&err);
  return cfg;
}

static inline void check_params(const rnn_config *cfg, SEXP params) {
  if (TYPEOF(params) != REALSXP || (size_t)XLENGTH(params) != rnn_n_params(cfg))
    error("rnnkit internal error: parameter vector of length %ld, expected %lu",
          (long)XLENGTH(params), (unsigned long)rnn_n_params(cfg));
}

/* x must be a double array samples x timesteps x n_in. */
static inline void dims3(SEXP x, int n_in, size_t *N, size_t *T) {
  SEXP d = getAttrib(x, R_DimSymbol);
  if (TYPEOF(x) != REALSXP || length(d) != 3 || INTEGER(d)[2] != n_in)
    error("rnnkit internal error: x must be a double array N x T x %d", n_in);
  *N = (size_t)INTEGER(d)[0];
  *T = (size_t)INTEGER(d)[1];
}

static inline double *alloc_work(size_t n) {
  if (n == 0) n = 1;
  if (n > (size_t)(R_XLEN_T_MAX / 8))
    error("rnnkit: workspace of %.0f doubles is too large", (double)n);
  return (double *)R_alloc(n, sizeof(double));
}

/* A named list of n protected values; unprotects them (n) and returns the
 * list unprotected. */
static inline SEXP named_list(int n, const char **names, SEXP *values) {
  SEXP res = PROTECT(allocVector(VECSXP, n));
  SEXP nm = PROTECT(allocVector(STRSXP, n));
  int k;
  for (k = 0; k < n; k++) {
    SET_VECTOR_ELT(res, k, values[k]);
    SET_STRING_ELT(nm, k, mkChar(names[k]));
  }
  setAttrib(res, R_NamesSymbol, nm);
  UNPROTECT(2 + n);
  return res;
}

#endif
