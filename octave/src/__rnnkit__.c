/* The one MEX gateway of rnnkit for GNU Octave: mxArray in -> core ->
 * mxArray out, nothing else.  Commands written once for both hosts live
 * in ../../src/gw (against gw_octave.c here; R's gateway uses them with
 * src/r_gw.c) and are handed their arguments here.  A dispatch table
 * (like src/init.c's registration table) maps the first argument to a
 * command:
 *
 *   __rnnkit__ ("n_params", cfg)
 *   __rnnkit__ ("init", cfg, recurrent_init, seed)
 *   __rnnkit__ ("predict", cfg, params, x)
 *   __rnnkit__ ("input_check", cfg, n_time_fit, stateful, dims, name)
 *   __rnnkit__ ("train", cfg, tc, params, x, y, xval, yval, seed, verbose)
 *   __rnnkit__ ("step", cfg, params, x, state)          -> [out, state]
 *   __rnnkit__ ("loss_grad", cfg, loss, params, x, y)   -> [loss, grad, dx]
 *   __rnnkit__ ("encode", records)                      -> uint8 bytes
 *   __rnnkit__ ("decode", bytes)                        -> records
 *   __rnnkit__ ("write_file", file, bytes)   rnnkit:io unless written whole
 *   __rnnkit__ ("series_plan", data, feat, tgt, spec, center, scale)
 *                                                       -> plan struct
 *   __rnnkit__ ("series_eval", data, tgt, horizon, first, pred, center,
 *               scale, set, hist, n_fit, period, transform)
 *                               -> [pred, actual, naive, acc]
 *   __rnnkit__ ("rescale", data, center, scale, to_center, to_scale)
 *   __rnnkit__ ("locf", data)
 *   __rnnkit__ ("forecast", cfg, params, spec, seed)
 *                 -> [point, paths, lower, upper, n_calib, n_heldout]
 *   __rnnkit__ ("next_dates", index, dated, h)     (day counts)
 *   __rnnkit__ ("calendar", days, kinds)  (day counts; cellstr of kinds,
 *               or "auto") -> [n x 2k features, 1 x 2k cellstr names]
 *   __rnnkit__ ("season_period", index)  (day counts) -> 12, 4 or 0
 *   __rnnkit__ ("match_dates", fc, hist, index)    -> positions, NaN
 *   __rnnkit__ ("accuracy", actual, pred, scale, origin) -> 7 x numel (scale)
 *   __rnnkit__ ("naive_scale", x, period)          -> 1 x columns (x)
 *   __rnnkit__ ("lambda_summary", lambda)  -> [min, median, max], NaN left out
 *   __rnnkit__ ("forecast_accuracy", hist, actual, point, period)
 *                              -> 7 x (model, naive, (snaive,) drift)
 *   __rnnkit__ ("need_memory", bytes, what)  rnnkit:size unless they fit
 *   __rnnkit__ ("vocab_fit", texts, level, lower, filters, num_words, oov)
 *               -> [vocab (1 x n cellstr), counts, n_tokens, n_distinct]
 *   __rnnkit__ ("text_decode", lens, values, vocab, level) -> 1 x n cellstr
 *   __rnnkit__ ("layer_params", cfg, "keras"|"torch", weights) -> params
 *   __rnnkit__ ("text_encode", texts, level, lower, filters, vocab, oov)
 *                                                       -> cell of id rows
 *   __rnnkit__ ("pad_sequences", lens, values, maxlen, pad_post,
 *               trunc_post, value)            -> numel (lens) x maxlen
 *   __rnnkit__ ("text_streams", tokens, seq_len, batch_size) -> [x, y]
 *   __rnnkit__ ("utf8_valid", texts)  (a cellstr) -> 1 x n logical:
 *               well-formed UTF-8 (without a NUL byte)
 *   __rnnkit__ ("generate", cfg, params, prime, n, temperature, seed,
 *               state)                                  -> [tokens, state]
 *   __rnnkit__ ("schema")          -> struct of name tables and defaults
 *   __rnnkit__ ("file_flags", paths, flag) -> has each path the RNN_FIELD_*
 *                                  flag named flag ("int", ..., "dataframe")
 *   __rnnkit__ ("suggest", x, choices) -> index of the nearest, 0 if none
 *   __rnnkit__ ("read_csv", bytes, delim, day_first)
 *                       -> [names, columns, types, formats, delimiter]
 *
 * cfg is the model's config struct and tc the training options struct
 * written by the .m files, with the field names of R's lists; seeds are
 * two doubles holding 32-bit halves.  User-facing validation happens in
 * the .m files; this file checks only what the C code needs to be safe
 * (for any arguments whatever: tests/octave/random_inputs.m calls it with
 * malformed ones), checks that large outputs and workspaces can be
 * allocated (an "rnnkit:size" error instead of Octave's id-less one), and
 * turns core status codes into Octave errors with the core's ids
 * ("rnnkit:dim", ...). */
