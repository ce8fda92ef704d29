/*
 * rnnkit.h -- the one public header of rnnkit's portable C core.
 *
 * The core trains recurrent networks (SimpleRNN, LSTM, GRU) by
 * backpropagation through time.  It is host-free: it never includes R or
 * Octave headers, never allocates, prints, exits or asserts, keeps no
 * globals and is reentrant.  Every function works on caller-owned double
 * arrays; scratch memory is asked for in the LAPACK manner
 * (rnn_*_workspace() says how many doubles a call needs, the host
 * allocates them and passes them in).
 *
 * ARRAY LAYOUTS (all column-major, 0-based)
 *
 *   dataset input   x[s + n_samples*(t + n_time*i)]
 *                   an R/Octave array samples x timesteps x features.
 *   dataset target  many-to-one : y[s + n_samples*k]          (samples x n_out)
 *                   many-to-many: y[s + n_samples*(t + n_time*k)]
 *                   sparse categorical cross-entropy: one column of class
 *                   labels 0..n_out-1 stored as doubles (k = 0 only).
 *   batch input     x[i + n_in*(b + n_batch*t)]
 *                   one time step of a batch is a contiguous n_in x n_batch
 *                   matrix, so one dgemm serves it, and all steps together
 *                   are one n_in x (n_batch*n_time) matrix.
 *   batch target    y[k + n_out*(b + n_batch*t)]   (t = 0 only for
 *                   many-to-one; labels: y[b + n_batch*t]).
 *
 * TOKEN INPUT (n_vocab > 0): the model starts with an embedding layer.
 *   The input has one feature (n_in = 1) holding integer tokens
 *   0..n_vocab-1 stored as doubles; token 0 is padding.  Each token k is
 *   replaced by column k of the embedding matrix E (n_embed x n_vocab),
 *   so the first recurrent layer reads n_embed features.  A padded step
 *   (token 0) is masked, as Keras' mask_zero does: every layer keeps its
 *   state (h and c) unchanged across the step, so its output there
 *   repeats the previous step's; a many-to-many loss leaves the step out
 *   (means are over unmasked steps), and a many-to-one output is the
 *   state after the last unmasked step.
 *
 * PARAMETER LAYOUT (one flat vector per model; gradients and optimizer
 * moments use the same layout).  With token input it starts with
 *
 *   E    n_embed x n_vocab   embeddings (column k for token k)
 *
 * SERIES EMBEDDING (n_series > 0, issue 16; not with token input): a
 *   global model over a panel learns a vector per series.  The input's
 *   last feature (j = n_in - 1) holds each sample's series index
 *   0..n_series-1 as a double (the same at every step), or -1 for a
 *   series not seen in training, which reads the mean of the embeddings.
 *   At every step the first recurrent layer reads the other n_in - 1
 *   features followed by column k of S (D x n_series, D = series_embed):
 *   I = n_in - 1 + D inputs.  The parameter vector then starts with
 *
 *   S    series_embed x n_series   embeddings (column k for series k)
 *
 * Then, for layer l = 0..n_layers-1 with input width I (n_in, n_embed
 * with token input, n_in - 1 + series_embed with a series embedding, for
 * l = 0, else n_hidden[l-1]), H = n_hidden[l] and
 * G = 1 (SimpleRNN), 3 (GRU) or 4 (LSTM) gate blocks, in this order:
 *
 *   W_x  G*H x I   input weights
 *   W_h  G*H x H   recurrent weights
 *   b    G*H       bias
 *   b_h  G*H       recurrent bias (GRU only: the "reset after" form has
 *                  a separate bias inside r * (W_hn h + b_hn))
 *
 * Gate blocks are stacked by rows in PyTorch's order: LSTM i, f, g, o;
 * GRU r, z, n.  W_x and W_h therefore equal PyTorch's weight_ih_l{l} and
 * weight_hh_l{l} element for element (PyTorch's two LSTM/RNN biases sum to
 * our b).  Then the dense head on the last layer's output (width H_L):
 *
 *   W_y  n_out x H_L
 *   b_y  n_out
 *
 * THE CELLS (x_t input, h_{t-1} previous state, s = logistic sigmoid)
 *   SimpleRNN  h_t = act(W_x x_t + W_h h_{t-1} + b),  act = tanh or relu
 *   LSTM       [i f g o] = [s s tanh s](W_x x_t + W_h h_{t-1} + b)
 *              c_t = f c_{t-1} + i g,   h_t = o tanh(c_t)
 *   GRU        r = s(W_xr x + b_r + W_hr h + b_hr)
 *              z = s(W_xz x + b_z + W_hz h + b_hz)
 *              n = tanh(W_xn x + b_n + r (W_hn h + b_hn))
 *              h_t = (1 - z) n + z h_{t-1}
 *
 * Stacked layers pass their whole output sequence to the next layer;
 * with dropout p > 0 each layer's output is multiplied by an inverted
 * dropout mask (kept with probability 1 - p, scaled by 1/(1-p)) while
 * training.  The head is dense: y = act(W_y h + b_y), on the last step
 * (many-to-one) or on every step (many-to-many).
 *
 * Losses are means: over all outputs for MSE, MAE and binary
 * cross-entropy, over samples (and steps) for sparse categorical
 * cross-entropy; masked steps do not count.
 */
#ifndef RNNKIT_H
#define RNNKIT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RNN_MAX_LAYERS 16

/* ---- status codes -------------------------------------------------- */

typedef enum {
  RNN_OK = 0,
  RNN_ERR_INPUT = 1,    /* an argument is invalid (NULL, NaN, unknown code) */
  RNN_ERR_DIM = 2,      /* sizes do not agree or are out of range           */
  RNN_ERR_SIZE = 3,     /* a size overflows what BLAS or memory can address */
  RNN_ERR_LAPACK = 4,   /* a LAPACK routine reported failure                */
  RNN_ERR_DIVERGED = 5, /* the loss became NaN or infinite while training   */
  RNN_ERR_FORMAT = 6,   /* a serialized model is corrupt or foreign         */
  RNN_ERR_IO = 7        /* a file could not be written (disk full, rights)  */
} rnn_status;

/* A status with a stable identifier ("rnnkit:dim") and a message that the
 * hosts turn into a classed R condition or an Octave error id. */
typedef struct {
  int code;
  char id[32];
  char msg[480];
} rnn_error;

/* The identifier of a status code, e.g. "rnnkit:dim". */
const char *rnn_status_id(int code);

/* ---- memory -------------------------------------------------------- */

/* a * b, or SIZE_MAX when that overflows: sizes of arrays the hosts are
 * asked for, checked with rnn_check_memory() before they allocate. */
size_t rnn_size_mul(size_t a, size_t b);

/* RNN_OK if `bytes` (SIZE_MAX: an overflowed size) might be allocated:
 * no more than the computer's physical memory, and a trial malloc() of
 * them succeeds (and is freed at once).  Otherwise RNN_ERR_SIZE, with a
 * message that `what` ("the model's weights") would need that much.
 * The hosts call this before each allocation whose size users choose, so
 * that too large a size is an "rnnkit:size" error, not the host's own
 * allocation error.  Under overcommit a success does not mean the memory
 * is free; it excludes sizes that can never fit. */
int rnn_check_memory(size_t bytes, const char *what, rnn_error *err);

/* ---- model configuration ------------------------------------------- */

enum { RNN_CELL_SIMPLE = 0, RNN_CELL_LSTM = 1, RNN_CELL_GRU = 2 };
enum { RNN_ACT_LINEAR = 0, RNN_ACT_TANH = 1, RNN_ACT_SIGMOID = 2,
       RNN_ACT_SOFTMAX = 3, RNN_ACT_RELU = 4 };
enum { RNN_LOSS_MSE = 0, RNN_LOSS_MAE = 1, RNN_LOSS_BCE = 2,
       RNN_LOSS_SPARSE_CE = 3 };
enum { RNN_OPT_SGD = 0, RNN_OPT_RMSPROP = 1, RNN_OPT_ADAM = 2 };
enum { RNN_INIT_ORTHOGONAL = 0, RNN_INIT_IDENTITY = 1 };
enum { RNN_PREC_DOUBLE = 0, RNN_PREC_SINGLE = 1 };

typedef struct {
  int cell;                      /* RNN_CELL_*                              */
  int activation;                /* SimpleRNN only: RNN_ACT_TANH or _RELU   */
  int n_in;                      /* input features                          */
  int n_layers;                  /* 1..RNN_MAX_LAYERS                       */
  int n_hidden[RNN_MAX_LAYERS];  /* units of each layer                     */
  int n_out;                     /* head outputs (classes for softmax)      */
  int head_act;                  /* RNN_ACT_LINEAR/TANH/SIGMOID/SOFTMAX     */
  int seq_out;                   /* 0 many-to-one, 1 many-to-many           */
  double dropout;                /* between layers while training, [0, 1)  */
  int n_vocab;                   /* > 0: token input with an embedding
                                    layer of n_vocab tokens (0 = padding);
                                    0: numeric features                    */
  int n_embed;                   /* embedding width (token input only)     */
  int n_series;                  /* issue 16: > 0: a learned series
                                    embedding of n_series series; the last
                                    input feature is the series index     */
  int series_embed;              /* its width D (with n_series > 0)        */
  int precision;                 /* issue 19: RNN_PREC_DOUBLE (0, the
                                    default) or RNN_PREC_SINGLE: training
                                    and inference compute in float inside
                                    the core; params, data, outputs and
                                    workspace stay double at the API (the
                                    weights are rounded to float at the
                                    start and widened back at the end) */
} rnn_config;

/* Checks a configuration; RNN_OK or a status with err filled in. */
int rnn_config_check(const rnn_config *cfg, rnn_error *err);

/* Number of gate blocks G of a cell: 1, 3 or 4. */
int rnn_cell_gates(int cell);

/* Length of the flat parameter vector (0 if cfg is invalid). */
size_t rnn_n_params(const rnn_config *cfg);

/* Named pointers into a flat parameter vector (or a gradient). */
typedef struct {
  double *Wx, *Wh, *b, *bh; /* bh is NULL except for GRU */
  int n_in, n_hidden;
} rnn_layer_view;

typedef struct {
  double *E; /* NULL without token input */
  double *S; /* NULL without a series embedding (issue 16) */
  rnn_layer_view layer[RNN_MAX_LAYERS];
  double *Wy, *by;
} rnn_view;

/* Fills v with pointers into p (n_params long). */
void rnn_view_bind(const rnn_config *cfg, double *p, rnn_view *v);

/* ---- random numbers (xoshiro256**, seeded through splitmix64) ------ */

typedef struct {
  uint64_t s[4];
} rnn_rng;

void rnn_rng_seed(rnn_rng *rng, uint64_t seed);
uint64_t rnn_rng_next(rnn_rng *rng);
double rnn_rng_unif(rnn_rng *rng);   /* uniform on [0, 1), 53 bits        */
double rnn_rng_normal(rnn_rng *rng); /* standard normal (polar method)    */
/* A uniform integer in 0..n-1 without modulo bias (n >= 1). */
uint64_t rnn_rng_below(rnn_rng *rng, uint64_t n);

/* ---- initialisation ------------------------------------------------ */

/* Doubles of workspace rnn_init_params() needs. */
size_t rnn_init_workspace(const rnn_config *cfg);

/* Glorot-uniform W_x and W_y, orthogonal (QR of a Gaussian matrix via
 * LAPACK dgeqrf/dorgqr) or identity (SimpleRNN) W_h, zero biases, LSTM
 * forget-gate bias 1, embeddings uniform on (-0.05, 0.05) (Keras).
 * Draws from rng in a fixed order (embeddings last, token E then series
 * S, so a model without them draws as before). */
int rnn_init_params(const rnn_config *cfg, int recurrent_init, double *params,
                    rnn_rng *rng, double *work, rnn_error *err);

/* ---- forward / backward -------------------------------------------- */

/* Doubles of workspace rnn_loss_grad() needs for a batch of n_batch
 * sequences of n_time steps (training mode keeps everything BPTT needs). */
size_t rnn_batch_workspace(const rnn_config *cfg, size_t n_batch,
                           size_t n_time);

/* Forward in inference mode (no dropout): out is the head's output in
 * batch-target layout, n_out x n_batch (x n_time when seq_out).  work:
 * rnn_batch_workspace() doubles (more than inference needs). */
int rnn_forward(const rnn_config *cfg, const double *params, size_t n_batch,
                size_t n_time, const double *x, double *out, double *work,
                rnn_error *err);

/* Loss of a batch and its gradient.  grad (n_params) is overwritten
 * (not accumulated).  With rng != NULL and cfg->dropout > 0 the pass is
 * a training pass with dropout masks drawn from rng; with rng == NULL no
 * dropout is applied.  dx, if not NULL, receives dloss/dx in batch
 * layout (zeros with token input, whose tokens have no gradient, and in
 * a series embedding's index column); it needs grad (the backward pass
 * fills both): dx without grad is RNN_ERR_INPUT.  grad and dx NULL: the
 * loss alone. */
int rnn_loss_grad(const rnn_config *cfg, int loss, const double *params,
                  size_t n_batch, size_t n_time, const double *x,
                  const double *y, double *loss_value, double *grad,
                  double *dx, rnn_rng *rng, double *work, rnn_error *err);

