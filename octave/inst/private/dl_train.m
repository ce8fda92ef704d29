## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{net} =} dl_train (@var{fname}, @var{X}, @var{Y}, @var{layers}, @var{options}, @var{lossFcn})
## Train the layer array of the Deep Learning Toolbox names with
## @code{rnn_fit}: maps the layers and @code{trainingOptions} onto
## rnn_fit's options and the data layouts onto samples x timesteps x
## features (@code{dl_data}).  @var{lossFcn} is "" for
## @code{trainNetwork} (the output layer says) or @qcode{"mse"} /
## @qcode{"crossentropy"} for @code{trainnet}.
## @end deftypefn
function net = dl_train (fname, X, Y, layers, options, lossFcn)
  want = ["a layer array such as [sequenceInputLayer(C) lstmLayer(H) " ...
          "fullyConnectedLayer(R) regressionLayer]"];
  if (! isstruct (layers) || ! isfield (layers, "Type") || ! isfield (layers, "NumHiddenUnits"))
    error ("rnnkit:input", "%s: LAYERS must be %s, not %s", fname, want, describe (layers));
  endif
  if (! isstruct (options) || ! isscalar (options) || ! isfield (options, "Solver"))
    error ("rnnkit:input", "%s: OPTIONS must come from trainingOptions, not %s", ...
           fname, describe (options));
  endif
  type = {layers.Type};
  head = find (strcmp (type, "fc"));
  rec = find (strcmp (type, "lstm") | strcmp (type, "gru"));
  tail = type(head+1:end);
  if (isempty (lossFcn))
    ok_tail = {{"regression"}, {"softmax", "classification"}};
    task = merge (isequal (tail, {"regression"}), "regression", "classification");
  else
    lossFcn = check_choice (lossFcn, {"mse", "crossentropy"}, "lossFcn");
    task = merge (strcmp (lossFcn, "mse"), "regression", "classification");
    ok_tail = merge (strcmp (lossFcn, "mse"), {{}}, {{"softmax"}});
  endif
  emb = strcmp (type, "embedding");
  layout = [{"input"}, merge(any (emb), {"embedding"}, {}), ...
            repmat({"rnn"}, 1, numel (rec)), {"fc"}];
  got = type(1:min (numel (type), max ([head, 0])));
  got(ismember (got, {"lstm", "gru"})) = {"rnn"};
  drop = strcmp (got, "dropout");
  if (! strcmp (type{1}, "input") || numel (head) != 1 || isempty (rec) ...
      || ! isequal (got(! drop), layout) ...
      || ! any (cellfun (@(t) isequal (tail(:)', t(:)'), ok_tail)))
    error ("rnnkit:input", ["%s: rnnkit trains a sequenceInputLayer, an optional " ...
           "wordEmbeddingLayer, recurrent layers (lstmLayer or gruLayer, each " ...
           "optionally followed by one dropoutLayer), one fullyConnectedLayer and " ...
           "%s; the layers given are: %s"], fname, ...
           merge (isempty (lossFcn), "regressionLayer, or softmaxLayer and classificationLayer", ...
                  "for \"crossentropy\" a softmaxLayer"), strjoin (type, ", "));
  endif
  if (numel (unique (type(rec))) > 1)
    error ("rnnkit:input", "%s: the recurrent layers must be all lstmLayer or all gruLayer", fname);
  endif
  modes = {layers(rec).OutputMode};
  if (any (strcmp (modes(1:end-1), "last")))
    error ("rnnkit:input", ["%s: a recurrent layer below another must have " ...
           "'OutputMode' 'sequence'"], fname);
  endif
  p = [layers(drop).Probability];
  if (! isempty (p) && (numel (p) != numel (rec) || any (p != p(1)) ...
                        || any (! strcmp (type(rec + 1), "dropout"))))
    error ("rnnkit:input", ["%s: rnnkit's core drops out the output of every " ...
           "recurrent layer at one rate: give one dropoutLayer after each " ...
           "recurrent layer, all with the same probability"], fname);
  endif
  seq = strcmp (modes{end}, "sequence");
  ## sequences of unequal length: padded to the longest of the training
  ## and validation sequences; the core cuts each batch (issue 18)
  steps = @(c) max ([0; cellfun("columns", merge(iscell (c), c, {})(:))]);
  pad = struct ("left", strcmp (options.SequencePaddingDirection, "left"), ...
                "value", options.SequencePaddingValue, "T", steps (X));
  if (! isempty (options.ValidationData))
    pad.T = max (pad.T, steps (options.ValidationData{1}));
  endif
  [A, form, len] = dl_data (X, "X", pad);
  if (size (A, 3) != layers(1).InputSize)
    error ("rnnkit:dim", "%s: X has %d channels but sequenceInputLayer(%d) takes %d", ...
           fname, size (A, 3), layers(1).InputSize, layers(1).InputSize);
  endif
  classify = strcmp (task, "classification");
  B = targets (Y, form, seq, classify, "Y", pad, len);
  S = options.SequenceLength;
  if (isnumeric (S) && isempty (len))
    len = repmat (size (A, 2), rows (A), 1); # chunks of equal sequences
  endif
  padding = [];
  if (! isempty (len))
    padding = struct ("lengths", len, "val_lengths", [], "length", S, ...
                      "left", pad.left);
  endif
  args = {"Cell", type{rec(1)}, "Units", [layers(rec).NumHiddenUnits], ...
          "Loss", merge(classify, "sparse_ce", "mse"), "ReturnSequences", seq, ...
          "Epochs", options.MaxEpochs, "BatchSize", options.MiniBatchSize, ...
          "LearnRate", options.InitialLearnRate, "Epsilon", options.Epsilon, ...
          "Verbose", options.Verbose, "Shuffle", strcmp(options.Shuffle, "every-epoch")};
  if (isfield (options, "LearnRateSchedule")) # MATLAB's 'piecewise' schedule
    args(end+1:end+6) = {"LearnRateSchedule", options.LearnRateSchedule, ...
                         "LearnRateDropFactor", options.LearnRateDropFactor, ...
                         "LearnRateDropPeriod", options.LearnRateDropPeriod};
  endif
  if (isfield (options, "Precision")) # issue 19
    args(end+1:end+2) = {"Precision", options.Precision};
  endif
  if (any (emb))
    args(end+1:end+2) = {"Embedding", [layers(emb).NumWords + 1, layers(emb).Dimension]};
  endif
  if (! isempty (p))
    args(end+1:end+2) = {"Dropout", p(1)};
  endif
  switch (options.Solver)
    case "adam"
      args(end+1:end+6) = {"Optimizer", "adam", "Beta1", options.GradientDecayFactor, ...
                           "Beta2", options.SquaredGradientDecayFactor};
    case "sgdm"
      args(end+1:end+4) = {"Optimizer", "sgd", "Momentum", options.Momentum};
    case "rmsprop"
      args(end+1:end+4) = {"Optimizer", "rmsprop", "Rho", options.SquaredGradientDecayFactor};
  endswitch
  if (isfinite (options.GradientThreshold))
    clip = merge (strcmp (options.GradientThresholdMethod, "absolute-value"), ...
                  "ClipValue", "ClipNorm");
    args(end+1:end+2) = {clip, options.GradientThreshold};
  endif
  if (! isempty (options.ValidationData))
    [XV, formv, lenv] = dl_data (options.ValidationData{1}, "ValidationData{1}", pad);
    args(end+1:end+2) = {"Validation", {XV, targets(options.ValidationData{2}, formv, ...
                                                    seq, classify, "ValidationData{2}", ...
                                                    pad, lenv)}};
    if (! isempty (padding))
      padding.val_lengths = merge (isempty (lenv), repmat (size (XV, 2), rows (XV), 1), lenv);
    elseif (! isempty (lenv)) # padded to the training length only
      padding = struct ("lengths", repmat (size (A, 2), rows (A), 1), ...
                        "val_lengths", lenv, "length", S, "left", pad.left);
    endif
    best = strcmp (options.OutputNetwork, "best-validation-loss");
    patience = options.ValidationPatience;
    if (isinf (patience) && best)
      patience = options.MaxEpochs; # never stops, restores the best epoch
    endif
    if (isfinite (patience))
      args(end+1:end+4) = {"EarlyStopping", patience, "RestoreBest", best};
    endif
  endif
  if (! strcmp (options.Plots, "none"))
    args(end+1:end+2) = {"Plots", options.Plots};
  endif
  if (strcmp (options.Shuffle, "once") && size (B, 1) == rows (A))
    ## (other targets: rnn_fit says what it needs)
    k = randperm (rows (A));
    A = A(k, :, :);
    B = B(k, :, :);
    if (! isempty (padding))
      padding.lengths = padding.lengths(k);
    endif
  endif
  if (! isempty (padding))
    args(end+1:end+2) = {"Padding", padding};
  endif
  model = rnn_fit (A, B, args{:});
  net = struct ("Layers", layers, "Model", model, "OutputMode", modes{end}, ...
                "Task", task);
