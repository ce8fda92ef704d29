/* The text commands, once for both hosts (issue 14): a tokenizer's
 * vocabulary, encoding, decoding, padding, the arrangement of a text
 * into streams, the check of UTF-8 texts, and one layer's weights in
 * Keras' and PyTorch's layouts.  All the text handling is the core's
 * (src/core/text.c); texts arrive as UTF-8 strings (R: enc2utf8()'d;
 * Octave: char rows of UTF-8 bytes). */
#include "gw.h"

#include <string.h>

/* Element k of the strings v, which the host checked (an internal error
 * when it is NA or, in Octave, holds a NUL byte). */
static const char *text_at(gw_in v, size_t k, const char *what) {
  const char *s = gw_text_at(v, k, what);
  if (!s) gw_internal("%s: NA or a NUL byte", what);
  return s;
}

/* All the strings of v: their count in *n, lengths in *nb. */
static const char **texts_of(gw_in v, const char *what, size_t *n,
                             size_t **nb) {
  long m = gw_n_strings(v);
  const char **t;
  size_t k;
  if (m < 0) gw_internal("%s must be strings", what);
  *n = (size_t)m;
  t = (const char **)gw_alloc(*n, sizeof(char *));
  *nb = (size_t *)gw_alloc(*n, sizeof(size_t));
  for (k = 0; k < *n; k++) (*nb)[k] = strlen(t[k] = text_at(v, k, what));
  return t;
}

/* Sequence lengths (whole numbers as doubles) that add up to the
 * number of values (doubles), whose count is *n. */
static size_t *lengths_of(gw_in lens, gw_in values, const double **v,
                          size_t *n) {
  const double *l = gw_reals(lens, "lens", n);
  size_t k, total = 0, nv, *len = (size_t *)gw_alloc(*n, sizeof(size_t));
  *v = gw_reals(values, "values", &nv);
  for (k = 0; k < *n; k++) {
    if (!(l[k] >= 0 && l[k] <= 4503599627370496.0 && l[k] == (double)(size_t)l[k]))
      gw_internal("lens");
    total += len[k] = (size_t)l[k];
  }
  if (total != nv) gw_internal("lens do not add up to the values");
  return len;
}

/* utf8_valid (texts): one flag per string, whether it is well-formed
 * UTF-8 by the core's rule (rnn_utf8_decode(); NA and, in Octave, a NUL
 * byte are not valid). */
void gw_utf8_valid(gw_out *o, const gw_in *arg) {
  rnn_error err;
  long n = gw_n_strings(arg[0]);
  size_t k, m;
  int *ok;
  if (n < 0) gw_internal("texts must be strings");
  ok = (int *)gw_alloc((size_t)n, sizeof(int));
  for (k = 0; k < (size_t)n; k++) {
    const char *s = gw_text_at(arg[0], k, "texts");
    ok[k] = s && rnn_utf8_decode(s, strlen(s), NULL, 0, &m, &err) == RNN_OK;
  }
  gw_result(o, 1, NULL);
  gw_set_flags(o, 0, (size_t)n, ok, 0);
}

/* vocab_fit (texts, level, lower, filters, num_words, oov):
 * rnn_vocab_fit(); result vocab (strings), counts, n_tokens, n_distinct.
 * num_words 0: all; oov NULL / [] for none.  An empty vocab means no
 * tokens (or only oov): the host says so. */
void gw_vocab_fit(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"vocab", "counts", "n_tokens", "n_distinct"};
  rnn_error err;
  rnn_vocab_info in;
  size_t n, k, *nb, *vend;
  const char **t = texts_of(arg[0], "texts", &n, &nb);
  const char *f = gw_str(arg[3], "filters"),
             *oov = gw_is_null(arg[5]) ? NULL : gw_str(arg[5], "oov");
  char *voc, **s;
  double *cnt;
  void *work;
  int level = gw_code(RNN_NAMES_LEVEL, arg[1], "level"), *c;
