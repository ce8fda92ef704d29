## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{model} =} rnn_fit (@var{X}, @var{Y}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {@var{model} =} rnn_fit (@var{W}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {@var{model} =} rnn_fit (@var{D}, @var{name}, @var{value}, @dots{})
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
## Panel windows (@code{rnn_windows (data, 'Key', k, @dots{})}, issue 16)
## train one global model on the windows of all series, each scaled on its
## own training rows; the training windows are taken in time order (steps
## from the end of their series, then key), as R, so a validation fraction
## holds every series' latest windows, and shuffled batches mix series.
## The model keeps the key, the keys and every series' scaler and data:
## @code{rnn_predict}, @code{rnn_accuracy} and @code{rnn_forecast} answer
## per key.  A panel of one series is the plain workflow, bit for bit.
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
## @item @qcode{'LearnRateSchedule'}
## @qcode{'none'} or @qcode{'piecewise'} (as MATLAB's trainingOptions):
## epoch @math{e = 0, 1, @dots{}} of this call trains at
## @code{LearnRate * LearnRateDropFactor ^ floor (e / LearnRateDropPeriod)}
## for every optimizer and every member of an ensemble; the history then has
## a field @code{lr}, the rate of every epoch [@qcode{'none'}]
## @item @qcode{'LearnRateDropFactor'}, @qcode{'LearnRateDropPeriod'}
## the factor, in (0, 1], and the period, a whole number of epochs, of the
## @qcode{'piecewise'} schedule [0.1, 10]
## @item @qcode{'Momentum'}, @qcode{'Rho'}, @qcode{'Beta1'}, @qcode{'Beta2'}, @qcode{'Epsilon'}
## optimizer constants [0, 0.9, 0.9, 0.999, 1e-7]
## @item @qcode{'Epochs'}, @qcode{'BatchSize'}
## [100, 32]
## @item @qcode{'Validation'}
## a fraction of the samples taken from the end (never shuffled), or the
## validation data: a struct with fields @code{x} and @code{y}, or a cell
## @code{@{Xv, Yv@}}; @code{x} may be an array or compact windows
## (@code{W.x} of @code{rnn_windows (@dots{}, 'Store', 'series')}), as
## @var{X} may [0]
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
## show progress: one line with the epoch, the loss (and validation loss),
## the time elapsed and the estimated time left, redrawn in place on a
## terminal; where the output is not a terminal (a log, the GUI) a line
## for the first epoch, every tenth of the training and the last.
## @qcode{"terminal"} or @qcode{"log"} choose either; false shows nothing
## [true]
## @item @qcode{'Plots'}
## @qcode{"training-progress"} draws the loss curves (training, and
## validation where measured) in a figure as training runs, as MATLAB's
## @code{trainingOptions} does; where no graphics toolkit is available it
## prints a note and trains on; @code{rnn_plot (model)} draws them after
## training [@qcode{"none"}]
## @item @qcode{'Threads'}
## threads for the two halves of a batch; results do not depend on it [2]
## @item @qcode{'Precision'}
## @qcode{"single"}: the core trains (and the model then predicts,
## forecasts and steps) in float32 arithmetic, as PyTorch does by default;
## the model keeps its weights as doubles (floats widened), its file and
## R's model are unchanged but for @code{config.precision} = 1.  A model
## given with @qcode{'Model'} keeps its precision [@qcode{"double"}]
## @item @qcode{'Embedding'}
## @code{[n_vocab dim]}: token input through an embedding layer of
## @var{n_vocab} token indices (including padding 0;
## @code{rnn_vocab_size} of a tokenizer) mapped to @var{dim}-wide vectors.
## @var{X} is then a samples x timesteps matrix of whole numbers
## 0..@var{n_vocab}-1 (@code{rnn_pad_sequences} makes one); token 0 is
## padding, masked as Keras' @code{mask_zero}: the layers keep their state
## across a padded step and a many-to-many loss leaves it out [[]]
## @item @qcode{'SeriesEmbedding'}
## issue 16: a learned vector of this width per series of panel windows
## (@code{rnn_windows (..., 'Key', ...)}), fed with the other features to
## every step of the first layer (the key's index is appended to the
## windows as the last feature); for an array @var{X}, @code{[n_series
## dim]} with the series index 0..@var{n_series}-1 as the last feature of
## @var{X} (-1: a series not seen in training, which reads the mean
## embedding).  The model file keeps it (R's @code{series_embedding}) [[]]
## @item @qcode{'Stateful'}
## truncated backpropagation through time over long streams: sample
## c*B + b (B = @qcode{'BatchSize'}) is chunk c of stream b, the batches
## are taken in order (no shuffling) and the recurrent state is carried
## from batch to batch; the number of samples (and of validation samples)
## must be a multiple of B and @qcode{'Validation'} a struct, as
## @code{rnn_text_data} arranges text [false]
## @item @qcode{'Classes'}
## the class labels of @qcode{'sparse_ce'} in output order (a cell of
## strings, or numbers), e.g. @code{0:4} for tokens 0..4; by default the
## sorted distinct labels of @var{Y} [[]]
## @item @qcode{'Checkpoint'}, @qcode{'CheckpointEvery'}
## save the model with @code{rnn_save} to this file after every k-th
## epoch (its weights, history and @code{status.checkpoint} so far); if
## saving fails (a full disk: see @code{rnn_save}), training stops after
## that epoch with a warning @qcode{"rnnkit:checkpoint"} that says why,
## the file keeps the previous checkpoint and the model is returned, as
## in R [[], 1]
## @item @qcode{'Padding'}
## sequences of unequal length, padded to the length of @var{X} (as
## @code{trainNetwork} pads them): a struct with @code{lengths} (one per
## sample), optionally @code{val_lengths} (of @qcode{'Validation'}),
## @code{length} (@qcode{"longest"}, @qcode{"shortest"} or a number of
## steps S) and @code{left} (true: padded before the steps).  The core
## cuts each batch to its longest (or shortest) sequence's steps, trains
## chunks of S steps with the state carried, and leaves padded steps out
## of a per-step loss (see @code{trainingOptions}) [[]]
## @item @qcode{'Model'}
## continue training this model (from @code{rnn_fit} or @code{rnn_load},
## e.g. a checkpoint): its architecture, weights and classes are kept and
## the history starts anew; a series embedding too: on panel windows of
## the model's keys each key's vector is read and trained, without
## @qcode{'SeriesEmbedding'} (as R's @code{rnn_fit(w, model = )}).  The
## optimizer's moments start anew, so with Adam continuing k epochs is
## not fitting them in one go; with plain SGD and 'Shuffle' false it is
## [[]]
## @item @qcode{'Ensemble'}
## the number of networks k to train [1].  The C core trains k members of
## the same architecture, one after the other: member 1 from 'Seed'
## itself (so it is the single fit), member j > 1 from the splitmix64
## output of 'Seed' + j - 1 shifted right by 11 bits (kept in
## @code{model.ensemble.seeds}; fitting with that seed alone gives the
## member).  @code{model.params} is then n_params x k, @code{history} and
## @code{status} are member 1's, and @code{model.ensemble} holds @code{k},
## @code{seeds}, every member's @code{loss} and @code{val_loss} (epochs x
## k) and @code{epochs_run}.  @code{rnn_predict}, @code{rnn_accuracy} and
## the point forecast of @code{rnn_forecast} give the members' mean (from
## the core, the same bits as R's @code{rnn_fit(ensemble = k)}); each
## simulated path draws a member, then residuals.  With 'Model',
## 'Stateful' (text data) or 'Checkpoint' it is an error
## @qcode{rnnkit:input}
## @end table
##
## Ctrl-C stops training after the current batch: @code{rnn_fit} warns
## (@qcode{"rnnkit:interrupted"}) and returns the model as it stood, with
## @code{status.interrupted} true, as R's @code{rnn_fit()} does.  A Ctrl-C
## while a @qcode{'Checkpoint'} is being written stops training after that
## epoch in the same way; that save is abandoned and the file keeps the
## previous checkpoint (the warning says so).
##
## For the classifier losses @qcode{'bce'} and @qcode{'sparse_ce'} the
## history also holds the accuracy per epoch, @code{acc} and
## @code{val_acc} (outputs on the target's side of 0.5; the arg-max equal
## to the label, over unmasked steps).
##
## With the struct @var{D} from @code{rnn_text_data}, fit a character (or
## word) language model as R's @code{rnn_fit()} on text data: an
## embedding of @qcode{'EmbedDim'} [32] per token, @qcode{'Units'} [128]
## and @qcode{'Cell'} [@qcode{'lstm'}], a softmax over the vocabulary at
## every step (@qcode{'sparse_ce'}, classes 0..V-1), trained statefully in
## @var{D}'s streams with @qcode{'LearnRate'} 0.002 and @qcode{'ClipNorm'} 5
## by default for @qcode{'Epochs'} [10].  @var{D} fixes the batch size and
## the validation data.  The model keeps the tokenizer, so
## @code{rnn_generate} writes text from it.
##
## The model is an @code{rnnkit_object}: typing its name shows a short
## summary (@code{rnn_summary}); its fields (@code{config}, @code{params},
## @code{loss}, @code{history}, @code{training}, @code{status}, ...) read
## as a struct's (@code{model.history.loss(end)}) and @code{struct (model)}
## is the plain struct of numbers.  Octave's @code{save}/@code{load} work
## on it, and @code{rnn_save} writes the portable file that R reads.
##
## @example
## s = sin (pi * 0.01 * (0:999));
## w = rnn_windows (s(:), "Window", 10);
## model = rnn_fit (w, "Cell", "gru", "Units", 10, "Epochs", 20, ...
##                  "Seed", 1, "Verbose", false);
## @end example
## @seealso{rnn_predict, rnn_windows, rnn_forecast, rnn_save, rnn_text_data, rnn_generate, rnn_pad_sequences}
## @end deftypefn

