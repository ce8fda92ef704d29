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

static void check_matrix(SEXP m, const char *what) {
  if (TYPEOF(m) != REALSXP || length(getAttrib(m, R_DimSymbol)) != 2)
    error("rnnkit internal error: %s must be a double matrix", what);
}

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

/* Calendar features (issue 15): the n x 2k matrix of
 * rnn_calendar_features() for the day counts days and the kinds named
 * (character: "wday", "month", "quarter"; "auto" alone: the kind
 * rnn_calendar_auto() picks for the index's period, none for yearly),
 * with column names "<kind>_sin", "<kind>_cos". */
SEXP rnnkit_calendar(SEXP days, SEXP kinds) {
  rnn_error err;
  size_t n, nk, c;
  int *code, one;
  SEXP out, nms;
  const char *const *names = rnn_names(RNN_NAMES_CALENDAR, NULL);
  if (TYPEOF(days) != REALSXP || TYPEOF(kinds) != STRSXP)
    error("rnnkit internal error: calendar(double days, character kinds)");
  n = (size_t)XLENGTH(days);
  nk = (size_t)XLENGTH(kinds);
  if (nk == 1 && strcmp(CHAR(STRING_ELT(kinds, 0)), "auto") == 0) {
    int period = RNN_STEP_NONE;
    if (n > 0 && rnn_date_period(n, REAL(days), alloc_work(n, "the date steps"),
                                 &period, &err) != RNN_OK)
      raise_core(&err);
    one = rnn_calendar_auto(period);
    nk = one >= 0;
    code = &one;
  } else {
    code = (int *)R_alloc(nk > 0 ? nk : 1, sizeof(int));
    for (c = 0; c < nk; c++) {
      SEXP k1 = PROTECT(ScalarString(STRING_ELT(kinds, (R_xlen_t)c)));
      code[c] = code_of(RNN_NAMES_CALENDAR, k1);
      UNPROTECT(1);
    }
  }
  out = PROTECT(new_matrix(n, 2 * nk, "the calendar features"));
  if (rnn_calendar_features(n, REAL(days), nk, code, REAL(out), &err) != RNN_OK)
    raise_core(&err);
  nms = PROTECT(allocVector(STRSXP, (R_xlen_t)(2 * nk)));
  for (c = 0; c < nk; c++) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s_sin", names[code[c]]);
    SET_STRING_ELT(nms, (R_xlen_t)(2 * c), mkChar(buf));
    snprintf(buf, sizeof buf, "%s_cos", names[code[c]]);
    SET_STRING_ELT(nms, (R_xlen_t)(2 * c + 1), mkChar(buf));
  }
  {
    SEXP dn = PROTECT(allocVector(VECSXP, 2));
    SET_VECTOR_ELT(dn, 1, nms);
    setAttrib(out, R_DimNamesSymbol, dn);
  }
  UNPROTECT(3);
  return out;
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

/* For R code that makes large arrays itself (rnn_pad_sequences): the
 * check the gateways make before their own allocations, for `bytes`
 * (a double) needed by `what`.  Returns NULL or raises
 * rnnkit_error_size.  Mirrors the Octave command "need_memory". */
SEXP rnnkit_need_memory(SEXP bytes, SEXP what) {
  double b = asReal(bytes);
  if (ISNAN(b) || b < 0 || TYPEOF(what) != STRSXP || XLENGTH(what) != 1)
    error("rnnkit internal error: need_memory(bytes, what)");
  need_bytes(b >= (double)SIZE_MAX ? SIZE_MAX : (size_t)b,
             CHAR(STRING_ELT(what, 0)));
  return R_NilValue;
}

/* ---- accuracy ------------------------------------------------------ */

/* RNN_ACC_ROWS x length(scale) matrix of rnn_accuracy(): actual and pred
 * are doubles of equal length, one column per element of scale (scale's
 * NA comes back as the MASE's NA); origin (NULL: none, DA NA) as long,
 * the last observed values, gives the directional accuracy (issue 15). */
/* issue 16: the pooled row of a panel's accuracy (rnn_panel_pool): tab
 * is n_stat x n_keys, one column per key; the n_stat means. */
SEXP rnnkit_panel_pool(SEXP tab) {
  SEXP out;
  check_matrix(tab, "tab");
  out = PROTECT(allocVector(REALSXP, nrows(tab)));
  rnn_panel_pool((size_t)ncols(tab), (size_t)nrows(tab), REAL(tab), REAL(out));
  UNPROTECT(1);
  return out;
}

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

/* ---- issue 14, text (h14-text): src/gw/text.c documents them ---- */

SEXP rnnkit_utf8_valid(SEXP texts) {
  SEXP a[] = {texts};
  return r_gw_call(gw_utf8_valid, a);
}

SEXP rnnkit_text_encode(SEXP texts, SEXP level, SEXP lower, SEXP filters,
                        SEXP vocab, SEXP oov) {
  SEXP a[] = {texts, level, lower, filters, vocab, oov};
  return r_gw_call(gw_text_encode, a);
}