#include "mex.h"
/* octave_interrupt_state, Octave's count of pending Ctrl-C's; see
 * interrupt_pending() */
#include "quit.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#ifdef _WIN32
#include <io.h>
#define RNNKIT_ISATTY() _isatty(1)
#else
#include <unistd.h>
#define RNNKIT_ISATTY() isatty(STDOUT_FILENO)
#endif

#include "rnnkit.h"
#include "gw/gw.h"

/* gw_octave.c: runs a command of the shared gateway layer (../../src/gw)
 * on a MEX command's arguments, its result one struct (as_struct) or
 * slot k output k. */
void octave_gw_call(gw_command fn, mxArray *plhs[], const mxArray *prhs[],
                    int as_struct);
void octave_gw_train(mxArray *plhs[], const mxArray *prhs[], gw_fit *f);

/* The helpers of the commands not (yet) in the shared layer, on its
 * readers (gw_octave.c): an internal error is "rnnkit:internal", a core
 * error its own id; code_arg() looks a name up in the core's table
 * (RNN_NAMES_*; an unknown name is an rnnkit:input error that suggests
 * the nearest) or takes a code given as a number. */
#define raise_core gw_raise
#define code_arg gw_code
static void internal(const char *what) { gw_internal("%s", what); }
static const mxArray *field(const mxArray *s, const char *name) {
  return gw_need(s, name);
}
static double scalar(const mxArray *a, const char *what) {
  return gw_dbl(a, what);
}

/* a scalar that must be an int (a code: the core checks its range) */
static int int_arg(const mxArray *a, const char *what) {
  double v = scalar(a, what);
  if (!(v >= -2147483647.0 && v <= 2147483647.0)) internal(what);
  return (int)v;
}

static int get_int(const mxArray *s, const char *name) {
  return int_arg(field(s, name), name);
}

static const double *real_array(const mxArray *a, const char *what) {
  size_t n;
  gw_reals(a, what, &n);
  return mxGetPr(a);
}

static rnn_config config_from(const mxArray *s) { return gw_config(s); }

/* a * b * c, or SIZE_MAX if that overflows */
static size_t mul3(size_t a, size_t b, size_t c) {
  return rnn_size_mul(rnn_size_mul(a, b), c);
}

/* Octave reports an allocation that fails (mxMalloc, mxCreate...) with
 * an error without identifier, after trying it.  So before each large
 * allocation the core's rnn_check_memory() (physical memory, then a trial
 * malloc; src/core/memory.c) turns too large a request into an
 * "rnnkit:size" error that says what needed the memory. */
#define need_bytes gw_need_bytes

static void need_doubles(size_t n, const char *what) {
  need_bytes(rnn_size_mul(n, sizeof(double)), what);
}

static double *alloc_work(size_t n) { return gw_work(n, "the workspace"); }

/* an N x M double matrix, after checking that it can be allocated */
static mxArray *new_matrix(size_t m, size_t n, const char *what) {
  need_doubles(mul3(m, n, 1), what);
  return mxCreateDoubleMatrix(m, n, mxREAL);
}

/* ---- commands ------------------------------------------------------- */

/* A command gets exactly its n_in arguments and sets all its n_out
 * outputs plhs[0 .. n_out-1], however many the caller asked for:
 * mexFunction checks the number of arguments, passes room for MAX_OUT
 * outputs and hands Octave only those it asked for. */
#define MAX_OUT 6
typedef void (*command)(mxArray *plhs[], const mxArray *prhs[]);

