/* libFuzzer harness for the model-file reader (src/core/modelio.c).
 *
 * Each input is tried twice: as it is, and "resealed" -- with the size
 * field and the checksum recomputed -- so that the fuzzer reaches the
 * record parser instead of stopping at the checksum.  Whatever the bytes,
 * the reader must return a status (no crash, no sanitizer report, no
 * hang), and a file it accepts must decode completely and re-encode to
 * exactly the same bytes -- except where the encoder writes a double
 * record of an integer field (schema.c) as int32 (modelio.c file_type()):
 * then the re-encoding must hold the same values, record by record, and
 * be a fixed point (encoding it again gives its own bytes). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/rnnkit.h"

static void put_le(unsigned char *p, uint64_t v) {
  int k;
  for (k = 0; k < 8; k++) p[k] = (unsigned char)(v >> (8 * k));
}

/* The values of every record of two accepted files are the same; a
 * double record of a that b holds as int32 has whole values, and its NaNs
 * (NA) are b's int32 NA. */
static int same_values(const unsigned char *a, size_t na,
                       const unsigned char *b, size_t nb) {
  rnn_model_info ia, ib;
  rnn_record_view *va, *vb;
  rnn_error err;
  size_t k, j;
  int ok;
  if (rnn_model_parse(a, na, &ia, &err) != RNN_OK ||
      rnn_model_parse(b, nb, &ib, &err) != RNN_OK ||
      ia.n_records != ib.n_records)
    return 0;
  va = malloc((ia.n_records + 1) * sizeof *va);
  vb = malloc((ib.n_records + 1) * sizeof *vb);
  ok = rnn_model_records(a, na, va, ia.n_records, &ia, &err) == RNN_OK &&
       rnn_model_records(b, nb, vb, ib.n_records, &ib, &err) == RNN_OK;
  for (k = 0; ok && k < ia.n_records; k++) {
    ok = va[k].name_len == vb[k].name_len &&
         memcmp(va[k].name, vb[k].name, va[k].name_len) == 0 &&
         va[k].n == vb[k].n && va[k].kind == vb[k].kind;
    if (ok && va[k].type != vb[k].type) {
      double *da = malloc((va[k].n + 1) * sizeof *da);
      int32_t *ib = malloc((vb[k].n + 1) * sizeof *ib);
      ok = va[k].type == RNN_REC_DOUBLE && vb[k].type == RNN_REC_INT;
      if (ok) {
        rnn_record_doubles(&va[k], da);
        rnn_record_ints(&vb[k], ib);
      }
      /* a NaN (NA) becomes the int32 NA */
      for (j = 0; ok && j < va[k].n; j++)
        ok = isnan(da[j]) ? ib[j] == RNN_MF_NA_INT : da[j] == (double)ib[j];
      free(da);
      free(ib);
    }
  }
  free(va);
  free(vb);
  return ok;
}

/* Decodes an accepted file and encodes its records again: the new bytes
 * (malloc'd; *re_size) or NULL when the reader refuses the file. */
static unsigned char *reencode(const unsigned char *buf, size_t size,
                               size_t *re_size_out) {
  rnn_model_info info;
  rnn_record_view *v;
  rnn_record *r;
  rnn_error err;
  size_t k, j, re_size;
  void **owned;
  size_t n_owned = 0;
  unsigned char *re;
  if (rnn_model_parse(buf, size, &info, &err) != RNN_OK) return NULL;
  v = malloc((info.n_records + 1) * sizeof *v);
  if (rnn_model_records(buf, size, v, info.n_records, &info, &err) != RNN_OK) {
    free(v);
    return NULL;
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
  if (rnn_model_encode_size(r, info.n_records, &re_size, &err) != RNN_OK)
    abort();
  re = malloc(re_size);
  if (rnn_model_encode(r, info.n_records, re, re_size, &err) != RNN_OK)
    abort(); /* an accepted file's records encode */
  for (k = 0; k < n_owned; k++) free(owned[k]);
  free(owned);
  free(r);
  free(v);
  *re_size_out = re_size;
  return re;
}

static void try_file(const unsigned char *buf, size_t size) {
  size_t n1, n2;
  unsigned char *re2, *re = reencode(buf, size, &n1);
  if (!re) return;
  if (n1 == size && memcmp(re, buf, size) == 0) { /* the same bytes */
    free(re);
    return;
  }
  /* int fields held as doubles, written as int32: the same values, and a
   * fixed point */
  re2 = reencode(re, n1, &n2);
  if (!re2 || n2 != n1 || memcmp(re2, re, n1) != 0 ||
      !same_values(buf, size, re, n1))
    abort();
  free(re2);
  free(re);
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
