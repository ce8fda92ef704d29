/* The one MEX gateway of rnnkit for GNU Octave: mxArray in -> core ->
 * mxArray out, nothing else.  Commands written once for both hosts live
 * in ../../src/gw (against gw_octave.c here; R's gateway uses them with
 * src/r_gw.c) and are handed their arguments here.  A dispatch table
 * (like src/init.c's registration table) maps the first argument to a
 * command (an entry with a gw command runs it directly, slot k output k):
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
 *   __rnnkit__ ("need_memory", n, what)     rnnkit:size unless n doubles fit
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
static void need_bytes(size_t bytes, const char *what) {
  rnn_error err;
  if (rnn_check_memory(bytes, what, &err) != RNN_OK) raise_core(&err);
}

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

/* Commands of the shared gateway layer (../../src/gw/model.c). */
static void cmd_n_params(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_n_params, plhs, prhs, 0);
}

static void cmd_init(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_init, plhs, prhs, 0);
}

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

static void cmd_input_check(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_input_check, plhs, prhs, 0);
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

/* x is N x T x I (dataset layout, as rnn_step() takes it); state a
 * column of rnn_state_size() doubles or empty for a fresh start. */
static void cmd_step(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_step, plhs, prhs, 0);
}

/* records: a struct array with fields name, type, kind, dims, value
 * (written by rnn_save.m); returns the file's bytes, uint8 N x 1. */
static void cmd_encode(mxArray *plhs[], const mxArray *prhs[]) {
  const mxArray *s = prhs[0];
  size_t n = mxGetNumberOfElements(s), k, j, size;
  rnn_record *r;
  rnn_error err;
  if (!mxIsStruct(s)) internal("records must be a struct array");
  r = (rnn_record *)mxCalloc(n + 1, sizeof(rnn_record));
  for (k = 0; k < n; k++) {
    const mxArray *nm = mxGetField(s, k, "name"), *dims = mxGetField(s, k, "dims");
    const mxArray *val = mxGetField(s, k, "value");
    const double *d;
    size_t want = 1, nval;
    if (!nm || !mxIsChar(nm) || !dims || !val) internal("malformed record");
    r[k].name = mxArrayToString(nm);
    r[k].type = int_arg(mxGetField(s, k, "type"), "type");
    r[k].kind = int_arg(mxGetField(s, k, "kind"), "kind");
    d = real_array(dims, "dims");
    if (mxGetNumberOfElements(dims) > RNN_MF_MAX_DIMS) internal("dims");
    r[k].n_dims = (int)mxGetNumberOfElements(dims);
    for (j = 0; j < (size_t)r[k].n_dims; j++) {
      if (!(d[j] >= 0 && d[j] <= 2147483647.0)) internal("dims");
      r[k].dims[j] = (size_t)d[j];
      want *= r[k].dims[j];
    }
    if (r[k].n_dims == 0) want = 0;
    nval = mxGetNumberOfElements(val);
    switch (r[k].type) {
    case RNN_REC_DOUBLE:
      r[k].dbl = real_array(val, r[k].name);
      break;
    case RNN_REC_INT:
    case RNN_REC_LOGICAL:
      if (!mxIsInt32(val)) internal("int and logical records need int32 values");
      r[k].i32 = (const int32_t *)mxGetData(val);
      break;
    case RNN_REC_STRING: {
      const char **str = (const char **)mxCalloc(nval + 1, sizeof(char *));
      if (!mxIsCell(val)) internal("string records need a cell of strings");
      for (j = 0; j < nval; j++) {
        const mxArray *c = mxGetCell(val, j);
        /* a non-char cell (e.g. []) is NA */
        str[j] = c && mxIsChar(c) ? mxArrayToString(c) : NULL;
      }
      r[k].str = str;
      break;
    }
    default:
      nval = 0;
      break;
    }
    if (r[k].type <= RNN_REC_STRING && nval != want)
      mexErrMsgIdAndTxt("rnnkit:internal", "rnnkit internal error: record "
                        "'%s' has %lu values for its dims", r[k].name,
                        (unsigned long)nval);
  }
  if (rnn_model_encode_size(r, n, &size, &err) != RNN_OK) raise_core(&err);
  need_bytes(size, "the model file");
  plhs[0] = mxCreateNumericMatrix(size, 1, mxUINT8_CLASS, mxREAL);
  if (rnn_model_encode(r, n, (unsigned char *)mxGetData(plhs[0]), size,
                       &err) != RNN_OK)
    raise_core(&err);
}

