/* .Call gateways: SEXP in -> core -> SEXP out.  Validation with helpful
 * messages happens in R (R/validate.R); these check only what the C code
 * needs to be safe, and turn core status codes into classed R conditions
 * through rnnkit_core_error() in R/errors.R.  Commands written once for
 * both hosts live in src/gw (with src/r_gw.c, R's side of their host-value
 * interface) and are only handed their arguments here. */
#include <R.h>
#include <Rinternals.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/rnnkit.h"
#include "r_rnnkit.h"
#include "r_util.h"

#ifndef _WIN32
#include <unistd.h>
/* GNU libgomp is not fork-safe: a child forked (parallel::mclapply) after
 * the parent ran an OpenMP region waits forever for threads that did not
 * survive the fork.  The pid of the process that loaded rnnkit tells a
 * forked child, which then trains on one thread -- with the same results,
 * since they never depend on the number of threads. */
static pid_t loaded_pid = 0;
void rnnkit_remember_pid(void) { loaded_pid = getpid(); }
static int in_forked_child(void) { return loaded_pid != 0 && getpid() != loaded_pid; }
#else
void rnnkit_remember_pid(void) {}
static int in_forked_child(void) { return 0; }
#endif

/* Commands of the shared gateway layer (src/gw/model.c documents them). */
SEXP rnnkit_n_params(SEXP config) { return r_gw_call(gw_n_params, &config); }

SEXP rnnkit_init(SEXP config, SEXP recurrent_init, SEXP seed) {
  SEXP a[] = {config, recurrent_init, seed};
  return r_gw_call(gw_init, a);
}

SEXP rnnkit_predict(SEXP config, SEXP params, SEXP x) {
  SEXP a[] = {config, params, x};
  return r_gw_call(gw_predict, a);
}

SEXP rnnkit_input_check(SEXP config, SEXP n_time_fit, SEXP stateful, SEXP dim,
                        SEXP name) {
  SEXP a[] = {config, n_time_fit, stateful, dim, name};
  return r_gw_call(gw_input_check, a);
}

SEXP rnnkit_loss_grad(SEXP config, SEXP loss, SEXP params, SEXP x, SEXP y,
                      SEXP seed) {
  SEXP a[] = {config, loss, params, x, y, seed};
  return r_gw_call(gw_loss_grad, a);
}

/* ---- training ------------------------------------------------------ */

/* Wall-clock seconds for the progress bar's ETA. */
static double now_seconds(void) {
#if defined(CLOCK_MONOTONIC) && !defined(_WIN32)
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#else
  return (double)time(NULL);
#endif
}

typedef struct {
  int verbose;      /* draw the progress bar                          */
  int width;        /* the console's width in columns                 */
  int shown;        /* columns of the line last drawn                 */
  int n_epochs;
  int interrupted;
  int drawn;        /* a bar is on the current line                   */
  double t0, last;  /* start and last redraw (seconds)                */
  double val_loss;  /* latest validation loss (NaN before the first)  */
  double *acc, *val_acc; /* the core's accuracy histories (NaN: none) */
  int done;         /* epochs finished                                */
  SEXP checkpoint;  /* R function(epoch, params, loss, val_loss, acc,
                       val_acc) or R_NilValue                          */
  int every;        /* call it after every `every`-th epoch           */
  SEXP params, hist[4];
  char ck_error[600]; /* why a checkpoint failed ("" if none)        */
  int member, n_members; /* ensemble (issue 15): the member training
                            (0-based) of n_members; its histories are
                            column `member` of acc and val_acc         */
} fit_ctx;

/* Saves a checkpoint through the R function; a failure (an R error)
 * stops training, with the reason kept for the warning. */
