/* The core on its own: compiled with -std=c99 -pedantic -Werror and no R
 * headers (proving it host-free), linked only to BLAS/LAPACK, and driven
 * through its public API: status codes for bad arguments, workspace
 * queries, a training run, determinism.  Prints "core: N passed, N failed". */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/internal.h"

static int n_pass, n_fail;

static void check(int ok, const char *what) {
  if (ok) {
    n_pass++;
  } else {
    n_fail++;
    printf("FAILED: %s\n", what);
  }
}

static int cmp_dbl_test(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static rnn_config lstm_config(void) {
  rnn_config c;
  memset(&c, 0, sizeof c);
  c.cell = RNN_CELL_LSTM;
  c.activation = RNN_ACT_TANH;
  c.n_in = 2;
  c.n_layers = 2;
  c.n_hidden[0] = 4;
  c.n_hidden[1] = 3;
  c.n_out = 1;
  c.head_act = RNN_ACT_LINEAR;
  return c;
}

static rnn_train_config train_config(void) {
  rnn_train_config t;
  memset(&t, 0, sizeof t);
  t.loss = RNN_LOSS_MSE;
  t.optimizer = RNN_OPT_ADAM;
  t.lr = 0.01;
  t.beta1 = 0.9;
  t.beta2 = 0.999;
  t.eps = 1e-7;
  t.epochs = 5;
  t.batch_size = 4;
  t.shuffle = 1;
  return t;
}

/* trains a fresh model from seed and returns its parameters (malloc'd) */
static double *train(uint64_t seed, const double *x, const double *y, size_t N,
                     size_t T, double *loss_hist, int *status) {
  rnn_config c = lstm_config();
  rnn_train_config t = train_config();
  rnn_rng rng;
  rnn_error err;
  rnn_train_result res;
  rnn_dataset d;
  size_t P = rnn_n_params(&c);
  double *p = malloc(P * sizeof(double));
  double *w = malloc(rnn_init_workspace(&c) * sizeof(double));
  double *tw = malloc(rnn_train_workspace(&c, &t, N, T) * sizeof(double));
  rnn_rng_seed(&rng, seed);
  *status = rnn_init_params(&c, RNN_INIT_ORTHOGONAL, p, &rng, w, &err);
  d.n_samples = N;
  d.n_time = T;
  d.x = x;
  d.src = NULL;
  d.y = y;
  if (*status == RNN_OK) {
    rnn_history h;
    memset(&h, 0, sizeof h);
    h.loss = loss_hist;
    *status = rnn_train(&c, &t, p, &d, NULL, &rng, NULL, &h, &res, tw, &err);
  }
  free(w);
  free(tw);
  return p;
}

/* Encodes a model's mandatory records (and a string and a logical) into
 * a malloc'd buffer; *size gets its length. */
static unsigned char *encode_model(const rnn_config *c, const double *p,
                                   size_t *size) {
  static const char *strs[] = {"lstm", NULL, "\xc3\xa9t\xc3\xa9"};
  double dbl[6];
  int32_t units[RNN_MAX_LAYERS], flag = 1;
  rnn_record r[10];
  rnn_error err;
  unsigned char *buf;
  int k, l;
  memset(r, 0, sizeof r);
  dbl[0] = c->cell;
  dbl[1] = c->activation;
  dbl[2] = c->n_in;
  dbl[3] = c->n_out;
  dbl[4] = c->head_act;
  dbl[5] = c->seq_out;
  for (l = 0; l < c->n_layers; l++) units[l] = c->n_hidden[l];
  r[0].name = "config.cell_code";
  r[1].name = "config.activation_code";
  r[2].name = "config.n_in";
  r[3].name = "config.n_out";
  r[4].name = "config.head_act_code";
  r[5].name = "config.seq_out";
  for (k = 0; k < 6; k++) {
    r[k].type = RNN_REC_DOUBLE;
    r[k].n_dims = 1;
    r[k].dims[0] = 1;
    r[k].dbl = &dbl[k];
  }
  r[6].name = "config.units";
  r[6].type = RNN_REC_INT;
  r[6].n_dims = 1;
  r[6].dims[0] = (size_t)c->n_layers;
  r[6].i32 = units;
  r[7].name = "config.dropout";
  r[7].type = RNN_REC_DOUBLE;
  r[7].n_dims = 1;
  r[7].dims[0] = 1;
  r[7].dbl = &c->dropout;
  r[8].name = "params";
  r[8].type = RNN_REC_DOUBLE;
  r[8].n_dims = 1;
  r[8].dims[0] = rnn_n_params(c);
  r[8].dbl = p;
  r[9].name = "misc";
  r[9].type = RNN_REC_STRING;
  r[9].n_dims = 2;
  r[9].dims[0] = 3;
  r[9].dims[1] = 1;
  r[9].str = strs;
  (void)flag;
  if (rnn_model_encode_size(r, 10, size, &err) != RNN_OK) return NULL;
  buf = malloc(*size);
  if (rnn_model_encode(r, 10, buf, *size, &err) != RNN_OK) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* Decodes buf fully; returns the status. */
static int decode(const unsigned char *buf, size_t size, rnn_error *err) {
  rnn_model_info info;
  rnn_record_view *v;
  int st = rnn_model_parse(buf, size, &info, err);
  if (st != RNN_OK) return st;
  v = malloc((info.n_records + 1) * sizeof *v);
  st = rnn_model_records(buf, size, v, info.n_records, &info, err);
  free(v);
  return st;
}

/* Rewrites the checksum after a deliberate edit. */
static void reseal(unsigned char *buf, size_t size) {
  uint64_t h = rnn_fnv1a64(buf, size - 8);
  int k;
  for (k = 0; k < 8; k++) buf[size - 8 + k] = (unsigned char)(h >> (8 * k));
}

static void test_model_file(const rnn_config *c, const double *p) {
  size_t size, k, P = rnn_n_params(c);
  unsigned char *buf = encode_model(c, p, &size), *bad;
  rnn_model_info info;
  rnn_record_view v[10];
  rnn_error err;
  double back[400];
  const char *s[3];
  size_t len[3];
  int flips = 0, st;

  check(buf != NULL, "model file encodes");
  if (!buf) return;
  check(rnn_model_parse(buf, size, &info, &err) == RNN_OK &&
            info.n_records == 10, "model file parses");
  check(rnn_model_records(buf, size, v, 10, &info, &err) == RNN_OK,
        "model file records decode");
  check(info.n_params == P && info.config.n_layers == c->n_layers &&
            info.config.n_hidden[1] == c->n_hidden[1],
        "model file gives the configuration");
  check(P <= 400, "test model is small");
  rnn_record_doubles(&v[8], back);
  check(v[8].n == P && memcmp(back, p, P * sizeof(double)) == 0,
        "params come back bit for bit");
  rnn_record_strings(&v[9], s, len);
  check(len[0] == 4 && memcmp(s[0], "lstm", 4) == 0 && s[1] == NULL &&
            len[2] == 5 && v[9].n_dims == 2,
        "strings, NA and dims come back");
  check(buf[0] == 0x89 && buf[12] == 0x0D && buf[13] == 0x0C,
        "signature and little-endian byte-order mark");

  /* every truncation is a format error */
  for (k = 0, st = 1; k < size; k++)
    if (decode(buf, k, &err) != RNN_ERR_FORMAT) st = 0;
  check(st, "every truncated file is rejected");
  check(strcmp(err.id, "rnnkit:format") == 0, "format error id");
  /* every single bit flip is caught */
  bad = malloc(size);
  for (k = 0; k < size * 8; k++) {
    memcpy(bad, buf, size);
    bad[k / 8] ^= (unsigned char)(1u << (k % 8));
    if (decode(bad, size, &err) != RNN_ERR_FORMAT) flips++;
  }
  check(flips == 0, "every single bit flip is rejected");
  /* another version, even with a valid checksum */
  memcpy(bad, buf, size);
  bad[8] = 2;
  reseal(bad, size);
  check(decode(bad, size, &err) == RNN_ERR_FORMAT &&
            strstr(err.msg, "version") != NULL,
        "a newer version is rejected");
  /* big-endian byte-order mark */
  memcpy(bad, buf, size);
  bad[12] = 0x0A;
  bad[13] = 0x0B;
  bad[14] = 0x0C;
  bad[15] = 0x0D;
  reseal(bad, size);
  check(decode(bad, size, &err) == RNN_ERR_FORMAT &&
            strstr(err.msg, "byte order") != NULL,
        "a wrong-endian file is rejected");
  /* a foreign file */
  memcpy(bad, buf, size);
  bad[1] = 'X';
  check(decode(bad, size, &err) == RNN_ERR_FORMAT &&
            strstr(err.msg, "not an rnnkit") != NULL,
        "a foreign file is rejected");
  /* an oversized dimension in the first record (name of 16 bytes:
   * its dims[0] sits at 32 + 2 + 16 + 4) */
  memcpy(bad, buf, size);
  bad[54] = bad[55] = bad[56] = 0xFF;
  bad[57] = 0x7F;
  reseal(bad, size);
  check(decode(bad, size, &err) == RNN_ERR_FORMAT, "oversized dimension");
  memcpy(bad, buf, size);
  bad[57] = 0xFF;
  reseal(bad, size);
  check(decode(bad, size, &err) == RNN_ERR_FORMAT, "dimension beyond 2^31");
  /* params of the wrong length: a 2-layer model's file read as 1 layer */
  memcpy(bad, buf, size);
  for (k = 0; k + 12 < size; k++)
    if (memcmp(bad + k, "config.units", 12) == 0) break;
  bad[k + 12 + 4 + 4 + 8] = 9; /* first units value 4 -> 9 */
  reseal(bad, size);
  check(decode(bad, size, &err) == RNN_ERR_FORMAT &&
            strstr(err.msg, "params") != NULL,
        "params not matching the configuration");
  /* a missing mandatory record: rename params */
  memcpy(bad, buf, size);
  for (k = 0; k + 6 < size; k++)
    if (memcmp(bad + k, "params", 6) == 0) break;
  bad[k] = 'q';
  reseal(bad, size);
  check(decode(bad, size, &err) == RNN_ERR_FORMAT &&
            strstr(err.msg, "missing") != NULL,
        "a missing mandatory record");
  check(rnn_model_parse(NULL, 0, &info, &err) == RNN_ERR_INPUT, "NULL buffer");
  free(bad);
  free(buf);
}

/* Stepping a sequence one step at a time from a zero state equals one
 * forward pass over the whole sequence, for every cell and both heads. */
static void test_step(void) {
  int cell, seq;
  rnn_rng rng;
  rnn_error err;
  for (cell = RNN_CELL_SIMPLE; cell <= RNN_CELL_GRU; cell++)
    for (seq = 0; seq <= 1; seq++) {
      rnn_config c = lstm_config();
      size_t B = 3, T = 6, I = 2, K, P, t, k, S;
      double *p, *x, *xt, *full, *part, *state, *w, *fw, *iw;
      double worst = 0;
      int ok = 1;
      c.cell = cell;
      c.seq_out = seq;
      c.n_out = 2;
      K = 2;
      P = rnn_n_params(&c);
      S = rnn_state_size(&c, B);
      p = malloc(P * sizeof(double));
      iw = malloc(rnn_init_workspace(&c) * sizeof(double));
      x = malloc(I * B * T * sizeof(double));
      xt = malloc(I * B * sizeof(double));
      full = malloc(K * B * T * sizeof(double));
      part = malloc(K * B * T * sizeof(double));
      state = calloc(S, sizeof(double));
      w = malloc(rnn_step_workspace(&c, B, 1) * sizeof(double));
      fw = malloc(rnn_batch_workspace(&c, B, T) * sizeof(double));
      rnn_rng_seed(&rng, 7 + (uint64_t)cell);
      ok &= rnn_init_params(&c, 0, p, &rng, iw, &err) == RNN_OK;
      for (k = 0; k < I * B * T; k++) x[k] = rnn_rng_normal(&rng);
      ok &= rnn_forward(&c, p, B, T, x, full, fw, &err) == RNN_OK;
      for (t = 0; t < T; t++) { /* step t of every sequence: B x 1 x I */
        size_t b, i;
        for (b = 0; b < B; b++)
          for (i = 0; i < I; i++) xt[b + B * i] = x[i + I * (b + B * t)];
        ok &= rnn_step(&c, p, B, 1, xt, state, part + (seq ? K * B * t : 0), w,
                       &err) == RNN_OK;
      }
      for (t = 0; t < (seq ? T : 1); t++) { /* part: B x K per step */
        size_t b;
        for (b = 0; b < B; b++)
          for (k = 0; k < K; k++) {
            double d = fabs(full[k + K * (b + B * t)] - part[K * B * t + b + B * k]);
            if (d > worst) worst = d;
          }
      }
      check(ok && worst == 0.0, "stepping equals the full forward pass");
      { /* dataset layouts: the whole sequence in one step from zeros is
           rnn_predict()'s output, and scattering the gathered batch back
           gives x again */
        size_t *idx = malloc(B * sizeof(size_t)), b;
        double *xd = malloc(I * B * T * sizeof(double));
        double *xr = malloc(I * B * T * sizeof(double));
        double *o1 = malloc(K * B * T * sizeof(double));
        double *o2 = malloc(K * B * T * sizeof(double));
        double *s0 = calloc(S, sizeof(double));
        double *sw = malloc(rnn_step_workspace(&c, B, T) * sizeof(double));
        double *pw = malloc(rnn_predict_workspace(&c, 2, T) * sizeof(double));
        for (b = 0; b < B; b++) idx[b] = b;
        rnn_scatter_batch(&c, B, T, x, idx, B, xd);
        rnn_gather_batch(&c, RNN_LOSS_MSE, B, T, xd, NULL, idx, B, xr, NULL);
        check(memcmp(xr, x, I * B * T * sizeof(double)) == 0,
              "rnn_scatter_batch inverts rnn_gather_batch");
        check(rnn_step(&c, p, B, T, xd, s0, o1, sw, &err) == RNN_OK &&
                  rnn_predict(&c, p, B, T, xd, 2, o2, pw, &err) == RNN_OK &&
                  memcmp(o1, o2, K * B * (seq ? T : 1) * sizeof(double)) == 0,
              "rnn_step from zeros equals rnn_predict, dataset layouts");
        check(memcmp(s0, state, S * sizeof(double)) == 0,
              "rnn_step leaves the state of stepping one step at a time");
        free(idx);
        free(xd);
        free(xr);
        free(o1);
        free(o2);
        free(s0);
        free(sw);
        free(pw);
      }
      check(rnn_step(&c, p, 0, 1, xt, state, part, w, &err) == RNN_ERR_DIM,
            "rnn_step with an empty batch");
      check(rnn_step(&c, p, B, 1, xt, NULL, part, w, &err) == RNN_ERR_INPUT,
            "rnn_step with a NULL state");
      check(S == (cell == RNN_CELL_LSTM ? 2 : 1) * (4 + 3) * B, "state size");
      free(p);
      free(iw);
      free(x);
      free(xt);
      free(full);
      free(part);
      free(state);
      free(w);
      free(fw);
    }
}

/* Token input, sampling and stateful training through the core alone:
 * status codes for bad arguments, and a padded prefix that changes
 * nothing. */
static void test_tokens(void) {
  rnn_config c = lstm_config(), bad;
  rnn_train_config t = train_config();
  rnn_error err;
  rnn_rng rng;
  rnn_train_result res;
  rnn_history h;
  rnn_dataset d;
  size_t P, S, k;
  double *p, *iw, *w, *gw, *tw, x[2 * 6], xp[2 * 8], o1[2 * 7], o2[2 * 7];
  double y[2 * 6], state[64], gen[20], hist[2];
  int ok = 1;
  c.n_in = 1;
  c.n_vocab = 7;
  c.n_embed = 3;
  c.n_out = 7;
  c.head_act = RNN_ACT_SOFTMAX;
  bad = c;
  bad.n_in = 2;
  check(rnn_config_check(&bad, &err) == RNN_ERR_DIM, "token input has one feature");
  bad = c;
  bad.n_embed = 0;
  check(rnn_config_check(&bad, &err) == RNN_ERR_DIM, "embedding width 0");
  bad = c;
  bad.n_vocab = 0;
  check(rnn_config_check(&bad, &err) == RNN_ERR_INPUT, "n_embed without tokens");
  bad = c;
  bad.n_vocab = 1000000;
  bad.n_embed = 100000;
  check(rnn_config_check(&bad, &err) == RNN_ERR_SIZE, "huge embedding");
  P = rnn_n_params(&c);
  check(P == 7 * 3 + rnn_n_params(&bad) * 0 + (size_t)(4 * 4 * (3 + 4 + 1)) +
                 (size_t)(4 * 3 * (4 + 3 + 1)) + 7 * (3 + 1),
        "token model parameter count");
  p = malloc(P * sizeof(double));
  iw = malloc(rnn_init_workspace(&c) * sizeof(double));
  w = malloc(rnn_batch_workspace(&c, 2, 8) * sizeof(double));
  rnn_rng_seed(&rng, 3);
  ok &= rnn_init_params(&c, RNN_INIT_ORTHOGONAL, p, &rng, iw, &err) == RNN_OK;
  for (k = 0; k < 12; k++) x[k] = (double)(1 + k % 6);
  /* the same two sequences after two padded steps (batch layout) */
  for (k = 0; k < 4; k++) xp[k] = 0.0;
  for (k = 0; k < 12; k++) xp[4 + k] = x[k];
  ok &= rnn_forward(&c, p, 2, 6, x, o1, w, &err) == RNN_OK;
  ok &= rnn_forward(&c, p, 2, 8, xp, o2, w, &err) == RNN_OK;
  for (k = 0; k < 14 && ok; k++) ok &= o1[k] == o2[k];
  check(ok, "a padded prefix leaves the output unchanged");
  x[3] = 7.0;
  check(rnn_forward(&c, p, 2, 6, x, o1, w, &err) == RNN_ERR_INPUT, "token out of range");
  x[3] = 2.5;
  check(rnn_forward(&c, p, 2, 6, x, o1, w, &err) == RNN_ERR_INPUT, "fractional token");
  x[3] = 4.0;
  /* sampling */
  S = rnn_state_size(&c, 1);
  gw = malloc(rnn_generate_workspace(&c, 3) * sizeof(double));
  memset(state, 0, sizeof state);
  check(rnn_generate(&c, p, x, 3, 20, 0.8, &rng, state, gen, gw, &err) == RNN_OK,
        "generate");
  ok = 1;
  for (k = 0; k < 20; k++) ok &= gen[k] >= 1 && gen[k] <= 6 && gen[k] == floor(gen[k]);
  check(ok, "generated tokens are tokens, never padding");
  check(rnn_generate(&c, p, x, 0, 5, 1.0, &rng, state, gen, gw, &err) == RNN_ERR_DIM,
        "generate without a prime");
  check(rnn_generate(&c, p, x, 3, 5, -1.0, &rng, state, gen, gw, &err) == RNN_ERR_INPUT,
        "negative temperature");
  check(rnn_generate(&c, p, x, 3, 5, 1.0, &rng, NULL, gen, gw, &err) == RNN_ERR_INPUT,
        "generate with a NULL state");
  xp[0] = 0.0;
  check(rnn_generate(&c, p, xp, 3, 5, 1.0, &rng, state, gen, gw, &err) == RNN_ERR_INPUT,
        "a padding prime");
  check(S <= 64, "state fits");
  /* stateful training needs whole batches of streams */
  for (k = 0; k < 12; k++) y[k] = (double)(k % 7);
  d.n_samples = 6; /* 6 sequences of 2 steps, batches of 4: not whole */
  d.n_time = 2;
  d.x = x;
  d.src = NULL;
  d.y = y;
  c.seq_out = 1;
  t.loss = RNN_LOSS_SPARSE_CE;
  t.stateful = 1;
  t.batch_size = 4;
  t.epochs = 1;
  memset(&h, 0, sizeof h);
  h.loss = hist;
  tw = malloc((rnn_train_workspace(&c, &t, 6, 2) + 1) * sizeof(double));
  check(rnn_train(&c, &t, p, &d, NULL, &rng, NULL, &h, &res, tw, &err) == RNN_ERR_DIM,
        "stateful training with a partial batch");
  t.batch_size = 3;
  check(rnn_train(&c, &t, p, &d, NULL, &rng, NULL, &h, &res, tw, &err) == RNN_OK,
        "stateful training");
  check(rnn_train(&c, &t, p, &d, NULL, &rng, NULL, NULL, &res, tw, &err) == RNN_ERR_INPUT,
        "training without histories");
  free(p);
  free(iw);
  free(w);
  free(gw);
  free(tw);
}

/* Distance in ulps between a computed double and a long double reference,
 * measured in units of the reference's double ulp. */
static double ulps(double got, long double ref) {
  double r = (double)ref, u;
  int e;
  if (isnan(got) || isnan(r)) return isnan(got) && isnan(r) ? 0 : INFINITY;
  if (got == r) return 0;
  frexp(r, &e);
  u = ldexp(1.0, e - 53);
  if (u < 4.9406564584124654e-324) u = 4.9406564584124654e-324;
  return (double)(fabsl((long double)got - ref) / u);
}

/* The vectorised sigmoid and tanh against long double references: a few
 * ulps everywhere (tiny, moderate, saturating, subnormal results), NaN
 * propagated, the same bits for an element in a chunk or in the tail. */
static void check_activations(void) {
  enum { M = 20011 }; /* not a multiple of the chunk: exercises the tail */
  static double xs[M], s[M], t[M];
  double worst_s = 0, worst_t = 0, one;
  rnn_rng rng;
  size_t k;
  rnn_rng_seed(&rng, 11);
  for (k = 0; k < M; k++) {
    double u = rnn_rng_unif(&rng);
    switch (k % 5) {
    case 0: xs[k] = (u - 0.5) * 1e-6; break;          /* near 0 */
    case 1: xs[k] = (u - 0.5) * 4; break;             /* the usual range */
    case 2: xs[k] = (u - 0.5) * 60; break;            /* saturation */
    case 3: xs[k] = (u - 0.5) * 1500; break;          /* overflow/subnormal */
    default: xs[k] = (u - 0.5) * ldexp(1.0, -(int)(k % 1000)); break;
    }
  }
  memcpy(s, xs, sizeof xs);
  memcpy(t, xs, sizeof xs);
  rnn_vsigmoid(s, M);
  rnn_vtanh(t, M);
  for (k = 0; k < M; k++) {
    long double x = xs[k];
    double es = ulps(s[k], 1.0L / (1.0L + expl(-x)));
    double et = ulps(t[k], tanhl(x));
    if (es > worst_s) worst_s = es;
    if (et > worst_t) worst_t = et;
  }
  printf("core: sigmoid within %.2f ulps, tanh within %.2f ulps\n", worst_s, worst_t);
  check(worst_s <= 4, "vectorised sigmoid within 4 ulps");
  check(worst_t <= 4, "vectorised tanh within 4 ulps");
  s[0] = NAN; s[1] = INFINITY; s[2] = -INFINITY;
  rnn_vsigmoid(s, 3);
  check(isnan(s[0]) && s[1] == 1 && s[2] == 0, "sigmoid of NaN, +inf, -inf");
  t[0] = NAN; t[1] = INFINITY; t[2] = -INFINITY; t[3] = -0.0;
  rnn_vtanh(t, 4);
  check(isnan(t[0]) && t[1] == 1 && t[2] == -1 && t[3] == 0 && signbit(t[3]),
        "tanh of NaN, +inf, -inf, -0");
  one = xs[M - 1]; /* the last element sits in the padded tail */
  rnn_vtanh(&one, 1);
  check(one == t[M - 1], "tanh: same bits in the tail as in a chunk");
  memcpy(t, xs, sizeof xs);
  rnn_vtanh(t + 1, M - 1); /* shifted: every element changes position */
  check(t[M - 1] == one, "tanh: same bits whatever the position");
}

/* The LSTM's fused gate pass (rnn_vlstm_gates) against the three calls
 * per column it replaced (sigmoid on i, f; tanh on g; sigmoid on o): the
 * same bits for every element, on gate heights that are and are not
 * multiples of the chunk, one column or many, the whole input range
 * (tiny, usual, saturating, overflowing, NaN, +-inf, -0). */
static void check_lstm_gates(void) {
  static const size_t Hs[] = {1, 2, 3, 5, 7, 8, 16, 20, 33};
  static const size_t Bs[] = {1, 3, 30};
  enum { MAXN = 4 * 33 * 30 };
  static double z[MAXN], want[MAXN];
  rnn_rng rng;
  size_t a, c, k, b, bad = 0, tested = 0;
  rnn_rng_seed(&rng, 19);
  for (a = 0; a < sizeof Hs / sizeof Hs[0]; a++)
    for (c = 0; c < sizeof Bs / sizeof Bs[0]; c++) {
      const size_t H = Hs[a], B = Bs[c], n = 4 * H * B;
      for (k = 0; k < n; k++) {
        double u = rnn_rng_unif(&rng);
        switch (k % 7) {
        case 0: z[k] = (u - 0.5) * 1e-6; break;
        case 1: case 2: z[k] = (u - 0.5) * 8; break;
        case 3: z[k] = (u - 0.5) * 60; break;
        case 4: z[k] = (u - 0.5) * 1500; break;
        case 5: z[k] = (u - 0.5) * ldexp(1.0, -(int)(k % 1000)); break;
        default: z[k] = u < 0.25 ? NAN : u < 0.5 ? INFINITY : u < 0.75 ? -INFINITY : -0.0;
        }
      }
      memcpy(want, z, sizeof(double) * n);
      for (b = 0; b < B; b++) {
        double *g = want + 4 * H * b;
        rnn_vsigmoid(g, 2 * H);
        rnn_vtanh(g + 2 * H, H);
        rnn_vsigmoid(g + 3 * H, H);
      }
      rnn_vlstm_gates(z, H, B);
      for (k = 0; k < n; k++, tested++)
        if (memcmp(&z[k], &want[k], sizeof(double)) != 0 &&
            !(isnan(z[k]) && isnan(want[k])))
          bad++;
    }
  printf("core: fused LSTM gate pass: %lu of %lu elements differ from the three calls\n",
         (unsigned long)bad, (unsigned long)tested);
  check(bad == 0, "fused LSTM gates: the same bits as sigmoid/tanh/sigmoid per column");
}

/* Distance in float ulps (of the reference's float binade) between a
 * computed float and a double reference. */
static double ulps_f(float got, double ref) {
  int e;
  double u;
  if (isnan(got) || isnan(ref)) return isnan(got) && isnan(ref) ? 0 : INFINITY;
  if ((double)got == ref) return 0;
  frexp(ref, &e);
  u = ldexp(1.0, e - 24);
  if (u < 1.40129846e-45) u = 1.40129846e-45;
  return fabs((double)got - ref) / u;
}

static unsigned long long float_act_digest = 14695981039346656037ULL;

/* folds n floats into the digest, every NaN as one value */
static void digest_floats(const float *v, size_t n) {
  size_t k, b;
  for (k = 0; k < n; k++) {
    uint32_t u;
    if (isnan(v[k])) u = 0x7fc00000u;
    else memcpy(&u, &v[k], sizeof u);
    for (b = 0; b < 4; b++) float_act_digest = (float_act_digest ^ ((u >> (8 * b)) & 255)) * 1099511628211ULL;
  }
}

/* The single-precision engine's sigmoid and tanh, computed in float (issue
 * 19): over a sweep of float bit patterns (every 257th of the 2^32, NaN,
 * +-inf and subnormals among them), every 16th float of magnitude in
 * [2^-10, 16) and the thresholds of saturation and underflow, they stay
 * within 3 float ulps of the double maps (themselves within 4 double ulps of
 * the exact values); NaN, +-inf, +-0, subnormal, tiny and huge inputs give
 * the bits of the double maps rounded to float.  The results' digest is
 * printed for run.sh to compare between the portable and the SIMD builds. */
static void check_activations_f(void) {
  enum { NB = 4096 };
  static float xf[NB], sf[NB], tf[NB];
  static double sd[NB], td[NB];
  static const float special[] = {
      NAN, -NAN, INFINITY, -INFINITY, 0.0f, -0.0f, 1.4e-45f, -1.4e-45f, 1e-40f, -1e-40f,
      1.17549435e-38f, -1.17549435e-38f, 1e-20f, -1e-20f, 1e30f, -1e30f, 3.4028235e38f,
      -3.4028235e38f, 200.0f, -200.0f};
  static const float edge[] = {
      87.0f, -87.0f, 88.8f, -88.8f, 103.9f, -103.9f, 104.0f, -104.0f, 104.1f, -104.1f,
      8.4f, -8.4f, 8.6f, -8.6f, 9.0f, -9.0f, 9.1f, -9.1f, 10.0f, -10.0f, 10.5f, -10.5f,
      20.0f, -20.0f};
  const size_t NS = sizeof special / sizeof special[0], NE = sizeof edge / sizeof edge[0];
  double worst_s = 0, worst_t = 0, x_s = 0, x_t = 0;
  unsigned long long tested = 0, off_s = 0, off_t = 0;
  uint64_t pat;
  int phase, bad_special = 0;
  size_t n, k;
  for (phase = 0; phase < 4; phase++) {
    uint64_t end = phase == 0 ? 0x100000000ULL : 0x41800000ULL; /* 16 */
    pat = phase == 0 ? 0 : 0x3a800000ULL;                         /* 2^-10 */
    while (pat < end) {
      for (n = 0; n < NB && pat < end; n++, pat += phase == 0 ? 257 : 16) {
        uint32_t u = (uint32_t)pat | (phase == 2 ? 0x80000000u : 0);
        memcpy(&xf[n], &u, sizeof u);
      }
      if (phase == 3) { /* the edges */
        memcpy(xf, edge, sizeof edge);
        n = NE;
        pat = end;
      }
      for (k = 0; k < n; k++) sd[k] = td[k] = sf[k] = tf[k] = xf[k];
      rnn_vsigmoid_f(sf, n);
      rnn_vtanh_f(tf, n);
      rnn_vsigmoid(sd, n);
      rnn_vtanh(td, n);
      digest_floats(sf, n);
      digest_floats(tf, n);
      for (k = 0; k < n; k++, tested++) {
        double es = ulps_f(sf[k], sd[k]), et = ulps_f(tf[k], td[k]);
        if (es > worst_s) worst_s = es, x_s = xf[k];
        if (et > worst_t) worst_t = et, x_t = xf[k];
        off_s += !isnan(sf[k]) && sf[k] != (float)sd[k];
        off_t += !isnan(tf[k]) && tf[k] != (float)td[k];
      }
    }
  }
  printf("core: float sigmoid within %.3f float ulps of double's (at %g), "
         "tanh within %.3f (at %g), over %llu inputs; rounded otherwise than "
         "double's rounded to float: sigmoid %llu, tanh %llu\n",
         worst_s, x_s, worst_t, x_t, tested, off_s, off_t);
  check(worst_s <= 3, "float sigmoid within 3 ulps");
  check(worst_t <= 3, "float tanh within 3 ulps");
  for (k = 0; k < NS; k++) sd[k] = td[k] = sf[k] = tf[k] = special[k];
  rnn_vsigmoid_f(sf, NS);
  rnn_vtanh_f(tf, NS);
  rnn_vsigmoid(sd, NS);
  rnn_vtanh(td, NS);
  for (k = 0; k < NS; k++) {
    float ws = (float)sd[k], wt = (float)td[k];
    if (isnan(ws) != isnan(sf[k]) || isnan(wt) != isnan(tf[k]) ||
        (!isnan(ws) && memcmp(&ws, &sf[k], sizeof ws) != 0) ||
        (!isnan(wt) && memcmp(&wt, &tf[k], sizeof wt) != 0)) {
      printf("core: float activations at %g: sigmoid %g (double %g), tanh %g (double %g)\n",
             (double)special[k], (double)sf[k], sd[k], (double)tf[k], td[k]);
      bad_special++;
    }
  }
  check(bad_special == 0, "float activations: special inputs as double's, rounded");
  {
    float one = -0.7f, row[100];
    for (k = 0; k < 100; k++) row[k] = -0.7f;
    rnn_vtanh_f(row + 1, 99); /* every position of a chunk and the tail */
    rnn_vtanh_f(&one, 1);
    for (k = 1; k < 100 && row[k] == one; k++) continue;
    check(k == 100, "float tanh: same bits whatever the position");
  }
  printf("core: float activations digest %016llx\n", float_act_digest);
}

/* The fused LSTM gate pass in float: the bits of the three calls per
 * column, as check_lstm_gates() for double. */
static void check_lstm_gates_f(void) {
  static const size_t Hs[] = {1, 2, 3, 5, 7, 8, 15, 16, 17, 20, 33};
  static const size_t Bs[] = {1, 3, 30};
  enum { MAXN = 4 * 33 * 30 };
  static float z[MAXN], want[MAXN];
  rnn_rng rng;
  size_t a, c, k, b, bad = 0, tested = 0;
  rnn_rng_seed(&rng, 23);
  for (a = 0; a < sizeof Hs / sizeof Hs[0]; a++)
    for (c = 0; c < sizeof Bs / sizeof Bs[0]; c++) {
      const size_t H = Hs[a], B = Bs[c], n = 4 * H * B;
      for (k = 0; k < n; k++) {
        double u = rnn_rng_unif(&rng);
        switch (k % 7) {
        case 0: z[k] = (float)((u - 0.5) * 1e-6); break;
        case 1: case 2: z[k] = (float)((u - 0.5) * 8); break;
        case 3: z[k] = (float)((u - 0.5) * 60); break;
        case 4: z[k] = (float)((u - 0.5) * 300); break;
        case 5: z[k] = (float)((u - 0.5) * ldexp(1.0, -(int)(k % 150))); break;
        default: z[k] = u < 0.25 ? NAN : u < 0.5 ? INFINITY : u < 0.75 ? -INFINITY : -0.0f;
        }
      }
      memcpy(want, z, sizeof(float) * n);
      for (b = 0; b < B; b++) {
        float *g = want + 4 * H * b;
        rnn_vsigmoid_f(g, 2 * H);
        rnn_vtanh_f(g + 2 * H, H);
        rnn_vsigmoid_f(g + 3 * H, H);
      }
      rnn_vlstm_gates_f(z, H, B);
      for (k = 0; k < n; k++, tested++)
        if (memcmp(&z[k], &want[k], sizeof(float)) != 0 && !(isnan(z[k]) && isnan(want[k])))
          bad++;
    }
  printf("core: fused LSTM gate pass in float: %lu of %lu elements differ from the three calls\n",
         (unsigned long)bad, (unsigned long)tested);
  check(bad == 0, "fused LSTM gates in float: the same bits as sigmoid/tanh/sigmoid per column");
}

extern void dgemm_(const char *ta, const char *tb, const int *m, const int *n,
                   const int *k, const double *alpha, const double *a,
                   const int *lda, const double *b, const int *ldb,
                   const double *beta, double *c, const int *ldc, size_t lta,
                   size_t ltb);

/* The small-matrix kernels against the BLAS on every block shape (16, 8,
 * 4, 2, 1 rows; 4 or fewer columns; B plain or transposed; beta 0 and 1;
 * leading dimensions larger than the sizes), and rnn_dgemm() on both sides
 * of its switch to BLAS. */
static void check_small_gemm(void) {
  enum { MAXM = 40, MAXN = 11, MAXK = 37, LD = 43 };
  static double A[LD * MAXK], B[LD * LD], C[LD * MAXN], D[LD * MAXN],
      C0[LD * MAXN];
  rnn_rng rng;
  size_t m, n, k, i;
  double worst = 0;
  int bad_nan = 0, exact = 1;
  rnn_rng_seed(&rng, 5);
  for (i = 0; i < sizeof A / sizeof *A; i++) A[i] = rnn_rng_normal(&rng);
  for (i = 0; i < sizeof B / sizeof *B; i++) B[i] = rnn_rng_normal(&rng);
  for (m = 1; m <= MAXM; m += (m < 18 ? 1 : 7))
    for (n = 1; n <= MAXN; n += (n < 9 ? 1 : 2))
      for (k = 1; k <= MAXK; k += 9) {
        int tr, bt;
        for (tr = 0; tr < 2; tr++)
          for (bt = 0; bt < 2; bt++) {
            const char tb = tr ? 'T' : 'N';
            const int im = (int)m, in = (int)n, ik = (int)k, ld = LD;
            const double one = 1.0, beta = bt;
            for (i = 0; i < LD * MAXN; i++) /* garbage where beta = 0 */
              C0[i] = C[i] = D[i] = bt ? rnn_rng_normal(&rng) : NAN;
            rnn_gemm_small(m, n, k, A, LD, B, tr ? LD : 1, tr ? 1 : LD, beta,
                           C, LD);
            dgemm_("N", &tb, &im, &in, &ik, &one, A, &ld, B, &ld, &beta, D,
                   &ld, 1, 1);
            for (i = 0; i < n; i++) {
              size_t r, p;
              for (r = 0; r < m; r++) {
                double d = fabs(C[r + LD * i] - D[r + LD * i]), s = 0.0;
                if (isnan(d)) bad_nan = 1;
                if (d > worst) worst = d;
                /* the documented order: the sum from 0 in increasing p,
                 * then C + sum (every block, the padded last rows too) */
                for (p = 0; p < k; p++)
                  s += A[r + LD * p] * B[tr ? i + LD * p : p + LD * i];
                if (bt) s = C0[r + LD * i] + s;
                if (memcmp(&s, &C[r + LD * i], sizeof s) != 0) exact = 0;
              }
            }
          }
      }
  check(!bad_nan && worst < 1e-12, "small-matrix kernels agree with dgemm");
  check(exact, "small-matrix kernels: the documented order bit for bit (the "
               "last rows of every height too)");
  { /* op(A) = A^T through rnn_dgemm (transposed to the stack) */
    const int im = 13, in = 7, ik = 29, ld = LD;
    const double one = 1.0, zero = 0.0;
    double w3 = 0;
    rnn_dgemm('T', 'N', 13, 7, 29, 1.0, A, LD, B, LD, 0.0, C, LD, NULL);
    dgemm_("T", "N", &im, &in, &ik, &one, A, &ld, B, &ld, &zero, D, &ld, 1, 1);
    for (i = 0; i < 7; i++) {
      size_t r;
      for (r = 0; r < 13; r++)
        if (fabs(C[r + LD * i] - D[r + LD * i]) > w3) w3 = fabs(C[r + LD * i] - D[r + LD * i]);
    }
    check(w3 < 1e-12, "rnn_dgemm with A transposed agrees with dgemm");
  }
  { /* rnn_dgemm: 256 x 128 x k is below the switch (2^21) for k = 64,
       above it for k = 65; both agree with the kernels called directly */
    static double A2[256 * 65], B2[65 * 128], C1[256 * 128], C2[256 * 128];
    size_t kk;
    double w2 = 0;
    for (i = 0; i < 256 * 65; i++) A2[i] = rnn_rng_normal(&rng);
    for (i = 0; i < 65 * 128; i++) B2[i] = rnn_rng_normal(&rng);
    for (kk = 64; kk <= 65; kk++) {
      rnn_dgemm('N', 'N', 256, 128, kk, 1.0, A2, 256, B2, kk, 0.0, C1, 256,
                NULL);
      rnn_gemm_small(256, 128, kk, A2, 256, B2, 1, kk, 0.0, C2, 256);
      for (i = 0; i < 256 * 128; i++)
        if (fabs(C1[i] - C2[i]) > w2) w2 = fabs(C1[i] - C2[i]);
      if (kk == 64)
        check(memcmp(C1, C2, sizeof C1) == 0,
              "rnn_dgemm below the switch is the small kernel, bit for bit");
    }
    check(w2 < 1e-12, "rnn_dgemm above the switch (BLAS) agrees");
  }
}

/* The packed kernel (gemm_packed.c) on odd and tiny sizes, sizes across
 * its blocks (MC 128, KC 256, NC 384) and the register block (16 x 6),
 * A and B plain or transposed, beta 0 and 1, A packed by the call or
 * beforehand: within 1e-13 (relative to the largest |C|) of the BLAS's
 * dgemm, and bit for bit the documented order (c from beta C, then
 * c + A(i,p) B(p,j) in increasing p) computed by plain loops here.  The
 * results' digest is printed for run.sh to compare with the portable
 * build.  rnn_dgemm() with work above the small-matrix switch is this
 * kernel, bit for bit. */
static uint64_t gemm_digest = 1469598103934665603ULL;

static void check_packed_gemm(void) {
  static const size_t sz[][3] = {
      {1, 1, 1},     {2, 3, 5},    {7, 11, 13},  {16, 6, 1},   {17, 7, 257},
      {31, 37, 300}, {97, 5, 513}, {128, 64, 256}, {129, 385, 3}, {257, 13, 41},
      {512, 34, 128}, {61, 389, 263}};
  enum { MAXE = 600 * 600 };
  double *A = malloc(MAXE * sizeof(double)), *B = malloc(MAXE * sizeof(double));
  double *C = malloc(MAXE * sizeof(double)), *D = malloc(MAXE * sizeof(double));
  double *E = malloc(MAXE * sizeof(double)), *C0 = malloc(MAXE * sizeof(double));
  double *Ap = malloc(MAXE * sizeof(double)), *W = malloc(MAXE * sizeof(double));
  double worst = 0;
  int exact = 1, nan_seen = 0, same_dgemm = 1;
  size_t s, i;
  rnn_rng rng;
  rnn_rng_seed(&rng, 19);
  for (i = 0; i < MAXE; i++) A[i] = rnn_rng_normal(&rng);
  for (i = 0; i < MAXE; i++) B[i] = rnn_rng_normal(&rng);
  for (s = 0; s < sizeof sz / sizeof *sz; s++) {
    const size_t m = sz[s][0], n = sz[s][1], k = sz[s][2], ldc = m + 3;
    int ta, tb, bt, pre;
    for (ta = 0; ta < 2; ta++)
      for (tb = 0; tb < 2; tb++)
        for (bt = 0; bt < 2; bt++)
          for (pre = 0; pre < 2; pre++) {
            /* A m x k (lda m + 1) or stored transposed (lda k + 2) */
            const size_t lda = ta ? k + 2 : m + 1, ldb = tb ? n + 1 : k + 1;
            const size_t sai = ta ? lda : 1, sap = ta ? 1 : lda;
            const size_t sbk = tb ? ldb : 1, sbj = tb ? 1 : ldb;
            const int im = (int)m, in = (int)n, ik = (int)k, ila = (int)lda,
                      ilb = (int)ldb, ilc = (int)ldc;
            const double one = 1.0, beta = bt;
            const char cta = ta ? 'T' : 'N', ctb = tb ? 'T' : 'N';
            double big = 0;
            size_t j, p;
            for (i = 0; i < ldc * n; i++) C0[i] = bt ? rnn_rng_normal(&rng) : NAN;
            memcpy(C, C0, ldc * n * sizeof(double));
            memcpy(D, C0, ldc * n * sizeof(double));
            if (pre) rnn_gemm_pack_a(m, k, A, sai, sap, Ap);
            rnn_gemm_packed(m, n, k, A, sai, sap, pre ? Ap : NULL, B, sbk, sbj,
                            beta, C, ldc, W);
            dgemm_(&cta, &ctb, &im, &in, &ik, &one, A, &ila, B, &ilb, &beta, D,
                   &ilc, 1, 1);
            for (j = 0; j < n; j++)
              for (i = 0; i < m; i++) {
                double c = bt ? C0[i + ldc * j] : 0.0;
                for (p = 0; p < k; p++) c += A[i * sai + p * sap] * B[p * sbk + j * sbj];
                E[i + ldc * j] = c;
                if (fabs(c) > big) big = fabs(c);
              }
            for (j = 0; j < n; j++)
              for (i = 0; i < m; i++) {
                double d = fabs(C[i + ldc * j] - D[i + ldc * j]) / (big > 0 ? big : 1);
                if (isnan(d)) nan_seen = 1;
                if (d > worst) worst = d;
                if (memcmp(&C[i + ldc * j], &E[i + ldc * j], sizeof(double)) != 0)
                  exact = 0;
              }
            for (j = 0; j < n; j++) { /* the digest of this product */
              const unsigned char *q = (const unsigned char *)(C + ldc * j);
              for (i = 0; i < m * sizeof(double); i++)
                gemm_digest = (gemm_digest ^ q[i]) * 1099511628211ULL;
            }
            if (rnn_dgemm_work(cta, m, n, k) > 0 && !pre) {
              memcpy(D, C0, ldc * n * sizeof(double));
              rnn_dgemm(cta, ctb, m, n, k, 1.0, A, lda, B, ldb, beta, D, ldc, W);
              for (j = 0; j < n; j++)
                same_dgemm &= memcmp(C + ldc * j, D + ldc * j, m * sizeof(double)) == 0;
            }
          }
  }
  check(!nan_seen && worst < 1e-13, "packed kernel agrees with dgemm");
  check(exact, "packed kernel sums in the documented order, bit for bit");
  check(same_dgemm, "rnn_dgemm above the small switch is the packed kernel");
  check(rnn_dgemm_work('N', 256, 128, 64) == 0 &&
            rnn_dgemm_work('N', 256, 128, 65) > 0 &&
            rnn_dgemm_work('N', 512, 16, 64) == 0 &&
            rnn_dgemm_work('N', 512, 32, 64) > 0 &&
            rnn_dgemm_work('T', 13, 7, 29) == 0 &&
            rnn_dgemm_work('T', 64, 32, 256) > 0,
        "rnn_dgemm_work: the packed path above the small-matrix switch");
  free(A);
  free(B);
  free(C);
  free(D);
  free(E);
  free(C0);
  free(Ap);
  free(W);
}

extern void sgemm_(const char *ta, const char *tb, const int *m, const int *n,
                   const int *k, const float *alpha, const float *a,
                   const int *lda, const float *b, const int *ldb,
                   const float *beta, float *c, const int *ldc, size_t lta,
                   size_t ltb);

/* The float kernels (issue 19): the small-matrix kernel on every block
 * shape (32, 16, 8, 4 and 1-3 rows, 4 or fewer columns) and the packed
 * kernel on odd, tiny and block-crossing sizes, A and B plain or
 * transposed, beta 0 and 1, A packed beforehand or not: within float
 * rounding of the reference BLAS's sgemm, and bit for bit the documented
 * order (c from beta C, then c + A(i,p) B(p,j) in increasing p, in float)
 * computed by plain loops here; rnn_sgemm() is those kernels bit for bit
 * on both sides of its switch.  The results go
 * into the gemm digest that run.sh compares across builds. */
static void check_float_gemm(void) {
  static const size_t sz[][3] = {
      {1, 1, 1},     {3, 2, 5},     {7, 11, 13},   {31, 4, 9},    {33, 3, 40},
      {32, 8, 1},    {35, 9, 257},  {63, 37, 300}, {97, 5, 513},  {256, 64, 256},
      {257, 385, 3}, {513, 13, 41}, {512, 34, 128}, {61, 389, 263}};
  enum { MAXE = 600 * 600 };
  float *A = malloc(MAXE * sizeof(float)), *B = malloc(MAXE * sizeof(float));
  float *C = malloc(MAXE * sizeof(float)), *D = malloc(MAXE * sizeof(float));
  float *E = malloc(MAXE * sizeof(float)), *C0 = malloc(MAXE * sizeof(float));
  float *Ap = malloc(MAXE * sizeof(float)), *W = malloc(MAXE * sizeof(float));
  double worst = 0;
  int exact = 1, nan_seen = 0, same_sgemm = 1, small_exact = 1;
  size_t s, i;
  rnn_rng rng;
  rnn_rng_seed(&rng, 23);
  for (i = 0; i < MAXE; i++) A[i] = (float)rnn_rng_normal(&rng);
  for (i = 0; i < MAXE; i++) B[i] = (float)rnn_rng_normal(&rng);
  for (s = 0; s < sizeof sz / sizeof *sz; s++) {
    const size_t m = sz[s][0], n = sz[s][1], k = sz[s][2], ldc = m + 3;
    int ta, tb, bt, kern;
    for (ta = 0; ta < 2; ta++)
      for (tb = 0; tb < 2; tb++)
        for (bt = 0; bt < 2; bt++)
          /* kern 0: packed, 1: packed with A packed before, 2: small
           * (op(A) = A only), 3: rnn_sgemm() with work */
          for (kern = 0; kern < 4; kern++) {
            const size_t lda = ta ? k + 2 : m + 1, ldb = tb ? n + 1 : k + 1;
            const size_t sai = ta ? lda : 1, sap = ta ? 1 : lda;
            const size_t sbk = tb ? ldb : 1, sbj = tb ? 1 : ldb;
            const int im = (int)m, in = (int)n, ik = (int)k, ila = (int)lda,
                      ilb = (int)ldb, ilc = (int)ldc;
            const float one = 1.0f, beta = (float)bt;
            const char cta = ta ? 'T' : 'N', ctb = tb ? 'T' : 'N';
            double big = 0;
            size_t j, p;
            if (kern == 2 && ta) continue;
            for (i = 0; i < ldc * n; i++) C0[i] = bt ? (float)rnn_rng_normal(&rng) : NAN;
            memcpy(C, C0, ldc * n * sizeof(float));
            memcpy(D, C0, ldc * n * sizeof(float));
            if (kern == 1) rnn_gemm_pack_a_f(m, k, A, sai, sap, Ap);
            if (kern <= 1)
              rnn_gemm_packed_f(m, n, k, A, sai, sap, kern ? Ap : NULL, B, sbk,
                                sbj, beta, C, ldc, W);
            else if (kern == 2)
              rnn_gemm_small_f(m, n, k, A, lda, B, sbk, sbj, beta, C, ldc);
            else
              rnn_sgemm(cta, ctb, m, n, k, 1.0f, A, lda, B, ldb, beta, C, ldc,
                        rnn_sgemm_work(cta, m, n, k) ? W : NULL);
            sgemm_(&cta, &ctb, &im, &in, &ik, &one, A, &ila, B, &ilb, &beta, D,
                   &ilc, 1, 1);
            for (j = 0; j < n; j++)
              for (i = 0; i < m; i++) {
                float c = bt ? C0[i + ldc * j] : 0.0f, t = 0.0f;
                for (p = 0; p < k; p++) c += A[i * sai + p * sap] * B[p * sbk + j * sbj];
                /* the small kernel: the sum from 0, then C + sum */
                for (p = 0; p < k; p++) t += A[i * sai + p * sap] * B[p * sbk + j * sbj];
                E[i + ldc * j] = kern == 2 ? (bt ? C0[i + ldc * j] + t : t) : c;
                if (fabs(c) > big) big = fabs(c);
              }
            for (j = 0; j < n; j++)
              for (i = 0; i < m; i++) {
                double d = fabs((double)C[i + ldc * j] - D[i + ldc * j]) / (big > 0 ? big : 1);
                if (isnan(d)) nan_seen = 1;
                if (d > worst) worst = d;
                if (kern < 3 && memcmp(&C[i + ldc * j], &E[i + ldc * j], sizeof(float)) != 0) {
                  if (kern == 2) small_exact = 0; else exact = 0;
                }
              }
            if (kern == 3) { /* rnn_sgemm: the kernel its switch picks */
              memcpy(D, C0, ldc * n * sizeof(float));
              if (rnn_sgemm_work(cta, m, n, k))
                rnn_gemm_packed_f(m, n, k, A, sai, sap, NULL, B, sbk, sbj, beta,
                                  D, ldc, W);
              else if (!ta)
                rnn_gemm_small_f(m, n, k, A, lda, B, sbk, sbj, beta, D, ldc);
              else
                memcpy(D, C, ldc * n * sizeof(float));
              for (j = 0; j < n; j++)
                same_sgemm &= memcmp(C + ldc * j, D + ldc * j, m * sizeof(float)) == 0;
            }
            for (j = 0; j < n; j++) { /* into the digest */
              const unsigned char *q = (const unsigned char *)(C + ldc * j);
              for (i = 0; i < m * sizeof(float); i++)
                gemm_digest = (gemm_digest ^ q[i]) * 1099511628211ULL;
            }
          }
  }
  check(!nan_seen && worst < 2e-6, "float kernels agree with sgemm");
  check(exact, "float packed kernel sums in the documented order, bit for bit");
  check(small_exact, "float small kernel sums in the documented order, bit for bit");
  check(same_sgemm, "rnn_sgemm is the small or packed float kernel, bit for bit");
  check(rnn_sgemm_work('N', 256, 128, 64) == 0 &&
            rnn_sgemm_work('N', 256, 128, 65) > 0 &&
            rnn_sgemm_work('T', 13, 7, 29) == 0,
        "rnn_sgemm_work: the packed path above the small-matrix switch");
  { /* no Fortran sgemm behind rnn_sgemm (R's own BLAS has none): alpha 2
       and beta 0.5 by its loops, within rounding of sgemm; a large product
       without work in the packed kernel's order, bit for bit */
    const int im = 37, in = 29, ik = 300, ld = 37;
    const float two = 2.0f, half = 0.5f;
    double w = 0;
    for (i = 0; i < 37 * 29; i++) C[i] = D[i] = (float)rnn_rng_normal(&rng);
    rnn_sgemm('N', 'N', 37, 29, 300, 2.0f, A, 37, B, 300, 0.5f, C, 37, W);
    sgemm_("N", "N", &im, &in, &ik, &two, A, &ld, B, &ik, &half, D, &ld, 1, 1);
    for (i = 0; i < 37 * 29; i++)
      if (fabs((double)C[i] - D[i]) > w) w = fabs((double)C[i] - D[i]);
    check(w < 1e-4, "rnn_sgemm with alpha 2, beta 0.5 agrees with sgemm");
    check(rnn_sgemm_work('N', 300, 200, 100) > 0, "300 x 200 x 100 is packed");
    for (i = 0; i < 300 * 200; i++) C0[i] = (float)rnn_rng_normal(&rng);
    memcpy(C, C0, 300 * 200 * sizeof(float));
    memcpy(D, C0, 300 * 200 * sizeof(float));
    rnn_sgemm('N', 'N', 300, 200, 100, 1.0f, A, 300, B, 100, 1.0f, C, 300, NULL);
    rnn_gemm_packed_f(300, 200, 100, A, 1, 300, NULL, B, 1, 100, 1.0f, D, 300, W);
    check(memcmp(C, D, 300 * 200 * sizeof(float)) == 0,
          "rnn_sgemm without work: the packed kernel's bits");
  }
  free(A);
  free(B);
  free(C);
  free(D);
  free(E);
  free(C0);
  free(Ap);
  free(W);
}

/* rnn_check_memory(): sizes that can never be allocated are RNN_ERR_SIZE
 * with a message naming what needed them; small ones pass. */
static void test_memory(void) {
  rnn_error err;
  size_t big = rnn_size_mul((size_t)1 << 40, (size_t)1 << 30);
  check(big == SIZE_MAX, "rnn_size_mul saturates on overflow");
  check(rnn_size_mul(3, 7) == 21 && rnn_size_mul(0, SIZE_MAX) == 0,
        "rnn_size_mul multiplies");
  check(rnn_check_memory(0, "nothing", &err) == RNN_OK, "no bytes fit");
  check(rnn_check_memory(1024, "a little", &err) == RNN_OK, "1 KiB fits");
  check(rnn_check_memory(SIZE_MAX, "the weights", &err) == RNN_ERR_SIZE &&
            strcmp(err.id, "rnnkit:size") == 0 &&
            strstr(err.msg, "the weights would need") != NULL,
        "an overflowed size is rnnkit:size");
  /* 2^60 bytes: more than any computer's memory, and under every
   * overcommit policy more than RAM plus swap */
  check(rnn_check_memory((size_t)1 << 60, "the paths", &err) == RNN_ERR_SIZE &&
            strstr(err.msg, "the paths would need 1.15e+09 GB") != NULL,
        "2^60 bytes are rnnkit:size, with the size in the message");
  check(rnn_check_memory(SIZE_MAX, "x", NULL) == RNN_ERR_SIZE,
        "a NULL err is allowed");
}

/* rnn_progress_line(): the progress line both hosts print (issue 18) */
static void test_progress(void) {
  char line[256];
  int len, w;
  rnn_progress p;
  p.epoch = 3;
  p.n_epochs = 10;
  p.member = 0;
  p.n_members = 1;
  p.frac = 0.3;
  p.loss = 0.001234;
  p.val_loss = 0.0015;
  p.acc = p.val_acc = NAN;
  p.elapsed = 3;
  p.lr = NAN;
  len = rnn_progress_line(line, sizeof line, 0, 0, &p);
  check(len == (int)strlen(line) &&
            strcmp(line, "epoch  3/10  30%  loss 0.001234   val 0.0015     3.0s  ETA 7s") == 0,
        "a log's progress line: epoch, loss, val, elapsed, time left");
  len = rnn_progress_line(line, sizeof line, 120, 1, &p);
  check(strstr(line, "epoch  3/10 [=========>                    ]  30%") == line,
        "a terminal's line has a bar of 30 at 120 columns");
  for (w = 30; w <= 120; w++) {
    len = rnn_progress_line(line, sizeof line, w, 1, &p);
    if (len > w - 1 || strstr(line, "loss 0.001234") == NULL) break;
  }
  check(w == 121, "every width from 30: at most width - 1 columns, the loss in full");
  { /* a schedule's rate stands after the losses, and goes before the
       accuracies when the line is too wide (issue 19's schedule) */
    rnn_train_config tc;
    memset(&tc, 0, sizeof tc);
    tc.lr = 0.01;
    rnn_progress_lr(&p, &tc);
    check(isnan(p.lr), "progress_lr: no schedule, no rate on the line");
    tc.lr_schedule = RNN_LR_PIECEWISE;
    tc.lr_drop_factor = 0.1;
    tc.lr_drop_period = 2;
    rnn_progress_lr(&p, &tc); /* epoch 3: one drop */
    check(fabs(p.lr - 0.001) < 1e-15, "progress_lr: the rate of the line's epoch");
    rnn_progress_line(line, sizeof line, 0, 0, &p);
    check(strcmp(line, "epoch  3/10  30%  loss 0.001234   val 0.0015     lr 0.001      "
                       "3.0s  ETA 7s") == 0,
          "a log's line with the schedule's rate");
    for (w = 30; w <= 120; w++) {
      len = rnn_progress_line(line, sizeof line, w, 1, &p);
      if (len > w - 1 || strstr(line, "loss 0.001234") == NULL ||
          (strstr(line, "ETA") != NULL && strstr(line, "lr 0.001") == NULL))
        break;
    }
    check(w == 121, "every width: the times leave before the rate, the loss stays");
    p.epoch = 0;
    rnn_progress_lr(&p, &tc);
    check(isnan(p.lr), "progress_lr: no epoch yet, no rate");
    p.epoch = 3;
    p.lr = NAN;
  }
  p.frac = 1;
  p.epoch = 10;
  p.elapsed = 75;
  rnn_progress_line(line, sizeof line, 0, 0, &p);
  check(strstr(line, "ETA") == NULL && strstr(line, "  1m15s") != NULL,
        "the last line shows the time taken, no ETA");
  p.n_members = 2;
  p.member = 1;
  p.acc = 0.5;
  p.val_acc = NAN;
  rnn_progress_line(line, sizeof line, 0, 0, &p);
  check(strncmp(line, "member 2/2 epoch 10/10", 22) == 0 && strstr(line, "acc 0.500") != NULL,
        "an ensemble's member and the accuracy");
  len = rnn_progress_line(line, 8, 0, 0, &p);
  check(len == (int)strlen(line) && len <= 7 && strncmp(line, "member", 6) == 0,
        "a short buffer is cut, terminated");
  { /* rnn_progress_init(): the fields both gateways filled by hand */
    double acc[6] = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, vacc[6] = {1, 2, 3, 4, 5, 6};
    rnn_progress_init(&p, 2, 3, 1, 2, 0.5, 0.25, 0.125, 2, acc, vacc, 4.5);
    check(p.epoch == 2 && p.n_epochs == 3 && p.member == 1 && p.n_members == 2 &&
              p.frac == 0.5 && p.loss == 0.25 && p.val_loss == 0.125 &&
              p.acc == 0.5 && p.val_acc == 5 && p.elapsed == 4.5,
          "progress_init reads the member's column at the last finished epoch");
    rnn_progress_init(&p, 1, 3, 0, 1, 0.1, 1, NAN, 0, acc, vacc, 0);
    check(isnan(p.acc) && isnan(p.val_acc) && isnan(p.val_loss) && isnan(p.lr),
          "progress_init: no accuracy before the first epoch is done, no rate");
  }
}

/* rnn_input_check: the shape rule both hosts call (issue 13, item 7) */
static void test_input_check(void) {
  rnn_config c = lstm_config(); /* n_in 2, many-to-one */
  rnn_error err;
  check(rnn_input_check(&c, 30, 0, 5, 30, 2, "'X'", &err) == RNN_OK,
        "input of the window's length accepted");
  check(rnn_input_check(&c, 30, 0, 5, 10, 2, "'X'", &err) == RNN_ERR_DIM,
        "input of another window length refused");
  check(strcmp(err.id, "rnnkit:dim") == 0, "input check id rnnkit:dim");
  check(strstr(err.msg, "'X' has 10 timestep(s) but the model was trained "
                        "on windows of 30") != NULL &&
            strstr(err.msg, "samples x timesteps x features") != NULL &&
            strstr(err.msg, "'X' is 5 x 10 x 2; the model needs 5 x 30 x 2") !=
                NULL,
        "input check message says what was given and what is needed");
  check(rnn_input_check(&c, 0, 0, 5, 10, 2, "'X'", &err) == RNN_OK,
        "any length without a window");
  check(rnn_input_check(&c, 30, 1, 5, 10, 2, "'X'", &err) == RNN_OK,
        "a stateful model takes any length");
  check(rnn_input_check(&c, 30, 0, 5, 30, 3, "'X'", &err) == RNN_ERR_DIM &&
            strstr(err.msg, "has 3 feature(s) but the model was built for 2"),
        "features checked");
  c.seq_out = 1;
  check(rnn_input_check(&c, 30, 0, 5, 10, 2, "'X'", &err) == RNN_OK,
        "a many-to-many model takes any length");
  check(rnn_input_check(NULL, 30, 0, 5, 10, 2, "'X'", &err) == RNN_ERR_INPUT,
        "input check of a NULL config");
}

/* rnn_write_file(): writes and replaces a file; a failure is rnnkit:io
 * naming the path and leaves the file as it was.  (The fault injection,
 * a full disk, a file size limit and a killed process, is in the hosts'
 * tests: tests/testthat/test-save-faults.R, tests/octave/save_faults.m.) */
static int file_is(const char *path, const char *want) {
  char got[64];
  size_t n;
  FILE *f = fopen(path, "rb");
  if (!f) return 0;
  n = fread(got, 1, sizeof got, f);
  fclose(f);
  return n == strlen(want) && memcmp(got, want, n) == 0;
}

static void test_write_file(void) {
  /* run.sh runs this test in a fresh temporary folder */
  char path[] = "rnnkit-test-write.rnnk", bad[64];
  rnn_error err;
  check(rnn_write_file(path, (const unsigned char *)"first", 5, &err) ==
                RNN_OK &&
            file_is(path, "first"),
        "rnn_write_file writes a new file");
  check(rnn_write_file(path, (const unsigned char *)"second!", 7, &err) ==
                RNN_OK &&
            file_is(path, "second!"),
        "rnn_write_file replaces a file");
  check(rnn_write_file(path, NULL, 0, &err) == RNN_OK && file_is(path, ""),
        "rnn_write_file writes an empty file");
  sprintf(bad, "%s.no-such-folder/m.rnnk", path);
  check(rnn_write_file(bad, (const unsigned char *)"x", 1, &err) ==
                RNN_ERR_IO &&
            strcmp(err.id, "rnnkit:io") == 0 && strstr(err.msg, bad) &&
            strstr(err.msg, "the folder does not exist"),
        "a missing folder is rnnkit:io naming the path");
  check(rnn_write_file(".", (const unsigned char *)"x", 1, &err) ==
                RNN_ERR_IO &&
            strstr(err.msg, "it is a folder"),
        "a folder is no file to save to");
  check(rnn_write_file("", (const unsigned char *)"x", 1, &err) ==
            RNN_ERR_INPUT,
        "an empty path is an input error");
  remove(path);
}

/* ==== the series engine (series.c) ================================== */
/* A plan on 12 rows by hand: window 3, horizon 2, stride 2, so starts
 * 1, 3, 5, 7 (stepping back from the last, 7); the last 2 windows test,
 * so the split is the first target row of start 5: row 8. */
static void test_series(void) {
  const double nan = NAN;
  double d[12 * 2], ctr[2] = {0, 0}, scl[2] = {1, 1}, x[4 * 3], y[4 * 2];
  double nv[4 * 2], pr[4 * 2], ps[4 * 2], ac[4 * 2], out[RNN_ACC_ROWS * 4];
  double sn[4 * 2];
  double work[64];
  size_t st[12], first[4], kept, i;
  int set[12], feat[1] = {0}, tgt[1] = {1};
  rnn_series_spec sp;
  rnn_series_plan_info info;
  rnn_error err;
  for (i = 0; i < 12; i++) {
    d[i] = (double)i;            /* feature 0..11 */
    d[12 + i] = (double)(i * i); /* target: squares */
  }
  memset(&sp, 0, sizeof sp);
  sp.n_rows = 12;
  sp.n_cols = 2;
  sp.n_feat = sp.n_tgt = 1;
  sp.feat = feat;
  sp.tgt = tgt;
  sp.window = 3;
  sp.horizon = 2;
  sp.stride = 2;
  sp.split_row = 12;
  sp.n_test = 2;
  sp.scale_method = RNN_SCALE_MINMAX;
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) == RNN_OK,
        "series plan runs");
  check(info.n_windows == 4 && st[0] == 1 && st[1] == 3 && st[2] == 5 &&
            st[3] == 7,
        "series plan: starts step back from the newest window");
  /* test = the last 2 windows: split at the first target of start 5 */
  check(info.split_row == 8 && info.n_fit == 8,
        "series plan: the split is the first test target; the scaler "
        "fits the rows before it");
  /* start 1: targets 4,5 train; start 3: 6,7 train; 5: 8,9 test; 7: 10,11 */
  check(set[0] == RNN_SET_TRAIN && set[1] == RNN_SET_TRAIN &&
            set[2] == RNN_SET_TEST && set[3] == RNN_SET_TEST &&
            info.n_train == 2 && info.n_test == 2 && info.n_gap == 0,
        "series plan: train and test labels");
  check(ctr[0] == 0 && scl[0] == 7 && ctr[1] == 0 && scl[1] == 49,
        "series plan: min-max on rows 0..7 only");
  sp.n_test = 0;
  sp.split_row = 9; /* start 5 has targets 8 (train side) and 9: a gap */
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) == RNN_OK &&
            set[1] == RNN_SET_TRAIN && set[2] == RNN_SET_GAP &&
            set[3] == RNN_SET_TEST && info.n_fit == 9 && scl[1] == 64,
        "series plan: a window across the split is a gap");
  sp.split_row = 3;
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) == RNN_OK &&
            info.n_train == 0 && scl[1] == 64,
        "series plan: no training window, no scaler fitted");
  sp.n_test = 4;
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) ==
            RNN_ERR_INPUT,
        "series plan: every window a test window is refused");
  sp.n_test = 0;
  sp.transform.kind = 7;
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) ==
            RNN_ERR_INPUT,
        "series plan: an unknown transform is refused");
  sp.transform.kind = RNN_TRANSFORM_NONE;
  /* scaled windows: cut then scaled, the scaler of the data column */
  sp.n_test = 2;
  sp.split_row = 12;
  rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err);
  check(rnn_series_windows(&sp, d, st, 4, ctr, scl, x, y, &err) == RNN_OK &&
            x[0] == 1.0 / 7 && x[4 * 2 + 3] == 9.0 / 7 && y[0] == 16.0 / 49 &&
            y[4 + 3] == 121.0 / 49,
        "series windows: cut and scaled by the data column's scaler");
  /* horizon 0 with the caller's scaler: windows to predict from, the
   * newest one's target beyond the data (labelled none), nothing fitted */
  sp.horizon = 0;
  sp.n_test = 0;
  sp.scale_method = RNN_SCALE_GIVEN;
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) == RNN_OK &&
            info.n_windows == 5 && st[4] == 9 && set[4] == RNN_SET_NONE &&
            set[3] == RNN_SET_TRAIN && scl[1] == 49,
        "series plan: horizon 0 keeps the newest window, the scaler given");
  sp.horizon = 2;
  sp.n_test = 2;
  sp.scale_method = RNN_SCALE_MINMAX;
  rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err);
  /* naive columns: last value, and seasonal with period 2 */
  for (i = 0; i < 4; i++)
    first[i] = st[i] + 3;
  rnn_series_naive(12, d, 1, tgt, 2, 4, first, 1, nv);
  check(nv[0] == 9 && nv[4] == 9 && nv[3] == 81 && nv[7] == 81,
        "series naive: the last observed value for every step");
  rnn_series_naive(12, d, 1, tgt, 2, 4, first, 2, nv);
  /* start 1: targets 4, 5 -> rows 2, 3 (one season back) */
  check(nv[0] == 4 && nv[4] == 9 && nv[3] == 64 && nv[7] == 81,
        "series naive: the same season one cycle back");
  rnn_series_naive(12, d, 1, tgt, 2, 1, first, 5, nv);
  check(isnan(nv[0]) && nv[1] == 0,
        "series naive: a season before the data is NaN");
  /* evaluation: predictions unscaled, actuals beyond the data NaN */
  for (i = 0; i < 8; i++)
    ps[i] = y[i] + 0.5 / 49;
  first[3] = 11; /* second target row 12: beyond the data */
  check(rnn_series_evaluate(12, 2, d, 1, tgt, 2, 4, first, ps, ctr, scl,
                            NULL, 1, pr, ac, nv,
                            &err) == RNN_OK &&
            fabs(pr[0] - 16.5) < 1e-12 && ac[0] == 16 && ac[3] == 121 &&
            isnan(ac[7]) && nv[3] == 100,
        "series evaluate: unscaled, actual NaN beyond the data");
  rnn_series_labels(4, first, 2, 12, info.split_row, set);
  check(set[0] == RNN_SET_TRAIN && set[2] == RNN_SET_TEST &&
            set[3] == RNN_SET_NONE,
        "series labels: a target beyond the data is labelled none");
  check(rnn_series_accuracy_workspace(4, 1, 2) <= 64, "workspace fits");
  check(rnn_series_accuracy_cols(1) == 3 && rnn_series_accuracy_cols(0) == 3 &&
            rnn_series_accuracy_cols(12) == 4,
        "series accuracy: model, naive, (snaive,) drift columns");
  check(rnn_series_accuracy(12, 2, d, 1, tgt, 2, info.n_fit, 1, 4, set, ac, pr,
                            nv, NULL, out, &kept, work, &err) == RNN_OK &&
            kept == 1,
        "series accuracy: only the test windows are scored");
  /* window 2: targets 64, 81; naive 49; predictions 64.5, 81.5; the
   * MASE scale is the mean |diff| of squares on rows 0..7 = 49 / 7 */
  check(out[RNN_ACC_N] == 2 && fabs(out[RNN_ACC_MAE] - 0.5) < 1e-12 &&
            fabs(out[RNN_ACC_RMSE] - 0.5) < 1e-12 &&
            fabs(out[RNN_ACC_MASE] - 0.5 / 7) < 1e-12 &&
            out[RNN_ACC_ROWS + RNN_ACC_MASE] == 23.5 / 7 &&
            out[RNN_ACC_ROWS + RNN_ACC_MAE] == (15.0 + 32.0) / 2,
        "series accuracy: model and naive rows by hand");
  /* issue 15: from 49, the model (64.5, 81.5) and the drift (56, 63) call
   * both rises; the naive forecast calls no direction */
  check(out[RNN_ACC_DA] == 100 && isnan(out[RNN_ACC_ROWS + RNN_ACC_DA]) &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_DA] == 100,
        "series accuracy: directional accuracy, NaN for naive");
  /* issue 15: the drift row.  The mean change of the squares over rows
   * 0..7 is 49 / 7 = 7, so window 2 (last value 49) forecasts 56, 63
   * against 64, 81: errors 8, 18 */
  check(out[2 * RNN_ACC_ROWS + RNN_ACC_MAE] == 13 &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_RMSE] == sqrt((64.0 + 324) / 2) &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_MASE] == 13 / (49.0 / 7) &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_N] == 2,
        "series accuracy: the drift row by hand");
  /* period 2: the seasonal naive forecasts of window 2 are rows 6, 7 =
   * 36, 49 (errors 28, 32), and MASE is scaled by the in-sample seasonal
   * naive MAE, mean |x[i] - x[i-2]| over rows 2..7 = 84 / 6 = 14 */
  rnn_series_naive(12, d, 1, tgt, 2, 4, first, 2, sn);
  check(rnn_series_accuracy(12, 2, d, 1, tgt, 2, info.n_fit, 2, 4, set, ac, pr,
                            nv, NULL, out, &kept, work, &err) == RNN_ERR_INPUT,
        "series accuracy: a period without seasonal naive forecasts");
  check(rnn_series_accuracy(12, 2, d, 1, tgt, 2, info.n_fit, 2, 4, set, ac, pr,
                            nv, sn, out, &kept, work, &err) == RNN_OK &&
            kept == 1 && fabs(out[RNN_ACC_MASE] - 0.5 / 14) < 1e-15 &&
            out[RNN_ACC_ROWS + RNN_ACC_MASE] == 23.5 / 14 &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_MAE] == 30 &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_RMSE] ==
                sqrt((28.0 * 28 + 32.0 * 32) / 2) &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_MASE] == 30.0 / 14 &&
            out[3 * RNN_ACC_ROWS + RNN_ACC_MAE] == 13 &&
            out[2 * RNN_ACC_ROWS + RNN_ACC_DA] == 0,
        "series accuracy: the snaive row and the seasonal MASE by hand");
  /* directional accuracy by hand: from 10, rises and falls called right
   * (rows 1, 2), a flat actual left out (3), a wrong call (4), a missing
   * value left out (5), no call when the actual moved: wrong (6) */
  {
    const double o6[6] = {10, 10, 10, 10, 10, 10},
                 a6[6] = {11, 9, 10, 12, 11, 13},
                 p6[6] = {10.5, 9.5, 11, 9, 0, 10};
    double p6n[6], q[RNN_ACC_ROWS];
    memcpy(p6n, p6, sizeof p6);
    p6n[4] = nan;
    check(rnn_accuracy_direction(6, 1, a6, p6n, o6, q, &err) == RNN_OK &&
              q[RNN_ACC_DA] == 100.0 * (2.0 / 4.0),
          "directional accuracy by hand");
    check(rnn_accuracy(6, 1, a6, p6, NULL, q, &err) == RNN_OK &&
              isnan(q[RNN_ACC_DA]),
          "rnn_accuracy leaves the directional accuracy NaN");
    check(rnn_accuracy_direction(3, 1, o6, p6, o6, q, &err) == RNN_OK &&
              isnan(q[RNN_ACC_DA]),
          "no move to call: directional accuracy NaN");
    check(rnn_accuracy_direction(3, 1, a6, p6, NULL, q, &err) == RNN_ERR_INPUT,
          "directional accuracy without an origin");
  }
  for (i = 0; i < 4; i++)
    set[i] = RNN_SET_TRAIN;
  ac[0] = ac[4] = ac[1] = ac[5] = ac[2] = ac[6] = ac[3] = nan;
  check(rnn_series_accuracy(12, 2, d, 1, tgt, 2, 8, 1, 4, set, ac, pr, nv,
                            NULL, out, &kept, work, &err) == RNN_ERR_DIM,
        "series accuracy: no known target is an error");
}
/* ==== end of the series engine ====================================== */

