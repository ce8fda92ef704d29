/* The portable model file: a versioned header, a table of named typed
 * records and a checksum, all little-endian whatever the host
 * (doc/model-file-format.md describes the bytes).
 *
 * Everything works on caller-owned byte buffers: the hosts read and
 * write files, the core encodes into and decodes from memory.  Decoding
 * is in two steps so that nothing is allocated from numbers in the file
 * before they are checked: rnn_model_parse() checks the header, the
 * checksum over every byte, the bounds of every record and the records
 * a model needs; only then does the host allocate n_records views (and
 * per record, the element count that has been checked against the bytes
 * actually present) and call rnn_model_records(). */
#include "internal.h"

#include <math.h>
#include <string.h>

#define HEADER_BYTES 32u
#define TRAILER_BYTES 8u
#define BOM 0x0A0B0C0Du

static const unsigned char magic[8] = {0x89, 'R', 'N', 'N',
                                       'K',  'I', 'T', '\n'};

/* ---- little-endian primitives ------------------------------------- */

static void put_u16(unsigned char *p, unsigned v) {
  p[0] = (unsigned char)(v & 0xFF);
  p[1] = (unsigned char)((v >> 8) & 0xFF);
}

static void put_u32(unsigned char *p, uint32_t v) {
  int k;
  for (k = 0; k < 4; k++)
    p[k] = (unsigned char)((v >> (8 * k)) & 0xFF);
}

static void put_u64(unsigned char *p, uint64_t v) {
  int k;
  for (k = 0; k < 8; k++)
    p[k] = (unsigned char)((v >> (8 * k)) & 0xFF);
}

static unsigned get_u16(const unsigned char *p) {
  return (unsigned)p[0] | ((unsigned)p[1] << 8);
}

static uint32_t get_u32(const unsigned char *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
         ((uint32_t)p[3] << 24);
}

static uint64_t get_u64(const unsigned char *p) {
  uint64_t v = 0;
  int k;
  for (k = 7; k >= 0; k--)
    v = (v << 8) | p[k];
  return v;
}