#define FIT(w, v, e, c)                                                       \
  rnn_vocab_fit(n, t, nb, level, gw_flag(arg[2], "lower"), f, strlen(f),     \
                gw_count(arg[4], "num_words", 0), oov, oov ? strlen(oov) : 0, \
                w, v, e, c, &in, &err)
  if (FIT(NULL, NULL, NULL, NULL) != RNN_OK) gw_raise(&err);
  work = gw_work((in.work_len + in.voc_len) / sizeof(double) + 2, "the tokens");
  voc = (char *)work + in.work_len;
  vend = (size_t *)gw_alloc(in.n_tokens + 1, sizeof(size_t));
  cnt = gw_work(in.n_tokens + 1, "the counts");
  if (FIT(work, voc, vend, cnt) != RNN_OK) gw_raise(&err);
#undef FIT
  /* the entries as C text: each copied with its NUL */
  s = (char **)gw_alloc(in.n_vocab, sizeof(char *));
  c = (int *)gw_alloc(in.n_vocab + 2, sizeof(int));
  for (k = 0; k < in.n_vocab; k++) {
    size_t from = k ? vend[k - 1] : 0;
    s[k] = (char *)gw_alloc(vend[k] - from + 1, 1);
    memcpy(s[k], voc + from, vend[k] - from);
    c[k] = (int)cnt[k];
  }
  gw_result(o, 4, nm);
  gw_set_strings(o, 0, in.n_vocab, (const char *const *)s);
  gw_set_ints(o, 1, in.n_vocab, c, 0);
  /* as R's length() gives them: integers, doubles beyond */
  for (k = 0; k < 2; k++) {
    size_t v = k ? in.n_distinct : in.n_tokens;
    if (v <= 2147483647u) {
      c[0] = (int)v;
      gw_set_ints(o, 2 + (int)k, 1, c, 0);
    } else
      *gw_set_vector(o, 2 + (int)k, 1, 1, "a count") = (double)v;
  }
}

/* text_encode (texts, level, lower, filters, vocab, oov): the ids of each
 * text under vocab by rnn_text_encode(), a list (R) / a cell of the
 * shape of texts (Octave) of id vectors (1..length(vocab)); oov true
 * when vocab's first entry is the oov token unknown tokens become. */
void gw_text_encode(gw_out *o, const gw_in *arg) {
  rnn_error err;
  size_t n, nv, i, n_vcp, n_ids, n_cp, n_tok, cap = 0, *nb, *vb, *vend,
                                                  *order, *ends = NULL;
  const char **t = texts_of(arg[0], "texts", &n, &nb),
             **voc = texts_of(arg[4], "vocab", &nv, &vb),
             *f = gw_str(arg[3], "filters");
  int level = gw_code(RNN_NAMES_LEVEL, arg[1], "level"),
      lower = gw_flag(arg[2], "lower"), oov = gw_flag(arg[5], "oov"),
      *id = NULL;
  int32_t *vcp, *cp = NULL;
  /* the vocabulary as code points, then its sorted index */
  if (rnn_vocab_index(nv, voc, vb, NULL, 0, &n_vcp, NULL, NULL, &err) != RNN_OK)
    gw_raise(&err);
  vend = (size_t *)gw_work(2 * nv + 3 + n_vcp / 2, "the vocabulary");
  order = vend + nv + 1;
  vcp = (int32_t *)(order + nv + 1);
  if (rnn_vocab_index(nv, voc, vb, vcp, n_vcp, &n_vcp, vend, order, &err) !=
      RNN_OK)
    gw_raise(&err);
  gw_result(o, 1, NULL);
  gw_set_id_list(o, 0, n, arg[0]);
  for (i = 0; i < n; i++) {
    if (rnn_text_tokens(t[i], nb[i], level, lower, f, strlen(f), NULL, 0,
                        NULL, 0, &n_cp, &n_tok, &err) != RNN_OK)
      gw_raise(&err);
    if (n_cp + 1 > cap) { /* grown by doubling: at most twice the largest */
      cap = 2 * (n_cp + 1); /* ends, cp and id: 2 doubles a code point */
      ends = (size_t *)gw_work(rnn_size_mul(cap, 2), "the tokens");
      cp = (int32_t *)(ends + cap);
      id = (int *)(cp + cap);
    }
    if (rnn_text_encode(t[i], nb[i], level, lower, f, strlen(f), nv, vcp,
                        vend, order, oov ? 1 : 0, cp, n_cp, ends, n_tok,
                        (int32_t *)id, &n_ids, &err) != RNN_OK)
      gw_raise(&err);
    gw_set_item_ints(o, 0, i, n_ids, id);
  }
}