static void cmd_predict(mxArray *plhs[], const mxArray *prhs[]) {
  if (mxIsEmpty(prhs[2])) mexErrMsgIdAndTxt("rnnkit:dim", "nothing to predict");
  octave_gw_call(gw_predict, plhs, prhs, 0);
}

/* [loss, grad, dx]: rnn_loss_grad() of the whole of x (dataset layout)
 * as one batch against y, as R's rnnkit_loss_grad (without dropout):
 * the tests' parity with PyTorch (tests/octave/parity.m). */
static void cmd_loss_grad(mxArray *plhs[], const mxArray *prhs[]) {
  const mxArray *a[6];
  memcpy(a, prhs, 5 * sizeof *a);
  a[5] = NULL; /* no dropout */
  octave_gw_call(gw_loss_grad, plhs, a, 0);
}

/* ---- training, checkpoints and Ctrl-C -------------------------------
 *
 * While a MEX function runs, Octave's signal watcher thread counts a
 * SIGINT in octave_interrupt_state (declared in liboctave's quit.h, C
 * linkage, in Octave 4.4 to 9).  Octave acts on it at its next
 * octave_quit() check by throwing octave::interrupt_exception, and such
 * checks happen inside mexEvalString() and any other evaluation of
 * Octave code: called from the training callbacks, that exception would
 * unwind through the C core and lose the model (the previous version of
 * this file flushed the progress line with mexEvalString and did exactly
 * that).  So the callbacks read the counter and stop training after the
 * current batch (a non-zero return stops rnn_train() cleanly); the
 * progress line uses mexPrintf() and a mexCallMATLAB() of the builtin
 * fflush(), neither of which checks for interrupts.  cmd_train() then
 * consumes the interrupt, as R's R_CheckUserInterrupt() inside
 * R_ToplevelExec() does for src/r_rnnkit.c, and returns the model as it
 * stood with interrupted = true; rnn_fit.m warns "rnnkit:interrupted".
 * tools/octave-interrupt.sh tests this.
 *
 * The checkpoint function is Octave code, in which a Ctrl-C is Octave's
 * ordinary interrupt, a C++ exception.  run_checkpoint() calls it through
 * rnnkit_feval_catching_interrupt() (interrupt.cc), which catches that
 * exception before it reaches the core and resets Octave's interrupt
 * state; the fit then stops after this epoch like any Ctrl-C.  The save
 * itself (save_checkpoint in rnn_fit.m, rnn_save) writes the file in one
 * call of "write_file" (rnn_write_file(): a temporary file renamed over
 * FILE), in which no interrupt is acted on: a Ctrl-C during it takes
 * effect after it, and the checkpoint file is either complete or the
 * previous one, with no temporary file left.
 *
 * Checkpoints: tc may carry a function handle `checkpoint`, called
 * through feval after every checkpoint_every-th epoch as
 * fn(epoch, params, loss, val_loss, acc, val_acc) (the histories NaN
 * beyond epoch), that returns "" or why saving failed, which stops
 * training; train's result then has it in checkpoint_error.  This is the
 * callbacks' context. */
typedef struct {
  int verbose;      /* 0 quiet, 1 a line redrawn in place, 2 log lines */
  int n_epochs;     /* epochs asked for                             */
  int width;        /* columns of the terminal                      */
  int shown;        /* columns of the line last drawn in place      */
  int drawn;        /* a line is on the terminal's current line     */
  int every;        /* log: a line every `every`-th epoch           */
  int printed;      /* log: the epoch last printed                  */
  double t0, last;  /* start and last redraw (seconds)              */
  double loss, val_loss; /* the last epoch's losses                 */
  int done;         /* epochs finished                              */
  double *acc, *val_acc; /* the accuracy histories (NaN: none)      */
  mxArray *plot_fn; /* 'Plots' 'training-progress': fn(epoch, member,
                       loss, val_loss), or NULL                     */
  double plotted;   /* when it last ran (seconds)                   */
  int ctrl_c;       /* training stopped for a Ctrl-C                */
  mxArray *fn;      /* the handle, or NULL                          */
  int ck_every;     /* call it after every `ck_every`-th epoch      */
  mxArray *params;  /* the weights, trained in place                */
  mxArray *hist[5]; /* loss, val_loss, acc, val_acc, lr (NaN beyond) */
  char error[600];  /* why a checkpoint failed ("" if none)         */
  int ck_ctrl_c;    /* the epoch whose checkpoint a Ctrl-C cut short */
  const rnn_train_config *tc; /* its learning-rate schedule, for the line */
  int member, n_members; /* ensemble (issue 15): the member
                                        training (0-based) of n_members */
} fit_ctx;