/* file: a char row (tilde-expanded by rnn_save.m); bytes: uint8.  Writes
 * them with rnn_write_file(): a temporary file beside file, flushed and
 * renamed over it, so a failure (rnnkit:io) leaves file as it was. */
static void cmd_write_file(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  char *path;
  (void)plhs;
  if (!mxIsChar(prhs[0]) || mxGetM(prhs[0]) > 1 || mxIsEmpty(prhs[0]))
    internal("write_file: the file must be a char row");
  if (!mxIsUint8(prhs[1]) || mxIsComplex(prhs[1]))
    internal("write_file: the bytes must be uint8");
  path = mxArrayToString(prhs[0]);
  if (!path) internal("write_file: the file name");
  if (rnn_write_file(path, (const unsigned char *)mxGetData(prhs[1]),
                     mxGetNumberOfElements(prhs[1]), &err) != RNN_OK) {
    mxFree(path);
    raise_core(&err);
  }
  mxFree(path);
}

/* bytes: uint8 contents of a model file; returns a struct array of its
 * records (name, type, kind, dims, value) after the core checked them.
 * Values: double for double/int records, logical for logical records
 * (NA becomes false), a cell of char rows for strings (NA becomes []). */
static void cmd_decode(mxArray *plhs[], const mxArray *prhs[]) {
  static const char *nm[] = {"name", "type", "kind", "dims", "value"};
  const mxArray *b = prhs[0];
  const unsigned char *buf;
  size_t size, k, j;
  rnn_model_info info;
  rnn_record_view *v;
  rnn_error err;
  mxArray *out;
  if (!mxIsUint8(b)) internal("bytes must be uint8");
  buf = (const unsigned char *)mxGetData(b);
  size = mxGetNumberOfElements(b);
  if (rnn_model_parse(buf, size, &info, &err) != RNN_OK) raise_core(&err);
  /* n_records is checked against the file's size by now */
  v = (rnn_record_view *)mxCalloc(info.n_records + 1, sizeof *v);
  if (rnn_model_records(buf, size, v, info.n_records, &info, &err) != RNN_OK)
    raise_core(&err);
  out = mxCreateStructMatrix(info.n_records, 1, 5, nm);
  for (k = 0; k < info.n_records; k++) {
    const rnn_record_view *r = &v[k];
    char *name = (char *)mxCalloc(r->name_len + 1, 1);
    mxArray *dims = mxCreateDoubleMatrix(1, (size_t)r->n_dims, mxREAL), *val;
    memcpy(name, r->name, r->name_len);
    mxSetField(out, k, "name", mxCreateString(name));
    mxSetField(out, k, "type", mxCreateDoubleScalar(r->type));
    mxSetField(out, k, "kind", mxCreateDoubleScalar(r->kind));
    for (j = 0; j < (size_t)r->n_dims; j++) mxGetPr(dims)[j] = (double)r->dims[j];
    mxSetField(out, k, "dims", dims);
    switch (r->type) {
    case RNN_REC_DOUBLE:
    case RNN_REC_INT:
      val = mxCreateDoubleMatrix(r->n, 1, mxREAL);
      rnn_record_doubles(r, mxGetPr(val));
      if (r->type == RNN_REC_INT) /* NA integers become NaN (Octave's NA) */
        for (j = 0; j < r->n; j++)
          if (mxGetPr(val)[j] == (double)RNN_MF_NA_INT) mxGetPr(val)[j] = NAN;
      break;
    case RNN_REC_LOGICAL: {
      int32_t *iv = (int32_t *)mxCalloc(r->n + 1, sizeof(int32_t));
      mxLogical *lv;
      val = mxCreateLogicalMatrix(r->n, 1);
      lv = mxGetLogicals(val);
      rnn_record_ints(r, iv);
      for (j = 0; j < r->n; j++) lv[j] = iv[j] == 1;
      mxFree(iv);
      break;
    }
    case RNN_REC_STRING: {
      const char **s = (const char **)mxCalloc(r->n + 1, sizeof(char *));
      size_t *len = (size_t *)mxCalloc(r->n + 1, sizeof(size_t));
      val = mxCreateCellMatrix(r->n, 1);
      rnn_record_strings(r, s, len);
      for (j = 0; j < r->n; j++) {
        char *z;
        if (!s[j]) continue; /* NA: an empty double [] */
        z = (char *)mxCalloc(len[j] + 1, 1);
        memcpy(z, s[j], len[j]);
        mxSetCell(val, j, mxCreateString(z));
        mxFree(z);
      }
      mxFree(s);
      mxFree(len);
      break;
    }
    default:
      val = mxCreateDoubleMatrix(0, 0, mxREAL);
      break;
    }
    mxSetField(out, k, "value", val);
    mxFree(name);
  }
  mxFree(v);
  plhs[0] = out;
}