/* rnn_accuracy and rnn_naive_scale on values computed by hand, summed in
 * the documented order (rows in increasing order), so bits agree. */
static void test_accuracy(void) {
  /* column 0: all known; 1: missing values on either side; 2: no actual
   * value known; 3: zero actuals */
  const double nan = NAN;
  double a[4 * 4] = {10, 12, 11, 13, nan, 2, 4, 5, nan, nan, nan, nan, 0, 1, 0, 0};
  double p[4 * 4] = {11, 11, 12, 12, 1, nan, 3, 7, 1, 2, 3, 4, 1, 1, 0, nan};
  double sc[4] = {2, nan, 1, 0}, o[RNN_ACC_ROWS * 4], na, s[3];
  uint64_t na_bits = 0x7FF00000000007A2ULL; /* R's and Octave's NA */
  double x[6 * 3] = {1, 3, 2, nan, 6, 5, /* period 1: |2|, |-1|, |-1| */
                     4, 4, 4, 4, 4, 4,   /* constant: no scale */
                     1, HUGE_VAL, 2, 3, 4, 5};
  double q[8] = {10, 20, 30, 40, 12, 21, 33, 40};
  rnn_error err;
  const double *c;
  check(rnn_accuracy(4, 4, a, p, sc, o, &err) == RNN_OK, "rnn_accuracy runs");
  c = o;
  check(c[RNN_ACC_RMSE] == 1 && c[RNN_ACC_MAE] == 1 && c[RNN_ACC_MASE] == 0.5 &&
            c[RNN_ACC_N] == 4,
        "accuracy: RMSE, MAE, MASE and n by hand");
  check(c[RNN_ACC_MAPE] == 100.0 * ((0.1 + 1.0 / 12 + 1.0 / 11 + 1.0 / 13) / 4),
        "accuracy: MAPE by hand, in %");
  check(c[RNN_ACC_SMAPE] == 200.0 * ((1.0 / 21 + 1.0 / 23 + 1.0 / 23 + 1.0 / 25) / 4),
        "accuracy: sMAPE by hand, in %");
  c = o + RNN_ACC_ROWS;
  check(c[RNN_ACC_N] == 3, "accuracy: n counts the known actual values");
  check(c[RNN_ACC_RMSE] == sqrt(5.0 / 2) && c[RNN_ACC_MAE] == 1.5,
        "accuracy: pairs with a missing value are skipped");
  check(c[RNN_ACC_MAPE] == 100.0 * ((0.25 + 0.4) / 2) &&
            c[RNN_ACC_SMAPE] == 200.0 * ((1.0 / 7 + 2.0 / 12) / 2),
        "accuracy: MAPE and sMAPE skip missing pairs");
  check(isnan(c[RNN_ACC_MASE]), "accuracy: a missing scale, a missing MASE");
  c = o + 2 * RNN_ACC_ROWS;
  check(c[RNN_ACC_N] == 0 && isnan(c[RNN_ACC_RMSE]) && isnan(c[RNN_ACC_MAE]) &&
            isnan(c[RNN_ACC_MAPE]) && isnan(c[RNN_ACC_SMAPE]) && isnan(c[RNN_ACC_MASE]),
        "accuracy: no known actual value: n 0, every metric NaN");
  c = o + 3 * RNN_ACC_ROWS;
  check(c[RNN_ACC_N] == 4 && c[RNN_ACC_MAE] == 1.0 / 3, "accuracy: zero actuals count");
  check(isnan(c[RNN_ACC_MAPE]), "accuracy: MAPE of 0 against 0 is NaN (0/0), as R's mean gave");
  check(isnan(c[RNN_ACC_SMAPE]), "accuracy: sMAPE of 0 against 0 is NaN (0/0)");
  check(isnan(c[RNN_ACC_MASE]), "accuracy: a zero scale gives a missing MASE");
  /* MAPE against a zero actual value with a non-zero error is Inf */
  check(rnn_accuracy(2, 1, a + 12, p + 12, sc, o, &err) == RNN_OK &&
            isinf(o[RNN_ACC_MAPE]) && o[RNN_ACC_SMAPE] == 200.0 * ((1.0 + 0.0) / 2),
        "accuracy: MAPE Inf with a zero actual, sMAPE finite");
  /* a missing scale is copied bit for bit: a host's NA stays NA */
  memcpy(&na, &na_bits, sizeof na);
  check(rnn_accuracy(4, 1, a, p, &na, o, &err) == RNN_OK &&
            memcmp(&o[RNN_ACC_MASE], &na, sizeof na) == 0,
        "accuracy: the host's NA scale comes back as NA");
  sc[0] = HUGE_VAL;
  check(rnn_accuracy(4, 1, a, p, sc, o, &err) == RNN_OK && isnan(o[RNN_ACC_MASE]),
        "accuracy: an infinite scale gives a missing MASE");
  check(rnn_accuracy(4, 1, a, p, NULL, o, &err) == RNN_OK && isnan(o[RNN_ACC_MASE]) &&
            o[RNN_ACC_MAE] == 1,
        "accuracy: no scale at all");
  check(rnn_accuracy(4, 1, NULL, p, sc, o, &err) == RNN_ERR_INPUT &&
            strcmp(err.id, "rnnkit:input") == 0,
        "accuracy: NULL actual values");
  check(rnn_accuracy(0, 1, NULL, NULL, NULL, o, &err) == RNN_OK && o[RNN_ACC_N] == 0 &&
            isnan(o[RNN_ACC_RMSE]),
        "accuracy: no rows");

  check(rnn_naive_scale(6, 3, x, 1, s, &err) == RNN_OK, "rnn_naive_scale runs");
  check(s[0] == 4.0 / 3, "naive scale: missing differences skipped");
  check(isnan(s[1]), "naive scale: a constant series has none (NaN)");
  check(isnan(s[2]), "naive scale: an infinite mean is none (NaN)");
  check(rnn_naive_scale(6, 1, x, 2, s, &err) == RNN_OK && s[0] == 2.5,
        "naive scale: lag-2 differences");
  check(rnn_naive_scale(8, 1, q, 4, s, &err) == RNN_OK && s[0] == 1.5,
        "naive scale: seasonal period 4, by hand");
  check(rnn_naive_scale(4, 1, q, 4, s, &err) == RNN_OK && isnan(s[0]),
        "naive scale: no full season, no scale");
  check(rnn_naive_scale(0, 1, NULL, 1, s, &err) == RNN_OK && isnan(s[0]),
        "naive scale: no rows");
  check(rnn_naive_scale(8, 1, q, 0, s, &err) == RNN_ERR_INPUT &&
            strcmp(err.id, "rnnkit:input") == 0,
        "naive scale: period 0 is an input error");
}