function model = rnn_fit (X, varargin)
  check_nargin ("rnn_fit", nargin, 1, Inf, ...
                "model = rnn_fit (X, Y, 'Name', value, ...) or rnn_fit (W, 'Name', value, ...)");
  windows = [];
  X = plain (X);
  varargin = cellfun (@plain, varargin, "UniformOutput", false);
  if (isstruct (X) && all (isfield (X, {"x", "tokenizer", "seq_len"})))
    model = wrap (fit_text_data (X, varargin{:}), "model"); # from rnn_text_data
    return;
  endif
  if (isstruct (X) && isfield (X, "x"))
    windows = check_windows (X, "W");
    Y = windows.y;
    X = windows.x;
    args = varargin;
    train_rows = true (rows (Y), 1);
    if (isfield (windows, "index") && isfield (windows.index, "set"))
      ## windows from rnn_windows: fit the training windows only, as R
      train_rows = strcmp (windows.index.set, "train");
      if (! any (train_rows))
        error ("rnnkit:dim", "rnn_fit: the windows have no training window (index.set)");
      endif
      if (isfield (windows.meta, "keys"))
        ## issue 16: the panel's windows in time order (steps from the end
        ## of their series, then key), as R, so that a validation fraction
        ## taken from the end holds every series' latest windows
        ser = windows.data.series;
        if (isstruct (ser))
          ser = struct2cell (ser);
        endif
        [~, ki] = ismember (windows.index.key, windows.meta.keys);
        ends = cellfun (@(d) rows (d.values), ser(:));
        tr = find (train_rows);
        [~, o] = sortrows ([windows.index.target_row(tr) - ends(ki(tr)), ki(tr)]);
        train_rows = tr(o);
      endif
      X = take_windows (X, train_rows);
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
  valhelp = ["'Validation' is a fraction of the samples, taken from the " ...
             "end (e.g. 0.2), a struct with fields x and y, or a cell {Xv, Yv}"];
  c = __rnnkit__ ("schema");
  df = c.defaults; # the core's training defaults, the same as R's
  defaults = struct ("Cell", "lstm", "Units", df.units, "Activation", "tanh", ...
                     "OutputActivation", [], "Loss", "mse", ...
                     "Optimizer", "adam", "LearnRate", [], "Epochs", df.epochs, ...
                     "BatchSize", df.batch_size, "Validation", df.validation, ...
                     "Shuffle", true, "EarlyStopping", false, ...
                     "MinDelta", df.min_delta, "RestoreBest", true, ...
                     "Dropout", df.dropout, "ClipNorm", [], "ClipValue", [], ...
                     "Momentum", df.momentum, "Rho", df.rho, "Beta1", df.beta1, ...
                     "Beta2", df.beta2, "Epsilon", df.epsilon, ...
                     "RecurrentInit", "orthogonal", "Seed", [], ...
                     "Verbose", true, "Plots", "none", "Threads", df.threads, ...
                     "ReturnSequences", [], "Embedding", [], ...
                     "Stateful", false, "Classes", [], "Checkpoint", [], ...
                     "CheckpointEvery", df.checkpoint_every, "Model", [], ...
                     "Ensemble", 1, "Padding", [], "SeriesEmbedding", [], ...
                     "Precision", [], "LearnRateSchedule", "none", ...
                     "LearnRateDropFactor", 0.1, "LearnRateDropPeriod", 10);
  if (isempty (windows) && ischar (Y) && rows (Y) == 1 ...
      && any (strcmpi (Y, fieldnames (defaults))))
    error ("rnnkit:input", ["rnn_fit: Y is missing: '%s' is an option; give one " ...
           "target per sample of X first, rnn_fit (X, Y, '%s', ...), or fit " ...
           "the struct of rnn_windows, rnn_fit (W, '%s', ...)"], Y, Y, Y);
  endif
  o = rnnkit_options (defaults, "rnn_fit", args);
  if (iscell (o.Validation))
    ## {Xv, Yv}, as MATLAB's trainNetwork takes validation data
    v = o.Validation;
    if (numel (v) != 2)
      error ("rnnkit:input", "%s; a cell must hold 2 arrays {Xv, Yv}, not %s", ...
             valhelp, describe (v));
    endif
    o.Validation = struct ("x", {v{1}}, "y", {v{2}});
  endif
  if (isempty (windows) && isstruct (X))
    ## compact windows given as X (W.x of rnn_windows (..., 'Store',
    ## 'series')), as R's rnn_fit (w$x, w$y) takes them
    X = compact_windows ("check", X, "'X'");
  elseif (isempty (windows) || ! isstruct (X))  # compact windows (issue 16): check_windows
    X = as_input_array (X, "X");
  endif
  if (isempty (windows))
    train_rows = []; Xw = [];
  endif
  ## issue 16: the series embedding; the core checks the index column
  [X, Xw, semb] = series_embedding_input (o.SeriesEmbedding, X, Xw, windows, train_rows, ...
                                          plain (o.Model));
  d = window_dims (X);
  seq = sequence_options (o, X, d);
  loss = check_choice (o.Loss, fieldnames (c.loss), "Loss");
  optimizer = check_choice (o.Optimizer, fieldnames (c.optimizer), "Optimizer");
  default_head = c.head;
  out_act = o.OutputActivation;
  if (isempty (out_act))
    out_act = default_head.(loss);
  endif
  out_act = check_choice (out_act, {"linear", "tanh", "sigmoid", "softmax"}, ...
                          "OutputActivation");
  lr = o.LearnRate;
  if (isempty (lr))
    lr = c.defaults.(merge (strcmp (optimizer, "sgd"), "lr_sgd", "lr"));
  endif
  lr = check_number (lr, "LearnRate", 0, Inf, true);
  ## the learning-rate schedule (MATLAB's 'piecewise'), names from the core
  lr_schedule = check_choice (o.LearnRateSchedule, fieldnames (c.lr_schedule), ...
                              "LearnRateSchedule");
  lr_drop_factor = check_number (o.LearnRateDropFactor, "LearnRateDropFactor", 0, 1, true);
  lr_drop_period = check_count (o.LearnRateDropPeriod, "LearnRateDropPeriod", 1, 1e7);
  epochs = check_count (o.Epochs, "Epochs", 1, 1e7);
  batch_size = check_count (o.BatchSize, "BatchSize", 1, 1e7);
  shuffle = check_flag (o.Shuffle, "Shuffle");
  restore_best = check_flag (o.RestoreBest, "RestoreBest");
  verbose = progress_mode (o.Verbose);
  plots = check_choice (o.Plots, {"none", "training-progress"}, "Plots");
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
    patience = c.defaults.patience * double (full (es));
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
    tg = prepare_targets (Y, loss, d(1), d(2), seq.classes, "Y", true);
  else
    tg = prepare_targets (Y, loss, d(1), d(2), seq.classes);
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
      error ("rnnkit:input", "%s; as a struct it needs fields x and y, not %s", ...
             valhelp, describe (v));
    endif
    if (isstruct (v.x))
      ## compact windows ('Store' 'series', e.g. another series cut by
      ## rnn_windows), gathered by the core as the training windows, as R
      xval = compact_windows ("check", v.x, "'Validation.x'");
      dv = compact_windows ("dims", xval);
      what = sprintf ("%d x %d x %d compact windows", dv);
    else
      xval = as_input_array (v.x, "Validation.x");
      dv = [size(xval, 1), size(xval, 2), size(xval, 3)];
      what = describe (xval);
    endif
    if (dv(3) != d(3) || dv(2) != d(2))
      error ("rnnkit:dim", ["'Validation.x' is %s but X has %d timesteps of " ...
             "%d features"], what, d(2), d(3));
    endif
    tv = prepare_targets (v.y, loss, dv(1), d(2), tg.classes, "Validation.y");
    yval = tv.y;
  else
    if (! ((isnumeric (v) || islogical (v)) && isreal (v) && isscalar (v) ...
           && isfinite (v) && v >= 0 && v <= 0.9))
      error ("rnnkit:input", "%s, not %s", valhelp, describe (v));
    endif
    v = full (double (v));
    n_val = floor (d(1) * v);
    if (v > 0 && (n_val < 1 || n_val >= d(1)))
      error ("rnnkit:dim", ["'Validation' %g of %d samples leaves %d for " ...
             "validation and %d for training; both need at least one"], ...
             v, d(1), n_val, d(1) - n_val);
    endif
    if (n_val > 0)
      iv = (d(1) - n_val + 1):d(1);
      it = 1:(d(1) - n_val);
      xval = take_windows (X, iv);
      yval = take_rows (tg.y, iv);
      if (! isempty (o.Padding)) # issue 18: the lengths split as X
        o.Padding.val_lengths = o.Padding.lengths(iv);
        o.Padding.lengths = o.Padding.lengths(it);
      endif
      X = take_windows (X, it);
      tg.y = take_rows (tg.y, it);
    endif
  endif
  if (seq.emb(1) > 0 && ! isempty (xval))
    check_tokens (xval, seq.emb(1), "Validation.x");
  endif
  if (seq.stateful && mod (window_dims (xval)(1), o.BatchSize) != 0)
    error ("rnnkit:dim", ["stateful validation data are read as 'BatchSize' " ...
           "%d streams too, so 'Validation.x' needs a multiple of %d samples, " ...
           "not %d"], o.BatchSize, o.BatchSize, window_dims (xval)(1));
  endif

  config = model_config (o.Cell, o.Units, d(3), tg.n_out, o.Activation, ...
                         out_act, tg.seq_out, o.Dropout, seq.emb, semb);
  if (! isempty (seq.model))
    ## continue training: the architecture is the model's own
    mc = seq.model.config;
    if (mc.n_in != d(3) || mc.n_out != tg.n_out || mc.seq_out != tg.seq_out)
      error ("rnnkit:dim", ["'Model' takes %d feature(s) and gives %d output(s)%s; " ...
             "the data have %d and %d%s"], mc.n_in, mc.n_out, ...
             merge (mc.seq_out, " per step", ""), d(3), tg.n_out, ...
             merge (tg.seq_out, " per step", ""));
    endif
    config = mc;
  endif
  ## issue 19: the core computes in float for 'Precision' "single"; only
  ## such models carry the field (a model to continue keeps its own)
  prec = o.Precision;
  if (isempty (prec))
    prec = merge (isfield (config, "precision") && config.precision == 1, ...
                  "single", "double");
  endif
  prec = check_choice (prec, {"double", "single"}, "Precision");
  if (strcmp (prec, "single"))
    config.precision = 1;
  elseif (isfield (config, "precision"))
    config = rmfield (config, "precision");
  endif
  ## what the model will hold besides its weights and histories, for the
  ## checkpoints written during training and for the result
  base = struct ("config", config, "params", [], "loss", loss, "history", []);
  if (! isempty (tg.classes))
    base.classes = tg.classes;
  endif
  base.n_time = d(2);
  base.training = struct ("optimizer", optimizer, "n_train", window_dims (X)(1), ...
                          "n_val", merge (isempty (xval), 0, window_dims (xval)(1)), "lr", lr, ...
                          "epochs", epochs, "batch_size", batch_size, ...
                          "patience", patience, ...
                          "clipnorm", clipnorm, "clipvalue", clipvalue);
  if (seq.stateful)
    base.training.stateful = true;
  endif
  if (! strcmp (lr_schedule, "none"))
    base.training.lr_schedule = lr_schedule;
    base.training.lr_drop_factor = lr_drop_factor;
    base.training.lr_drop_period = lr_drop_period;
  endif
  checkpoint = [];
  if (! isempty (seq.checkpoint))
    checkpoint = @(epoch, p, l, vl, a, va, lr) save_checkpoint (seq.checkpoint, ...
                   base, ! isempty (xval), epoch, p, l, vl, a, va, lr);
  endif
  init = check_choice (o.RecurrentInit, fieldnames (c.init), "RecurrentInit");
  if (strcmp (init, "identity") && ! strcmp (config.cell, "simple"))
    error ("rnnkit:input", "'RecurrentInit' 'identity' is for 'Cell' 'simple' only");
  endif
  forecasting = ! isempty (windows) && all (isfield (windows, {"meta", "scaler", "data"}));
  if (forecasting && (config.seq_out || strcmp (loss, "sparse_ce")))
    error ("rnnkit:input", ["rnn_fit: windows from rnn_windows train a model that " ...
           "forecasts numbers, one row of targets per window: 'ReturnSequences' " ...
           "and 'Loss' 'sparse_ce' need X and Y arrays instead"]);
  endif
  ## ---- ensemble (issue 15): k members trained by the core from seeds
  ## derived from 'Seed' (member 1 uses 'Seed' itself)
  ens = check_count (o.Ensemble, "Ensemble", 1, 1e4);
  if (ens > 1)
    why = "";
    if (! isempty (seq.model))
      why = "continue training 'Model' (fit a new ensemble instead)";
    elseif (seq.stateful)
      why = "train statefully (text data from rnn_text_data is read as one stream)";
    elseif (! isempty (seq.checkpoint))
      why = "save checkpoints (drop 'Checkpoint')";
    endif
    if (! isempty (why))
      error ("rnnkit:input", ["rnn_fit: 'Ensemble' %d trains new members from " ...
             "derived seeds; it cannot %s. Use 'Ensemble' 1 for that"], ens, why);
    endif
    if (isempty (o.Seed))
      ## a whole-number seed, so that every member's seed refits that member
      o.Seed = floor (rand () * 2^31);
    endif
  endif
  ## ---- end ensemble
  seeds = core_seed (o.Seed);
  params = __rnnkit__ ("init", config, c.init.(init), seeds);
  if (! isempty (seq.model))
    params = seq.model.params(:);
  endif
  train_seed = [seeds(1), mod(seeds(2) + 1, 2^32)];
  train = struct ("stateful", double (seq.stateful), "checkpoint", checkpoint, ...
                  "checkpoint_every", seq.every, "loss_code", c.loss.(loss), ...
                  "optimizer_code", c.optimizer.(optimizer), "lr", lr, ...
                  "momentum", momentum, "rho", rho, "beta1", beta1, ...
                  "beta2", beta2, "epsilon", epsilon, ...
                  "clipnorm", clipnorm, "clipvalue", clipvalue, ...
                  "epochs", epochs, "batch_size", batch_size, ...
                  "shuffle", double (shuffle), "patience", patience, ...
                  "min_delta", min_delta, "restore_best", double (restore_best), ...
                  "threads", threads, ...
                  "lr_schedule", c.lr_schedule.(lr_schedule), ...
                  "lr_drop_factor", lr_drop_factor, "lr_drop_period", lr_drop_period);
  if (ens > 1) # ensemble (issue 15): the core initialises every member
    train.ensemble = ens;
    train.recurrent_init = c.init.(init);
    train_seed = seeds;
  endif
  if (! isempty (o.Padding)) # issue 18: sequences of unequal length
    pad = o.Padding;
    if (! (isstruct (pad) && isscalar (pad) && all (isfield (pad, {"lengths", "length", "left"}))))
      error ("rnnkit:input", ["'Padding' must be a struct with fields lengths, " ...
             "length and left, not %s"], describe (pad));
    endif
    train.lengths = full (double (pad.lengths(:)));
    train.val_lengths = [];
    if (isfield (pad, "val_lengths"))
      train.val_lengths = full (double (pad.val_lengths(:)));
    endif
    train.seq_length = merge (ischar (pad.length), ...
                              - strcmp (pad.length, "shortest"), pad.length);
    train.pad_left = double (logical (pad.left));
  endif
  if (strcmp (plots, "training-progress"))
    train.plot = progress_plot (loss, ! isempty (xval), epochs);
  endif
  res = __rnnkit__ ("train", config, train, params, X, tg.y, xval, yval, ...
                    train_seed, verbose);
  if (isfield (train, "plot") && ! isempty (train.plot))
    ## the curves in full (the last redraw may have been skipped)
    n1 = res.epochs_run(1);
    train.plot (n1, 1, res.loss(1:n1, 1), res.val_loss(1:n1, 1));
  endif
  if (ens > 1) # ensemble (issue 15): member 1's history and status
    k = res.members_run;
    ensemble = struct ("k", k, "seeds", res.seeds(1:k), ...
                       "loss", res.loss(:, 1:k), "val_loss", res.val_loss(:, 1:k), ...
                       "epochs_run", res.epochs_run);
    res.params = res.params(:, 1:k);
    res.loss = res.loss(:, 1);
    res.val_loss = res.val_loss(:, 1);
    res.acc = res.acc(:, 1);
    res.val_acc = res.val_acc(:, 1);
    res.lr = res.lr(:, 1);
    res.interrupted = any (res.interrupted);
    res.diverged = res.diverged(1);
    for f = {"epochs_run", "best_epoch", "stopped_early", "restored"}
      res.(f{1}) = res.(f{1})(1);
    endfor
  endif
  n = res.epochs_run;
  model = struct ();
  model.config = config;
  model.params = res.params;
  model.loss = loss;
  model.history = fit_history (loss, ! isempty (xval), n, res.loss, ...
                               res.val_loss, res.acc, res.val_acc);
  if (! strcmp (lr_schedule, "none")) # the rate of every epoch, from the core
    model.history.lr = res.lr(1:n);
  endif
  if (! isempty (tg.classes))
    model.classes = tg.classes;
  endif
  model.n_time = d(2);
  model.training = base.training;
  model.training.restored = res.restored;
  model.status = struct ("epochs_run", n, "best_epoch", res.best_epoch, ...
                         "stopped_early", res.stopped_early, ...
                         "interrupted", res.interrupted, ...
                         "diverged", res.diverged);
  model.version = rnnkit_version ();
  if (ens > 1)
    model.ensemble = ensemble; # issue 15
  endif
  if (! isempty (windows) && isfield (windows, "meta"))
    if (forecasting)
      ## as R's rnn_fit.rnnkit_windows: what forecasting and accuracy in
      ## original units need, and the scaled one-step residuals of the
      ## training windows that prediction intervals bootstrap
      model.prep = struct ("meta", windows.meta, "scaler", windows.scaler, ...
                           "data", windows.data);
      model.n_time = windows.meta.window;
      if (! isstruct (Xw))
        Xw = as_input_array (Xw, "X");
      endif
      yhat = __rnnkit__ ("predict", config, model.params, Xw);
      model.residuals = reshape (Yw, rows (Yw), []) - yhat;
      model.fitted_rows = windows.index.target_row(train_rows);
    else
      model.windows = windows.meta;
    endif
  endif
  if (res.diverged > 0)
    warning ("rnnkit:diverged", "%s", res.message);
  endif
  if (res.ctrl_c && res.checkpoint_ctrl_c > 0)
    warning ("rnnkit:interrupted", ["rnn_fit: training interrupted (Ctrl-C) " ...
             "after %d complete epoch(s); returning the model as it stood " ...
             "(the Ctrl-C came while the checkpoint of epoch %d was being " ...
             "saved; %s)"], n, res.checkpoint_ctrl_c, ...
             checkpoint_holds (seq.checkpoint));
  elseif (res.ctrl_c)
    warning ("rnnkit:interrupted", ["rnn_fit: training interrupted (Ctrl-C) " ...
             "after %d complete epoch(s); returning the model as it stood"], n);
  endif
  if (! isempty (res.checkpoint_error))
    warning ("rnnkit:checkpoint", ["rnn_fit: training stopped after epoch %d " ...
             "because saving the checkpoint failed: %s"], n, res.checkpoint_error);
  endif
  model = wrap (model, "model");