/* text_decode (lens, values, vocab, level): rnn_text_decode() of the
 * sequences of lengths lens whose ids (doubles) are concatenated in
 * values: the texts (strings). */
void gw_text_decode(gw_out *o, const gw_in *arg) {
  rnn_error err;
  const double *ids;
  size_t n, nv, k, nb, *len = lengths_of(arg[0], arg[1], &ids, &n), *vb,
                       *oend = (size_t *)gw_alloc(n, sizeof(size_t));
  const char **voc = texts_of(arg[2], "vocab", &nv, &vb);
  char *buf, **s = (char **)gw_alloc(n, sizeof(char *));
  int level = gw_code(RNN_NAMES_LEVEL, arg[3], "level");
  if (rnn_text_decode(n, len, ids, level, nv, voc, vb, NULL, 0, oend, &err) !=
      RNN_OK)
    gw_raise(&err);
  nb = n ? oend[n - 1] : 0;
  /* room for each text's NUL after it: text k at buf + oend[k-1] + k */
  buf = (char *)gw_work((nb + n) / sizeof(double) + 1, "the decoded texts");
  if (rnn_text_decode(n, len, ids, level, nv, voc, vb, buf, nb, oend, &err) !=
      RNN_OK)
    gw_raise(&err);
  for (k = n; k-- > 0;) {
    size_t from = k ? oend[k - 1] : 0;
    s[k] = buf + from + k;
    memmove(s[k], buf + from, oend[k] - from);
    s[k][oend[k] - from] = '\0';
  }
  gw_result(o, 1, NULL);
  gw_set_strings(o, 0, n, (const char *const *)s);
}

/* pad_sequences (lens, values, maxlen, pad_post, trunc_post, value):
 * rnn_pad_sequences(), the length(lens) x maxlen matrix of whole numbers
 * (R: integer). */
void gw_pad_sequences(gw_out *o, const gw_in *arg) {
  rnn_error err;
  const double *v;
  size_t n, *len = lengths_of(arg[0], arg[1], &v, &n),
            m = gw_count(arg[2], "maxlen", 0);
  double *out = gw_work(rnn_size_mul(n, m), "the padded sequences");
  if (rnn_pad_sequences(n, len, v, m, gw_flag(arg[3], "pad_post"),
                        gw_flag(arg[4], "trunc_post"),
                        gw_dbl(arg[5], "value"), out, &err) != RNN_OK)
    gw_raise(&err);
  gw_result(o, 1, NULL);
  gw_set_int_matrix(o, 0, n, m, out, "the padded sequences");
}

/* text_streams (tokens, seq_len, batch_size): x and y, both n_samples x
 * seq_len, of rnn_text_streams() (0 rows when the text is too short: the
 * host says so). */
void gw_text_streams(gw_out *o, const gw_in *arg) {
  static const char *const nm[] = {"x", "y"};
  rnn_error err;
  size_t nt, n, T = gw_count(arg[1], "seq_len", 1),
                B = gw_count(arg[2], "batch_size", 1);
  const double *tok = gw_reals(arg[0], "tokens", &nt);
  double *x, *y;
  if (rnn_text_streams(nt, tok, T, B, NULL, NULL, &n, &err) != RNN_OK)
    gw_raise(&err);
  gw_result(o, 2, nm);
  x = gw_set_matrix(o, 0, n, T, "the text's chunks");
  y = gw_set_matrix(o, 1, n, T, "the text's chunks");
  if (rnn_text_streams(nt, tok, T, B, x, y, &n, &err) != RNN_OK)
    gw_raise(&err);
}