/* Splits text (a C string of UTF-8) and writes the tokens, joined by
 * '|', as UTF-8 into out; returns the status. */
static int split_text(const char *text, int level, int lower,
                      const char *filters, char *out, size_t out_len) {
  int32_t cp[256];
  size_t ends[256], n_cp = 0, n_tok = 0, q_cp = 0, q_tok = 0, k, at = 0, nb;
  rnn_error err;
  int st = rnn_text_tokens(text, strlen(text), level, lower, filters,
                           strlen(filters), NULL, 0, NULL, 0, &q_cp, &q_tok,
                           &err);
  if (st != RNN_OK) return st;
  st = rnn_text_tokens(text, strlen(text), level, lower, filters,
                       strlen(filters), cp, q_cp, ends, q_tok, &n_cp, &n_tok,
                       &err);
  if (st != RNN_OK || n_cp != q_cp || n_tok != q_tok) return -1;
  for (k = 0; k < n_tok; k++) {
    size_t from = k ? ends[k - 1] : 0;
    if (k) out[at++] = '|';
    if (rnn_utf8_encode(cp + from, ends[k] - from, out + at, out_len - at - 1,
                        &nb, &err) != RNN_OK)
      return -1;
    at += nb;
  }
  out[at] = 0;
  return RNN_OK;
}

static void test_text(void) {
  /* Keras' default filters */
  const char *keras = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n";
  char out[1024];
  int32_t cp[8];
  size_t n, m, ends[1];
  rnn_error err;
  /* lower-casing: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic, and
   * the context-free rules (no final sigma, U+0130 -> i) */
  check(rnn_lower('A') == 'a' && rnn_lower('z') == 'z' && rnn_lower('@') == '@',
        "lower: ASCII");
  check(rnn_lower(0xC9) == 0xE9 && rnn_lower(0xD7) == 0xD7 &&
            rnn_lower(0xDE) == 0xFE && rnn_lower(0xDF) == 0xDF,
        "lower: Latin-1 (É -> é, × and ß unchanged)");
  check(rnn_lower(0x100) == 0x101 && rnn_lower(0x101) == 0x101 &&
            rnn_lower(0x130) == 0x69 && rnn_lower(0x178) == 0xFF &&
            rnn_lower(0x139) == 0x13A && rnn_lower(0x17F) == 0x17F,
        "lower: Latin Extended-A");
  check(rnn_lower(0x391) == 0x3B1 && rnn_lower(0x3A3) == 0x3C3 &&
            rnn_lower(0x3C2) == 0x3C2 && rnn_lower(0x386) == 0x3AC &&
            rnn_lower(0x38F) == 0x3CE,
        "lower: Greek (capital sigma is always U+03C3)");
  check(rnn_lower(0x410) == 0x430 && rnn_lower(0x42F) == 0x44F &&
            rnn_lower(0x401) == 0x451 && rnn_lower(0x460) == 0x461,
        "lower: Cyrillic");
  check(rnn_lower(0x1C5) == 0x1C6 && rnn_lower(0xFF21) == 0xFF41 &&
            rnn_lower(0x1F600) == 0x1F600 && rnn_lower(0x10400) == 0x10428,
        "lower: titlecase, fullwidth, emoji, Deseret");
  /* UTF-8 */
  check(rnn_utf8_decode("a\xC3\x89\xF0\x9F\x98\x80", 7, NULL, 0, &n, &err) ==
                RNN_OK && n == 3,
        "utf8: count code points");
  check(rnn_utf8_decode("a\xC3\x89\xF0\x9F\x98\x80", 7, cp, 3, &n, &err) ==
                RNN_OK && cp[0] == 'a' && cp[1] == 0xC9 && cp[2] == 0x1F600,
        "utf8: decode");
  check(rnn_utf8_decode("a\xC3\x89", 3, cp, 1, &n, &err) == RNN_ERR_DIM,
        "utf8: a short buffer");
  check(rnn_utf8_encode(cp, 3, NULL, 0, &m, &err) == RNN_OK && m == 7,
        "utf8: count bytes");
  check(rnn_utf8_decode("ab\xC3", 3, NULL, 0, &n, &err) == RNN_ERR_INPUT &&
            strcmp(err.id, "rnnkit:input") == 0 && strstr(err.msg, "byte 3"),
        "utf8: truncated sequence is rnnkit:input naming the byte");
  check(rnn_utf8_decode("\x80", 1, NULL, 0, &n, &err) == RNN_ERR_INPUT &&
            rnn_utf8_decode("\xC0\xAF", 2, NULL, 0, &n, &err) == RNN_ERR_INPUT &&
            rnn_utf8_decode("\xED\xA0\x80", 3, NULL, 0, &n, &err) == RNN_ERR_INPUT &&
            rnn_utf8_decode("\xF4\x90\x80\x80", 4, NULL, 0, &n, &err) == RNN_ERR_INPUT,
        "utf8: stray continuation, overlong, surrogate, > U+10FFFF");
  cp[0] = 0xD800;
  check(rnn_utf8_encode(cp, 1, NULL, 0, &m, &err) == RNN_ERR_INPUT,
        "utf8: a surrogate cannot be encoded");
  /* tokens */
  check(split_text("\xC3\x89t\xC3\xA9 \xCE\xA3\xCE\x91\xCE\xA3", RNN_TEXT_CHAR,
                   1, "", out, sizeof out) == RNN_OK &&
            strcmp(out, "\xC3\xA9|t|\xC3\xA9| |\xCF\x83|\xCE\xB1|\xCF\x83") == 0,
        "tokens: characters, lower-cased (accents, Greek)");
  check(split_text("\xC3\x89t\xC3\xA9", RNN_TEXT_CHAR, 0, "", out,
                   sizeof out) == RNN_OK &&
            strcmp(out, "\xC3\x89|t|\xC3\xA9") == 0,
        "tokens: characters, case kept");
  check(split_text("Hi, \xD0\x9C\xD0\xB8\xD1\x80! \xF0\x9F\x98\x80ok\tdon't--stop\n",
                   RNN_TEXT_WORD, 1, keras, out, sizeof out) == RNN_OK &&
            strcmp(out, "hi|\xD0\xBC\xD0\xB8\xD1\x80|\xF0\x9F\x98\x80ok|don't|stop") == 0,
        "tokens: words with Keras' filters (Cyrillic, emoji, apostrophe)");
  check(split_text("a\xC2\xA0" "b  c", RNN_TEXT_WORD, 0, "", out, sizeof out) ==
                RNN_OK && strcmp(out, "a\xC2\xA0" "b|c") == 0,
        "tokens: only ASCII whitespace separates words");
  check(split_text("x.y,z", RNN_TEXT_CHAR, 0, ".,", out, sizeof out) == RNN_OK &&
            strcmp(out, "x|y|z") == 0,
        "tokens: characters drop the filters");
  check(split_text("\xC3\x89" "a\xC3\xA9", RNN_TEXT_CHAR, 1, "\xC3\xA9", out,
                   sizeof out) == RNN_OK && strcmp(out, "a") == 0,
        "tokens: filters apply after lower-casing");
  check(split_text(" ,; ", RNN_TEXT_WORD, 0, keras, out, sizeof out) == RNN_OK &&
            strcmp(out, "") == 0,
        "tokens: no words");
  check(split_text("ab\xFF", RNN_TEXT_WORD, 0, "", out, sizeof out) ==
            RNN_ERR_INPUT,
        "tokens: invalid UTF-8 is an input error");
  check(split_text("ab", RNN_TEXT_WORD, 0, "\xFF", out, sizeof out) ==
            RNN_ERR_INPUT,
        "tokens: invalid UTF-8 filters are an input error");
  check(split_text("ab", 2, 0, "", out, sizeof out) == RNN_ERR_INPUT,
        "tokens: unknown level");
  check(rnn_text_tokens("ab cd", 5, RNN_TEXT_WORD, 0, "", 0, cp, 8,
                        ends, 1, &n, &m, &err) == RNN_ERR_DIM,
        "tokens: too few token slots is a dim error");
}

/* the test's own order of vocabulary entries a, b: code points, then
 * length, then index */
static int tok_cmp(const int32_t *cp, const size_t *end, size_t a, size_t b) {
  size_t i = a ? end[a - 1] : 0, j = b ? end[b - 1] : 0;
  for (; i < end[a] && j < end[b]; i++, j++)
    if (cp[i] != cp[j]) return cp[i] < cp[j] ? -1 : 1;
  if (i < end[a]) return 1;
  if (j < end[b]) return -1;
  return a < b ? -1 : 1;
}

static void test_encode(void) {
  /* the vocabulary "<OOV> the cat \xC3\xA9t\xC3\xA9 a the" (a duplicate "the"
   * at 6: the first wins) */
  const char *voc = "<OOV> the cat \xC3\xA9t\xC3\xA9 a the";
  int32_t vcp[64], cp[64], ids[16];
  size_t vend[16], order[16], nv_cp, nv, n_ids, k;
  rnn_error err;
  int ok;
  check(rnn_text_tokens(voc, strlen(voc), RNN_TEXT_WORD, 0, "", 0, vcp, 64,
                        vend, 16, &nv_cp, &nv, &err) == RNN_OK && nv == 6,
        "encode: a vocabulary of 6 words");
  check(rnn_vocab_sort(nv, vcp, vend, order, &err) == RNN_OK,
        "encode: sort the vocabulary");
  ok = 1;
  for (k = 1; k < nv; k++) ok = ok && tok_cmp(vcp, vend, order[k - 1], order[k]) < 0;
  check(ok, "encode: the order is sorted");
  {
    /* the same vocabulary from its entries: rnn_vocab_index() */
    const char *e[] = {"<OOV>", "the", "cat", "\xC3\xA9t\xC3\xA9", "a", "the"};
    size_t eb[6], n2, vend2[6], order2[6];
    int32_t vcp2[64];
    for (k = 0; k < 6; k++) eb[k] = strlen(e[k]);
    ok = rnn_vocab_index(6, e, eb, NULL, 0, &n2, NULL, NULL, &err) == RNN_OK &&
         n2 == nv_cp &&
         rnn_vocab_index(6, e, eb, vcp2, n2, &n2, vend2, order2, &err) ==
             RNN_OK &&
         memcmp(vcp2, vcp, n2 * sizeof(int32_t)) == 0 &&
         memcmp(vend2, vend, sizeof vend2) == 0 &&
         memcmp(order2, order, sizeof order2) == 0 &&
         rnn_vocab_index(6, e, eb, vcp2, n2 - 1, &n2, vend2, order2, &err) ==
             RNN_ERR_DIM;
    check(ok, "encode: rnn_vocab_index() gives the code points and order");
  }
  const char *t1 = "The CAT, a dog; \xC3\x89T\xC3\x89!";
  check(rnn_text_encode(t1, strlen(t1), RNN_TEXT_WORD, 1,
                        ",;!", 3, nv, vcp, vend, order, 1, cp, 64, vend + 8, 8,
                        ids, &n_ids, &err) == RNN_OK &&
            n_ids == 5 && ids[0] == 2 && ids[1] == 3 && ids[2] == 5 &&
            ids[3] == 1 && ids[4] == 4,
        "encode: lower-cased words, unknown -> oov, first duplicate");
  check(rnn_text_encode("a dog the", 9, RNN_TEXT_WORD, 0, "", 0, nv, vcp, vend,
                        order, 0, cp, 64, vend + 8, 8, ids, &n_ids, &err) ==
                RNN_OK && n_ids == 2 && ids[0] == 5 && ids[1] == 2,
        "encode: unknown words dropped without oov");
  check(rnn_text_encode("<x", 2, RNN_TEXT_CHAR, 0, "", 0, nv, vcp, vend, order,
                        1, cp, 64, vend + 8, 8, ids, &n_ids, &err) == RNN_OK &&
            n_ids == 2 && ids[0] == 1 && ids[1] == 1,
        "encode: a several-character entry matches no character");
  check(rnn_text_encode("a", 1, RNN_TEXT_WORD, 0, "", 0, nv, vcp, vend, order,
                        7, cp, 64, vend + 8, 8, ids, &n_ids, &err) ==
            RNN_ERR_INPUT,
        "encode: oov beyond the vocabulary");
}

static void test_pad(void) {
  /* {1}, {2 3}, {4 5 6}, {} as rnn_pad_sequences.m's tests */
  size_t lens[4] = {1, 2, 3, 0};
  double v[6] = {1, 2, 3, 4, 5, 6}, o[4 * 5];
  rnn_error err;
  const double pre_pre[8] = {0, 2, 5, 0, 1, 3, 6, 0};   /* maxlen 2 */
  const double post_post[8] = {1, 2, 4, 0, 0, 3, 5, 0}; /* maxlen 2 */
  const double pre5[20] = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                           4,  -1, -1, 2,  5,  -1, 1,  3,  6,  -1};
  check(rnn_pad_sequences(4, lens, v, 2, 0, 0, 0, o, &err) == RNN_OK &&
            memcmp(o, pre_pre, sizeof pre_pre) == 0,
        "pad: pre, truncate pre");
  check(rnn_pad_sequences(4, lens, v, 2, 1, 1, 0, o, &err) == RNN_OK &&
            memcmp(o, post_post, sizeof post_post) == 0,
        "pad: post, truncate post");
  check(rnn_pad_sequences(4, lens, v, 5, 0, 0, -1, o, &err) == RNN_OK &&
            memcmp(o, pre5, sizeof o) == 0,
        "pad: longer than every sequence, value -1");
  check(rnn_pad_sequences(4, lens, v, 0, 0, 0, 0, NULL, &err) == RNN_OK,
        "pad: maxlen 0");
  check(rnn_pad_sequences(2, lens, NULL, 2, 0, 0, 0, o, &err) == RNN_ERR_INPUT,
        "pad: NULL values");
}

static void test_streams(void) {
  /* 1..11, 2 streams of L = 5 tokens (1..5 and 6..10), chunks of 2:
   * samples (chunk 0: stream 0, stream 1; chunk 1: ...) */
  double tok[11] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, x[8], y[8];
  const double wx[8] = {1, 6, 3, 8, 2, 7, 4, 9};
  const double wy[8] = {2, 7, 4, 9, 3, 8, 5, 10};
  size_t n;
  rnn_error err;
  check(rnn_text_streams(11, tok, 2, 2, NULL, NULL, &n, &err) == RNN_OK &&
            n == 4,
        "streams: query");
  check(rnn_text_streams(11, tok, 2, 2, x, y, &n, &err) == RNN_OK &&
            memcmp(x, wx, sizeof x) == 0 && memcmp(y, wy, sizeof y) == 0,
        "streams: x and y, samples of a batch continue the batch before");
  check(rnn_text_streams(5, tok, 3, 2, NULL, NULL, &n, &err) == RNN_OK &&
            n == 0,
        "streams: too short for a chunk");
  check(rnn_text_streams(5, tok, 0, 2, NULL, NULL, &n, &err) == RNN_ERR_DIM,
        "streams: seq_len 0");
}

/* the schema: names <-> codes agree with the enums; suggestions; the
 * defaults; model-file fields, and the encoder writing an int field held
 * as doubles as int32 */
