## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} rnn_fit (@var{X}, @var{Y}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {@var{model} =} rnn_fit (@var{W}, @var{name}, @var{value}, @dots{})
## Fit a recurrent neural network (SimpleRNN, LSTM or GRU) by
## backpropagation through time.
##
## @var{X} is an array @strong{samples x timesteps x features} (a matrix is
## samples x timesteps of one feature), e.g. 500 windows of 30 days of 4
## prices is 500x30x4.  @var{Y} holds one target per sample: a vector, a
## samples x outputs matrix, or a samples x timesteps x outputs array for a
## many-to-many model; class labels (numbers or a cell of strings) for
## @code{'Loss', 'sparse_ce'}.  @var{W} may instead be the struct returned
## by @code{rnn_windows}: its training windows are fitted and the model
## keeps @code{prep} (meta, scaler, data), the scaled one-step
## @code{residuals} and @code{fitted_rows} as R does, for
## @code{rnn_forecast} and @code{rnn_accuracy}.
##
## Options (names are case-insensitive; defaults in brackets), the same as
## R's @code{rnn_fit()}:
##
## @table @asis
## @item @qcode{'Cell'}
## @qcode{'simple'}, @qcode{'lstm'} or @qcode{'gru'} [@qcode{'lstm'}]
## @item @qcode{'Units'}
## units per layer; a vector stacks layers, e.g. @code{[32 16]} [16]
## @item @qcode{'Activation'}
## SimpleRNN activation, @qcode{'tanh'} or @qcode{'relu'} [@qcode{'tanh'}]
## @item @qcode{'OutputActivation'}
## head activation [linear; sigmoid for bce, softmax for sparse_ce]
## @item @qcode{'Loss'}
## @qcode{'mse'}, @qcode{'mae'}, @qcode{'bce'} or @qcode{'sparse_ce'} [@qcode{'mse'}]
## @item @qcode{'Optimizer'}
## @qcode{'adam'}, @qcode{'rmsprop'} or @qcode{'sgd'} [@qcode{'adam'}]
## @item @qcode{'LearnRate'}
## learning rate [0.001; 0.01 for sgd]
## @item @qcode{'Momentum'}, @qcode{'Rho'}, @qcode{'Beta1'}, @qcode{'Beta2'}, @qcode{'Epsilon'}
## optimizer constants [0, 0.9, 0.9, 0.999, 1e-7]
## @item @qcode{'Epochs'}, @qcode{'BatchSize'}
## [100, 32]
## @item @qcode{'Validation'}
## a fraction of the samples taken from the end (never shuffled), or a
## struct with fields @code{x} and @code{y} [0]
## @item @qcode{'EarlyStopping'}
## false, true (patience 10) or a patience in epochs [false]
## @item @qcode{'MinDelta'}, @qcode{'RestoreBest'}
## early-stopping threshold and restoring the best weights [0, true]
## @item @qcode{'Shuffle'}
## shuffle the training samples every epoch [true]
## @item @qcode{'ReturnSequences'}
## train many-to-many: @var{Y} is samples x timesteps (x outputs); needed
## for one output, since Octave drops a trailing singleton dimension
## [true when @var{Y} is 3-d]
## @item @qcode{'Dropout'}
## dropout between layers while training [0]
## @item @qcode{'ClipNorm'}, @qcode{'ClipValue'}
## gradient clipping, [] for off [[], []]
## @item @qcode{'RecurrentInit'}
## @qcode{'orthogonal'} or @qcode{'identity'} (SimpleRNN) [@qcode{'orthogonal'}]
## @item @qcode{'Seed'}
## a whole number in 0..2^53 fixing every random number of the fit; the
## same seed gives bit for bit the same model as R's @code{rnn_fit(seed =)};
## [] draws it from @code{rand} [[]]
## @item @qcode{'Verbose'}
## print the loss after every epoch [true]
## @item @qcode{'Threads'}
## threads for the two halves of a batch; results do not depend on it [2]
## @end table
##
## Ctrl-C stops training after the current batch: @code{rnn_fit} warns
## (@qcode{"rnnkit:interrupted"}) and returns the model as it stood, with
## @code{status.interrupted} true, as R's @code{rnn_fit()} does.
##
## The model is a plain struct of numbers (fields @code{config},
## @code{params}, @code{loss}, @code{history}, @code{training},
## @code{status}, ...): Octave's @code{save}/@code{load} work on it, and
## @code{rnn_save} writes the portable file that R reads.
##
## @example
## s = sin (pi * 0.01 * (0:999));
## w = rnn_windows (s(:), "Window", 10);
## model = rnn_fit (w, "Cell", "gru", "Units", 10, "Epochs", 20, ...
##                  "Seed", 1, "Verbose", false);
## @end example
## @seealso{rnn_predict, rnn_windows, rnn_forecast, rnn_save}
## @end deftypefn