endfunction

## The options of token input, stateful training, classes, checkpoints
## and continued training, checked as R's rnn_fit() checks them.
## issue 16: rows IDX of windows X, stored or compact ('Store' 'series')
function X = take_windows (X, idx)
  if (isstruct (X))
    X = compact_windows ("take", X, idx);
  else
    X = X(idx, :, :);
  endif
endfunction

function d = window_dims (X)
  if (isstruct (X))
    d = compact_windows ("dims", X);
  else
    d = [size(X, 1), size(X, 2), size(X, 3)];
  endif
endfunction

function seq = sequence_options (o, X, d)
  seq = struct ("model", [], "emb", [0 0], "classes", {{}}, "checkpoint", [], ...
                "every", 1, "stateful", check_flag (o.Stateful, "Stateful"));
  if (! isempty (o.Model))
    check_model (o.Model, "rnn_fit ('Model')");
    seq.model = o.Model;
    mc = o.Model.config;
    if (isfield (mc, "n_vocab") && mc.n_vocab > 0)
      seq.emb = [mc.n_vocab, mc.n_embed];
    endif
    if (isfield (o.Model, "classes") && ! isempty (o.Model.classes))
      seq.classes = cellstr (o.Model.classes)(:);
    endif
  else
    seq.emb = check_embedding (o.Embedding);
  endif
  if (seq.emb(1) > 0)
    if (d(3) != 1)
      error ("rnnkit:dim", ["with an embedding X holds one token per timestep: " ...
             "a samples x timesteps matrix of integers (rnn_pad_sequences makes " ...
             "one), not %s"], describe (X));
    endif
    check_tokens (X, seq.emb(1), "X");
  endif
  if (seq.stateful)
    check_count (o.BatchSize, "BatchSize", 1, 1e7);
    if (mod (d(1), o.BatchSize) != 0)
      error ("rnnkit:dim", ["stateful training reads X as 'BatchSize' = %d " ...
             "streams, so its %d samples must be a multiple of %d; " ...
             "rnn_text_data arranges text so"], o.BatchSize, d(1), o.BatchSize);
    endif
    if (! isstruct (o.Validation) && isnumeric (o.Validation) ...
        && isscalar (o.Validation) && o.Validation > 0)
      error ("rnnkit:input", ["stateful training cannot split off a fraction of " ...
             "its streams; give 'Validation' as a struct with x and y, e.g. " ...
             "from rnn_text_data (..., 'Validation', 0.1)"]);
    endif
  endif
  k = o.Classes;
  if (! isempty (k) && isempty (seq.classes))
    if (isnumeric (k) && isreal (k) && all (isfinite (k(:))))
      k = arrayfun (@num2str, double (k(:)), "UniformOutput", false);
    endif
    if (! iscellstr (k) || numel (unique (k)) != numel (k))
      error ("rnnkit:input", ["'Classes' must be distinct labels (a cell of " ...
             "strings, or numbers) in output order, not %s"], describe (o.Classes));
    endif
    seq.classes = k(:);
  endif
  if (! isempty (o.Checkpoint))
    f = o.Checkpoint;
    if (! ischar (f) || rows (f) != 1)
      error ("rnnkit:input", "'Checkpoint' must be a file path (one string), not %s", ...
             describe (f));
    endif
    every = check_count (o.CheckpointEvery, "CheckpointEvery", 1, 1e7);
    folder = fileparts (f);
    if (! isempty (folder) && ! isfolder (folder))
      error ("rnnkit:input", "the folder of 'Checkpoint' (%s) does not exist", folder);
    endif
    seq.checkpoint = f;
    seq.every = every;
  endif