static void test_schema(void) {
  rnn_error err;
  size_t n, k;
  int code = -1, ok, t;
  const char *const *nm = rnn_names(RNN_NAMES_CELL, &n);
  check(n == 3 && strcmp(nm[RNN_CELL_LSTM], "lstm") == 0 &&
            strcmp(nm[RNN_CELL_GRU], "gru") == 0,
        "schema: cell names in code order");
  check(strcmp(rnn_name_of(RNN_NAMES_ACTIVATION, RNN_ACT_RELU), "relu") == 0 &&
            strcmp(rnn_name_of(RNN_NAMES_LOSS, RNN_LOSS_SPARSE_CE),
                   "sparse_ce") == 0 &&
            strcmp(rnn_name_of(RNN_NAMES_OPTIMIZER, RNN_OPT_RMSPROP),
                   "rmsprop") == 0 &&
            strcmp(rnn_name_of(RNN_NAMES_SCALER, RNN_SCALE_ZSCORE), "zscore") ==
                0 &&
            strcmp(rnn_name_of(RNN_NAMES_INIT, RNN_INIT_IDENTITY),
                   "identity") == 0 &&
            strcmp(rnn_name_of(RNN_NAMES_LEVEL, RNN_TEXT_WORD), "word") == 0 &&
            strcmp(rnn_name_of(RNN_NAMES_RECORD_TYPE, RNN_REC_NULL), "null") ==
                0 &&
            strcmp(rnn_name_of(RNN_NAMES_RECORD_KIND, RNN_KIND_MAX),
                   "colnames") == 0,
        "schema: names of the enums' codes");
  check(rnn_file_field_flags("config.units", 12) ==
                1u << (rnn_code_of(RNN_NAMES_FIELD, "int", &code, &err), code) &&
            RNN_FIELD_DATE == 1u << (rnn_code_of(RNN_NAMES_FIELD, "date",
                                                 &code, &err), code) &&
            RNN_FIELD_MATRIX == 1u << (rnn_code_of(RNN_NAMES_FIELD, "matrix",
                                                   &code, &err), code) &&
            RNN_FIELD_DATAFRAME ==
                1u << (rnn_code_of(RNN_NAMES_FIELD, "dataframe", &code, &err),
                       code),
        "schema: each field flag is 1 << the code of its name");
  check(strcmp(rnn_default_filters(RNN_TEXT_CHAR), "") == 0 &&
            strcmp(rnn_default_filters(RNN_TEXT_WORD),
                   "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n") == 0 &&
            rnn_default_filters(2) == NULL,
        "schema: default filters, Keras' for words");
  check(rnn_name_of(RNN_NAMES_CELL, 3) == NULL &&
            rnn_name_of(RNN_NAMES_N, 0) == NULL &&
            rnn_names(-1, &n) == NULL && n == 0,
        "schema: out-of-range codes and tables");
  ok = 1;
  for (t = 0; t < RNN_NAMES_N; t++) {
    nm = rnn_names(t, &n);
    for (k = 0; k < n; k++)
      ok = ok && rnn_code_of(t, nm[k], &code, &err) == RNN_OK &&
           code == (int)k;
  }
  check(ok, "schema: every name's code is its index");
  check(rnn_code_of(RNN_NAMES_CELL, "LSTM", &code, &err) == RNN_OK &&
            code == RNN_CELL_LSTM,
        "schema: names are case-insensitive");
  check(rnn_code_of(RNN_NAMES_CELL, "lsmt", &code, &err) == RNN_ERR_INPUT &&
            strcmp(err.id, "rnnkit:input") == 0 &&
            strstr(err.msg, "did you mean 'lstm'?") &&
            strstr(err.msg, "simple, lstm, gru"),
        "schema: an unknown name suggests the nearest");
  check(rnn_code_of(RNN_NAMES_OPTIMIZER, "newton", &code, &err) ==
                RNN_ERR_INPUT &&
            !strstr(err.msg, "did you mean"),
        "schema: no suggestion when nothing is near");
  {
    const char *opts[] = {"Epochs", "BatchSize", "LearnRate"};
    check(rnn_suggest("epoch", opts, 3) == 0 &&
              rnn_suggest("batchsise", opts, 3) == 1 &&
              rnn_suggest("zzz", opts, 3) == -1,
          "schema: rnn_suggest");
  }
  check(rnn_default_of("epochs") == 100 && rnn_default_of("batch_size") == 32 &&
            rnn_default_of("units") == 16 && rnn_default_of("lr") == 0.001 &&
            rnn_default_of("lr_sgd") == 0.01 && isnan(rnn_default_of("x")),
        "schema: training defaults");
  check(rnn_default_head(RNN_LOSS_MSE) == RNN_ACT_LINEAR &&
            rnn_default_head(RNN_LOSS_BCE) == RNN_ACT_SIGMOID &&
            rnn_default_head(RNN_LOSS_SPARSE_CE) == RNN_ACT_SOFTMAX &&
            rnn_default_head(9) == -1,
        "schema: default output activation of each loss");
  check(rnn_file_field_flags("config.units", 12) == RNN_FIELD_INT &&
            rnn_file_field_flags("history", 7) == RNN_FIELD_DATAFRAME &&
            rnn_file_field_flags("prep.data.index", 15) == RNN_FIELD_DATE &&
            rnn_file_field_flags("residuals", 9) == RNN_FIELD_MATRIX &&
            rnn_file_field_flags("config.unitsX", 12) == RNN_FIELD_INT,
        "schema: fields of the table");
  check(rnn_file_field_flags("a.dates", 7) == RNN_FIELD_DATE &&
            rnn_file_field_flags("a.first_date", 12) == RNN_FIELD_DATE &&
            rnn_file_field_flags("date", 4) == RNN_FIELD_DATE &&
            rnn_file_field_flags("a.update", 8) == 0 &&
            rnn_file_field_flags("a.dates2", 8) == 0 &&
            rnn_file_field_flags("a.#1", 4) == 0,
        "schema: fields named as dates");
  /* issue 16: a panel's series are typed as a one-series model's data */
  check(rnn_file_field_flags("prep.data.series.a%2Eb.index", 28) == RNN_FIELD_DATE &&
            rnn_file_field_flags("prep.data.series.north.values", 29) == RNN_FIELD_MATRIX &&
            rnn_file_field_flags("prep.data.series.north.split_row", 32) == RNN_FIELD_INT &&
            rnn_file_field_flags("prep.data.series.north.freq", 27) == 0 &&
            rnn_file_field_flags("prep.data.series.north", 22) == 0 &&
            rnn_file_field_flags("prep.data.series.x.y.index", 26) == 0,
        "schema: a panel's series fields");
  { /* an int field given as doubles is written as int32; a non-whole
       value keeps the record double */
    double units[2] = {4, 3}, frac = 2.5, na = NAN;
    rnn_record r[3];
    unsigned char buf[256];
    size_t size, size_int;
    memset(r, 0, sizeof r);
    r[0].name = "config.units";
    r[0].type = RNN_REC_DOUBLE;
    r[0].n_dims = 1;
    r[0].dims[0] = 2;
    r[0].dbl = units;
    r[1] = r[0];
    r[1].name = "config.n_out";
    r[1].dims[0] = 1;
    r[1].dbl = &na;
    r[2] = r[1];
    r[2].name = "other";
    r[2].dbl = &frac;
    check(rnn_model_encode_size(r, 3, &size, &err) == RNN_OK &&
              size <= sizeof buf &&
              rnn_model_encode(r, 3, buf, size, &err) == RNN_OK,
          "schema: encode an int field given as doubles");
    /* records start at byte 32: 2 + 12 name bytes, then the type */
    check(buf[32 + 2 + 12] == RNN_REC_INT, "schema: written as int32");
    units[1] = 3.5;
    size_int = size;
    check(rnn_model_encode_size(r, 3, &size, &err) == RNN_OK &&
              size == size_int + 8,
          "schema: a non-whole value stays double");
  }
}

/* ---- finite-difference gradient checks (issue 14) --------------------
 * The gradient of rnn_loss_grad() against central differences of its
 * loss, as tests/testthat/test-gradient.R and test-sequences.R check it
 * through R: every cell x head activation x loss, stacked layers,
 * many-to-one and many-to-many, wide inputs, dropout (masks fixed by
 * reseeding), the input gradient, both sides of the small-matrix switch, and
 * token input with padding.  rel = |a - b| / |a + b| (2-norms) < 1e-6. */

typedef struct {
  rnn_config c;
  int loss;
  size_t N, T;
  uint64_t seed;
  int drop_seed;  /* > 0: a training pass, dropout masks from this seed */
  size_t subset;  /* > 0: check this many random parameters only */
  double sd;      /* perturbation of the initial weights */
  const double *sw; /* NULL, or step weights N x T (rnn_loss_grad_w) */
} grad_case;

static double grad_loss(const grad_case *g, const double *p, const double *x,
                        const double *y, double *grad, double *dx, double *w) {
  rnn_rng r;
  rnn_error err;
  double lv = NAN;
  rnn_rng_seed(&r, (uint64_t)g->drop_seed);
  if (rnn_loss_grad_w(&g->c, g->loss, p, g->N, g->T, x, y, g->sw, &lv, grad,
                      dx, g->drop_seed > 0 ? &r : NULL, w, &err) != RNN_OK)
    printf("rnn_loss_grad: %s\n", err.msg);
  return lv;
}

static double rel_err(const double *a, const double *b, size_t n) {
  double d = 0, s = 0;
  size_t k;
  for (k = 0; k < n; k++) {
    d += (a[k] - b[k]) * (a[k] - b[k]);
    s += (a[k] + b[k]) * (a[k] + b[k]);
  }
  return sqrt(d) / sqrt(s);
}

/* Builds data for g, checks d loss / d params (and d loss / d x for
 * numeric input when check_dx); returns the parameters' gradient norm. */
static double grad_check(const grad_case *g, int check_dx, const char *what) {
  const rnn_config *c = &g->c;
  size_t P = rnn_n_params(c), I = (size_t)c->n_in, K = (size_t)c->n_out;
  size_t To = c->seq_out ? g->T : 1, nx = I * g->N * g->T, k, j, m;
  size_t ny = (g->loss == RNN_LOSS_SPARSE_CE ? 1 : K) * g->N * To;
  size_t n_check = g->subset > 0 && g->subset < P ? g->subset : P;
  double *p = malloc(P * sizeof(double)), *a = malloc(P * sizeof(double));
  double *num = calloc(P, sizeof(double)), *ak = calloc(P, sizeof(double));
  double *x = malloc(nx * sizeof(double)), *y = malloc(ny * sizeof(double));
  double *dx = malloc(nx * sizeof(double)), *dxn = malloc(nx * sizeof(double));
  double *iw = malloc(rnn_init_workspace(c) * sizeof(double));
  double *w = malloc(rnn_batch_workspace(c, g->N, g->T) * sizeof(double));
  double h = 1e-5, norm = 0, e;
  size_t *idx = malloc(P * sizeof(size_t));
  rnn_rng rng;
  rnn_error err;
  char msg[200];
  rnn_rng_seed(&rng, g->seed);
  check(rnn_init_params(c, RNN_INIT_ORTHOGONAL, p, &rng, iw, &err) == RNN_OK,
        "gradient check: init");
  for (k = 0; k < P; k++) p[k] += g->sd * rnn_rng_normal(&rng);
  for (k = 0; k < nx; k++) {
    if (c->n_vocab > 0) { /* tokens 1..V-1, each sequence's tail padded */
      size_t b = k % g->N, t = k / g->N;
      x[k] = t + b >= g->T ? 0.0
                           : (double)(1 + rnn_rng_below(&rng, (uint64_t)c->n_vocab - 1));
    } else if (c->n_series > 0 && k % I == I - 1) {
      /* issue 16: sample b of series b mod (n_series + 1) - 1, so the
       * last series index is -1 (unseen: the mean embedding) */
      size_t b = (k / I) % g->N;
      x[k] = (double)(b % ((size_t)c->n_series + 1)) - 1.0;
    } else {
      x[k] = rnn_rng_normal(&rng);
    }
  }
  for (k = 0; k < ny; k++)
    y[k] = g->loss == RNN_LOSS_SPARSE_CE ? (double)rnn_rng_below(&rng, K)
           : g->loss == RNN_LOSS_BCE     ? rnn_rng_unif(&rng)
                                         : 0.5 * rnn_rng_normal(&rng);
  for (k = 0; k < P; k++) idx[k] = k;
  for (k = 0; k < n_check; k++) { /* a random subset: partial Fisher-Yates */
    size_t r = k + (size_t)rnn_rng_below(&rng, P - k), tmp = idx[k];
    idx[k] = idx[r];
    idx[r] = tmp;
  }
  grad_loss(g, p, x, y, a, dx, w);
  for (m = 0; m < n_check; m++) {
    double p0, up, dn;
    j = idx[m];
    p0 = p[j];
    p[j] = p0 + h;
    up = grad_loss(g, p, x, y, NULL, NULL, w);
    p[j] = p0 - h;
    dn = grad_loss(g, p, x, y, NULL, NULL, w);
    p[j] = p0;
    num[m] = (up - dn) / (2 * h);
    ak[m] = a[j];
    norm += fabs(a[j]);
  }
  e = rel_err(ak, num, n_check);
  snprintf(msg, sizeof msg, "gradient: %s (rel. error %.2g)", what, e);
  check(e < 1e-6 && norm > 0, msg);
  if (check_dx && c->n_vocab == 0) {
    for (k = 0; k < nx; k++) {
      double x0 = x[k], up, dn;
      if (c->n_series > 0 && k % I == I - 1) { /* the index: none */
        dxn[k] = 0;
        check(dx[k] == 0.0, "input gradient: the series index gets none");
        continue;
      }
      x[k] = x0 + h;
      up = grad_loss(g, p, x, y, NULL, NULL, w);
      x[k] = x0 - h;
      dn = grad_loss(g, p, x, y, NULL, NULL, w);
      x[k] = x0;
      dxn[k] = (up - dn) / (2 * h);
    }
    e = rel_err(dx, dxn, nx);
    snprintf(msg, sizeof msg, "input gradient: %s (rel. error %.2g)", what, e);
    check(e < 1e-6, msg);
  }
  if (c->n_vocab > 0) { /* padding (token 0) gets no gradient */
    rnn_view v;
    int zero = 1;
    rnn_view_bind(c, a, &v);
    for (k = 0; k < (size_t)c->n_embed; k++) zero &= v.E[k] == 0.0;
    check(zero, "gradient: padding's embedding gets none");
  }
  free(p);
  free(a);
  free(num);
  free(ak);
  free(x);
  free(y);
  free(dx);
  free(dxn);
  free(iw);
  free(w);
  free(idx);
  return norm;
}

static grad_case grad_base(int cell, int act, int head, int loss, size_t I,
                           size_t K) {
  grad_case g;
  memset(&g, 0, sizeof g);
  g.c.cell = cell;
  g.c.activation = act;
  g.c.n_in = (int)I;
  g.c.n_layers = 1;
  g.c.n_hidden[0] = 3;
  g.c.n_out = (int)K;
  g.c.head_act = head;
  g.loss = loss;
  g.N = 3;
  g.T = 4;
  g.seed = 1;
  g.sd = 0.3;
  return g;
}

/* ---- sequences of unequal length (issue 18) --------------------------
 * rnn_train_config.len: each batch is cut to its own window (MATLAB's
 * trainNetwork with SequenceLength and SequencePaddingDirection). */
static double *train_padded(const double *x, const double *y, size_t N,
                            size_t T, const double *len, int seq_length,
                            int pad_left, int batch, double *vloss) {
  rnn_config c = lstm_config();
  rnn_train_config t = train_config();
  rnn_rng rng;
  rnn_error err;
  rnn_train_result res;
  rnn_dataset d;
  rnn_history h;
  size_t P;
  double *p, *w, *tw, lh[5], vh[5];
  c.seq_out = 1;
  c.n_in = 1;
  P = rnn_n_params(&c);
  p = malloc(P * sizeof(double));
  w = malloc(rnn_init_workspace(&c) * sizeof(double));
  t.batch_size = batch;
  t.len = len;
  t.val_len = len;
  t.seq_length = seq_length;
  t.pad_left = pad_left;
  tw = malloc(rnn_train_workspace(&c, &t, N, T) * sizeof(double));
  rnn_rng_seed(&rng, 77);
  rnn_init_params(&c, RNN_INIT_ORTHOGONAL, p, &rng, w, &err);
  d.n_samples = N;
  d.n_time = T;
  d.x = x;
  d.src = NULL;
  d.y = y;
  memset(&h, 0, sizeof h);
  h.loss = lh;
  h.val_loss = vh;
  if (rnn_train(&c, &t, p, &d, vloss ? &d : NULL, &rng, NULL, &h, &res, tw,
                &err) != RNN_OK) {
    printf("train_padded: %s\n", err.msg);
    p[0] = NAN;
  }
  if (vloss) *vloss = vh[4];
  free(w);
  free(tw);
  return p;
}

static int same_bits(const double *a, const double *b, size_t n) {
  return memcmp(a, b, n * sizeof(double)) == 0;
}

static void test_padded(void) {
  enum { N = 6, T = 8 };
  static const double len[N] = {5, 8, 3, 8, 6, 4};
  double xr[N * T], yr[N * T], xl[N * T], yl[N * T], seq[N][T + 1];
  double xs[N * 3], ys[N * 3], xe[N * 3], ye[N * 3], full[N], v;
  double *a, *b;
  rnn_config c = lstm_config();
  size_t P, s, t;
  rnn_rng rng;
  c.seq_out = 1;
  c.n_in = 1;
  P = rnn_n_params(&c);
  rnn_rng_seed(&rng, 3);
  for (s = 0; s < N; s++)
    for (t = 0; t <= T; t++) seq[s][t] = rnn_rng_normal(&rng);
  /* x: steps 0..len-1 of a sequence, y: steps 1..len (next value);
   * padding 0 after (xr, yr) or before (xl, yl) the steps */
  for (s = 0; s < N; s++) {
    size_t l = (size_t)len[s];
    for (t = 0; t < T; t++) {
      xr[s + N * t] = t < l ? seq[s][t] : 0.0;
      yr[s + N * t] = t < l ? seq[s][t + 1] : 0.0;
      xl[s + N * t] = t >= T - l ? seq[s][t - (T - l)] : 0.0;
      yl[s + N * t] = t >= T - l ? seq[s][t - (T - l) + 1] : 0.0;
    }
    for (t = 0; t < 3; t++) { /* the first / last 3 steps: the shortest */
      xs[s + N * t] = seq[s][t];
      ys[s + N * t] = seq[s][t + 1];
      xe[s + N * t] = seq[s][l - 3 + t];
      ye[s + N * t] = seq[s][l - 3 + t + 1];
    }
  }
  /* one sequence per batch: its window is the sequence itself, so right
   * and left padding train to the same bits */
  a = train_padded(xr, yr, N, T, len, 0, 0, 1, NULL);
  b = train_padded(xl, yl, N, T, len, 0, 1, 1, NULL);
  check(isfinite(a[0]) && same_bits(a, b, P),
        "padded: batches of one sequence, left and right padding agree bit for bit");
  free(a);
  free(b);
  /* batches of 4: the shorter sequences of a batch read padding, before
   * their steps (left) or after them (right): other weights */
  a = train_padded(xr, yr, N, T, len, 0, 0, 4, NULL);
  b = train_padded(xl, yl, N, T, len, 0, 1, 4, NULL);
  check(isfinite(a[0]) && isfinite(b[0]) && !same_bits(a, b, P),
        "padded: batches of 4, left and right padding differ");
  free(b);
  /* the padded steps' targets have no influence */
  {
    double y2[N * T];
    memcpy(y2, yr, sizeof y2);
    for (s = 0; s < N; s++)
      for (t = (size_t)len[s]; t < T; t++) y2[s + N * t] = 1e3 * (double)(t + 1);
    b = train_padded(xr, y2, N, T, len, 0, 0, 4, NULL);
    check(same_bits(a, b, P), "padded: the targets of padded steps have no influence");
    free(b);
    /* without lengths they do */
    b = train_padded(xr, y2, N, T, NULL, 0, 0, 4, NULL);
    check(!same_bits(a, b, P), "padded: without lengths the padding is fit");
    free(b);
  }
  free(a);
  /* shortest: one batch of all, truncated at the end (right) or the
   * start (left), is training on the first / last 3 steps */
  a = train_padded(xr, yr, N, T, len, -1, 0, N, NULL);
  b = train_padded(xs, ys, N, 3, NULL, 0, 0, N, NULL);
  check(same_bits(a, b, P), "padded: 'shortest' on the right is the first steps, bit for bit");
  free(a);
  free(b);
  a = train_padded(xl, yl, N, T, len, -1, 1, N, NULL);
  b = train_padded(xe, ye, N, 3, NULL, 0, 0, N, NULL);
  check(same_bits(a, b, P), "padded: 'shortest' on the left is the last steps, bit for bit");
  free(a);
  free(b);
  /* full lengths are no lengths, bit for bit */
  for (s = 0; s < N; s++) full[s] = T;
  a = train_padded(xr, yr, N, T, full, 0, 0, 4, NULL);
  b = train_padded(xr, yr, N, T, NULL, 0, 0, 4, NULL);
  check(same_bits(a, b, P), "padded: sequences of full length train as without lengths");
  free(a);
  free(b);
  /* chunks of S >= the longest are the whole window; shorter chunks
   * carry the state and take more optimizer steps */
  a = train_padded(xr, yr, N, T, len, 0, 0, 4, NULL);
  b = train_padded(xr, yr, N, T, len, T, 0, 4, &v);
  check(same_bits(a, b, P) && isfinite(v) && v > 0,
        "padded: chunks of the longest length are the window (validation loss finite)");
  free(b);
  b = train_padded(xr, yr, N, T, len, 3, 0, 4, NULL);
  check(isfinite(b[0]) && !same_bits(a, b, P), "padded: chunks of 3 steps train");
  free(a);
  free(b);
  /* bad lengths and options */
  {
    double bad[N] = {5, 8, 3, 9, 6, 4};
    a = train_padded(xr, yr, N, T, bad, 0, 0, 4, NULL);
    check(isnan(a[0]), "padded: a length above the padded length is refused");
    free(a);
    a = train_padded(xr, yr, N, T, len, -2, 0, 4, NULL);
    check(isnan(a[0]), "padded: seq_length -2 is refused");
    free(a);
  }
}

/* issue 16: a series embedding.  A series not seen in training (index
 * -1) reads the mean of the embeddings: the same output as a model whose
 * column 0 is that mean, read as series 0; an index out of range or not
 * whole is refused; without the option the parameters are unchanged. */
/* rnn_loss_grad()'s dx of a batch of 2 x 3 steps of 2 features: filled
 * with grad (a series index column gets 0, the other features their
 * gradient), and refused without grad, which the backward pass that
 * fills dx needs (it was left unfilled); the loss alone needs neither. */
static void loss_dx_checks(const rnn_config *c, const double *p,
                           const double *x, double *w, const char *what) {
  rnn_error err;
  double y[2] = {0.3, -0.2}, g[200], dx[12], l1 = 0, l2 = 0, nz = 0;
  size_t k;
  int filled = 1;
  for (k = 0; k < 12; k++) dx[k] = NAN;
  check(rnn_loss_grad(c, RNN_LOSS_MSE, p, 2, 3, x, y, &l1, g, dx, NULL, w,
                      &err) == RNN_OK,
        what);
  for (k = 0; k < 12; k++) {
    filled &= dx[k] == dx[k];
    if (k % 2 == 0) nz += fabs(dx[k]);
  }
  check(filled && nz > 0 && (c->n_series == 0 || (dx[1] == 0 && dx[11] == 0)),
        "rnn_loss_grad fills dx with grad (the series index column with 0)");
  memset(&err, 0, sizeof err);
  check(rnn_loss_grad(c, RNN_LOSS_MSE, p, 2, 3, x, y, &l2, NULL, dx, NULL, w,
                      &err) == RNN_ERR_INPUT &&
            strcmp(err.id, "rnnkit:input") == 0 && strstr(err.msg, "grad") != NULL,
        "rnn_loss_grad refuses dx without grad, saying it needs grad");
  check(rnn_loss_grad(c, RNN_LOSS_MSE, p, 2, 3, x, y, &l2, NULL, NULL, NULL, w,
                      &err) == RNN_OK && l1 == l2,
        "rnn_loss_grad: the loss alone, without grad or dx, is the same");
}

static void test_series_embed(void) {
  rnn_config c;
  rnn_rng rng;
  rnn_error err;
  rnn_view v;
  double p[200], q[200], iw[400], w[4000], x[2 * 3 * 2], o1[2], o2[2];
  size_t P, k, t;
  memset(&c, 0, sizeof c);
  c.cell = RNN_CELL_LSTM;
  c.activation = RNN_ACT_TANH;
  c.n_in = 2;
  c.n_layers = 1;
  c.n_hidden[0] = 3;
  c.n_out = 1;
  c.n_series = 3;
  c.series_embed = 2;
  P = rnn_n_params(&c);
  check(P == 6 + 4 * 3 * (1 + 2 + 3 + 1) + 3 + 1, "series embedding: n_params");
  check(P <= 200 && rnn_init_workspace(&c) <= 400 &&
            rnn_batch_workspace(&c, 2, 3) <= 4000,
        "series embedding: test sizes");
  rnn_rng_seed(&rng, 3);
  check(rnn_init_params(&c, RNN_INIT_ORTHOGONAL, p, &rng, iw, &err) == RNN_OK,
        "series embedding: init");
  rnn_view_bind(&c, p, &v);
  check(v.S == p && v.layer[0].n_in == 3, "series embedding: S first, I = 1 + 2");
  for (k = 0; k < 6; k++) p[k] = 0.3 * (double)k - 0.7; /* distinct columns */
  memcpy(q, p, sizeof(double) * P);
  for (k = 0; k < 2; k++) q[k] = (p[k] + p[k + 2] + p[k + 4]) / 3.0;
  for (t = 0; t < 3; t++) /* batch layout: x[i + 2*(b + 2*t)] */
    for (k = 0; k < 2; k++) {
      x[0 + 2 * (k + 2 * t)] = 0.5 * (double)t - (double)k;
      x[1 + 2 * (k + 2 * t)] = k == 0 ? -1.0 : 0.0;
    }
  check(rnn_forward(&c, p, 2, 3, x, o1, w, &err) == RNN_OK,
        "series embedding: forward");
  for (t = 0; t < 3; t++) x[1 + 2 * (0 + 2 * t)] = 0.0;
  check(rnn_forward(&c, q, 2, 3, x, o2, w, &err) == RNN_OK &&
            o1[0] == o2[0] && o1[1] != o2[1],
        "series embedding: an unseen series (-1) reads the mean embedding");
  x[1] = 3.0;
  check(rnn_forward(&c, p, 2, 3, x, o1, w, &err) == RNN_ERR_INPUT &&
            strstr(err.msg, "series index 3") != NULL,
        "series embedding: an index out of range is refused");
  x[1] = 0.5;
  check(rnn_predict(&c, p, 1, 3, x, 1, o1, w, &err) == RNN_ERR_INPUT,
        "series embedding: a fractional index is refused (dataset layout)");
  x[1] = 1.0;
  loss_dx_checks(&c, p, x, w, "series embedding");
  c.series_embed = 0;
  check(rnn_config_check(&c, &err) == RNN_ERR_DIM, "series embedding: width 0");
  c.n_series = 0;
  check(rnn_n_params(&c) == P - 6 - 4 * 3 * 1,
        "series embedding: none without the option");
  loss_dx_checks(&c, p, x, w, "plain input");
}

