/* What every command of the shared gateway layer reads: the model's
 * config, its parameters (one model or an ensemble), a seed. */
#include "gw.h"

#include <limits.h>
#include <string.h>

/* A config code or size: out of int's range (or NA) it is INT_MIN, which
 * rnn_config_check() refuses with its classed error. */
static int num(gw_in s, const char *name) {
  double v = gw_dbl(gw_need(s, name), name);
  return v >= -2147483647.0 && v <= 2147483647.0 ? (int)v : INT_MIN;
}

/* The config list / struct the hosts write (R's new_config(), the .m
 * files' struct of the same field names). */
rnn_config gw_config(gw_in s) {
  rnn_config cfg;
  rnn_error err;
  size_t l, n;
  int *units = gw_ints(gw_need(s, "units"), "units", 0, -2147483647, 2147483647, &n);
  memset(&cfg, 0, sizeof cfg);
  cfg.cell = num(s, "cell_code");
  cfg.activation = num(s, "activation_code");
  cfg.n_in = num(s, "n_in");
  cfg.n_layers = n > RNN_MAX_LAYERS ? RNN_MAX_LAYERS + 1 : (int)n;
  for (l = 0; l < n && l < RNN_MAX_LAYERS; l++) cfg.n_hidden[l] = units[l];
  cfg.n_out = num(s, "n_out");
  cfg.head_act = num(s, "head_act_code");
  cfg.seq_out = num(s, "seq_out");
  cfg.dropout = gw_dbl(gw_need(s, "dropout"), "dropout");
  cfg.n_vocab = gw_field(s, "n_vocab") ? num(s, "n_vocab") : 0;
  cfg.n_embed = gw_field(s, "n_embed") ? num(s, "n_embed") : 0;
  cfg.n_series = gw_field(s, "n_series") ? num(s, "n_series") : 0; /* issue 16 */
  cfg.series_embed = gw_field(s, "series_embed") ? num(s, "series_embed") : 0;
  cfg.precision = gw_field(s, "precision") ? num(s, "precision") : 0; /* issue 19 */
  if (rnn_config_check(&cfg, &err) != RNN_OK) gw_raise(&err);
  return cfg;
}

/* The members of params: n_params numbers (one model) or an n_params x k
 * matrix (an ensemble of k, issue 15). */
size_t gw_members(const rnn_config *cfg, gw_in p) {
  size_t P = rnn_n_params(cfg), n, m, c;
  gw_reals(p, "params", &n);
  if (P == 0 || n == 0 || n % P != 0 ||
      (n != P && (gw_matrix(p, "params", &m, &c), m != P)))
    gw_internal("%lu parameters, expected %lu (or %lu rows, one column per "
                "ensemble member)",
                (unsigned long)n, (unsigned long)P, (unsigned long)P);
  return n / P;
}

/* A 64-bit seed from two doubles holding its 32-bit halves. */
uint64_t gw_seed(gw_in s) {
  size_t n;
  const double *v = gw_reals(s, "seed", &n);
  if (n != 2 || !(v[0] >= 0 && v[0] < 4294967296.0) ||
      !(v[1] >= 0 && v[1] < 4294967296.0))
    gw_internal("seed must be two 32-bit halves");
  return ((uint64_t)v[0] << 32) | (uint64_t)v[1];
}

int gw_window_source(gw_in x, size_t n_in, rnn_window_source *src, size_t *N,
                     size_t *T) {
  size_t n, rows, cols, k;
  const double *st;
  size_t *start;
  rnn_error err;
  if (!gw_is_list(x)) return 0;
  src->values = gw_matrix(gw_need(x, "values"), "values", &rows, &cols);
  if (cols != n_in) gw_internal("the source's values must have %lu columns", (unsigned long)n_in);
  st = gw_reals(gw_need(x, "start"), "start", &n);
  *T = gw_count(gw_need(x, "n_time"), "n_time", 1);
  start = (size_t *)gw_alloc(n, sizeof(size_t));
  for (k = 0; k < n; k++) {
    if (!(st[k] >= 0 && st[k] < (double)rows && st[k] == (double)(size_t)st[k]))
      gw_raise_status(RNN_ERR_DIM,
                      "window %lu starts at row %g of a source of %lu rows",
                      (unsigned long)(k + 1), st[k] + 1, (unsigned long)rows);
    start[k] = (size_t)st[k];
  }
  src->n_rows = rows;
  src->start = start;
  *N = n;
  if (n == 0) gw_raise_status(RNN_ERR_DIM, "the source has no windows");
  if (rnn_window_source_check(src, n, *T, n_in, &err) != RNN_OK) gw_raise(&err);
  return 1;
}