function model = rnn_fit (X, varargin)
  check_nargin ("rnn_fit", nargin, 1, Inf, ...
                "model = rnn_fit (X, Y, 'Name', value, ...) or rnn_fit (W, 'Name', value, ...)");
  windows = [];
  if (isstruct (X) && isfield (X, "x"))
    windows = check_windows (X, "W");
    Y = windows.y;
    X = windows.x;
    args = varargin;
    train_rows = true (rows (X), 1);
    if (isfield (windows, "index") && isfield (windows.index, "set"))
      ## windows from rnn_windows: fit the training windows only, as R
      train_rows = strcmp (windows.index.set, "train");
      if (! any (train_rows))
        error ("rnnkit:dim", "rnn_fit: the windows have no training window (index.set)");
      endif
      X = X(train_rows, :, :);
      Y = Y(train_rows, :);
    endif
    Xw = X;
    Yw = Y;
  else
    if (numel (varargin) < 1)
      error ("rnnkit:input", "rnn_fit: Y is missing: give one target per sample of X");
    endif
    Y = varargin{1};
    args = varargin(2:end);
  endif
  defaults = struct ("Cell", "lstm", "Units", 16, "Activation", "tanh", ...
                     "OutputActivation", [], "Loss", "mse", ...
                     "Optimizer", "adam", "LearnRate", [], "Epochs", 100, ...
                     "BatchSize", 32, "Validation", 0, "Shuffle", true, ...
                     "EarlyStopping", false, "MinDelta", 0, ...
                     "RestoreBest", true, "Dropout", 0, "ClipNorm", [], ...
                     "ClipValue", [], "Momentum", 0, "Rho", 0.9, ...
                     "Beta1", 0.9, "Beta2", 0.999, "Epsilon", 1e-7, ...
                     "RecurrentInit", "orthogonal", "Seed", [], ...
                     "Verbose", true, "Threads", 2, ...
                     "ReturnSequences", []);
  o = rnnkit_options (defaults, "rnn_fit", args);
  c = rnnkit_codes ();
  X = as_input_array (X, "X");
  d = [size(X, 1), size(X, 2), size(X, 3)];
  loss = check_choice (o.Loss, fieldnames (c.losses), "Loss");
  optimizer = check_choice (o.Optimizer, fieldnames (c.optimizers), "Optimizer");
  default_head = struct ("mse", "linear", "mae", "linear", "bce", "sigmoid", ...
                         "sparse_ce", "softmax");
  out_act = o.OutputActivation;
  if (isempty (out_act))
    out_act = default_head.(loss);
  endif
  out_act = check_choice (out_act, {"linear", "tanh", "sigmoid", "softmax"}, ...
                          "OutputActivation");
  lr = o.LearnRate;
  if (isempty (lr))
    lr = merge (strcmp (optimizer, "sgd"), 0.01, 0.001);
  endif
  lr = check_number (lr, "LearnRate", 0, Inf, true);
  epochs = check_count (o.Epochs, "Epochs", 1, 1e7);
  batch_size = check_count (o.BatchSize, "BatchSize", 1, 1e7);
  shuffle = check_flag (o.Shuffle, "Shuffle");
  restore_best = check_flag (o.RestoreBest, "RestoreBest");
  verbose = check_flag (o.Verbose, "Verbose");
  threads = check_count (o.Threads, "Threads", 1, 1024);
  min_delta = check_number (o.MinDelta, "MinDelta", 0);
  momentum = check_number (o.Momentum, "Momentum", 0, 1);
  rho = check_number (o.Rho, "Rho", 0, 1);
  beta1 = check_number (o.Beta1, "Beta1", 0, 1);
  beta2 = check_number (o.Beta2, "Beta2", 0, 1);
  epsilon = check_number (o.Epsilon, "Epsilon", 0, Inf, true);
  clipnorm = 0;
  clipvalue = 0;
  if (! isempty (o.ClipNorm))
    clipnorm = check_number (o.ClipNorm, "ClipNorm", 0, Inf, true);
  endif
  if (! isempty (o.ClipValue))
    clipvalue = check_number (o.ClipValue, "ClipValue", 0, Inf, true);
  endif
  es = o.EarlyStopping;
  if (islogical (es) && isscalar (es))
    patience = 10 * double (full (es));
  else
    patience = check_count (es, "EarlyStopping (true, false or a patience in epochs)", 1, 1e7);
  endif

  if (! isempty (o.ReturnSequences) && check_flag (o.ReturnSequences, "ReturnSequences"))
    if (! strcmp (loss, "sparse_ce") && ndims (Y) == 2)
      Y = reshape (Y, rows (Y), columns (Y), 1); # one output per step
      if (columns (Y) != d(2))
        error ("rnnkit:dim", ["'ReturnSequences' needs Y samples x timesteps " ...
               "(x outputs) with the %d timesteps of X, not %s"], d(2), describe (Y));
      endif
      seq_one = true;
    endif
  endif
  if (exist ("seq_one", "var"))
    tg = prepare_targets (Y, loss, d(1), d(2), {}, "Y", true);
  else
    tg = prepare_targets (Y, loss, d(1), d(2));
  endif
  if (any (strcmp (loss, {"bce", "sparse_ce"})) && ! strcmp (out_act, default_head.(loss)))
    error ("rnnkit:input", "'Loss' '%s' needs 'OutputActivation' '%s', not '%s'", ...
           loss, default_head.(loss), out_act);
  endif

  ## validation: a fraction from the end (before any shuffling), or x/y
  xval = [];
  yval = [];
  v = o.Validation;
  if (isstruct (v))
    if (! isscalar (v) || ! all (isfield (v, {"x", "y"})))
      error ("rnnkit:input", "'Validation' as a struct needs fields x and y, not %s", ...
             describe (v));
    endif
    xval = as_input_array (v.x, "Validation.x");
    if (size (xval, 3) != d(3) || size (xval, 2) != d(2))
      error ("rnnkit:dim", ["'Validation.x' is %s but X has %d timesteps of " ...
             "%d features"], describe (xval), d(2), d(3));
    endif
    tv = prepare_targets (v.y, loss, size (xval, 1), d(2), tg.classes, "Validation.y");
    yval = tv.y;
  else
    v = check_number (v, "Validation", 0, 0.9);
    n_val = floor (d(1) * v);
    if (v > 0 && (n_val < 1 || n_val >= d(1)))
      error ("rnnkit:dim", ["'Validation' %g of %d samples leaves %d for " ...
             "validation and %d for training; both need at least one"], ...
             v, d(1), n_val, d(1) - n_val);
    endif
    if (n_val > 0)
      iv = (d(1) - n_val + 1):d(1);
      it = 1:(d(1) - n_val);
      xval = X(iv, :, :);
      yval = take_rows (tg.y, iv);
      X = X(it, :, :);
      tg.y = take_rows (tg.y, it);
    endif
  endif

  config = model_config (o.Cell, o.Units, d(3), tg.n_out, o.Activation, ...
                         out_act, tg.seq_out, o.Dropout);
  init = check_choice (o.RecurrentInit, fieldnames (c.inits), "RecurrentInit");
  if (strcmp (init, "identity") && ! strcmp (config.cell, "simple"))
    error ("rnnkit:input", "'RecurrentInit' 'identity' is for 'Cell' 'simple' only");
  endif
  forecasting = ! isempty (windows) && all (isfield (windows, {"meta", "scaler", "data"}));
  if (forecasting && (config.seq_out || strcmp (loss, "sparse_ce")))
    error ("rnnkit:input", ["rnn_fit: windows from rnn_windows train a model that " ...
           "forecasts numbers, one row of targets per window: 'ReturnSequences' " ...
           "and 'Loss' 'sparse_ce' need X and Y arrays instead"]);
  endif
  seeds = core_seed (o.Seed);
  params = __rnnkit__ ("init", config, c.inits.(init), seeds);
  train_seed = [seeds(1), mod(seeds(2) + 1, 2^32)];
  train = struct ("loss_code", c.losses.(loss), ...
                  "optimizer_code", c.optimizers.(optimizer), "lr", lr, ...
                  "momentum", momentum, "rho", rho, "beta1", beta1, ...
                  "beta2", beta2, "epsilon", epsilon, ...
                  "clipnorm", clipnorm, "clipvalue", clipvalue, ...
                  "epochs", epochs, "batch_size", batch_size, ...
                  "shuffle", double (shuffle), "patience", patience, ...
                  "min_delta", min_delta, "restore_best", double (restore_best), ...
                  "threads", threads);
  res = __rnnkit__ ("train", config, train, params, X, tg.y, xval, yval, ...
                    train_seed, verbose);
  n = res.epochs_run;
  model = struct ();
  model.config = config;
  model.params = res.params;
  model.loss = loss;
  hist_val = NA (n, 1);
  if (! isempty (xval))
    hist_val = res.val_loss(1:n);
  endif
  model.history = struct ("epoch", (1:n)', "loss", res.loss(1:n), ...
                          "val_loss", hist_val);
  if (! isempty (tg.classes))
    model.classes = tg.classes;
  endif
  model.n_time = d(2);
  model.training = struct ("optimizer", optimizer, "n_train", size (X, 1), ...
                           "n_val", size (xval, 1), "lr", lr, ...
                           "epochs", train.epochs, ...
                           "batch_size", train.batch_size, ...
                           "patience", train.patience, ...
                           "clipnorm", clipnorm, "clipvalue", clipvalue, ...
                           "restored", res.restored);
  model.status = struct ("epochs_run", n, "best_epoch", res.best_epoch, ...
                         "stopped_early", res.stopped_early, ...
                         "interrupted", res.interrupted, ...
                         "diverged", res.diverged);
  model.version = rnnkit_version ();
  if (! isempty (windows) && isfield (windows, "meta"))
    if (forecasting)
      ## as R's rnn_fit.rnnkit_windows: what forecasting and accuracy in
      ## original units need, and the scaled one-step residuals of the
      ## training windows that prediction intervals bootstrap
      model.prep = struct ("meta", windows.meta, "scaler", windows.scaler, ...
                           "data", windows.data);
      model.n_time = windows.meta.window;
      yhat = __rnnkit__ ("predict", config, model.params, as_input_array (Xw, "X"));
      model.residuals = reshape (Yw, rows (Yw), []) - yhat;
      model.fitted_rows = windows.index.target_row(train_rows);
    else
      model.windows = windows.meta;
    endif
  endif
  if (res.diverged > 0)
    warning ("rnnkit:diverged", "%s", res.message);
  endif
  if (res.interrupted)
    warning ("rnnkit:interrupted", ["rnn_fit: training interrupted (Ctrl-C) " ...
             "after %d complete epoch(s); returning the model as it stood"], n);
  endif
