/* Helpers shared by the .Call gateway files (r_rnnkit.c, r_step.c):
 * reading the configuration list R writes, checking what the C code
 * needs to be safe, raising core errors as classed R conditions, and
 * allocating workspace.  Internal to the package; `static inline` so that
 * each gateway file gets its own copy and no symbol leaves the library. */
#ifndef RNNKIT_R_UTIL_H
#define RNNKIT_R_UTIL_H

#include <R.h>
#include <Rinternals.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/rnnkit.h"
#include "gw/gw.h"

/* r_gw.c: runs a command of the shared gateway layer (src/gw) on the
 * .Call's arguments and returns its result list. */
SEXP r_gw_call(gw_command fn, const SEXP *arg);
SEXP r_gw_train(const SEXP *arg, gw_fit *f);

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

/* Raises the classed R condition of status `code` with a message made
 * here (does not return; one definition, in r_gw.c). */
#define raise_status gw_raise_status

/* ---- memory: each allocation whose size users choose is checked first,
 * so that too large a size is an rnnkit_error_size that says what needed
 * the memory, never R's unclassed "cannot allocate vector of size". */

/* R's own limit on vector memory in bytes (mem.maxVSize(): --max-vsize,
 * R_MAX_VSIZE, the default limit of R on macOS), or Inf for none. */
static inline double r_vsize_limit(void) {
  SEXP v = PROTECT(R_ParseEvalString(
      "if (exists(\"mem.maxVSize\")) mem.maxVSize() else Inf", R_BaseEnv));
  double mb = asReal(v);
  UNPROTECT(1);
  return ISNAN(mb) ? R_PosInf : mb * 1048576.0;
}

/* Raises rnnkit_error_size unless `bytes` for `what` might be allocated:
 * the core's rnn_check_memory() (physical memory and a trial malloc; see
 * src/core/memory.c for what that can and cannot promise under Linux's
 * overcommit), then, for requests over 64 MiB, R's limit.  (Smaller ones
 * over R's limit mean R has almost no memory left; the allocation's own
 * error is then the honest one, and the R call is not worth making on
 * every small allocation.) */
static inline void need_bytes(size_t bytes, const char *what) {
  rnn_error err;
  double lim;
  if (rnn_check_memory(bytes, what, &err) != RNN_OK) raise_core(&err);
  if (bytes <= ((size_t)64 << 20)) return;
  lim = r_vsize_limit();
  if ((double)bytes > lim)
    raise_status(RNN_ERR_SIZE,
                 "%s would need %.3g GB of memory, more than R's limit on "
                 "vector memory (%.3g GB; see ?mem.maxVSize); use fewer "
                 "units or layers, shorter or fewer windows, or fewer paths",
                 what, (double)bytes / 1e9, lim / 1e9);
}

static inline void need_doubles(size_t n, const char *what) {
  need_bytes(rnn_size_mul(n, sizeof(double)), what);
}

/* A double vector of n elements for `what`, unprotected. */
static inline SEXP new_doubles(size_t n, const char *what) {
  need_doubles(n, what);
  return allocVector(REALSXP, (R_xlen_t)n);
}

/* R's arrays have int dimensions: a larger one is rnnkit_error_size. */
static inline void check_dims(size_t a, size_t b, size_t c, const char *what) {
  if (a > INT_MAX || b > INT_MAX || c > INT_MAX)
    raise_status(RNN_ERR_SIZE,
                 "%s would be an array of %.0f x %.0f x %.0f, beyond R's "
                 "limit of 2^31 - 1 per dimension",
                 what, (double)a, (double)b, (double)c);
}

/* An m x n double matrix for `what`, unprotected. */
static inline SEXP new_matrix(size_t m, size_t n, const char *what) {
  check_dims(m, n, 1, what);
  need_doubles(rnn_size_mul(m, n), what);
  return allocMatrix(REALSXP, (int)m, (int)n);
}

/* An a x b x c double array for `what`, unprotected. */
static inline SEXP new_array3(size_t a, size_t b, size_t c, const char *what) {
  check_dims(a, b, c, what);
  need_doubles(rnn_size_mul(rnn_size_mul(a, b), c), what);
  return alloc3DArray(REALSXP, (int)a, (int)b, (int)c);
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

/* The code of a name of the core's table `table` (RNN_NAMES_*), such as
 * "minmax" or "word", looked up with rnn_code_of() (an unknown name is an
 * rnnkit_error_input that suggests the nearest), or a code given as a
 * number (the stored *_code fields, RNN_SCALE_GIVEN). */
static inline int code_of(int table, SEXP x) {
  rnn_error err;
  int code;
  if (TYPEOF(x) != STRSXP) return asInteger(x);
  if (XLENGTH(x) != 1 || STRING_ELT(x, 0) == NA_STRING)
    error("rnnkit internal error: a name must be one string");
  if (rnn_code_of(table, translateCharUTF8(STRING_ELT(x, 0)), &code, &err) !=
      RNN_OK)
    raise_core(&err);
  return code;
}

/* The model configuration list written by R's new_config(). */
static inline rnn_config config_from(SEXP s) { return gw_config(s); }

static inline void check_params(const rnn_config *cfg, SEXP params) {
  if (TYPEOF(params) != REALSXP || (size_t)XLENGTH(params) != rnn_n_params(cfg))
    error("rnnkit internal error: parameter vector of length %ld, expected %lu",
          (long)XLENGTH(params), (unsigned long)rnn_n_params(cfg));
}

/* n doubles of workspace (freed by R when the .Call returns); `what`
 * says what needs them. */
static inline double *alloc_work(size_t n, const char *what) {
  if (n == 0) n = 1;
  need_doubles(n, what);
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