/* interrupt.cc */
int rnnkit_feval_catching_interrupt(int nout, mxArray *out[], int nin,
                                    mxArray *in[], const char *fn,
                                    mxArray **exception);

static int interrupt_pending(void) { return octave_interrupt_state > 0; }

static void flush_stdout(void) {
  mxArray *fid = mxCreateDoubleScalar(1);
  mexCallMATLAB(0, NULL, 1, &fid, "fflush");
  mxDestroyArray(fid);
}

/* Wall-clock seconds for the progress line's times. */
static double now_seconds(void) {
#if defined(CLOCK_MONOTONIC) && !defined(_WIN32)
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
#else
  return (double)time(NULL);
#endif
}

/* The core's progress line (rnn_progress_line(), as R draws it): on a
 * terminal redrawn in place with "\r" (spaces clear what remains of a
 * longer previous line), in a log one line per call. */
static void draw_progress(fit_ctx *c, int epoch, int n_epochs, double frac,
                          double loss) {
  char line[512];
  int len;
  rnn_progress p;
  rnn_progress_init(&p, epoch, n_epochs, c->member, c->n_members, frac, loss,
                    c->val_loss, c->done, c->acc, c->val_acc,
                    now_seconds() - c->t0);
  rnn_progress_lr(&p, c->tc);
  if (c->verbose == 1) {
    len = rnn_progress_line(line, sizeof line, c->width, 1, &p);
    mexPrintf("\r%s%*s", line, c->shown > len ? c->shown - len : 0, "");
    c->shown = len;
    c->drawn = 1;
  } else {
    rnn_progress_line(line, sizeof line, c->width, 0, &p);
    mexPrintf("%s\n", line);
    c->printed = epoch;
  }
  c->last = now_seconds();
  flush_stdout();
}

static int on_batch(void *ctx, int epoch, int batch, int n_batches,
                    double loss) {
  fit_ctx *c = (fit_ctx *)ctx;
  if (interrupt_pending()) c->ctrl_c = 1;
  if (!c->ctrl_c && c->verbose == 1 && now_seconds() - c->last >= 0.2) {
    /* an ensemble's next member starts again at epoch 1 (issue 15) */
    if (epoch <= c->done && c->member + 1 < c->n_members) {
      c->member++;
      c->done = 0;
    }
    draw_progress(c, epoch, c->n_epochs,
                  ((double)(epoch - 1) + (double)batch / n_batches) / c->n_epochs,
                  loss);
  }
  return c->ctrl_c;
}

/* Calls plot_fn(epoch, member, loss, val_loss) (the member's histories so
 * far) through feval, as run_checkpoint() calls its function; an error
 * in it is ignored (rnn_fit.m's updater catches its own), a Ctrl-C stops
 * training. */
static void run_plot(fit_ctx *c, int epoch) {
  mxArray *in[5], *ex;
  size_t off = (size_t)c->member * (size_t)c->n_epochs;
  int k;
  in[0] = c->plot_fn;
  in[1] = mxCreateDoubleScalar((double)epoch);
  in[2] = mxCreateDoubleScalar((double)(c->member + 1));
  for (k = 0; k < 2; k++) {
    in[3 + k] = mxCreateDoubleMatrix((size_t)epoch, 1, mxREAL);
    memcpy(mxGetPr(in[3 + k]), mxGetPr(c->hist[k]) + off, (size_t)epoch * sizeof(double));
  }
  if (rnnkit_feval_catching_interrupt(0, NULL, 5, in, "feval", &ex))
    c->ctrl_c = 1;
  else if (ex)
    mxDestroyArray(ex);
  for (k = 1; k < 5; k++) mxDestroyArray(in[k]);
  c->plotted = now_seconds();
}