endfunction

## 'Verbose' as the MEX takes it: [mode width], mode 0 quiet, 1 a line
## redrawn in place on a terminal and log lines elsewhere, 2 in place,
## 3 log lines; width the terminal's columns (COLUMNS if narrower).
function v = progress_mode (x)
  if (ischar (x))
    mode = 1 + find (strcmp (check_choice (x, {"terminal", "log"}, "Verbose"), ...
                             {"terminal", "log"}));
  else
    if (! (islogical (x) || isnumeric (x)) || numel (x) != 1 || ! isreal (x) ...
        || ! (x == 0 || x == 1))
      error ("rnnkit:input", ["'Verbose' must be true, false, \"terminal\" or " ...
             "\"log\", not %s"], describe (x));
    endif
    mode = double (logical (full (x)));
  endif
  width = 80;
  ts = terminal_size ();
  if (numel (ts) == 2 && ts(2) >= 10)
    width = ts(2);
  endif
  cols = str2double (getenv ("COLUMNS"));
  if (isfinite (cols) && cols >= 10)
    width = min (width, cols);
  endif
  v = [mode, width];
endfunction

## 'Plots', 'training-progress': a function that the MEX calls after an
## epoch (at most twice a second, and after the last) with the member's
## loss histories so far, drawing them in a figure of their own; [] and
## a note where no graphics toolkit is available.  It never throws (an
## error must not unwind through the C core): a closed figure or a
## failed redraw stops the drawing, not the training.
function fn = progress_plot (loss, has_val, epochs)
  fn = [];
  if (isempty (available_graphics_toolkits ()))
    printf (["rnn_fit: 'Plots' 'training-progress' needs a graphics toolkit " ...
             "(none is available: install gnuplot); training without the plot\n"]);
    return;
  endif
  ## no window without a display (gnuplot-nox): the figure is still there
  ## to print
  shown = ! isunix () || ismac () || ! isempty (getenv ("DISPLAY")) ...
          || ! isempty (getenv ("WAYLAND_DISPLAY"));
  try
    f = figure ("name", "rnn_fit: training progress", "numbertitle", "off", ...
                "visible", merge (shown, "on", "off"));
    ax = axes ("parent", f);
    hl = plot (ax, NaN, NaN, "color", [0.2 0.2 0.2], "linewidth", 2, "marker", "none");
    hold (ax, "on");
    hv = plot (ax, NaN, NaN, "color", [178 34 34] / 255, "linewidth", 2, "linestyle", "--", ...
               "marker", "none");
    hold (ax, "off");
    xlim (ax, [0, epochs + 1]);
    xlabel (ax, "epoch");
    ylabel (ax, sprintf ("loss (%s)", loss));
    title (ax, "Training progress");
    grid (ax, "on");
    if (has_val)
      legend (ax, [hl, hv], {"training", "validation"}, "location", "northeastoutside");
    else
      legend (ax, hl, {"training"}, "location", "northeastoutside");
    endif
  catch err   # e.g. a toolkit without its fonts
    printf ("rnn_fit: 'Plots' 'training-progress' could not draw (%s); training without the plot\n", ...
            err.message);
    return;
  end_try_catch
  fn = @(epoch, member, l, vl) update_progress_plot (ax, hl, hv, epoch, member, l, vl);
endfunction