/* ---- Keras' and PyTorch's weight layouts ---------------------------- */

static int torch_format(gw_in v) {
  const char *f = gw_str(v, "format");
  if (strcmp(f, "keras") != 0 && strcmp(f, "torch") != 0)
    gw_internal("the format must be \"keras\" or \"torch\"");
  return f[0] == 't';
}

/* layer_params (config, format, weights): the parameters of the layer
 * model config from weights, format "keras" with list(kernel,
 * recurrent_kernel, bias) or "torch" with list(weight_ih, weight_hh,
 * bias_ih, bias_hh) (the host checked their shapes; a missing or NULL /
 * [] bias is zeros). */
void gw_layer_params(gw_out *o, const gw_in *arg) {
  rnn_config cfg = gw_config(arg[0]);
  rnn_error err;
  size_t I = (size_t)cfg.n_in, H = (size_t)cfg.n_hidden[0],
         GH = (size_t)rnn_cell_gates(cfg.cell) * H, want[4], n;
  int torch = torch_format(arg[1]), k, st;
  const double *w[4];
  double *p;
  want[0] = I * GH;
  want[1] = GH * H;
  want[2] = torch || cfg.cell != RNN_CELL_GRU ? GH : 2 * GH;
  want[3] = torch ? GH : 0;
  for (k = 0; k < 4; k++) {
    gw_in a = k < 3 + torch ? gw_elt(arg[2], (size_t)k) : NULL;
    w[k] = gw_is_null(a) ? NULL : gw_reals(a, "weights", &n);
    if (w[k] && n != want[k]) gw_internal("weights of a wrong size");
  }
  if (!w[0] || !w[1]) gw_internal("the weights (not the biases) are required");
  gw_result(o, 1, NULL);
  p = gw_set_vector(o, 0, rnn_n_params(&cfg), rnn_n_params(&cfg),
                    "the layer's weights");
  st = torch ? rnn_params_from_torch(&cfg, w[0], w[1], w[2], w[3], p, &err)
             : rnn_params_from_keras(&cfg, w[0], w[1], w[2], p, &err);
  if (st != RNN_OK) gw_raise(&err);
}

/* layer_weights (config, params, format): the weights of the layer model
 * config with parameters params: "keras", list(kernel, recurrent_kernel,
 * bias) (a GRU's bias 2 x 3H); "torch", list(weight_ih, weight_hh,
 * bias_ih, bias_hh). */
void gw_layer_weights(gw_out *o, const gw_in *arg) {
  static const char *const keras[] = {"kernel", "recurrent_kernel", "bias"};
  static const char *const pt[] = {"weight_ih", "weight_hh", "bias_ih",
                                   "bias_hh"};
  rnn_config cfg = gw_config(arg[0]);
  rnn_error err;
  size_t I = (size_t)cfg.n_in, H = (size_t)cfg.n_hidden[0],
         GH = (size_t)rnn_cell_gates(cfg.cell) * H, n;
  const double *p = gw_reals(arg[1], "params", &n);
  int st;
  if (n != rnn_n_params(&cfg)) gw_internal("params of a wrong size");
  if (torch_format(arg[2])) {
    gw_result(o, 4, pt);
    st = rnn_params_to_torch(&cfg, p, gw_set_matrix(o, 0, GH, I, "weight_ih"),
                             gw_set_matrix(o, 1, GH, H, "weight_hh"),
                             gw_set_vector(o, 2, GH, GH, "bias_ih"),
                             gw_set_vector(o, 3, GH, GH, "bias_hh"), &err);
  } else {
    gw_result(o, 3, keras);
    st = rnn_params_to_keras(
        &cfg, p, gw_set_matrix(o, 0, I, GH, "kernel"),
        gw_set_matrix(o, 1, H, GH, "recurrent_kernel"),
        cfg.cell == RNN_CELL_GRU ? gw_set_matrix(o, 2, 2, GH, "bias")
                                 : gw_set_vector(o, 2, GH, GH, "bias"),
        &err);
  }
  if (st != RNN_OK) gw_raise(&err);
}
