/* The gateway layer that both hosts share (issue 14): each command's
 * argument parsing and result building, written once in src/gw/ (*.c)
 * against this small interface to a host's values, which is implemented
 * twice: src/r_gw.c (R's SEXP) and octave/src/gw_octave.c (Octave's
 * mxArray).  The .Call functions (src/r_*.c) and the MEX commands
 * (octave/src/__rnnkit__.c) only hand their arguments over.
 *
 * Reading never modifies an argument.  Every reader checks the type and
 * size it needs and raises an internal error (R: "rnnkit internal error:
 * ..."; Octave: id "rnnkit:internal") otherwise; core failures are raised
 * as classed errors (R: rnnkit_error_<kind>; Octave: "rnnkit:<kind>").
 * None of the raising functions returns.  Memory from gw_alloc() and the
 * gw_work() workspaces is freed by the host when the call returns. */
#ifndef RNNKIT_GW_H
#define RNNKIT_GW_H

#include <stddef.h>
#include <stdint.h>

#include "../core/rnnkit.h"

typedef const void *gw_in; /* an argument: SEXP or const mxArray *  */
typedef struct gw_out gw_out; /* the result being built (host's own) */

/* ---- errors ---- */
void gw_internal(const char *fmt, ...);
void gw_raise(const rnn_error *e);
void gw_raise_status(int code, const char *fmt, ...);

/* ---- reading arguments ---- */
/* Compact windows (issue 16): x a list / struct with values (rows x
 * n_in), start (0-based first rows, one per sample, as doubles) and
 * n_time; *src is filled (its start allocated) and *N, *T receive the
 * samples and steps.  Returns 0 when x is not such a list (a stored
 * array), 1 when it is. */
int gw_window_source(gw_in x, size_t n_in, rnn_window_source *src, size_t *N,
                     size_t *T);

/* The element `name` of a named list / struct, or NULL when absent
 * (gw_need: an internal error). */
gw_in gw_field(gw_in list, const char *name);
gw_in gw_need(gw_in list, const char *name);
int gw_is_null(gw_in v);          /* NULL / [] or no value at all       */
int gw_is_list(gw_in v);          /* a list / struct (issue 16)         */
double gw_dbl(gw_in v, const char *what); /* one number (NA: NaN)      */
int gw_flag(gw_in v, const char *what);   /* TRUE / non-zero           */
/* A whole number from lo to INT_MAX. */
size_t gw_count(gw_in v, const char *what, size_t lo);
/* Real doubles: their count in *n (NULL when none). */
const double *gw_reals(gw_in v, const char *what, size_t *n);
/* A real double matrix m x n. */
const double *gw_matrix(gw_in v, const char *what, size_t *m, size_t *n);
/* A real double array a x b x c (Octave drops trailing singletons). */
const double *gw_array3(gw_in v, const char *what, size_t *a, size_t *b,
                        size_t *c);
/* Whole numbers (integer or double vector) minus `sub`, each checked to
 * lie in [lo, hi] after it; their count in *n. */
int *gw_ints(gw_in v, const char *what, int sub, int lo, int hi, size_t *n);
/* The code of a name of the core's table `table` (RNN_NAMES_*), or a
 * code given as a number. */
int gw_code(int table, gw_in v, const char *what);
/* Strings: gw_n_strings() is their count (-1: not strings);
 * gw_string_is(v, k, s): element k (0-based) equals s (NA: no). */
long gw_n_strings(gw_in v);
/* One string, as C text (freed with the call). */
const char *gw_str(gw_in v, const char *what);
int gw_string_is(gw_in v, size_t k, const char *s);

/* ---- memory ---- */
void *gw_alloc(size_t n, size_t size); /* n (at least 1) zeroed items */
double *gw_work(size_t n, const char *what); /* checked, for `what`   */

/* ---- results ---- */
/* gw_result(o, 1, NULL): the result is slot 0's value itself (R) or the
 * one output (Octave); gw_result(o, 0, NULL): nothing (R: NULL).
 * Slot k of the result, made here: R a named list's element, Octave a
 * struct's field or the k-th output (as the MEX command asks).  Slots
 * never set are NULL / [].  `what` names the value in a size error. */
void gw_result(gw_out *o, int n, const char *const *names);
double *gw_set_matrix(gw_out *o, int k, size_t m, size_t n, const char *what);
/* A vector of n doubles (R: a plain vector; Octave: a matrix of `rows`
 * rows, n / rows columns, or 0 x 1 when rows is 0). */
double *gw_set_vector(gw_out *o, int k, size_t n, size_t rows,
                      const char *what);
double *gw_set_array3(gw_out *o, int k, size_t a, size_t b, size_t c,
                      const char *what);
/* n whole numbers v[i] + add (R: integer; Octave: a double column);
 * INT_MIN is NA (R: NA; Octave: NaN). */
