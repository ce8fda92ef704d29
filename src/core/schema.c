/* The one schema of rnnkit: the names behind the core's integer codes,
 * the training defaults, and which fields of a model file are integers,
 * dates, matrices or data frames.  The hosts ask for these tables through
 * their gateways instead of keeping copies, so that a name, a default or
 * a model-file field is added here, once.  Everything is a constant
 * table: nothing is allocated, nothing is global state. */
#include "internal.h"

#include <math.h>
#include <string.h>

/* ---- names and codes ----------------------------------------------- */

/* Each table lists its names in code order: names[code]. */
static const char *const cells[] = {"simple", "lstm", "gru"};
static const char *const acts[] = {"linear", "tanh", "sigmoid", "softmax",
                                   "relu"};
static const char *const losses[] = {"mse", "mae", "bce", "sparse_ce"};
static const char *const optims[] = {"sgd", "rmsprop", "adam"};
static const char *const scalers[] = {"none", "minmax", "zscore"};
static const char *const inits[] = {"orthogonal", "identity"};
static const char *const levels[] = {"char", "word"};
static const char *const rec_types[] = {"none",   "double", "int", "logical",
                                        "string", "list",   "null"};
static const char *const rec_kinds[] = {
    "plain",   "date",  "factor",   "levels",  "dataframe",
    "unnamed", "names", "rownames", "colnames"};
/* issue 15 transform block: RNN_TRANSFORM_* */
static const char *const transforms[] = {"none",    "diff",  "log",
                                         "logdiff", "sdiff", "boxcox"};
/* issue 15 covariates: RNN_CAL_* */
static const char *const calendars[] = {"wday", "month", "quarter"};
/* the bits of rnn_file_field_flags(): RNN_FIELD_INT is 1 << 0, ... */
static const char *const field_flags[] = {"int", "date", "matrix", "dataframe"};
/* learning-rate schedules: RNN_LR_* */
static const char *const lr_schedules[] = {"none", "piecewise"};

static const struct {
  const char *what;
  const char *const *names;
  size_t n;
} tables[RNN_NAMES_N] = {
    {"cell", cells, 3},     {"activation", acts, 5}, {"loss", losses, 4},
    {"optimizer", optims, 3}, {"scaler", scalers, 3}, {"init", inits, 2},
    {"level", levels, 2},     {"record_type", rec_types, 7},
    {"record_kind", rec_kinds, 9},
    {"transform", transforms, 6}, {"field", field_flags, 4},
    {"calendar", calendars, 3}, {"lr_schedule", lr_schedules, 2}};

const char *rnn_names_what(int table) {
  return table >= 0 && table < RNN_NAMES_N ? tables[table].what : NULL;
}

const char *const *rnn_names(int table, size_t *n) {
  if (table < 0 || table >= RNN_NAMES_N) {
    if (n) *n = 0;
    return NULL;
  }
  if (n) *n = tables[table].n;
  return tables[table].names;
}

/* ASCII case-insensitive: "LSTM" names the cell "lstm" */
static int same_name(const char *a, const char *b) {
  for (; *a && *b; a++, b++) {
    int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a;
    int y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;
    if (x != y) return 0;
  }
  return *a == *b;
}

int rnn_code_of(int table, const char *name, int *code, rnn_error *err) {
  size_t n, k;
  const char *const *nm = rnn_names(table, &n);
  if (!nm || !name || !code)
    return rnn_fail(err, RNN_ERR_INPUT, "rnn_code_of: unknown table or NULL");
  for (k = 0; k < n; k++)
    if (same_name(name, nm[k])) {
      *code = (int)k;
      return RNN_OK;
    }
  { /* "unknown cell 'lsmt'; did you mean 'lstm'? (simple, lstm, gru)" */
    char list[160] = "";
    int near = rnn_suggest(name, nm, n);
    for (k = 0; k < n && strlen(list) + strlen(nm[k]) + 3 < sizeof list; k++) {
      if (k) strcat(list, ", ");
      strcat(list, nm[k]);
    }
    return rnn_fail(err, RNN_ERR_INPUT, "unknown %s '%.64s'%s%s%s (one of %s)",
                    tables[table].what, name,
                    near >= 0 ? "; did you mean '" : "",
                    near >= 0 ? nm[near] : "", near >= 0 ? "'?" : "", list);
  }
}