static void run_checkpoint(fit_ctx *c, int epoch) {
  SEXP call, a;
  int k, failed = 0;
  call = PROTECT(allocList(7));
  SET_TYPEOF(call, LANGSXP);
  SETCAR(call, c->checkpoint);
  a = CDR(call);
  SETCAR(a, ScalarInteger(epoch));
  a = CDR(a);
  SETCAR(a, duplicate(c->params));
  for (k = 0; k < 4; k++) {
    a = CDR(a);
    SETCAR(a, c->hist[k]);
  }
  R_tryEvalSilent(call, R_GlobalEnv, &failed);
  if (failed) {
    SEXP msg = PROTECT(R_ParseEvalString("geterrmessage()", R_BaseEnv));
    snprintf(c->ck_error, sizeof c->ck_error, "%s",
             TYPEOF(msg) == STRSXP && XLENGTH(msg) > 0 ? CHAR(STRING_ELT(msg, 0))
                                                       : "an error");
    UNPROTECT(1);
    c->interrupted = 1;
  }
  UNPROTECT(1);
}

/* One line, redrawn in place, never wider than the console so that no
 * terminal wraps it to a new line at every redraw (the core's
 * rnn_progress_line(), which the Octave gateway draws too).  Spaces clear
 * what remains of a longer previous line. */
static void draw_bar(fit_ctx *c, int epoch, int n_epochs, double frac,
                     double loss) {
  char line[512];
  int len;
  rnn_progress p;
  rnn_progress_init(&p, epoch, n_epochs, c->member, c->n_members, frac, loss,
                    c->val_loss, c->done, c->acc, c->val_acc,
                    now_seconds() - c->t0);
  len = rnn_progress_line(line, sizeof line, c->width, 1, &p);
  Rprintf("\r%s%*s", line, c->shown > len ? c->shown - len : 0, "");
  c->shown = len;
  R_FlushConsole();
  c->drawn = 1;
  c->last = now_seconds();
}

static void check_interrupt_fn(void *unused) {
  (void)unused;
  R_CheckUserInterrupt();
}

/* TRUE if the user pressed Ctrl-C; never longjmps out of the core. */
static int pending_interrupt(void) {
  return !R_ToplevelExec(check_interrupt_fn, NULL);
}

static int on_batch(void *ctx, int epoch, int batch, int n_batches,
                    double loss) {
  fit_ctx *c = (fit_ctx *)ctx;
  /* an ensemble's next member starts again at epoch 1 (issue 15) */
  if (epoch <= c->done && c->member + 1 < c->n_members) {
    c->member++;
    c->done = 0;
  }
  if (c->verbose && now_seconds() - c->last >= 0.2)
    draw_bar(c, epoch, c->n_epochs,
             ((double)(epoch - 1) + (double)batch / n_batches) / c->n_epochs,
             loss);
  if (pending_interrupt()) c->interrupted = 1;
  return c->interrupted;
}

static int on_epoch(void *ctx, int epoch, int n_epochs, double loss,
                    double val_loss) {
  fit_ctx *c = (fit_ctx *)ctx;
  /* an ensemble's next member starts again at epoch 1 (issue 15) */
  if (epoch <= c->done && c->member + 1 < c->n_members) c->member++;
  c->val_loss = val_loss;
  c->done = epoch;
  if (c->checkpoint != R_NilValue && epoch % c->every == 0) run_checkpoint(c, epoch);
  if (c->verbose && (now_seconds() - c->last >= 0.2 || epoch == n_epochs))
    draw_bar(c, epoch, n_epochs, (double)epoch / n_epochs, loss);
  if (pending_interrupt()) c->interrupted = 1;
  return c->interrupted;
}

/* The host's part of gw_train() (src/gw/train.c): the progress bar,
 * checkpoints through an R function, Ctrl-C. */