void gw_set_ints(gw_out *o, int k, size_t n, const int *v, int add);
/* Labels of the core's RNN_SET_* codes: "train", "gap", "test" (R: NA,
 * Octave: "none" for RNN_SET_NONE). */
void gw_set_labels(gw_out *o, int k, size_t n, const int *set);
/* The host's missing value for NaN in x (R: NA; Octave: NaN stays). */
void gw_na(double *x, size_t n);
/* The argument v itself (Octave: a copy). */
void gw_set_arg(gw_out *o, int k, gw_in v);
/* A copy of the double array v, to be modified. */
double *gw_set_copy(gw_out *o, int k, gw_in v, const char *what);
void gw_set_string(gw_out *o, int k, const char *s);
/* n flags (R: logical; Octave: logical, or doubles when plain);
 * INT_MIN is NA (R: NA; Octave: false). */
void gw_set_flags(gw_out *o, int k, size_t n, const int *v, int plain);
/* The value made in slot k (for a host's callbacks). */
gw_in gw_slot(gw_out *o, int k);

/* ---- h14-file: bytes, records, string vectors, names ----
 * (issue 14: the model file, schema, CSV and calendar commands) */
/* Bytes (R: a raw vector; Octave: uint8), their count in *n; never NULL. */
const unsigned char *gw_bytes(gw_in v, const char *what, size_t *n);
/* n int32 values (R: integer, or logical when `logical`; Octave: int32). */
const int32_t *gw_int32s(gw_in v, int logical, const char *what, size_t *n);
/* A file name in the host's encoding (R: ~ expanded). */
const char *gw_path(gw_in v, const char *what);
/* Element k (0-based) of strings (R: character; Octave: a cell of char
 * rows), as C text (UTF-8) freed with the call; NA (Octave: a cell that
 * is no char) gives NULL. */
const char *gw_string_at(gw_in v, size_t k, const char *what);
/* Records (R: a list of named lists; Octave: a struct array): their
 * count, and the element `name` of record k, or NULL when absent. */
size_t gw_n_records(gw_in v, const char *what);
gw_in gw_record_field(gw_in v, size_t k, const char *name);
/* Raises the host's size error unless `bytes` for `what` can be had. */
void gw_need_bytes(size_t bytes, const char *what);
/* The host's missing number (R: NA_real_; Octave: NaN). */
double gw_na_value(void);
/* n bytes (R: a raw vector; Octave: uint8 n x 1). */
unsigned char *gw_set_bytes(gw_out *o, int k, size_t n, const char *what);
/* n strings, NULL for NA (R: a character vector, UTF-8; Octave: a 1 x n
 * cell of char rows, [] for NA). */
void gw_set_strings(gw_out *o, int k, size_t n, const char *const *s);
/* A size vector of n (R: integer; Octave: a double row, as size()). */
void gw_set_dims(gw_out *o, int k, size_t n, const size_t *d);
/* Names the n elements of slot k (R: its names; Octave: slot k becomes
 * a struct with one field per element). */
void gw_set_names(gw_out *o, int k, size_t n, const char *const *names);
/* Octave: slot k's elements as `rows` rows (0: 0 x 1); R: nothing. */
void gw_shape(gw_out *o, int k, size_t rows);
/* n values in slot k (R: a list; Octave: a 1 x n cell); the result
 * returned has them as its slots. */
gw_out *gw_set_list(gw_out *o, int k, size_t n);
/* n records of nf fields in slot k (R: a list of named lists; Octave:
 * an n x 1 struct array); gw_record(): a result whose slots are the
 * fields of record i. */
void gw_set_records(gw_out *o, int k, size_t n, int nf,
                    const char *const *names);
gw_out *gw_record(gw_out *o, int k, size_t i);
/* src/gw/file.c */
void gw_model_encode(gw_out *o, const gw_in *arg);
void gw_model_decode(gw_out *o, const gw_in *arg);
void gw_write_file(gw_out *o, const gw_in *arg);
void gw_schema(gw_out *o, const gw_in *arg);
void gw_file_flags(gw_out *o, const gw_in *arg);
void gw_suggest(gw_out *o, const gw_in *arg);
void gw_read_csv(gw_out *o, const gw_in *arg);
void gw_calendar(gw_out *o, const gw_in *arg);
void gw_need_memory(gw_out *o, const gw_in *arg);
void gw_panel_pool(gw_out *o, const gw_in *arg);
/* ---- end of h14-file ---- */

/* ---- shared readers (src/gw/common.c) ---- */
rnn_config gw_config(gw_in s);       /* the model's config             */
size_t gw_members(const rnn_config *cfg, gw_in params); /* ensemble k */
uint64_t gw_seed(gw_in s);            /* two doubles, 32-bit halves     */

/* ---- the commands (src/gw/series.c) ---- */
typedef void (*gw_command)(gw_out *o, const gw_in *arg);
void gw_series_plan(gw_out *o, const gw_in *arg);
void gw_series_eval(gw_out *o, const gw_in *arg);
void gw_forecast(gw_out *o, const gw_in *arg);