static void test_gradients(void) {
  static const int heads[] = {RNN_ACT_LINEAR, RNN_ACT_TANH, RNN_ACT_SIGMOID,
                              RNN_ACT_SOFTMAX};
  static const char *hname[] = {"linear", "tanh", "sigmoid", "softmax"};
  static const char *lname[] = {"mse", "mae", "bce", "sparse_ce"};
  static const char *cname[] = {"simple", "lstm", "gru"};
  static const int cells[4][2] = {{RNN_CELL_SIMPLE, RNN_ACT_TANH},
                                  {RNN_CELL_SIMPLE, RNN_ACT_RELU},
                                  {RNN_CELL_LSTM, RNN_ACT_TANH},
                                  {RNN_CELL_GRU, RNN_ACT_TANH}};
  char what[160];
  int ci, hi, li, s;
  /* every cell x head x loss, many-to-one, one layer */
  for (ci = 0; ci < 4; ci++)
    for (hi = 0; hi < 4; hi++)
      for (li = 0; li < 4; li++) {
        grad_case g;
        if (li == RNN_LOSS_BCE && heads[hi] != RNN_ACT_SIGMOID) continue;
        if (li == RNN_LOSS_SPARSE_CE && heads[hi] != RNN_ACT_SOFTMAX) continue;
        g = grad_base(cells[ci][0], cells[ci][1], heads[hi], li, 2,
                      heads[hi] == RNN_ACT_SOFTMAX ? 3 : 2);
        g.seed = (uint64_t)(10 * ci + 4 * hi + li + 1);
        snprintf(what, sizeof what, "%s(%s) head %s loss %s",
                 cname[cells[ci][0]], cells[ci][1] == RNN_ACT_RELU ? "relu" : "tanh",
                 hname[hi], lname[li]);
        grad_check(&g, 0, what);
      }
  /* stacked layers, many-to-one and many-to-many, wide inputs */
  {
    static const struct {
      int cell, n_layers, units[3], head, loss, seq;
      size_t I;
    } sc[] = {
        {RNN_CELL_LSTM, 2, {4, 3, 0}, RNN_ACT_LINEAR, RNN_LOSS_MSE, 0, 2},
        {RNN_CELL_GRU, 3, {3, 4, 2}, RNN_ACT_TANH, RNN_LOSS_MAE, 0, 2},
        {RNN_CELL_SIMPLE, 2, {3, 3, 0}, RNN_ACT_SIGMOID, RNN_LOSS_BCE, 1, 2},
        {RNN_CELL_LSTM, 1, {3, 0, 0}, RNN_ACT_SOFTMAX, RNN_LOSS_SPARSE_CE, 1, 2},
        {RNN_CELL_GRU, 2, {4, 3, 0}, RNN_ACT_LINEAR, RNN_LOSS_MSE, 1, 7},
        {RNN_CELL_LSTM, 1, {5, 0, 0}, RNN_ACT_LINEAR, RNN_LOSS_MSE, 0, 6},
        {RNN_CELL_SIMPLE, 2, {3, 2, 0}, RNN_ACT_TANH, RNN_LOSS_MSE, 1, 3},
        {RNN_CELL_GRU, 1, {3, 0, 0}, RNN_ACT_SOFTMAX, RNN_LOSS_SPARSE_CE, 1, 2}};
    for (s = 0; s < (int)(sizeof sc / sizeof sc[0]); s++) {
      grad_case g = grad_base(sc[s].cell, RNN_ACT_TANH, sc[s].head, sc[s].loss,
                              sc[s].I, sc[s].head == RNN_ACT_SOFTMAX ? 3 : 2);
      int l;
      g.c.n_layers = sc[s].n_layers;
      for (l = 0; l < sc[s].n_layers; l++) g.c.n_hidden[l] = sc[s].units[l];
      g.c.seq_out = sc[s].seq;
      g.N = 2;
      g.T = 5;
      g.seed = (uint64_t)(100 + s);
      snprintf(what, sizeof what, "%s, %d layers, %s, I = %lu, %s",
               cname[sc[s].cell], sc[s].n_layers,
               sc[s].seq ? "many-to-many" : "many-to-one",
               (unsigned long)sc[s].I, lname[sc[s].loss]);
      grad_check(&g, 0, what);
    }
  }
  /* step weights of a many-to-many loss (padded steps, issue 18): the
   * gradient of the weighted loss, and a masked step's target has no
   * influence on the loss or the gradient */
  {
    static const double sw[3 * 5] = {1, 1, 1, 1, 1, 1, 1, 1, 0, 1,
                                     1, 0, 1, 0, 0};
    static const int cl[3] = {RNN_CELL_LSTM, RNN_CELL_GRU, RNN_CELL_SIMPLE};
    static const int ls[3] = {RNN_LOSS_MSE, RNN_LOSS_MSE, RNN_LOSS_MAE};
    for (s = 0; s < 3; s++) {
      grad_case g = grad_base(cl[s], RNN_ACT_TANH, RNN_ACT_LINEAR, ls[s], 2, 2);
      g.c.seq_out = 1;
      g.N = 3;
      g.T = 5;
      g.seed = (uint64_t)(200 + s);
      g.sw = sw;
      snprintf(what, sizeof what, "%s many-to-many, %s, padded steps weighted 0",
               cname[cl[s]], lname[ls[s]]);
      grad_check(&g, 1, what);
    }
    {
      grad_case g = grad_base(RNN_CELL_LSTM, RNN_ACT_TANH, RNN_ACT_LINEAR,
                              RNN_LOSS_MSE, 2, 2);
      size_t P, k, nx = 2 * 3 * 5, ny = 2 * 3 * 5;
      double *p, *w, *x, *y, *iw, *g0, *g1, *dx0, *dx1, l0, l1, l2;
      rnn_rng rng;
      rnn_error err;
      int same = 1;
      g.c.seq_out = 1;
      g.N = 3;
      g.T = 5;
      g.sw = sw;
      P = rnn_n_params(&g.c);
      p = malloc(P * sizeof(double));
      g0 = malloc(P * sizeof(double));
      g1 = malloc(P * sizeof(double));
      dx0 = malloc(nx * sizeof(double));
      dx1 = malloc(nx * sizeof(double));
      iw = malloc(rnn_init_workspace(&g.c) * sizeof(double));
      w = malloc(rnn_batch_workspace(&g.c, g.N, g.T) * sizeof(double));
      x = malloc(nx * sizeof(double));
      y = malloc(ny * sizeof(double));
      rnn_rng_seed(&rng, 9);
      rnn_init_params(&g.c, RNN_INIT_ORTHOGONAL, p, &rng, iw, &err);
      for (k = 0; k < nx; k++) x[k] = rnn_rng_normal(&rng);
      for (k = 0; k < ny; k++) y[k] = rnn_rng_normal(&rng);
      l0 = grad_loss(&g, p, x, y, g0, dx0, w);
      /* batch-target layout y[k + 2*(b + 3*t)]: change every masked step */
      for (k = 0; k < 3 * 5; k++)
        if (sw[k] == 0.0) {
          y[2 * k] += 100.0;
          y[2 * k + 1] -= 7.0;
        }
      l1 = grad_loss(&g, p, x, y, g1, dx1, w);
      for (k = 0; k < P; k++) same &= g0[k] == g1[k];
      for (k = 0; k < nx; k++) same &= dx0[k] == dx1[k];
      check(l0 == l1 && same,
            "padded steps: a masked step's target changes neither the loss "
            "nor the gradients");
      y[0] += 1.0; /* an unmasked step's target does */
      l2 = grad_loss(&g, p, x, y, NULL, NULL, w);
      check(l2 != l1, "padded steps: an unmasked step's target counts");
      g.sw = NULL; /* all weights 1 give the unweighted loss, bit for bit */
      l1 = grad_loss(&g, p, x, y, g1, NULL, w);
      {
        double ones[15];
        for (k = 0; k < 15; k++) ones[k] = 1.0;
        g.sw = ones;
        l2 = grad_loss(&g, p, x, y, g0, NULL, w);
        g.sw = NULL;
      }
      same = 1;
      for (k = 0; k < P; k++) same &= g0[k] == g1[k];
      check(l1 == l2 && same, "padded steps: weights all 1 are no weights, bit for bit");
      {
        double bad[15];
        for (k = 0; k < 15; k++) bad[k] = 1.0;
        bad[3] = 0.5;
        check(rnn_loss_grad_w(&g.c, g.loss, p, g.N, g.T, x, y, bad, &l2, g0,
                              NULL, NULL, w, &err) == RNN_ERR_INPUT &&
                  strstr(err.msg, "must be 0") != NULL,
              "padded steps: a weight other than 0 or 1 is refused");
      }
      free(p);
      free(g0);
      free(g1);
      free(dx0);
      free(dx1);
      free(iw);
      free(w);
      free(x);
      free(y);
    }
  }
  /* dropout between stacked layers, the masks fixed by the seed */
  {
    grad_case g = grad_base(RNN_CELL_LSTM, RNN_ACT_TANH, RNN_ACT_LINEAR,
                            RNN_LOSS_MSE, 2, 1);
    double *p, *w, *x, *y, *iw, l0, l1;
    size_t P, k;
    rnn_rng rng;
    rnn_error err;
    g.c.n_layers = 2;
    g.c.n_hidden[0] = 4;
    g.c.n_hidden[1] = 3;
    g.c.dropout = 0.3;
    g.N = 4;
    g.T = 4;
    g.seed = 11;
    g.drop_seed = 42;
    grad_check(&g, 0, "lstm 4-3 with dropout 0.3 (training pass)");
    /* the masks really apply: the loss differs from the pass without */
    P = rnn_n_params(&g.c);
    p = malloc(P * sizeof(double));
    iw = malloc(rnn_init_workspace(&g.c) * sizeof(double));
    w = malloc(rnn_batch_workspace(&g.c, g.N, g.T) * sizeof(double));
    x = malloc(2 * g.N * g.T * sizeof(double));
    y = malloc(g.N * sizeof(double));
    rnn_rng_seed(&rng, 5);
    rnn_init_params(&g.c, RNN_INIT_ORTHOGONAL, p, &rng, iw, &err);
    for (k = 0; k < 2 * g.N * g.T; k++) x[k] = rnn_rng_normal(&rng);
    for (k = 0; k < g.N; k++) y[k] = rnn_rng_normal(&rng);
    l1 = grad_loss(&g, p, x, y, NULL, NULL, w);
    g.drop_seed = 0;
    l0 = grad_loss(&g, p, x, y, NULL, NULL, w);
    check(l0 != l1, "gradient: dropout applied in the training pass");
    free(p);
    free(iw);
    free(w);
    free(x);
    free(y);
  }
  /* the input gradient */
  {
    grad_case g = grad_base(RNN_CELL_GRU, RNN_ACT_TANH, RNN_ACT_LINEAR,
                            RNN_LOSS_MSE, 3, 1);
    g.c.n_layers = 2;
    g.c.n_hidden[0] = 3;
    g.c.n_hidden[1] = 2;
    g.N = 2;
    g.T = 4;
    g.seed = 2;
    grad_check(&g, 1, "gru 3-2, with the input gradient");
  }
  /* issue 16: the series embedding (S, the lookup and the mean of an
   * unseen series' -1), with the input gradient of the other features */
  {
    static const int cl[3] = {RNN_CELL_LSTM, RNN_CELL_GRU, RNN_CELL_SIMPLE};
    for (s = 0; s < 3; s++) {
      grad_case g = grad_base(cl[s], RNN_ACT_TANH, RNN_ACT_LINEAR,
                              RNN_LOSS_MSE, 3, 2);
      g.c.n_series = 3;
      g.c.series_embed = 2;
      g.c.n_layers = s == 1 ? 2 : 1;
      g.c.n_hidden[1] = 2;
      g.N = 5;
      g.T = 4;
      g.seed = (uint64_t)(200 + s);
      snprintf(what, sizeof what,
               "%s, series embedding 2 x 3 (an unseen series too), with the "
               "input gradient", cname[cl[s]]);
      grad_check(&g, 1, what);
    }
  }
  /* both sides of the small-matrix switch (blas.c): a GRU(64)
   * over 8 sequences of 40 steps (weight gradients through the packed kernel), an
   * LSTM(24) with 10 features (all small); 40 random weights each */
  {
    grad_case g = grad_base(RNN_CELL_GRU, RNN_ACT_TANH, RNN_ACT_LINEAR,
                            RNN_LOSS_MSE, 3, 1);
    g.c.n_hidden[0] = 64;
    g.N = 8;
    g.T = 40;
    g.seed = 4;
    g.subset = 40;
    g.sd = 0.05;
    grad_check(&g, 0, "gru(64), packed side");
    g = grad_base(RNN_CELL_LSTM, RNN_ACT_TANH, RNN_ACT_LINEAR, RNN_LOSS_MSE,
                  10, 1);
    g.c.n_hidden[0] = 24;
    g.N = 8;
    g.T = 40;
    g.seed = 5;
    g.subset = 40;
    g.sd = 0.05;
    grad_check(&g, 0, "lstm(24), small-kernel side");
    /* the packed kernel: an LSTM(64) x 2 over 130 sequences (the step
     * products 256 x 130 x 64 and 64 x 130 x 256 from W_h packed once, the
     * weight gradients, layer 2's input gradient W_x^T dZ), a GRU(64) */
    g = grad_base(RNN_CELL_LSTM, RNN_ACT_TANH, RNN_ACT_LINEAR, RNN_LOSS_MSE,
                  6, 1);
    g.c.n_layers = 2;
    g.c.n_hidden[0] = 64;
    g.c.n_hidden[1] = 64;
    g.N = 130;
    g.T = 3;
    g.seed = 6;
    g.subset = 40;
    g.sd = 0.05;
    grad_check(&g, 0, "lstm(64) x 2, packed kernel");
    g = grad_base(RNN_CELL_GRU, RNN_ACT_TANH, RNN_ACT_LINEAR, RNN_LOSS_MSE, 6,
                  1);
    g.c.n_hidden[0] = 64;
    g.N = 130;
    g.T = 3;
    g.seed = 7;
    g.subset = 40;
    g.sd = 0.05;
    grad_check(&g, 0, "gru(64), packed kernel");
  }
  /* token input: embedding -> cell, padded tails; many-to-one BCE over
   * two layers, many-to-many sparse CE (padded steps left out) */
  for (ci = RNN_CELL_SIMPLE; ci <= RNN_CELL_GRU; ci++) {
    grad_case g = grad_base(ci, RNN_ACT_TANH, RNN_ACT_SIGMOID, RNN_LOSS_BCE, 1,
                            1);
    g.c.n_vocab = 6;
    g.c.n_embed = 3;
    g.c.n_layers = 2;
    g.c.n_hidden[0] = 3;
    g.c.n_hidden[1] = 2;
    g.N = 4;
    g.T = 5;
    g.seed = (uint64_t)(200 + ci);
    snprintf(what, sizeof what, "embedding -> %s, many-to-one bce, padded",
             cname[ci]);
    grad_check(&g, 0, what);
    g = grad_base(ci, RNN_ACT_TANH, RNN_ACT_SOFTMAX, RNN_LOSS_SPARSE_CE, 1, 4);
    g.c.n_vocab = 5;
    g.c.n_embed = 2;
    g.c.n_hidden[0] = 4;
    g.c.seq_out = 1;
    g.N = 3;
    g.T = 6;
    g.seed = (uint64_t)(300 + ci);
    snprintf(what, sizeof what, "embedding -> %s, many-to-many sparse_ce, padded",
             cname[ci]);
    grad_check(&g, 0, what);
  }
}

/* ---- vocabulary, decoding and weight layouts (issue 14) ------------- */

/* rnn_vocab_fit() of the two texts a and b: the entries as
 * "token:count" joined by spaces. */
static void vocab_of(const char *a, const char *b, int level, int lower,
                     size_t num_words, const char *oov, char *out) {
  const char *t[2];
  size_t nb[2], vend[64], k;
  double cnt[64];
  char voc[256];
  unsigned char work[4096];
  rnn_vocab_info in;
  rnn_error err;
  t[0] = a, t[1] = b, nb[0] = strlen(a), nb[1] = strlen(b);
  check(rnn_vocab_fit(2, t, nb, level, lower, "", 0, num_words, oov,
                      oov ? strlen(oov) : 0, NULL, NULL, NULL, NULL, &in,
                      &err) == RNN_OK && in.work_len <= sizeof work &&
            in.voc_len <= sizeof voc && in.n_tokens < 64,
        "rnn_vocab_fit: the query");
  check(rnn_vocab_fit(2, t, nb, level, lower, "", 0, num_words, oov,
                      oov ? strlen(oov) : 0, work, voc, vend, cnt, &in,
                      &err) == RNN_OK,
        "rnn_vocab_fit");
  out[0] = 0;
  for (k = 0; k < in.n_vocab; k++) {
    size_t from = k ? vend[k - 1] : 0;
    sprintf(out + strlen(out), "%s%.*s:%g", k ? " " : "",
            (int)(vend[k] - from), voc + from, cnt[k]);
  }
}

static void test_vocab(void) {
  char out[512], dec[64];
  const char *voc[] = {"the", "cat"};
  size_t vbytes[] = {3, 3}, lens[] = {4, 0, 2}, oend[3];
  double ids[] = {1, 0, 2, 1, 2, 2}, bad[] = {1, 3};
  rnn_error err;
  /* decreasing count, ties by first appearance */
  vocab_of("b a a c", "b d a", RNN_TEXT_WORD, 0, 0, NULL, out);
  check(strcmp(out, "a:3 b:2 c:1 d:1") == 0, "vocab: frequency order");
  vocab_of("b a a c", "b d a", RNN_TEXT_WORD, 0, 2, "<OOV>", out);
  check(strcmp(out, "<OOV>:2 a:3 b:2") == 0, "vocab: num_words and oov");
  vocab_of("zzzzyy", "yxxw", RNN_TEXT_CHAR, 0, 3, NULL, out);
  check(strcmp(out, "x:2 y:3 z:4") == 0, "vocab: characters by code point");
  vocab_of("a \xc3\xa9 ", "\xf0\x9f\x98\x80 a", RNN_TEXT_CHAR, 0, 0, "a", out);
  check(strcmp(out, "a:2  :3 \xc3\xa9:1 \xf0\x9f\x98\x80:1") == 0,
        "vocab: an oov that occurs is left out, UTF-8 by code point");
  /* lower-casing may lengthen UTF-8: U+023A (2 bytes) -> U+2C65 (3) */
  vocab_of("\xc8\xba \xc3\x89T\xc3\x89", "\xc3\xa9t\xc3\xa9", RNN_TEXT_WORD, 1, 0,
           NULL, out);
  check(strcmp(out, "\xc3\xa9t\xc3\xa9:2 \xe2\xb1\xa5:1") == 0,
        "vocab: lower-cased words, longer UTF-8");
  vocab_of("", "", RNN_TEXT_WORD, 0, 0, "<OOV>", out);
  check(out[0] == 0, "vocab: no tokens, no vocabulary");
  /* decode: words joined by one space, padding dropped */
  check(rnn_text_decode(3, lens, ids, RNN_TEXT_WORD, 2, voc, vbytes, NULL, 0,
                        oend, &err) == RNN_OK && oend[2] == 18,
        "decode: the query");
  check(rnn_text_decode(3, lens, ids, RNN_TEXT_WORD, 2, voc, vbytes, dec, 18,
                        oend, &err) == RNN_OK &&
            memcmp(dec, "the cat thecat cat", 18) == 0 && oend[0] == 11 &&
            oend[1] == 11,
        "decode: words");
  check(rnn_text_decode(1, lens, ids, RNN_TEXT_CHAR, 2, voc, vbytes, dec, 14,
                        oend, &err) == RNN_OK && oend[0] == 9 &&
            memcmp(dec, "thecatthe", 9) == 0,
        "decode: characters");
  lens[0] = 2;
  check(rnn_text_decode(1, lens, bad, RNN_TEXT_WORD, 2, voc, vbytes, NULL, 0,
                        oend, &err) == RNN_ERR_INPUT &&
            strstr(err.msg, "sequence 1, position 2 holds 3, outside 0..2"),
        "decode: an id outside the vocabulary is named");
}

static void test_layout(void) {
  rnn_config cfg;
  rnn_error err;
  double k[32] = {0}, rk[2 * 6], b[2 * 6], p[64], k2[48], rk2[12], b2[12],
      wi[18], wh[12], bi[8], bh[8];
  size_t i;
  memset(&cfg, 0, sizeof cfg);
  cfg.cell = RNN_CELL_GRU;
  cfg.activation = RNN_ACT_TANH;
  cfg.n_in = 3;
  cfg.n_layers = 1;
  cfg.n_hidden[0] = 2;
  cfg.n_out = 2;
  cfg.head_act = RNN_ACT_LINEAR;
  for (i = 0; i < 18; i++) k[i] = (double)(i / 3 / 2 + 1); /* block z=1 r=2 h=3 */
  for (i = 0; i < 12; i++) rk[i] = 10.0 * (double)(i / 2 / 2 + 1);
  for (i = 0; i < 12; i++) b[i] = (double)i;
  check(rnn_n_params(&cfg) == 18 + 12 + 12 + 4 + 2, "layout: GRU size");
  check(rnn_params_from_keras(&cfg, k, rk, b, p, &err) == RNN_OK,
        "rnn_params_from_keras");
  /* the core's W_x rows: r (Keras block 2), z (block 1), n (block 3) */
  check(p[0] == 2 && p[1] == 2 && p[2] == 1 && p[3] == 1 && p[4] == 3,
        "layout: Keras' GRU z r h become the core's r z n");
  check(p[18] == 20 && p[20] == 10, "layout: recurrent blocks too");
  /* input bias row 1, recurrent row 2 of Keras' 2 x 3H bias */
  check(p[30] == 4 && p[32] == 0 && p[36] == 5 && p[38] == 1,
        "layout: reset_after biases");
  check(p[42] == 1 && p[43] == 0 && p[44] == 0 && p[45] == 1 && p[46] == 0,
        "layout: identity head");
  check(rnn_params_to_keras(&cfg, p, k2, rk2, b2, &err) == RNN_OK &&
            memcmp(k, k2, 18 * sizeof *k) == 0 && memcmp(rk, rk2, sizeof rk) == 0 &&
            memcmp(b, b2, sizeof b) == 0,
        "layout: Keras round trip is exact");
  check(rnn_params_to_torch(&cfg, p, wi, wh, bi, bh, &err) == RNN_OK &&
            rnn_params_from_torch(&cfg, wi, wh, bi, bh, k2, &err) == RNN_OK &&
            memcmp(p, k2, sizeof(double) * 48) == 0,
        "layout: PyTorch round trip is exact");
  cfg.cell = RNN_CELL_LSTM; /* PyTorch's two biases sum */
  for (i = 0; i < 8; i++) bi[i] = 1, bh[i] = 0.5;
  check(rnn_params_from_torch(&cfg, k, k, bi, bh, p, &err) == RNN_OK &&
            p[24 + 16] == 1.5 && p[24 + 16 + 7] == 1.5,
        "layout: LSTM biases summed");
  cfg.n_out = 3;
  check(rnn_params_from_keras(&cfg, k, rk, b, p, &err) == RNN_ERR_DIM,
        "layout: a head that is not the identity");
}

/* ---- calendar (issue 14, calendar block) ---------------------------- */

static int same_days(const double *a, const double *b, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if (a[k] != b[k]) return 0;
  return 1;
}

/* expected values from R 4.2's seq(as.Date(from), by = unit, length.out =
 * n + 1)[-1] */
static void test_calendar(void) {
  rnn_error err;
  double out[8], work[16];
  int period;
  { /* month ends roll over: 2021-01-31 -> 03-03, 03-31, 05-01, 05-31 */
    const double want[] = {18689, 18717, 18748, 18778};
    check(rnn_date_step(18658, RNN_STEP_MONTH, 4, out, &err) == RNN_OK &&
              same_days(out, want, 4),
          "months from 31 January roll over as R's seq()");
  }
  { /* leap years: 2020-02-29 + 1..4 years = 2021-03-01 .. 2024-02-29 */
    const double want[] = {18687, 19052, 19417, 19782};
    check(rnn_date_step(18321, RNN_STEP_YEAR, 4, out, &err) == RNN_OK &&
              same_days(out, want, 4),
          "years from 29 February");
  }
  { /* quarters from 2019-11-30: 2020-03-01 (Feb 30), 05-30, 08-30 */
    const double want[] = {18322, 18412, 18504};
    check(rnn_date_step(18230, RNN_STEP_QUARTER, 3, out, &err) == RNN_OK &&
              same_days(out, want, 3),
          "quarters");
  }
  { /* before the epoch: 1969-12-31 + 1, 2 months = 1970-01-31, 03-03 */
    const double want[] = {30, 61};
    check(rnn_date_step(-1, RNN_STEP_MONTH, 2, out, &err) == RNN_OK &&
              same_days(out, want, 2),
          "months across the epoch");
  }
  { /* weekdays across weekends: Friday 2021-01-08 -> Mon 11 .. Mon 18 */
    const double want[] = {18638, 18639, 18640, 18641, 18642, 18645};
    check(rnn_date_step(18635, RNN_STEP_WEEKDAY, 6, out, &err) == RNN_OK &&
              same_days(out, want, 6),
          "weekdays skip Saturday and Sunday");
    check(rnn_date_step(18636, RNN_STEP_WEEKDAY, 1, out, &err) == RNN_OK &&
              out[0] == 18638,
          "the weekday after a Saturday is Monday");
  }
  check(rnn_date_step(1.5, RNN_STEP_DAY, 2, out, &err) == RNN_OK &&
            out[0] == 2.5 && out[1] == 3.5,
        "days keep the fraction");
  check(rnn_date_step(NAN, RNN_STEP_DAY, 1, out, &err) == RNN_ERR_INPUT,
        "a missing date is an error");
  check(rnn_date_step(0, 9, 1, out, &err) == RNN_ERR_INPUT &&
            strcmp(err.id, "rnnkit:input") == 0,
        "an unknown unit is an error");
  { /* periods from the median step */
    const double months[] = {18628, 18659, 18687, 18718}; /* 2021-01-01.. */
    const double quarters[] = {18262, 18353, 18444, 18536};
    const double years[] = {17532, 17897, 18262, 18628};
    const double days[] = {18628, 18629, 18630};
    check(rnn_date_period(4, months, work, &period, &err) == RNN_OK &&
              period == RNN_STEP_MONTH, "monthly index");
    check(rnn_date_period(4, quarters, work, &period, &err) == RNN_OK &&
              period == RNN_STEP_QUARTER, "quarterly index");
    check(rnn_date_period(4, years, work, &period, &err) == RNN_OK &&
              period == RNN_STEP_YEAR, "yearly index");
    check(rnn_date_period(3, days, work, &period, &err) == RNN_OK &&
              period == RNN_STEP_DAY, "daily index");
    check(rnn_date_period(1, days, work, &period, &err) == RNN_OK &&
              period == RNN_STEP_NONE, "one date has no period");
  }
  { /* next dates: weekdays after data without weekends (Mon 4 .. Fri 8
       January 2021), every day after data with them (Sat 9), the rounded
       median step (2 and 3 days: 2.5 rounds to 2), and plain steps */
    const double wk[] = {18631, 18632, 18633, 18634, 18635};
    const double all[] = {18634, 18635, 18636};
    const double odd[] = {0, 2, 5};
    const double times[] = {2000, 2000.25, 2000.5};
    const double m[] = {18658, 18687, 18717}; /* 2021-01-31, 03-01, 03-31 */
    check(rnn_next_dates(5, wk, 1, 3, out, work, &err) == RNN_OK &&
              out[0] == 18638 && out[1] == 18639 && out[2] == 18640,
          "trading days after a week");
    check(rnn_next_dates(3, all, 1, 2, out, work, &err) == RNN_OK &&
              out[0] == 18637 && out[1] == 18638,
          "calendar days after data with weekends");
    check(rnn_next_dates(3, odd, 1, 2, out, work, &err) == RNN_OK &&
              out[0] == 7 && out[1] == 9,
          "the median step rounds half to even");
    check(rnn_next_dates(3, times, 0, 2, out, work, &err) == RNN_OK &&
              out[0] == 2000.75 && out[1] == 2001,
          "times step by the median");
    check(rnn_next_dates(3, m, 1, 2, out, work, &err) == RNN_OK &&
              out[0] == 18748 && out[1] == 18778,
          "monthly data step from the last day of the month");
    check(rnn_next_dates(0, m, 1, 2, out, work, &err) == RNN_ERR_INPUT,
          "an empty index is an error");
  }
  { /* matching by month: forecasts dated 2021-04-01, 05-01 against data
       dated at month ends (2021-03-31, 04-30, 05-31) */
    const double hist[] = {18597, 18628, 18659, 18687};
    const double fc[] = {18718, 18748};
    const double idx[] = {18717, 18747, 18778};
    const double daily[] = {18718, 18719};
    double pos[2], w[16];
    check(rnn_match_dates(2, fc, 4, hist, 3, idx, pos, w, &err) == RNN_OK &&
              pos[0] == 2 && pos[1] == 3,
          "monthly forecasts match monthly data by month");
    check(rnn_match_dates(2, fc, 4, hist, 2, daily, pos, w, &err) == RNN_OK &&
              pos[0] == 1 && isnan(pos[1]),
          "monthly forecasts match daily data by day");
  }
}

/* rnn_forecast_series() is rnn_forecast_recursive/_direct, then slicing,
 * unscaling and rnn_quantiles(), to the bit (issue 14, forecast block) */
static void test_forecast_series(void) {
  rnn_config c = lstm_config();
  rnn_forecast_spec s;
  rnn_error err;
  rnn_rng rng;
  enum { W = 4, P = 30, H = 3 };
  double last[W * 2], vals[(W + 2) * 2], sl[W * 2], resid[10 * 6], cen[2] = {10, -3},
      scl[2] = {2, 0.5}, lev[2] = {50, 90}, pr[4];
  double point[H], paths[P * H], lo[H * 2], up[H * 2];
  double rp[6 * H], rpa[P * H * 6], q[4 * H], *prm, *w, *w2;
  size_t k, j, np;
  int ok = 1, direct;
  for (k = 0; k < 2; k++) { /* R's c((1 - level/100)/2, 1 - (1 - level/100)/2) */
    pr[k] = (1 - lev[k] / 100) / 2;
    pr[2 + k] = 1 - (1 - lev[k] / 100) / 2;
  }
  for (direct = 0; direct < 2; direct++) {
    c.n_out = direct ? 6 : 2; /* direct: 2 targets x horizon 3 */
    np = rnn_n_params(&c);
    prm = malloc(np * sizeof(double));
    rnn_rng_seed(&rng, 11);
    for (k = 0; k < np; k++) prm[k] = 0.3 * rnn_rng_normal(&rng);
    for (k = 0; k < W * 2; k++) last[k] = 10 + rnn_rng_normal(&rng);
    for (j = 0; j < 2; j++) { /* values: rows 0, 1 then last, with row 1 and
                                 the window's first row missing */
      vals[(W + 2) * j] = 7;
      vals[1 + (W + 2) * j] = NAN;
      for (k = 0; k < W; k++) vals[2 + k + (W + 2) * j] = last[k + W * j];
      vals[2 + (W + 2) * j] = NAN;
      last[W * j] = 7;
    }
    for (k = 0; k < 60; k++) resid[k] = 0.1 * rnn_rng_normal(&rng);
    memset(&s, 0, sizeof s);
    s.n_rows = W + 2; /* two older rows, the second missing (locf) */
    s.values = vals;
    s.window = W;
    s.locf = 1;
    s.in_center = cen;
    s.in_scale = scl;
    s.direct = direct;
    s.horizon = H;
    s.h = direct ? 2 : H;
    s.target = 1;
    s.inv.center = cen[1];
    s.inv.scale = scl[1];
    s.n_resid = 10;
    s.resid = resid;
    s.n_paths = P;
    s.n_levels = 2;
    s.levels = lev;
    w = malloc(rnn_forecast_series_workspace(&c, &s) * sizeof(double));
    rnn_rng_seed(&rng, 5);
    check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, lo, up, w,
                              &err) == RNN_OK,
          direct ? "direct forecast series" : "recursive forecast series");
    /* the same by hand */
    w2 = malloc(rnn_forecast_workspace(&c, W, H, P) * sizeof(double));
    rnn_scale_apply(W, 2, last, cen, scl, 0, sl);
    rnn_rng_seed(&rng, 5);
    if (direct)
      rnn_forecast_direct(&c, prm, W, sl, 10, resid, P, &rng, rp, rpa, w2, &err);
    else
      rnn_forecast_recursive(&c, prm, W, sl, H, 10, resid, P, &rng, rp, rpa,
                             w2, &err);
    /* issue 15: the paths are centred on the point (their median moved
       to it) and the bands are point + (quantile - median) */
    for (k = 0; k < s.h; k++) {
      size_t col = H * 1 + k; /* target 1: direct H steps per target */
      double v = rp[col] * scl[1] + cen[1], med, half = 0.5;
      ok = ok && point[k] == v;
      for (j = 0; j < P; j++) rpa[j + P * col] = rpa[j + P * col] * scl[1] + cen[1];
      rnn_quantiles(P, 1, rpa + P * col, 1, &half, &med, w2, &err);
      rnn_quantiles(P, 1, rpa + P * col, 4, pr, q, w2, &err);
      for (j = 0; j < P; j++)
        ok = ok && paths[j + P * k] == v + (rpa[j + P * col] - med);
      for (j = 0; j < 2; j++)
        ok = ok && lo[k + s.h * j] == v + fmin(0, q[j] - med) &&
             up[k + s.h * j] == v + fmax(0, q[2 + j] - med) &&
             lo[k + s.h * j] <= point[k] && point[k] <= up[k + s.h * j];
    }
    check(ok, direct ? "direct series = forecast, slice, unscale, centre, quantiles"
                     : "recursive series = forecast, slice, unscale, centre, quantiles");
    s.target = 2;
    check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, lo, up, w,
                              &err) == RNN_ERR_DIM,
          "a target beyond the model's");
    s.target = 1;
    lev[1] = 40;
    check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, lo, up, w,
                              &err) == RNN_ERR_INPUT,
          "levels must increase");
    lev[1] = 90;
    s.locf = 0;
    check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, lo, up, w,
                              &err) == RNN_ERR_INPUT &&
              strstr(err.msg, "the last 4 rows hold a missing value"),
          "a missing value in the window without locf");
    s.locf = 1;
    s.n_rows = W - 1;
    check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, lo, up, w,
                              &err) == RNN_ERR_DIM,
          "fewer rows than the window");
    s.n_rows = W + 2;
    s.inv.transform.kind = 7;
    check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, lo, up, w,
                              &err) == RNN_ERR_INPUT,
          "an unknown target transform");
    free(w);
    free(w2);
    free(prm);
  }
}

/* issue 15, intervals: conformal bands by horizon are the ranked errors
 * of the held-out origins' own forecasts (each = rnn_forecast_series on
 * the rows before it), placed around the point, holding it */
static void test_forecast_conformal(void) {
  rnn_config c = lstm_config();
  rnn_forecast_spec s, s1;
  rnn_error err;
  rnn_rng rng;
  enum { N = 60, W = 5, H = 3, NT = 20 };
  double vals[N], lev[2] = {50, 90}, point[H], lo[H * 2], up[H * 2],
      cnt[H], e[H][N], p1[H], cen = 10, scl = 2, *prm, *w;
  size_t k, j, o, n[H] = {0, 0, 0}, np;
  int ok = 1, rel;
  c.n_in = 1;
  np = rnn_n_params(&c);
  prm = malloc(np * sizeof(double));
  rnn_rng_seed(&rng, 3);
  for (k = 0; k < np; k++) prm[k] = 0.3 * rnn_rng_normal(&rng);
  for (k = 0; k < N; k++) vals[k] = 10 + 0.1 * (double)k + rnn_rng_normal(&rng);
  vals[30] = NAN; /* origins 31..35 are skipped (no locf) */
  for (rel = 0; rel < 2; rel++) {
    memset(&s, 0, sizeof s);
    s.n_rows = N;
    s.values = vals;
    s.window = W;
    s.in_center = &cen;
    s.in_scale = &scl;
    s.h = H;
    s.inv.center = cen;
    s.inv.scale = scl;
    if (rel) {
      s.inv.transform.kind = RNN_TRANSFORM_LOG;
      s.transformed = &ok; /* the feature is the target: read as log */
      cen = 2;
      scl = 0.2;
      s.inv.center = cen;
      s.inv.scale = scl;
    }
    s.inv.history = vals;
    s.inv.n_history = N;
    s.n_levels = 2;
    s.levels = lev;
    s.conformal = 1;
    s.n_trained = NT;
    s.n_calib = cnt;
    w = malloc(rnn_forecast_series_workspace(&c, &s) * sizeof(double));
    check(rnn_forecast_series(&c, prm, &s, &rng, point, NULL, lo, up, w, &err) ==
              RNN_OK, "conformal forecast");
    /* by hand */
    for (k = 0; k < H; k++) n[k] = 0;
    for (o = NT; o < N; o++) {
      s1 = s;
      s1.n_rows = o;
      s1.inv.n_history = o;
      s1.conformal = 0;
      s1.n_levels = 0;
      if (o > 30 && o <= 30 + W) {
        check(rnn_forecast_series(&c, prm, &s1, &rng, p1, NULL, NULL, NULL, w,
                                  &err) == RNN_ERR_INPUT, "a missing value");
        continue;
      }
      rnn_forecast_series(&c, prm, &s1, &rng, p1, NULL, NULL, NULL, w, &err);
      for (k = 0; k < H && o + k < N; k++)
        if (!isnan(vals[o + k]))
          e[k][n[k]++] = rel ? log(vals[o + k]) - log(p1[k]) : vals[o + k] - p1[k];
    }
    for (k = 0; k < H; k++) {
      ok = ok && cnt[k] == (double)n[k];
      qsort(e[k], n[k], sizeof(double), cmp_dbl_test);
      for (j = 0; j < 2; j++) {
        double a = (1 - lev[j] / 100) / 2;
        size_t rlo = (size_t)floor((double)(n[k] + 1) * a + 1e-9),
               rhi = (size_t)ceil((double)(n[k] + 1) * (1 - a) - 1e-9);
        double elo = fmin(0, e[k][rlo - 1]), ehi = fmax(0, e[k][rhi - 1]);
        ok = ok && lo[k + H * j] == (rel ? point[k] * exp(elo) : point[k] + elo) &&
             up[k + H * j] == (rel ? point[k] * exp(ehi) : point[k] + ehi) &&
             lo[k + H * j] <= point[k] && point[k] <= up[k + H * j];
      }
    }
    check(ok && n[0] == 34 && n[2] == 32,
          rel ? "conformal bands (relative, log) = ranked held-out errors"
              : "conformal bands = ranked held-out errors");
    s.n_trained = N;
    check(rnn_forecast_series(&c, prm, &s, &rng, point, NULL, lo, up, w, &err) ==
                  RNN_ERR_DIM &&
              strstr(err.msg, "did not train on"),
          "conformal intervals without held-out rows");
    s.n_trained = NT;
    s.inv.n_history = N - 1;
    check(rnn_forecast_series(&c, prm, &s, &rng, point, NULL, lo, up, w, &err) ==
              RNN_ERR_INPUT, "conformal intervals need the whole history");
    free(w);
  }
  { /* held-out residuals: the paths draw the one-step errors of the
       origins >= n_trained (model units = original ones here) */
    double pool[N], paths[40 * H], paths2[40 * H], nh = -1;
    size_t r = 0;
    cen = 0;
    scl = 1;
    memset(&s, 0, sizeof s);
    s.n_rows = N;
    s.values = vals;
    s.window = W;
    s.in_center = &cen;
    s.in_scale = &scl;
    s.h = H;
    s.inv.center = cen;
    s.inv.scale = scl;
    s.inv.history = vals;
    s.inv.n_history = N;
    s.n_paths = 40;
    s.n_resid = 3;
    s.resid = vals;
    s1 = s;
    s1.h = 1;
    w = malloc(rnn_forecast_series_workspace(&c, &s) * sizeof(double));
    for (o = NT; o < N; o++) {
      s1.n_rows = o;
      s1.inv.n_history = o;
      s1.n_paths = 0;
      if (rnn_forecast_series(&c, prm, &s1, &rng, p1, NULL, NULL, NULL, w, &err) !=
              RNN_OK ||
          isnan(vals[o]))
        continue;
      pool[r++] = vals[o] - p1[0];
    }
    s.heldout_resid = 1;
    s.n_trained = NT;
    s.n_heldout = &nh;
    /* the held-out pool needs more workspace than w was sized for */
    w = realloc(w, rnn_forecast_series_workspace(&c, &s) * sizeof(double));
    rnn_rng_seed(&rng, 9);
    check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, NULL, NULL, w, &err) ==
              RNN_OK && nh == (double)r && r == 34,
          "held-out residuals: 34 origins");
    s.heldout_resid = 0;
    s.n_resid = r;
    s.resid = pool;
    rnn_rng_seed(&rng, 9);
    rnn_forecast_series(&c, prm, &s, &rng, point, paths2, NULL, NULL, w, &err);
    check(memcmp(paths, paths2, sizeof paths) == 0 && nh == 0,
          "held-out residuals: the paths draw the held-out one-step errors");
    s.heldout_resid = 1;
    s.n_trained = N - 10; /* fewer than RNN_MIN_HELDOUT: the given ones */
    s.n_resid = 3;
    s.resid = vals;
    rnn_rng_seed(&rng, 9);
    nh = -1;
    rnn_forecast_series(&c, prm, &s, &rng, point, paths, NULL, NULL, w, &err);
    check(nh == 0, "held-out residuals: none drawn");
    s.heldout_resid = 0;
    rnn_rng_seed(&rng, 9);
    rnn_forecast_series(&c, prm, &s, &rng, point, paths2, NULL, NULL, w, &err);
    check(memcmp(paths, paths2, sizeof paths) == 0 && nh == 0,
          "held-out residuals: too few, the in-sample ones");
    free(w);
  }
  free(prm);
}

