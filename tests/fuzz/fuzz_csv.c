/* libFuzzer harness for the core's CSV reader (issue 18, csv.c).
 *
 * The first byte picks the delimiter (detect, ',', ';', TAB) and the day
 * order (unknown, day first, month first); the rest is the file.
 * Whatever the bytes, the reader must answer with a status code: no
 * crash, no sanitizer report, no read outside the buffer.  When it
 * accepts the file, every field lies inside it, the text of the fields
 * fits the sizes the query gave, and every number of a number column is
 * the correctly rounded double of its text: the one strtod() gives in
 * the C locale (glibc's strtod rounds correctly), compared bit for bit. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/rnnkit.h"

static void fail(void) { abort(); }

static int same(double a, double b) {
  if (isnan(a) || isnan(b)) return isnan(a) && isnan(b);
  return memcmp(&a, &b, sizeof a) == 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  static const char delims[4] = {0, ',', ';', '\t'};
  rnn_csv_info info;
  rnn_error err;
  size_t nf, cap, j, r, *start, *len, *line, *end;
  const char *buf;
  char delim;
  int day_first, type, fmt;
  double *v;
  if (size < 1) return 0;
  delim = delims[data[0] & 3];
  day_first = (int)((data[0] >> 2) % 3) - 1;
  buf = (const char *)data + 1;
  size--;
  if (rnn_csv_scan(buf, size, delim, NULL, NULL, NULL, 0, &info, &err) != RNN_OK)
    return 0;
  cap = info.n_rows + 1;
  nf = cap * info.n_cols;
  if (info.n_cols == 0 || info.n_cols > size + 1 || info.n_rows > size) fail();
  start = malloc((nf + 1) * sizeof(size_t));
  len = malloc((nf + 1) * sizeof(size_t));
  line = malloc(cap * sizeof(size_t));
  end = malloc(cap * sizeof(size_t));
  v = malloc(cap * sizeof(double));
  if (rnn_csv_scan(buf, size, delim, start, len, line, nf, &info, &err) != RNN_OK)
    fail(); /* the query accepted it */
  for (j = 0; j < nf; j++)
    if (start[j] > size || len[j] > size - start[j]) fail();
  for (j = 0; j < info.n_cols; j++) {
    const size_t *s = start + cap * j, *l = len + cap * j;
    char *text;
    size_t nb;
    if (rnn_csv_text(buf, cap, s, l, NULL, 0, end, &err) != RNN_OK) fail();
    nb = end[cap - 1];
    if (nb > size) fail();
    text = malloc(nb + 1);
    if (rnn_csv_text(buf, cap, s, l, text, nb, end, &err) != RNN_OK) fail();
    if (rnn_csv_column(buf, info.n_rows, s + 1, l + 1, line + 1, j + 1,
                       day_first, NAN, &type, &fmt, v, &err) == RNN_OK &&
        type == RNN_CSV_NUMBER) {
      /* each known number against strtod() of its text */
      for (r = 0; r < info.n_rows; r++) {
        size_t from = end[r], to = end[r + 1];
        char tmp[512];
        double want;
        char *e;
        while (from < to && (text[from] == ' ' || text[from] == '\t')) from++;
        while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t')) to--;
        if (to - from >= sizeof tmp) continue;
        memcpy(tmp, text + from, to - from);
        tmp[to - from] = 0;
        if (to == from || strcmp(tmp, "NA") == 0) {
          if (!isnan(v[r])) fail();
          continue;
        }
        want = strtod(tmp, &e);
        if (*e == 0 && !same(want, v[r])) fail();
      }
    }
    free(text);
  }
  free(start);
  free(len);
  free(line);
  free(end);
  free(v);
  return 0;
}