/* rnn_loss_grad() with a weight per step of a many-to-many loss:
 * w[b + n_batch*t] (n_batch x n_time, batch layout; NULL: all 1) is 1 for
 * a step that counts and 0 for a padded step, whose target then has no
 * influence on the loss or the gradient (the network still reads its
 * input: the state runs through padding, as in MATLAB's trainNetwork).
 * With targets y_k and outputs yh_k at the counted steps (N = K x the
 * counted steps; sparse CE: the counted steps),
 *   forward   L = (1/N) sum_{b,t} w_bt sum_k l(yh_kbt, y_kbt)
 *   backward  dL/dyh_kbt = w_bt l'(yh_kbt, y_kbt) / N
 * (l: the loss of one output, see head.c).  A many-to-one model ignores
 * w.  With token input w replaces the mask of the loss (not the cells').
 * The weights must be 0 or 1. */
int rnn_loss_grad_w(const rnn_config *cfg, int loss, const double *params,
                    size_t n_batch, size_t n_time, const double *x,
                    const double *y, const double *w, double *loss_value,
                    double *grad, double *dx, rnn_rng *rng, double *work,
                    rnn_error *err);

/* Copies samples idx[0..n_batch-1] of a dataset (dataset layout) into a
 * batch (batch layout).  y/yb may be NULL. */
void rnn_gather_batch(const rnn_config *cfg, int loss, size_t n_samples,
                      size_t n_time, const double *x, const double *y,
                      const size_t *idx, size_t n_batch, double *xb,
                      double *yb);

/* The inverse of rnn_gather_batch() for inputs (e.g. rnn_loss_grad()'s
 * dx): batch xb (n_in x n_batch x n_time) into samples idx[0..n_batch-1]
 * of x (dataset layout, n_samples x n_time x n_in). */
void rnn_scatter_batch(const rnn_config *cfg, size_t n_samples,
                       size_t n_time, const double *xb, const size_t *idx,
                       size_t n_batch, double *x);

/* Doubles of workspace rnn_predict() needs when it works in chunks of
 * at most `chunk` samples. */
size_t rnn_predict_workspace(const rnn_config *cfg, size_t chunk,
                             size_t n_time);

/* Predictions for a whole dataset (dataset layouts in and out):
 * out is n_samples x n_out (x n_time when seq_out, as a samples x
 * timesteps x outputs array). */
int rnn_predict(const rnn_config *cfg, const double *params, size_t n_samples,
                size_t n_time, const double *x, size_t chunk, double *out,
                double *work, rnn_error *err);

/* Checks the shape n_samples x n_time x n_in of an input array that
 * `what` (the host's name for the argument, quoted as the host quotes,
 * e.g. "`newdata`" or "'X'") holds against the model: RNN_ERR_DIM with a
 * message (explaining the samples x timesteps x features convention,
 * what was given and what is needed) unless it has the model's n_in
 * features and, when n_time_fit > 0 (the window length of a model trained
 * on windows cut from a series), that many timesteps.  n_time_fit 0 (a
 * model fit on sequences, which may be read at any length), a stateful
 * model or a many-to-many model (cfg->seq_out) take any number. */
int rnn_input_check(const rnn_config *cfg, size_t n_time_fit, int stateful,
                    size_t n_samples, size_t n_time, size_t n_in,
                    const char *what, rnn_error *err);

/* Checks that a loss suits the head: binary cross-entropy needs a
 * sigmoid head, sparse categorical cross-entropy a softmax head. */
int rnn_loss_check(const rnn_config *cfg, int loss, rnn_error *err);

/* ---- training ------------------------------------------------------- */

typedef struct {
  int loss;            /* RNN_LOSS_*                                      */
  int optimizer;       /* RNN_OPT_*                                       */
  double lr;           /* learning rate (Keras defaults: 1e-3; SGD 1e-2)  */
  double momentum;     /* SGD                                             */
  double rho;          /* RMSprop decay (0.9)                             */
  double beta1, beta2; /* Adam (0.9, 0.999)                              */
  double eps;          /* RMSprop/Adam epsilon (1e-7)                     */
  double clipnorm;     /* > 0: scale the gradient to this global norm     */
  double clipvalue;    /* > 0: clip every gradient element to +-clipvalue */
  int epochs;
  int batch_size;
  int shuffle;         /* shuffle the training samples every epoch        */
  int patience;        /* early stopping: epochs without improvement; <= 0 off */
  double min_delta;    /* improvement smaller than this does not count    */
  int restore_best;    /* restore the best weights when training ends     */
  int n_threads;       /* threads for a batch (<= 1: one): its two halves,
                          or its layers' gate rows (row_split); results do
                          not depend on it                                 */
  int stateful;        /* truncated BPTT over long sequences: sample
                          s = c*B + b is chunk c of stream b, so batch c
                          continues batch c-1 column by column.  Batches
                          are taken in order (no shuffling), the recurrent
                          state is carried from batch to batch (not
                          differentiated through) and reset to zero at
                          the start of each epoch and of validation.
                          n_samples must be a multiple of batch_size.     */
  /* Sequences of unequal length (issue 18, MATLAB's trainNetwork): with
   * len != NULL sample s is a sequence of len[s] steps (a whole number
   * 1..n_time) padded to n_time in the dataset, after its steps, or
   * before them with pad_left.  Each batch is cut to its own window of
   * L steps: the longest of its sequences (seq_length 0), or the
   * shortest (-1: the other sequences truncated at the end, or at the
   * start with pad_left); with seq_length S > 0 the window of the longest
   * is trained in chunks of S steps (the last one shorter), one optimizer
   * step each, the recurrent state carried from chunk to chunk (not
   * differentiated through) and zero at the start of each batch.  The
   * window is steps 0..L-1 of the padded sequences, or n_time-L..n_time-1
   * with pad_left.  Padded steps are read as input; in a many-to-many
   * loss they count for nothing (rnn_loss_grad_w()).  val_len: the same
   * for the validation data (NULL: every validation sequence is full).
   * len == NULL: every sequence is full; the other three are ignored.
   * Not with stateful training. */
  const double *len, *val_len;
  int seq_length;
  int pad_left;
  /* How two threads share a batch (issue 19); results do not depend on
   * it.  0 (the default) and -1: the batch's two halves (measured faster
   * than the gate rows at every size so far: cells.c, rnn_rows_pay());
   * 1: the halves one after the other, each layer that can be split (H a
   * multiple of 16 in double, 32 in single precision, at least twice
   * that) splitting its hidden units' gate rows across the two threads,
   * on one thread too (the parts in turn). */
  int row_split;
  /* Learning-rate schedule (MATLAB's trainingOptions 'LearnRateSchedule'):
   * RNN_LR_NONE (0, lr throughout: zeroed options train as before) or
   * RNN_LR_PIECEWISE: epoch e = 0, 1, ... of this call trains at
   * lr * lr_drop_factor^floor(e / lr_drop_period) (rnn_lr_at()), for every
   * optimizer and every member of an ensemble.  The drop factor lies in
   * (0, 1], the period (epochs) is >= 1; both are ignored by RNN_LR_NONE. */
  int lr_schedule;
  double lr_drop_factor;
  int lr_drop_period;
} rnn_train_config;

enum { RNN_LR_NONE = 0, RNN_LR_PIECEWISE = 1 };

/* The learning rate of 0-based epoch e of a training call under tc's
 * schedule (tc->lr itself for RNN_LR_NONE and before the first drop). */
double rnn_lr_at(const rnn_train_config *tc, int e);
/* Checks the schedule's options: RNN_ERR_INPUT with a message naming
 * the bad one. */
int rnn_lr_check(const rnn_train_config *tc, rnn_error *err);

/* Compact windows (issue 16): the inputs of n_samples windows of
 * n_time steps read from the rows of one table instead of stored one by
 * one.  values is n_rows x n_in, column-major (one row per time step of a
 * series, its n_in input features, already transformed and scaled; rows
 * of several series stacked); sample s is rows start[s] ..
 * start[s] + n_time - 1, so that
 *   x[s + n_samples*(t + n_time*i)] = values[start[s] + t + n_rows*i]
 * is the stored dataset it stands for, bit for bit.  Memory:
 * n_rows x n_in + n_samples instead of n_samples x n_time x n_in.  Rows
 * that no window reads (e.g. the first rows a transform loses) may hold
 * anything, NaN included. */
typedef struct {
  size_t n_rows;
  const double *values; /* n_rows x n_in */
  const size_t *start;  /* n_samples: 0-based first rows */
} rnn_window_source;

/* Checks a source for n_samples windows of n_time steps and n_in inputs:
 * every window lies inside values (RNN_ERR_DIM, naming the sample) and
 * reads finite values only (RNN_ERR_INPUT, naming sample, step and
 * feature). */
int rnn_window_source_check(const rnn_window_source *src, size_t n_samples,
                            size_t n_time, size_t n_in, rnn_error *err);

/* Materialises samples s0 .. s0+n-1 of a source (checked) in dataset
 * layout: x[s + n*(t + n_time*i)] = values[start[s0+s] + t + n_rows*i],
 * x n x n_time x n_in.  A batch by batch reader (prediction in blocks)
 * or the whole stored array (s0 0, n all samples). */
void rnn_window_source_gather(const rnn_window_source *src, size_t s0,
                              size_t n, size_t n_time, size_t n_in,
                              double *x);

/* A dataset in dataset layout.  x (n_samples x n_time x n_in) holds the
 * inputs; or x is NULL and src (issue 16) gives them, gathered batch by
 * batch during training and evaluation (y stays stored: n_samples x
 * targets).  Training from a source gives the same bits as from its
 * stored x.  src must be NULL when x is given; a source takes no
 * sequence lengths (its windows are full). */
typedef struct {
  size_t n_samples;
  size_t n_time;
  const double *x;
  const double *y;
  const rnn_window_source *src;
} rnn_dataset;

/* Host callbacks.  A non-zero return stops training cleanly after the
 * current batch or epoch.  Either may be NULL. */
typedef struct {
  int (*on_epoch)(void *ctx, int epoch, int n_epochs, double loss,
                  double val_loss);
  int (*on_batch)(void *ctx, int epoch, int batch, int n_batches,
                  double loss);
  void *ctx;
} rnn_callbacks;

/* What a training run did. */
typedef struct {
  int epochs_run;   /* entries of the loss histories written            */
  int best_epoch;   /* 1-based epoch of the best monitored loss         */
  int stopped_early;/* early stopping triggered                         */
  int interrupted;  /* a callback asked to stop                         */
  int diverged;     /* 1-based epoch whose loss was not finite, or 0    */
  int restored;     /* the best epoch's weights were put back           */
} rnn_train_result;

/* Per-epoch histories, tc->epochs entries each, NaN where not run.  lr
 * (may be NULL) receives the learning rate each epoch trained at
 * (rnn_lr_at()).  loss is required; val_loss is required with validation data; acc and
 * val_acc (may be NULL) receive the accuracy for binary cross-entropy
 * (outputs and targets on the same side of 0.5) and sparse categorical
 * cross-entropy (arg-max equals the label), NaN for other losses. */
typedef struct {
  double *loss, *val_loss, *acc, *val_acc, *lr;
} rnn_history;

/* Doubles of workspace rnn_train() needs (0 if the arguments are invalid). */
size_t rnn_train_workspace(const rnn_config *cfg, const rnn_train_config *tc,
                           size_t n_samples, size_t n_time);

/* Trains params in place.  val may be NULL.  On divergence the weights
 * of the last finite epoch are kept and RNN_ERR_DIVERGED is returned with
 * the epoch in err->msg.  With cfg->precision == RNN_PREC_SINGLE (issue
 * 19) the weights are rounded to float, trained in float (the engine's
 * float build, precision.c) and widened back; before each on_epoch they
 * are widened into params too (checkpoints read them there).  The same
 * holds for rnn_predict(), rnn_step() and rnn_forward() (inference in
 * float); rnn_loss_grad() computes in double whatever the precision. */
int rnn_train(const rnn_config *cfg, const rnn_train_config *tc,
              double *params, const rnn_dataset *train,
              const rnn_dataset *val, rnn_rng *rng, const rnn_callbacks *cb,
              const rnn_history *hist, rnn_train_result *res, double *work,
              rnn_error *err);

/* ==== the progress line (progress.c; issue 18) ======================
 * What a host's on_epoch/on_batch callbacks show while training, formatted
 * here so both hosts show the same line; the host measures the time and
 * prints it (with "\r" to redraw it in place on a terminal). */
typedef struct {
  int epoch, n_epochs;   /* the epoch (1-based) in progress or just done   */
  int member, n_members; /* 0-based member of an ensemble (n_members 1: none) */
  double frac;           /* fraction of the training done, 0..1           */
  double loss, val_loss; /* latest losses; val_loss NaN if not measured   */
  double acc, val_acc;   /* accuracies of the last epoch, NaN if none     */
  double elapsed;        /* seconds since training started                */
  double lr;             /* the epoch's learning rate, shown when finite  */
} rnn_progress;

/* Writes into line (n bytes) one line without a newline, e.g.
 *   epoch 12/100 [=======>      ]  12%  loss 0.001234  val 0.0015  1.2s  ETA 9s
 * with the bar only if bar is non-zero (a terminal's in-place line; a log's
 * lines leave it out), the elapsed time, and the estimated time left while
 * frac < 1 (elapsed * (1 - frac) / frac); a finite lr (a schedule's rate,
 * rnn_progress_lr()) stands after the losses as "lr 0.001".  At most
 * width - 1 columns when width > 0: the bar shrinks (from 30) to 5; then
 * the times, the learning rate, the accuracies, the percentage and the
 * validation loss are left out, in that order; the loss always stays.
 * Trailing spaces are removed.  Returns the line's length. */
int rnn_progress_line(char *line, size_t n, int width, int bar,
                      const rnn_progress *p);

/* Fills p for a callback's line: the epoch in progress or just done of
 * n_epochs, member (0-based) of n_members, frac, the latest loss and
 * val_loss, and the accuracies of the last finished epoch `done` (1-based,
 * 0: none yet, then NaN) read from column `member` of the n_epochs x
 * n_members histories acc and val_acc (either may be NULL: NaN).  The
 * hosts measure elapsed (seconds) themselves. */