/* ==== issue 15: target transforms ==================================== */
static rnn_transform tf_of(int kind, size_t period) {
  rnn_transform t;
  memset(&t, 0, sizeof t);
  t.kind = kind;
  t.period = period;
  return t;
}

static void test_transform(void) {
  const double x[8] = {100, 102, 101, 105, 107, 106, 110, 111};
  double out[8], v[10], d[12 * 2], xw[8 * 3], yw[8], ctr[2], scl[2], work[24];
  double ps[2], pr[2], ac[2], nv[2];
  size_t st[12], first[1], k, m;
  int kind, set[12], feat[1] = {1}, tgt[1] = {1}, ok = 1;
  rnn_transform t;
  rnn_series_spec sp;
  rnn_series_plan_info info;
  rnn_error err;
  /* every transform, then its inverse from the first 3 values, gives the
   * data back (to 1e-12; differences of whole numbers exactly) */
  for (kind = 0; kind < RNN_TRANSFORM_N; kind++) {
    size_t L;
    t = tf_of(kind, 2);
    t.lambda = 0.5; /* Box-Cox: a square root */
    L = rnn_transform_lost(&t);
    check(rnn_transform_apply(&t, 8, x, out, &err) == RNN_OK,
          "transform apply runs");
    m = 3; /* history x[0..2]; steps = rows 3..7 */
    for (k = 0; k < 5; k++) v[k] = out[m - L + k];
    rnn_transform_invert(&t, m, x, 5, 1, v);
    for (k = 0; k < 5; k++) {
      double tol = (kind == RNN_TRANSFORM_LOG || kind == RNN_TRANSFORM_LOGDIFF ||
                    kind == RNN_TRANSFORM_BOXCOX)
                       ? 1e-12 * x[m + k]
                       : 0;
      ok = ok && fabs(v[k] - x[m + k]) <= tol;
    }
  }
  check(ok, "transform then inverse gives the data back");
  /* hand-computed transforms */
  {
    const double sq[5] = {1, 4, 9, 16, 25};
    t = tf_of(RNN_TRANSFORM_DIFF, 0);
    check(rnn_transform_lost(&t) == 1 &&
              rnn_transform_apply(&t, 5, sq, out, &err) == RNN_OK &&
              out[0] == 3 && out[1] == 5 && out[3] == 9,
          "diff of squares: odd numbers");
    t = tf_of(RNN_TRANSFORM_SDIFF, 2);
    check(rnn_transform_lost(&t) == 2 &&
              rnn_transform_apply(&t, 5, sq, out, &err) == RNN_OK &&
              out[0] == 8 && out[1] == 12 && out[2] == 16,
          "sdiff, period 2, of squares");
    t = tf_of(RNN_TRANSFORM_LOG, 0);
    check(rnn_transform_apply(&t, 5, sq, out, &err) == RNN_OK &&
              out[0] == 0 && out[1] == log(4.0),
          "log");
    t = tf_of(RNN_TRANSFORM_LOGDIFF, 0);
    check(rnn_transform_apply(&t, 5, sq, out, &err) == RNN_OK &&
              out[0] == log(4.0) - log(1.0) && out[3] == log(25.0) - log(16.0),
          "logdiff: log returns");
    v[0] = 3;
    v[1] = -2;
    check(rnn_transform_apply(&t, 2, v, out, &err) == RNN_ERR_INPUT &&
              strstr(err.msg, "row 2") != NULL,
          "log of a non-positive value names its row");
    t = tf_of(RNN_TRANSFORM_SDIFF, 0);
    check(rnn_transform_check(&t, &err) == RNN_ERR_INPUT,
          "sdiff needs a period");
    t = tf_of(9, 1);
    check(rnn_transform_check(&t, &err) == RNN_ERR_INPUT,
          "an unknown transform");
    /* Box-Cox: lambda 1 a shift, 0.5 twice a square root less 1, 0 log */
    t = tf_of(RNN_TRANSFORM_BOXCOX, 0);
    t.lambda = 1;
    check(rnn_transform_lost(&t) == 0 &&
              rnn_transform_apply(&t, 5, sq, out, &err) == RNN_OK &&
              out[0] == 0 && out[4] == 24,
          "Box-Cox with lambda 1: x - 1");
    t.lambda = 0.5;
    check(rnn_transform_apply(&t, 5, sq, out, &err) == RNN_OK && out[1] == 2 &&
              out[4] == 8,
          "Box-Cox with lambda 0.5: 2 (sqrt(x) - 1)");
    t.lambda = 0;
    check(rnn_transform_apply(&t, 5, sq, v, &err) == RNN_OK &&
              v[1] == log(4.0) && v[4] == log(25.0),
          "Box-Cox with lambda 0: log");
    t.lambda = 0.5;
    v[0] = 2;
    v[1] = -3; /* 0.5 * -3 + 1 < 0: no power gives it */
    rnn_transform_invert(&t, 0, NULL, 2, 1, v);
    check(v[0] == 4 && isnan(v[1]), "Box-Cox inverse, NaN outside its range");
    t.lambda = NAN;
    check(rnn_transform_check(&t, &err) == RNN_ERR_INPUT,
          "Box-Cox needs a finite lambda");
  }
  /* inverses of multi-step outputs, by hand */
  {
    const double h1[2] = {10, 12}, h2[4] = {1, 2, 3, 4};
    t = tf_of(RNN_TRANSFORM_DIFF, 0);
    v[0] = 1, v[1] = 2, v[2] = -1;
    rnn_transform_invert(&t, 2, h1, 3, 1, v);
    check(v[0] == 13 && v[1] == 15 && v[2] == 14,
          "diff inverse: cumulative sums from the last level");
    t = tf_of(RNN_TRANSFORM_LOGDIFF, 0);
    v[0] = log(1.1), v[1] = log(1.1);
    rnn_transform_invert(&t, 2, h1, 2, 1, v);
    check(fabs(v[0] - 13.2) < 1e-12 && fabs(v[1] - 14.52) < 1e-12,
          "logdiff inverse: the last level times exp of cumulative sums");
    t = tf_of(RNN_TRANSFORM_SDIFF, 2);
    for (k = 0; k < 5; k++) v[2 * k] = 10.0 * (double)(k + 1); /* stride 2 */
    rnn_transform_invert(&t, 4, h2, 5, 2, v);
    check(v[0] == 13 && v[2] == 24 && v[4] == 43 && v[6] == 64 && v[8] == 93,
          "sdiff inverse with h > period: later seasons from the forecast");
    v[0] = 1;
    rnn_transform_invert(&t, 1, h2, 1, 1, v);
    check(isnan(v[0]), "sdiff inverse without a full season of history: NaN");
  }
  /* the plan on diff windows: 12 rows, the target (squares) is also the
   * feature; transformed rows 1..11 hold 2r - 1, row 0 is lost */
  for (k = 0; k < 12; k++) {
    d[k] = (double)k;
    d[12 + k] = (double)(k * k);
  }
  memset(&sp, 0, sizeof sp);
  sp.n_rows = 12;
  sp.n_cols = 2;
  sp.n_feat = sp.n_tgt = 1;
  sp.feat = feat;
  sp.tgt = tgt;
  sp.window = 3;
  sp.horizon = 1;
  sp.stride = 1;
  sp.split_row = 12;
  sp.scale_method = RNN_SCALE_NONE;
  sp.transform = tf_of(RNN_TRANSFORM_DIFF, 0);
  check(rnn_series_workspace(&sp) == 24, "a transformed series' workspace");
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) ==
            RNN_ERR_INPUT,
        "a transformed plan without work is refused");
  sp.work = work;
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) == RNN_OK &&
            info.n_windows == 8 && st[0] == 1 && st[7] == 8,
        "diff plan: the lost row starts no window");
  check(rnn_series_windows(&sp, d, st, 8, ctr, scl, xw, yw, &err) == RNN_OK &&
            xw[0] == 1 && xw[8] == 3 && xw[16] == 5 && yw[0] == 7 &&
            yw[7] == 21,
        "diff windows: the target and the feature it is read as, differenced");
  sp.scale_method = RNN_SCALE_MINMAX;
  sp.n_test = 2;
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) == RNN_OK &&
            info.split_row == 10 && ctr[1] == 1 && scl[1] == 16,
        "diff plan: min-max of the differences on training rows 1..9");
  /* evaluation of a direct horizon-2 model on diff windows, by hand:
   * predicted changes 9 and 11 from row 4 (16) are 25 and 36 */
  sp.n_test = 0;
  first[0] = 5;
  ps[0] = 9;
  ps[1] = 11;
  ctr[1] = 0;
  scl[1] = 1;
  t = tf_of(RNN_TRANSFORM_DIFF, 0);
  check(rnn_series_evaluate(12, 2, d, 1, tgt, 2, 1, first, ps, ctr, scl, &t,
                            1, pr, ac, nv, &err) == RNN_OK &&
            pr[0] == 25 && pr[1] == 36 && ac[0] == 25 && nv[1] == 16,
        "diff evaluation: direct steps integrated, naive in levels");
  d[12] = 1; /* squares from 1; row 4 holds 0 */
  d[12 + 3] = 0;
  sp.transform = tf_of(RNN_TRANSFORM_LOG, 0);
  check(rnn_series_plan(&sp, d, st, set, ctr, scl, &info, &err) ==
            RNN_ERR_INPUT &&
            strstr(err.msg, "column 2, row 4") != NULL,
        "log of a non-positive value names the column and the row");
}

/* Forecasts on a transformed target, by hand: a network with all weights
 * zero outputs 0 on the model's scale, center c in transformed units. */
/* The summary of a panel's per-series lambdas both hosts print: the
 * smallest, the median (the mean of the two middle values for an even
 * count) and the largest, NaN left out. */
static void test_lambda_summary(void) {
  const double odd[5] = {0.9, -0.12, 1.3, 0.4, 0.1};
  const double even[4] = {0.9, 0.1, 0.5, 0.2};
  const double gap[5] = {3, NAN, -1, 2, NAN}, none[2] = {NAN, NAN};
  double out[3], work[5];
  rnn_error err;
  check(rnn_lambda_summary(5, odd, out, work, &err) == RNN_OK && out[0] == -0.12 &&
            out[1] == 0.4 && out[2] == 1.3,
        "lambda summary of an odd count: min, middle value, max");
  check(rnn_lambda_summary(4, even, out, work, &err) == RNN_OK && out[0] == 0.1 &&
            out[1] == (0.2 + 0.5) / 2 && out[2] == 0.9,
        "lambda summary of an even count: the mean of the middle two");
  check(rnn_lambda_summary(5, gap, out, work, &err) == RNN_OK && out[0] == -1 &&
            out[1] == 2 && out[2] == 3,
        "lambda summary leaves NaN out");
  check(rnn_lambda_summary(2, none, out, work, &err) == RNN_OK && isnan(out[0]) &&
            isnan(out[1]) && isnan(out[2]),
        "lambda summary of no lambda is NaN");
  check(rnn_lambda_summary(0, NULL, out, NULL, &err) == RNN_OK && isnan(out[1]),
        "lambda summary of none given is NaN");
  check(rnn_lambda_summary(2, even, NULL, work, &err) == RNN_ERR_INPUT,
        "lambda summary without out is an input error");
}

static void test_transform_forecast(void) {
  rnn_config c = lstm_config();
  rnn_forecast_spec s;
  rnn_error err;
  rnn_rng rng;
  double vals[8], cen = 2, scl = 1, resid[3] = {0.5, 0.5, 0.5}, point[5],
         paths[4 * 5], *prm, *w;
  int flag = 1;
  size_t k, np;
  c.n_in = 1;
  c.n_out = 1;
  np = rnn_n_params(&c);
  prm = calloc(np, sizeof(double));
  for (k = 0; k < 8; k++) vals[k] = (double)(k + 3); /* 3 .. 10 */
  memset(&s, 0, sizeof s);
  s.n_rows = 8;
  s.values = vals;
  s.window = 4;
  s.in_center = &cen;
  s.in_scale = &scl;
  s.horizon = 1;
  s.h = 5;
  s.inv.center = cen;
  s.inv.scale = scl;
  s.inv.transform = tf_of(RNN_TRANSFORM_DIFF, 0);
  s.inv.history = vals;
  s.inv.n_history = 8;
  s.transformed = &flag;
  s.n_resid = 3;
  s.resid = resid;
  s.n_paths = 4;
  w = malloc(rnn_forecast_series_workspace(&c, &s) * sizeof(double));
  rnn_rng_seed(&rng, 1);
  check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, NULL, NULL, w,
                            &err) == RNN_OK &&
            point[0] == 12 && point[4] == 20 && paths[0] == 12 &&
            paths[3 + 4 * 4] == 20,
        "recursive diff forecast integrates the predicted changes (the "
        "paths, 12.5 .. 22.5 before centring, centred on the point)");
  s.inv.transform = tf_of(RNN_TRANSFORM_SDIFF, 2);
  cen = s.inv.center = 1;
  free(w); /* the window reads period rows more */
  w = malloc(rnn_forecast_series_workspace(&c, &s) * sizeof(double));
  check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, NULL, NULL, w,
                            &err) == RNN_OK &&
            point[0] == 10 && point[1] == 11 && point[2] == 11 &&
            point[3] == 12 && point[4] == 12,
        "sdiff forecast with h > period adds the forecast one period back");
  vals[5] = -1;
  s.inv.transform = tf_of(RNN_TRANSFORM_LOGDIFF, 0);
  check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, NULL, NULL, w,
                            &err) == RNN_ERR_INPUT,
        "a log transform of a non-positive window value is refused");
  s.n_rows = 4;
  vals[5] = 8;
  s.inv.transform = tf_of(RNN_TRANSFORM_DIFF, 0);
  check(rnn_forecast_series(&c, prm, &s, &rng, point, paths, NULL, NULL, w,
                            &err) == RNN_ERR_DIM,
        "a transformed window needs the rows its transform loses");
  free(w);
  free(prm);
}
/* Combined transforms (issue 15): a power step, then differences. */
static void test_transform_combo(void) {
  const double x[14] = {112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126};
  const double sq[6] = {1, 4, 9, 16, 25, 36};
  double out[14], v[14];
  int codes[4], c, ok = 1;
  size_t k, m = 9, L;
  rnn_transform t, u;
  rnn_error err;
  /* compose: log then diff is logdiff, bit for bit */
  codes[0] = RNN_TRANSFORM_LOG;
  codes[1] = RNN_TRANSFORM_DIFF;
  check(rnn_transform_compose(2, codes, 0, 0, &t, &err) == RNN_OK &&
            t.kind == RNN_TRANSFORM_LOGDIFF && t.then[0] == 0,
        "compose: log, diff is logdiff");
  codes[1] = RNN_TRANSFORM_SDIFF;
  check(rnn_transform_compose(2, codes, 3, 0, &t, &err) == RNN_OK &&
            t.kind == RNN_TRANSFORM_LOG && t.then[0] == RNN_TRANSFORM_SDIFF &&
            rnn_transform_lost(&t) == 3,
        "compose: log, sdiff");
  codes[0] = RNN_TRANSFORM_SDIFF;
  codes[1] = RNN_TRANSFORM_LOG;
  check(rnn_transform_compose(2, codes, 3, 0, &t, &err) == RNN_ERR_INPUT &&
            strstr(err.msg, "comes first") != NULL,
        "compose: a log after a difference is refused");
  codes[0] = RNN_TRANSFORM_LOG;
  codes[1] = RNN_TRANSFORM_BOXCOX;
  check(rnn_transform_compose(2, codes, 0, 1, &t, &err) == RNN_ERR_INPUT &&
            strstr(err.msg, "one power step") != NULL,
        "compose: two power steps are refused");
  codes[1] = RNN_TRANSFORM_LOGDIFF;
  check(rnn_transform_compose(2, codes, 0, 1, &t, &err) == RNN_ERR_INPUT,
        "compose: log and logdiff are two power steps");
  codes[0] = RNN_TRANSFORM_NONE;
  codes[1] = RNN_TRANSFORM_DIFF;
  check(rnn_transform_compose(2, codes, 0, 0, &t, &err) == RNN_ERR_INPUT,
        "compose: none is not a step");
  codes[0] = RNN_TRANSFORM_DIFF;
  codes[1] = RNN_TRANSFORM_SDIFF;
  check(rnn_transform_compose(2, codes, 0, 0, &t, &err) == RNN_ERR_INPUT,
        "compose: sdiff needs a period");
  codes[0] = RNN_TRANSFORM_BOXCOX;
  codes[1] = codes[2] = codes[3] = RNN_TRANSFORM_DIFF;
  check(rnn_transform_compose(4, codes, 0, 0.5, &t, &err) == RNN_ERR_INPUT,
        "compose: at most two differences after the first step");
  t = tf_of(RNN_TRANSFORM_LOG, 0);
  t.then[1] = RNN_TRANSFORM_DIFF;
  check(rnn_transform_check(&t, &err) == RNN_ERR_INPUT,
        "check: no gap in the difference steps");
  /* diff then sdiff (period 2) of squares: 2r - 1 differenced 2 back is 4 */
  codes[0] = RNN_TRANSFORM_DIFF;
  codes[1] = RNN_TRANSFORM_SDIFF;
  check(rnn_transform_compose(2, codes, 2, 0, &t, &err) == RNN_OK &&
            rnn_transform_lost(&t) == 3 &&
            rnn_transform_apply(&t, 6, sq, out, &err) == RNN_OK &&
            out[0] == 4 && out[1] == 4 && out[2] == 4,
        "diff, sdiff of squares");
  /* apply then invert is the identity, to 1e-12, for every combination of
   * a first step and one or two differences (period 3), from a history
   * of m values, 5 steps ahead (longer than the period) */
  for (c = 0; c < RNN_TRANSFORM_N * 9; c++) {
    int i, n_then = c / RNN_TRANSFORM_N >= 3 ? 2 : c / RNN_TRANSFORM_N > 0;
    int pick = c / RNN_TRANSFORM_N;
    t = tf_of(c % RNN_TRANSFORM_N, 3);
    t.lambda = 0.3;
    if (t.kind == RNN_TRANSFORM_NONE) continue;
    for (i = 0; i < n_then; i++)
      t.then[i] = (pick >> i) & 1 ? RNN_TRANSFORM_SDIFF : RNN_TRANSFORM_DIFF;
    if (rnn_transform_check(&t, &err) != RNN_OK) continue;
    L = rnn_transform_lost(&t);
    ok = ok && rnn_transform_apply(&t, 14, x, out, &err) == RNN_OK;
    for (k = 0; k < 14 - m; k++) v[k] = out[m - L + k];
    rnn_transform_invert(&t, m, x, 14 - m, 1, v);
    for (k = 0; k < 14 - m; k++) ok = ok && fabs(v[k] - x[m + k]) <= 1e-12 * x[m + k];
  }
  check(ok, "every combination, then its inverse, gives the data back");
  /* the inverse from a short history is NaN, and paths (stride 2) */
  t = tf_of(RNN_TRANSFORM_LOG, 3);
  t.then[0] = RNN_TRANSFORM_SDIFF;
  u = t;
  v[0] = 1;
  rnn_transform_invert(&t, 2, x, 1, 1, v);
  check(isnan(v[0]), "combination inverse without a full season: NaN");
  for (k = 0; k < 14; k++) out[k] = -7;
  t.then[1] = RNN_TRANSFORM_DIFF; /* log, sdiff, diff: loses 4 rows */
  check(rnn_transform_apply(&t, 14, x, out, &err) == RNN_OK &&
            out[9] != -7 && out[10] == -7 && out[13] == -7,
        "a combination writes exactly n - L values");
  t.then[1] = RNN_TRANSFORM_NONE;
  rnn_transform_apply(&u, 14, x, out, &err);
  for (k = 0; k < 7; k++) v[2 * k] = v[2 * k + 1] = out[4 + k];
  rnn_transform_invert(&u, 7, x, 7, 2, v);
  rnn_transform_invert(&u, 7, x, 7, 2, v + 1);
  for (k = 0, ok = 1; k < 7; k++)
    ok = ok && v[2 * k] == v[2 * k + 1] && fabs(v[2 * k] - x[7 + k]) <= 1e-12 * x[7 + k];
  check(ok, "log, sdiff inverse along strided paths");
}
/* ==== end of issue 15 block ========================================== */

/* ---- ensembles (issue 15) ------------------------------------------- */
static void test_ensemble(void) {
  rnn_config c = lstm_config();
  rnn_train_config t = train_config();
  rnn_error err;
  rnn_rng rng;
  rnn_dataset d;
  rnn_history h;
  rnn_train_result res[3], r1;
  enum { N = 16, T = 5, K = 3, E = 5 };
  double x[N * T * 2], y[N], hist[E * K], hist2[E * K], hist1[E], out[N],
      one[N], sum[N];
  double *pe, *pe2, *p1, *work, *pw;
  size_t P = rnn_n_params(&c), k, j, n_done;
  uint64_t seed = 77;
  int ok;
  rnn_rng_seed(&rng, 5);
  for (k = 0; k < N * T * 2; k++) x[k] = rnn_rng_normal(&rng);
  for (k = 0; k < N; k++) y[k] = 0.5 * (x[k + N * (T - 1)] + x[k + N * (2 * T - 1)]);
  d.n_samples = N;
  d.n_time = T;
  d.x = x;
  d.src = NULL;
  d.y = y;
  memset(&h, 0, sizeof h);
  check(rnn_member_seed(seed, 0) == seed, "member 1 uses the seed itself");
  ok = 1;
  for (j = 1; j < 50; j++) ok &= rnn_member_seed(seed, j) < ((uint64_t)1 << 53);
  check(ok && rnn_member_seed(seed, 1) != rnn_member_seed(seed, 2),
        "member seeds differ and fit in a double");
  check(rnn_train_seed(((uint64_t)7 << 32) | 0xffffffffULL) == ((uint64_t)7 << 32),
        "the training seed wraps the low half");
  pe = malloc(P * K * sizeof(double));
  pe2 = malloc(P * K * sizeof(double));
  p1 = malloc(P * sizeof(double));
  work = malloc(rnn_ensemble_workspace(&c, &t, N, T) * sizeof(double));
  /* an ensemble of one is the single fit: init from the seed, train from
   * rnn_train_seed(seed) */
  rnn_rng_seed(&rng, seed);
  rnn_init_params(&c, RNN_INIT_ORTHOGONAL, p1, &rng, work, &err);
  rnn_rng_seed(&rng, rnn_train_seed(seed));
  h.loss = hist1;
  check(rnn_train(&c, &t, p1, &d, NULL, &rng, NULL, &h, &r1, work, &err) == RNN_OK,
        "single fit");
  h.loss = hist;
  check(rnn_ensemble_train(&c, RNN_INIT_ORTHOGONAL, &t, 1, seed, pe, &d, NULL,
                           NULL, &h, res, &n_done, work, &err) == RNN_OK &&
            n_done == 1,
        "ensemble of one trains");
  check(memcmp(pe, p1, P * sizeof(double)) == 0 &&
            memcmp(hist, hist1, sizeof hist1) == 0,
        "an ensemble of one equals a single fit, bit for bit");
  /* three members, one thread and two: the same bits */
  t.n_threads = 1;
  check(rnn_ensemble_train(&c, RNN_INIT_ORTHOGONAL, &t, K, seed, pe, &d, NULL,
                           NULL, &h, res, &n_done, work, &err) == RNN_OK &&
            n_done == K,
        "ensemble of three trains");
  t.n_threads = 2;
  h.loss = hist2;
  rnn_ensemble_train(&c, RNN_INIT_ORTHOGONAL, &t, K, seed, pe2, &d, NULL, NULL,
                     &h, res, &n_done, work, &err);
  check(memcmp(pe, pe2, P * K * sizeof(double)) == 0 &&
            memcmp(hist, hist2, sizeof hist) == 0,
        "an ensemble trains to the same bits on 1 and 2 threads");
  check(memcmp(pe, p1, P * sizeof(double)) == 0, "member 1 is the single fit");
  /* member j is the single fit from its seed */
  h.loss = hist1;
  rnn_ensemble_train(&c, RNN_INIT_ORTHOGONAL, &t, 1, rnn_member_seed(seed, 2),
                     p1, &d, NULL, NULL, &h, res, &n_done, work, &err);
  check(memcmp(pe + 2 * P, p1, P * sizeof(double)) == 0 &&
            memcmp(hist + 2 * E, hist1, sizeof hist1) == 0,
        "member 3 is the single fit from its member seed");
  check(memcmp(pe + P, pe + 2 * P, P * sizeof(double)) != 0,
        "members differ");
  check(rnn_ensemble_train(&c, RNN_INIT_ORTHOGONAL, &t, 0, seed, pe, &d, NULL,
                           NULL, &h, res, &n_done, work, &err) == RNN_ERR_INPUT,
        "an ensemble of none is an error");
  /* the prediction is the members' mean, summed in member order */
  pw = malloc(rnn_ensemble_predict_workspace(&c, 8, N, T) * sizeof(double));
  for (j = 0; j < K; j++) {
    rnn_predict(&c, pe + P * j, N, T, x, 8, one, pw, &err);
    for (k = 0; k < N; k++) sum[k] = j == 0 ? one[k] : sum[k] + one[k];
  }
  for (k = 0; k < N; k++) sum[k] /= K;
  check(rnn_ensemble_predict(&c, pe, K, N, T, x, 8, out, pw, &err) == RNN_OK &&
            memcmp(out, sum, sizeof sum) == 0,
        "an ensemble predicts the members' mean exactly");
  rnn_predict(&c, pe, N, T, x, 8, one, pw, &err);
  rnn_ensemble_predict(&c, pe, 1, N, T, x, 8, out, pw, &err);
  check(memcmp(out, one, sizeof one) == 0, "an ensemble of one predicts as its member");
  free(pw);
  { /* forecasts: direct points are the members' mean; a recursive
       ensemble of one forecasts as the single model; paths are
       reproducible and each path of a direct forecast is one member's
       output plus a residual row */
    rnn_config cr = c;
    double last[4 * 2], resid[6 * 2], pt[3 * 2], pt1[3 * 2], pa[20 * 3 * 2],
        pa2[20 * 3 * 2], mp[K * 2], dp[2];
    double *fw;
    size_t np, r;
    cr.n_out = 2;
    np = rnn_n_params(&cr);
    free(pe2);
    pe2 = malloc(np * K * sizeof(double));
    rnn_rng_seed(&rng, 9);
    for (k = 0; k < np * K; k++) pe2[k] = 0.3 * rnn_rng_normal(&rng);
    for (k = 0; k < 8; k++) last[k] = rnn_rng_normal(&rng);
    for (k = 0; k < 12; k++) resid[k] = 0.1 * rnn_rng_normal(&rng);
    fw = malloc(rnn_ensemble_forecast_workspace(&cr, 4, 3, 20, K) * sizeof(double));
    rnn_forecast_recursive(&cr, pe2, 4, last, 3, 6, resid, 0, NULL, pt1, NULL, fw, &err);
    check(rnn_ensemble_forecast(&cr, pe2, 1, 0, 4, last, 3, 6, resid, 0, NULL,
                                pt, NULL, fw, &err) == RNN_OK &&
              memcmp(pt, pt1, sizeof pt) == 0,
          "a recursive ensemble of one forecasts as the single model");
    rnn_rng_seed(&rng, 1);
    check(rnn_ensemble_forecast(&cr, pe2, K, 0, 4, last, 3, 6, resid, 20, &rng,
                                pt, pa, fw, &err) == RNN_OK,
          "a recursive ensemble forecast runs");
    rnn_rng_seed(&rng, 1);
    rnn_ensemble_forecast(&cr, pe2, K, 0, 4, last, 3, 6, resid, 20, &rng, pt1,
                          pa2, fw, &err);
    check(memcmp(pt, pt1, sizeof pt) == 0 && memcmp(pa, pa2, sizeof pa) == 0,
          "ensemble paths: same seed, same bits");
    /* step 1 of the point: the members' mean one-step forecast */
    for (j = 0; j < K; j++)
      rnn_forecast_recursive(&cr, pe2 + np * j, 4, last, 1, 0, NULL, 0, NULL,
                             mp + 2 * j, NULL, fw, &err);
    check(pt[0] == (mp[0] + mp[2] + mp[4]) / K && pt[3] == (mp[1] + mp[3] + mp[5]) / K,
          "a recursive ensemble's first step is the members' mean");
    /* direct: members' outputs, mean, and paths = member + residual */
    for (j = 0; j < K; j++)
      rnn_forecast_direct(&cr, pe2 + np * j, 4, last, 0, NULL, 0, NULL,
                          mp + 2 * j, NULL, fw, &err);
    rnn_rng_seed(&rng, 2);
    check(rnn_ensemble_forecast(&cr, pe2, K, 1, 4, last, 0, 6, resid, 20, &rng,
                                dp, pa, fw, &err) == RNN_OK &&
              dp[0] == (mp[0] + mp[2] + mp[4]) / K,
          "a direct ensemble forecasts the members' mean");
    rnn_rng_seed(&rng, 2);
    ok = 1;
    for (k = 0; k < 20; k++) {
      size_t m = (size_t)rnn_rng_below(&rng, K);
      r = (size_t)rnn_rng_below(&rng, 6);
      for (j = 0; j < 2; j++)
        ok &= pa[k + 20 * j] == mp[j + 2 * m] + resid[r + 6 * j];
    }
    check(ok, "a direct ensemble's path draws a member, then a residual row");
    free(fw);
  }
  free(pe);
  free(pe2);
  free(p1);
  free(work);
}
/* ---- end ensembles ---- */

/* issue 15 covariates: calendar features, and a recursive forecast whose
 * covariate inputs come from a given future */