static void fit_start(gw_fit *f) {
  fit_ctx *c = (fit_ctx *)f->ctx;
  SEXP verbose = (SEXP)f->arg[8], ck = (SEXP)gw_field(f->arg[1], "checkpoint");
  int k;
  if (in_forked_child()) f->tc.n_threads = 1;
  memset(c, 0, sizeof *c);
  /* verbose: FALSE, TRUE (80 columns) or the console's width */
  if (TYPEOF(verbose) == LGLSXP) {
    c->verbose = asLogical(verbose) == TRUE;
    c->width = 80;
  } else {
    c->width = asInteger(verbose);
    c->verbose = c->width != NA_INTEGER && c->width > 0;
    if (c->width == NA_INTEGER || c->width < 10) c->width = 10;
    if (c->width > 500) c->width = 500;
  }
  c->n_epochs = f->tc.epochs;
  c->t0 = c->last = now_seconds();
  c->val_loss = NA_REAL;
  c->acc = f->acc;
  c->val_acc = f->val_acc;
  c->n_members = f->n_members; /* ensemble (issue 15) */
  c->params = (SEXP)gw_slot(f->o, 0);
  for (k = 0; k < 4; k++) c->hist[k] = (SEXP)gw_slot(f->o, k < 2 ? k + 1 : k + 8);
  c->checkpoint = R_NilValue;
  c->every = 1;
  if (ck && isFunction(ck)) {
    c->checkpoint = ck;
    c->every = (int)gw_count(gw_need(f->arg[1], "checkpoint_every"),
                             "checkpoint_every", 0);
    if (c->every < 1) c->every = 1;
  }
  f->ck_error = c->ck_error;
  f->cb.on_epoch = on_epoch;
  f->cb.on_batch = on_batch;
  f->cb.ctx = c;
}

static void fit_end(gw_fit *f) {
  if (((fit_ctx *)f->ctx)->drawn) Rprintf("\n");
}

static void fit_extras(gw_fit *f, int first) {
  (void)f;
  (void)first;
}

SEXP rnnkit_train(SEXP config, SEXP train, SEXP params, SEXP x, SEXP y,
                  SEXP xval, SEXP yval, SEXP seed, SEXP verbose) {
  SEXP a[] = {config, train, params, x, y, xval, yval, seed, verbose};
  fit_ctx ctx;
  gw_fit f;
  memset(&f, 0, sizeof f);
  f.start = fit_start;
  f.end = fit_end;
  f.extras = fit_extras;
  f.ctx = &ctx;
  return r_gw_train(a, &f);
}

/* ---- windows, scaling, forecasts ----------------------------------- */

/* ==== the series engine (rnn_series_* in series.c) ================== */

/* ---- issue 15 transform block -------------------------------------- */
SEXP rnnkit_season_period(SEXP index) {
  SEXP a[] = {index};
  return r_gw_call(gw_season_period, a);
}
/* ---- end of issue 15 transform block ------------------------------- */

/* The shared gateway layer's commands (src/gw/series.c documents their
 * arguments and results). */
SEXP rnnkit_series_plan(SEXP data, SEXP feat, SEXP tgt, SEXP spec, SEXP center,
                        SEXP scale) {
  SEXP a[] = {data, feat, tgt, spec, center, scale};
  return r_gw_call(gw_series_plan, a);
}

SEXP rnnkit_series_eval(SEXP data, SEXP tgt, SEXP horizon, SEXP first,
                        SEXP pred, SEXP center, SEXP scale, SEXP set, SEXP hist,
                        SEXP n_fit, SEXP period, SEXP transform) {
  SEXP a[] = {data, tgt, horizon, first, pred, center, scale, set, hist, n_fit,
              period, transform};
  return r_gw_call(gw_series_eval, a);
}
/* ==== end of the series engine ====================================== */

SEXP rnnkit_rescale(SEXP data, SEXP center, SEXP scale, SEXP to_center,
                    SEXP to_scale) {
  SEXP a[] = {data, center, scale, to_center, to_scale};
  return r_gw_call(gw_rescale, a);
}

SEXP rnnkit_locf(SEXP data) {
  SEXP a[] = {data};
  return r_gw_call(gw_locf, a);
}

/* ---- issue 14 forecast/calendar block ------------------------------ */

SEXP rnnkit_forecast(SEXP config, SEXP params, SEXP spec, SEXP seed) {
  SEXP a[] = {config, params, spec, seed};
  return r_gw_call(gw_forecast, a);
}