static int on_epoch(void *ctx, int epoch, int n_epochs, double loss,
                    double val_loss) {
  fit_ctx *c = (fit_ctx *)ctx;
  /* an ensemble's next member starts again at epoch 1 (issue 15) */
  if (epoch <= c->done && c->member + 1 < c->n_members) c->member++;
  c->done = epoch;
  c->loss = loss;
  c->val_loss = val_loss;
  if (interrupt_pending()) c->ctrl_c = 1;
  if (c->ctrl_c) return 1;
  if (c->verbose == 1 && (now_seconds() - c->last >= 0.2 || epoch == n_epochs))
    draw_progress(c, epoch, n_epochs, (double)epoch / n_epochs, loss);
  else if (c->verbose == 2 && (epoch == 1 || epoch % c->every == 0 || epoch == n_epochs))
    draw_progress(c, epoch, n_epochs, (double)epoch / n_epochs, loss);
  if (c->plot_fn && (now_seconds() - c->plotted >= 0.5 || epoch == n_epochs))
    run_plot(c, epoch);
  if (interrupt_pending()) c->ctrl_c = 1;
  return c->ctrl_c;
}

/* After training: the line of the last epoch run (an early stop or a
 * Ctrl-C ends before the last redraw), and the terminal's newline. */
static void end_progress(fit_ctx *c) {
  if (c->verbose && c->done > 0 &&
      (c->verbose == 1 || c->printed != c->done))
    draw_progress(c, c->done, c->n_epochs, (double)c->done / c->n_epochs, c->loss);
  if (c->drawn) mexPrintf("\n");
  if (c->verbose) flush_stdout();
}

/* Calls fn(epoch, params, loss, val_loss, acc, val_acc, lr) through feval.
 * The .m side catches its own errors and returns the message (a string,
 * "" on success); an error that escapes it is trapped here too, and a
 * Ctrl-C is caught (see above).  Each stops training after this epoch. */
static int run_checkpoint(fit_ctx *c, int epoch) {
  mxArray *in[8], *out[1], *ex;
  int k;
  in[0] = c->fn;
  in[1] = mxCreateDoubleScalar((double)epoch);
  in[2] = mxDuplicateArray(c->params);
  for (k = 0; k < 5; k++) in[3 + k] = c->hist[k];
  out[0] = NULL;
  if (rnnkit_feval_catching_interrupt(1, out, 8, in, "feval", &ex)) {
    c->ctrl_c = 1;
    c->ck_ctrl_c = epoch;
  } else if (ex) {
    snprintf(c->error, sizeof c->error, "the checkpoint function failed");
    mxDestroyArray(ex);
  } else if (out[0] && mxIsChar(out[0]) && !mxIsEmpty(out[0])) {
    mxGetString(out[0], c->error, sizeof c->error);
    if (!c->error[0]) snprintf(c->error, sizeof c->error, "an error");
  }
  if (out[0]) mxDestroyArray(out[0]);
  mxDestroyArray(in[1]);
  mxDestroyArray(in[2]);
  return c->error[0] != '\0' || c->ctrl_c;
}

/* The progress line and the interrupt check first: when on_epoch() asks
 * to stop, for a pending interrupt, no Octave code runs. */
static int on_epoch_checkpoint(void *ctx, int epoch, int n_epochs,
                               double loss, double val_loss) {
  fit_ctx *c = (fit_ctx *)ctx;
  int stop = on_epoch(ctx, epoch, n_epochs, loss, val_loss);
  if (!stop && epoch % c->ck_every == 0) stop = run_checkpoint(c, epoch);
  return stop;
}

/* The host's part of gw_train() (../../src/gw/train.c): the progress
 * line, checkpoints and plots through function handles, Ctrl-C. */
