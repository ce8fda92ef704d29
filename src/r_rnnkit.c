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
                       val_acc, lr) or R_NilValue                      */
  int every;        /* call it after every `every`-th epoch           */
  SEXP params, hist[5]; /* loss, val_loss, acc, val_acc, lr          */
  char ck_error[600]; /* why a checkpoint failed ("" if none)        */
  const rnn_train_config *tc; /* its learning-rate schedule, for the line */
  int member, n_members; /* ensemble (issue 15): the member training
                            (0-based) of n_members; its histories are
                            column `member` of acc and val_acc         */
} fit_ctx;

/* Saves a checkpoint through the R function; a failure (an R error)
 * stops training, with the reason kept for the warning. */
static void run_checkpoint(fit_ctx *c, int epoch) {
  SEXP call, a;
  int k, failed = 0;
  call = PROTECT(allocList(8));
  SET_TYPEOF(call, LANGSXP);
  SETCAR(call, c->checkpoint);
  a = CDR(call);
  SETCAR(a, ScalarInteger(epoch));
  a = CDR(a);
  SETCAR(a, duplicate(c->params));
  for (k = 0; k < 5; k++) {
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
  rnn_progress_lr(&p, c->tc);
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
  c->tc = &f->tc;
  c->params = (SEXP)gw_slot(f->o, 0);
  for (k = 0; k < 5; k++) /* slots 1, 2, 10, 11, 13 of gw_train()'s result */
    c->hist[k] = (SEXP)gw_slot(f->o, k < 2 ? k + 1 : k < 4 ? k + 8 : 13);
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

SEXP rnnkit_lambda_summary(SEXP lambda) {
  SEXP a[] = {lambda};
  return r_gw_call(gw_lambda_summary, a);
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