SEXP rnnkit_next_dates(SEXP index, SEXP dated, SEXP h) {
  SEXP a[] = {index, dated, h};
  return r_gw_call(gw_next_dates, a);
}

SEXP rnnkit_match_dates(SEXP fc, SEXP hist, SEXP index) {
  SEXP a[] = {fc, hist, index};
  return r_gw_call(gw_match_dates, a);
}

/* ---- end of the issue 14 forecast/calendar block -------------------- */

SEXP rnnkit_generate(SEXP config, SEXP params, SEXP prime, SEXP n,
                     SEXP temperature, SEXP seed, SEXP state) {
  SEXP a[] = {config, params, prime, n, temperature, seed, state};
  return r_gw_call(gw_generate, a);
}

/* ---- accuracy ------------------------------------------------------ */

/* RNN_ACC_ROWS x length(scale) matrix of rnn_accuracy(): actual and pred
 * are doubles of equal length, one column per element of scale (scale's
 * NA comes back as the MASE's NA); origin (NULL: none, DA NA) as long,
 * the last observed values, gives the directional accuracy (issue 15). */
SEXP rnnkit_accuracy(SEXP actual, SEXP pred, SEXP scale, SEXP origin) {
  SEXP a[] = {actual, pred, scale, origin};
  return r_gw_call(gw_accuracy, a);
}

SEXP rnnkit_forecast_accuracy(SEXP hist, SEXP actual, SEXP point, SEXP period) {
  SEXP a[] = {hist, actual, point, period};
  return r_gw_call(gw_forecast_accuracy, a);
}

SEXP rnnkit_naive_scale(SEXP x, SEXP period) {
  SEXP a[] = {x, period};
  return r_gw_call(gw_naive_scale, a);
}

/* ---- text ----------------------------------------------------------- */

/* Splits the UTF-8 string s as rnn_text_tokens() does, into code points
 * *cp and token ends *ends allocated here with R_alloc (the core asks for
 * the sizes first and allocates nothing). */
static void text_tokens_of(SEXP s, int level, int low, SEXP f, int32_t **cp,
                           size_t **ends, size_t *n_cp, size_t *n_tok) {
  rnn_error err;
  if (s == NA_STRING) error("rnnkit internal error: NA text");
  if (rnn_text_tokens(CHAR(s), (size_t)LENGTH(s), level, low, CHAR(f),
                      (size_t)LENGTH(f), NULL, 0, NULL, 0, n_cp, n_tok,
                      &err) != RNN_OK)
    raise_core(&err);
  *cp = (int32_t *)R_alloc(*n_cp + 1, sizeof(int32_t));
  *ends = (size_t *)R_alloc(*n_tok + 1, sizeof(size_t));
}

/* rnn_text_encode() of each UTF-8 string of texts against the character
 * vector vocab: a list of integer vectors (ids 1..length(vocab)).  level:
 * "char" or "word"; oov: TRUE when vocab[1] is the oov token that unknown
 * tokens become. */