/* A double's IEEE 754 bit pattern, so NaN payloads (R's NA) survive. */
static uint64_t dbl_bits(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static double bits_dbl(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

uint64_t rnn_fnv1a64(const unsigned char *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325u;
  size_t k;
  for (k = 0; k < n; k++) {
    h ^= p[k];
    h *= 0x100000001b3u;
  }
  return h;
}

/* ---- encoding ------------------------------------------------------ */

static size_t elem_bytes(int type) {
  return type == RNN_REC_DOUBLE                             ? 8
         : (type == RNN_REC_INT || type == RNN_REC_LOGICAL) ? 4
                                                            : 0;
}

/* The type a record is written as: a double record of an RNN_FIELD_INT
 * field (schema.c) whose n values are whole numbers in int32's range or
 * NaN (NA) becomes an int record, so that a host that keeps every number
 * as a double (Octave) writes the integers R keeps. */
static int file_type(const rnn_record *r, size_t n) {
  size_t j;
  if (r->type != RNN_REC_DOUBLE || r->kind != RNN_KIND_PLAIN ||
      !(rnn_file_field_flags(r->name, strlen(r->name)) & RNN_FIELD_INT))
    return r->type;
  for (j = 0; j < n; j++) {
    double v = r->dbl[j];
    if (!isnan(v) && (v != floor(v) || v < -2147483647.0 || v > 2147483647.0))
      return r->type;
  }
  return RNN_REC_INT;
}

static int32_t int_of(double v) {
  return isnan(v) ? RNN_MF_NA_INT : (int32_t)v;
}

static int check_record(const rnn_record *r, size_t k, size_t *payload,
                        rnn_error *err) {
  size_t n = 1, j, nm;
  if (!r->name)
    return rnn_fail(err, RNN_ERR_INPUT, "record %lu has no name",
                    (unsigned long)k + 1);
  nm = strlen(r->name);
  if (nm < 1 || nm > RNN_MF_MAX_NAME)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "record %lu: a name of %lu bytes (1..%d allowed)",
                    (unsigned long)k + 1, (unsigned long)nm, RNN_MF_MAX_NAME);
  if (r->type < RNN_REC_DOUBLE || r->type > RNN_REC_NULL)
    return rnn_fail(err, RNN_ERR_INPUT, "record '%s': unknown type %d", r->name,
                    r->type);
  if (r->kind < 0 || r->kind > RNN_KIND_MAX)
    return rnn_fail(err, RNN_ERR_INPUT, "record '%s': unknown kind %d", r->name,
                    r->kind);
  if (r->n_dims < 0 || r->n_dims > RNN_MF_MAX_DIMS)
    return rnn_fail(err, RNN_ERR_INPUT, "record '%s': %d dimensions (0..%d)",
                    r->name, r->n_dims, RNN_MF_MAX_DIMS);
  for (j = 0; j < (size_t)r->n_dims; j++) {
    if (r->dims[j] > RNN_MF_MAX_DIM)
      return rnn_fail(err, RNN_ERR_SIZE, "record '%s': dimension %lu too large",
                      r->name, (unsigned long)r->dims[j]);
    if (r->dims[j] && n > RNN_MF_MAX_ELEMS / r->dims[j])
      return rnn_fail(err, RNN_ERR_SIZE, "record '%s' has too many elements",
                      r->name);
    n *= r->dims[j];
  }
  if (r->n_dims == 0) n = 0;
  if (r->type == RNN_REC_LIST || r->type == RNN_REC_NULL) {
    *payload = 0;
    return RNN_OK;
  }
  if (n > 0 &&
      ((r->type == RNN_REC_DOUBLE && !r->dbl) ||
       ((r->type == RNN_REC_INT || r->type == RNN_REC_LOGICAL) && !r->i32) ||
       (r->type == RNN_REC_STRING && !r->str)))
    return rnn_fail(err, RNN_ERR_INPUT, "record '%s': data are NULL", r->name);
  if (r->type == RNN_REC_STRING) {
    size_t bytes = 0;
    for (j = 0; j < n; j++) {
      size_t len = r->str[j] ? strlen(r->str[j]) : 0;
      if (len > RNN_MF_MAX_ELEMS)
        return rnn_fail(err, RNN_ERR_SIZE, "record '%s': string too long",
                        r->name);
      bytes += 4 + len;
    }
    *payload = bytes;
  } else {
    *payload = n * elem_bytes(file_type(r, n));
  }
  return RNN_OK;
}

static size_t record_bytes(const rnn_record *r, size_t payload) {
  return 2 + strlen(r->name) + 4 + 4 * (size_t)r->n_dims + 8 + payload;
}

int rnn_model_encode_size(const rnn_record *recs, size_t n_records,
                          size_t *size, rnn_error *err) {
  size_t k, total = HEADER_BYTES + TRAILER_BYTES, payload;
  int st;
  if (!size || (!recs && n_records))
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_model_encode_size: NULL argument");
  if (n_records > RNN_MF_MAX_RECORDS)
    return rnn_fail(err, RNN_ERR_SIZE, "%lu records (at most %d)",
                    (unsigned long)n_records, RNN_MF_MAX_RECORDS);
  for (k = 0; k < n_records; k++) {
    if ((st = check_record(&recs[k], k, &payload, err)) != RNN_OK) return st;
    total += record_bytes(&recs[k], payload);
  }
  *size = total;
  return RNN_OK;
}

int rnn_model_encode(const rnn_record *recs, size_t n_records,
                     unsigned char *buf, size_t size, rnn_error *err) {
  size_t need, k, j, payload, off = HEADER_BYTES;
  int st = rnn_model_encode_size(recs, n_records, &need, err);
  if (st != RNN_OK) return st;
  if (!buf)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_model_encode: NULL buffer");
  if (size != need)
    return rnn_fail(err, RNN_ERR_DIM, "buffer of %lu bytes, %lu needed",
                    (unsigned long)size, (unsigned long)need);
  memcpy(buf, magic, 8);
  put_u32(buf + 8, RNN_MF_VERSION);
  put_u32(buf + 12, BOM);
  put_u64(buf + 16, (uint64_t)size);
  put_u32(buf + 24, (uint32_t)n_records);
  put_u32(buf + 28, 0);
  for (k = 0; k < n_records; k++) {
    const rnn_record *r = &recs[k];
    size_t nm = strlen(r->name), n = r->n_dims ? 1 : 0;
    check_record(r, k, &payload, NULL);
    for (j = 0; j < (size_t)r->n_dims; j++)
      n *= r->dims[j];
    put_u16(buf + off, (unsigned)nm);
    memcpy(buf + off + 2, r->name, nm);
    off += 2 + nm;
    buf[off] = (unsigned char)file_type(r, n);
    buf[off + 1] = (unsigned char)r->kind;
    buf[off + 2] = (unsigned char)r->n_dims;
    buf[off + 3] = 0;
    off += 4;
    for (j = 0; j < (size_t)r->n_dims; j++, off += 4)
      put_u32(buf + off, (uint32_t)r->dims[j]);
    put_u64(buf + off, (uint64_t)payload);
    off += 8;
    switch (r->type) {
    case RNN_REC_DOUBLE:
      if (file_type(r, n) == RNN_REC_INT)
        for (j = 0; j < n; j++, off += 4)
          put_u32(buf + off, (uint32_t)int_of(r->dbl[j]));
      else
        for (j = 0; j < n; j++, off += 8)
          put_u64(buf + off, dbl_bits(r->dbl[j]));
      break;
    case RNN_REC_INT:
    case RNN_REC_LOGICAL:
      for (j = 0; j < n; j++, off += 4)
        put_u32(buf + off, (uint32_t)r->i32[j]);
      break;
    case RNN_REC_STRING:
      for (j = 0; j < n; j++) {
        size_t len = r->str[j] ? strlen(r->str[j]) : 0;
        put_u32(buf + off, r->str[j] ? (uint32_t)len : RNN_MF_NA_STRING);
        off += 4;
        if (len) memcpy(buf + off, r->str[j], len);
        off += len;
      }
      break;
    default:
      break;
    }
  }
  put_u64(buf + off, rnn_fnv1a64(buf, off));
  return RNN_OK;
}

/* ---- decoding ------------------------------------------------------ */

/* A well-formed UTF-8 sequence without NUL bytes or overlong forms. */
static int valid_utf8(const unsigned char *s, size_t n) {
  size_t k = 0;
  while (k < n) {
    unsigned c = s[k];
    size_t len, j;
    uint32_t cp;
    if (c == 0) return 0;
    if (c < 0x80) {
      k++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF)
      len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      len = 4, cp = c & 0x07;
    else
      return 0;
    if (n - k < len) return 0;
    for (j = 1; j < len; j++) {
      if ((s[k + j] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[k + j] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    k += len;
  }
  return 1;
}

/* Reads the record at off (bounds-checked against end) into r; on
 * success *next is the offset after it. */
static int read_record(const unsigned char *buf, size_t off, size_t end,
                       size_t k, rnn_record_view *r, size_t *next,
                       rnn_error *err) {
  size_t nm, j, n = 1, payload, need;
  memset(r, 0, sizeof *r);
  if (end - off < 2) goto truncated;
  nm = get_u16(buf + off);
  if (nm < 1 || nm > RNN_MF_MAX_NAME)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: record %lu has a name of %lu bytes; the file "
                    "is corrupt",
                    (unsigned long)k + 1, (unsigned long)nm);
  off += 2;
  if (end - off < nm + 4) goto truncated;
  if (!valid_utf8(buf + off, nm))
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: record %lu's name is not UTF-8 text",
                    (unsigned long)k + 1);
  r->name = (const char *)(buf + off);
  r->name_len = nm;
  off += nm;
  r->type = buf[off];
  r->kind = buf[off + 1];
  r->n_dims = buf[off + 2];
  if (r->type < RNN_REC_DOUBLE || r->type > RNN_REC_NULL ||
      r->kind > RNN_KIND_MAX || r->n_dims > RNN_MF_MAX_DIMS || buf[off + 3])
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: record '%.*s' has type %d, kind %d and %d "
                    "dimensions, which this rnnkit does not know",
                    (int)nm, r->name, r->type, r->kind, r->n_dims);
  off += 4;
  if (end - off < 4 * (size_t)r->n_dims + 8) goto truncated;
  for (j = 0; j < (size_t)r->n_dims; j++, off += 4) {
    r->dims[j] = get_u32(buf + off);
    if (r->dims[j] > RNN_MF_MAX_DIM)
      return rnn_fail(err, RNN_ERR_FORMAT,
                      "model file: record '%.*s' claims a dimension of %lu "
                      "(at most %lu)",
                      (int)nm, r->name, (unsigned long)r->dims[j],
                      (unsigned long)RNN_MF_MAX_DIM);
    if (r->dims[j] && n > RNN_MF_MAX_ELEMS / r->dims[j])
      return rnn_fail(err, RNN_ERR_FORMAT,
                      "model file: record '%.*s' claims too many elements",
                      (int)nm, r->name);
    n *= r->dims[j];
  }
  if (r->n_dims == 0) n = 0;
  {
    uint64_t p64 = get_u64(buf + off);
    off += 8;
    if (p64 > (uint64_t)(end - off)) goto truncated;
    payload = (size_t)p64;
  }
  r->n = n;
  r->payload = buf + off;
  r->payload_bytes = payload;
  switch (r->type) {
  case RNN_REC_DOUBLE:
  case RNN_REC_INT:
  case RNN_REC_LOGICAL:
    need = n * elem_bytes(r->type);
    if (payload != need)
      return rnn_fail(err, RNN_ERR_FORMAT,
                      "model file: record '%.*s' holds %lu bytes for %lu "
                      "elements (%lu expected)",
                      (int)nm, r->name, (unsigned long)payload,
                      (unsigned long)n, (unsigned long)need);
    if (r->type == RNN_REC_LOGICAL)
      for (j = 0; j < n; j++) {
        uint32_t v = get_u32(r->payload + 4 * j);
        if (v > 1 && v != (uint32_t)RNN_MF_NA_INT)
          return rnn_fail(err, RNN_ERR_FORMAT,
                          "model file: logical record '%.*s' holds %lu",
                          (int)nm, r->name, (unsigned long)v);
      }
    break;
  case RNN_REC_STRING: {
    size_t p = 0;
    if (n > payload / 4)
      return rnn_fail(err, RNN_ERR_FORMAT,
                      "model file: record '%.*s' claims %lu strings in %lu "
                      "bytes",
                      (int)nm, r->name, (unsigned long)n,
                      (unsigned long)payload);
    for (j = 0; j < n; j++) {
      uint32_t len;
      if (payload - p < 4) goto bad_strings;
      len = get_u32(r->payload + p);
      p += 4;
      if (len == RNN_MF_NA_STRING) continue;
      if (len > payload - p || !valid_utf8(r->payload + p, len))
        goto bad_strings;
      p += len;
    }
    if (p != payload) goto bad_strings;
    break;
  }
  default: /* lists and NULL carry no payload */
    if (payload != 0)
      return rnn_fail(err, RNN_ERR_FORMAT,
                      "model file: record '%.*s' of type %d has a payload",
                      (int)nm, r->name, r->type);
    break;
  }
  *next = off + payload;
  return RNN_OK;
truncated:
  return rnn_fail(err, RNN_ERR_FORMAT,
                  "model file: record %lu runs past the end of the file; the "
                  "file is truncated or corrupt",
                  (unsigned long)k + 1);
bad_strings:
  return rnn_fail(err, RNN_ERR_FORMAT,
                  "model file: record '%.*s' holds malformed strings (not "
                  "UTF-8 or wrong lengths)",
                  (int)nm, r->name);
}

static int name_is(const rnn_record_view *r, const char *s) {
  size_t n = strlen(s);
  return r->name_len == n && memcmp(r->name, s, n) == 0;
}

/* The i-th element of a numeric record as a double. */
static double num_at(const rnn_record_view *r, size_t i) {
  if (r->type == RNN_REC_DOUBLE) return bits_dbl(get_u64(r->payload + 8 * i));
  return (double)(int32_t)get_u32(r->payload + 4 * i);
}

/* An integer-valued scalar (or vector element) from a numeric record. */
static int get_count(const rnn_record_view *r, size_t i, int lo, int hi,
                     int *out, rnn_error *err) {
  double v;
  if (i >= r->n)
    return rnn_fail(err, RNN_ERR_FORMAT, "model file: record '%.*s' is empty",
                    (int)r->name_len, r->name);
  v = num_at(r, i);
  if (r->type == RNN_REC_INT && (uint32_t)(int32_t)v == (uint32_t)RNN_MF_NA_INT)
    v = -1e300;
  if (!(v >= lo && v <= hi && v == (double)(int)v))
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: record '%.*s' holds %g, not a whole number "
                    "in %d..%d",
                    (int)r->name_len, r->name, v, lo, hi);
  *out = (int)v;
  return RNN_OK;
}