const char *rnn_name_of(int table, int code) {
  size_t n;
  const char *const *nm = rnn_names(table, &n);
  return nm && code >= 0 && (size_t)code < n ? nm[code] : NULL;
}

/* Levenshtein distance of a and b, ASCII case-insensitive, for names of
 * at most 63 bytes (longer ones are never close). */
static size_t distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b), i, j, row[64];
  if (la > 63 || lb > 63) return (size_t)-1;
  for (j = 0; j <= lb; j++) row[j] = j;
  for (i = 1; i <= la; i++) {
    size_t diag = row[0];
    int x = (a[i - 1] >= 'A' && a[i - 1] <= 'Z') ? a[i - 1] + 32 : a[i - 1];
    row[0] = i;
    for (j = 1; j <= lb; j++) {
      int y = (b[j - 1] >= 'A' && b[j - 1] <= 'Z') ? b[j - 1] + 32 : b[j - 1];
      size_t best = diag + (x != y), up = row[j] + 1, left = row[j - 1] + 1;
      if (up < best) best = up;
      if (left < best) best = left;
      diag = row[j];
      row[j] = best;
    }
  }
  return row[lb];
}

int rnn_suggest(const char *name, const char *const *names, size_t n) {
  size_t k, best = (size_t)-1, limit;
  int hit = -1;
  if (!name || !names) return -1;
  limit = strlen(name) / 3;
  if (limit < 2) limit = 2;
  for (k = 0; k < n; k++) {
    size_t d = names[k] ? distance(name, names[k]) : (size_t)-1;
    if (d < best) {
      best = d;
      hit = (int)k;
    }
  }
  return best <= limit ? hit : -1;
}

/* ---- training defaults --------------------------------------------- */

static const rnn_default defaults[] = {
    {"units", 16},          {"epochs", 100},        {"batch_size", 32},
    {"validation", 0},      {"min_delta", 0},       {"patience", 10},
    {"dropout", 0},         {"momentum", 0},        {"rho", 0.9},
    {"beta1", 0.9},         {"beta2", 0.999},       {"epsilon", 1e-7},
    {"lr_sgd", 0.01},       {"lr", 0.001},          {"threads", 2},
    {"checkpoint_every", 1}};

const rnn_default *rnn_defaults(size_t *n) {
  if (n) *n = sizeof defaults / sizeof defaults[0];
  return defaults;
}

double rnn_default_of(const char *name) {
  size_t k;
  for (k = 0; name && k < sizeof defaults / sizeof defaults[0]; k++)
    if (strcmp(name, defaults[k].name) == 0) return defaults[k].value;
  return NAN;
}

const char *rnn_default_filters(int level) {
  return level == RNN_TEXT_CHAR   ? ""
         : level == RNN_TEXT_WORD ? "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"
                                  : NULL;
}

int rnn_default_head(int loss) {
  switch (loss) {
  case RNN_LOSS_BCE:
    return RNN_ACT_SIGMOID;
  case RNN_LOSS_SPARSE_CE:
    return RNN_ACT_SOFTMAX;
  case RNN_LOSS_MSE:
  case RNN_LOSS_MAE:
    return RNN_ACT_LINEAR;
  default:
    return -1;
  }
}

/* ---- the model file's fields --------------------------------------- */

/* Fields whose type a host could not tell from its own values: Octave
 * holds every number as a double, R keeps these as integers; Octave's
 * datenums and R's Dates; Octave's column vectors and R's one-column
 * matrices; Octave's structs and R's data frames. */