SEXP rnnkit_text_encode(SEXP texts, SEXP level_name, SEXP lower, SEXP filters,
                        SEXP vocab, SEXP oov) {
  rnn_error err;
  SEXP out, f;
  R_xlen_t i;
  size_t nv, k, n_vcp, *vend, *order, *vb;
  const char **voc;
  int32_t *vcp;
  int level, low;
  if (TYPEOF(texts) != STRSXP || TYPEOF(filters) != STRSXP ||
      XLENGTH(filters) != 1 || STRING_ELT(filters, 0) == NA_STRING ||
      TYPEOF(vocab) != STRSXP)
    error("rnnkit internal error: texts, filters and vocab must be strings");
  level = code_of(RNN_NAMES_LEVEL, level_name);
  low = asLogical(lower) == TRUE;
  f = STRING_ELT(filters, 0);
  nv = (size_t)XLENGTH(vocab);
  voc = (const char **)R_alloc(nv + 1, sizeof(char *));
  vb = (size_t *)R_alloc(nv + 1, sizeof(size_t));
  for (k = 0; k < nv; k++)
    vb[k] = strlen(voc[k] = translateCharUTF8(STRING_ELT(vocab, (R_xlen_t)k)));
  /* the vocabulary as code points, then its sorted index */
  if (rnn_vocab_index(nv, voc, vb, NULL, 0, &n_vcp, NULL, NULL, &err) != RNN_OK)
    raise_core(&err);
  vcp = (int32_t *)R_alloc(n_vcp + 1, sizeof(int32_t));
  vend = (size_t *)R_alloc(nv + 1, sizeof(size_t));
  order = (size_t *)R_alloc(nv + 1, sizeof(size_t));
  if (rnn_vocab_index(nv, voc, vb, vcp, n_vcp, &n_vcp, vend, order, &err) !=
      RNN_OK)
    raise_core(&err);
  out = PROTECT(allocVector(VECSXP, XLENGTH(texts)));
  for (i = 0; i < XLENGTH(texts); i++) {
    SEXP s = STRING_ELT(texts, i), ids;
    const void *vmax = vmaxget();
    size_t n_cp, n_tok, n_ids;
    int32_t *cp, *id;
    size_t *ends;
    text_tokens_of(s, level, low, f, &cp, &ends, &n_cp, &n_tok);
    id = (int32_t *)R_alloc(n_tok + 1, sizeof(int32_t));
    if (rnn_text_encode(CHAR(s), (size_t)LENGTH(s), level, low, CHAR(f),
                        (size_t)LENGTH(f), nv, vcp, vend, order,
                        asLogical(oov) == TRUE ? 1 : 0, cp, n_cp, ends, n_tok,
                        id, &n_ids, &err) != RNN_OK)
      raise_core(&err);
    ids = PROTECT(allocVector(INTSXP, (R_xlen_t)n_ids));
    for (k = 0; k < n_ids; k++) INTEGER(ids)[k] = id[k];
    SET_VECTOR_ELT(out, i, ids);
    UNPROTECT(1);
    vmaxset(vmax);
  }
  UNPROTECT(1);
  return out;
}

/* ---- vocabulary and decoding (issue 14) ----------------------------- */

/* rnn_vocab_fit() of the UTF-8 strings texts: list(vocab = character,
 * counts = integer, n_tokens, n_distinct).  level: "char" or "word";
 * num_words: 0 for all; oov:
 * NULL or one string.  An empty vocab means no tokens (or only oov): R
 * says so. */