SEXP rnnkit_vocab_fit(SEXP texts, SEXP level, SEXP lower, SEXP filters,
                      SEXP num_words, SEXP oov) {
  SEXP a[] = {texts, level, lower, filters, num_words, oov};
  return r_gw_call(gw_vocab_fit, a);
}

SEXP rnnkit_text_decode(SEXP lens, SEXP values, SEXP vocab, SEXP level) {
  SEXP a[] = {lens, values, vocab, level};
  return r_gw_call(gw_text_decode, a);
}

SEXP rnnkit_params_from_layer(SEXP config, SEXP format, SEXP weights) {
  SEXP a[] = {config, format, weights};
  return r_gw_call(gw_layer_params, a);
}

SEXP rnnkit_params_to_layer(SEXP config, SEXP params, SEXP format) {
  SEXP a[] = {config, params, format};
  return r_gw_call(gw_layer_weights, a);
}

SEXP rnnkit_pad_sequences(SEXP lens, SEXP values, SEXP maxlen, SEXP pad_post,
                          SEXP trunc_post, SEXP value) {
  SEXP a[] = {lens, values, maxlen, pad_post, trunc_post, value};
  return r_gw_call(gw_pad_sequences, a);
}

SEXP rnnkit_text_streams(SEXP tokens, SEXP seq_len, SEXP batch_size) {
  SEXP a[] = {tokens, seq_len, batch_size};
  return r_gw_call(gw_text_streams, a);
}
/* ---- end of issue 14, text (h14-text) ---- */

/* ---- model files ---------------------------------------------------- */

/* records: a list of list(name, type, kind, dims, value) built by
 * R/io.R; returns the encoded file as a raw vector. */
SEXP rnnkit_model_encode(SEXP records) {
  R_xlen_t n = XLENGTH(records), k;
  rnn_record *r;
  rnn_error err;
  size_t size, j;
  SEXP out;
  if (TYPEOF(records) != VECSXP)
    error("rnnkit internal error: records must be a list");
  r = (rnn_record *)R_alloc((size_t)n + 1, sizeof(rnn_record));
  memset(r, 0, sizeof(rnn_record) * ((size_t)n + 1));
  for (k = 0; k < n; k++) {
    SEXP rec = VECTOR_ELT(records, k), dims, val;
    if (TYPEOF(rec) != VECSXP || XLENGTH(rec) != 5)
      error("rnnkit internal error: malformed record %ld", (long)k + 1);
    r[k].name = translateCharUTF8(STRING_ELT(VECTOR_ELT(rec, 0), 0));
    r[k].type = asInteger(VECTOR_ELT(rec, 1));
    r[k].kind = asInteger(VECTOR_ELT(rec, 2));
    dims = VECTOR_ELT(rec, 3);
    val = VECTOR_ELT(rec, 4);
    if (TYPEOF(dims) != INTSXP || XLENGTH(dims) > RNN_MF_MAX_DIMS)
      error("rnnkit internal error: dims of record '%s'", r[k].name);
    r[k].n_dims = (int)XLENGTH(dims);
    for (j = 0; j < (size_t)r[k].n_dims; j++) {
      if (INTEGER(dims)[j] < 0)
        error("rnnkit internal error: dims of record '%s'", r[k].name);
      r[k].dims[j] = (size_t)INTEGER(dims)[j];
    }
    switch (r[k].type) {
    case RNN_REC_DOUBLE:
      if (TYPEOF(val) != REALSXP) error("rnnkit internal error: '%s'", r[k].name);
      r[k].dbl = REAL(val);
      break;
    case RNN_REC_INT:
      if (TYPEOF(val) != INTSXP) error("rnnkit internal error: '%s'", r[k].name);
      r[k].i32 = (const int32_t *)INTEGER(val);
      break;
    case RNN_REC_LOGICAL:
      if (TYPEOF(val) != LGLSXP) error("rnnkit internal error: '%s'", r[k].name);
      r[k].i32 = (const int32_t *)LOGICAL(val);
      break;
    case RNN_REC_STRING: {
      const char **s;
      if (TYPEOF(val) != STRSXP) error("rnnkit internal error: '%s'", r[k].name);
      s = (const char **)R_alloc((size_t)XLENGTH(val) + 1, sizeof(char *));
      for (j = 0; j < (size_t)XLENGTH(val); j++)
        s[j] = STRING_ELT(val, j) == NA_STRING
                   ? NULL
                   : translateCharUTF8(STRING_ELT(val, j));
      r[k].str = s;
      break;
    }
    default:
      break;
    }
    { /* the values must match the dims the encoder will trust */
      size_t want = r[k].n_dims ? 1 : 0;
      for (j = 0; j < (size_t)r[k].n_dims; j++) want *= r[k].dims[j];
      if (r[k].type <= RNN_REC_STRING && (size_t)XLENGTH(val) != want)
        error("rnnkit internal error: record '%s' has %ld values for its dims",
              r[k].name, (long)XLENGTH(val));
    }
  }
  if (rnn_model_encode_size(r, (size_t)n, &size, &err) != RNN_OK)
    raise_core(&err);
  need_bytes(size, "the model file");
  out = PROTECT(allocVector(RAWSXP, (R_xlen_t)size));
  if (rnn_model_encode(r, (size_t)n, RAW(out), size, &err) != RNN_OK)
    raise_core(&err);
  UNPROTECT(1);
  return out;
}