void rnn_progress_init(rnn_progress *p, int epoch, int n_epochs, int member,
                       int n_members, double frac, double loss,
                       double val_loss, int done, const double *acc,
                       const double *val_acc, double elapsed);

/* Sets p->lr, the rate of p's epoch, when tc has a learning-rate schedule
 * (rnn_lr_at()), so the line shows it dropping; without a schedule the
 * rate is constant and the line leaves it out (NaN, as rnn_progress_init()
 * sets it). */
void rnn_progress_lr(rnn_progress *p, const rnn_train_config *tc);

/* ==== ensembles (ensemble.c; issue 15) ===============================
 * An ensemble is k members of one architecture, its parameters a P x k
 * column-major matrix (member j, 0-based, in params[P*j .. P*j + P-1],
 * P = rnn_n_params(cfg)); its prediction is the members' mean, summed in
 * member order and divided by k, so an ensemble of one is a single model
 * bit for bit. */

/* The seed of member j of an ensemble seeded with seed: seed itself for
 * j = 0 (an ensemble of one is the single fit), else the splitmix64
 * output of seed + j shifted right by 11 bits (a whole number below
 * 2^53, which R's and Octave's seed argument holds exactly, so fitting
 * with that seed alone gives member j). */
uint64_t rnn_member_seed(uint64_t seed, size_t j);

/* The rng seed of training after the weights were initialised from seed
 * s: the high 32 bits of s kept, the low 32 bits plus 1 modulo 2^32 (the
 * rule both hosts' single fits use). */
uint64_t rnn_train_seed(uint64_t seed);

/* Doubles of workspace rnn_ensemble_train() needs. */
size_t rnn_ensemble_workspace(const rnn_config *cfg,
                              const rnn_train_config *tc, size_t n_samples,
                              size_t n_time);

/* Trains n_members members one after the other: member j's weights are
 * initialised (rnn_init_params, recurrent_init) from an rng seeded with
 * s = rnn_member_seed(seed, j) and trained (rnn_train, with tc, so on
 * tc->n_threads threads with results that never depend on them) from an
 * rng seeded with rnn_train_seed(s).  params: P x n_members, written.
 * hist: arrays of tc->epochs x n_members (member j's history in column
 * j); res: n_members results.  *n_done is the number of members trained
 * (fewer than n_members when a callback stopped a member: the later
 * members are not trained).  A member that diverges keeps its last finite
 * weights, the others still train, and RNN_ERR_DIVERGED (the first such
 * member's message) is returned at the end. */
int rnn_ensemble_train(const rnn_config *cfg, int recurrent_init,
                       const rnn_train_config *tc, size_t n_members,
                       uint64_t seed, double *params,
                       const rnn_dataset *train, const rnn_dataset *val,
                       const rnn_callbacks *cb, const rnn_history *hist,
                       rnn_train_result *res, size_t *n_done, double *work,
                       rnn_error *err);

/* Doubles of workspace rnn_ensemble_predict() needs. */
size_t rnn_ensemble_predict_workspace(const rnn_config *cfg, size_t chunk,
                                      size_t n_samples, size_t n_time);

/* The members' mean of rnn_predict() (same layouts; params P x
 * n_members). */
int rnn_ensemble_predict(const rnn_config *cfg, const double *params,
                         size_t n_members, size_t n_samples, size_t n_time,
                         const double *x, size_t chunk, double *out,
                         double *work, rnn_error *err);

/* Doubles of workspace rnn_ensemble_forecast() needs (horizon 0 for a
 * direct forecast). */
size_t rnn_ensemble_forecast_workspace(const rnn_config *cfg, size_t window,
                                       size_t horizon, size_t n_paths,
                                       size_t n_members);

/* The forecast of an ensemble, in the layouts of rnn_forecast_recursive()
 * (direct 0) and rnn_forecast_direct() (direct 1; horizon unused).
 *   point  recursive: at every step the members' mean one-step prediction
 *          from the same window, appended to it (the ensemble forecasts
 *          as one model); direct: the members' mean output.
 *   paths  each path is one member's simulation.  Recursive: every path
 *          first draws its member (rnn_rng_below(rng, n_members), in path
 *          order); then, member by member in order, the paths that drew
 *          member m are simulated by rnn_forecast_recursive() with that
 *          member's weights (residual rows drawn step-major, path-minor)
 *          and stored in their places.  Direct: path by path, a member,
 *          then a residual row, added to that member's output.
 * With n_members 1 the point is the single model's; rnn_forecast_series()
 * uses the single-model functions then, whose paths draw no member. */
int rnn_ensemble_forecast(const rnn_config *cfg, const double *params,
                          size_t n_members, int direct, size_t window,
                          const double *last, size_t horizon, size_t n_resid,
                          const double *resid, size_t n_paths, rnn_rng *rng,
                          double *point, double *paths, double *work,
                          rnn_error *err);
/* The same with the covariates of a recursive forecast (issue 15; see
 * rnn_covariates after rnn_forecast_recursive; outputs horizon x n_out). */
struct rnn_covariates;
int rnn_ensemble_forecast_cov(const rnn_config *cfg, const double *params,
                              size_t n_members, int direct, size_t window,
                              const double *last, size_t horizon,
                              const struct rnn_covariates *cov,
                              size_t n_resid,
                              const double *resid, size_t n_paths,
                              rnn_rng *rng, double *point, double *paths,
                              double *work, rnn_error *err);
/* ==== end of ensembles ============================================== */

/* ---- optimizers ----------------------------------------------------- */

/* Scales grad to global norm clipnorm (if larger) and clips elements to
 * +-clipvalue; a non-positive threshold is off. */
void rnn_clip_grad(double *grad, size_t n, double clipnorm, double clipvalue);

/* One optimizer step.  state holds 2*n doubles (moments, zero at start);
 * step is the 1-based update count (Adam's bias correction). */
void rnn_optim_step(const rnn_train_config *tc, double *params,
                    const double *grad, double *state, size_t n, long step);

/* ---- step-wise inference (MATLAB's predictAndUpdateState) ----------- */

/* Doubles of recurrent state of n_batch sequences: every layer's h
 * (H x n_batch), then for LSTM every layer's c, in layer order:
 *   state = [h_1 | h_2 | ... | h_L | c_1 | ... | c_L]. */
size_t rnn_state_size(const rnn_config *cfg, size_t n_batch);

/* Doubles of workspace rnn_step() needs. */
size_t rnn_step_workspace(const rnn_config *cfg, size_t n_batch,
                          size_t n_time);

/* Runs n_time steps of n_batch sequences starting from `state` (all
 * zeros is a fresh start) and leaves the state after the last step in
 * `state`.  x and out are in rnn_predict()'s dataset layouts: x is
 * n_batch x n_time x n_in, out n_batch x n_out (the last step), or
 * n_batch x n_time x n_out when seq_out.  The forward pass is the one of
 * rnn_forward() and rnn_predict(), so stepping a sequence in pieces from
 * a zero state gives the outputs of one prediction over the whole
 * sequence, bit for bit. */
int rnn_step(const rnn_config *cfg, const double *params, size_t n_batch,
             size_t n_time, const double *x, double *state, double *out,
             double *work, rnn_error *err);

/* ---- sampling sequences (generate.c) -------------------------------- */

/* Doubles of workspace rnn_generate() needs for a prime of n_prime steps. */
size_t rnn_generate_workspace(const rnn_config *cfg, size_t n_prime);

/* Generates n_gen tokens from a softmax model whose classes are its
 * input tokens: a token-input model (class k is token k; padding 0 is
 * never drawn) or a model reading one-hot vectors of n_in == n_out
 * classes.  The prime (n_prime >= 1 tokens, 0-based classes) is fed from
 * `state` (rnn_state_size(cfg, 1) doubles, zeros for a fresh start, left
 * holding the state after the last token fed).  Each next token is drawn
 * from softmax(z / temperature) of the head's logits z at the last step;
 * temperature 0 takes the arg-max (greedy decoding).  out receives n_gen
 * tokens (doubles). */
int rnn_generate(const rnn_config *cfg, const double *params,
                 const double *prime, size_t n_prime, size_t n_gen,
                 double temperature, rnn_rng *rng, double *state, double *out,
                 double *work, rnn_error *err);

/* ---- the schema: names, defaults, model-file fields (schema.c) ----- */

/* Tables of the names behind the core's integer codes, in code order:
 * rnn_names(RNN_NAMES_CELL, &n)[RNN_CELL_LSTM] is "lstm".  The hosts
 * take their lists of valid names from here (R's and Octave's
 * "did you mean" messages included) and turn names into codes with
 * rnn_code_of(), so a name is added once, here. */
enum { RNN_NAMES_CELL = 0,       /* RNN_CELL_*: simple, lstm, gru         */
       RNN_NAMES_ACTIVATION = 1, /* RNN_ACT_*: linear ... relu            */
       RNN_NAMES_LOSS = 2,       /* RNN_LOSS_*: mse, mae, bce, sparse_ce  */
       RNN_NAMES_OPTIMIZER = 3,  /* RNN_OPT_*: sgd, rmsprop, adam         */
       RNN_NAMES_SCALER = 4,     /* RNN_SCALE_*: none, minmax, zscore     */
       RNN_NAMES_INIT = 5,       /* RNN_INIT_*: orthogonal, identity      */
       RNN_NAMES_LEVEL = 6,      /* RNN_TEXT_*: char, word                */
       RNN_NAMES_RECORD_TYPE = 7, /* RNN_REC_*: double ... null (code 0,
                                     "none", is no type)                  */
       RNN_NAMES_RECORD_KIND = 8, /* RNN_KIND_*: plain ... colnames       */
       /* issue 15 transform block */
       RNN_NAMES_TRANSFORM = 9,  /* RNN_TRANSFORM_*: none ... boxcox      */
       RNN_NAMES_FIELD = 10,      /* RNN_FIELD_* == 1 << code: int, date,
                                     matrix, dataframe                    */
       RNN_NAMES_CALENDAR = 11,   /* RNN_CAL_*: wday, month, quarter     */
       RNN_NAMES_LR_SCHEDULE = 12, /* RNN_LR_*: none, piecewise          */
       RNN_NAMES_N = 13 };
/* The names of a table (NULL and *n = 0 for an unknown table). */
const char *const *rnn_names(int table, size_t *n);
/* What a table names ("cell", "activation", ...), for messages. */
const char *rnn_names_what(int table);
/* The name of a code, or NULL when the code is out of range. */
const char *rnn_name_of(int table, int code);
/* The code of a name (ASCII case-insensitive).  An unknown name is
 * RNN_ERR_INPUT: "unknown cell 'lsmt'; did you mean 'lstm'? (one of
 * simple, lstm, gru)". */
int rnn_code_of(int table, const char *name, int *code, rnn_error *err);
/* The index of the one of names[0..n) nearest to name (Levenshtein,
 * ASCII case-insensitive) when it is at most max(2, strlen(name) / 3)
 * edits away, else -1: the "did you mean" of every unknown name or
 * option, in both hosts. */
int rnn_suggest(const char *name, const char *const *names, size_t n);

/* Training defaults that both hosts state through this table:
 * units 16, epochs 100, batch_size 32, validation 0, min_delta 0,
 * patience 10 (epochs without improvement when early stopping is just
 * switched on), dropout 0, momentum 0, rho 0.9, beta1 0.9, beta2 0.999,
 * epsilon 1e-7, lr 0.001 (lr_sgd 0.01 for plain SGD), threads 2,
 * checkpoint_every 1. */
typedef struct {
  const char *name;
  double value;
} rnn_default;
const rnn_default *rnn_defaults(size_t *n);
/* The default named name, NaN when there is none. */
double rnn_default_of(const char *name);
/* The output activation a loss implies (RNN_ACT_*; -1 for an unknown
 * loss): linear for mse and mae, sigmoid for bce, softmax for
 * sparse_ce. */
int rnn_default_head(int loss);
/* The filters a tokenizer of a level (RNN_TEXT_*) uses unless told
 * otherwise: none for characters; for words Keras' Tokenizer default
 * !"#$%&()*+,-./:;<=>?@[\]^_`{|}~ with tab and newline (the apostrophe
 * is not in it, so "don't" stays one word).  NULL for an unknown level. */
const char *rnn_default_filters(int level);

/* The model file's field schema: which records (by dotted path) hold
 * integers, dates, matrices and data frames, for the hosts that cannot
 * tell from their own values (Octave keeps every number as a double, a
 * date as a datenum, a one-column matrix as a vector, a data frame as a
 * struct).  rnn_model_encode() writes a double record of an
 * RNN_FIELD_INT field as int32 when its values are whole numbers in
 * range (NaN as NA).  A new field of the model file whose type matters
 * is one line in this table (schema.c). */
enum { RNN_FIELD_INT = 1,      /* int32 record (R integer)               */
       RNN_FIELD_DATE = 2,     /* double record of kind RNN_KIND_DATE     */
       RNN_FIELD_MATRIX = 4,   /* keeps 2 dims even with one column       */
       RNN_FIELD_DATAFRAME = 8 /* list of kind RNN_KIND_DATAFRAME         */
};
typedef struct {
  const char *path;
  unsigned flags;
} rnn_file_field;
const rnn_file_field *rnn_file_fields(size_t *n);
/* The RNN_FIELD_* flags of the record at path (len bytes, not
 * NUL-terminated): those of the table, and RNN_FIELD_DATE for a field
 * named "date" or "dates" or ending in "_date" or "_dates".  A panel's
 * "prep.data.series.<key>.<field>" has those of "prep.data.<field>"
 * (issue 16). */