SEXP rnnkit_vocab_fit(SEXP texts, SEXP level_name, SEXP lower, SEXP filters,
                      SEXP num_words, SEXP oov) {
  static const char *names[] = {"vocab", "counts", "n_tokens", "n_distinct"};
  rnn_error err;
  rnn_vocab_info in;
  SEXP vals[4], f = STRING_ELT(filters, 0);
  size_t n = (size_t)XLENGTH(texts), k, *nb, *vend;
  const char **t, *o = isNull(oov) ? NULL : CHAR(STRING_ELT(oov, 0));
  char *voc;
  double *cnt;
  void *work;
  int level = code_of(RNN_NAMES_LEVEL, level_name);
  t = (const char **)R_alloc(n + 1, sizeof(char *));
  nb = (size_t *)R_alloc(n + 1, sizeof(size_t));
  for (k = 0; k < n; k++) {
    t[k] = CHAR(STRING_ELT(texts, (R_xlen_t)k));
    nb[k] = (size_t)LENGTH(STRING_ELT(texts, (R_xlen_t)k));
  }
#define FIT(w, v, e, c)                                                     \
  rnn_vocab_fit(n, t, nb, level, asLogical(lower) == TRUE, CHAR(f),        \
                (size_t)LENGTH(f), (size_t)asReal(num_words), o,           \
                o ? strlen(o) : 0, w, v, e, c, &in, &err)
  if (FIT(NULL, NULL, NULL, NULL) != RNN_OK) raise_core(&err);
  need_bytes(in.work_len + in.voc_len, "the tokens");
  work = R_alloc(in.work_len, 1);
  voc = R_alloc(in.voc_len + 1, 1);
  vend = (size_t *)R_alloc(in.n_tokens + 1, sizeof(size_t));
  cnt = alloc_work(in.n_tokens + 1, "the counts");
  if (FIT(work, voc, vend, cnt) != RNN_OK) raise_core(&err);
#undef FIT
  vals[0] = PROTECT(allocVector(STRSXP, (R_xlen_t)in.n_vocab));
  vals[1] = PROTECT(allocVector(INTSXP, (R_xlen_t)in.n_vocab));
  for (k = 0; k < in.n_vocab; k++) {
    size_t from = k ? vend[k - 1] : 0;
    SET_STRING_ELT(vals[0], (R_xlen_t)k,
                   mkCharLenCE(voc + from, (int)(vend[k] - from), CE_UTF8));
    INTEGER(vals[1])[k] = (int)cnt[k];
  }
  /* as R's length() gives them: integers, doubles beyond */
  vals[2] = PROTECT(in.n_tokens <= INT_MAX ? ScalarInteger((int)in.n_tokens)
                                           : ScalarReal((double)in.n_tokens));
  vals[3] = PROTECT(in.n_distinct <= INT_MAX ? ScalarInteger((int)in.n_distinct)
                                             : ScalarReal((double)in.n_distinct));
  return named_list(4, names, vals);
}

/* rnn_text_decode(): lens (doubles, one per sequence), values (their
 * concatenated ids, doubles), vocab (UTF-8 strings), level "char"/"word":
 * the decoded texts, a character vector. */
SEXP rnnkit_text_decode(SEXP lens, SEXP values, SEXP vocab,
                        SEXP level_name) {
  rnn_error err;
  SEXP out;
  size_t n = (size_t)XLENGTH(lens), nv, k, nb = 0, *len, *vb, *oend;
  const char **voc;
  char *buf;
  int level = code_of(RNN_NAMES_LEVEL, level_name);
  if (TYPEOF(lens) != REALSXP || TYPEOF(values) != REALSXP ||
      TYPEOF(vocab) != STRSXP)
    error("rnnkit internal error: lens, values and vocab");
  nv = (size_t)XLENGTH(vocab);
  len = (size_t *)R_alloc(n + 1, sizeof(size_t));
  for (k = 0, nb = 0; k < n; k++) nb += len[k] = (size_t)REAL(lens)[k];
  if (nb != (size_t)XLENGTH(values))
    error("rnnkit internal error: lens do not add up to the values");
  voc = (const char **)R_alloc(nv + 1, sizeof(char *));
  vb = (size_t *)R_alloc(nv + 1, sizeof(size_t));
  for (k = 0; k < nv; k++)
    vb[k] = strlen(voc[k] = translateCharUTF8(STRING_ELT(vocab, (R_xlen_t)k)));
  oend = (size_t *)R_alloc(n + 1, sizeof(size_t));
  if (rnn_text_decode(n, len, REAL(values), level, nv, voc, vb, NULL, 0,
                      oend, &err) != RNN_OK)
    raise_core(&err);
  nb = n ? oend[n - 1] : 0;
  need_bytes(nb, "the decoded texts");
  buf = R_alloc(nb + 1, 1);
  if (rnn_text_decode(n, len, REAL(values), level, nv, voc, vb, buf, nb,
                      oend, &err) != RNN_OK)
    raise_core(&err);
  out = PROTECT(allocVector(STRSXP, (R_xlen_t)n));
  for (k = 0; k < n; k++) {
    size_t from = k ? oend[k - 1] : 0;
    if (oend[k] - from > (size_t)INT_MAX)
      raise_status(RNN_ERR_SIZE, "a decoded text of %.0f bytes is longer than "
                   "R's strings allow", (double)(oend[k] - from));
    SET_STRING_ELT(out, (R_xlen_t)k,
                   mkCharLenCE(buf + from, (int)(oend[k] - from), CE_UTF8));
  }
  UNPROTECT(1);
  return out;
}