/* file: one string (tilde-expanded here, as file() does); bytes: a raw
 * vector.  Writes them with rnn_write_file(): a temporary file beside
 * file, flushed and renamed over it, so a failure (an rnnkit_error_io)
 * leaves file as it was.  Returns NULL. */
SEXP rnnkit_write_file(SEXP file, SEXP bytes) {
  rnn_error err;
  const char *path;
  if (TYPEOF(file) != STRSXP || XLENGTH(file) != 1 ||
      STRING_ELT(file, 0) == NA_STRING || TYPEOF(bytes) != RAWSXP)
    error("rnnkit internal error: write_file(file, raw bytes)");
  path = R_ExpandFileName(translateChar(STRING_ELT(file, 0)));
  if (rnn_write_file(path, RAW(bytes), (size_t)XLENGTH(bytes), &err) != RNN_OK)
    raise_core(&err);
  return R_NilValue;
}

/* raw: the bytes of a model file; returns its records as a list of
 * list(name, type, kind, dims, value) after the core has checked them. */
SEXP rnnkit_model_decode(SEXP raw) {
  rnn_model_info info;
  rnn_record_view *v;
  rnn_error err;
  size_t k, j, size;
  SEXP out;
  const char *nm[] = {"name", "type", "kind", "dims", "value"};
  if (TYPEOF(raw) != RAWSXP) error("rnnkit internal error: raw vector expected");
  size = (size_t)XLENGTH(raw);
  if (rnn_model_parse(RAW(raw), size, &info, &err) != RNN_OK) raise_core(&err);
  /* n_records is now checked against the file's size */
  v = (rnn_record_view *)R_alloc(info.n_records + 1, sizeof(rnn_record_view));
  if (rnn_model_records(RAW(raw), size, v, info.n_records, &info, &err) !=
      RNN_OK)
    raise_core(&err);
  out = PROTECT(allocVector(VECSXP, (R_xlen_t)info.n_records));
  for (k = 0; k < info.n_records; k++) {
    SEXP rec = PROTECT(allocVector(VECSXP, 5)), names, dims, val;
    const rnn_record_view *r = &v[k];
    SET_VECTOR_ELT(rec, 0,
                   ScalarString(mkCharLenCE(r->name, (int)r->name_len, CE_UTF8)));
    SET_VECTOR_ELT(rec, 1, ScalarInteger(r->type));
    SET_VECTOR_ELT(rec, 2, ScalarInteger(r->kind));
    dims = allocVector(INTSXP, r->n_dims);
    SET_VECTOR_ELT(rec, 3, dims);
    for (j = 0; j < (size_t)r->n_dims; j++) INTEGER(dims)[j] = (int)r->dims[j];
    switch (r->type) {
    case RNN_REC_DOUBLE:
      val = allocVector(REALSXP, (R_xlen_t)r->n);
      SET_VECTOR_ELT(rec, 4, val);
      rnn_record_doubles(r, REAL(val));
      break;
    case RNN_REC_INT:
      val = allocVector(INTSXP, (R_xlen_t)r->n);
      SET_VECTOR_ELT(rec, 4, val);
      rnn_record_ints(r, (int32_t *)INTEGER(val));
      break;
    case RNN_REC_LOGICAL:
      val = allocVector(LGLSXP, (R_xlen_t)r->n);
      SET_VECTOR_ELT(rec, 4, val);
      rnn_record_ints(r, (int32_t *)LOGICAL(val));
      break;
    case RNN_REC_STRING: {
      const char **s = (const char **)R_alloc(r->n + 1, sizeof(char *));
      size_t *len = (size_t *)R_alloc(r->n + 1, sizeof(size_t));
      val = allocVector(STRSXP, (R_xlen_t)r->n);
      SET_VECTOR_ELT(rec, 4, val);
      rnn_record_strings(r, s, len);
      for (j = 0; j < r->n; j++)
        SET_STRING_ELT(val, (R_xlen_t)j,
                       s[j] ? mkCharLenCE(s[j], (int)len[j], CE_UTF8)
                            : NA_STRING);
      break;
    }
    default:
      break;
    }
    names = allocVector(STRSXP, 5);
    setAttrib(rec, R_NamesSymbol, names);
    for (j = 0; j < 5; j++) SET_STRING_ELT(names, (R_xlen_t)j, mkChar(nm[j]));
    SET_VECTOR_ELT(out, (R_xlen_t)k, rec);
    UNPROTECT(1);
  }
  UNPROTECT(1);
  return out;
}