unsigned rnn_file_field_flags(const char *path, size_t len);

/* ---- model files (doc/model-file-format.md) ------------------------- */

/* A model file is a header, a sequence of named typed records and a
 * checksum, little-endian on every host.  A record has a UTF-8 name (a
 * dotted path such as "config.units"), a type, a kind (how hosts should
 * present the values), 0..8 dimensions and its values.  The core
 * requires config.cell_code, config.activation_code, config.n_in,
 * config.units, config.n_out, config.head_act_code, config.seq_out,
 * config.dropout and params (of length rnn_n_params(), or an
 * rnn_n_params() x k matrix holding the k members of an ensemble,
 * issue 15); config.n_vocab
 * and config.n_embed are read when present (token input) and default to
 * 0; anything else is for the hosts. */
#define RNN_MF_VERSION 1
#define RNN_MF_MAX_NAME 1024
#define RNN_MF_MAX_DIMS 8
#define RNN_MF_MAX_RECORDS 1000000
#define RNN_MF_MAX_DIM 2147483647u  /* one dimension (R's and Octave's int) */
#define RNN_MF_MAX_ELEMS 2147483647u /* elements of one record */
#define RNN_MF_NA_INT (-2147483647 - 1) /* R's NA_integer_ and NA logical */
#define RNN_MF_NA_STRING 0xFFFFFFFFu    /* string length marking NA      */

enum { RNN_REC_DOUBLE = 1,  /* IEEE 754 binary64, bit pattern kept (NA)  */
       RNN_REC_INT = 2,     /* int32                                     */
       RNN_REC_LOGICAL = 3, /* int32 0/1, NA as RNN_MF_NA_INT            */
       RNN_REC_STRING = 4,  /* UTF-8 strings, NA allowed                 */
       RNN_REC_LIST = 5,    /* a (possibly empty) list/struct node        */
       RNN_REC_NULL = 6 };  /* R's NULL / Octave's []                     */
enum { RNN_KIND_PLAIN = 0,
       RNN_KIND_DATE = 1,      /* double: days since 1970-01-01            */
       RNN_KIND_FACTOR = 2,    /* int: 1-based codes; the next record with
                                  the same name holds the levels            */
       RNN_KIND_LEVELS = 3,    /* string: levels of the preceding factor    */
       RNN_KIND_DATAFRAME = 4, /* list: a data frame (columns follow)       */
       RNN_KIND_UNNAMED = 5,   /* list: elements without names (#1, #2 ...) */
       RNN_KIND_NAMES = 6,     /* string: element names of the preceding
                                  record with the same name               */
       RNN_KIND_ROWNAMES = 7,  /* string: row names of that matrix/array   */
       RNN_KIND_COLNAMES = 8,  /* string: column names of that matrix      */
       RNN_KIND_MAX = 8 };

/* A record to encode; name is NUL-terminated, the data pointer matching
 * the type holds prod(dims) elements (0 when n_dims == 0); a NULL string
 * is NA. */
typedef struct {
  const char *name;
  int type, kind, n_dims;
  size_t dims[RNN_MF_MAX_DIMS];
  const double *dbl;
  const int32_t *i32;
  const char *const *str;
} rnn_record;

/* A decoded record: pointers into the caller's buffer (name is not
 * NUL-terminated).  n elements; payload is raw little-endian bytes, read
 * with the rnn_record_*() functions below. */
typedef struct {
  const char *name;
  size_t name_len;
  int type, kind, n_dims;
  size_t dims[RNN_MF_MAX_DIMS];
  size_t n;
  const unsigned char *payload;
  size_t payload_bytes;
} rnn_record_view;

typedef struct {
  size_t n_records;
  rnn_config config; /* filled by rnn_model_records() */
  size_t n_params;
} rnn_model_info;

/* Bytes rnn_model_encode() will write for these records. */
int rnn_model_encode_size(const rnn_record *recs, size_t n_records,
                          size_t *size, rnn_error *err);
/* Encodes the records into buf of exactly the size above. */
int rnn_model_encode(const rnn_record *recs, size_t n_records,
                     unsigned char *buf, size_t size, rnn_error *err);

/* Writes size bytes to the file at path (in the platform's encoding)
 * so that a failure never loses what path held: the bytes go to a new
 * temporary file ".<name>.tmpXXXXXX" in the same folder, are flushed to
 * the disk (fsync) and only then renamed over path, atomically.  On any
 * failure (disk full, quota, file size limit, permissions, path a folder)
 * the temporary file is removed, path is untouched and RNN_ERR_IO says
 * what failed and the path.  A process killed during the call may leave
 * the temporary file behind (never a damaged path); delete it at will.
 * A file size limit (RLIMIT_FSIZE) also sends SIGXFSZ, which kills the
 * process unless the host ignores it; then the write fails with EFBIG.
 * The only function of the core that touches the file system. */
int rnn_write_file(const char *path, const unsigned char *bytes, size_t size,
                   rnn_error *err);

/* Step 1 of decoding: checks the signature, byte-order mark, version,
 * size, checksum (before anything else is trusted) and the bounds of
 * every record, and sets info->n_records.  RNN_ERR_FORMAT for a file that
 * is truncated, corrupt, foreign or too new. */
int rnn_model_parse(const unsigned char *buf, size_t size,
                    rnn_model_info *info, rnn_error *err);
/* Step 2: fills n_records views (n_records from step 1), then checks
 * that the records a model needs are present and consistent (config
 * valid, length(params) == rnn_n_params()); info gets the config. */
int rnn_model_records(const unsigned char *buf, size_t size,
                      rnn_record_view *recs, size_t n_records,
                      rnn_model_info *info, rnn_error *err);
/* Values of a decoded record: doubles (from double, int or logical
 * records; NA ints become -2147483648), raw int32 (int, logical), and
 * the strings (pointers into the buffer, not NUL-terminated; NULL = NA). */
void rnn_record_doubles(const rnn_record_view *r, double *out);
void rnn_record_ints(const rnn_record_view *r, int32_t *out);
void rnn_record_strings(const rnn_record_view *r, const char **s,
                        size_t *len);
/* 64-bit FNV-1a, the file's checksum. */
uint64_t rnn_fnv1a64(const unsigned char *p, size_t n);

/* ---- windows and scaling (windows.c) ------------------------------- */

/* A series is an n_rows x n_cols column-major matrix data[r + n_rows*j];
 * NaN marks a missing value.  Columns are picked by 0-based index. */

enum { RNN_SCALE_NONE = 0, RNN_SCALE_MINMAX = 1, RNN_SCALE_ZSCORE = 2 };

/* Fits a per-column scaler on rows 0..n_fit-1 (NaN skipped) so that
 * scaled = (value - center[j]) / scale[j]:
 *   RNN_SCALE_MINMAX  center = min, scale = max - min   (to [0, 1])
 *   RNN_SCALE_ZSCORE  center = mean, scale = sd (n - 1 denominator)
 *   RNN_SCALE_NONE    center = 0, scale = 1
 * A constant column gets scale 1.  A column without a finite value in
 * the fitted rows, or an infinite value, is RNN_ERR_INPUT. */
int rnn_scaler_fit(int method, size_t n_rows, size_t n_cols,
                   const double *data, size_t n_fit, double *center,
                   double *scale, rnn_error *err);

/* out = (data - center) / scale per column, or data * scale + center when
 * inverse is non-zero.  out may equal data; NaN stays NaN. */
void rnn_scale_apply(size_t n_rows, size_t n_cols, const double *data,
                     const double *center, const double *scale, int inverse,
                     double *out);

/* out = (data * from_scale + from_center - to_center) / to_scale per
 * column: values scaled by one scaler (windows cut by another scaler) put
 * back into original units and scaled by another (a model's).  out may
 * equal data; NaN stays NaN. */
void rnn_rescale(size_t n_rows, size_t n_cols, const double *data,
                 const double *from_center, const double *from_scale,
                 const double *to_center, const double *to_scale, double *out);

/* Carries the last non-missing value of each column forward in place.
 * Leading missing values stay missing. */
void rnn_fill_locf(size_t n_rows, size_t n_cols, double *data);

/* The windows of a series.  A window starting at row r reads input rows
 * r..r+window-1 of the feature columns and target rows
 * r+window..r+window+horizon-1 of the target columns (horizon may be 0:
 * windows without targets, for prediction).  Starts step back from the
 * last possible one by `stride`, so the newest window is always kept; they
 * are written in increasing order.  With omit_missing, windows that touch
 * a NaN in a column they use are skipped; otherwise a NaN is
 * RNN_ERR_INPUT naming its (1-based) row and column.  starts may be NULL
 * to count only; *n_windows receives the count. */
int rnn_window_starts(size_t n_rows, size_t n_cols, const double *data,
                      size_t n_feat, const int *feat, size_t n_tgt,
                      const int *tgt, size_t window, size_t horizon,
                      size_t stride, int omit_missing, size_t *starts,
                      size_t *n_windows, rnn_error *err);

/* Copies windows into dataset layout:
 *   x[s + n_win*(t + window*i)] = data[starts[s] + t, feat[i]]
 *   y[s + n_win*(k + horizon*j)] = data[starts[s] + window + k, tgt[j]]
 * (y, a samples x (horizon * n_tgt) matrix, may be NULL). */
void rnn_windows_gather(size_t n_rows, const double *data, size_t n_feat,
                        const int *feat, size_t n_tgt, const int *tgt,
                        size_t window, size_t horizon, const size_t *starts,
                        size_t n_win, double *x, double *y);

/* ---- forecasting (forecast.c) -------------------------------------- */

/* Doubles of workspace the forecasts need for n_paths simulated paths. */
size_t rnn_forecast_workspace(const rnn_config *cfg, size_t window,
                              size_t horizon, size_t n_paths);

/* Closed-loop (recursive) forecast of a many-to-one model that predicts
 * its own inputs (n_out == n_in).  last is the newest window, window x
 * n_in (column-major, oldest row first), in the model's (scaled) units.
 * Each step feeds the previous `window` values, newest last, and appends
 * the prediction.
 *   point  horizon x n_in: the noise-free path.
 *   paths  n_paths x horizon x n_in, paths[p + n_paths*(k + horizon*j)]:
 *          at every step the prediction gets a residual row drawn
 *          uniformly (all columns together) from resid (n_resid x n_out),
 *          in the order step-major, path-minor.
 * n_paths may be 0 (paths and resid unused). */
int rnn_forecast_recursive(const rnn_config *cfg, const double *params,
                           size_t window, const double *last, size_t horizon,
                           size_t n_resid, const double *resid,
                           size_t n_paths, rnn_rng *rng, double *point,
                           double *paths, double *work, rnn_error *err);

/* Covariates of a recursive forecast (issue 15): inputs the model reads
 * but does not predict (exogenous series, calendar features), and the
 * paths' errors when the caller gives them (issue 17).  Input j
 * of the row appended at step k (0-based; the row of forecast time k + 1)
 * is output from[j] (>= 0, with the path's residual) or, for from[j] < 0,
 * the covariate's known value future[k + horizon * j] in model units
 * (future is horizon x n_in; rows k < horizon - 1 are read, as the last
 * step's row is never an input; NULL is fine for horizon 1).  cov NULL
 * or from NULL: input j is output j (n_out == n_in). */
typedef struct rnn_covariates {
  const int *from;      /* n_in */
  const double *future; /* horizon x n_in, model units */
  /* given errors (issue 17; NULL: drawn from resid): path p's error at
   * step k on output j is innov[p + n_paths*(k + horizon*j)], model
   * units (n_paths x horizon x n_out); the paths then draw no residual
   * rows (resid may be NULL, n_resid 0).  An ensemble still draws each
   * path's member; path p keeps its row of innov. */
  const double *innov;
} rnn_covariates;

/* RNN_OK when cov fits cfg and a forecast of horizon steps; else
 * RNN_ERR_DIM / RNN_ERR_INPUT with what is missing. */
int rnn_check_covariates(const rnn_config *cfg, size_t horizon,
                         const rnn_covariates *cov, rnn_error *err);

/* rnn_forecast_recursive() with covariates; point is horizon x n_out and
 * paths n_paths x horizon x n_out (with cov NULL, n_out == n_in: the
 * same numbers as rnn_forecast_recursive). */
int rnn_forecast_recursive_cov(const rnn_config *cfg, const double *params,
                               size_t window, const double *last,
                               size_t horizon, const rnn_covariates *cov,
                               size_t n_resid, const double *resid,
                               size_t n_paths, rnn_rng *rng, double *point,
                               double *paths, double *work, rnn_error *err);

/* Direct forecast of a many-to-one model whose n_out outputs are the
 * whole horizon (and targets) at once.  point (n_out) is the model's
 * output for last (window x n_in); paths (n_paths x n_out) add one
 * residual row per path drawn from resid (n_resid x n_out), keeping the
 * errors of one window together. */
int rnn_forecast_direct(const rnn_config *cfg, const double *params,
                        size_t window, const double *last, size_t n_resid,
                        const double *resid, size_t n_paths, rnn_rng *rng,
                        double *point, double *paths, double *work,
                        rnn_error *err);

/* Sample quantiles (R's type 7: linear interpolation between order
 * statistics) of each column of the n x m matrix a:
 * out[q + n_probs*j] for probs[q] in [0, 1].  work holds n doubles.
 * Columns with a NaN give NaN. */
int rnn_quantiles(size_t n, size_t m, const double *a, size_t n_probs,
                  const double *probs, double *out, double *work,
                  rnn_error *err);