/* ---- Keras' and PyTorch's weight layouts (issue 14) ------------------ */

/* The parameters of the layer model config from weights: torch FALSE,
 * list(kernel, recurrent_kernel, bias) in Keras' layout; TRUE,
 * list(weight_ih, weight_hh, bias_ih, bias_hh) in PyTorch's; R checked
 * their shapes (a NULL bias is zeros). */
SEXP rnnkit_params_from_layer(SEXP config, SEXP torch, SEXP weights) {
  rnn_config cfg = config_from(config);
  rnn_error err;
  const double *w[4];
  int k, st;
  SEXP out = PROTECT(new_doubles(rnn_n_params(&cfg), "the layer's weights"));
  for (k = 0; k < 4; k++) {
    SEXP v = k < LENGTH(weights) ? VECTOR_ELT(weights, k) : R_NilValue;
    if (!isNull(v) && TYPEOF(v) != REALSXP)
      error("rnnkit internal error: weights must be doubles");
    w[k] = isNull(v) ? NULL : REAL(v);
  }
  st = asLogical(torch) == TRUE
           ? rnn_params_from_torch(&cfg, w[0], w[1], w[2], w[3], REAL(out), &err)
           : rnn_params_from_keras(&cfg, w[0], w[1], w[2], REAL(out), &err);
  if (st != RNN_OK) raise_core(&err);
  UNPROTECT(1);
  return out;
}

/* The weights of the layer model config with parameters params: torch
 * FALSE, list(kernel, recurrent_kernel, bias) in Keras' layout (a GRU's
 * bias 2 x 3H); TRUE, list(weight_ih, weight_hh, bias_ih, bias_hh). */
SEXP rnnkit_params_to_layer(SEXP config, SEXP params, SEXP torch) {
  static const char *keras[] = {"kernel", "recurrent_kernel", "bias"};
  static const char *pt[] = {"weight_ih", "weight_hh", "bias_ih", "bias_hh"};
  rnn_config cfg = config_from(config);
  rnn_error err;
  size_t I = (size_t)cfg.n_in, H = (size_t)cfg.n_hidden[0];
  size_t GH = (size_t)rnn_cell_gates(cfg.cell) * H;
  int gru = cfg.cell == RNN_CELL_GRU, st;
  SEXP v[4];
  check_params(&cfg, params);
  if (asLogical(torch) == TRUE) {
    v[0] = PROTECT(new_matrix(GH, I, "weight_ih"));
    v[1] = PROTECT(new_matrix(GH, H, "weight_hh"));
    v[2] = PROTECT(new_doubles(GH, "bias_ih"));
    v[3] = PROTECT(new_doubles(GH, "bias_hh"));
    st = rnn_params_to_torch(&cfg, REAL(params), REAL(v[0]), REAL(v[1]),
                             REAL(v[2]), REAL(v[3]), &err);
    if (st != RNN_OK) raise_core(&err);
    return named_list(4, pt, v);
  }
  v[0] = PROTECT(new_matrix(I, GH, "kernel"));
  v[1] = PROTECT(new_matrix(H, GH, "recurrent_kernel"));
  v[2] = PROTECT(gru ? new_matrix(2, GH, "bias") : new_doubles(GH, "bias"));
  st = rnn_params_to_keras(&cfg, REAL(params), REAL(v[0]), REAL(v[1]),
                           REAL(v[2]), &err);
  if (st != RNN_OK) raise_core(&err);
  return named_list(3, keras, v);
}

/* rnn_pad_sequences(): lens (doubles, one per sequence) and values
 * (their concatenated integers, as doubles), maxlen, post padding and
 * post truncation flags, value: the length(lens) x maxlen integer
 * matrix. */