static void test_covariates(void) {
  rnn_config c = lstm_config();
  rnn_error err;
  rnn_rng rng;
  enum { W = 4, H = 5, I = 3, NP = 7 };
  const double two_pi = 6.283185307179586476925286766559;
  int kinds[3] = {RNN_CAL_WDAY, RNN_CAL_MONTH, RNN_CAL_QUARTER}, from[I] = {0, -1, -1};
  int bad_kind = 9, bad_from[I] = {1, -1, -1};
  double days[2] = {10957.0, -1.0}, cal[12]; /* 2000-01-01, a Saturday; 1969-12-31 */
  double last[W * I], fut[H * I], pt[H], pt1[1], cur[W * I], pa[NP * H], pa2[NP * H];
  double resid[6], *prm, *work, *ew;
  rnn_covariates cov;
  size_t P, k, t, j;
  int ok;
  check(rnn_calendar_features(2, days, 3, kinds, cal, &err) == RNN_OK &&
            cal[0] == sin(two_pi * 6.0 / 7.0) && cal[2] == cos(two_pi * 6.0 / 7.0) &&
            cal[1] == sin(two_pi * 3.0 / 7.0) && cal[4] == 0.0 && cal[6] == 1.0 &&
            cal[5] == sin(two_pi * 11.0 / 12.0) && cal[9] == sin(two_pi * 3.0 / 4.0),
        "calendar features: $wday, $mon and the quarter as sin/cos of the cycle");
  check(rnn_calendar_features(1, days, 1, &bad_kind, cal, &err) == RNN_ERR_INPUT,
        "an unknown calendar feature is refused");
  check(rnn_calendar_auto(RNN_STEP_WEEKDAY) == RNN_CAL_WDAY &&
            rnn_calendar_auto(RNN_STEP_MONTH) == RNN_CAL_MONTH &&
            rnn_calendar_auto(RNN_STEP_QUARTER) == RNN_CAL_QUARTER &&
            rnn_calendar_auto(RNN_STEP_YEAR) == -1,
        "auto calendar features follow the period of the dates");
  c.n_in = I;
  P = rnn_n_params(&c);
  prm = malloc(P * sizeof(double));
  work = malloc(rnn_forecast_workspace(&c, W, H, NP) * sizeof(double));
  ew = malloc(rnn_ensemble_forecast_workspace(&c, W, H, NP, 1) * sizeof(double));
  rnn_rng_seed(&rng, 21);
  for (k = 0; k < P; k++) prm[k] = 0.4 * rnn_rng_normal(&rng);
  for (k = 0; k < W * I; k++) last[k] = rnn_rng_normal(&rng);
  for (k = 0; k < H * I; k++) fut[k] = rnn_rng_normal(&rng);
  for (k = 0; k < 6; k++) resid[k] = 0.1 * rnn_rng_normal(&rng);
  cov.from = from;
  cov.future = fut;
  cov.innov = NULL;
  check(rnn_forecast_recursive(&c, prm, W, last, H, 0, NULL, 0, NULL, pt, NULL,
                               work, &err) == RNN_ERR_INPUT,
        "without covariates a model must predict all its inputs");
  check(rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 6, resid, NP, &rng,
                                   pt, pa, work, &err) == RNN_OK,
        "a recursive forecast with covariates runs");
  /* by hand: one step at a time, the prediction and the known future row
   * appended */
  memcpy(cur, last, sizeof cur);
  ok = 1;
  for (k = 0; k < H; k++) {
    rnn_forecast_recursive_cov(&c, prm, W, cur, 1, &cov, 0, NULL, 0, NULL, pt1,
                               NULL, work, &err);
    ok &= pt1[0] == pt[k];
    for (j = 0; j < I; j++) {
      for (t = 0; t + 1 < W; t++) cur[t + W * j] = cur[t + 1 + W * j];
      cur[W - 1 + W * j] = j == 0 ? pt1[0] : fut[k + H * j];
    }
  }
  check(ok, "covariate forecast = one step at a time with the future fed in");
  rnn_rng_seed(&rng, 3);
  rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 6, resid, NP, &rng, pt,
                             pa, work, &err);
  rnn_rng_seed(&rng, 3);
  {
    double ept[H];
    check(rnn_ensemble_forecast_cov(&c, prm, 1, 0, W, last, H, &cov, 6, resid, NP,
                                    &rng, ept, pa2, ew, &err) == RNN_OK &&
              memcmp(ept, pt, sizeof ept) == 0,
          "an ensemble of one forecasts with covariates as the single model");
  }
  { /* issue 17: given errors.  The rows the generator would draw, given
     * as innovations, make the same paths; zeros make the point forecast,
     * path by path; an ensemble keeps each path's row */
    double inn[NP * H], pa3[NP * H], zero[NP * H];
    rnn_rng r2;
    int same = 1;
    rnn_rng_seed(&rng, 5);
    rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 6, resid, NP, &rng,
                               pt, pa, work, &err);
    rnn_rng_seed(&r2, 5);
    for (k = 0; k < H; k++)
      for (t = 0; t < NP; t++) inn[t + NP * k] = resid[rnn_rng_below(&r2, 6)];
    cov.innov = inn;
    check(rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 0, NULL, NP, NULL,
                                     pt, pa2, work, &err) ==
                  RNN_OK &&
              memcmp(pa, pa2, sizeof pa) == 0,
          "given errors: the drawn rows given as innovations make the same paths");
    for (k = 0; k < NP * H; k++) zero[k] = 0.0;
    cov.innov = zero;
    rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 6, resid, NP, &rng, pt,
                               pa2, work, &err);
    for (k = 0; k < H; k++)
      for (t = 0; t < NP; t++) same &= pa2[t + NP * k] == pt[k];
    check(same, "given errors of zero: every path is the point forecast");
    cov.innov = inn;
    rnn_rng_seed(&rng, 8);
    check(rnn_ensemble_forecast_cov(&c, prm, 1, 0, W, last, H, &cov, 0, NULL, NP,
                                    &rng, pt, pa3, ew, &err) == RNN_OK &&
              memcmp(pa, pa3, sizeof pa) == 0,
          "given errors: an ensemble of one makes the single model's paths");
    inn[3] = NAN;
    check(rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 0, NULL, NP, NULL,
                                     pt, pa2, work, &err) == RNN_ERR_INPUT,
          "a missing given error is refused");
    cov.innov = NULL;
  }
  fut[1 + H * 2] = NAN;
  check(rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 0, NULL, 0, NULL, pt,
                                   NULL, work, &err) == RNN_ERR_INPUT,
        "a missing future covariate value is refused");
  check(rnn_forecast_recursive_cov(&c, prm, W, last, 1, &cov, 0, NULL, 0, NULL, pt,
                                   NULL, work, &err) == RNN_OK,
        "one step reads no future row");
  cov.from = bad_from;
  check(rnn_forecast_recursive_cov(&c, prm, W, last, H, &cov, 0, NULL, 0, NULL, pt,
                                   NULL, work, &err) == RNN_ERR_DIM,
        "an input fed from an output the model lacks is refused");
  free(prm);
  free(work);
  free(ew);
}

/* ---- issue 18: the CSV reader -------------------------------------- */

/* Reads text: info, then column j's type, format and values (at most 16
 * rows); the status of the first failing step. */
static int csv_read(const char *text, char delim, size_t j, int day_first,
                    rnn_csv_info *info, int *type, int *format,
                    double *values, rnn_error *err) {
  size_t start[64], len[64], line[17];
  size_t n = strlen(text);
  int st = rnn_csv_scan(text, n, delim, NULL, NULL, NULL, 0, info, err);
  if (st != RNN_OK) return st;
  if ((info->n_rows + 1) * info->n_cols > 64 || info->n_rows > 16)
    return -1;
  st = rnn_csv_scan(text, n, delim, start, len, line, 64, info, err);
  if (st != RNN_OK) return st;
  return rnn_csv_column(text, info->n_rows,
                        start + 1 + (info->n_rows + 1) * j,
                        len + 1 + (info->n_rows + 1) * j, line + 1, j + 1,
                        day_first, NAN, type, format, values, err);
}