/* ==== the series engine (series.c) ==================================
 * The plan of a series and its evaluation, for R's rnn_windows(),
 * predict() and accuracy() and Octave's rnn_windows and rnn_accuracy.
 * Rows and columns are 0-based; data is n_rows x n_cols as above. */

/* Labels of windows: train (all targets before the split row), gap
 * (targets on both sides), test (all on or after it), none (a target lies
 * beyond the data: such windows are predicted, never scored). */
enum { RNN_SET_TRAIN = 0, RNN_SET_GAP = 1, RNN_SET_TEST = 2, RNN_SET_NONE = 3 };
/* scale_method of a plan whose scaler the caller gives (a model's). */
enum { RNN_SCALE_GIVEN = -1 };
/* ---- issue 15: target transforms (transform.c) ---------------------
 * The transform of a target series, applied before scaling and undone
 * after it, by the plan, the evaluation and the forecast alike:
 *   none     y[r] = x[r]
 *   diff     y[r] = x[r] - x[r-1]                 (row 0 is lost)
 *   log      y[r] = log(x[r])                     (x > 0)
 *   logdiff  y[r] = log(x[r]) - log(x[r-1])       (x > 0; row 0 lost)
 *   sdiff    y[r] = x[r] - x[r-period]            (rows 0..period-1 lost)
 *   boxcox   y[r] = (x[r]^lambda - 1) / lambda, log(x[r]) for lambda 0
 *                                                 (x > 0)
 * Names in code order are rnn_names(RNN_NAMES_TRANSFORM).
 * A combination (issue 15) is `kind` followed by up to
 * RNN_TRANSFORM_THEN difference steps then[0], then[1] (RNN_TRANSFORM_DIFF
 * or _SDIFF; RNN_TRANSFORM_NONE ends the list), each applied to the
 * series the steps before it made: c("log", "sdiff") is kind LOG with
 * then[0] SDIFF, c("boxcox", "diff", "sdiff") kind BOXCOX, then DIFF,
 * SDIFF.  rnn_transform_compose() builds one from a list of names' codes
 * and writes c("log", "diff") as LOGDIFF, the same numbers. */
enum {
  RNN_TRANSFORM_NONE = 0,
  RNN_TRANSFORM_DIFF = 1,
  RNN_TRANSFORM_LOG = 2,
  RNN_TRANSFORM_LOGDIFF = 3,
  RNN_TRANSFORM_SDIFF = 4,
  RNN_TRANSFORM_BOXCOX = 5,
  RNN_TRANSFORM_N = 6
};

typedef struct {
  int kind;      /* RNN_TRANSFORM_*                                     */
  size_t period; /* sdiff: the seasonal lag (>= 1); ignored otherwise   */
  double lambda; /* boxcox: the power (finite); ignored otherwise       */
  int then[2];   /* difference steps after kind (issue 15): DIFF, SDIFF,
                    or NONE (none; zeroed structs are single transforms) */
} rnn_transform;
enum { RNN_TRANSFORM_THEN = 2, RNN_TRANSFORM_MAX_STEPS = 3 };

/* A transform from the codes of n >= 1 step names in the order they are
 * applied (codes[0] first), period (sdiff) and lambda (boxcox):
 *   at most one power step (log or boxcox; logdiff counts as log and
 *   diff), and it comes first; "none" only alone; then difference steps
 *   (diff, sdiff), at most RNN_TRANSFORM_MAX_STEPS steps in all.
 * log followed by diff becomes LOGDIFF.  Anything else, an unknown code
 * or a check rnn_transform_check() refuses is RNN_ERR_INPUT, named. */
int rnn_transform_compose(size_t n, const int *codes, size_t period,
                          double lambda, rnn_transform *t, rnn_error *err);

/* Rows a transform loses at the start of a series (the sum over its
 * steps of 0, 1 or period);
 * an invalid transform loses none (rnn_transform_check says why). */
size_t rnn_transform_lost(const rnn_transform *t);

/* RNN_OK for a known kind (sdiff with period >= 1); NULL is none. */
int rnn_transform_check(const rnn_transform *t, rnn_error *err);

/* The transformed series: out[r - L] = y[r] for r = L..n-1, L =
 * rnn_transform_lost(t), so out holds n - L values (n > L, else
 * RNN_ERR_DIM).  NaN stays NaN; a value <= 0 under log or logdiff is
 * RNN_ERR_INPUT naming its 1-based row. */
int rnn_transform_apply(const rnn_transform *t, size_t n, const double *x,
                        double *out, rnn_error *err);

/* The inverse along one path: x[k * stride], k = 0..n_steps-1, the
 * transformed values of steps 1..n_steps after the last of the n_hist
 * observed values hist (original units, oldest first), become original
 * values in place:
 *   log      exp(x_k)
 *   diff     hist[n-1] + (x_0 + ... + x_k)
 *   logdiff  hist[n-1] * exp(x_0 + ... + x_k)
 *   sdiff    x_k + (k < p ? hist[n-p+k] : the inverted value at k-p)
 *   boxcox   (lambda x_k + 1)^(1/lambda), exp(x_k) for lambda 0 (NaN
 *            where lambda x_k + 1 < 0)
 * A combination undoes its steps last first: a difference step then[i]
 * adds, step by step, the value one lag back on the series of the steps
 * before it (from hist, transformed by those steps, while k < lag, else
 * the value undone at k - lag), so recursive forecasts and paths
 * integrate; then `kind` is undone as above.
 * Too short a history (n_hist < L, or a needed value NaN) gives NaN. */
void rnn_transform_invert(const rnn_transform *t, size_t n_hist,
                          const double *hist, size_t n_steps, size_t stride,
                          double *x);
/* The seasonal period of a dated series for sdiff: *period = 12 for
 * monthly and 4 for quarterly dates (rnn_date_period of the n >= 1
 * increasing day counts index; work n doubles), else 0 (none known). */
int rnn_season_period(size_t n, const double *index, double *work,
                      size_t *period, rnn_error *err);
/* Guerrero's Box-Cox lambda of the n values x (oldest first), as
 * forecast::BoxCox.lambda(x, method = "guerrero", lower, upper) computes
 * it in R: period (the seasonal period; 0 or 1 none) is the group
 * length, at least 2; the last floor(n / p) whole groups of p values are
 * kept; the lambda in [lower, upper] minimising the coefficient of
 * variation of the groups' sd / mean^(1 - lambda) (NaN values left out),
 * found by R's optimize() (Brent's fmin, tolerance DBL_EPSILON^0.25),
 * step for step.  As forecast: a value <= 0 raises lower to 0, and
 * n <= 2 * max(period, 1) gives 1.  Bounds not finite or not lower <
 * upper are RNN_ERR_INPUT.  rnnkit's "auto" lambda searches [-1, 2]
 * (RNN_LAMBDA_LOWER, RNN_LAMBDA_UPPER), forecast's default range. */
#define RNN_LAMBDA_LOWER (-1.0)
#define RNN_LAMBDA_UPPER 2.0
int rnn_boxcox_lambda(size_t n, const double *x, size_t period, double lower,
                      double upper, double *lambda, rnn_error *err);
/* The numbers a panel's per-series Box-Cox lambdas are printed with
 * ("lambda -0.12 .. 1.3 (Guerrero, per series, median 0.4)"), computed
 * here once for R and Octave: out[0] the smallest, out[1] the median (as
 * R's median(): the middle value, or the mean of the two middle values
 * for an even count) and out[2] the largest of the n lambdas, NaN ones
 * left out; none left (n = 0 or all NaN) gives three NaN.  work holds n
 * doubles. */
int rnn_lambda_summary(size_t n, const double *lambda, double *out,
                       double *work, rnn_error *err);
/* ---- end of issue 15 transform block ------------------------------- */

typedef struct {
  size_t n_rows, n_cols;  /* the series */
  size_t n_feat, n_tgt;   /* input and target columns */
  const int *feat, *tgt;  /* n_feat, n_tgt column indices */
  size_t window, horizon; /* timesteps read, steps predicted (0: windows
                           * without targets, to predict from) */
  size_t stride;          /* step between window starts (>= 1) */
  int omit_missing;       /* skip windows that touch a NaN (else error) */
  size_t split_row;       /* first row of the test part; n_rows: none */
  size_t n_test;          /* > 0: the last n_test windows are the test
                           * part, and split_row is their first target */
  int scale_method;       /* RNN_SCALE_* or RNN_SCALE_GIVEN */
  rnn_transform transform; /* of the target columns (issue 15); a target
                           * column that is also a feature is read
                           * transformed as well */
  double *work;           /* rnn_series_workspace(spec) doubles (NULL
                           * when that is 0) */
  size_t n_unscaled;      /* issue 15 covariates: the last n_unscaled data
                           * columns (calendar features) are not fitted:
                           * center 0, scale 1 */
} rnn_series_spec;

/* Doubles of spec->work the plan and the windows need: 0 without a
 * transform, else n_rows * n_cols (issue 15). */
size_t rnn_series_workspace(const rnn_series_spec *spec);

typedef struct {
  size_t n_windows;                /* windows planned */
  size_t split_row;                /* the split as resolved (n_test) */
  size_t n_fit;                    /* the scaler is fitted on rows 0..n_fit-1 */
  size_t n_train, n_gap, n_test;   /* windows per label */
} rnn_series_plan_info;

/* set[s] = the label of a window whose first target row is first[s]
 * and whose targets are horizon rows (horizon 0 counts as 1), for a
 * series of n_rows rows split at split_row. */
void rnn_series_labels(size_t n_win, const size_t *first, size_t horizon,
                       size_t n_rows, size_t split_row, int *set);

/* Plans a series: the window starts (as rnn_window_starts, increasing),
 * their labels, the split, and the scaler fitted on the rows before the
 * split (center[c], scale[c] per data column; with RNN_SCALE_GIVEN they
 * are the caller's and are left as they are).  starts and set hold
 * n_rows entries; info->n_windows are written.  No window left is
 * RNN_ERR_DIM; n_test >= the number of windows is RNN_ERR_INPUT.  With no training
 * window (info->n_train 0) the scaler is not fitted and RNN_OK is
 * returned: the host reports the split in its own calendar. */
int rnn_series_plan(const rnn_series_spec *spec, const double *data,
                    size_t *starts, int *set, double *center, double *scale,
                    rnn_series_plan_info *info, rnn_error *err);

/* The scaled windows of a plan: cut (rnn_windows_gather's layout), then
 * each value v of column c scaled to (v - center[c]) / scale[c].
 * y (n_win x (horizon * n_tgt)) may be NULL; horizon 0 cuts inputs only. */
int rnn_series_windows(const rnn_series_spec *spec, const double *data,
                       const size_t *starts, size_t n_win,
                       const double *center, const double *scale, double *x,
                       double *y, rnn_error *err);

/* Naive forecasts in original units, n_win x (horizon * n_tgt):
 *   naive[s + n_win*(k + horizon*j)] = data[first[s] + k - b, tgt[j]],
 *   b = period * ceil((k + 1) / period),
 * the value of the same season in the last cycle before the origin
 * first[s] - 1 (period 1: the last observed value, for every step); NaN
 * where that row lies outside the data.  period 0 counts as 1. */
void rnn_series_naive(size_t n_rows, const double *data, size_t n_tgt,
                      const int *tgt, size_t horizon, size_t n_win,
                      const size_t *first, size_t period, double *naive);

/* Evaluation in original units.  pred_scaled (n_win x (horizon*n_tgt),
 * the model's outputs, column k + horizon*j = step k of target j) is
 * unscaled with center/scale of the target columns into pred; actual
 * receives the data at rows first[s] + k (NaN beyond the data), naive the
 * rnn_series_naive() forecasts for period.  first[s] must lie in
 * 1..n_rows.  With a transform (NULL: none) the outputs are transformed
 * values, unscaled and then inverted (rnn_transform_invert) from the
 * observed values of rows 0..first[s]-1: pred is in original units. */
int rnn_series_evaluate(size_t n_rows, size_t n_cols, const double *data,
                        size_t n_tgt, const int *tgt, size_t horizon,
                        size_t n_win, const size_t *first,
                        const double *pred_scaled, const double *center,
                        const double *scale, const rnn_transform *transform,
                        size_t period, double *pred, double *actual,
                        double *naive, rnn_error *err);

/* Doubles of work rnn_series_accuracy() needs. */
size_t rnn_series_accuracy_workspace(size_t n_win, size_t n_tgt,
                                     size_t horizon);

/* Columns per target of rnn_series_accuracy()'s table (issue 15): 4
 * (model, naive, snaive, drift) when period > 1, else 3 (model, naive,
 * drift). */
size_t rnn_series_accuracy_cols(size_t period);

/* The accuracy table of an evaluation: the windows scored are the test
 * windows (set[s] == RNN_SET_TEST) when there are any (set may be NULL:
 * none), else all, and of those the ones with a known actual value.  A
 * target's columns (the steps of a direct model) are one series.  out is
 * RNN_ACC_ROWS x (nb * n_tgt), nb = rnn_series_accuracy_cols(period):
 * column nb*j is the model on target j, then the baselines:
 *   naive   the naive forecasts given (rnn_series_naive, period 1: the
 *           last observed value);
 *   snaive  (period > 1 only) the seasonal naive forecasts given
 *           (rnn_series_naive with period; snaive n_win x (horizon*n_tgt)
 *           as naive, may be NULL when period <= 1);
 *   drift   the naive forecast plus (k + 1) times the mean one-step
 *           change of target j over data rows 0..n_fit-1 (known changes,
 *           summed in increasing row) at step k (0-based), the random
 *           walk with drift;
 * each from rnn_accuracy() with the MASE scale rnn_naive_scale(period)
 * and, for the model, snaive and drift (issue 15), the directional
 * accuracy rnn_accuracy_direction() from the last observed value (the
 * naive forecast); the naive column's DA is NaN (no direction)
 * (period 0 or 1: the one-step naive MAE; > 1: the seasonal naive MAE)
 * of target j on data rows 0..n_fit-1: data is the series the model
 * learned from (actual, pred and the baselines may come from another),
 * read for the scale and the drift only.
 * *n_kept receives the windows scored; none is RNN_ERR_DIM. */