function update_progress_plot (ax, hl, hv, epoch, member, l, vl)
  try
    if (! all (ishghandle ([ax, hl, hv])))
      return;
    endif
    set (hl, "xdata", 1:epoch, "ydata", l(:)');
    set (hv, "xdata", 1:epoch, "ydata", vl(:)');
    if (member > 1)
      title (ax, sprintf ("Training progress (member %d)", member));
    endif
    ## a hidden figure (no display) is drawn when printed, not here
    if (strcmp (get (ancestor (ax, "figure"), "visible"), "on"))
      drawnow ();
    endif
  catch
  end_try_catch
endfunction

## The history struct (R's data frame): epoch, loss, val_loss and, for
## the classifier losses, acc and val_acc; NA where nothing was measured.
function h = fit_history (loss, has_val, n, l, vl, a, va)
  h = struct ("epoch", (1:n)', "loss", l(1:n), "val_loss", NA (n, 1));
  if (has_val)
    h.val_loss = vl(1:n);
  endif
  if (any (strcmp (loss, {"bce", "sparse_ce"})))
    h.acc = a(1:n);
    h.val_acc = NA (n, 1);
    if (has_val)
      h.val_acc = va(1:n);
    endif
  endif
endfunction

## Called from the MEX after every k-th epoch with the weights and the
## histories so far: saves the model as it stands, and returns "" or why
## saving failed (which stops training).  It never throws: an error must
## not unwind through the C core.  rnn_save writes the file in one call
## of the C core (a temporary file beside it, flushed and renamed over
## it), so a failed save (rnnkit:io) leaves the previous checkpoint
## intact and no temporary file.  A Ctrl-C is no error that try/catch
## catches: it unwinds to the MEX gateway, which catches it
## (interrupt.cc); it is not acted on inside the core's write, so the
## file is then the previous checkpoint or this one, whole.
function msg = save_checkpoint (file, base, has_val, epoch, p, l, vl, a, va, lr)
  msg = "";
  try
    m = base;
    m.params = p;
    m.history = fit_history (m.loss, has_val, epoch, l, vl, a, va);
    if (isfield (m.training, "lr_schedule")) # the rates so far, as rnn_fit's
      m.history.lr = lr(1:epoch);
    endif
    m.status = struct ("epochs_run", epoch, "checkpoint", true);
    m.version = rnnkit_version ();
    rnn_save (m, file);
  catch err
    msg = err.message;
    if (isempty (msg))
      msg = "an error";
    endif
  end_try_catch
endfunction

## What the checkpoint file holds after a save that a Ctrl-C interrupted:
## the interrupt may have come before or after the rename.
function s = checkpoint_holds (file)
  try
    s = sprintf ("'%s' holds epoch %d", file, rnn_load (file).status.epochs_run);
  catch
    s = sprintf ("no checkpoint was written to '%s'", file);
  end_try_catch
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

## validation data as a cell {Xv, Yv} is the struct form (issue 13, item 6)
%!test
%! opts = {"Units", 2, "Epochs", 2, "Seed", 4, "Verbose", false};
%! a = rnn_fit (X(1:80, :), Y(1:80), opts{:}, "Validation", struct ("x", X(81:end, :), "y", Y(81:end)));
%! b = rnn_fit (X(1:80, :), Y(1:80), opts{:}, "Validation", {X(81:end, :), Y(81:end)});
%! c = rnn_fit (X(1:80, :), Y(1:80), "units", 2, "EPOCHS", 2, "seed", 4, "verbose", false, ...
%!              "validation", {X(81:end, :), Y(81:end)});
%! assert (b.training.n_val, 30);
%! assert (isequal (a.params, b.params, c.params));
%! assert (isequal (a.history, b.history, c.history));
## validation windows kept compact ('Store' 'series', e.g. another
## series cut by rnn_windows) are read as R reads them: the bits of the
## same windows stored, and of the fraction that holds the same windows
## ('Scale' 'none', so that a part of the series cuts the same windows)
%!test
%! t = (0:79)';
%! s = 10 + sin (t / 3) + 0.05 * t;
%! o = {"Units", 3, "Epochs", 3, "Seed", 5, "Verbose", false, "BatchSize", 8};
%! ws = {"Window", 6, "Scale", "none"};
%! c = rnn_windows (s, ws{:}, "Store", "series");
%! assert (size (c.y, 1), 74);
%! m = rnn_fit (c, o{:}, "Validation", 0.25);  # 56 to train, the last 18 to validate
%! tr = rnn_windows (s(1:62), ws{:});
%! v = rnn_windows (s(57:80), ws{:});
%! vc = rnn_windows (s(57:80), ws{:}, "Store", "series");
%! assert (isstruct (vc.x));
%! for th = 1:2
%!   a = rnn_fit (tr, o{:}, "Threads", th, "Validation", struct ("x", v.x, "y", v.y));
%!   b = rnn_fit (tr, o{:}, "Threads", th, "Validation", struct ("x", vc.x, "y", vc.y));
%!   assert (b.training.n_val, 18);
%!   assert (isequal (b.params, a.params, m.params));
%!   assert (isequal (b.history, a.history, m.history));
%! endfor
%! b2 = rnn_fit (tr, o{:}, "Validation", {vc.x, vc.y});
%! assert (isequal (b2.params, m.params) && isequal (b2.history, m.history));
%! ## compact windows as X, as R's rnn_fit (w$x, w$y)
%! b3 = rnn_fit (c.x, c.y, o{:}, "Validation", 0.25);
%! assert (isequal (b3.params, m.params) && isequal (b3.history, m.history));
%! b4 = rnn_fit (tr.x, tr.y, o{:}, "Validation", struct ("x", vc.x, "y", vc.y));
%! assert (isequal (b4.params, m.params) && isequal (b4.history, m.history));
%! assert (rnn_predict (b3, c.x), rnn_predict (b3, rnn_windows (s, ws{:}).x));
%! ## a panel's compact windows as validation, and with compact training windows
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t], 1), ...
%!             "Name", {[repmat({"a"}, 80, 1); repmat({"b"}, 80, 1)]}, "v", [s; 5 + 0.1 * t]);
%! p = rnn_windows (d, "Key", "Name", "Window", 6, "Split", "2020-01-01");
%! pc = rnn_windows (d, "Key", "Name", "Window", 6, "Split", "2020-01-01", "Store", "series");
%! a = rnn_fit (c, o{:}, "Validation", struct ("x", p.x, "y", p.y));
%! b = rnn_fit (c, o{:}, "Validation", struct ("x", pc.x, "y", pc.y));
%! assert (b.training.n_val, rows (p.y));
%! assert (isequal (b.params, a.params) && isequal (b.history, a.history));
%!error <'Validation.x' must be compact windows as rnn_windows> rnn_fit (rnn_windows ((1:40)', "Window", 5), "Epochs", 1, "Verbose", false, "Validation", struct ("x", struct ("values", (1:9)', "start", 7, "n_time", 5), "y", 1))
%!error <'Validation.x' is 36 x 4 x 1 compact windows but X has 5 timesteps of 1 features> rnn_fit (rnn_windows ((1:40)', "Window", 5), "Epochs", 1, "Verbose", false, "Validation", rnn_windows ((1:40)', "Window", 4, "Store", "series"))
## windows hold numbers to forecast: no class labels (R refuses the same)
%!error <windows from rnn_windows train a model that forecasts numbers> rnn_fit (rnn_windows (sin ((1:60)' / 5), "Window", 5, "Test", 10), "Loss", "sparse_ce", "Epochs", 1, "Verbose", false)
%!error <a struct with fields x and y, or a cell {Xv, Yv}; a cell must hold 2 arrays {Xv, Yv}, not a 1x3 cell> rnn_fit (X, Y, "Validation", {1, 2, 3})
%!error <a struct with fields x and y, or a cell {Xv, Yv}, not 'last'> rnn_fit (X, Y, "Validation", "last")
%!error <a struct with fields x and y, or a cell {Xv, Yv}; as a struct it needs fields x and y> rnn_fit (X, Y, "Validation", struct ("x", 1))
%!error <'Validation' is a fraction .*, not double 1.5> rnn_fit (X, Y, "Validation", 1.5)
%!error <Y is missing: 'Epochs' is an option> rnn_fit (X, "Epochs", 5)
%!error <Y is missing: 'units' is an option> rnn_fit (X, "units", 5, "Epochs", 2)
%!error <unknown option 'Epoch'; did you mean 'Epochs'\? Valid options: Cell, Units,> rnn_fit (X, Y, "Epoch", 5)

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

## the progress line (issue 18, item 6): on a terminal one line redrawn
## in place, never wider than the terminal, ending with the last epoch's
## loss and the time taken
%!test
%! old = getenv ("COLUMNS");
%! unwind_protect
%!   setenv ("COLUMNS", "60");
%!   out = evalc ('m = rnn_fit (X, Y, "Units", 2, "Epochs", 3, "Validation", 0.2, "Seed", 1, "Verbose", "terminal");');
%! unwind_protect_cleanup
%!   setenv ("COLUMNS", old);
%! end_unwind_protect
%! assert (out(1), "\r");
%! assert (out(end), "\n");
%! assert (sum (out == "\n"), 1);
%! segs = strsplit (out(2:end-1), "\r");
%! assert (all (cellfun (@numel, segs) <= 59));
%! last = segs{end};
%! assert (! isempty (regexp (last, '^epoch 3/3 \[=+\] 100%  loss ', "once")));
%! assert (! isempty (strfind (last, sprintf ("loss %.4g", m.history.loss(3)))));
%! assert (! isempty (strfind (last, sprintf ("val %.4g", m.history.val_loss(3)))));
%! assert (! isempty (regexp (last, '  [0-9.]+s$', "once")));
%! assert (isempty (strfind (last, "ETA")));
## in a log (not a terminal): the first epoch, every tenth of the
## training and the last, one line each, with the time elapsed and left
%!test
%! out = evalc ('m = rnn_fit (X, Y, "Units", 2, "Epochs", 30, "Seed", 1, "Verbose", "log");');
%! assert (! any (out == "\r"));
%! lines = strsplit (strtrim (out), "\n");
%! ep = cellfun (@(l) sscanf (l, "epoch %d/30"), lines);
%! assert (ep, [1, 3:3:30]);
%! assert (! isempty (regexp (lines{1}, '^epoch  1/30   3%  loss \S+ +[0-9.]+s  ETA [0-9]+s$', "once")));
%! assert (! isempty (strfind (lines{end}, sprintf ("loss %.4g", m.history.loss(30)))));
%! assert (isempty (strfind (lines{end}, "ETA")));
## a learning-rate schedule's rate stands on the line after the losses,
## and drops with it; without a schedule the line has no rate
%!test
%! out = evalc (['m = rnn_fit (X, Y, "Units", 2, "Epochs", 4, "Seed", 1, "LearnRate", 0.01, ' ...
%!               '"LearnRateSchedule", "piecewise", "LearnRateDropFactor", 0.1, ' ...
%!               '"LearnRateDropPeriod", 2, "Verbose", "log");']);
%! lines = strsplit (strtrim (out), "\n");
%! assert (numel (lines), 4);
%! assert (! isempty (regexp (lines{1}, '^epoch 1/4  25%  loss \S+ +lr 0\.01 +[0-9.]+s  ETA [0-9]+s$', "once")));
%! assert (! isempty (regexp (lines{4}, '^epoch 4/4 100%  loss \S+ +lr 0\.001 +[0-9.]+s$', "once")));
%! out = evalc ('m = rnn_fit (X, Y, "Units", 2, "Epochs", 2, "Seed", 1, "Verbose", "log");');
%! assert (isempty (strfind (out, " lr ")));
## a fit that stops early ends its log with the last epoch it ran
%!test
%! out = evalc (['m = rnn_fit (X, Y, "Units", 2, "Epochs", 500, "EarlyStopping", 2, ' ...
%!               '"MinDelta", 1, "Validation", 0.2, "Seed", 1, "Verbose", "log");']);
%! n = m.status.epochs_run;
%! assert (n < 500);
%! lines = strsplit (strtrim (out), "\n");
%! assert (! isempty (strfind (lines{end}, sprintf ("epoch %3d/500", n))));
%! assert (numel (lines), 2);   # epoch 1, then the last (3), no duplicate
%!test
%! assert (isempty (evalc ('rnn_fit (X, Y, "Units", 2, "Epochs", 2, "Seed", 1, "Verbose", false);')));
%!error <'Verbose' must be true, false, "terminal" or "log"> rnn_fit (X, Y, "Verbose", 2)
%!error <'Verbose' must be one of> rnn_fit (X, Y, "Verbose", "loud")
## 'Plots' 'training-progress': the loss curves drawn as training runs;
## without a graphics toolkit a note, and the same model
%!test
%! opts = {"Units", 2, "Epochs", 3, "Validation", 0.2, "Seed", 1, "Verbose", false};
%! a = rnn_fit (X, Y, opts{:});
%! if (isempty (available_graphics_toolkits ()))
%!   out = evalc ('b = rnn_fit (X, Y, opts{:}, "Plots", "training-progress");');
%!   assert (! isempty (strfind (out, "'Plots' 'training-progress' needs a graphics toolkit")));
%! else
%!   old = get (0, "children");
%!   b = rnn_fit (X, Y, opts{:}, "Plots", "training-progress");
%!   f = setdiff (get (0, "children"), old);
%!   assert (numel (f), 1);
%!   unwind_protect
%!     assert (get (f, "name"), "rnn_fit: training progress");
%!     h = findobj (f, "type", "line");
%!     y = get (h, "ydata");
%!     assert (any (cellfun (@(v) isequal (v(:), b.history.loss), y)));
%!     assert (any (cellfun (@(v) isequal (v(:), b.history.val_loss), y)));
%!   unwind_protect_cleanup
%!     close (f);
%!   end_unwind_protect
%! endif
%! assert (b.params, a.params);
%!error <'Plots' must be one of> rnn_fit (X, Y, "Plots", "progress")

## token input: the hello task (h,e,l,l -> e,l,l,o; h = 1, e = 2, l = 3,
## o = 4, 0 is padding) is learned to 100% per-step accuracy
%!test
%! x = [1 2 3 3];
%! fit = rnn_fit (x, [2 3 3 4], "Cell", "simple", "Units", 8, "Embedding", [5 4], ...
%!                "Loss", "sparse_ce", "Classes", 0:4, "Epochs", 150, ...
%!                "LearnRate", 0.05, "BatchSize", 1, "Seed", 1, "Verbose", false);
%! assert (fit.config.n_vocab, 5);
%! assert (fit.config.n_embed, 4);
%! assert (fit.history.acc(end), 1);
%! assert (all (isna (fit.history.val_acc)));
%! assert (fit.history.loss(end) < 0.1);
%! p = rnn_predict (fit, x);                   # 1 x 4 x 5 probabilities
%! [~, k] = max (p, [], 3);
%! assert (k - 1, [2 3 3 4]);
%! assert (rnn_predict (fit, x, "Type", "class"), {"2", "3", "3", "4"});
%! ## padding is masked: a pre-padded sequence gives the unpadded outputs
%! pp = rnn_predict (fit, [0 0 0 x]);
%! assert (pp(1, 4:7, :), p, 1e-15);
%! ## the file keeps config.n_vocab and config.n_embed; the model comes back
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (fit, f);
%!   back = rnn_load (f);
%!   assert (back, fit);
%!   assert (rnn_predict (back, x), p);
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect

## many-to-one over padded sequences: pre- and post-padding are masked
%!test
%! xt = [1 2 3; 3 2 1; 2 2 2; 1 1 3];
%! m = rnn_fit (xt, [1; 0; 1; 0], "Cell", "lstm", "Units", [4 3], "Embedding", [4 3], ...
%!              "Loss", "bce", "Epochs", 2, "Seed", 2, "Verbose", false);
%! p = rnn_predict (m, xt);
%! assert (rnn_predict (m, [zeros(4, 3), xt]), p, 1e-15);
%! assert (rnn_predict (m, [xt, zeros(4, 2)]), p, 1e-15);
%! assert (size (m.history.acc), [2 1]);

## accuracy for classifiers (validation: re-counted from predictions),
## none for regression
%!test
%! rand ("seed", 3);
%! x = rand (40, 5);
%! y = double (mean (x, 2) > 0.5);
%! fit = rnn_fit (x, y, "Loss", "bce", "Units", 4, "Epochs", 3, "Validation", 0.25, ...
%!                "Seed", 1, "Verbose", false);
%! assert (all (fit.history.acc >= 0 & fit.history.acc <= 1));
%! pv = rnn_predict (fit, x(31:40, :));
%! assert (fit.history.val_acc(end), mean ((pv >= 0.5) == (y(31:40) >= 0.5)));
%! reg = rnn_fit (x, y, "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false);
%! assert (! isfield (reg.history, "acc"));

## stateful training carries the state from batch to batch: with weights
## that do not move (SGD, a learning rate far below an ulp) the epoch loss
## is the loss of the whole streams
%!test
%! rand ("seed", 4);
%! V = 6; B = 2; Tc = 3; nc = 4;
%! streams = randi (V - 1, B, Tc * nc + 1);
%! x = y = zeros (B * nc, Tc);
%! for c = 0:nc-1
%!   for b = 1:B
%!     x(c*B + b, :) = streams(b, c*Tc + (1:Tc));
%!     y(c*B + b, :) = streams(b, c*Tc + (1:Tc) + 1);
%!   endfor
%! endfor
%! opts = {"Cell", "lstm", "Units", [4 3], "Embedding", [V 3], "Loss", "sparse_ce", ...
%!         "Classes", 0:V-1, "Optimizer", "sgd", "LearnRate", 1e-300, "Epochs", 1, ...
%!         "BatchSize", B, "Shuffle", false, "Seed", 2, "Verbose", false};
%! fit = rnn_fit (x, y, opts{:}, "Stateful", true, "Validation", struct ("x", x, "y", y));
%! p = rnn_predict (fit, streams(:, 1:Tc*nc));    # B x steps x V
%! yy = streams(:, 2:Tc*nc+1);
%! [b, t] = ndgrid (1:B, 1:Tc*nc);
%! whole = -mean (log (p(sub2ind (size (p), b(:), t(:), yy(:) + 1))));
%! assert (fit.history.loss, whole, 1e-12);
%! assert (fit.history.val_loss, whole, 1e-12);
%! assert (fit.training.stateful, true);
%! ## without carrying the state the chunks' loss differs
%! nofit = rnn_fit (x, y, opts{:});
%! assert (abs (nofit.history.loss - whole) > 1e-6);
%! assert (! isfield (nofit.training, "stateful"));

## checkpoints are saved during training and resume it ('Model')
%!test
%! rand ("seed", 2);
%! x = rand (20, 3);
%! y = sum (x, 2);
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   fit = rnn_fit (x, y, "Units", 3, "Epochs", 5, "Checkpoint", f, ...
%!                  "CheckpointEvery", 2, "Seed", 1, "Verbose", false);
%!   ck = rnn_load (f);
%!   assert (numel (ck.history.loss), 4);                  # saved after epoch 4
%!   assert (ck.history.loss, fit.history.loss(1:4));
%!   assert (ck.status.epochs_run, 4);
%!   assert (ck.status.checkpoint, true);
%!   more = rnn_fit (x, y, "Model", ck, "Epochs", 2, "Seed", 1, "Verbose", false);
%!   assert (numel (more.history.loss), 2);
%!   assert (more.config, ck.config);
%!   assert (! isequal (more.params, ck.params));
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect
%! ## saving fails during training (the path is a folder): training stops
%! ## after that epoch with a warning, and the model comes back
%! folder = tempname ();
%! mkdir (folder);
%! lastwarn ("");
%! unwind_protect
%!   out = evalc (['f2 = rnn_fit (x, y, "Units", 3, "Epochs", 3, "Checkpoint", ' ...
%!                 'folder, "Verbose", false);']);
%! unwind_protect_cleanup
%!   rmdir (folder);
%! end_unwind_protect
%! [msg, id] = lastwarn ();
%! assert (id, "rnnkit:checkpoint");
%! assert (! isempty (strfind (msg, "stopped after epoch 1 because saving the checkpoint failed")));
%! assert (numel (f2.history.loss), 1);
%! assert (f2.status.interrupted, true);

## a checkpoint replaces its file whole, as R's does (issue 14's drift):
## a hard link to the old file keeps the old bytes and no temporary file
## is left behind
%!test
%! d = tempname ();
%! mkdir (d);
%! f = fullfile (d, "ck.rnnk");
%! unwind_protect
%!   fid = fopen (f, "w"); fputs (fid, "the previous checkpoint"); fclose (fid);
%!   link (f, fullfile (d, "old.rnnk"));
%!   x = reshape (sin (1:60), 6, 5, 2);
%!   rnn_fit (x, x(:, 5, 1), "Units", 2, "Epochs", 2, "Checkpoint", f, ...
%!            "Seed", 1, "Verbose", false);
%!   assert (fileread (fullfile (d, "old.rnnk")), "the previous checkpoint");
%!   assert (rnn_load (f).status.epochs_run, 2);
%!   assert (sort ({dir(d).name}), {".", "..", "ck.rnnk", "old.rnnk"});
%! unwind_protect_cleanup
%!   confirm_recursive_rmdir (false, "local");
%!   rmdir (d, "s");
%! end_unwind_protect
## names come from the core's tables, bad ones suggest the nearest
%!error <'Loss' must be one of 'mse', 'mae', 'bce', 'sparse_ce', not 'msee'. Did you mean 'mse'\?> rnn_fit (ones (3, 4), ones (3, 1), "Loss", "msee")
%!error <Did you mean 'adam'\?> rnn_fit (ones (3, 4), ones (3, 1), "Optimizer", "adma")
%!error id=rnnkit:input rnn_fit (ones (3, 4), ones (3, 1), "Cell", "lsmt")
%!test
%! try
%!   rnn_fit (ones (3, 4), ones (3, 1), "Optimizer", "newton");
%! catch e
%!   assert (e.identifier, "rnnkit:input");
%!   assert (isempty (strfind (e.message, "Did you mean")));
%! end_try_catch
## the defaults are the core's, the same as R's
%!test
%! c = __rnnkit__ ("schema");
%! assert (c.cell, struct ("simple", 0, "lstm", 1, "gru", 2));
%! assert (c.loss, struct ("mse", 0, "mae", 1, "bce", 2, "sparse_ce", 3));
%! assert (c.head.bce, "sigmoid");
%! assert ([c.defaults.epochs, c.defaults.batch_size, c.defaults.units, ...
%!          c.defaults.lr, c.defaults.lr_sgd], [100 32 16 0.001 0.01]);
%! x = reshape (sin (1:60), 6, 5, 2);
%! a = rnn_fit (x, x(:, 5, 1), "Optimizer", "sgd", "Epochs", 1, "Seed", 1, "Verbose", false);
%! b = rnn_fit (x, x(:, 5, 1), "Optimizer", "sgd", "LearnRate", 0.01, "Epochs", 1, ...
%!              "Seed", 1, "Verbose", false);
%! assert (a.params, b.params);
%! assert (a.training.batch_size, 32);
%!error <folder of 'Checkpoint'> rnn_fit (ones (3, 4), ones (3, 1), "Checkpoint", "/no/such/dir/m.rnnk")
%!error <'CheckpointEvery' must be a whole number> rnn_fit (ones (3, 4), ones (3, 1), "Checkpoint", "m.rnnk", "CheckpointEvery", 0)
%!error <holds 9 at element 2; the model's tokens are whole numbers 0..4> rnn_fit ([1 9], 1, "Embedding", [5 2], "Verbose", false)
%!error <holds 2.5> rnn_fit ([1 2.5], 1, "Embedding", [5 2], "Verbose", false)
%!error <holds -1> rnn_fit ([1 -1], 1, "Embedding", [5 2], "Verbose", false)
%!error <one token per timestep> rnn_fit (ones (2, 3, 2), [0; 1], "Embedding", [5 2])
%!test
%! ## issue 16: a series embedding [n_series dim] on an array whose last
%! ## feature is the series index; S (dim x n_series) leads the parameters
%! x = randn (6, 4, 2);
%! x(:, :, 2) = repmat ([0; 1; 2; 0; 1; 2], 1, 4);
%! y = randn (6, 1);
%! m = rnn_fit (x, y, "Units", 3, "Epochs", 2, "Seed", 1, ...
%!              "SeriesEmbedding", [3 2], "Verbose", false);
%! assert (m.config.n_series, 3);
%! assert (m.config.series_embed, 2);
%! assert (numel (m.params), 6 + 4 * 3 * (1 + 2 + 3 + 1) + 3 + 1);
%! m1 = rnn_fit (x, y, "Units", 3, "Epochs", 2, "Seed", 1, ...
%!               "SeriesEmbedding", [3 2], "Verbose", false, "Threads", 1);
%! assert (m1.params, m.params); # the same bits for 1 or 2 threads
%! x(1, :, 2) = -1; # a series not seen in training: the mean embedding
%! assert (all (isfinite (rnn_predict (m, x))));
%!error <'SeriesEmbedding' must be> rnn_fit (ones (2, 3, 2), [0; 1], "SeriesEmbedding", 2)

## issue 16: 'Model' continues a panel model with its series embedding
## (as R): without 'SeriesEmbedding', each key's vector is read and
## trained; with SGD and no shuffling one epoch more is two in one go
%!test
%! t = (0:39)';
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t; 1 + t], 1), ...
%!             "Name", {[repmat({"a"}, 40, 1); repmat({"b"}, 40, 1); repmat({"c"}, 40, 1)]}, ...
%!             "v", [10 + sin(t); 5 + t; 20 - cos(t / 2)]);
%! w = rnn_windows (d, "Key", "Name", "Window", 5, "Split", "2017-06-01");
%! o = {"Units", 3, "Seed", 4, "Verbose", false, "Optimizer", "sgd", "Shuffle", false};
%! m1 = rnn_fit (w, "Epochs", 1, "SeriesEmbedding", 2, o{:});
%! m2 = rnn_fit (w, "Epochs", 2, "SeriesEmbedding", 2, o{:});
%! mc = rnn_fit (w, "Model", m1, "Epochs", 1, o{:});
%! assert ([mc.config.n_series, mc.config.series_embed], [3 2]);
%! assert (any (mc.params(1:6) != m1.params(1:6)));  # S (2 x 3) trained
%! assert (mc.params, m2.params);
%! assert (rnn_fit (w, "Model", m1, "Epochs", 1, "SeriesEmbedding", 2, o{:}).params, m2.params);
%! assert (rnn_predict (mc, w, "Units", "original").predicted, ...
%!         rnn_predict (m2, w, "Units", "original").predicted);
%!error <brings its series embedding of width 2> rnn_fit (rnn_windows (struct ("Date", datenum (2015, [1:20, 1:20], 1)', "Name", {[repmat({"a"}, 20, 1); repmat({"b"}, 20, 1)]}, "v", (1:40)'), "Key", "Name", "Window", 3), "Model", rnn_fit (rnn_windows (struct ("Date", datenum (2015, [1:20, 1:20], 1)', "Name", {[repmat({"a"}, 20, 1); repmat({"b"}, 20, 1)]}, "v", (1:40)'), "Key", "Name", "Window", 3), "SeriesEmbedding", 2, "Epochs", 1, "Verbose", false), "SeriesEmbedding", 3, "Epochs", 1, "Verbose", false)
%!error <continue it on windows of the same keys> rnn_fit (rnn_windows (struct ("Date", datenum (2015, [1:20, 1:20], 1)', "Name", {[repmat({"a"}, 20, 1); repmat({"c"}, 20, 1)]}, "v", (1:40)'), "Key", "Name", "Window", 3), "Model", rnn_fit (rnn_windows (struct ("Date", datenum (2015, [1:20, 1:20], 1)', "Name", {[repmat({"a"}, 20, 1); repmat({"b"}, 20, 1)]}, "v", (1:40)'), "Key", "Name", "Window", 3), "SeriesEmbedding", 2, "Epochs", 1, "Verbose", false), "Epochs", 1, "Verbose", false)
%!error <series index 5> rnn_fit (cat (3, ones (2, 3), 5 * ones (2, 3)), [0; 1], "SeriesEmbedding", [2 2], "Verbose", false)
%!error <'Embedding' must be \[n_vocab dim\]> rnn_fit ([1 2], 1, "Embedding", 5)
%!error <'Embedding' must be> rnn_fit ([1 2], 1, "Embedding", [1 2])
%!error id=rnnkit:size rnn_fit ([1 2], 1, "Embedding", [1e9 64])
%!error <must be a multiple of 2> rnn_fit ([1 2; 2 1; 1 1], [1; 2; 1], "Stateful", true, "BatchSize", 2)
%!error <cannot split off a fraction> rnn_fit ([1 2; 2 1], [1; 2], "Stateful", true, "BatchSize", 2, "Validation", 0.5)
%!error <'Classes' must be distinct> rnn_fit ([1 2; 2 1], [1; 2], "Loss", "sparse_ce", "Classes", [1 1 2])
%!error <label "3" that is not one of the model's classes> rnn_fit ([1 2; 2 1], [1; 3], "Loss", "sparse_ce", "Classes", 0:2)
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

## regressions found by tests/octave/random_inputs.m: every malformed
## call is an rnnkit:* error, never an Octave:* one or rnnkit:internal
%!error <rnn_fit takes at least 1 argument> rnn_fit ()
%!error id=rnnkit:input rnn_fit (struct ("x", ones (3, 4)))
%!error id=rnnkit:dim rnn_fit (struct ("x", ones (3, 4), "y", ones (2, 1)))
%!error <index.set must be 3 labels> rnn_fit (struct ("x", ones (3, 4), "y", ones (3, 1), "index", struct ("set", 1)))
%!error id=rnnkit:input rnn_fit (ones (3, 4), ones (3, 1), "Validation", struct ("x", {1, 2}, "y", {1, 2}))
%!error <'OutputActivation' must be one of> rnn_fit (ones (3, 4), ones (3, 1), "Loss", "bce", "OutputActivation", {"a"})
%!error <'Seed' must be a whole number> rnn_fit (ones (3, 4), ones (3, 1), "Seed", "")
%!error <model's weights would need> rnn_fit (ones (3, 4), ones (3, 1), "Units", 1e5, "Verbose", false)
%!error id=rnnkit:size rnn_fit (ones (3, 4), ones (3, 1), "Units", [3e4 3e4], "Verbose", false)
## logical, integer and sparse options are numbers like any other
%!test
%! m = rnn_fit (ones (4, 3), ones (4, 1), "Epochs", int8 (2), "BatchSize", sparse (2), ...
%!              "ClipNorm", true, "Momentum", single (0.5), "Optimizer", "sgd", ...
%!              "EarlyStopping", uint8 (3), "Validation", sparse (0.25), ...
%!              "Dropout", sparse (0.1), "Units", int32 ([2 2]), "Seed", int64 (3), ...
%!              "Verbose", false);
%! assert (m.status.epochs_run, 2);
%! assert (m.config.units, [2; 2]);

## ensembles (issue 15): 'Ensemble' 1 is the single fit; k members are
## single fits from their member seeds; predictions are the members' mean
%!test
%! rand ("seed", 1);
%! X = rand (40, 5);
%! Y = sum (X(:, 3:5), 2);
%! a = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false);
%! b = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false, "Ensemble", 1);
%! assert (isequal (a.params, b.params) && ! isfield (b, "ensemble"));
%! e = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false, "Ensemble", 3);
%! e1 = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", 5, "Verbose", false, ...
%!               "Ensemble", 3, "Threads", 1);
%! assert (isequal (e.params, e1.params));
%! assert (size (e.params), [numel(a.params), 3]);
%! assert (e.ensemble.k, 3);
%! assert (isequal (e.params(:, 1), a.params));
%! m3 = rnn_fit (X, Y, "Units", 3, "Epochs", 2, "Seed", e.ensemble.seeds(3), "Verbose", false);
%! assert (isequal (e.params(:, 3), m3.params));
%! p = zeros (40, 1);
%! for j = 1:3
%!   m = e;
%!   m.params = e.params(:, j);
%!   m = rmfield (m, "ensemble");
%!   p = p + rnn_predict (m, X);
%! endfor
%! assert (isequal (rnn_predict (e, X), p / 3));
%! f = [tempname() ".rnnk"];
%! rnn_save (e, f);
%! l = rnn_load (f);
%! delete (f);
%! assert (isequal (l.params, e.params) && isequal (rnn_predict (l, X), rnn_predict (e, X)));
%!error <cannot continue training 'Model'> rnn_fit (rand (8, 3), rand (8, 1), "Ensemble", 2, "Verbose", false, ...
%!                             "Model", rnn_fit (rand (8, 3), rand (8, 1), "Epochs", 1, "Verbose", false))
%!error <'Ensemble'> rnn_fit (rand (8, 3), rand (8, 1), "Ensemble", 0, "Verbose", false)
%!test
%! s = evalc ('rnn_fit (rand (20, 3), rand (20, 1), "Epochs", 1, "Ensemble", 2, "Seed", 1, "Verbose", true);');
%! assert (! isempty (strfind (s, "member 2/2 epoch 1/1")));

