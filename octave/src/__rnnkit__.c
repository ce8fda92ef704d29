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
 *   __rnnkit__ ("forecast_accuracy", hist, actual, point, period)
 *                              -> 7 x (model, naive, (snaive,) drift)
 *   __rnnkit__ ("need_memory", bytes, what)  rnnkit:size unless they fit
 *   __rnnkit__ ("vocab_fit", texts, level, lower, filters, num_words, oov)
 *               -> [vocab, counts, n_tokens, n_distinct]
 *   __rnnkit__ ("text_decode", lens, values, vocab, level) -> cell of texts
 *   __rnnkit__ ("layer_params", cfg, "keras"|"torch", weights) -> params
 *   __rnnkit__ ("text_encode", texts, level, lower, filters, vocab, oov)
 *                                                       -> cell of id rows
 *   __rnnkit__ ("pad_sequences", lens, values, maxlen, pad_post,
 *               trunc_post, value)            -> numel (lens) x maxlen
 *   __rnnkit__ ("text_streams", tokens, seq_len, batch_size) -> [x, y]
 *   __rnnkit__ ("utf8_decode", s)           -> [code points, ok]
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
  mxArray *hist[4]; /* loss, val_loss, acc, val_acc (NaN beyond)    */
  char error[600];  /* why a checkpoint failed ("" if none)         */
  int ck_ctrl_c;    /* the epoch whose checkpoint a Ctrl-C cut short */
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

/* Calls fn(epoch, params, loss, val_loss, acc, val_acc) through feval.
 * The .m side catches its own errors and returns the message (a string,
 * "" on success); an error that escapes it is trapped here too, and a
 * Ctrl-C is caught (see above).  Each stops training after this epoch. */