int rnn_series_accuracy(size_t n_rows, size_t n_cols, const double *data,
                        size_t n_tgt, const int *tgt, size_t horizon,
                        size_t n_fit, size_t period, size_t n_win,
                        const int *set, const double *actual,
                        const double *pred, const double *naive,
                        const double *snaive, double *out, size_t *n_kept,
                        double *work, rnn_error *err);

/* The accuracy of an h-step forecast from the end of a history (issue
 * 15): point[0..h-1] against actual[0..h-1] (NaN: not known), beside the
 * baselines from the same origin, scored as rnn_series_accuracy() scores
 * one window of a direct model: naive (the last value of hist), the
 * seasonal naive when period > 1 (the same season of the last cycle) and
 * drift (the last value plus k + 1 mean changes of hist at step k).
 * out: RNN_ACC_ROWS x rnn_series_accuracy_cols(period) (model, naive,
 * (snaive,) drift), MASE on the (seasonal) naive MAE of hist, DA from the
 * last value.  work: rnn_forecast_accuracy_workspace(h) doubles (0:
 * too large).  No known actual value: RNN_ERR_DIM. */
size_t rnn_forecast_accuracy_workspace(size_t h);
int rnn_forecast_accuracy(size_t n_hist, const double *hist, size_t h,
                          const double *actual, const double *point,
                          size_t period, double *out, double *work,
                          rnn_error *err);

/* ---- issue 16: panels (global models over many series) -------------
 * A panel is n_series series with the same columns, stacked: series i is
 * a rows[i] x n_cols column-major block at data + n_cols * o_i, o_i =
 * rows[0] + ... + rows[i-1]; the spec's n_rows is the sum of rows (and
 * its work, for a transform, rnn_series_workspace(spec) doubles).  Each
 * series is planned, transformed, scaled and cut exactly as
 * rnn_series_plan() / rnn_series_windows() do it for that series alone:
 * its scaler is fitted on its own training rows, so a panel of one
 * series is the plain series, bit for bit. */
typedef struct {
  size_t n_series;
  const size_t *rows;      /* n_series: rows of each series */
  const size_t *split_row; /* n_series: each series' first test row (its
                            * rows[i]: none); NULL: spec->split_row for
                            * every series */
  int drop;                /* 1: a series without a window (RNN_ERR_DIM
                            * from its plan) or without a training window
                            * is dropped and its status says why; 0: the
                            * plan's error, prefixed "series i: " when
                            * there are several */
  double *lambda;          /* n_series (NULL: spec->transform.lambda for
                            * every series): series i's Box-Cox lambda, read
                            * by the plan and windows of a boxcox transform;
                            * with lambda_auto, rnn_panel_plan() writes it */
  int lambda_auto;         /* 1: rnn_panel_plan() estimates each lambda[i]
                            * (rnn_boxcox_lambda on [RNN_LAMBDA_LOWER,
                            * RNN_LAMBDA_UPPER]) on series i's first target
                            * column, original units, rows before its
                            * resolved split (its training rows, n_fit),
                            * group length `season`; NaN for a dropped
                            * series.  A plain series is a panel of one. */
  size_t season;           /* lambda_auto: the group length (0: the
                            * transform's period) */
} rnn_panel;

/* status[i] of a panel's series. */
enum { RNN_PANEL_KEPT = 0, RNN_PANEL_SHORT = 1, RNN_PANEL_NO_TRAIN = 2 };

/* Plans every series of a panel: the windows of the kept series, series
 * by series in order, their starts (0-based rows of their own series),
 * labels and 0-based series index (starts, set, series: spec->n_rows
 * entries; *n_windows written), each series' scaler (center, scale:
 * n_cols x n_series, column i series i; with RNN_SCALE_GIVEN the
 * caller's, per series), status (n_series, RNN_PANEL_*) and info
 * (n_series: each series' rnn_series_plan_info; zero but split_row for a
 * dropped series). */
int rnn_panel_plan(const rnn_series_spec *spec, const rnn_panel *panel,
                   const double *data, size_t *starts, int *set, int *series,
                   double *center, double *scale, int *status,
                   rnn_series_plan_info *info, size_t *n_windows,
                   rnn_error *err);

/* Doubles of work rnn_panel_windows() needs for n_win windows: 0 for a
 * panel of one series. */
size_t rnn_panel_windows_workspace(const rnn_series_spec *spec,
                                   const rnn_panel *panel, size_t n_win);

/* The scaled windows of a panel's plan, in dataset layout over all n_win
 * windows (x: n_win x window x n_feat, y: n_win x (horizon * n_tgt) or
 * NULL): window k cut from series series[k] at its row starts[k] and
 * scaled by that series' scaler, as rnn_series_windows() does. */
int rnn_panel_windows(const rnn_series_spec *spec, const rnn_panel *panel,
                      const double *data, const size_t *starts,
                      const int *series, size_t n_win, const double *center,
                      const double *scale, double *x, double *y, double *work,
                      rnn_error *err);

/* The compact source of a panel's windows (issue 16): values
 * (spec->n_rows x n_feat, the stacked rows of all series) receives at
 * row o_i + r (o_i the first row of series i) the feature columns of
 * row r of series i, transformed and scaled by that series' scaler
 * exactly as rnn_panel_windows() transforms and scales them (rows a
 * transform loses: NaN; series i is skipped, its rows NaN, when
 * skip is given and skip[i] != 0, e.g. a dropped series).  Window k of
 * the plan is then rows o_{series[k]} + starts[k] .. + window - 1:
 * rnn_window_source with start[k] = o_{series[k]} + starts[k]
 * (rnn_panel_source_starts()).  work: rnn_series_workspace(spec) doubles
 * for a transform (the panel's spec, whose n_rows is the sum). */
int rnn_panel_source(const rnn_series_spec *spec, const rnn_panel *panel,
                     const double *data, const double *center,
                     const double *scale, const int *skip, double *values,
                     rnn_error *err);

/* start[k] = o_{series[k]} + starts[k], the rows of the stacked values
 * rnn_panel_source() writes that window k reads. */
void rnn_panel_source_starts(const rnn_panel *panel, const size_t *starts,
                             const int *series, size_t n_win, size_t *start);

/* One-step naive forecasts (n_win x n_tgt, original units) of a panel's
 * windows: each window's series value on the row before its first target
 * (rnn_series_naive() with horizon and period 1, per series). */
void rnn_panel_naive(const rnn_series_spec *spec, const rnn_panel *panel,
                     const double *data, const size_t *starts,
                     const int *series, size_t n_win, double *naive);
/* The pooled row of a panel's accuracy table: out[j] (j < n_stat) is
 * the mean of the finite tab[j + n_stat*k] over the keys k < n_keys
 * (summed in increasing k, then divided), NaN when none is finite. */
void rnn_panel_pool(size_t n_keys, size_t n_stat, const double *tab,
                    double *out);
/* ---- end of issue 16 panel block ----------------------------------- */

/* ==== end of the series engine ====================================== */
/* ---- forecast post-processing (forecast.c) ------------------------- */
/* (issue 14, "forecast" block: one series' forecast in original units.) */

/* How one target goes back to original units: y = x * scale + center,
 * then the inverse of `transform` (rnn_transform_invert, issue 15).
 * history (n_history values, oldest first, original units; may be NULL
 * with 0) is the target's observed series, for inverse transforms that
 * start from its last values. */
typedef struct {
  rnn_transform transform;
  double center, scale;
  size_t n_history;
  const double *history;
} rnn_target_inverse;

/* x (n_rows x n_steps, column k = step k + 1 ahead, e.g. n_paths x h)
 * in place from the model's units to original ones (RNN_ERR_INPUT for an
 * unknown transform or a non-finite scaler). */
int rnn_target_unscale(const rnn_target_inverse *inv, size_t n_rows,
                       size_t n_steps, double *x, rnn_error *err);

/* What rnn_forecast_series() forecasts. */
typedef struct {
  size_t n_rows;           /* rows of values                              */
  const double *values;    /* n_rows x n_in features, original units; the
                              forecast starts from the newest `window` rows */
  size_t window;
  int locf;                /* carry missing values forward (na = "locf")  */
  const double *in_center; /* n_in: the scaler of the features            */
  const double *in_scale;  /* n_in                                        */
  int direct;              /* 1: direct model (outputs = targets x horizon,
                              target-major); 0: recursive (n_out == n_in)  */
  size_t horizon;          /* direct: the model's steps per target        */
  size_t h;                /* steps to report (direct: <= horizon)        */
  size_t target;           /* 0-based target (output series) to report    */
  rnn_target_inverse inv;  /* that target back to original units          */
  const int *transformed;  /* n_in flags (NULL: none): feature j is a target
                              column, read through inv.transform (issue 15) */
  size_t n_resid;          /* rows of resid (n_resid x n_out, model units) */
  const double *resid;
  size_t n_paths;          /* simulated paths, 0 for point forecasts only */
  size_t n_levels;         /* interval levels in percent, strictly        */
  const double *levels;    /* increasing in (0, 100); needs n_paths > 0   */
  /* ensemble (issue 15): params is P x n_members and the forecast is
     rnn_ensemble_forecast()'s; 0 or 1 is a single model               */
  size_t n_members;
  /* covariates (issue 15): a recursive model whose inputs are not all its
     outputs.  from (n_in; NULL: input j is output j) as rnn_covariates;
     future (n_future x n_in, original units, NaN where unknown) holds the
     covariates' values after the last row of values: row k is forecast
     time k + 1, and rows 0..h-2 of the covariate columns must be finite
     (RNN_ERR_INPUT otherwise).  They are scaled with in_center/in_scale. */
  const int *from;
  size_t n_future;
  const double *future;
  /* intervals (issue 15): conformal 0 takes them from the simulated
     paths; 1 from the errors of rolling origins o = max(n_trained,
     first possible)..n_rows-1, each forecasting h steps from rows 0..o-1
     (see rnn_forecast_series); inv.history must then hold n_rows values.
     n_trained: rows 0..n_trained-1 are the ones the model trained on.
     n_calib (h, may be NULL) receives the errors per step used.        */
  int conformal;
  size_t n_trained;
  double *n_calib;
  /* heldout_resid 1 (issue 15): a recursive model's paths (not direct,
     each output read back as an input, conformal 0) draw the one-step errors, in model
     units, of the origins o >= n_trained (and late enough for a window
     plus the rows the transform loses) whose window and row o are
     complete, instead of resid, when there are at least RNN_MIN_HELDOUT;
     *n_heldout (may be NULL) receives their number, 0 when resid was
     drawn.                                                             */
  int heldout_resid;
  double *n_heldout;
  /* given errors (issue 17: fabletools' bootstrapped innovations): NULL
     draws them from resid (or the held-out pool).  Else n_paths x h,
     path p's error at step k in innov[p + n_paths*k], in the target's
     transformed units before scaling (the units of its one-step errors:
     log returns under log or logdiff, differences under diff); the core
     divides them by inv.scale and adds them instead of drawn rows, so a
     path of zeros is the point forecast.  A recursive model with one
     output only (RNN_ERR_INPUT otherwise); resid and the held-out pool
     are not used, and the paths are not centred on the point.          */
  const double *innov;
} rnn_forecast_spec;

/* The fewest held-out one-step errors the paths draw instead of the
 * in-sample residuals (rnn_forecast_spec.heldout_resid). */
#define RNN_MIN_HELDOUT 20

/* Doubles of workspace rnn_forecast_series() needs (0: invalid). */
size_t rnn_forecast_series_workspace(const rnn_config *cfg,
                                     const rnn_forecast_spec *s);

/* The forecast both hosts show: takes the newest window of s->values
 * (RNN_ERR_DIM when there are fewer rows, RNN_ERR_INPUT when it holds a
 * missing value after locf), scales it, runs
 * rnn_forecast_direct/_recursive, slices target s->target's first h
 * steps, takes them back to original units (rnn_target_unscale) and
 * centres the paths on the point forecast (issue 15): step k's paths
 * shift, in original units, so that their median (type 7) is point[k]
 * (not with given errors, s->innov: those paths are as simulated).
 * The intervals are the type-7 quantiles (rnn_quantiles) of the centred
 * paths at (1 - level/100)/2 and 1 - (1 - level/100)/2, taken as
 * point[k] + (quantile - median), so that lower <= point <= upper holds
 * exactly at every step and level.
 * With s->conformal (issue 15) the intervals are split-conformal by
 * horizon instead: every origin o >= n_trained (and late enough for a
 * window, plus the rows a transform loses) forecasts h steps from rows
 * 0..o-1 as above (point only); step k's error is the target's observed
 * value at row o + k against it, where that is in the data and finite
 * (origins whose window holds a missing value are skipped), relative
 * (log(actual) - log(point)) under the log and logdiff transforms, else
 * in original units (actual - point).  With step k's n_k errors sorted,
 * level l's band runs from the floor((n_k+1) a)-th to the
 * ceil((n_k+1)(1-a))-th smallest error, a = (1 - level/100)/2 (-Inf or
 * +Inf where that rank is < 1 or > n_k: too few held-out origins for
 * the level), added to point[k] (multiplied as exp() when relative) and
 * widened to hold the point.  No origin with a step-1 error is
 * RNN_ERR_DIM.  The paths (if any) are then the centred bootstrap ones.
 * The shapes:
 *   point  h
 *   paths  n_paths x h (NULL with 0 paths)
 *   lower, upper  h x n_levels, column l for levels[l] (NULL with none) */