endfunction

function y = take_rows (y, idx)
  if (ndims (y) == 3)
    y = y(idx, :, :);
  else
    y = y(idx, :);
  endif
endfunction


%!shared X, Y
%! s = sin (pi * 0.02 * (0:119))';
%! X = zeros (110, 10);
%! for k = 1:110
%!   X(k, :) = s(k:k+9);
%! endfor
%! Y = s(11:120);

%!test
%! m = rnn_fit (X, Y, "Cell", "gru", "Units", 4, "Epochs", 3, ...
%!              "BatchSize", 16, "Seed", 1, "Verbose", false);
%! assert (numel (m.params), 3*4*(1+4+1) + 3*4 + 4 + 1);
%! assert (size (m.history.loss), [3, 1]);
%! assert (all (isfinite (m.history.loss)));
%! assert (m.status.epochs_run, 3);

## the same seed gives the same bits; another seed differs
%!test
%! a = rnn_fit (X, Y, "Units", [4 3], "Epochs", 2, "Seed", 7, "Verbose", false);
%! b = rnn_fit (X, Y, "Units", [4 3], "Epochs", 2, "Seed", 7, "Verbose", false);
%! c = rnn_fit (X, Y, "Units", [4 3], "Epochs", 2, "Seed", 8, "Verbose", false);
%! assert (isequal (a.params, b.params));
%! assert (isequal (a.history.loss, b.history.loss));
%! assert (! isequal (a.params, c.params));