/* The configuration and the parameter vector a model needs. */
static int check_model(const rnn_record_view *recs, size_t n_rec,
                       rnn_model_info *info, rnn_error *err) {
  static const char *need[] = {
      "config.cell_code", "config.activation_code", "config.n_in",
      "config.units",     "config.n_out",           "config.head_act_code",
      "config.seq_out",   "config.dropout",         "params"};
  const rnn_record_view *found[9];
  rnn_config *cfg = &info->config;
  size_t k, j, P;
  int st;
  for (j = 0; j < 9; j++) {
    found[j] = NULL;
    for (k = 0; k < n_rec && !found[j]; k++)
      if (name_is(&recs[k], need[j])) found[j] = &recs[k];
    if (!found[j])
      return rnn_fail(err, RNN_ERR_FORMAT,
                      "model file: the record '%s' every model needs is "
                      "missing",
                      need[j]);
    if (found[j]->type != RNN_REC_DOUBLE && found[j]->type != RNN_REC_INT)
      return rnn_fail(err, RNN_ERR_FORMAT,
                      "model file: record '%s' must be numeric", need[j]);
  }
  memset(cfg, 0, sizeof *cfg);
  if ((st = get_count(found[0], 0, 0, 2, &cfg->cell, err)) ||
      (st = get_count(found[1], 0, 0, 4, &cfg->activation, err)) ||
      (st = get_count(found[2], 0, 1, 100000, &cfg->n_in, err)) ||
      (st = get_count(found[4], 0, 1, 1000000, &cfg->n_out, err)) ||
      (st = get_count(found[5], 0, 0, 4, &cfg->head_act, err)) ||
      (st = get_count(found[6], 0, 0, 1, &cfg->seq_out, err)))
    return st;
  if (found[3]->n < 1 || found[3]->n > RNN_MAX_LAYERS)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: config.units has %lu layers (1..%d)",
                    (unsigned long)found[3]->n, RNN_MAX_LAYERS);
  cfg->n_layers = (int)found[3]->n;
  for (j = 0; j < found[3]->n; j++)
    if ((st = get_count(found[3], j, 1, 100000, &cfg->n_hidden[j], err)))
      return st;
  if (found[7]->type != RNN_REC_DOUBLE || found[7]->n != 1)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: config.dropout must be one double");
  cfg->dropout = num_at(found[7], 0);
  { /* token input and the series embedding (issue 16), the precision
       (issue 19): optional records, absent in files without them */
    static const char *opt[] = {"config.n_vocab", "config.n_embed",
                                "config.n_series", "config.series_embed",
                                "config.precision"};
    int *dst[5];
    dst[0] = &cfg->n_vocab;
    dst[1] = &cfg->n_embed;
    dst[2] = &cfg->n_series;
    dst[3] = &cfg->series_embed;
    dst[4] = &cfg->precision;
    for (j = 0; j < 5; j++)
      for (k = 0; k < n_rec; k++)
        if (name_is(&recs[k], opt[j])) {
          if (recs[k].type != RNN_REC_DOUBLE && recs[k].type != RNN_REC_INT)
            return rnn_fail(err, RNN_ERR_FORMAT,
                            "model file: record '%s' must be numeric", opt[j]);
          if ((st = get_count(&recs[k], 0, 0, 1000000, dst[j], err)))
            return st;
          break;
        }
  }
  if (rnn_config_check(cfg, err) != RNN_OK) {
    char why[sizeof err->msg - 64];
    memcpy(why, err->msg, sizeof why - 1);
    why[sizeof why - 1] = '\0';
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: invalid configuration (%s)", why);
  }
  P = rnn_n_params(cfg);
  /* ---- ensemble (issue 15): params may be P x k, k members ---- */
  if (found[8]->type != RNN_REC_DOUBLE || P == 0 || found[8]->n == 0 ||
      found[8]->n % P != 0 ||
      (found[8]->n != P &&
       !(found[8]->n_dims == 2 && found[8]->dims[0] == P)))
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: params holds %lu numbers but the "
                    "configuration needs %lu doubles (or a matrix of that "
                    "many rows, one column per ensemble member)",
                    (unsigned long)found[8]->n, (unsigned long)P);
  info->n_params = P;
  return RNN_OK;
}