static void fit_start(gw_fit *f) {
  fit_ctx *c = (fit_ctx *)f->ctx;
  const mxArray *v = (const mxArray *)f->arg[8], *t = (const mxArray *)f->arg[1];
  const mxArray *ckf;
  int k;
  memset(c, 0, sizeof *c);
  c->n_members = f->n_members; /* ensemble (issue 15) */
  c->tc = &f->tc;
  /* verbose: [mode width], mode 0 quiet, 1 automatic (in place on a
   * terminal, else log lines), 2 in place, 3 log lines; or a logical */
  c->width = 80;
  if (mxIsLogical(v)) {
    c->verbose = mxIsLogicalScalarTrue(v);
  } else if (mxIsDouble(v) && !mxIsComplex(v) &&
             mxGetNumberOfElements(v) >= 1) {
    c->verbose = (int)mxGetPr(v)[0];
    if (mxGetNumberOfElements(v) >= 2) c->width = (int)mxGetPr(v)[1];
  } else {
    internal("verbose must be [mode width] or a logical");
  }
  if (c->verbose == 1) c->verbose = RNNKIT_ISATTY() ? 1 : 2;
  else if (c->verbose == 2) c->verbose = 1;
  else if (c->verbose == 3) c->verbose = 2;
  else if (c->verbose != 0) internal("verbose's mode must be 0..3");
  if (c->width < 10) c->width = 10;
  c->n_epochs = f->tc.epochs;
  /* a log prints about ten lines: the first epoch, every tenth, the last */
  c->every = f->tc.epochs >= 20 ? (f->tc.epochs + 9) / 10 : 1;
  c->acc = f->acc;
  c->val_acc = f->val_acc;
  for (k = 0; k < 5; k++)
    c->hist[k] = (mxArray *)gw_slot(f->o, k < 2 ? k + 1 : k < 4 ? k + 8 : 13);
  c->t0 = c->last = now_seconds();
  c->loss = c->val_loss = mxGetNaN(); /* none before the first epoch */
  ckf = mxGetField(t, 0, "plot");
  if (ckf && mxIsClass(ckf, "function_handle")) c->plot_fn = (mxArray *)ckf;
  f->cb.on_epoch = on_epoch;
  f->cb.on_batch = on_batch;
  f->cb.ctx = c;
  ckf = mxGetField(t, 0, "checkpoint");
  if (ckf && mxIsClass(ckf, "function_handle")) {
    if (f->n_members > 1) internal("an ensemble saves no checkpoints");
    c->fn = (mxArray *)ckf;
    c->ck_every = get_int(t, "checkpoint_every");
    if (c->ck_every < 1) c->ck_every = 1;
    c->params = (mxArray *)gw_slot(f->o, 0);
    f->cb.on_epoch = on_epoch_checkpoint;
  }
  f->ck_error = c->error;
}

static void fit_end(gw_fit *f) {
  fit_ctx *c = (fit_ctx *)f->ctx;
  /* the Ctrl-C that stopped training is handled: Octave must not act on
   * it again when this function returns */
  if (c->ctrl_c && octave_interrupt_state > 0) octave_interrupt_state = 0;
  end_progress(c);
}

static void fit_extras(gw_fit *f, int first) {
  fit_ctx *c = (fit_ctx *)f->ctx;
  gw_set_flags(f->o, first, 1, &c->ctrl_c, 0);
  gw_set_ints(f->o, first + 1, 1, &c->ck_ctrl_c, 0);
}

static void cmd_train(mxArray *plhs[], const mxArray *prhs[]) {
  static const char *const extra[] = {"ctrl_c", "checkpoint_ctrl_c"};
  fit_ctx ctx;
  gw_fit f;
  memset(&f, 0, sizeof f);
  f.n_extra = 2;
  f.extra_names = extra;
  f.start = fit_start;
  f.end = fit_end;
  f.extras = fit_extras;
  f.ctx = &ctx;
  octave_gw_train(plhs, prhs, &f);
}

/* ---- dispatch -------------------------------------------------------- */