static const rnn_file_field fields[] = {
    {"config.cell_code", RNN_FIELD_INT},
    {"config.activation_code", RNN_FIELD_INT},
    {"config.n_in", RNN_FIELD_INT},
    {"config.units", RNN_FIELD_INT},
    {"config.n_out", RNN_FIELD_INT},
    {"config.head_act_code", RNN_FIELD_INT},
    {"config.seq_out", RNN_FIELD_INT},
    {"config.n_vocab", RNN_FIELD_INT},
    {"config.n_embed", RNN_FIELD_INT},
    {"config.n_series", RNN_FIELD_INT},
    {"config.series_embed", RNN_FIELD_INT},
    {"config.precision", RNN_FIELD_INT}, /* issue 19: 0 double, 1 single */
    {"n_time", RNN_FIELD_INT},
    {"history", RNN_FIELD_DATAFRAME},
    {"history.epoch", RNN_FIELD_INT},
    {"training.n_train", RNN_FIELD_INT},
    {"training.n_val", RNN_FIELD_INT},
    {"training.epochs", RNN_FIELD_INT},
    {"training.batch_size", RNN_FIELD_INT},
    {"training.patience", RNN_FIELD_INT},
    {"training.lr_drop_period", RNN_FIELD_INT},
    {"status.epochs_run", RNN_FIELD_INT},
    {"status.best_epoch", RNN_FIELD_INT},
    {"status.diverged", RNN_FIELD_INT},
    {"prep.meta.window", RNN_FIELD_INT},
    {"prep.meta.horizon", RNN_FIELD_INT},
    {"prep.meta.stride", RNN_FIELD_INT},
    /* issue 15 transform block: the seasonal lag of "sdiff" */
    {"prep.meta.period", RNN_FIELD_INT},
    {"prep.scaler.n_rows", RNN_FIELD_INT},
    /* issue 16: a panel's first target row per key, and every windows
     * model's fitted rows, are integers in R */
    {"prep.meta.target_rows", RNN_FIELD_INT},
    {"fitted_rows", RNN_FIELD_INT},
    {"prep.data.split_row", RNN_FIELD_INT},
    {"prep.data.index", RNN_FIELD_DATE},
    {"prep.data.values", RNN_FIELD_MATRIX},
    {"residuals", RNN_FIELD_MATRIX},
    {"tokenizer.counts", RNN_FIELD_INT},
    {"tokenizer.num_words", RNN_FIELD_INT},
    {"tokenizer.n_texts", RNN_FIELD_INT},
    {"tokenizer.n_tokens", RNN_FIELD_INT},
    {"tokenizer.n_distinct", RNN_FIELD_INT},
    /* ---- ensemble (issue 15): params is then P x k ---- */
    {"ensemble.k", RNN_FIELD_INT},
    {"ensemble.seeds", 0},
    {"ensemble.loss", RNN_FIELD_MATRIX},
    {"ensemble.val_loss", RNN_FIELD_MATRIX},
    {"ensemble.epochs_run", RNN_FIELD_INT}
    /* ---- end ensemble ---- */
};

const rnn_file_field *rnn_file_fields(size_t *n) {
  if (n) *n = sizeof fields / sizeof fields[0];
  return fields;
}

/* the last component of a dotted path is "date" or "dates", or ends in
 * "_date" or "_dates" */
static int date_name(const char *path, size_t len) {
  const char *last = path, *p;
  size_t n;
  for (p = path; p < path + len; p++)
    if (*p == '.') last = p + 1;
  n = (size_t)(path + len - last);
  if (n && last[n - 1] == 's') n--;
  if (n < 4 || memcmp(last + n - 4, "date", 4) != 0) return 0;
  return n == 4 || last[n - 5] == '_';
}

unsigned rnn_file_field_flags(const char *path, size_t len) {
  static const char panel[] = "prep.data.series.";
  size_t k, np = sizeof panel - 1;
  unsigned flags = 0;
  if (!path) return 0;
  /* issue 16: a panel's series "prep.data.series.<key>.<field>" (the key
   * escaped, so without a dot) are typed as a one-series model's
   * "prep.data.<field>" */
  if (len > np && memcmp(path, panel, np) == 0) {
    const char *dot = memchr(path + np, '.', len - np);
    char buf[64];
    size_t nl = dot ? (size_t)(path + len - dot - 1) : 0;
    if (dot && nl > 0 && nl + 10 < sizeof buf && !memchr(dot + 1, '.', nl)) {
      memcpy(buf, "prep.data.", 10);
      memcpy(buf + 10, dot + 1, nl);
      return rnn_file_field_flags(buf, 10 + nl);
    }
  }
  for (k = 0; k < sizeof fields / sizeof fields[0]; k++)
    if (strlen(fields[k].path) == len && memcmp(fields[k].path, path, len) == 0)
      flags = fields[k].flags;
  if (date_name(path, len) && !(flags & RNN_FIELD_INT)) flags |= RNN_FIELD_DATE;
  return flags;
}
