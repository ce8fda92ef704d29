/* The core's CSV reader for R (issue 18; src/core/csv.c): the bytes of a
 * file in, its columns out. */
#include <R.h>
#include <Rinternals.h>

#include "r_rnnkit.h"
#include "r_util.h"

/* list(names, columns, types, formats): raw the file's bytes, delim ""
 * (detect) or one character, day_first NA, TRUE or FALSE.  columns holds
 * doubles (numbers; day counts for dates, types 2) or UTF-8 strings
 * (text); missing numbers and dates are NA_real_. */
SEXP rnnkit_read_csv(SEXP raw, SEXP delim, SEXP day_first) {
  rnn_error err;
  rnn_csv_info info;
  const char *buf = (const char *)RAW(raw), *d;
  size_t size = (size_t)XLENGTH(raw), nf, cap, j, r, *start, *len, *line,
         *end, nb;
  int df, type, fmt;
  char *text;
  SEXP out, names, cols, types, formats, v;
  const char *nm[] = {"names", "columns", "types", "formats"};
  if (TYPEOF(raw) != RAWSXP || TYPEOF(delim) != STRSXP || XLENGTH(delim) != 1 ||
      TYPEOF(day_first) != LGLSXP || XLENGTH(day_first) != 1)
    error("rnnkit internal error: raw, delim and day_first");
  d = CHAR(STRING_ELT(delim, 0));
  df = LOGICAL(day_first)[0] == NA_LOGICAL ? -1 : LOGICAL(day_first)[0];
  if (rnn_csv_scan(buf, size, d[0], NULL, NULL, NULL, 0, &info, &err) !=
      RNN_OK)
    raise_core(&err);
  cap = info.n_rows + 1;
  nf = rnn_size_mul(cap, info.n_cols);
  need_bytes(rnn_size_mul(rnn_size_mul(nf, 3), sizeof(size_t)),
             "the fields of the file");
  start = (size_t *)R_alloc(nf + 1, sizeof(size_t));
  len = (size_t *)R_alloc(nf + 1, sizeof(size_t));
  end = (size_t *)R_alloc(cap, sizeof(size_t));
  line = (size_t *)R_alloc(cap, sizeof(size_t));
  if (rnn_csv_scan(buf, size, d[0], start, len, line, nf, &info, &err) !=
      RNN_OK)
    raise_core(&err);
  if (info.n_rows > (size_t)INT_MAX || info.n_cols > (size_t)INT_MAX)
    raise_status(RNN_ERR_SIZE, "the file has %.0f rows of %.0f columns, "
                 "beyond R's limit of 2^31 - 1", (double)info.n_rows,
                 (double)info.n_cols);
  out = PROTECT(allocVector(VECSXP, 4));
  names = allocVector(STRSXP, (R_xlen_t)info.n_cols);
  SET_VECTOR_ELT(out, 0, names);
  cols = allocVector(VECSXP, (R_xlen_t)info.n_cols);
  SET_VECTOR_ELT(out, 1, cols);
  types = allocVector(INTSXP, (R_xlen_t)info.n_cols);
  SET_VECTOR_ELT(out, 2, types);
  formats = allocVector(STRSXP, (R_xlen_t)info.n_cols);
  SET_VECTOR_ELT(out, 3, formats);
  v = allocVector(STRSXP, 4);
  setAttrib(out, R_NamesSymbol, v);
  for (j = 0; j < 4; j++) SET_STRING_ELT(v, (R_xlen_t)j, mkChar(nm[j]));
  for (j = 0; j < info.n_cols; j++) {
    const size_t *s = start + cap * j, *l = len + cap * j;
    /* the header's field and, for text, the column's: one rnn_csv_text
     * call each, its query first */
    for (r = 0; r < 2; r++) {
      size_t n = r == 0 ? 1 : info.n_rows, k;
      const size_t *ss = r == 0 ? s : s + 1, *ll = r == 0 ? l : l + 1;
      if (r == 1) {
        v = PROTECT(new_doubles(info.n_rows, "a column of the file"));
        if (rnn_csv_column(buf, info.n_rows, ss, ll, line + 1, j + 1, df,
                           NA_REAL, &type, &fmt, REAL(v), &err) != RNN_OK)
          raise_core(&err);
        INTEGER(types)[j] = type;
        SET_STRING_ELT(formats, (R_xlen_t)j,
                       mkChar(type == RNN_CSV_NUMBER ? "number"
                              : type == RNN_CSV_TEXT ? "text"
                                                     : rnn_csv_date_name(fmt)));
        if (type != RNN_CSV_TEXT) {
          SET_VECTOR_ELT(cols, (R_xlen_t)j, v);
          UNPROTECT(1);
          continue;
        }
        UNPROTECT(1);
      }
      if (rnn_csv_text(buf, n, ss, ll, NULL, 0, end, &err) != RNN_OK)
        raise_core(&err);
      nb = n ? end[n - 1] : 0;
      need_bytes(nb + 1, "a column of the file");
      text = R_alloc(nb + 1, 1);
      if (rnn_csv_text(buf, n, ss, ll, text, nb, end, &err) != RNN_OK)
        raise_core(&err);
      v = r == 0 ? names : allocVector(STRSXP, (R_xlen_t)n);
      if (r == 1) SET_VECTOR_ELT(cols, (R_xlen_t)j, v);
      for (k = 0; k < n; k++) {
        size_t from = k ? end[k - 1] : 0;
        if (end[k] - from > (size_t)INT_MAX)
          raise_status(RNN_ERR_SIZE, "a field of %.0f bytes is longer than "
                       "R's strings allow", (double)(end[k] - from));
        SET_STRING_ELT(v, (R_xlen_t)(r == 0 ? j : k),
                       mkCharLenCE(text + from, (int)(end[k] - from),
                                   CE_UTF8));
      }
    }
  }
  UNPROTECT(1);
  return out;
}