## issue 16: one fit over the windows of a panel; a panel of one series
## is the plain workflow, bit for bit (windows, fit, predictions,
## accuracy, forecasts)
%!test
%! t = (0:59)';
%! d = struct ("Date", datenum (2015, 1 + t, 1), "v", 100 + 10 * sin (t / 3) + t);
%! dp = d;
%! dp.Name = repmat ({"a"}, 60, 1);
%! w = rnn_windows (d, "Window", 6, "Split", "2019-01-01", "Transform", "log");
%! wp = rnn_windows (dp, "Key", "Name", "Window", 6, "Split", "2019-01-01", "Transform", "log");
%! m = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! mp = rnn_fit (wp, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! assert (mp.params, m.params);
%! assert (mp.residuals, m.residuals);
%! assert (mp.fitted_rows, m.fitted_rows);
%! P = struct (rnn_predict (m, w, "Units", "original"));
%! Pp = struct (rnn_predict (mp, wp, "Units", "original"));
%! for f = {"date", "actual", "predicted", "naive", "set"}
%!   assert (Pp.(f{1}), P.(f{1}));
%! endfor
%! T = struct (rnn_accuracy (m));
%! Tp = struct (rnn_accuracy (mp));
%! for f = {"model", "RMSE", "MAE", "MAPE", "MASE", "DA", "n"}
%!   assert ({Tp(1:numel (T)).(f{1})}, {T.(f{1})});
%! endfor
%! f = struct (rnn_forecast (m, 3, "NPaths", 50, "Seed", 1));
%! fp = struct (rnn_forecast (mp, 3, "NPaths", 50, "Seed", 1));
%! assert (rmfield (fp, "Name"), f);

## issue 16: a panel's training windows, in time order then key (as R)
%!test
%! t = (0:39)';
%! d = struct ("Name", {[repmat({"a"}, 40, 1); repmat({"b"}, 30, 1)]}, ...
%!             "v", [sin(t); cos(t(1:30))]);
%! wp = rnn_windows (d, "Key", "Name", "Window", 5);
%! m = rnn_fit (wp, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! assert (m.prep.meta.keys, {"a", "b"});
%! assert (size (m.residuals), [60 1]);
%! assert (m.fitted_rows(end-1:end), [40; 30]);


## issue 19: 'Precision' "single" trains in float32 inside the core; the
## weights come back as doubles that are floats, the same bits for 1 or 2
## threads, and the model predicts and steps in float32 too
%!test
%! X = reshape (sin (0.1 * (1:48*6*2)), 48, 6, 2);
%! Y = 0.5 * (X(:, 6, 1) + X(:, 5, 2));
%! a = rnn_fit (X, Y, "Units", 16, "Epochs", 3, "BatchSize", 8, "Seed", 7, ...
%!              "Threads", 1, "Precision", "single", "Verbose", false);
%! b = rnn_fit (X, Y, "Units", 16, "Epochs", 3, "BatchSize", 8, "Seed", 7, ...
%!              "Threads", 2, "Precision", "single", "Verbose", false);
%! d = rnn_fit (X, Y, "Units", 16, "Epochs", 3, "BatchSize", 8, "Seed", 7, ...
%!              "Threads", 1, "Verbose", false);
%! assert (a.config.precision, 1);
%! assert (! isfield (d.config, "precision"));
%! assert (isa (a.params, "double"));
%! assert (double (single (a.params)), a.params);
%! assert (! isequal (double (single (d.params)), d.params));
%! assert (a.params, b.params);
%! assert (a.history.loss, b.history.loss);
%! assert (a.params, d.params, 1e-4);
%! p = rnn_predict (a, X);
%! assert (double (single (p)), p);
%! a2 = a;
%! a2.config = rmfield (a2.config, "precision");
%! assert (rnn_predict (a2, X), p, 1e-5);
%! assert (! isequal (rnn_predict (a2, X), p));
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (a, f);
%!   l = rnn_load (f);
%!   assert (l.config.precision, 1);
%!   assert (rnn_predict (l, X), p);
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect
%!error id=rnnkit:input rnn_fit (ones (4, 3, 1), ones (4, 1), "Precision", "half", "Verbose", false)
%!error <'Precision' must be one of> rnn_fit (ones (4, 3, 1), ones (4, 1), "Precision", "half", "Verbose", false)
## the piecewise learning-rate schedule (MATLAB's 'LearnRateSchedule')
%!shared xs, ys
%! randn ("seed", 11);
%! xs = randn (24, 5, 2);
%! ys = 0.5 * xs(:, 5, 1) - 0.2 * xs(:, 4, 2);
%!test
%! ## factor 1 and a period of at least the epochs: the bits of no schedule
%! for opt = {"adam", "sgd", "rmsprop"}
%!   a = {xs, ys, "Units", 4, "Epochs", 4, "BatchSize", 8, "Optimizer", opt{1}, ...
%!        "Momentum", 0.5, "Seed", 3, "Verbose", false};
%!   none = rnn_fit (a{:});
%!   f1 = rnn_fit (a{:}, "LearnRateSchedule", "piecewise", "LearnRateDropFactor", 1, ...
%!                 "LearnRateDropPeriod", 1);
%!   long = rnn_fit (a{:}, "LearnRateSchedule", "piecewise", "LearnRateDropPeriod", 4);
%!   drop = rnn_fit (a{:}, "LearnRateSchedule", "piecewise", "LearnRateDropPeriod", 1);
%!   assert (isequal (f1.params, none.params) && isequal (long.params, none.params));
%!   assert (! isequal (drop.params, none.params));
%!   assert (! isfield (none.history, "lr") && ! isfield (none.training, "lr_schedule"));
%! endfor
%!test
%! ## 2 epochs of plain SGD at lr, lr/2 = 1 epoch at lr continued at lr/2
%! a = {"BatchSize", 8, "Optimizer", "sgd", "Shuffle", false, "Verbose", false};
%! two = rnn_fit (xs, ys, "Units", 4, "Epochs", 2, "LearnRate", 0.05, "Seed", 7, a{:}, ...
%!                "LearnRateSchedule", "piecewise", "LearnRateDropFactor", 0.5, ...
%!                "LearnRateDropPeriod", 1);
%! one = rnn_fit (xs, ys, "Units", 4, "Epochs", 1, "LearnRate", 0.05, "Seed", 7, a{:});
%! cont = rnn_fit (xs, ys, "Epochs", 1, "LearnRate", 0.025, "Seed", 8, "Model", one, a{:});
%! assert (isequal (two.params, cont.params));
%! assert (isequal (two.history.lr, [0.05; 0.025]));
%!test
%! ## the rates of every epoch, the options recorded, shown and saved
%! m = rnn_fit (xs, ys, "Units", 4, "Epochs", 5, "BatchSize", 8, "LearnRate", 0.01, ...
%!              "Seed", 1, "Verbose", false, "LearnRateSchedule", "piecewise", ...
%!              "LearnRateDropFactor", 0.1, "LearnRateDropPeriod", 2);
%! assert (isequal (m.history.lr, 0.01 * 0.1 .^ [0; 0; 1; 1; 2]));
%! assert ({m.training.lr_schedule, m.training.lr_drop_factor, m.training.lr_drop_period}, ...
%!         {"piecewise", 0.1, 2});
%! assert (! isempty (strfind (rnn_summary (m), "lr 0.01 piecewise x0.1 every 2 epochs, batch")));
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   b = rnn_load (f);
%!   assert (isequal (b.history.lr, m.history.lr));
%!   assert ({b.training.lr_schedule, b.training.lr_drop_period}, {"piecewise", 2});
%!   ## a checkpoint holds the rates of its epochs
%!   c = rnn_fit (xs, ys, "Units", 4, "Epochs", 5, "BatchSize", 8, "LearnRate", 0.01, ...
%!                "Seed", 1, "Verbose", false, "LearnRateSchedule", "piecewise", ...
%!                "LearnRateDropFactor", 0.1, "LearnRateDropPeriod", 2, ...
%!                "Checkpoint", f, "CheckpointEvery", 3);
%!   assert (isequal (c.params, m.params));
%!   assert (isequal (rnn_load (f).history.lr, m.history.lr(1:3)));
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect
%! e = rnn_fit (xs, ys, "Units", 4, "Epochs", 3, "BatchSize", 8, "Seed", 4, ...
%!              "Verbose", false, "Ensemble", 2, "LearnRateSchedule", "piecewise", ...
%!              "LearnRateDropFactor", 0.5, "LearnRateDropPeriod", 1);
%! assert (isequal (e.history.lr, 0.001 * [1; 0.5; 0.25]));
%! assert (isempty (strfind (rnn_summary (rnn_fit (xs, ys, "Units", 2, "Epochs", 1, ...
%!                                                 "Verbose", false)), "piecewise")));
%!error <Did you mean 'piecewise'> rnn_fit (xs, ys, "Epochs", 1, "LearnRateSchedule", "piecewize")
%!error id=rnnkit:input rnn_fit (xs, ys, "Epochs", 1, "LearnRateSchedule", "cosine")
%!error id=rnnkit:input rnn_fit (xs, ys, "Epochs", 1, "LearnRateSchedule", "piecewise", "LearnRateDropFactor", 0)
%!error id=rnnkit:input rnn_fit (xs, ys, "Epochs", 1, "LearnRateSchedule", "piecewise", "LearnRateDropFactor", 1.5)
%!error id=rnnkit:input rnn_fit (xs, ys, "Epochs", 1, "LearnRateSchedule", "piecewise", "LearnRateDropPeriod", 0)
%!error id=rnnkit:input rnn_fit (xs, ys, "Epochs", 1, "LearnRateSchedule", "piecewise", "LearnRateDropPeriod", 2.5)
