/* Training, once for both hosts (issue 14): the training options, the
 * datasets, the result; the host brings the callbacks (progress line,
 * checkpoints, interrupts). */
#include "gw.h"

#include <string.h>

static int num(gw_in t, const char *name) {
  double v = gw_dbl(gw_need(t, name), name);
  if (!(v >= -2147483647.0 && v <= 2147483647.0)) gw_internal("%s", name);
  return (int)v;
}

static double dbl(gw_in t, const char *name) {
  return gw_dbl(gw_need(t, name), name);
}

/* A dataset x (N x T x n_in), or the compact windows that stand for it
 * (gw_window_source), and its targets y, exactly what the core reads for
 * the loss. */
static void dataset(const rnn_config *cfg, int loss, gw_in x, gw_in y,
                    rnn_dataset *d) {
  size_t I, n, ny = loss == RNN_LOSS_SPARSE_CE ? 1 : (size_t)cfg->n_out;
  rnn_window_source *src =
      (rnn_window_source *)gw_alloc(1, sizeof(rnn_window_source));
  d->src = NULL;
  d->x = NULL;
  if (gw_window_source(x, (size_t)cfg->n_in, src, &d->n_samples, &d->n_time))
    d->src = src; /* compact windows (issue 16) */
  else {
    d->x = gw_array3(x, "x", &d->n_samples, &d->n_time, &I);
    if (I != (size_t)cfg->n_in)
      gw_internal("x must be N x T x %d", cfg->n_in);
  }
  d->y = gw_reals(y, "y", &n);
  if (n != d->n_samples * ny * (cfg->seq_out ? d->n_time : 1))
    gw_internal("targets do not match the samples");
}