## results do not depend on the number of threads
%!test
%! a = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", 2, "Threads", 1, "Verbose", false);
%! b = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", 2, "Threads", 2, "Verbose", false);
%! assert (isequal (a.params, b.params));

## validation from the end, early stopping with restore-best
%!test
%! m = rnn_fit (X, Y, "Cell", "simple", "Units", 3, "Epochs", 50, ...
%!              "Validation", 0.25, "EarlyStopping", 2, "LearnRate", 0.5, ...
%!              "Optimizer", "sgd", "Seed", 3, "Verbose", false);
%! assert (m.training.n_val, 27);
%! assert (m.training.n_train, 83);
%! assert (all (isfinite (m.history.val_loss)));
%! assert (m.status.epochs_run <= 50);

## the sine example learns
%!test
%! m = rnn_fit (X, Y, "Cell", "gru", "Units", 8, "Epochs", 60, ...
%!              "BatchSize", 16, "LearnRate", 0.01, "Seed", 1, "Verbose", false);
%! assert (m.history.loss(end) < 0.01);
%! assert (m.history.loss(end) < m.history.loss(1) / 10);

## a classifier with string labels
%!test
%! lab = repmat ({"low"}, 110, 1);
%! lab(Y > 0) = {"high"};
%! m = rnn_fit (X, lab, "Loss", "sparse_ce", "Units", 6, "Epochs", 40, ...
%!              "LearnRate", 0.02, "Seed", 1, "Verbose", false);
%! assert (m.classes, {"high"; "low"});
%! p = rnn_predict (m, X, "Type", "class");
%! assert (mean (strcmp (p, lab)) > 0.9);