static void test_csv(void) {
  rnn_csv_info info;
  rnn_error err;
  int type, fmt;
  double v[16];
  /* numbers, correctly rounded: each equals the compiler's own literal */
  check(csv_read("a,b\n11278.530273,1\n0.1,2\n-0,3\n1e-5,4\n"
                 "0.12345678901234567890123,5\n1.7976931348623157e308,6\n"
                 "4.9e-324,7\n,8\nNA,9\n \"2.5\" ,10\n",
                 0, 0, -1, &info, &type, &fmt, v, &err) == RNN_OK &&
            info.n_rows == 10 && info.n_cols == 2 && info.delim == ',' &&
            type == RNN_CSV_NUMBER,
        "csv: a number column");
  check(v[0] == 11278.530273 && v[1] == 0.1 && v[2] == 0 && signbit(v[2]) &&
            v[3] == 1e-5 && v[4] == 0.12345678901234567890123 &&
            v[5] == 1.7976931348623157e308 && v[6] == 4.9e-324 &&
            isnan(v[7]) && isnan(v[8]) && v[9] == 2.5,
        "csv: numbers are the correctly rounded doubles");
  /* ... whatever the locale's decimal point (tests/core/run.sh makes a
   * de_DE locale, whose point is ','; skipped when there is none) */
  if (setlocale(LC_NUMERIC, "de_DE.UTF-8") &&
      localeconv()->decimal_point[0] == ',') {
    check(csv_read("a\n0.12345678901234567890123\n2.5\n1e400\n", 0, 0, -1,
                   &info, &type, &fmt, v, &err) == RNN_OK &&
              type == RNN_CSV_NUMBER && v[0] == 0.12345678901234567890123 &&
              v[1] == 2.5 && isinf(v[2]),
          "csv: numbers do not depend on LC_NUMERIC");
    check(csv_read("a,b\n2,5\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                  RNN_OK && info.n_cols == 2 && v[0] == 2,
          "csv: ',' is a delimiter in a de_DE locale too");
    printf("core: csv read under a de_DE locale\n");
  }
  setlocale(LC_NUMERIC, "C");
  /* dates: each format, and the day count */
  check(csv_read("d\n1970-01-01\n2024-02-29\n\n1969-12-31\nNA\n", 0, 0, -1,
                 &info, &type, &fmt, v, &err) == RNN_OK &&
            type == RNN_CSV_DATE && fmt == RNN_DATE_YMD && v[0] == 0 &&
            v[1] == 19782 && v[2] == -1 && isnan(v[3]) && info.n_rows == 4,
        "csv: ISO dates, blank lines skipped");
  check(csv_read("d\n2024/2/29\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_OK && fmt == RNN_DATE_YMD_SLASH && v[0] == 19782,
        "csv: YYYY/MM/DD");
  check(csv_read("d\n2024-02\n2024-03\n", 0, 0, -1, &info, &type, &fmt, v,
                 &err) == RNN_OK && fmt == RNN_DATE_YM && v[0] == 19754,
        "csv: YYYY-MM is the first day of the month");
  check(csv_read("d\n31/01/2024\n01/02/2024\n", 0, 0, -1, &info, &type, &fmt,
                 v, &err) == RNN_OK && fmt == RNN_DATE_DMY &&
            v[1] == 19754,
        "csv: a day above 12 decides DD/MM/YYYY");
  check(csv_read("d\n01/31/2024\n02/01/2024\n", 0, 0, -1, &info, &type, &fmt,
                 v, &err) == RNN_OK && fmt == RNN_DATE_MDY && v[1] == 19754,
        "csv: ... and MM/DD/YYYY");
  check(csv_read("d\n01/02/2024\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strstr(err.msg, "line 2") &&
            strstr(err.msg, "day_first"),
        "csv: ambiguous dates are an error naming the line");
  check(csv_read("d\n01/02/2024\n", 0, 0, 1, &info, &type, &fmt, v, &err) ==
                RNN_OK && fmt == RNN_DATE_DMY && v[0] == 19754,
        "csv: ... that day_first settles");
  check(csv_read("d\n01/13/2024\n", 0, 0, 1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strstr(err.msg, "is not a date DD/MM/YYYY"),
        "csv: a date that is not one in the stated order");
  check(csv_read("d\n31.01.2024\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_OK && fmt == RNN_DATE_DMY_DOT && v[0] == 19753,
        "csv: DD.MM.YYYY");
  check(csv_read("d\n2023-02-29\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_OK && type == RNN_CSV_TEXT,
        "csv: an invalid date makes a text column");
  check(csv_read("d\n2024-01-01\n2024/01/02\n", 0, 0, -1, &info, &type, &fmt,
                 v, &err) == RNN_OK && type == RNN_CSV_TEXT,
        "csv: mixed date formats are text");
  {
    const char *t = "name;x\n\"a;b\";1\r\n\"say \"\"hi\"\"\nthere\";2\nc;3";
    size_t start[8], len[8], line[4], end[4];
    char out[64];
    check(rnn_csv_scan(t, strlen(t), 0, NULL, NULL, NULL, 0, &info, &err) ==
                  RNN_OK && info.delim == ';' && info.n_rows == 3 &&
              info.n_cols == 2,
          "csv: the delimiter is detected");
    check(rnn_csv_scan(t, strlen(t), 0, start, len, line, 8, &info, &err) ==
                  RNN_OK && line[0] == 1 && line[2] == 3 && line[3] == 5,
          "csv: quoted line ends");
    check(rnn_csv_text(t, 4, start, len, out, sizeof out, end, &err) ==
                  RNN_OK && end[3] == 4 + 3 + 14 + 1 &&
              memcmp(out, "namea;bsay \"hi\"\nthere", 21) == 0,
          "csv: quotes removed, \"\" is one quote");
    check(rnn_csv_column(t, 3, start + 1, len + 1, line + 1, 1, -1, NAN,
                         &type, &fmt, v, &err) == RNN_OK &&
              type == RNN_CSV_TEXT,
          "csv: a text column");
  }
  /* bad input: classed errors naming the line and column */
  check(csv_read("a,b\n1,2\n3\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strcmp(err.id, "rnnkit:input") == 0 &&
            strstr(err.msg, "line 3 has 1 field(s), but the header (line 1) "
                            "has 2"),
        "csv: a short line");
  check(csv_read("a,b\n1,\"2\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strstr(err.msg, "line 2, column 2") &&
            strstr(err.msg, "not closed"),
        "csv: an unclosed quote");
  check(csv_read("a,b\n1,\"2\"x\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strstr(err.msg, "line 2, column 2: text after"),
        "csv: text after a closing quote");
  check(csv_read("a,b\n1,2\"\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strstr(err.msg, "line 2, column 2: a quote"),
        "csv: a stray quote");
  check(csv_read("a,b\n1,\xe9\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strstr(err.msg, "line 2, column 2 is not UTF-8"),
        "csv: Latin-1 bytes");
  check(csv_read("\n\n", 0, 0, -1, &info, &type, &fmt, v, &err) ==
                RNN_ERR_INPUT && strstr(err.msg, "no header line"),
        "csv: an empty file");
  check(rnn_csv_scan("a\n", 2, '"', NULL, NULL, NULL, 0, &info, &err) ==
            RNN_ERR_INPUT,
        "csv: a quote as delimiter");
  check(csv_read("a,b\n", 0, 1, -1, &info, &type, &fmt, v, &err) == RNN_OK &&
            info.n_rows == 0 && type == RNN_CSV_NUMBER,
        "csv: a header only");
  check(strcmp(rnn_csv_date_name(RNN_DATE_MDY), "MM/DD/YYYY") == 0 &&
            rnn_csv_date_name(0) == NULL,
        "csv: format names");
}


/* ==== issue 16: panels ============================================== */
/* Three series stacked (12, 3 and 10 rows, 2 columns): the 3-row one is
 * too short for window 3 + horizon 1 and is dropped; the others are cut
 * and scaled exactly as each alone; a panel of one is the plain series. */
static void test_panel(void) {
  double d[25 * 2], one[12 * 2], c3[10 * 2];
  double ctr[2 * 3], scl[2 * 3], c1[2], s1[2], c3c[2], c3s[2];
  double x[30 * 3], y[30], x1[30 * 3], y1[30], x3[30 * 3], y3[30];
  double work[64], nv[30], nv1[30];
  size_t st[25], st1[25], st3[25], rows[3] = {12, 3, 10}, split[3] = {8, 3, 6};
  size_t n, i, t, ok;
  int set[25], set1[25], ser[25], status[3], feat[1] = {0}, tgt[1] = {1};
  rnn_series_spec sp, s1sp;
  rnn_series_plan_info info[3], in1;
  rnn_panel p;
  rnn_error err;
  /* series 1: r, r^2; series 2: 3 rows; series 3: 100 + 3r, (r - 4)^2 */
  for (i = 0; i < 12; i++) {
    one[i] = (double)i;
    one[12 + i] = (double)(i * i);
  }
  for (i = 0; i < 10; i++) {
    c3[i] = 100.0 + 3.0 * (double)i;
    c3[10 + i] = ((double)i - 4) * ((double)i - 4);
  }
  memcpy(d, one, sizeof one);
  for (i = 0; i < 3; i++) {
    d[24 + i] = 7;
    d[24 + 3 + i] = 8;
  }
  memcpy(d + 30, c3, sizeof c3);
  memset(&sp, 0, sizeof sp);
  sp.n_rows = 25;
  sp.n_cols = 2;
  sp.n_feat = sp.n_tgt = 1;
  sp.feat = feat;
  sp.tgt = tgt;
  sp.window = 3;
  sp.horizon = 1;
  sp.stride = 1;
  sp.split_row = 25;
  sp.scale_method = RNN_SCALE_MINMAX;
  p.n_series = 3;
  p.rows = rows;
  p.split_row = split;
  p.drop = 1;
  check(rnn_panel_plan(&sp, &p, d, st, set, ser, ctr, scl, status, info, &n,
                       &err) == RNN_OK,
        "panel plan runs");
  check(status[0] == RNN_PANEL_KEPT && status[1] == RNN_PANEL_SHORT &&
            status[2] == RNN_PANEL_KEPT && info[1].n_windows == 0,
        "panel plan: a series too short for a window is dropped");
  check(n == 9 + 7 && ser[0] == 0 && ser[8] == 0 && ser[9] == 2 &&
            ser[15] == 2 && st[9] == 0 && st[15] == 6,
        "panel plan: every window carries its series, starts in its rows");
  /* series 3 alone, split at its row 6: its scaler and windows */
  s1sp = sp;
  s1sp.n_rows = 10;
  s1sp.split_row = 6;
  check(rnn_series_plan(&s1sp, c3, st3, set1, c3c, c3s, &in1, &err) ==
                RNN_OK &&
            in1.n_windows == 7 && ctr[4] == c3c[0] && scl[4] == c3s[0] &&
            ctr[5] == c3c[1] && scl[5] == c3s[1] && scl[5] == 16 &&
            in1.n_train == info[2].n_train && info[2].n_fit == 6,
        "panel plan: each series' scaler fitted on its own training rows");
  check(rnn_panel_windows_workspace(&sp, &p, n) <= 64 &&
            rnn_panel_windows(&sp, &p, d, st, ser, n, ctr, scl, x, y, work,
                              &err) == RNN_OK,
        "panel windows run");
  rnn_series_windows(&s1sp, c3, st3, 7, c3c, c3s, x3, y3, &err);
  for (ok = 1, i = 0; i < 7; i++) {
    ok &= y[9 + i] == y3[i];
    for (t = 0; t < 3; t++)
      ok &= x[9 + i + n * t] == x3[i + 7 * t];
  }
  check(ok, "panel windows: a series' windows are those it has alone");
  rnn_panel_naive(&sp, &p, d, st, ser, n, nv);
  check(nv[0] == 4 && nv[9] == 4 && nv[15] == 16,
        "panel naive: the value before each window's target, per series");
  /* a panel of one is the plain series, bit for bit */
  p.n_series = 1;
  rows[0] = 12;
  split[0] = 8;
  sp.n_rows = 12;
  check(rnn_panel_plan(&sp, &p, one, st, set, ser, ctr, scl, status, info,
                       &n, &err) == RNN_OK &&
            rnn_panel_windows_workspace(&sp, &p, n) == 0 &&
            rnn_panel_windows(&sp, &p, one, st, ser, n, ctr, scl, x, y, NULL,
                              &err) == RNN_OK,
        "a panel of one series plans and cuts");
  s1sp = sp;
  s1sp.split_row = 8;
  rnn_series_plan(&s1sp, one, st1, set1, c1, s1, &in1, &err);
  rnn_series_windows(&s1sp, one, st1, in1.n_windows, c1, s1, x1, y1, &err);
  rnn_panel_naive(&sp, &p, one, st, ser, n, nv);
  for (i = 0; i < in1.n_windows; i++)
    st3[i] = st1[i] + 3;
  rnn_series_naive(12, one, 1, tgt, 1, in1.n_windows, st3, 1, nv1);
  check(n == in1.n_windows && !memcmp(st, st1, n * sizeof *st) &&
            !memcmp(set, set1, n * sizeof *set) &&
            !memcmp(ctr, c1, sizeof c1) && !memcmp(scl, s1, sizeof s1) &&
            !memcmp(x, x1, n * 3 * sizeof *x) &&
            !memcmp(y, y1, n * sizeof *y) && !memcmp(nv, nv1, n * sizeof *nv),
        "a panel of one series is the plain series, bit for bit");
  /* without drop: the short series' error, named */
  p.n_series = 3;
  rows[0] = 12;
  sp.n_rows = 25;
  p.drop = 0;
  check(rnn_panel_plan(&sp, &p, d, st, set, ser, ctr, scl, status, info, &n,
                       &err) == RNN_ERR_DIM &&
            !strncmp(err.msg, "series 2: ", 10),
        "panel plan without drop: the short series' error, named");
  /* a series whose split leaves no training window is dropped */
  p.drop = 1;
  split[2] = 2;
  check(rnn_panel_plan(&sp, &p, d, st, set, ser, ctr, scl, status, info, &n,
                       &err) == RNN_OK &&
            status[2] == RNN_PANEL_NO_TRAIN && n == 9,
        "panel plan: a series without a training window is dropped");
  rows[0] = 11;
  check(rnn_panel_plan(&sp, &p, d, st, set, ser, ctr, scl, status, info, &n,
                       &err) == RNN_ERR_DIM,
        "panel plan: rows that do not add up are refused");
}

/* ---- the single-precision engine (issue 19) ---------------------------
 * The float build of the engine (the *_f.c files) against the PyTorch
 * fixtures of tests/testthat/fixtures (float64 references): outputs,
 * loss and gradients within float tolerance; finite differences of the
 * float loss; float and double training from the fixtures' weights
 * staying within float tolerance of each other; the public API's
 * dispatch on rnn_config.precision (train, predict, step, forward). */

typedef struct {
  char name[40][32];
  double *val[40];
  size_t n[40];
  char str[40][32];
  int k;
} fixture;

static const double *fx_get(const fixture *f, const char *name, size_t *n) {
  int i;
  for (i = 0; i < f->k; i++)
    if (strcmp(f->name[i], name) == 0) {
      if (n) *n = f->n[i];
      return f->val[i];
    }
  if (n) *n = 0;
  return NULL;
}

static const char *fx_str(const fixture *f, const char *name) {
  int i;
  for (i = 0; i < f->k; i++)
    if (strcmp(f->name[i], name) == 0) return f->str[i];
  return "";
}

/* name type dims... then one line of values (R's text fixtures) */
static int fx_read(const char *path, fixture *f) {
  FILE *fp = fopen(path, "r");
  char line[256], type[8];
  memset(f, 0, sizeof *f);
  if (!fp) return 0;
  while (fgets(line, sizeof line, fp)) {
    char *p = line, *end;
    size_t n = 1, k;
    long d;
    if (line[0] == '#') continue;
    if (f->k >= 40 || sscanf(line, "%31s %7s", f->name[f->k], type) != 2)
      break;
    p = strstr(line, type) + strlen(type);
    while ((d = strtol(p, &end, 10)), end != p) {
      n *= (size_t)d;
      p = end;
    }
    f->n[f->k] = n;
    if (strcmp(type, "chr") == 0) {
      if (fscanf(fp, "%31s", f->str[f->k]) != 1) break;
    } else {
      f->val[f->k] = malloc(n * sizeof(double));
      for (k = 0; k < n; k++)
        if (fscanf(fp, "%lf", &f->val[f->k][k]) != 1) break;
    }
    if (!fgets(line, sizeof line, fp)) { /* the rest of the value line */
      f->k++;
      break;
    }
    f->k++;
  }
  fclose(fp);
  return f->k > 0;
}

static void fx_free(fixture *f) {
  int i;
  for (i = 0; i < f->k; i++) free(f->val[i]);
}

static int fx_code(const char *s, const char *const *names, int n) {
  int i;
  for (i = 0; i < n; i++)
    if (strcmp(s, names[i]) == 0) return i;
  return -1;
}

/* the fixture's config; loss into *loss */
static rnn_config fx_config(const fixture *f, int *loss) {
  static const char *const cells[] = {"simple", "lstm", "gru"};
  static const char *const acts[] = {"linear", "tanh", "sigmoid", "softmax",
                                     "relu"};
  static const char *const losses[] = {"mse", "mae", "bce", "sparse_ce"};
  rnn_config c;
  size_t n, l;
  const double *u = fx_get(f, "units", &n);
  memset(&c, 0, sizeof c);
  c.cell = fx_code(fx_str(f, "cell"), cells, 3);
  c.activation = fx_code(fx_str(f, "activation"), acts, 5);
  c.n_in = (int)fx_get(f, "n_in", NULL)[0];
  c.n_layers = (int)n;
  for (l = 0; l < n; l++) c.n_hidden[l] = (int)u[l];
  c.n_out = (int)fx_get(f, "n_out", NULL)[0];
  c.head_act = fx_code(fx_str(f, "head_act"), acts, 5);
  c.seq_out = (int)fx_get(f, "seq_out", NULL)[0];
  *loss = fx_code(fx_str(f, "loss"), losses, 4);
  return c;
}

static double max_abs(const double *a, size_t n) {
  double m = 0;
  size_t k;
  for (k = 0; k < n; k++)
    if (fabs(a[k]) > m) m = fabs(a[k]);
  return m;
}

/* the float loss (and gradient) of the fixture's batch at float params */
static double loss_f(const rnn_config *c, int loss, const float *pf, size_t N,
                     size_t T, const float *xb, const float *yb, float *grad,
                     float *dx, float *w) {
  double lv = NAN;
  rnn_net_loss_grad_f(c, loss, pf, N, T, xb, yb, &lv, grad, dx, NULL, NULL,
                      NULL, NULL, NULL, w);
  return lv;
}

/* trains from the fixture's weights in the given precision with SGD */
static double *fx_train(rnn_config c, int loss, const double *p0,
                        const fixture *f, size_t N, size_t T, int prec,
                        double *hist, int *st) {
  rnn_train_config t = train_config();
  rnn_dataset d;
  rnn_history h;
  rnn_train_result res;
  rnn_rng rng;
  rnn_error err;
  size_t P = rnn_n_params(&c);
  double *p = malloc(P * sizeof(double)), *w;
  c.precision = prec;
  t.loss = loss;
  t.optimizer = RNN_OPT_SGD;
  t.lr = 0.05;
  t.momentum = 0.9;
  t.epochs = 8;
  t.batch_size = 2;
  w = malloc(rnn_train_workspace(&c, &t, N, T) * sizeof(double));
  memcpy(p, p0, P * sizeof(double));
  d.n_samples = N;
  d.n_time = T;
  d.x = fx_get(f, "x", NULL);
  d.src = NULL;
  d.y = fx_get(f, "y", NULL);
  memset(&h, 0, sizeof h);
  h.loss = hist;
  rnn_rng_seed(&rng, 7);
  *st = rnn_train(&c, &t, p, &d, NULL, &rng, NULL, &h, &res, w, &err);
  if (*st != RNN_OK) printf("rnn_train: %s\n", err.msg);
  free(w);
  return p;
}

static uint64_t single_digest = 1469598103934665603ULL;

static void test_single_fixture(const char *path, int *differs) {
  fixture f;
  rnn_config c, cs;
  int loss, st;
  size_t N, T, P, nx, ny, np, k, To, nyb;
  const double *xd, *yd, *pd;
  double *p, *out_d, *out_s, *hd, *hs, *pt_d, *pt_s, lv, e, gnorm;
  float *pf, *xb, *yb, *gf, *dxf, *wf, *num, *ana;
  size_t *idx;
  char msg[240];
  rnn_error err;
  if (!fx_read(path, &f)) {
    check(0, "single: a PyTorch fixture could not be read");
    return;
  }
  c = fx_config(&f, &loss);
  cs = c;
  cs.precision = RNN_PREC_SINGLE;
  xd = fx_get(&f, "x", &nx);
  yd = fx_get(&f, "y", &ny);
  pd = fx_get(&f, "params", &np);
  P = rnn_n_params(&c);
  N = 3;
  T = nx / (N * (size_t)c.n_in);
  To = c.seq_out ? T : 1;
  nyb = (loss == RNN_LOSS_SPARSE_CE ? 1 : (size_t)c.n_out) * N * To;
  check(P == np && rnn_config_check(&cs, &err) == RNN_OK,
        "single: the fixture's config");
  /* predict in single precision through the public API */
  p = malloc(P * sizeof(double));
  memcpy(p, pd, P * sizeof(double));
  out_d = malloc(N * (size_t)c.n_out * To * sizeof(double));
  out_s = malloc(N * (size_t)c.n_out * To * sizeof(double));
  {
    double *w = malloc(rnn_predict_workspace(&cs, N, T) * sizeof(double));
    double *w2 = malloc(rnn_predict_workspace(&c, N, T) * sizeof(double));
    const double *yh = fx_get(&f, "yhat", NULL);
    size_t no = N * (size_t)c.n_out * To;
    check(rnn_predict(&cs, p, N, T, xd, N, out_s, w, &err) == RNN_OK &&
              rnn_predict(&c, p, N, T, xd, N, out_d, w2, &err) == RNN_OK,
          "single: predict runs");
    for (k = 0, e = 0; k < no; k++)
      if (fabs(out_s[k] - yh[k]) > e) e = fabs(out_s[k] - yh[k]);
    e /= max_abs(yh, no) > 1 ? max_abs(yh, no) : 1;
    snprintf(msg, sizeof msg, "single: %s output within float tolerance of "
             "PyTorch's (%.2g)", fx_str(&f, "case"), e);
    check(e < 1e-6, msg);
    *differs |= memcmp(out_s, out_d, no * sizeof(double)) != 0;
    free(w);
    free(w2);
  }
  /* loss and gradients of the float engine against PyTorch's */
  pf = malloc(P * sizeof(float));
  gf = malloc(P * sizeof(float));
  num = malloc(P * sizeof(float));
  ana = malloc(P * sizeof(float));
  xb = malloc(nx * sizeof(float));
  dxf = malloc(nx * sizeof(float));
  yb = malloc(nyb * sizeof(float));
  idx = malloc(N * sizeof(size_t));
  wf = malloc(rnn_net_size_f(&c, N, T, 1) * sizeof(float));
  for (k = 0; k < P; k++) pf[k] = (float)pd[k];
  for (k = 0; k < N; k++) idx[k] = k;
  rnn_gather_batch_f(&c, loss, N, T, xd, yd, idx, N, xb, yb);
  lv = loss_f(&c, loss, pf, N, T, xb, yb, gf, dxf, wf);
  e = fabs(lv - fx_get(&f, "loss_value", NULL)[0]) /
      fabs(fx_get(&f, "loss_value", NULL)[0]);
  snprintf(msg, sizeof msg, "single: %s loss within float tolerance (%.2g)",
           fx_str(&f, "case"), e);
  check(e < 2e-6, msg);
  {
    const double *g = fx_get(&f, "grad", NULL), *dx = fx_get(&f, "dx", NULL);
    double *gd = malloc(P * sizeof(double)), *dxd = malloc(nx * sizeof(double));
    double *dxs = malloc(nx * sizeof(double));
    for (k = 0; k < P; k++) gd[k] = gf[k];
    rnn_scatter_batch_f(&c, N, T, dxf, idx, N, dxs);
    memcpy(dxd, dx, nx * sizeof(double));
    e = rel_err(gd, g, P);
    snprintf(msg, sizeof msg, "single: %s gradient within float tolerance "
             "(%.2g)", fx_str(&f, "case"), e);
    check(e < 1e-6, msg);
    e = rel_err(dxs, dxd, nx);
    snprintf(msg, sizeof msg, "single: %s input gradient within float "
             "tolerance (%.2g)", fx_str(&f, "case"), e);
    check(e < 1e-6, msg);
    free(gd);
    free(dxd);
    free(dxs);
  }
  /* central differences of the float loss, steps of 2^-7 (the float
   * optimum is near cbrt(eps) = 5e-3) */
  gnorm = 0;
  for (k = 0; k < P; k++) {
    float p0 = pf[k], up, dn;
    double lu, ld;
    pf[k] = p0 + 0.0078125f;
    up = pf[k];
    lu = loss_f(&c, loss, pf, N, T, xb, yb, NULL, NULL, wf);
    pf[k] = p0 - 0.0078125f;
    dn = pf[k];
    ld = loss_f(&c, loss, pf, N, T, xb, yb, NULL, NULL, wf);
    pf[k] = p0;
    num[k] = (float)((lu - ld) / ((double)up - (double)dn));
    ana[k] = gf[k];
    gnorm += fabs(gf[k]);
  }
  {
    double dd = 0, ss = 0;
    for (k = 0; k < P; k++) {
      dd += ((double)ana[k] - num[k]) * ((double)ana[k] - num[k]);
      ss += ((double)ana[k] + num[k]) * ((double)ana[k] + num[k]);
    }
    e = sqrt(dd) / sqrt(ss);
  }
  snprintf(msg, sizeof msg, "single: %s finite differences in float (rel. "
           "error %.2g)", fx_str(&f, "case"), e);
  check(e < 3e-4 && gnorm > 0, msg);
  /* float and double training from the fixture's weights, 8 epochs of
   * SGD with momentum: within float tolerance of each other */
  hd = malloc(8 * sizeof(double));
  hs = malloc(8 * sizeof(double));
  pt_d = fx_train(c, loss, pd, &f, N, T, RNN_PREC_DOUBLE, hd, &st);
  check(st == RNN_OK, "single: double training runs");
  pt_s = fx_train(c, loss, pd, &f, N, T, RNN_PREC_SINGLE, hs, &st);
  check(st == RNN_OK, "single: single training runs");
  e = rel_err(pt_s, pt_d, P);
  {
    double eh = 0;
    for (k = 0; k < 8; k++)
      if (fabs(hs[k] - hd[k]) / fabs(hd[k]) > eh) eh = fabs(hs[k] - hd[k]) / fabs(hd[k]);
    snprintf(msg, sizeof msg, "single: %s trains to within float tolerance "
             "of double (weights %.2g, losses %.2g)", fx_str(&f, "case"), e,
             eh);
    check(e < 1e-6 && eh < 1e-5, msg);
  }
  *differs |= memcmp(pt_s, pt_d, P * sizeof(double)) != 0;
  for (k = 0; k < P; k++) { /* the widened floats: exactly floats */
    if ((double)(float)pt_s[k] != pt_s[k]) break;
  }
  check(k == P, "single: trained weights come back as widened floats");
  {
    int st2;
    double *again = fx_train(c, loss, pd, &f, N, T, RNN_PREC_SINGLE, hd, &st2);
    check(memcmp(again, pt_s, P * sizeof(double)) == 0,
          "single: same seed, same bits");
    free(again);
  }
  {
    const unsigned char *q = (const unsigned char *)pt_s;
    for (k = 0; k < P * sizeof(double); k++)
      single_digest = (single_digest ^ q[k]) * 1099511628211ULL;
  }
  free(p);
  free(out_d);
  free(out_s);
  free(pf);
  free(gf);
  free(num);
  free(ana);
  free(xb);
  free(dxf);
  free(yb);
  free(idx);
  free(wf);
  free(hd);
  free(hs);
  free(pt_d);
  free(pt_s);
  fx_free(&f);
}

static void test_single(void) {
  static const char *const cases[] = {
      "torch_gru", "torch_gru_m2m", "torch_gru_stacked", "torch_lstm",
      "torch_lstm_m2m", "torch_lstm_stacked", "torch_lstm_wide",
      "torch_simple_relu", "torch_simple_stacked", "torch_simple_tanh"};
  const char *dir = getenv("RNN_FIXTURES");
  char path[1024];
  int i, differs = 0;
  rnn_config c = lstm_config(), cd = lstm_config();
  rnn_error err;
  rnn_train_config t = train_config();
  if (!dir) dir = "../testthat/fixtures";
  for (i = 0; i < 10; i++) {
    snprintf(path, sizeof path, "%s/%s.txt", dir, cases[i]);
    test_single_fixture(path, &differs);
  }
  check(differs, "single: the float engine's results are not double's");
  printf("core: single digest %016llx\n", (unsigned long long)single_digest);
  c.precision = 2;
  check(rnn_config_check(&c, &err) == RNN_ERR_INPUT,
        "single: an unknown precision is refused");
  c.precision = RNN_PREC_SINGLE;
  check(rnn_train_workspace(&c, &t, 64, 20) * 10 <
            rnn_train_workspace(&cd, &t, 64, 20) * 7,
        "single: training needs less workspace in single precision");
  check(rnn_file_field_flags("config.precision", 16) & RNN_FIELD_INT,
        "single: the model file keeps config.precision an integer");
  { /* predict, step and forward agree bit for bit in single precision */
    size_t N = 5, T = 4, P = rnn_n_params(&c), k, S = rnn_state_size(&c, N);
    double *p = malloc(P * sizeof(double)), x[5 * 4 * 2], xb[5 * 4 * 2];
    double o1[5], o2[5], o3[5], *st = calloc(S, sizeof(double));
    double *w1 = malloc(rnn_predict_workspace(&c, N, T) * sizeof(double));
    double *w2 = malloc(rnn_step_workspace(&c, N, T) * sizeof(double));
    double *w3 = malloc(rnn_batch_workspace(&c, N, T) * sizeof(double));
    size_t idx[5] = {0, 1, 2, 3, 4};
    rnn_rng rng;
    rnn_rng_seed(&rng, 11);
    for (k = 0; k < P; k++) p[k] = 0.3 * rnn_rng_normal(&rng);
    for (k = 0; k < N * T * 2; k++) x[k] = rnn_rng_normal(&rng);
    rnn_gather_batch(&c, RNN_LOSS_MSE, N, T, x, NULL, idx, N, xb, NULL);
    check(rnn_predict(&c, p, N, T, x, 2, o1, w1, &err) == RNN_OK &&
              rnn_step(&c, p, N, T, x, st, o2, w2, &err) == RNN_OK &&
              rnn_forward(&c, p, N, T, xb, o3, w3, &err) == RNN_OK,
          "single: predict, step and forward run");
    check(memcmp(o1, o2, sizeof o1) == 0 && memcmp(o1, o3, sizeof o1) == 0,
          "single: predict, step and forward give the same bits");
    for (k = 0; k < S; k++)
      if ((double)(float)st[k] != st[k]) break;
    check(k == S && max_abs(st, S) > 0, "single: step's state is a float's");
    free(p);
    free(st);
    free(w1);
    free(w2);
    free(w3);
  }
}

/* issue 16: compact windows.  Windows read from a source (the series'
 * rows and each window's first row) train, validate and evaluate to the
 * same bits as the stored windows they stand for, in double and float;
 * a panel's source is its windows' values; bad sources are refused. */
static void test_window_source(void) {
  enum { R = 40, N = 30, T = 6 };
  rnn_config c = lstm_config();
  rnn_train_config t = train_config();
  double vals[R * 2], x[N * T * 2], y[N], xv[8 * T * 2], hist[2][5], vh[2][5];
  double *p[2], *w;
  size_t start[N], k, P = rnn_n_params(&c);
  rnn_window_source src, vsrc;
  rnn_dataset d, v;
  rnn_error err;
  int st = RNN_OK, run, prec;
  for (k = 0; k < R; k++) {
    vals[k] = sin(0.3 * (double)k);
    vals[R + k] = cos(0.17 * (double)k) * 0.5;
  }
  for (k = 0; k < N; k++) {
    start[k] = (k * 7) % (R - T); /* out of order, overlapping */
    y[k] = vals[start[k] + T];
  }
  src.n_rows = R;
  src.values = vals;
  src.start = start;
  rnn_window_source_gather(&src, 0, N, T, 2, x);
  check(x[3 + N * (2 + T * 1)] == vals[start[3] + 2 + R], "source gather layout");
  vsrc = src;
  vsrc.start = start + N - 8;
  rnn_window_source_gather(&vsrc, 0, 8, T, 2, xv);
  t.restore_best = 1;
  t.patience = 2;
  for (prec = 0; prec < 2; prec++) {
    c.precision = prec ? RNN_PREC_SINGLE : RNN_PREC_DOUBLE;
    c.dropout = prec ? 0.0 : 0.2;
    for (run = 0; run < 2; run++) {
      rnn_rng rng;
      rnn_history h;
      rnn_train_result res;
      memset(&h, 0, sizeof h);
      h.loss = hist[run];
      h.val_loss = vh[run];
      memset(&d, 0, sizeof d);
      memset(&v, 0, sizeof v);
      d.n_samples = N - 8;
      v.n_samples = 8;
      d.n_time = v.n_time = T;
      d.y = y;
      v.y = y + N - 8;
      if (run == 0) { /* stored: arrays of N - 8 and 8 samples */
        static double xt[N * T * 2];
        rnn_window_source_gather(&src, 0, N - 8, T, 2, xt);
        d.x = xt;
        v.x = xv;
      } else {
        d.src = &src;
        v.src = &vsrc;
      }
      p[run] = malloc(P * sizeof(double));
      w = malloc(rnn_init_workspace(&c) * sizeof(double));
      rnn_rng_seed(&rng, 11);
      st |= rnn_init_params(&c, RNN_INIT_ORTHOGONAL, p[run], &rng, w, &err);
      free(w);
      w = malloc(rnn_train_workspace(&c, &t, N - 8, T) * sizeof(double));
      st |= rnn_train(&c, &t, p[run], &d, &v, &rng, NULL, &h, &res, w, &err);
      free(w);
    }
    check(st == RNN_OK, "training from a source runs");
    check(memcmp(p[0], p[1], P * sizeof(double)) == 0,
          prec ? "a source trains to the stored windows' bits (float)"
               : "a source trains to the stored windows' bits (double)");
    check(memcmp(hist[0], hist[1], sizeof hist[0]) == 0 &&
              memcmp(vh[0], vh[1], sizeof vh[0]) == 0,
          "a source's losses are the stored windows' losses");
    free(p[0]);
    free(p[1]);
  }
  /* bad sources */
  start[4] = R - T + 1;
  check(rnn_window_source_check(&src, N, T, 2, &err) == RNN_ERR_DIM &&
            strstr(err.msg, "window 5") != NULL,
        "a window beyond the source is refused");
  start[4] = 0;
  vals[R + 3] = NAN;
  check(rnn_window_source_check(&src, N, T, 2, &err) == RNN_ERR_INPUT &&
            strstr(err.msg, "feature 2") != NULL,
        "a source's missing value is refused");
  {
    rnn_rng rng;
    rnn_history h;
    rnn_train_result res;
    double *pp = malloc(P * sizeof(double)), *ww;
    c.precision = RNN_PREC_DOUBLE;
    c.dropout = 0;
    memset(&h, 0, sizeof h);
    h.loss = hist[0];
    memset(&d, 0, sizeof d);
    d.n_samples = N;
    d.n_time = T;
    d.y = y;
    d.src = &src;
    ww = malloc(rnn_train_workspace(&c, &t, N, T) * sizeof(double));
    rnn_rng_seed(&rng, 1);
    memset(pp, 0, P * sizeof(double));
    check(rnn_train(&c, &t, pp, &d, NULL, &rng, NULL, &h, &res, ww, &err) ==
              RNN_ERR_INPUT,
          "training refuses a source with a missing value");
    vals[R + 3] = 0.1;
    d.x = x;
    check(rnn_train(&c, &t, pp, &d, NULL, &rng, NULL, &h, &res, ww, &err) ==
              RNN_ERR_INPUT,
          "a dataset is stored or read from a source, not both");
    free(ww);
    free(pp);
  }
  /* a panel's source holds its windows' values */
  {
    double data[2 * 20], ctr[4], scl[4], sv[20 * 1], px[64], py[64], sx[64];
    double sy[64];
    size_t rows[2] = {12, 8}, st2[20], first[20], n = 0, j;
    int set[20], ser[20], status[2], feat[1] = {0}, tgt[1] = {0};
    rnn_series_plan_info info[2];
    rnn_series_spec sp;
    rnn_panel pn;
    rnn_window_source ps;
    for (j = 0; j < 20; j++) data[j] = 1.0 + (double)(j * j % 7) + 0.1 * (double)j;
    memset(&sp, 0, sizeof sp);
    sp.n_rows = 20;
    sp.n_cols = 1;
    sp.n_feat = sp.n_tgt = 1;
    sp.feat = feat;
    sp.tgt = tgt;
    sp.window = 3;
    sp.horizon = 1;
    sp.stride = 1;
    sp.split_row = 20;
    sp.scale_method = RNN_SCALE_ZSCORE;
    sp.transform.kind = RNN_TRANSFORM_LOG;
    sp.work = data + 20; /* rnn_series_workspace: 20 x 1 */
    memset(&pn, 0, sizeof pn);
    pn.n_series = 2;
    pn.rows = rows;
    st = rnn_panel_plan(&sp, &pn, data, st2, set, ser, ctr, scl, status, info,
                        &n, &err);
    st |= rnn_panel_windows(&sp, &pn, data, st2, ser, n, ctr, scl, px, py, sx,
                            &err);
    st |= rnn_panel_source(&sp, &pn, data, ctr, scl, NULL, sv, &err);
    rnn_panel_source_starts(&pn, st2, ser, n, first);
    ps.n_rows = 20;
    ps.values = sv;
    ps.start = first;
    rnn_window_source_gather(&ps, 0, n, 3, 1, sx);
    for (j = 0; j < n; j++) first[j] += 3;
    rnn_window_source_gather(&ps, 0, n, 1, 1, sy);
    check(st == RNN_OK && n == 14 && memcmp(px, sx, n * 3 * sizeof(double)) == 0 &&
              memcmp(py, sy, n * sizeof(double)) == 0,
          "a panel's source holds its windows' values, bit for bit");
  }
}

/* ---- the gate-row split (issue 19) ------------------------------------
 * Layers that split their hidden units' gate rows across two threads must
 * train to the bits of the unsplit layers: forced on one thread (the parts
 * in turn), forced on two threads, and by the rule on two threads, against
 * the batch split only; LSTM, GRU and SimpleRNN, double and single, with
 * the small kernel (H 64, narrow input folded into the gate loop) and the
 * packed kernel (H 128, wide input, a second layer for dx).  The trained
 * weights go into a digest that run.sh compares with the portable build. */
static uint64_t rows_digest = 1469598103934665603ULL;

static double *rows_train(const rnn_config *c, int row_split, int threads,
                          const double *x, const double *y, size_t N, size_t T,
                          double *hist) {
  rnn_train_config t = train_config();
  rnn_rng rng;
  rnn_error err;
  rnn_train_result res;
  rnn_dataset d, v;
  rnn_history h;
  double vh[2];
  size_t P = rnn_n_params(c);
  double *p = malloc(P * sizeof(double));
  double *w = malloc(rnn_init_workspace(c) * sizeof(double));
  double *tw;
  t.epochs = 2;
  t.batch_size = 32;
  t.lr = 0.003;
  t.n_threads = threads;
  t.row_split = row_split;
  tw = malloc(rnn_train_workspace(c, &t, N, T) * sizeof(double));
  rnn_rng_seed(&rng, 19);
  rnn_init_params(c, RNN_INIT_ORTHOGONAL, p, &rng, w, &err);
  memset(&d, 0, sizeof d);
  memset(&v, 0, sizeof v);
  d.n_samples = v.n_samples = N;
  d.n_time = v.n_time = T;
  d.x = v.x = x;
  d.y = v.y = y;
  memset(&h, 0, sizeof h);
  h.loss = hist;
  h.val_loss = vh;
  if (rnn_train(c, &t, p, &d, &v, &rng, NULL, &h, &res, tw, &err) != RNN_OK)
    hist[0] = NAN;
  hist[2] = vh[1];
  free(w);
  free(tw);
  return p;
}

static void test_rows(void) {
  static const int cells[3] = {RNN_CELL_LSTM, RNN_CELL_GRU, RNN_CELL_SIMPLE};
  static const char *const names[3] = {"LSTM", "GRU", "SimpleRNN"};
  enum { N = 40, T = 6, IMAX = 8 };
  double x[N * T * IMAX], y[N];
  rnn_rng rng;
  int ci, si, prec, k;
  rnn_rng_seed(&rng, 23);
  for (k = 0; k < N * T * IMAX; k++) x[k] = rnn_rng_normal(&rng);
  for (k = 0; k < N; k++) y[k] = 0.5 * x[k + N * (T - 1)] - 0.3 * x[k + N * T];
  for (prec = 0; prec < 2; prec++)
    for (ci = 0; ci < 3; ci++)
      for (si = 0; si < 2; si++) {
        rnn_config c;
        double h0[3], h1[3], h2[3], h3[3], *p0, *p1, *p2, *p3;
        size_t P, q;
        char what[160];
        int same;
        memset(&c, 0, sizeof c);
        c.cell = cells[ci];
        c.activation = RNN_ACT_TANH;
        c.n_in = si ? 8 : 3;
        c.n_layers = si ? 2 : 1;
        c.n_hidden[0] = c.n_hidden[1] = si ? 128 : 64;
        c.n_out = 1;
        c.head_act = RNN_ACT_LINEAR;
        c.precision = prec ? RNN_PREC_SINGLE : RNN_PREC_DOUBLE;
        P = rnn_n_params(&c);
        p0 = rows_train(&c, -1, 1, x, y, N, T, h0);
        p1 = rows_train(&c, 1, 1, x, y, N, T, h1);
        p2 = rows_train(&c, 1, 2, x, y, N, T, h2);
        p3 = rows_train(&c, 0, 2, x, y, N, T, h3);
        snprintf(what, sizeof what, "rows: %s(%d) %s can be split",
                 names[ci], c.n_hidden[0], prec ? "single" : "double");
        check(prec ? rnn_rows_pay_f(&c, 1, 16) : rnn_rows_pay(&c, 1, 16), what);
        same = isfinite(h0[0]) && memcmp(h0, h1, sizeof h0) == 0 &&
               memcmp(p0, p1, P * sizeof(double)) == 0;
        snprintf(what, sizeof what,
                 "rows: %s(%d) %s, the gate-row split in turn trains to the "
                 "bits of the batch split", names[ci], c.n_hidden[0],
                 prec ? "single" : "double");
        check(same, what);
        snprintf(what, sizeof what,
                 "rows: %s(%d) %s, the same bits on 2 threads (forced, by "
                 "the rule)", names[ci], c.n_hidden[0], prec ? "single" : "double");
        check(memcmp(h0, h2, sizeof h0) == 0 && memcmp(h0, h3, sizeof h0) == 0 &&
                  memcmp(p0, p2, P * sizeof(double)) == 0 &&
                  memcmp(p0, p3, P * sizeof(double)) == 0,
              what);
        for (q = 0; q < P * sizeof(double); q++)
          rows_digest = (rows_digest ^ ((const unsigned char *)p1)[q]) *
                        1099511628211ULL;
        free(p0);
        free(p1);
        free(p2);
        free(p3);
      }
  printf("core: rows digest %016llx\n", (unsigned long long)rows_digest);
}

/* The piecewise learning-rate schedule: factor 1 and a period of at
 * least the epochs give the bits of no schedule; plain SGD over 2 epochs
 * with period 1 and factor 0.5 equals one epoch at lr continued for one
 * at lr/2 (SGD without momentum reads no state from earlier calls, and
 * the data are read in order); the recorded rates; 1 and 2 threads;
 * every member of an ensemble; bad options rejected. */
static int sched_train(rnn_train_config *t, double *p, const double *x,
                       const double *y, size_t N, size_t T, double *lh,
                       double *lr) {
  rnn_config c = lstm_config();
  rnn_rng rng;
  rnn_error err;
  rnn_train_result res;
  rnn_dataset d;
  rnn_history h;
  double *tw = malloc(rnn_train_workspace(&c, t, N, T) * sizeof(double));
  int st;
  rnn_rng_seed(&rng, 5);
  memset(&d, 0, sizeof d);
  d.n_samples = N;
  d.n_time = T;
  d.x = x;
  d.y = y;
  memset(&h, 0, sizeof h);
  h.loss = lh;
  h.lr = lr;
  st = rnn_train(&c, t, p, &d, NULL, &rng, NULL, &h, &res, tw, &err);
  free(tw);
  return st;
}

static void test_lr_schedule(void) {
  enum { N = 16, T = 5, E = 4 };
  rnn_config c = lstm_config();
  rnn_train_config t;
  rnn_rng rng;
  rnn_error err;
  size_t P = rnn_n_params(&c), k;
  double x[N * T * 2], y[N], lh[E], lr[E], *p0, *p1, *p2, *w;
  int opt, ok;
  rnn_rng_seed(&rng, 77);
  for (k = 0; k < N * T * 2; k++) x[k] = rnn_rng_normal(&rng);
  for (k = 0; k < N; k++) y[k] = 0.4 * x[k] - 0.2 * x[k + N * T];
  p0 = malloc(P * sizeof(double));
  p1 = malloc(P * sizeof(double));
  p2 = malloc(P * sizeof(double));
  w = malloc(rnn_init_workspace(&c) * sizeof(double));
  rnn_rng_seed(&rng, 3);
  rnn_init_params(&c, RNN_INIT_ORTHOGONAL, p0, &rng, w, &err);
  for (opt = RNN_OPT_SGD; opt <= RNN_OPT_ADAM; opt++) {
    t = train_config();
    t.optimizer = opt;
    t.momentum = 0.5;
    t.rho = 0.9;
    t.epochs = E;
    memcpy(p1, p0, P * sizeof(double));
    sched_train(&t, p1, x, y, N, T, lh, NULL);
    t.lr_schedule = RNN_LR_PIECEWISE;
    t.lr_drop_factor = 1.0;
    t.lr_drop_period = 1;
    memcpy(p2, p0, P * sizeof(double));
    ok = sched_train(&t, p2, x, y, N, T, lh, lr) == RNN_OK &&
         memcmp(p1, p2, P * sizeof(double)) == 0;
    check(ok, "schedule: factor 1 gives the bits of none");
    t.lr_drop_factor = 0.1;
    t.lr_drop_period = E;
    memcpy(p2, p0, P * sizeof(double));
    ok = sched_train(&t, p2, x, y, N, T, lh, lr) == RNN_OK &&
         memcmp(p1, p2, P * sizeof(double)) == 0;
    check(ok, "schedule: a period of the epochs gives the bits of none");
    t.lr_drop_period = 1;
    memcpy(p2, p0, P * sizeof(double));
    ok = sched_train(&t, p2, x, y, N, T, lh, lr) == RNN_OK &&
         memcmp(p1, p2, P * sizeof(double)) != 0;
    check(ok, "schedule: dropping the rate changes the weights");
  }
  /* the exact reference: plain SGD, in order */
  t = train_config();
  t.optimizer = RNN_OPT_SGD;
  t.momentum = 0;
  t.shuffle = 0;
  t.lr = 0.05;
  t.epochs = 2;
  t.lr_schedule = RNN_LR_PIECEWISE;
  t.lr_drop_factor = 0.5;
  t.lr_drop_period = 1;
  memcpy(p1, p0, P * sizeof(double));
  check(sched_train(&t, p1, x, y, N, T, lh, lr) == RNN_OK &&
            lr[0] == 0.05 && lr[1] == 0.025,
        "schedule: the rates recorded per epoch");
  t.lr_schedule = RNN_LR_NONE;
  t.epochs = 1;
  memcpy(p2, p0, P * sizeof(double));
  sched_train(&t, p2, x, y, N, T, lh, NULL);
  t.lr = 0.025;
  sched_train(&t, p2, x, y, N, T, lh, NULL);
  check(memcmp(p1, p2, P * sizeof(double)) == 0,
        "schedule: 2 epochs of SGD at lr, lr/2 = 1 epoch at lr continued at lr/2");
  /* rates over 5 epochs, period 2; and 1 or 2 threads */
  {
    double lr5[5], lh5[5];
    t = train_config();
    t.epochs = 5;
    t.lr = 0.01;
    t.lr_schedule = RNN_LR_PIECEWISE;
    t.lr_drop_factor = 0.1;
    t.lr_drop_period = 2;
    t.n_threads = 1;
    memcpy(p1, p0, P * sizeof(double));
    sched_train(&t, p1, x, y, N, T, lh5, lr5);
    check(lr5[0] == 0.01 && lr5[1] == 0.01 && lr5[2] == 0.01 * 0.1 &&
              lr5[3] == 0.01 * 0.1 && lr5[4] == 0.01 * pow(0.1, 2.0),
          "schedule: lr, lr, lr f, lr f, lr f^2");
    t.n_threads = 2;
    memcpy(p2, p0, P * sizeof(double));
    sched_train(&t, p2, x, y, N, T, lh5, lr5);
    check(memcmp(p1, p2, P * sizeof(double)) == 0,
          "schedule: the same bits on 1 and 2 threads");
  }
  /* every member of an ensemble */
  {
    double pe[2 * 400], le[2 * E], re[2 * E];
    rnn_train_result res[2];
    rnn_history h;
    rnn_dataset d;
    size_t n_done = 0;
    double *ew;
    t = train_config();
    t.epochs = E;
    t.lr_schedule = RNN_LR_PIECEWISE;
    t.lr_drop_factor = 0.5;
    t.lr_drop_period = 3;
    memset(&d, 0, sizeof d);
    d.n_samples = N;
    d.n_time = T;
    d.x = x;
    d.y = y;
    memset(&h, 0, sizeof h);
    h.loss = le;
    h.lr = re;
    ew = malloc(rnn_ensemble_workspace(&c, &t, N, T) * sizeof(double));
    ok = P <= 400 &&
         rnn_ensemble_train(&c, RNN_INIT_ORTHOGONAL, &t, 2, 9, pe, &d, NULL,
                            NULL, &h, res, &n_done, ew, &err) == RNN_OK;
    for (k = 0; ok && k < 2; k++)
      ok = re[E * k] == 0.01 && re[E * k + 2] == 0.01 && re[E * k + 3] == 0.005;
    check(ok, "schedule: every ensemble member's rates");
    free(ew);
  }
  /* bad options */
  t = train_config();
  t.lr_schedule = RNN_LR_PIECEWISE;
  t.lr_drop_factor = 0;
  t.lr_drop_period = 1;
  memcpy(p1, p0, P * sizeof(double));
  check(sched_train(&t, p1, x, y, N, T, lh, NULL) == RNN_ERR_INPUT,
        "schedule: factor 0 rejected");
  t.lr_drop_factor = 1.5;
  check(rnn_lr_check(&t, &err) == RNN_ERR_INPUT && strstr(err.msg, "(0, 1]"),
        "schedule: factor 1.5 rejected");
  t.lr_drop_factor = NAN;
  check(rnn_lr_check(&t, &err) == RNN_ERR_INPUT, "schedule: factor NaN rejected");
  t.lr_drop_factor = 0.5;
  t.lr_drop_period = 0;
  check(rnn_lr_check(&t, &err) == RNN_ERR_INPUT && strstr(err.msg, "period"),
        "schedule: period 0 rejected");
  check(rnn_lr_at(&t, 3) == t.lr, "schedule: rnn_lr_at of an unchecked period 0 drops nothing");
  t.lr_drop_period = 1;
  t.lr_schedule = 7;
  check(rnn_lr_check(&t, &err) == RNN_ERR_INPUT, "schedule: unknown schedule rejected");
  t.lr_schedule = RNN_LR_NONE;
  t.lr_drop_factor = 0;
  t.lr_drop_period = 0;
  check(rnn_lr_check(&t, &err) == RNN_OK, "schedule: none ignores factor and period");
  free(p0);
  free(p1);
  free(p2);
  free(w);
}

int main(void) {
  rnn_config c = lstm_config(), bad;
  rnn_error err;
  rnn_rng rng;
  size_t N = 16, T = 5, k, P;
  double x[16 * 5 * 2], y[16], h1[5], h2[5], out[16];
  double *p1, *p2, *w;
  int st1, st2;

  test_rows(); /* issue 19 */
  test_csv(); /* issue 18 */
  test_tokens();
  test_calendar();
  test_forecast_series();
  test_forecast_conformal();
  test_ensemble(); /* issue 15 */
  test_covariates(); /* issue 15 */
  test_accuracy();
  test_series();
  test_panel();
  test_window_source(); /* issue 16 */
  test_transform();          /* issue 15 */
  test_transform_forecast(); /* issue 15 */
  test_lambda_summary();     /* the panel's lambda label */
  test_transform_combo();    /* issue 15 */
  test_text();
  test_encode();
  test_pad();
  test_streams();
  test_vocab();
  test_layout();
  test_memory();
  test_progress();
  test_input_check();
  test_write_file();
  test_schema();
  /* configuration checks return status codes, never crash */
  check(rnn_config_check(&c, &err) == RNN_OK, "valid config accepted");
  check(rnn_config_check(NULL, &err) == RNN_ERR_INPUT, "NULL config");
  bad = c;
  bad.n_hidden[1] = 0;
  check(rnn_config_check(&bad, &err) == RNN_ERR_DIM, "zero units");
  check(strcmp(err.id, "rnnkit:dim") == 0, "error id rnnkit:dim");
  bad = c;
  bad.n_hidden[0] = 2000000000;
  check(rnn_config_check(&bad, &err) == RNN_ERR_DIM, "absurd units");
  check(rnn_n_params(&bad) == 0, "n_params of an invalid config is 0");
  bad = c;
  bad.n_layers = RNN_MAX_LAYERS + 1;
  check(rnn_config_check(&bad, &err) == RNN_ERR_DIM, "too many layers");
  bad = c;
  bad.cell = 7;
  check(rnn_config_check(&bad, &err) == RNN_ERR_INPUT, "unknown cell");
  bad = c;
  bad.dropout = 1.0;
  check(rnn_config_check(&bad, &err) == RNN_ERR_INPUT, "dropout 1");
  bad = c;
  bad.dropout = NAN;
  check(rnn_config_check(&bad, &err) == RNN_ERR_INPUT, "dropout NaN");
  check(rnn_loss_check(&c, RNN_LOSS_BCE, &err) == RNN_ERR_INPUT,
        "bce needs sigmoid head");
  check(rnn_batch_workspace(&c, 0, 5) == 0, "workspace of an empty batch");

  /* parameter count: LSTM G=4: 16*(2+4+1) + 12*(4+3+1) + (3+1) */
  P = rnn_n_params(&c);
  check(P == (size_t)(16 * 7 + 12 * 8 + 4), "parameter count");

  /* data: y = mean of the last inputs */
  rnn_rng_seed(&rng, 3);
  for (k = 0; k < N * T * 2; k++) x[k] = rnn_rng_normal(&rng);
  for (k = 0; k < N; k++) y[k] = 0.5 * (x[k + N * (T - 1)] + x[k + N * (T - 1 + T)]);

  /* forward/predict reject bad arguments */
  w = malloc(rnn_predict_workspace(&c, 8, T) * sizeof(double));
  p1 = calloc(P, sizeof(double));
  check(rnn_predict(&c, p1, 0, T, x, 8, out, w, &err) == RNN_ERR_DIM,
        "predict with zero samples");
  check(rnn_predict(&c, NULL, N, T, x, 8, out, w, &err) == RNN_ERR_INPUT,
        "predict with NULL params");
  check(rnn_predict(&c, p1, N, T, x, 8, out, w, &err) == RNN_OK,
        "predict in chunks");
  free(p1);
  free(w);

  /* the same seed gives the same bits; another seed differs */
  p1 = train(42, x, y, N, T, h1, &st1);
  { /* a digest of the trained weights: run.sh compares it between this
       build and one without the SIMD clones and vector extensions */
    uint64_t hsh = 1469598103934665603ULL;
    const unsigned char *q = (const unsigned char *)p1;
    for (k = 0; k < P * sizeof(double); k++) hsh = (hsh ^ q[k]) * 1099511628211ULL;
    printf("core: digest %016llx\n", (unsigned long long)hsh);
  }
  p2 = train(42, x, y, N, T, h2, &st2);
  check(st1 == RNN_OK && st2 == RNN_OK, "training runs");
  check(memcmp(p1, p2, P * sizeof(double)) == 0, "same seed, same weights");
  check(memcmp(h1, h2, sizeof h1) == 0, "same seed, same loss history");
  check(h1[4] < h1[0], "loss decreases");
  free(p2);
  p2 = train(43, x, y, N, T, h2, &st2);
  check(memcmp(p1, p2, P * sizeof(double)) != 0, "another seed differs");
  free(p1);
  free(p2);

  /* non-finite data are rejected before training */
  x[7] = NAN;
  p1 = train(1, x, y, N, T, h1, &st1);
  check(st1 == RNN_ERR_INPUT, "NaN input rejected by rnn_train");
  free(p1);

  /* the model file and step-wise inference */
  {
    rnn_config mc = lstm_config();
    size_t MP = rnn_n_params(&mc);
    double *mp = malloc(MP * sizeof(double));
    for (k = 0; k < MP; k++) mp[k] = rnn_rng_normal(&rng);
    mp[0] = NAN;
    test_model_file(&mc, mp);
    free(mp);
  }
  test_step();
  test_gradients();
  test_padded();
  test_series_embed();
  test_single(); /* issue 19 */
  test_lr_schedule();
  check_activations();
  check_lstm_gates();
  check_activations_f(); /* issue 19 */
  check_lstm_gates_f();
  check_small_gemm();
  check_packed_gemm();
  check_float_gemm();
  printf("core: gemm digest %016llx\n", (unsigned long long)gemm_digest);

  printf("core: %d passed, %d failed\n", n_pass, n_fail);
  return n_fail != 0;
}
