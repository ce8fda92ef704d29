/* libFuzzer harness for the model-file reader (src/core/modelio.c).
 *
 * Each input is tried twice: as it is, and "resealed" -- with the size
 * field and the checksum recomputed -- so that the fuzzer reaches the
 * record parser instead of stopping at the checksum.  Whatever the bytes,
 * the reader must return a status (no crash, no sanitizer report, no
 * hang), and a file it accepts must decode completely and re-encode to
 * exactly the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "../../src/core/rnnkit.h"

static void put_le(unsigned char *p, uint64_t v) {
  int k;
  for (k = 0; k < 8; k++) p[k] = (unsigned char)(v >> (8 * k));
}

static void try_file(const unsigned char *buf, size_t size) {
  rnn_model_info info;
  rnn_record_view *v;
  rnn_record *r;
  rnn_error err;
  size_t k, j, re_size;
  void **owned;
  size_t n_owned = 0;
  unsigned char *re;
  if (rnn_model_parse(buf, size, &info, &err) != RNN_OK) return;
  v = malloc((info.n_records + 1) * sizeof *v);
  if (rnn_model_records(buf, size, v, info.n_records, &info, &err) != RNN_OK) {
    free(v);
    return;
  }
  if (info.n_params != rnn_n_params(&info.config)) abort();
  /* decode every value, and rebuild the records for a re-encoding */
  r = calloc(info.n_records + 1, sizeof *r);
  owned = calloc(3 * info.n_records + 1, sizeof *owned);
  for (k = 0; k < info.n_records; k++) {
    char *name = malloc(v[k].name_len + 1);
    memcpy(name, v[k].name, v[k].name_len);
    name[v[k].name_len] = '\0';
    owned[n_owned++] = name;
    r[k].name = name;
    r[k].type = v[k].type;
    r[k].kind = v[k].kind;
    r[k].n_dims = v[k].n_dims;
    for (j = 0; j < (size_t)v[k].n_dims; j++) r[k].dims[j] = v[k].dims[j];
    if (v[k].type == RNN_REC_DOUBLE) {
      double *d = malloc((v[k].n + 1) * sizeof *d);
      rnn_record_doubles(&v[k], d);
      r[k].dbl = d;
      owned[n_owned++] = d;
    } else if (v[k].type == RNN_REC_INT || v[k].type == RNN_REC_LOGICAL) {
      int32_t *d = malloc((v[k].n + 1) * sizeof *d);
      double *dd = malloc((v[k].n + 1) * sizeof *dd);
      rnn_record_ints(&v[k], d);
      rnn_record_doubles(&v[k], dd);
      free(dd);
      r[k].i32 = d;
      owned[n_owned++] = d;
    } else if (v[k].type == RNN_REC_STRING) {
      const char **s = malloc((v[k].n + 1) * sizeof *s);
      size_t *len = malloc((v[k].n + 1) * sizeof *len);
      char **z = malloc((v[k].n + 1) * sizeof *z);
      char *pool;
      size_t total = 0;
      rnn_record_strings(&v[k], s, len);
      for (j = 0; j < v[k].n; j++) total += len[j] + 1;
      pool = malloc(total + 1);
      for (j = 0, total = 0; j < v[k].n; j++) {
        if (!s[j]) {
          z[j] = NULL;
          continue;
        }
        z[j] = pool + total;
        memcpy(z[j], s[j], len[j]);
        z[j][len[j]] = '\0';
        total += len[j] + 1;
      }
      free(s);
      free(len);
      r[k].str = (const char *const *)z;
      owned[n_owned++] = z;
      owned[n_owned++] = pool;
    }
  }
  if (rnn_model_encode_size(r, info.n_records, &re_size, &err) != RNN_OK ||
      re_size != size)
    abort();
  re = malloc(re_size);
  if (rnn_model_encode(r, info.n_records, re, re_size, &err) != RNN_OK ||
      memcmp(re, buf, size) != 0)
    abort(); /* an accepted file re-encodes to the same bytes */
  free(re);
  for (k = 0; k < n_owned; k++) free(owned[k]);
  free(owned);
  free(r);
  free(v);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  unsigned char *copy;
  try_file(data, size);
  if (size < 40) return 0;
  copy = malloc(size);
  memcpy(copy, data, size);
  put_le(copy + 16, (uint64_t)size);
  put_le(copy + size - 8, rnn_fnv1a64(copy, size - 8));
  try_file(copy, size);
  free(copy);
  return 0;
}