int rnn_forecast_series(const rnn_config *cfg, const double *params,
                        const rnn_forecast_spec *s, rnn_rng *rng,
                        double *point, double *paths, double *lower,
                        double *upper, double *work, rnn_error *err);

/* ---- calendar (calendar.c) ----------------------------------------- */
/* (issue 14, "calendar" block.)  Dates are day counts: days since
 * 1970-01-01 (R's Date; an Octave datenum minus 719529). */

enum {
  RNN_STEP_NONE = 0,    /* no period (fewer than two dates)            */
  RNN_STEP_DAY = 1,     /* calendar days                               */
  RNN_STEP_WEEKDAY = 2, /* Monday to Friday                            */
  RNN_STEP_MONTH = 3,   /* the same day of the month, as R's seq(by =  */
  RNN_STEP_QUARTER = 4, /* "month"): a day the month lacks rolls over  */
  RNN_STEP_YEAR = 5     /* (31 Jan + 1 month = 3 or 2 Mar)             */
};

/* out[k] = from stepped k + 1 units (RNN_STEP_DAY .. _YEAR), k < n.
 * Days keep a fraction of from; months, quarters and years start from
 * its whole day.  Weekdays skip Saturday and Sunday. */
int rnn_date_step(double from, int unit, size_t n, double *out,
                  rnn_error *err);

/* *period of a date index (n >= 1 day counts, increasing) from the
 * median of its steps: RNN_STEP_MONTH (28..31 days), _QUARTER (89..92),
 * _YEAR (365..366), else _DAY; RNN_STEP_NONE for one date.  work holds
 * n doubles. */
int rnn_date_period(size_t n, const double *index, double *work,
                    int *period, rnn_error *err);

/* The h dates after index (n >= 1, increasing; work n doubles).
 * dated: month, quarter or year steps for such an index, weekdays for
 * daily data without a Saturday or Sunday (median step <= 1.5), else the
 * median step rounded to whole days (halves to even, R's round()).
 * dated = 0 (times of a ts, date-times): last + median step * k. */
int rnn_next_dates(size_t n, const double *index, int dated, size_t h,
                   double *out, double *work, rnn_error *err);

/* key[k] = the period that holds days[k]: year*12 + month (1..12),
 * year*4 + quarter (0..3), the year, or (any other period) the day
 * count itself; NaN stays NaN. */
int rnn_date_keys(int period, size_t n, const double *days, double *key,
                  rnn_error *err);

/* pos[k] = 1-based position in index of forecast date fc[k], NaN where
 * none.  When the forecast's dates (after its history hist) and index
 * are both monthly, both quarterly or both yearly, dates match by
 * period (a month dated on its first day matches the same month dated on
 * its last); else the day counts must be equal.  work holds
 * n_hist + 2 n_fc + max(n_idx, n_hist + n_fc) doubles. */
int rnn_match_dates(size_t n_fc, const double *fc, size_t n_hist,
                    const double *hist, size_t n_idx, const double *index,
                    double *pos, double *work, rnn_error *err);

/* ---- calendar features (issue 15, covariates) ----------------------
 * Columns a model reads but does not predict, made from the dates.  Each
 * kind is one cycle of period P with a position v in 0..P-1, as R's
 * as.POSIXlt(): RNN_CAL_WDAY v = $wday (0 Sunday .. 6 Saturday, P 7),
 * RNN_CAL_MONTH v = $mon (0 January .. 11, P 12), RNN_CAL_QUARTER
 * v = $mon %/% 3 (P 4).  A kind is two columns, sin(2 pi v / P) and
 * cos(2 pi v / P): in [-1, 1] and continuous across the cycle's end, so
 * the hosts leave them unscaled (scaler center 0, scale 1). */
enum { RNN_CAL_WDAY = 0, RNN_CAL_MONTH = 1, RNN_CAL_QUARTER = 2 };

/* out (n x 2 n_kinds, column 2c = sin, 2c + 1 = cos of kinds[c]) for the
 * day counts days (a fraction is the time of day; NaN gives NaN). */
int rnn_calendar_features(size_t n, const double *days, size_t n_kinds,
                          const int *kinds, double *out, rnn_error *err);

/* The kind "auto" picks for a date index of period RNN_STEP_* (see
 * rnn_date_period): day of the week for daily data, month of the year
 * for monthly, quarter for quarterly; -1 (none) for yearly or no
 * period. */
int rnn_calendar_auto(int period);

/* ---- end of the issue-14 forecast/calendar blocks ------------------- */

/* ---- accuracy (metrics.c) ------------------------------------------ */

/* Rows of rnn_accuracy()'s output, one column of RNN_ACC_ROWS per series. */
enum {
  RNN_ACC_RMSE = 0,  /* root mean squared error                         */
  RNN_ACC_MAE = 1,   /* mean absolute error                             */
  RNN_ACC_MAPE = 2,  /* 100 * mean |e / actual|, in %                   */
  RNN_ACC_SMAPE = 3, /* 200 * mean |e| / (|actual| + |pred|), in %      */
  RNN_ACC_MASE = 4,  /* MAE / scale                                     */
  RNN_ACC_N = 5,     /* the number of known (non-NaN) actual values     */
  RNN_ACC_DA = 6,    /* directional accuracy in % (issue 15), NaN unless
                        rnn_accuracy_direction() fills it              */
  RNN_ACC_ROWS = 7
};

/* Accuracy of the point forecasts pred against actual, both n_rows x
 * n_cols column-major (actual[i + n_rows*j]), one column per series: the
 * errors e = actual - pred of column j give
 *   out[RNN_ACC_RMSE + RNN_ACC_ROWS*j] ... out[RNN_ACC_N + RNN_ACC_ROWS*j].
 * (A host that scores several columns as one series, e.g. the h steps of
 * a direct forecast of one target, passes them as one longer column: a
 * block of adjacent columns is contiguous.)  NaN marks a missing value;
 * a pair where either value is missing is skipped.  The sums run over
 * the rows in increasing order in double, so every host gets the same
 * bits.  Edge cases, as R's mean() of the errors gave them before:
 *   - no pair with both values known: every metric NaN (n still counts
 *     the known actual values);
 *   - an actual value of 0: its |e / actual| is Inf, or NaN when e is 0
 *     too, so MAPE is Inf or NaN; likewise sMAPE is NaN when both values
 *     of a pair are 0;
 *   - MASE = MAE / scale[j] when scale[j] is finite and positive; a NaN
 *     scale[j] (missing, as rnn_naive_scale() writes it) is copied, so a
 *     host's own missing value (R's and Octave's NA) comes back as
 *     itself; 0, a negative or an infinite scale gives NaN.  scale may be
 *     NULL: MASE NaN.
 * Infinite values are not missing and count as values.  Only a NULL
 * pointer is an error (RNN_ERR_INPUT). */
int rnn_accuracy(size_t n_rows, size_t n_cols, const double *actual,
                 const double *pred, const double *scale, double *out,
                 rnn_error *err);

/* Directional accuracy (issue 15): does a forecast call the direction of
 * the move from the last observed value?  With origin[i + n_rows*j] the
 * last value observed before the forecast of row i (the naive forecast),
 *   out[RNN_ACC_DA + RNN_ACC_ROWS*j] = 100 * (rows where
 *       sign(pred - origin) == sign(actual - origin)) / (rows counted),
 * in %, where a row counts when actual, pred and origin are known (not
 * NaN) and the actual value moved (actual != origin): a flat actual has
 * no direction to call, and is left out.  A forecast that stays at the
 * origin (pred == origin) calls no direction and counts as wrong.  No
 * row counted: NaN.  The naive forecast itself has no direction: a host
 * leaves its DA NaN.  Only a NULL pointer is an error. */
int rnn_accuracy_direction(size_t n_rows, size_t n_cols, const double *actual,
                           const double *pred, const double *origin,
                           double *out, rnn_error *err);

/* The scale of MASE for each column of the n_rows x n_cols series x: the
 * in-sample mean absolute error of the (seasonal) naive forecast,
 *   scale[j] = mean over i >= period of |x[i, j] - x[i - period, j]|,
 * differences that are NaN (a missing value, or Inf - Inf) skipped,
 * summed in increasing i.  period 1 is the one-step naive forecast (the
 * last value carried forward, Hyndman and Koehler 2006); period m > 1
 * the seasonal naive forecast (the value one season back).  A column
 * without a usable scale (no known difference, all differences 0, or an
 * infinite mean) gets NaN, and so a NaN MASE.  period 0 is
 * RNN_ERR_INPUT. */
int rnn_naive_scale(size_t n_rows, size_t n_cols, const double *x,
                    size_t period, double *scale, rnn_error *err);

/* ---- CSV files (csv.c, issue 18) ----------------------------------- */

/* The CSV reader both hosts' rnn_read_csv() use, on the bytes of a whole
 * file (the host reads them).  The file:
 *   - starts with a header line of column names (a UTF-8 byte-order mark
 *     before it is skipped); blank lines are skipped anywhere;
 *   - lines end in LF, CRLF or CR; the last may lack one;
 *   - fields are separated by one byte, the delimiter: given, or (0)
 *     detected as the most frequent of , ; TAB | outside quotes in the
 *     header line (ties in that order; ',' when there is none);
 *   - a field may be quoted ("..."), then it may hold the delimiter, line
 *     ends and quotes written "" (RFC 4180); spaces and tabs around the
 *     quotes are allowed.  A quote inside an unquoted field, text after a
 *     closing quote, an unclosed quote, a NUL byte, a field that is not
 *     UTF-8 and a line with another number of fields than the header are
 *     RNN_ERR_INPUT, with the line and column (1-based) in the message.
 * Every line holds a row of n_cols fields.
 *
 * rnn_csv_scan(): the fields.  Query: start NULL sets info (n_rows data
 * rows, the header not counted; n_cols; delim, the delimiter used).
 * Then, with n_fields >= (n_rows + 1) * n_cols, field j (0-based) of row
 * r (r = 0 the header, 1..n_rows the data) is the len[k] bytes at
 * buf + start[k], k = r + (n_rows + 1) * j (a column is contiguous),
 * quotes included, and line[r] (n_rows + 1 entries) is the 1-based line
 * on which row r starts.  info must be the query's. */
typedef struct {
  size_t n_rows, n_cols;
  char delim;
} rnn_csv_info;
int rnn_csv_scan(const char *buf, size_t size, char delim, size_t *start,
                 size_t *len, size_t *line, size_t n_fields,
                 rnn_csv_info *info, rnn_error *err);

/* Column types and the date formats rnn_csv_column() detects. */
enum { RNN_CSV_NUMBER = 1, RNN_CSV_DATE = 2, RNN_CSV_TEXT = 3 };
enum {
  RNN_DATE_YMD = 1,       /* 2024-01-31 (ISO 8601)                    */
  RNN_DATE_YMD_SLASH = 2, /* 2024/01/31                               */
  RNN_DATE_YMD_DOT = 3,   /* 2024.01.31                               */
  RNN_DATE_YM = 4,        /* 2024-01, a month: its first day          */
  RNN_DATE_YM_SLASH = 5,  /* 2024/01                                  */
  RNN_DATE_DMY = 6,       /* 31/01/2024                               */
  RNN_DATE_MDY = 7,       /* 01/31/2024                               */
  RNN_DATE_DMY_DOT = 8,   /* 31.01.2024 (always day first)            */
  RNN_DATE_DMY_DASH = 9,  /* 31-01-2024                               */
  RNN_DATE_MDY_DASH = 10  /* 01-31-2024                               */
};
/* The format's name, "YYYY-MM-DD" ..., NULL for an unknown code. */
const char *rnn_csv_date_name(int format);

/* The type and values of one column: its n_rows data fields start[r],
 * len[r] (from rnn_csv_scan: start + 1 + (n_rows + 1) * j, likewise len;
 * line + 1 their lines, or NULL; col its 1-based number, for messages).
 * A field's content is what lies between its quotes, if any, without
 * surrounding spaces and tabs; an empty content or NA is missing.
 *   RNN_CSV_NUMBER  every known field is a decimal number
 *                   [+-]digits[.digits][(e|E)[+-]digits] (or .digits),
 *                   or Inf, Infinity, NaN in any case (a column of
 *                   missing values only is numbers too).  values gets the
 *                   doubles, correctly rounded whatever the locale's
 *                   decimal point (see csv.c), missing ones na.
 *   RNN_CSV_DATE    every known field is a valid date (day in its month)
 *                   in one of the RNN_DATE_* formats, one format for the
 *                   whole column (1-2 digit months and days, 4-digit
 *                   years).  values gets day counts since 1970-01-01
 *                   (R's Date; an Octave datenum minus 719529), missing
 *                   ones na; *format the format.  Day and month order of
 *                   NN/NN/YYYY and NN-NN-YYYY: a part above 12 decides;
 *                   when no field decides it, day_first does (1 day
 *                   first, 0 month first) and with day_first -1 (unknown)
 *                   the column is RNN_ERR_INPUT, naming a date and its
 *                   line.  With day_first 0 or 1, a field that is no date
 *                   in that order is RNN_ERR_INPUT naming it.
 *   RNN_CSV_TEXT    anything else; values are NaN; the host takes the
 *                   fields with rnn_csv_text().
 * Times of day, YYYYMMDD, month names and two-digit years are not
 * detected (such columns are text). */
int rnn_csv_column(const char *buf, size_t n_rows, const size_t *start,
                   const size_t *len, const size_t *line, size_t col,
                   int day_first, double na, int *type, int *format,
                   double *values, rnn_error *err);