void gw_train(gw_out *o, const gw_in *arg, gw_fit *f) {
  static const char *const common[] = {
      "params",   "loss",     "val_loss", "epochs_run", "best_epoch",
      "stopped_early", "interrupted", "diverged", "restored", "message",
      "acc",      "val_acc",  "checkpoint_error", "lr"};
  const char *nm[14 + 8 + 2];
  rnn_config cfg = gw_config(arg[0]);
  gw_in t = arg[1];
  rnn_train_config *tc = &f->tc;
  rnn_error err;
  rnn_rng rng;
  rnn_dataset dtrain, dval;
  rnn_train_result res, *rs = &res;
  rnn_history hist;
  size_t E, k, n, n_done = 1, P = rnn_n_params(&cfg);
  int st, ens, a, has_val = !gw_is_null(arg[5]);
  int *iv;
  double *params, *work, *seeds, na;
  const uint64_t na_bits = 0x7FF00000000007A2ULL; /* R's NA */
  gw_members(&cfg, arg[2]); /* a vector or P x k */
  memset(tc, 0, sizeof *tc);
  tc->loss = num(t, "loss_code");
  tc->optimizer = num(t, "optimizer_code");
  tc->lr = dbl(t, "lr");
  tc->momentum = dbl(t, "momentum");
  tc->rho = dbl(t, "rho");
  tc->beta1 = dbl(t, "beta1");
  tc->beta2 = dbl(t, "beta2");
  tc->eps = dbl(t, "epsilon");
  tc->clipnorm = dbl(t, "clipnorm");
  tc->clipvalue = dbl(t, "clipvalue");
  tc->epochs = num(t, "epochs");
  tc->batch_size = num(t, "batch_size");
  tc->shuffle = num(t, "shuffle");
  tc->patience = num(t, "patience");
  tc->min_delta = dbl(t, "min_delta");
  tc->restore_best = num(t, "restore_best");
  tc->n_threads = num(t, "threads");
  tc->stateful = gw_field(t, "stateful") ? num(t, "stateful") : 0;
  tc->row_split = gw_field(t, "row_split") ? num(t, "row_split") : 0;
  /* the learning-rate schedule (0 none, 1 piecewise), checked by the core */
  if (gw_field(t, "lr_schedule")) {
    tc->lr_schedule = num(t, "lr_schedule");
    tc->lr_drop_factor = dbl(t, "lr_drop_factor");
    tc->lr_drop_period = num(t, "lr_drop_period");
  }
  /* the limits of rnn_fit: the histories are allocated here */
  if (tc->epochs < 1 || tc->epochs > 10000000 || tc->batch_size < 1)
    gw_internal("epochs must be in 1..1e7 and batch_size positive");
  dataset(&cfg, tc->loss, arg[3], arg[4], &dtrain);
  if (has_val) dataset(&cfg, tc->loss, arg[5], arg[6], &dval);
  /* sequences of unequal length (issue 18): t.lengths (N) and
   * t.val_lengths (Nv, or empty), t.seq_length, t.pad_left */
  tc->seq_length = gw_field(t, "seq_length") ? num(t, "seq_length") : 0;
  tc->pad_left = gw_field(t, "pad_left") ? num(t, "pad_left") : 0;
  if (gw_field(t, "lengths") && !gw_is_null(gw_field(t, "lengths"))) {
    gw_in vl = gw_field(t, "val_lengths");
    tc->len = gw_reals(gw_field(t, "lengths"), "lengths", &n);
    if (n != dtrain.n_samples)
      gw_internal("lengths must be a real double per training sequence");
    if (vl && !gw_is_null(vl)) {
      tc->val_len = gw_reals(vl, "val_lengths", &n);
      if (!has_val || n != dval.n_samples)
        gw_internal("val_lengths must be a real double per validation sequence");
    }
  }
  /* ensemble (issue 15): train$ensemble = k > 1 members, trained by the
   * core from seed (the base seed, not the training seed); params and
   * histories then have k columns, the results k entries */
  ens = gw_field(t, "ensemble") ? num(t, "ensemble") : 1;
  if (ens < 1) ens = 1;
  f->n_members = ens;
  E = (size_t)tc->epochs;
  for (a = 0; a < 14; a++) nm[a] = common[a];
  for (a = 0; a < f->n_extra && a < 8; a++) nm[14 + a] = f->extra_names[a];
  nm[14 + a] = "members_run";
  nm[15 + a] = "seeds";
  gw_result(o, 14 + a + (ens > 1 ? 2 : 0), nm);
  if (ens > 1) {
    params = gw_set_matrix(o, 0, P, (size_t)ens, "the ensemble's weights");
    hist.loss = gw_set_matrix(o, 1, E, (size_t)ens, "the training histories");
    hist.val_loss = gw_set_matrix(o, 2, E, (size_t)ens, "the training histories");
    hist.acc = gw_set_matrix(o, 10, E, (size_t)ens, "the training histories");
    hist.val_acc = gw_set_matrix(o, 11, E, (size_t)ens, "the training histories");
    hist.lr = gw_set_matrix(o, 13, E, (size_t)ens, "the training histories");
    memcpy(&na, &na_bits, sizeof na); /* members never trained: NA */
    for (k = 0; k < E * (size_t)ens; k++)
      hist.loss[k] = hist.val_loss[k] = hist.acc[k] = hist.val_acc[k] =
          hist.lr[k] = na;
    rs = (rnn_train_result *)gw_alloc((size_t)ens, sizeof *rs);
  } else {
    params = gw_set_copy(o, 0, arg[2], "the model's weights");
    hist.loss = gw_set_vector(o, 1, E, E, "the training histories");
    hist.val_loss = gw_set_vector(o, 2, E, E, "the training histories");
    hist.acc = gw_set_vector(o, 10, E, E, "the training histories");
    hist.val_acc = gw_set_vector(o, 11, E, E, "the training histories");
    hist.lr = gw_set_vector(o, 13, E, E, "the training histories");
  }
  rnn_rng_seed(&rng, gw_seed(arg[7]));
  f->arg = arg;
  f->o = o;
  f->acc = hist.acc;
  f->val_acc = hist.val_acc;
  f->ck_error = "";
  f->start(f); /* may lower tc->n_threads */
  work = gw_work(ens > 1 ? rnn_ensemble_workspace(&cfg, tc, dtrain.n_samples,
                                                  dtrain.n_time)
                         : rnn_train_workspace(&cfg, tc, dtrain.n_samples,
                                               dtrain.n_time),
                 "the workspace for training");
  err.msg[0] = '\0';
  if (ens > 1)
    st = rnn_ensemble_train(&cfg, num(t, "recurrent_init"), tc, (size_t)ens,
                            gw_seed(arg[7]), params, &dtrain,
                            has_val ? &dval : NULL, &f->cb, &hist, rs, &n_done,
                            work, &err);
  else
    st = rnn_train(&cfg, tc, params, &dtrain, has_val ? &dval : NULL, &rng,
                   &f->cb, &hist, &res, work, &err);
  f->end(f);
  if (st != RNN_OK && st != RNN_ERR_DIVERGED) gw_raise(&err);
  iv = (int *)gw_alloc(n_done, sizeof(int));
  for (a = 0; a < 6; a++) {
    for (k = 0; k < n_done; k++)
      iv[k] = a == 0 ? rs[k].epochs_run : a == 1 ? rs[k].best_epoch
            : a == 2 ? rs[k].stopped_early : a == 3 ? rs[k].interrupted
            : a == 4 ? rs[k].diverged : rs[k].restored;
    if (a == 0 || a == 1 || a == 4)
      gw_set_ints(o, 3 + a, n_done, iv, 0);
    else
      gw_set_flags(o, 3 + a, n_done, iv, ens > 1);
  }
  gw_set_string(o, 9, st == RNN_OK ? "" : err.msg);
  gw_set_string(o, 12, f->ck_error);
  f->extras(f, 14);
  if (ens > 1) {
    iv[0] = (int)n_done;
    gw_set_ints(o, 14 + f->n_extra, 1, iv, 0);
    seeds = gw_set_vector(o, 15 + f->n_extra, (size_t)ens, (size_t)ens,
                          "the seeds");
    for (k = 0; k < (size_t)ens; k++)
      seeds[k] = (double)rnn_member_seed(gw_seed(arg[7]), k);
  }
}