/* ---- windows, scaling, forecasts ------------------------------------ */

static size_t count_arg(const mxArray *a, const char *what, double lo) {
  double v = scalar(a, what);
  if (!(v >= lo && v <= 2147483647.0 && v == floor(v))) internal(what);
  return (size_t)v;
}

/* ==== the series engine (rnn_series_* in series.c) ================== */

/* ---- issue 15 transform block -------------------------------------- */
static void cmd_season_period(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_season_period, plhs, prhs, 0);
}
/* ---- end of issue 15 transform block ------------------------------- */

/* The shared gateway layer's commands (../../src/gw/series.c documents
 * their arguments and results). */
static void cmd_series_plan(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_series_plan, plhs, prhs, 1);
}

static void cmd_series_eval(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_series_eval, plhs, prhs, 0);
}
/* ==== end of the series engine ====================================== */

static void cmd_rescale(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_rescale, plhs, prhs, 0);
}

static void cmd_locf(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_locf, plhs, prhs, 0);
}

/* ---- issue 14 forecast/calendar block ------------------------------ */

static void cmd_forecast(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_forecast, plhs, prhs, 0);
}

static void cmd_next_dates(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_next_dates, plhs, prhs, 0);
}

/* calendar features (issue 15): [n x 2k matrix, 1 x 2k cellstr of
 * "<kind>_sin", "<kind>_cos"] of rnn_calendar_features() for the day
 * counts days; kinds a cellstr of names, or "auto" (the kind
 * rnn_calendar_auto() picks for the dates' period; none for yearly). */
static void cmd_calendar(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  size_t n = mxGetNumberOfElements(prhs[0]), nk, c;
  const double *days = real_array(prhs[0], "days");
  const char *const *names = rnn_names(RNN_NAMES_CALENDAR, NULL);
  int *code, st;
  if (mxIsChar(prhs[1])) {
    char buf[16];
    int period = RNN_STEP_NONE;
    if (mxGetString(prhs[1], buf, sizeof buf) != 0 || strcmp(buf, "auto") != 0)
      internal("calendar kinds are a cellstr or \"auto\"");
    code = (int *)mxCalloc(1, sizeof(int));
    if (n > 0) {
      double *work = alloc_work(n);
      st = rnn_date_period(n, days, work, &period, &err);
      mxFree(work);
      if (st != RNN_OK) raise_core(&err);
    }
    code[0] = rnn_calendar_auto(period);
    nk = code[0] >= 0;
  } else {
    if (!mxIsCell(prhs[1])) internal("calendar kinds are a cellstr or \"auto\"");
    nk = mxGetNumberOfElements(prhs[1]);
    code = (int *)mxCalloc(nk + 1, sizeof(int));
    for (c = 0; c < nk; c++)
      code[c] = code_arg(RNN_NAMES_CALENDAR, mxGetCell(prhs[1], c), "kind");
  }
  plhs[0] = new_matrix(n, 2 * nk, "the calendar features");
  if (rnn_calendar_features(n, days, nk, code, mxGetPr(plhs[0]), &err) != RNN_OK)
    raise_core(&err);
  plhs[1] = mxCreateCellMatrix(1, 2 * nk);
  for (c = 0; c < nk; c++) {
    char buf[64];
    snprintf(buf, sizeof buf, "%s_sin", names[code[c]]);
    mxSetCell(plhs[1], 2 * c, mxCreateString(buf));
    snprintf(buf, sizeof buf, "%s_cos", names[code[c]]);
    mxSetCell(plhs[1], 2 * c + 1, mxCreateString(buf));
  }
}