SEXP rnnkit_pad_sequences(SEXP lens, SEXP values, SEXP maxlen, SEXP pad_post,
                          SEXP trunc_post, SEXP value) {
  rnn_error err;
  SEXP out;
  size_t n = (size_t)XLENGTH(lens), m, k, total = 0, *len;
  double ml = asReal(maxlen), *work;
  if (TYPEOF(lens) != REALSXP || TYPEOF(values) != REALSXP ||
      !(ml >= 0 && ml <= INT_MAX))
    error("rnnkit internal error: lens, values and maxlen");
  m = (size_t)ml;
  len = (size_t *)R_alloc(n + 1, sizeof(size_t));
  for (k = 0; k < n; k++) {
    double l = REAL(lens)[k];
    if (!(l >= 0)) error("rnnkit internal error: lens");
    len[k] = (size_t)l;
    total += len[k];
  }
  if (total != (size_t)XLENGTH(values))
    error("rnnkit internal error: lens do not add up to the values");
  work = alloc_work(rnn_size_mul(n, m), "the padded sequences");
  out = PROTECT(allocVector(INTSXP, (R_xlen_t)(n * m)));
  {
    SEXP dim = PROTECT(allocVector(INTSXP, 2));
    INTEGER(dim)[0] = (int)n;
    INTEGER(dim)[1] = (int)m;
    setAttrib(out, R_DimSymbol, dim);
    UNPROTECT(1);
  }
  if (rnn_pad_sequences(n, len, REAL(values), m, asLogical(pad_post) == TRUE,
                        asLogical(trunc_post) == TRUE, asReal(value), work,
                        &err) != RNN_OK)
    raise_core(&err);
  for (k = 0; k < n * m; k++) INTEGER(out)[k] = (int)work[k];
  UNPROTECT(1);
  return out;
}

SEXP rnnkit_text_streams(SEXP tokens, SEXP seq_len, SEXP batch_size) {
  SEXP a[] = {tokens, seq_len, batch_size};
  return r_gw_call(gw_text_streams, a);
}

/* ---- h14-file: the shared layer's commands (src/gw/file.c) ---------- */

SEXP rnnkit_model_encode(SEXP records) { return r_gw_call(gw_model_encode, &records); }
SEXP rnnkit_model_decode(SEXP raw) { return r_gw_call(gw_model_decode, &raw); }
SEXP rnnkit_schema(void) { return r_gw_call(gw_schema, NULL); }
SEXP rnnkit_panel_pool(SEXP tab) { return r_gw_call(gw_panel_pool, &tab); }

SEXP rnnkit_write_file(SEXP file, SEXP bytes) {
  SEXP a[] = {file, bytes};
  return r_gw_call(gw_write_file, a);
}

SEXP rnnkit_file_flags(SEXP paths, SEXP flag) {
  SEXP a[] = {paths, flag};
  return r_gw_call(gw_file_flags, a);
}

SEXP rnnkit_suggest(SEXP x, SEXP choices) {
  SEXP a[] = {x, choices};
  return r_gw_call(gw_suggest, a);
}

SEXP rnnkit_read_csv(SEXP raw, SEXP delim, SEXP day_first) {
  SEXP a[] = {raw, delim, day_first};
  return r_gw_call(gw_read_csv, a);
}

/* the features matrix, its column names as dimnames */
SEXP rnnkit_calendar(SEXP days, SEXP kinds) {
  SEXP a[] = {days, kinds}, r = PROTECT(r_gw_call(gw_calendar, a));
  SEXP dn = PROTECT(allocVector(VECSXP, 2));
  SET_VECTOR_ELT(dn, 1, VECTOR_ELT(r, 1));
  setAttrib(VECTOR_ELT(r, 0), R_DimNamesSymbol, dn);
  UNPROTECT(2);
  return VECTOR_ELT(r, 0);
}

SEXP rnnkit_need_memory(SEXP bytes, SEXP what) {
  SEXP a[] = {bytes, what};
  return r_gw_call(gw_need_memory, a);
}
/* ---- end of h14-file ------------------------------------------------- */