static int run_checkpoint(fit_ctx *c, int epoch) {
  mxArray *in[7], *out[1], *ex;
  int k;
  in[0] = c->fn;
  in[1] = mxCreateDoubleScalar((double)epoch);
  in[2] = mxDuplicateArray(c->params);
  for (k = 0; k < 4; k++) in[3 + k] = c->hist[k];
  out[0] = NULL;
  if (rnnkit_feval_catching_interrupt(1, out, 7, in, "feval", &ex)) {
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
  for (k = 0; k < 4; k++)
    c->hist[k] = (mxArray *)gw_slot(f->o, k < 2 ? k + 1 : k + 8);
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

/* ---- windows, scaling, forecasts ------------------------------------ */

static size_t count_arg(const mxArray *a, const char *what, double lo) {
  double v = scalar(a, what);
  if (!(v >= lo && v <= 2147483647.0 && v == floor(v))) internal(what);
  return (size_t)v;
}

/* ---- text -------------------------------------------------------------- */

/* the bytes of a char array (Octave's chars are bytes: UTF-8 text) */
static const char *char_bytes(const mxArray *a, size_t *n, const char *what) {
  if (!mxIsChar(a)) internal(what);
  *n = mxGetNumberOfElements(a);
  return *n ? (const char *)mxGetChars(a) : "";
}

/* a 1 x n char row holding the n bytes s */
static mxArray *char_row(const char *s, size_t n) {
  mwSize d[2];
  mxArray *a;
  d[0] = 1;
  d[1] = n;
  a = mxCreateCharArray(2, d);
  if (n) memcpy(mxGetChars(a), s, n);
  return a;
}

/* ---- vocabulary and decoding (issue 14) ----------------------------- */

/* [vocab, counts, n_tokens, n_distinct]: rnn_vocab_fit() of texts (a
 * cell of UTF-8 char rows, checked by check_texts), as R's
 * rnnkit_vocab_fit: vocab a cellstr column, counts a column; num_words 0
 * for all; oov a string or [] for none.  An empty vocab means no tokens
 * (or only oov): the .m file says so. */
static void cmd_vocab_fit(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  rnn_vocab_info in;
  const mxArray *texts = prhs[0], *oov = prhs[5];
  size_t n, k, nf, no = 0, nw = count_arg(prhs[4], "num_words", 0), *nb, *vend;
  const char **t, *f = char_bytes(prhs[3], &nf, "filters"), *o = NULL;
  char *voc;
  void *work;
  int level = code_arg(RNN_NAMES_LEVEL, prhs[1], "level");
  if (!mxIsCell(texts)) internal("texts must be a cell");
  if (!(mxIsDouble(oov) && mxIsEmpty(oov)))
    o = char_bytes(oov, &no, "oov must be a string or []");
  n = mxGetNumberOfElements(texts);
  t = (const char **)mxMalloc((n + 1) * sizeof(char *));
  nb = (size_t *)mxMalloc((n + 1) * sizeof(size_t));
  for (k = 0; k < n; k++) {
    if (!mxGetCell(texts, k)) internal("texts must hold strings");
    t[k] = char_bytes(mxGetCell(texts, k), &nb[k], "texts must hold strings");
  }
#define FIT(w, v, e, c)                                                     \
  rnn_vocab_fit(n, t, nb, level, mxIsLogicalScalarTrue(prhs[2]), f, nf, nw, \
                o, no, w, v, e, c, &in, &err)
  if (FIT(NULL, NULL, NULL, NULL) != RNN_OK) raise_core(&err);
  need_bytes(in.work_len + in.voc_len, "the tokens");
  work = mxMalloc(in.work_len);
  voc = (char *)mxMalloc(in.voc_len + 1);
  vend = (size_t *)mxMalloc((in.n_tokens + 1) * sizeof(size_t));
  plhs[1] = new_matrix(in.n_tokens + 1, 1, "the counts");
  if (FIT(work, voc, vend, mxGetPr(plhs[1])) != RNN_OK) raise_core(&err);
#undef FIT
  mxSetM(plhs[1], in.n_vocab);
  plhs[0] = mxCreateCellMatrix(in.n_vocab, 1);
  for (k = 0; k < in.n_vocab; k++)
    mxSetCell(plhs[0], k, char_row(voc + (k ? vend[k - 1] : 0),
                                   vend[k] - (k ? vend[k - 1] : 0)));
  plhs[2] = mxCreateDoubleScalar((double)in.n_tokens);
  plhs[3] = mxCreateDoubleScalar((double)in.n_distinct);
  mxFree(t);
  mxFree(nb);
  mxFree(work);
  mxFree(voc);
  mxFree(vend);
}

/* texts: rnn_text_decode() of the sequences of lengths lens whose ids
 * (doubles) are concatenated in values, under the vocabulary vocab (a
 * cellstr), as R's rnnkit_text_decode: a cell column. */
static void cmd_text_decode(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  const double *l = real_array(prhs[0], "lens");
  const mxArray *vocab = prhs[2];
  size_t n = mxGetNumberOfElements(prhs[0]), nv, k, total = 0, *vb, *lens,
         *oend;
  const char **voc;
  char *buf;
  int level = code_arg(RNN_NAMES_LEVEL, prhs[3], "level");
  real_array(prhs[1], "values");
  if (!mxIsCell(vocab)) internal("vocab must be a cell");
  nv = mxGetNumberOfElements(vocab);
  voc = (const char **)mxMalloc((nv + 1) * sizeof(char *));
  vb = (size_t *)mxMalloc((nv + 1) * sizeof(size_t));
  for (k = 0; k < nv; k++) {
    if (!mxGetCell(vocab, k)) internal("vocab must hold strings");
    voc[k] = char_bytes(mxGetCell(vocab, k), &vb[k], "vocab must hold strings");
  }
  lens = (size_t *)mxMalloc((n + 1) * sizeof(size_t));
  oend = (size_t *)mxMalloc((n + 1) * sizeof(size_t));
  for (k = 0; k < n; k++) {
    if (!(l[k] >= 0 && l[k] <= 4503599627370496.0 && l[k] == floor(l[k])))
      internal("lens");
    total += lens[k] = (size_t)l[k];
  }
  if (total != mxGetNumberOfElements(prhs[1]))
    internal("lens do not add up to the values");
#define DECODE(out, len)                                                     \
  rnn_text_decode(n, lens, mxGetPr(prhs[1]), level, nv, voc, vb, out, len,  \
                  oend, &err)
  if (DECODE(NULL, 0) != RNN_OK) raise_core(&err);
  total = n ? oend[n - 1] : 0;
  need_bytes(total + 1, "the decoded texts");
  buf = (char *)mxMalloc(total + 1);
  if (DECODE(buf, total) != RNN_OK) raise_core(&err);
#undef DECODE
  plhs[0] = mxCreateCellMatrix(n, 1);
  for (k = 0; k < n; k++) { /* an empty text is "" (0 x 0), as strjoin's */
    size_t from = k ? oend[k - 1] : 0;
    mxSetCell(plhs[0], k, oend[k] > from ? char_row(buf + from, oend[k] - from)
                                         : mxCreateString(""));
  }
  mxFree(voc);
  mxFree(vb);
  mxFree(lens);
  mxFree(oend);
  mxFree(buf);
}

/* ---- Keras' and PyTorch's weight layouts (issue 14) ------------------ */

/* params: the layer model cfg's parameters from weights, as R's
 * rnnkit_params_from_layer: format "keras" with {kernel,
 * recurrent_kernel, bias} (the .m file checked their shapes; bias [] for
 * zeros) or "torch" with {weight_ih, weight_hh, bias_ih, bias_hh}. */
static void cmd_layer_params(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_config cfg = config_from(prhs[0]);
  rnn_error err;
  size_t I = (size_t)cfg.n_in, H = (size_t)cfg.n_hidden[0],
         GH = (size_t)rnn_cell_gates(cfg.cell) * H;
  char fmt[8] = "";
  int torch, k, st;
  size_t want[4];
  const double *w[4];
  if (!mxIsChar(prhs[1]) || mxGetString(prhs[1], fmt, sizeof fmt) != 0 ||
      (strcmp(fmt, "keras") != 0 && strcmp(fmt, "torch") != 0))
    internal("the format must be \"keras\" or \"torch\"");
  torch = strcmp(fmt, "torch") == 0;
  want[0] = torch ? GH * I : I * GH;
  want[1] = GH * H;
  want[2] = torch || cfg.cell != RNN_CELL_GRU ? GH : 2 * GH;
  want[3] = torch ? GH : 0;
  if (!mxIsCell(prhs[2]) || mxGetNumberOfElements(prhs[2]) != (torch ? 4 : 3))
    internal("weights must be a cell of 3 (keras) or 4 (torch)");
  for (k = 0; k < 4; k++) {
    const mxArray *a = k < (torch ? 4 : 3) ? mxGetCell(prhs[2], k) : NULL;
    w[k] = NULL;
    if (!a || mxIsEmpty(a)) continue;
    w[k] = real_array(a, "weights");
    if (mxGetNumberOfElements(a) != want[k]) internal("weights of a wrong size");
  }
  if (!w[0] || !w[1]) internal("the weights (not the biases) are required");
  plhs[0] = new_matrix(rnn_n_params(&cfg), 1, "the layer's weights");
  st = torch ? rnn_params_from_torch(&cfg, w[0], w[1], w[2], w[3],
                                     mxGetPr(plhs[0]), &err)
             : rnn_params_from_keras(&cfg, w[0], w[1], w[2], mxGetPr(plhs[0]),
                                     &err);
  if (st != RNN_OK) raise_core(&err);
}

/* seqs: a cell of the size of texts with the ids (a double row) of each
 * text under the vocabulary vocab (a cellstr), by rnn_text_encode(), as
 * R's rnnkit_text_encode; oov true when vocab{1} is the oov token. */
static void cmd_text_encode(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  const mxArray *texts = prhs[0], *vocab = prhs[4];
  size_t n_texts, i, nf, nv, k, n_vcp, nb, *vend, *order, *vb;
  const char **voc;
  int32_t *vcp;
  int level = code_arg(RNN_NAMES_LEVEL, prhs[1], "level"),
      lower = mxIsLogicalScalarTrue(prhs[2]),
      oov = mxIsLogicalScalarTrue(prhs[5]);
  const char *f = char_bytes(prhs[3], &nf, "filters");
  if (!mxIsCell(texts) || !mxIsCell(vocab))
    internal("texts and vocab must be cells");
  nv = mxGetNumberOfElements(vocab);
  voc = (const char **)mxMalloc((nv + 1) * sizeof(char *));
  vb = (size_t *)mxMalloc((nv + 1) * sizeof(size_t));
  for (k = 0; k < nv; k++) {
    if (!mxGetCell(vocab, k)) internal("vocab must hold strings");
    voc[k] = char_bytes(mxGetCell(vocab, k), &vb[k], "vocab must hold strings");
  }
  /* the vocabulary as code points, then its sorted index */
  if (rnn_vocab_index(nv, voc, vb, NULL, 0, &n_vcp, NULL, NULL, &err) != RNN_OK)
    raise_core(&err);
  need_bytes(rnn_size_mul(n_vcp + 2 * nv + 3, sizeof(size_t)),
             "the vocabulary");
  vcp = (int32_t *)mxMalloc((n_vcp + 1) * sizeof(int32_t));
  vend = (size_t *)mxMalloc((nv + 1) * sizeof(size_t));
  order = (size_t *)mxMalloc((nv + 1) * sizeof(size_t));
  if (rnn_vocab_index(nv, voc, vb, vcp, n_vcp, &n_vcp, vend, order, &err) !=
      RNN_OK)
    raise_core(&err);
  n_texts = mxGetNumberOfElements(texts);
  plhs[0] = mxCreateCellArray(mxGetNumberOfDimensions(texts),
                              mxGetDimensions(texts));
  for (i = 0; i < n_texts; i++) {
    const mxArray *t = mxGetCell(texts, i);
    size_t n_cp, n_tok, n_ids;
    const char *s;
    int32_t *cp, *id;
    size_t *ends;
    mxArray *ids;
    if (!t) internal("texts must hold strings");
    s = char_bytes(t, &nb, "texts must hold strings");
    if (rnn_text_tokens(s, nb, level, lower, f,
                        nf, NULL, 0, NULL, 0, &n_cp, &n_tok, &err) != RNN_OK)
      raise_core(&err);
    need_bytes(rnn_size_mul(n_cp + 1, 2 * sizeof(int32_t) + sizeof(size_t)),
               "the tokens");
    cp = (int32_t *)mxMalloc((n_cp + 1) * sizeof(int32_t));
    id = (int32_t *)mxMalloc((n_tok + 1) * sizeof(int32_t));
    ends = (size_t *)mxMalloc((n_tok + 1) * sizeof(size_t));
    if (rnn_text_encode(s, nb, level, lower, f,
                        nf, nv, vcp, vend, order, oov ? 1 : 0, cp, n_cp, ends,
                        n_tok, id, &n_ids, &err) != RNN_OK)
      raise_core(&err);
    ids = new_matrix(1, n_ids, "the ids");
    for (k = 0; k < n_ids; k++) mxGetPr(ids)[k] = (double)id[k];
    mxFree(cp);
    mxFree(id);
    mxFree(ends);
    mxSetCell(plhs[0], i, ids);
  }
  mxFree(voc);
  mxFree(vb);
  mxFree(vcp);
  mxFree(vend);
  mxFree(order);
}

/* rnn_pad_sequences(): lens (one per sequence), values (their
 * concatenation), maxlen, pad_post, trunc_post, value -> the numel(lens)
 * x maxlen matrix, as R's rnnkit_pad_sequences. */
static void cmd_pad_sequences(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  const double *l = real_array(prhs[0], "lens");
  size_t n = mxGetNumberOfElements(prhs[0]), m, k, total = 0, *len;
  real_array(prhs[1], "values");
  m = count_arg(prhs[2], "maxlen", 0);
  len = (size_t *)mxMalloc((n + 1) * sizeof(size_t));
  for (k = 0; k < n; k++) {
    if (!(l[k] >= 0 && l[k] <= 4503599627370496.0 && l[k] == floor(l[k])))
      internal("lens");
    len[k] = (size_t)l[k];
    total += len[k];
  }
  if (total != mxGetNumberOfElements(prhs[1]))
    internal("lens do not add up to the values");
  plhs[0] = new_matrix(n, m, "the padded sequences");
  if (rnn_pad_sequences(n, len, mxGetPr(prhs[1]), m,
                        mxIsLogicalScalarTrue(prhs[3]),
                        mxIsLogicalScalarTrue(prhs[4]),
                        scalar(prhs[5], "value"), mxGetPr(plhs[0]),
                        &err) != RNN_OK)
    raise_core(&err);
  mxFree(len);
}

static void cmd_text_streams(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_text_streams, plhs, prhs, 0);
}

/* [cp, ok]: the code points (a double row) of the UTF-8 char array s by
 * rnn_utf8_decode(); ok false (and cp empty) when s is not well-formed
 * UTF-8, as R's validUTF8(). */
static void cmd_utf8_decode(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  size_t nb, n, k;
  const char *s = char_bytes(prhs[0], &nb, "s must be a string");
  int32_t *cp;
  int ok;
  ok = rnn_utf8_decode(s, nb, NULL, 0, &n, &err) == RNN_OK;
  if (!ok) n = 0;
  plhs[0] = new_matrix(1, n, "the code points");
  if (ok && n > 0) {
    cp = (int32_t *)mxMalloc(n * sizeof(int32_t));
    if (rnn_utf8_decode(s, nb, cp, n, &n, &err) != RNN_OK) raise_core(&err);
    for (k = 0; k < n; k++) mxGetPr(plhs[0])[k] = (double)cp[k];
    mxFree(cp);
  }
  plhs[1] = mxCreateLogicalScalar(ok);
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
    {"forecast_accuracy", 0, 4, 1, gw_forecast_accuracy, 0},
    {"vocab_fit", cmd_vocab_fit, 6, 4},
    {"text_decode", cmd_text_decode, 4, 1},
    {"layer_params", cmd_layer_params, 3, 1},
    {"text_encode", cmd_text_encode, 6, 1},
    {"pad_sequences", cmd_pad_sequences, 6, 1},
    {"text_streams", cmd_text_streams, 3, 2},
    {"utf8_decode", cmd_utf8_decode, 1, 2},
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