/* Header and checksum; n_records from the header in *n_rec. */
static int check_header(const unsigned char *buf, size_t size, size_t *n_rec,
                        rnn_error *err) {
  uint32_t v, bom;
  uint64_t fsize;
  if (!buf) return rnn_fail(err, RNN_ERR_INPUT, "model file: NULL buffer");
  if (size < 8 || memcmp(buf, magic, 8) != 0)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "not an rnnkit model file (it does not start with the "
                    "rnnkit signature)");
  if (size < HEADER_BYTES + TRAILER_BYTES)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: only %lu bytes; the file is truncated",
                    (unsigned long)size);
  bom = get_u32(buf + 12);
  if (bom != BOM)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: byte-order mark %08lx instead of %08lx; the "
                    "file was written with the wrong byte order or is corrupt",
                    (unsigned long)bom, (unsigned long)BOM);
  v = get_u32(buf + 8);
  if (v != RNN_MF_VERSION)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: format version %lu; this rnnkit reads "
                    "version %d (update rnnkit to read newer files)",
                    (unsigned long)v, RNN_MF_VERSION);
  fsize = get_u64(buf + 16);
  if (fsize != (uint64_t)size)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: the header says %.0f bytes but there are "
                    "%lu; the file is truncated or has extra bytes",
                    (double)fsize, (unsigned long)size);
  if (get_u64(buf + size - TRAILER_BYTES) !=
      rnn_fnv1a64(buf, size - TRAILER_BYTES))
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: checksum mismatch; the file is corrupt");
  *n_rec = get_u32(buf + 24);
  /* every record takes at least 2 + 1 + 4 + 8 bytes */
  if (*n_rec > RNN_MF_MAX_RECORDS ||
      *n_rec > (size - HEADER_BYTES - TRAILER_BYTES) / 15)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: %lu records cannot fit in %lu bytes",
                    (unsigned long)*n_rec, (unsigned long)size);
  if (get_u32(buf + 28) != 0)
    return rnn_fail(err, RNN_ERR_FORMAT, "model file: unknown flags %08lx",
                    (unsigned long)get_u32(buf + 28));
  return RNN_OK;
}