/* src/gw/model.c */
void gw_n_params(gw_out *o, const gw_in *arg);
void gw_init(gw_out *o, const gw_in *arg);
void gw_predict(gw_out *o, const gw_in *arg);
void gw_input_check(gw_out *o, const gw_in *arg);
void gw_loss_grad(gw_out *o, const gw_in *arg);
void gw_generate(gw_out *o, const gw_in *arg);
void gw_state_size(gw_out *o, const gw_in *arg);
void gw_step(gw_out *o, const gw_in *arg);
/* src/gw/tables.c */
void gw_rescale(gw_out *o, const gw_in *arg);
void gw_locf(gw_out *o, const gw_in *arg);
void gw_season_period(gw_out *o, const gw_in *arg);
void gw_next_dates(gw_out *o, const gw_in *arg);
void gw_match_dates(gw_out *o, const gw_in *arg);
void gw_accuracy(gw_out *o, const gw_in *arg);
void gw_forecast_accuracy(gw_out *o, const gw_in *arg);
void gw_naive_scale(gw_out *o, const gw_in *arg);
void gw_lambda_summary(gw_out *o, const gw_in *arg);

/* ---- issue 14, text (h14-text): strings and lists ----
 * Element k (0-based) of a list / cell (NULL past its end). */
gw_in gw_elt(gw_in v, size_t k);
/* Element k (0-based) of texts (R: a character vector; Octave: a cell
 * of char arrays, or one char array for k = 0) as C text, freed with the
 * call: its bytes as they are (R: latin1 ones translated to UTF-8; R code
 * passes enc2utf8()'d strings, so that invalid UTF-8 reaches the core's
 * check untranslated); NA (R) or a NUL byte (Octave), which C text cannot
 * hold, gives NULL; an element that is not text is an internal error.
 * (gw_string_at() above translates, and gives NULL for a non-char cell.) */
const char *gw_text_at(gw_in v, size_t k, const char *what);
/* A list of n (R) / a cell of the shape of like (Octave; like NULL: a
 * column) in slot k, and its element i: n whole numbers (R: integer;
 * Octave: a 1 x n double row). */
void gw_set_id_list(gw_out *o, int k, size_t n, gw_in like);
void gw_set_item_ints(gw_out *o, int k, size_t i, size_t n, const int *v);
/* An m x n matrix of the whole numbers v (R: integer; Octave: double). */
void gw_set_int_matrix(gw_out *o, int k, size_t m, size_t n, const double *v,
                       const char *what);
/* the commands (src/gw/text.c) */
void gw_utf8_valid(gw_out *o, const gw_in *arg);
void gw_vocab_fit(gw_out *o, const gw_in *arg);
void gw_text_encode(gw_out *o, const gw_in *arg);
void gw_text_decode(gw_out *o, const gw_in *arg);
void gw_pad_sequences(gw_out *o, const gw_in *arg);
void gw_text_streams(gw_out *o, const gw_in *arg);
void gw_layer_params(gw_out *o, const gw_in *arg);
void gw_layer_weights(gw_out *o, const gw_in *arg);
/* ---- end of issue 14, text (h14-text) ---- */

/* ---- training (src/gw/train.c) ----
 * gw_train() reads the arguments config, train, params, x, y, xval, yval,
 * seed, verbose (train may hold lr_schedule, lr_drop_factor and
 * lr_drop_period), makes the result (params, loss, val_loss, epochs_run,
 * best_epoch, stopped_early, interrupted, diverged, restored, message,
 * acc, val_acc, checkpoint_error, lr (the rate of every epoch), the
 * host's n_extra slots, and for an
 * ensemble members_run and seeds) and trains with the host's callbacks,
 * which show progress, save checkpoints and catch interrupts. */
typedef struct gw_fit gw_fit;
struct gw_fit {
  /* the host's: */
  int n_extra;                     /* result slots of its own         */
  const char *const *extra_names;
  void (*start)(gw_fit *f);        /* reads verbose (arg[8]) and its
                                      options in train (arg[1]); sets cb */
  void (*end)(gw_fit *f);          /* after training, before an error  */
  void (*extras)(gw_fit *f, int first); /* fills its slots from first   */
  const char *ck_error;            /* why a checkpoint failed, or ""   */
  void *ctx;                       /* its callbacks' context           */
  rnn_callbacks cb;                /* set by start()                   */
  /* gw_train's, for start(): */
  const gw_in *arg;
  gw_out *o;                       /* slots 0 params, 1 loss, 2 val_loss,
                                      10 acc, 11 val_acc, 13 lr are made       */
  rnn_train_config tc;
  int n_members;                   /* ensemble: k; else 1              */
  double *acc, *val_acc;           /* the histories, epochs x k        */
};
void gw_train(gw_out *o, const gw_in *arg, gw_fit *f);

#endif