static const struct {
  const char *name;
  command fn;
  int n_in, n_out;
  gw_command gw;  /* or a command of the shared layer (h14-file) ... */
  int as_struct;  /* ... whose result is one struct (else outputs)   */
} commands[] = {
    {"predict", cmd_predict, 3, 1},
    {"train", cmd_train, 9, 1},
    {"loss_grad", cmd_loss_grad, 5, 3},
    /* the shared layer's (../../src/gw/model.c, series.c, tables.c) */
    {"n_params", 0, 1, 1, gw_n_params, 0},
    {"init", 0, 3, 1, gw_init, 0},
    {"input_check", 0, 5, 0, gw_input_check, 0},
    {"step", 0, 4, 2, gw_step, 0},
    {"state_size", 0, 2, 1, gw_state_size, 0},
    {"generate", 0, 7, 2, gw_generate, 0},
    {"series_plan", 0, 6, 1, gw_series_plan, 1},
    {"series_eval", 0, 12, 4, gw_series_eval, 0},
    {"season_period", 0, 1, 1, gw_season_period, 0}, /* issue 15 */
    {"rescale", 0, 5, 1, gw_rescale, 0},
    {"locf", 0, 1, 1, gw_locf, 0},
    {"forecast", 0, 4, 6, gw_forecast, 0},
    {"next_dates", 0, 3, 1, gw_next_dates, 0},
    {"match_dates", 0, 3, 1, gw_match_dates, 0},
    {"accuracy", 0, 4, 1, gw_accuracy, 0},
    {"naive_scale", 0, 2, 1, gw_naive_scale, 0},
    {"lambda_summary", 0, 1, 1, gw_lambda_summary, 0},
    {"forecast_accuracy", 0, 4, 1, gw_forecast_accuracy, 0},
    /* issue 14, text: ../../src/gw/text.c */
    {"vocab_fit", 0, 6, 4, gw_vocab_fit, 0},
    {"text_decode", 0, 4, 1, gw_text_decode, 0},
    {"layer_params", 0, 3, 1, gw_layer_params, 0},
    {"text_encode", 0, 6, 1, gw_text_encode, 0},
    {"pad_sequences", 0, 6, 1, gw_pad_sequences, 0},
    {"text_streams", 0, 3, 2, gw_text_streams, 0},
    {"utf8_valid", 0, 1, 1, gw_utf8_valid, 0},
    /* h14-file: the shared layer's (../../src/gw/file.c) */
    {"encode", 0, 1, 1, gw_model_encode, 0},
    {"decode", 0, 1, 1, gw_model_decode, 0},
    {"write_file", 0, 2, 0, gw_write_file, 0},
    {"schema", 0, 0, 1, gw_schema, 1},
    {"file_flags", 0, 2, 1, gw_file_flags, 0},
    {"suggest", 0, 2, 1, gw_suggest, 0},
    {"read_csv", 0, 3, 5, gw_read_csv, 0},   /* issue 18 */
    {"calendar", 0, 2, 2, gw_calendar, 0},   /* issue 15 */
    {"need_memory", 0, 2, 0, gw_need_memory, 0},
    {"panel_pool", 0, 1, 1, gw_panel_pool, 0}, /* issue 16 */
    /* end of h14-file */
    {NULL, NULL, 0, 0, NULL, 0}};

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[]) {
  char name[32];
  mxArray *out[MAX_OUT];
  int k, j;
  if (nrhs < 1 || !mxIsChar(prhs[0]) ||
      mxGetString(prhs[0], name, sizeof name) != 0)
    internal("the first argument must name a command");
  for (k = 0; commands[k].name; k++) {
    if (strcmp(name, commands[k].name) != 0) continue;
    if (nrhs - 1 != commands[k].n_in || nlhs > commands[k].n_out)
      mexErrMsgIdAndTxt("rnnkit:internal",
                        "rnnkit internal error: '%s' takes %d inputs and "
                        "gives at most %d outputs", name, commands[k].n_in,
                        commands[k].n_out);
    /* A command fills all its n_out outputs into out[]; Octave's plhs
     * holds only max (nlhs, 1) slots, so only those are handed over and
     * the rest destroyed here, in one place for every command. */
    for (j = 0; j < MAX_OUT; j++) out[j] = NULL;
    if (commands[k].gw)
      octave_gw_call(commands[k].gw, out, prhs + 1, commands[k].as_struct);
    else
      commands[k].fn(out, prhs + 1);
    for (j = 0; j < MAX_OUT; j++)
      if (j < (nlhs > 1 ? nlhs : 1))
        plhs[j] = out[j];
      else if (out[j])
        mxDestroyArray(out[j]);
    return;
  }
  mexErrMsgIdAndTxt("rnnkit:internal", "rnnkit internal error: unknown "
                    "command '%s'", name);
}