/* Walks all records; with out != NULL stores their views. */
static int walk(const unsigned char *buf, size_t size, size_t n_rec,
                rnn_record_view *out, rnn_error *err) {
  size_t off = HEADER_BYTES, end = size - TRAILER_BYTES, k;
  rnn_record_view r;
  int st;
  for (k = 0; k < n_rec; k++) {
    if ((st = read_record(buf, off, end, k, &r, &off, err)) != RNN_OK)
      return st;
    if (out) out[k] = r;
  }
  if (off != end)
    return rnn_fail(err, RNN_ERR_FORMAT,
                    "model file: %lu bytes after the last record",
                    (unsigned long)(end - off));
  return RNN_OK;
}

int rnn_model_parse(const unsigned char *buf, size_t size, rnn_model_info *info,
                    rnn_error *err) {
  size_t n_rec = 0;
  int st;
  if (!info) return rnn_fail(err, RNN_ERR_INPUT, "rnn_model_parse: NULL info");
  memset(info, 0, sizeof *info);
  if ((st = check_header(buf, size, &n_rec, err)) != RNN_OK) return st;
  if ((st = walk(buf, size, n_rec, NULL, err)) != RNN_OK) return st;
  info->n_records = n_rec;
  return RNN_OK;
}

int rnn_model_records(const unsigned char *buf, size_t size,
                      rnn_record_view *recs, size_t n_records,
                      rnn_model_info *info, rnn_error *err) {
  rnn_model_info chk;
  int st;
  if ((st = rnn_model_parse(buf, size, &chk, err)) != RNN_OK) return st;
  if (!recs || n_records != chk.n_records)
    return rnn_fail(err, RNN_ERR_INPUT,
                    "rnn_model_records: room for %lu records, %lu needed",
                    (unsigned long)n_records, (unsigned long)chk.n_records);
  if ((st = walk(buf, size, n_records, recs, err)) != RNN_OK) return st;
  if ((st = check_model(recs, n_records, &chk, err)) != RNN_OK) return st;
  if (info) *info = chk;
  return RNN_OK;
}

void rnn_record_doubles(const rnn_record_view *r, double *out) {
  size_t k;
  if (r->type != RNN_REC_DOUBLE && r->type != RNN_REC_INT &&
      r->type != RNN_REC_LOGICAL)
    return;
  for (k = 0; k < r->n; k++)
    out[k] = num_at(r, k);
}

void rnn_record_ints(const rnn_record_view *r, int32_t *out) {
  size_t k;
  if (r->type != RNN_REC_INT && r->type != RNN_REC_LOGICAL) return;
  for (k = 0; k < r->n; k++)
    out[k] = (int32_t)get_u32(r->payload + 4 * k);
}

void rnn_record_strings(const rnn_record_view *r, const char **s, size_t *len) {
  size_t p = 0, k;
  if (r->type != RNN_REC_STRING) return;
  for (k = 0; k < r->n; k++) {
    uint32_t n = get_u32(r->payload + p);
    p += 4;
    if (n == RNN_MF_NA_STRING) {
      s[k] = NULL;
      len[k] = 0;
    } else {
      s[k] = (const char *)(r->payload + p);
      len[k] = n;
      p += n;
    }
  }
}