endfunction

## Y in the layout of X: a cell of R x T (sequence-to-sequence), one R x T
## matrix or N x R x T; or N x R responses / N labels (sequence-to-one).
## Labels of a classifier stay as they are (numbers or a cell of strings).
function B = targets (Y, form, seq, classify, name, pad, len)
  if (seq)
    if (classify && iscell (Y))
      Y = cellfun (@(y) double (y), Y, "UniformOutput", false);
    endif
    if (iscell (Y) && ! isempty (len) && numel (Y) == numel (len) ...
        && any (cellfun ("columns", Y(:)) != len(:)))
      k = find (cellfun ("columns", Y(:)) != len(:), 1);
      error ("rnnkit:dim", ["'%s'{%d} has %d time steps but its sequence " ...
             "has %d: a sequence-to-sequence network needs a response per " ...
             "time step"], name, k, columns (Y{k}), len(k));
    endif
    if (classify && iscell (Y) && ! isempty (Y))
      pad.value = Y{1}(1); # a class of the data: padded steps are masked, not a class
    endif
    B = dl_data (Y, name, pad);
    if (classify)
      B = B(:, :, 1);
    endif
  elseif (classify)
    B = Y(:);
  elseif (isnumeric (Y) && strcmp (form, "one"))
    B = Y(:).';
  else
    B = Y;
  endif
endfunction