static void cmd_match_dates(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_match_dates, plhs, prhs, 0);
}

/* ---- end of the issue 14 forecast/calendar block -------------------- */

static void cmd_accuracy(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_accuracy, plhs, prhs, 0);
}

static void cmd_forecast_accuracy(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_forecast_accuracy, plhs, prhs, 0);
}

static void cmd_naive_scale(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_naive_scale, plhs, prhs, 0);
}

static void cmd_state_size(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_state_size, plhs, prhs, 0);
}

/* ---- sampling sequences ---------------------------------------------- */

static void cmd_generate(mxArray *plhs[], const mxArray *prhs[]) {
  octave_gw_call(gw_generate, plhs, prhs, 0);
}

/* For .m code that makes large arrays itself (rnn_pad_sequences): the
 * same check as before the gateway's own allocations. */
static void cmd_need_memory(mxArray *plhs[], const mxArray *prhs[]) {
  double n = scalar(prhs[0], "n");
  char what[128];
  (void)plhs;
  if (!(n >= 0)) internal("n");
  if (!mxIsChar(prhs[1]) || mxGetString(prhs[1], what, sizeof what) != 0)
    internal("what");
  need_doubles(n >= (double)(SIZE_MAX / sizeof(double)) ? SIZE_MAX : (size_t)n,
               what);
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

/* ---- CSV files (issue 18; src/core/csv.c) --------------------------- */

/* [names, columns, types, formats, delimiter] (R's rnnkit_read_csv; the
 * delimiter used, as detected or given): bytes the
 * file's uint8 bytes, delim '' (detect) or one char, day_first -1
 * (decide from the dates), 1 or 0.  names, formats: 1 x n cellstr;
 * columns: 1 x n cell of double columns (numbers; day counts for dates,
 * types 2) or cellstr columns (text); missing values NaN. */
static void cmd_read_csv(mxArray *plhs[], const mxArray *prhs[]) {
  rnn_error err;
  rnn_csv_info info;
  const char *buf, *d;
  size_t size, nd, nf, cap, j, k, *start, *len, *line, *end, nb;
  int df, type, fmt;
  char *text;
  if (!mxIsUint8(prhs[0]) || mxIsComplex(prhs[0])) internal("bytes must be uint8");
  size = mxGetNumberOfElements(prhs[0]);
  buf = size ? (const char *)mxGetData(prhs[0]) : "";
  d = char_bytes(prhs[1], &nd, "delim must be a char");
  if (nd > 1) internal("delim must be one char");
  df = int_arg(prhs[2], "day_first");
  if (df < -1 || df > 1) internal("day_first must be -1, 0 or 1");
  if (rnn_csv_scan(buf, size, nd ? d[0] : '\0', NULL, NULL, NULL, 0, &info,
                   &err) != RNN_OK)
    raise_core(&err);
  cap = info.n_rows + 1;
  nf = rnn_size_mul(cap, info.n_cols);
  need_bytes(rnn_size_mul(rnn_size_mul(nf, 2) + 2 * cap, sizeof(size_t)),
             "the fields of the file");
  start = (size_t *)mxMalloc((nf + 1) * sizeof(size_t));
  len = (size_t *)mxMalloc((nf + 1) * sizeof(size_t));
  end = (size_t *)mxMalloc(cap * sizeof(size_t));
  line = (size_t *)mxMalloc(cap * sizeof(size_t));
  if (rnn_csv_scan(buf, size, nd ? d[0] : '\0', start, len, line, nf, &info,
                   &err) != RNN_OK)
    raise_core(&err);
  plhs[0] = mxCreateCellMatrix(1, info.n_cols);
  plhs[1] = mxCreateCellMatrix(1, info.n_cols);
  plhs[2] = mxCreateDoubleMatrix(1, info.n_cols, mxREAL);
  plhs[3] = mxCreateCellMatrix(1, info.n_cols);
  plhs[4] = char_row(&info.delim, 1);
  for (j = 0; j < info.n_cols; j++) {
    const size_t *s = start + cap * j, *l = len + cap * j;
    mxArray *v;
    /* the header's field */
    if (rnn_csv_text(buf, 1, s, l, NULL, 0, end, &err) != RNN_OK) raise_core(&err);
    text = (char *)mxMalloc(end[0] + 1);
    if (rnn_csv_text(buf, 1, s, l, text, end[0], end, &err) != RNN_OK)
      raise_core(&err);
    mxSetCell(plhs[0], j, char_row(text, end[0]));
    mxFree(text);
    need_doubles(info.n_rows, "a column of the file");
    v = mxCreateDoubleMatrix(info.n_rows, 1, mxREAL);
    if (rnn_csv_column(buf, info.n_rows, s + 1, l + 1, line + 1, j + 1, df,
                       NAN, &type, &fmt, mxGetPr(v), &err) != RNN_OK)
      raise_core(&err);
    mxGetPr(plhs[2])[j] = type;
    mxSetCell(plhs[3], j, mxCreateString(type == RNN_CSV_NUMBER ? "number"
                                         : type == RNN_CSV_TEXT
                                             ? "text"
                                             : rnn_csv_date_name(fmt)));
    if (type == RNN_CSV_TEXT) {
      mxDestroyArray(v);
      if (rnn_csv_text(buf, info.n_rows, s + 1, l + 1, NULL, 0, end, &err) !=
          RNN_OK)
        raise_core(&err);
      nb = info.n_rows ? end[info.n_rows - 1] : 0;
      need_bytes(nb + 1, "a column of the file");
      text = (char *)mxMalloc(nb + 1);
      if (rnn_csv_text(buf, info.n_rows, s + 1, l + 1, text, nb, end, &err) !=
          RNN_OK)
        raise_core(&err);
      v = mxCreateCellMatrix(info.n_rows, 1);
      for (k = 0; k < info.n_rows; k++) {
        size_t from = k ? end[k - 1] : 0;
        mxSetCell(v, k, end[k] > from ? char_row(text + from, end[k] - from)
                                      : mxCreateString(""));
      }
      mxFree(text);
    }
    mxSetCell(plhs[1], j, v);
  }
  mxFree(start);
  mxFree(len);
  mxFree(end);
  mxFree(line);
}

/* ---- dispatch -------------------------------------------------------- */

/* ---- the schema (src/core/schema.c) ------------------------------------ */

/* a struct of the names of one table with their codes: s.lstm = 1 */
static mxArray *name_struct(const char *const *nm, size_t n) {
  mxArray *s = mxCreateStructMatrix(1, 1, (int)n, (const char **)nm);
  size_t k;
  for (k = 0; k < n; k++)
    mxSetFieldByNumber(s, 0, (int)k, mxCreateDoubleScalar((double)k));
  return s;
}

/* struct ("cell", struct ("simple", 0, "lstm", 1, "gru", 2), ...,
 * "defaults", struct ("units", 16, ...), "head", struct ("mse",
 * "linear", ...)), as R's rnnkit_schema() */
static void cmd_schema(mxArray *plhs[], const mxArray *prhs[]) {
  const char *fields[RNN_NAMES_N + 3];
  const char *dn[64];
  size_t n, k;
  int t;
  const rnn_default *d = rnn_defaults(&n);
  mxArray *out, *v;
  (void)prhs;
  for (t = 0; t < RNN_NAMES_N; t++) fields[t] = rnn_names_what(t);
  fields[RNN_NAMES_N] = "defaults";
  fields[RNN_NAMES_N + 1] = "head";
  fields[RNN_NAMES_N + 2] = "filters";
  out = mxCreateStructMatrix(1, 1, RNN_NAMES_N + 3, fields);
  for (t = 0; t < RNN_NAMES_N; t++) {
    const char *const *nm = rnn_names(t, &n);
    mxSetFieldByNumber(out, 0, t, name_struct(nm, n));
  }
  d = rnn_defaults(&n);
  if (n > 64) internal("too many defaults");
  for (k = 0; k < n; k++) dn[k] = d[k].name;
  v = mxCreateStructMatrix(1, 1, (int)n, dn);
  for (k = 0; k < n; k++)
    mxSetFieldByNumber(v, 0, (int)k, mxCreateDoubleScalar(d[k].value));
  mxSetFieldByNumber(out, 0, RNN_NAMES_N, v);
  {
    const char *const *loss = rnn_names(RNN_NAMES_LOSS, &n);
    v = mxCreateStructMatrix(1, 1, (int)n, (const char **)loss);
    for (k = 0; k < n; k++)
      mxSetFieldByNumber(v, 0, (int)k,
                         mxCreateString(rnn_name_of(
                             RNN_NAMES_ACTIVATION, rnn_default_head((int)k))));
    mxSetFieldByNumber(out, 0, RNN_NAMES_N + 1, v);
  }
  {
    const char *const *lv = rnn_names(RNN_NAMES_LEVEL, &n);
    v = mxCreateStructMatrix(1, 1, (int)n, (const char **)lv);
    for (k = 0; k < n; k++)
      mxSetFieldByNumber(v, 0, (int)k,
                         mxCreateString(rnn_default_filters((int)k)));
    mxSetFieldByNumber(out, 0, RNN_NAMES_N + 2, v);
  }
  plhs[0] = out;
}

/* the RNN_FIELD_* flags of each path of a cellstr */
static void cmd_file_flags(mxArray *plhs[], const mxArray *prhs[]) {
  size_t n = mxGetNumberOfElements(prhs[0]), k, len;
  int c = code_arg(RNN_NAMES_FIELD, prhs[1], "flag");
  mxArray *out;
  if (!mxIsCell(prhs[0]) || !rnn_name_of(RNN_NAMES_FIELD, c))
    internal("paths must be a cellstr, flag a field flag's name");
  out = mxCreateLogicalMatrix(1, n);
  for (k = 0; k < n; k++) {
    const mxArray *e = mxGetCell(prhs[0], k);
    const char *p;
    if (!e) internal("paths must be a cellstr");
    p = char_bytes(e, &len, "paths");
    mxGetLogicals(out)[k] = (rnn_file_field_flags(p, len) >> c) & 1u;
  }
  plhs[0] = out;
}

/* the 1-based index of the choice (a cellstr) nearest to x, 0 if none */
static void cmd_suggest(mxArray *plhs[], const mxArray *prhs[]) {
  size_t n = mxGetNumberOfElements(prhs[1]), k;
  char **c;
  char *x;
  if (!mxIsChar(prhs[0]) || !mxIsCell(prhs[1])) internal("suggest (x, cellstr)");
  x = mxArrayToString(prhs[0]);
  c = (char **)mxCalloc(n + 1, sizeof(char *));
  for (k = 0; k < n; k++) {
    const mxArray *e = mxGetCell(prhs[1], k);
    c[k] = e && mxIsChar(e) ? mxArrayToString(e) : NULL;
  }
  plhs[0] = mxCreateDoubleScalar(
      (double)(rnn_suggest(x, (const char *const *)c, n) + 1));
}

static void cmd_panel_pool(mxArray *plhs[], const mxArray *prhs[]);

/* fn, or a command of the shared layer, gw (its slot k output k) */
static const struct {
  const char *name;
  command fn;
  int n_in, n_out;
  gw_command gw;
} commands[] = {
    {"n_params", cmd_n_params, 1, 1},   {"init", cmd_init, 3, 1},
    {"predict", cmd_predict, 3, 1},     {"train", cmd_train, 9, 1},
    {"input_check", cmd_input_check, 5, 0},
    {"step", cmd_step, 4, 2},           {"state_size", cmd_state_size, 2, 1},
    {"encode", cmd_encode, 1, 1},       {"decode", cmd_decode, 1, 1},
    {"write_file", cmd_write_file, 2, 0},
    /* the series engine */
    {"series_plan", cmd_series_plan, 6, 1},
    {"series_eval", cmd_series_eval, 12, 4},
    {"season_period", cmd_season_period, 1, 1}, /* issue 15 */
    /* end of the series engine */
    {"rescale", cmd_rescale, 5, 1},         {"locf", cmd_locf, 1, 1},
    {"forecast", cmd_forecast, 4, 6},   /* issue 14 forecast/calendar */
    {"next_dates", cmd_next_dates, 3, 1},
    {"calendar", cmd_calendar, 2, 2}, /* issue 15 */
    {"match_dates", cmd_match_dates, 3, 1},
    {"accuracy", cmd_accuracy, 4, 1},   {"naive_scale", cmd_naive_scale, 2, 1},
    {"forecast_accuracy", cmd_forecast_accuracy, 4, 1},
    {"generate", cmd_generate, 7, 2},   {"need_memory", cmd_need_memory, 2, 0},
    {"loss_grad", cmd_loss_grad, 5, 3},
    /* issue 14, text (h14-text): ../../src/gw/text.c */
    {"vocab_fit", NULL, 6, 4, gw_vocab_fit},
    {"text_decode", NULL, 4, 1, gw_text_decode},
    {"layer_params", NULL, 3, 1, gw_layer_params},
    {"text_encode", NULL, 6, 1, gw_text_encode},
    {"pad_sequences", NULL, 6, 1, gw_pad_sequences},
    {"text_streams", NULL, 3, 2, gw_text_streams},
    {"utf8_valid", NULL, 1, 1, gw_utf8_valid}, /* end of h14-text */
    {"schema", cmd_schema, 0, 1},       {"file_flags", cmd_file_flags, 2, 1},
    {"suggest", cmd_suggest, 2, 1},
    {"read_csv", cmd_read_csv, 3, 5}, /* issue 18 */
    {"panel_pool", cmd_panel_pool, 1, 1}, /* issue 16, at the end */
    {NULL, NULL, 0, 0, NULL}};

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
    if (commands[k].fn)
      commands[k].fn(out, prhs + 1);
    else
      octave_gw_call(commands[k].gw, out, prhs + 1, 0);
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

/* ---- issue 16: panels (h16-oct) ------------------------------------- */

/* __rnnkit__ ("panel_pool", tab): the pooled row of a panel's accuracy
 * (rnn_panel_pool): tab is n_stat x n_keys, one column per key; the
 * n_stat means over the keys of its finite values (a column). */
static void cmd_panel_pool(mxArray *plhs[], const mxArray *prhs[]) {
  size_t ns = mxGetM(prhs[0]), nk = mxGetN(prhs[0]);
  if (!mxIsDouble(prhs[0]) || mxIsComplex(prhs[0]) || mxIsSparse(prhs[0]))
    internal("panel_pool (a full real matrix)");
  plhs[0] = mxCreateDoubleMatrix(ns, 1, mxREAL);
  rnn_panel_pool(nk, ns, mxGetPr(prhs[0]), mxGetPr(plhs[0]));
}
/* ---- end of issue 16 (h16-oct) -------------------------------------- */