/* n_fields fields as text: a quoted field without its quotes ("" is one
 * quote), any other as it is; field k is out[out_end[k-1] .. out_end[k])
 * (out_end[-1] = 0), UTF-8, not NUL-terminated.  Query: out NULL sets
 * only out_end (n_fields entries, always written). */
int rnn_csv_text(const char *buf, size_t n_fields, const size_t *start,
                 const size_t *len, char *out, size_t out_len,
                 size_t *out_end, rnn_error *err);

/* ---- Keras' and PyTorch's weight layouts (layout.c) ---------------- */

/* One recurrent layer's weights in the layouts of Keras and PyTorch, to
 * and from the flat parameter vector of a layer model: cfg with one
 * recurrent layer, no embedding, n_in = I inputs, H = n_hidden[0] units
 * and G gate blocks (see PARAMETER LAYOUT; all arrays column-major):
 *
 *   Keras    kernel            I x G*H   (get_weights() of SimpleRNN,
 *            recurrent_kernel  H x G*H    LSTM, GRU; gate blocks side by
 *            bias              G*H        side in the columns, in Keras'
 *                              GRU: 2 x G*H  order: LSTM i f c o, GRU
 *                              (reset_after: row 1 input bias, row 2
 *                              recurrent bias)           z r h)
 *   PyTorch  weight_ih  G*H x I,  weight_hh  G*H x H   (the core's W_x
 *            bias_ih    G*H,      bias_hh    G*H        and W_h as they
 *                                                       are)
 *
 * rnn_params_from_keras() and rnn_params_from_torch() fill all of params
 * (rnn_n_params(cfg) doubles): the layer's weights (a NULL bias is
 * zeros; PyTorch's two SimpleRNN/LSTM biases are summed into b, GRU's
 * are b and b_h), then the identity head W_y = I, b_y = 0 (cfg must have
 * n_out = H and a linear head, so the head's output is exactly h_t).
 * rnn_params_to_keras() and rnn_params_to_torch() read the layer back
 * (bias_hh of a SimpleRNN or LSTM is zeros, all in bias_ih).  Every
 * conversion only moves numbers: a round trip is exact.  A config that
 * is not of one layer without embedding is RNN_ERR_DIM. */
int rnn_params_from_keras(const rnn_config *cfg, const double *kernel,
                          const double *recurrent_kernel, const double *bias,
                          double *params, rnn_error *err);
int rnn_params_to_keras(const rnn_config *cfg, const double *params,
                        double *kernel, double *recurrent_kernel, double *bias,
                        rnn_error *err);
int rnn_params_from_torch(const rnn_config *cfg, const double *weight_ih,
                          const double *weight_hh, const double *bias_ih,
                          const double *bias_hh, double *params,
                          rnn_error *err);
int rnn_params_to_torch(const rnn_config *cfg, const double *params,
                        double *weight_ih, double *weight_hh, double *bias_ih,
                        double *bias_hh, rnn_error *err);

/* ---- text (text.c) -------------------------------------------------- */

/* Text arrives as UTF-8 bytes (length given, no terminating NUL needed;
 * a NUL byte is the code point 0) and tokens are sequences of Unicode
 * code points (int32_t).  Not well-formed UTF-8 (a stray continuation
 * byte, a truncated or overlong sequence, a surrogate, a value above
 * U+10FFFF: the rule of R's validUTF8()) is RNN_ERR_INPUT
 * ("rnnkit:input") naming the first bad byte; nothing is replaced.
 *
 * Workspace in the LAPACK manner, nothing allocated: call with NULL
 * output buffers to get the sizes (n_cp, n_bytes, n_tok), allocate them,
 * call again.  A buffer smaller than its length argument says is
 * RNN_ERR_DIM. */

/* The one lower-casing rule of rnnkit: the Unicode simple lowercase
 * mapping (UnicodeData.txt field 13, Unicode 14.0) of the code point cp,
 * or cp itself when it has none.  A fixed table, the same in every host
 * and locale; one code point in, one out, no context: capital sigma
 * U+03A3 is always U+03C3 (no final form U+03C2), U+0130 (capital I
 * with dot) is U+0069, titlecase digraphs such as U+01C5 become U+01C6.
 * ASCII, Latin-1, Latin Extended, Greek, Cyrillic, Armenian, Georgian,
 * Cherokee, fullwidth and the other cased scripts are all covered. */
uint32_t rnn_lower(uint32_t cp);

/* The n_cp code points of the n_bytes UTF-8 bytes s into cp[0..cp_len)
 * (cp NULL: only count them). */
int rnn_utf8_decode(const char *s, size_t n_bytes, int32_t *cp,
                    size_t cp_len, size_t *n_cp, rnn_error *err);

/* The UTF-8 bytes of n_cp code points into s[0..s_len) (not
 * NUL-terminated; s NULL: only count them, at most 4 per code point).
 * A negative value, a surrogate or a value above U+10FFFF is
 * RNN_ERR_INPUT. */
int rnn_utf8_encode(const int32_t *cp, size_t n_cp, char *s, size_t s_len,
                    size_t *n_bytes, rnn_error *err);

/* Token levels of rnn_text_tokens(). */
enum { RNN_TEXT_CHAR = 0, RNN_TEXT_WORD = 1 };

/* Splits one UTF-8 text into tokens, as Keras' Tokenizer does:
 *   1. decode the text to code points; if lower, map each by rnn_lower();
 *   2. filters (UTF-8 bytes, a set of code points, may be empty) are
 *      compared with the (lower-cased) code points; the filters
 *      themselves are not lower-cased;
 *   3. RNN_TEXT_CHAR: every code point not in the filters is a token;
 *      RNN_TEXT_WORD: (Keras' text_to_word_sequence) every filtered code
 *      point is a separator, as is ASCII whitespace [ \t\n\v\f\r] (no
 *      other space counts: the split is the same in every locale); a
 *      word is a maximal run of the other code points, empty words are
 *      dropped.
 * Out: n_tok tokens, whose code points are concatenated in cp[0..n_cp);
 * token k (0-based) is cp[tok_end[k-1] .. tok_end[k]), tok_end[-1]
 * being 0 (for characters tok_end[k] = k + 1).  Query: cp or tok_end
 * NULL sets only n_cp and n_tok; then pass cp_len >= n_cp and tok_len
 * >= n_tok.  Always n_tok <= n_cp <= n_bytes. */
int rnn_text_tokens(const char *text, size_t n_bytes, int level, int lower,
                    const char *filters, size_t n_filter_bytes, int32_t *cp,
                    size_t cp_len, size_t *tok_end, size_t tok_len,
                    size_t *n_cp, size_t *n_tok, rnn_error *err);

/* A vocabulary for rnn_text_encode(): n_vocab tokens whose code points
 * are concatenated in voc_cp, token k (0-based) being
 * voc_cp[voc_end[k-1] .. voc_end[k]) (voc_end[-1] = 0), as
 * rnn_text_tokens() writes them.  rnn_vocab_sort() fills order (n_vocab
 * entries) with the tokens' indices sorted by code points (a prefix
 * first; equal tokens by index), the index the lookups search. */
int rnn_vocab_sort(size_t n_vocab, const int32_t *voc_cp,
                   const size_t *voc_end, size_t *order, rnn_error *err);
/* The vocabulary of n_vocab UTF-8 entries voc[k] (voc_bytes[k] bytes
 * each) made ready for rnn_text_encode(): its code points into
 * voc_cp[0..cp_len), voc_end and order (n_vocab entries each) as
 * rnn_vocab_sort() fills them.  With voc_cp NULL only *n_cp, the number
 * of code points, is computed (the query that sizes voc_cp). */
int rnn_vocab_index(size_t n_vocab, const char *const *voc,
                    const size_t *voc_bytes, int32_t *voc_cp, size_t cp_len,
                    size_t *n_cp, size_t *voc_end, size_t *order,
                    rnn_error *err);

/* Token ids of one text: the text is split as rnn_text_tokens() splits
 * it (same level, lower, filters), and each token becomes the 1-based
 * index of the first equal vocabulary entry.  A token not in the
 * vocabulary becomes oov (a 1-based index, usually 1, the oov token's
 * place), or is dropped when oov is 0; so ids are 1..n_vocab and 0 (the
 * padding id) never appears.  Workspace: cp (cp_len) and tok_end
 * (tok_len) as a query of rnn_text_tokens() on the same text sizes them;
 * ids needs n_tok entries (at most that many are written, n_ids says how
 * many).  order from rnn_vocab_sort(). */
int rnn_text_encode(const char *text, size_t n_bytes, int level, int lower,
                    const char *filters, size_t n_filter_bytes,
                    size_t n_vocab, const int32_t *voc_cp,
                    const size_t *voc_end, const size_t *order, size_t oov,
                    int32_t *cp, size_t cp_len, size_t *tok_end,
                    size_t tok_len, int32_t *ids, size_t *n_ids,
                    rnn_error *err);

/* The vocabulary a tokenizer fits on n_texts UTF-8 texts (text i is
 * texts[i][0 .. n_bytes[i])), split as rnn_text_tokens() splits them
 * (level, lower, filters), as Keras' Tokenizer orders it:
 *   1. distinct tokens, each counted; the oov token (n_oov_bytes of
 *      UTF-8, oov NULL for none; not lower-cased) is left out when it
 *      occurs;
 *   2. by decreasing count, ties by first appearance;
 *   3. num_words > 0 keeps the num_words first (exactly that many; Keras
 *      keeps one less);
 *   4. RNN_TEXT_CHAR: those kept re-sorted by code point (the same on
 *      every platform and in every locale);
 *   5. with oov, the oov token first, counting every token not kept.
 * Out: info->n_vocab entries, entry k being the UTF-8 bytes
 * voc[voc_end[k-1] .. voc_end[k]) (voc_end[-1] = 0), seen counts[k]
 * times; info->n_tokens tokens in all; info->n_distinct distinct tokens
 * (oov left out) before num_words.  n_vocab is 0 when there are no
 * tokens, or only the oov token: the host says what to fix.
 * Query: work, voc, voc_end or counts NULL sets only info->n_tokens,
 * info->work_len (bytes of work, aligned as malloc aligns) and
 * info->voc_len (bytes of voc); voc_end and counts need n_tokens + 1
 * entries.  Text that is not UTF-8 is RNN_ERR_INPUT. */
typedef struct {
  size_t n_tokens, n_distinct, n_vocab; /* see rnn_vocab_fit()        */
  size_t work_len, voc_len;             /* the query's buffer sizes   */
} rnn_vocab_info;
int rnn_vocab_fit(size_t n_texts, const char *const *texts,
                  const size_t *n_bytes, int level, int lower,
                  const char *filters, size_t n_filter_bytes,
                  size_t num_words, const char *oov, size_t n_oov_bytes,
                  void *work, char *voc, size_t *voc_end, double *counts,
                  rnn_vocab_info *info, rnn_error *err);

/* Texts from token ids: n_seq sequences, sequence i having lens[i] ids,
 * all concatenated in ids (whole numbers 0..n_vocab as doubles).  The
 * vocabulary's entry k (0-based; id k+1) is the voc_bytes[k] UTF-8 bytes
 * at voc[k].  Text
 * i joins the entries of its nonzero ids (0 is padding and dropped),
 * with nothing between them for RNN_TEXT_CHAR and one space for
 * RNN_TEXT_WORD, into out; text i is out[out_end[i-1] .. out_end[i])
 * (out_end[-1] = 0).  Query: out NULL sets only out_end (n_seq entries,
 * always written).  An id that is not a whole number in 0..n_vocab is
 * RNN_ERR_INPUT naming its (1-based) sequence and position; nothing is
 * written then. */
int rnn_text_decode(size_t n_seq, const size_t *lens, const double *ids,
                    int level, size_t n_vocab, const char *const *voc,
                    const size_t *voc_bytes, char *out, size_t out_len,
                    size_t *out_end, rnn_error *err);

/* Keras' pad_sequences: n sequences, sequence i having lens[i] values,
 * all concatenated in values, into the n x maxlen matrix out
 * (column-major, out[i + n*j]; one sequence per row).  A sequence longer
 * than maxlen loses values at its start (trunc_post 0, Keras' "pre") or
 * its end (trunc_post 1, "post"); a shorter one is padded with value
 * before it (pad_post 0, "pre") or after it (pad_post 1, "post"). */
int rnn_pad_sequences(size_t n, const size_t *lens, const double *values,
                      size_t maxlen, int pad_post, int trunc_post,
                      double value, double *out, rnn_error *err);

/* The arrangement of one token stream (n_tokens ids, e.g. a whole text
 * encoded) for stateful training of a language model with batch_size
 * parallel streams: the text is cut into batch_size streams of
 * L = floor((n_tokens - 1) / batch_size) tokens each (stream b starts at
 * token b*L, 0-based), each stream into n_chunks = floor(L / seq_len)
 * chunks of seq_len steps, and sample s = c*batch_size + b (chunk c of
 * stream b, so the samples of a batch continue those of the batch
 * before) reads
 *   x[s + N*t] = tokens[b*L + c*seq_len + t],  y[s + N*t] = the next token,
 * t = 0..seq_len-1, N = n_chunks * batch_size samples (x and y N x
 * seq_len, column-major).  Query: x or y NULL sets only n_samples (0
 * when the text is too short for one chunk per stream; the host then
 * says so). */
int rnn_text_streams(size_t n_tokens, const double *tokens, size_t seq_len,
                     size_t batch_size, double *x, double *y,
                     size_t *n_samples, rnn_error *err);

#ifdef __cplusplus
}
#endif

#endif