## options: rmsprop, clipping, dropout, stacked layers, mae, many-to-many
%!test
%! m = rnn_fit (X, X, "ReturnSequences", true, "Loss", "mae", "Optimizer", "rmsprop", ...
%!              "ClipNorm", 1, "ClipValue", 0.5, "Dropout", 0.2, ...
%!              "Units", [5 4], "Epochs", 2, "Seed", 1, "Verbose", false);
%! assert (m.config.seq_out, 1);
%! assert (size (rnn_predict (m, X)), [110, 10]);

## the progress line
%!test
%! out = evalc ('rnn_fit (X, Y, "Units", 2, "Epochs", 2, "Seed", 1);');
%! assert (! isempty (strfind (out, "Epoch 2/2  loss: ")));

%!error <Y is missing> rnn_fit (ones (3, 4))
%!error <did you mean 'Epochs'> rnn_fit (ones (3, 4), ones (3, 1), "Epoch", 3)
%!error <rnn_fit: unknown option> rnn_fit (ones (3, 4), ones (3, 1), "Zzzzzzzz", 3)
%!error <samples x timesteps x features> rnn_fit ({1}, 1)
%!error <'Cell' must be one of> rnn_fit (ones (3, 4), ones (3, 1), "Cell", "lstn", "Verbose", false)
%!error <'Units' must be positive> rnn_fit (ones (3, 4), ones (3, 1), "Units", 0)
%!error <limit is 100,000> rnn_fit (ones (3, 4), ones (3, 1), "Units", 1e9)
%!error <'Epochs' must be a whole number> rnn_fit (ones (3, 4), ones (3, 1), "Epochs", 1.5)
%!error <contains NaN> rnn_fit ([1 NaN; 3 4], [1; 2])
%!error <2 rows but X has 3 samples> rnn_fit (ones (3, 4), ones (2, 3))
%!error <both need at least one> rnn_fit (ones (3, 4), ones (3, 1), "Validation", 0.1)
%!error <needs 'OutputActivation' 'sigmoid'> rnn_fit (ones (3, 4), ones (3, 1), "Loss", "bce", "OutputActivation", "linear")
%!error <identity> rnn_fit (ones (3, 4), ones (3, 1), "RecurrentInit", "identity")
%!error <'Seed' must be a whole number> rnn_fit (ones (3, 4), ones (3, 1), "Seed", -1)
%!error id=rnnkit:input rnn_fit (ones (3, 4), ones (3, 1), "LearnRate", 0)
%!error id=rnnkit:dim rnn_fit (ones (3, 4, 2, 2), ones (3, 1))
%!error id=rnnkit:size rnn_fit (ones (3, 4), ones (3, 1), "Units", 2e5)

## windows from rnn_windows: fit the training windows, keep prep and the
## scaled one-step residuals as R does; the model file carries them
%!test
%! s = sin (pi * 0.05 * (0:79))';
%! w = rnn_windows (s, "Window", 6, "Test", 10);
%! m = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! assert (m.training.n_train, 64);
%! assert (size (m.residuals), [64, 1]);
%! assert (m.fitted_rows, w.index.target_row(1:64));
%! assert (m.residuals, w.y(1:64) - rnn_predict (m, w.x(1:64, :)), 1e-15);
%! assert (m.prep.scaler, w.scaler);
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   m2 = rnn_load (f);
%!   assert (m2.residuals, m.residuals);
%!   assert (cellstr (m2.prep.meta.features), {"value"});
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect
