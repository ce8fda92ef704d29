## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{net} =} trainNetwork (@var{X}, @var{Y}, @var{layers}, @var{options})
## Train a recurrent network given with the names of MATLAB's Deep
## Learning Toolbox, with rnnkit's C core (@code{rnn_fit}).
##
## @var{layers} is a layer array: @code{sequenceInputLayer}, optionally
## @code{wordEmbeddingLayer}, one or more @code{lstmLayer} or
## @code{gruLayer} (each optionally followed by a @code{dropoutLayer}),
## one @code{fullyConnectedLayer}, then @code{regressionLayer} or
## @code{softmaxLayer} and @code{classificationLayer}.  The last
## recurrent layer's @qcode{'OutputMode'} makes the network
## sequence-to-sequence (@qcode{'sequence'}) or sequence-to-one
## (@qcode{'last'}).  @var{options} come from @code{trainingOptions}.
##
## @var{X} holds the sequences in MATLAB's layouts: an N x 1 cell of
## C x T matrices (channels x time steps), one C x T matrix, or an
## N x C x T array.  The sequences of a cell may differ in length: each
## mini-batch is padded or truncated as @code{trainingOptions}'
## @qcode{'SequenceLength'}, @qcode{'SequencePaddingDirection'} and
## @qcode{'SequencePaddingValue'} say, as MATLAB does, and the padded time
## steps of sequence-to-sequence responses do not count in the loss.
## @var{Y} holds
## the responses: for a sequence-to-sequence network in the layout of
## @var{X} (R x T per sequence); for a sequence-to-one network an N x R
## matrix; for a classifier the class labels (numbers or a cell of
## strings; per time step, a cell of 1 x T rows of numbers).  MATLAB
## wants categorical labels and gives them back as categorical (its
## @code{classify}); Octave has no categorical type, so the classes are
## kept as the text of their categories: @code{net.Model.classes} is a
## cell of strings, the distinct labels sorted (numbers in numeric order
## and written as text, e.g. @code{@{"1"; "2"; "10"@}}, as
## @code{categories (categorical ([1 2 10]))} in MATLAB), and
## @code{rnn_predict (net.Model, X, "Type", "class")} gives labels from
## it, strings too (@code{str2double} turns numeric ones back into
## numbers); @code{predict} gives the class scores in that order.
##
## @var{net} is a struct: @code{Layers}, @code{Model} (the rnnkit model
## from @code{rnn_fit}, for @code{rnn_save}, @code{rnn_summary} @dots{}),
## @code{OutputMode} and @code{Task}.  Use it with @code{predict},
## @code{predictAndUpdateState} and @code{resetState}; it survives
## @code{save} and @code{load}.
##
## @example
## x = sin (0.1 * (1:201));
## layers = [sequenceInputLayer(1) lstmLayer(8) fullyConnectedLayer(1) regressionLayer];
## options = trainingOptions ("adam", "MaxEpochs", 50, "Verbose", false);
## net = trainNetwork (x(1:end-1), x(2:end), layers, options);
## [net, y] = predictAndUpdateState (net, x(1:end-1));
## @end example
## @seealso{trainnet, trainingOptions, predict, predictAndUpdateState, resetState, rnn_fit}
## @end deftypefn

function net = trainNetwork (X, Y, layers, options)
  check_nargin ("trainNetwork", nargin, 4, 4, "net = trainNetwork (X, Y, layers, options)");
  net = dl_train ("trainNetwork", X, Y, layers, options, "");
endfunction

%!shared x, opts
%! x = sin (0.3 * (1:41));
%! opts = trainingOptions ("adam", "MaxEpochs", 3, "MiniBatchSize", 4, "Verbose", false);

## the options reach rnn_fit: the same seed gives the same weights
%!test
%! rand ("state", 1);
%! X = arrayfun (@(i) sin (0.3 * (i:i+9)), (1:12)', "UniformOutput", false);
%! Y = cellfun (@(s) s(end) ^ 2, X);
%! layers = [sequenceInputLayer(1) gruLayer(5, "OutputMode", "last") ...
%!           fullyConnectedLayer(1) regressionLayer];
%! o = trainingOptions ("sgdm", "MaxEpochs", 4, "MiniBatchSize", 4, "Momentum", 0.5, ...
%!                      "InitialLearnRate", 0.05, "GradientThreshold", 1, ...
%!                      "Shuffle", "never", "Verbose", false);
%! rand ("seed", 7);
%! net = trainNetwork (X, Y, layers, o);
%! rand ("seed", 7);
%! m = rnn_fit (cell2mat (X), Y, "Cell", "gru", "Units", 5, "Optimizer", "sgd", ...
%!              "Momentum", 0.5, "LearnRate", 0.05, "ClipNorm", 1, "Epochs", 4, ...
%!              "BatchSize", 4, "Shuffle", false, "Epsilon", 1e-8, ...
%!              "ReturnSequences", false, "Verbose", false);
%! assert (net.Model.params, m.params);
%! assert (net.Model.training.optimizer, "sgd");
%! assert (net.OutputMode, "last");
%! p = predict (net, X);
%! assert (size (p), [12 1]);
%! assert (p, rnn_predict (m, cell2mat (X)), 1e-14);
%! ## the N x C x T layout gives the same predictions
%! assert (predict (net, reshape (cell2mat (X), 12, 1, 10)), p, 1e-14);
%! ## the network survives save and load
%! f = [tempname() ".mat"];
%! unwind_protect
%!   save ("-binary", f, "net");
%!   back = load (f).net;
%!   assert (predict (back, X), p);
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect

## trainingOptions' piecewise schedule reaches rnn_fit
%!test
%! X = arrayfun (@(i) sin (0.3 * (i:i+9)), (1:12)', "UniformOutput", false);
%! Y = cellfun (@(s) s(end) ^ 2, X);
%! layers = [sequenceInputLayer(1) gruLayer(5, "OutputMode", "last") ...
%!           fullyConnectedLayer(1) regressionLayer];
%! o = trainingOptions ("sgdm", "MaxEpochs", 4, "MiniBatchSize", 4, "Momentum", 0.5, ...
%!                      "InitialLearnRate", 0.05, "LearnRateSchedule", "piecewise", ...
%!                      "LearnRateDropFactor", 0.5, "LearnRateDropPeriod", 2, ...
%!                      "Shuffle", "never", "Verbose", false);
%! rand ("seed", 7);
%! net = trainNetwork (X, Y, layers, o);
%! assert (isequal (net.Model.history.lr, 0.05 * [1; 1; 0.5; 0.5]));
%! rand ("seed", 7);
%! m = rnn_fit (cell2mat (X), Y, "Cell", "gru", "Units", 5, "Optimizer", "sgd", ...
%!              "Momentum", 0.5, "LearnRate", 0.05, "Epochs", 4, "BatchSize", 4, ...
%!              "Shuffle", false, "Epsilon", 1e-8, "ReturnSequences", false, ...
%!              "LearnRateSchedule", "piecewise", "LearnRateDropFactor", 0.5, ...
%!              "LearnRateDropPeriod", 2, "Verbose", false);
%! assert (isequal (net.Model.params, m.params));

## rmsprop and a validation set with patience and the best weights
%!test
%! X = arrayfun (@(i) sin (0.3 * (i:i+9)), (1:20)', "UniformOutput", false);
%! Y = cellfun (@(s) s(end), X);
%! o = trainingOptions ("rmsprop", "MaxEpochs", 30, "MiniBatchSize", 5, ...
%!                      "ValidationData", {X(16:20), Y(16:20)}, "ValidationPatience", 2, ...
%!                      "OutputNetwork", "best-validation-loss", "Verbose", false);
%! net = trainNetwork (X(1:15), Y(1:15), [sequenceInputLayer(1) ...
%!                     lstmLayer(3, "OutputMode", "last") fullyConnectedLayer(1) ...
%!                     regressionLayer], o);
%! s = net.Model.status;
%! assert (net.Model.training.optimizer, "rmsprop");
%! assert (net.Model.training.patience, 2);
%! assert (s.stopped_early || s.epochs_run == 30);
%! assert (net.Model.history.val_loss(s.best_epoch), min (net.Model.history.val_loss));

## sequence-to-sequence on one C x T sequence; stacked layers with dropout
%!test
%! xx = [x; cos(0.3 * (1:41))];
%! layers = [sequenceInputLayer(2) lstmLayer(4) dropoutLayer(0.1) ...
%!           lstmLayer(3) dropoutLayer(0.1) fullyConnectedLayer(2) regressionLayer];
%! net = trainNetwork (xx(:, 1:end-1), xx(:, 2:end), layers, opts);
%! assert (net.Model.config.dropout, 0.1);
%! assert (net.Model.config.units(:)', [4 3]);
%! y = predict (net, xx(:, 1:end-1));
%! assert (size (y), [2 40]);
%! ## sequences in a cell give a cell of R x T
%! c = predict (net, {xx(:, 1:20); xx(:, 21:40)});
%! assert (size (c), [2 1]);
%! assert (c{1}, y(:, 1:20), 1e-14);

## classifiers: labels per sequence and per time step
%!test
%! X = arrayfun (@(i) sin (0.3 * (i:i+7)), (1:16)', "UniformOutput", false);
%! lab = repmat ({"up"; "down"}, 8, 1);
%! layers = [sequenceInputLayer(1) lstmLayer(4, "OutputMode", "last") ...
%!           fullyConnectedLayer(2) softmaxLayer classificationLayer];
%! net = trainNetwork (X, lab, layers, opts);
%! assert (net.Model.classes, {"down"; "up"});
%! assert (size (predict (net, X)), [16 2]);
%! layers(2).OutputMode = "sequence";
%! T = cellfun (@(s) double (s > 0), X, "UniformOutput", false);
%! net = trainNetwork (X, T, layers, opts);
%! s = predict (net, X);
%! assert (size (s{1}), [2 8]);
%! assert (sum (s{1}), ones (1, 8), 1e-12);

## word indices through a wordEmbeddingLayer
%!test
%! X = {[1 2 3 3]; [3 2 1 1]};
%! layers = [sequenceInputLayer(1) wordEmbeddingLayer(3, 3) ...
%!           lstmLayer(4, "OutputMode", "last") fullyConnectedLayer(1) regressionLayer];
%! net = trainNetwork (X, [1; 0], layers, opts);
%! assert ([net.Model.config.n_vocab, net.Model.config.n_embed], [4 3]);

%!error <trainNetwork takes 4 argument> trainNetwork (1, 2, 3)
%!error <OPTIONS must come from trainingOptions> trainNetwork ({x}, {x}, [sequenceInputLayer(1) lstmLayer(2) fullyConnectedLayer(1) regressionLayer], struct ())
%!error <layers given are: input, lstm, fc> trainNetwork ({x}, {x}, [sequenceInputLayer(1) lstmLayer(2) fullyConnectedLayer(1)], trainingOptions ("adam"))
%!error <all lstmLayer or all gruLayer> trainNetwork ({x}, {x}, [sequenceInputLayer(1) lstmLayer(2) gruLayer(2) fullyConnectedLayer(1) regressionLayer], trainingOptions ("adam"))
%!error <'OutputMode' 'sequence'> trainNetwork ({x}, {x}, [sequenceInputLayer(1) lstmLayer(2, "OutputMode", "last") lstmLayer(2) fullyConnectedLayer(1) regressionLayer], trainingOptions ("adam"))
%!error <one dropoutLayer after each> trainNetwork ({x}, {x}, [sequenceInputLayer(1) lstmLayer(2) dropoutLayer(0.2) lstmLayer(2) fullyConnectedLayer(1) regressionLayer], trainingOptions ("adam"))
%!error <'Y'\{2\} has 39 time steps but its sequence has 40> trainNetwork ({x; x(1:40)}, {x; x(1:39)}, [sequenceInputLayer(1) lstmLayer(2) fullyConnectedLayer(1) regressionLayer], trainingOptions ("adam"))
%!error id=rnnkit:dim trainNetwork ({x; x(1:40)}, {x; x(1:39)}, [sequenceInputLayer(1) lstmLayer(2) fullyConnectedLayer(1) regressionLayer], trainingOptions ("adam"))
%!error <X has 1 channels but sequenceInputLayer\(2\)> trainNetwork ({x}, {x}, [sequenceInputLayer(2) lstmLayer(2) fullyConnectedLayer(1) regressionLayer], trainingOptions ("adam"))
%!error id=rnnkit:input trainNetwork ({x}, {x}, 3, trainingOptions ("adam"))
%!error id=rnnkit:input trainNetwork ({x; x}, struct ("a", 1), [sequenceInputLayer(1) lstmLayer(2, "OutputMode", "last") fullyConnectedLayer(1) regressionLayer], trainingOptions ("adam"))

## sequences of unequal length (issue 18): MATLAB's padding per mini-batch
%!shared X, T, L, lay, fit
%! L = [7 12 4 9 12 6 10 5];
%! X = arrayfun (@(i) sin (0.4 * (i:i+L(i)-1)), (1:8)', "UniformOutput", false);
%! T = arrayfun (@(i) cos (0.4 * (i:i+L(i)-1)), (1:8)', "UniformOutput", false);
%! lay = [sequenceInputLayer(1) lstmLayer(4) fullyConnectedLayer(1) regressionLayer];
%! fit = @(X, T, varargin) trainNetwork (X, T, lay, trainingOptions ("adam", ...
%!   "MaxEpochs", 3, "Shuffle", "every-epoch", "Verbose", false, varargin{:}));

## left vs right: one sequence per mini-batch needs no padding, so both
## give the same bits; mini-batches of 4 read the padding before or after
%!test
%! rand ("seed", 2); a = fit (X, T, "MiniBatchSize", 1);
%! rand ("seed", 2); b = fit (X, T, "MiniBatchSize", 1, "SequencePaddingDirection", "left");
%! assert (a.Model.params, b.Model.params);
%! rand ("seed", 2); a = fit (X, T, "MiniBatchSize", 4);
%! rand ("seed", 2); b = fit (X, T, "MiniBatchSize", 4, "SequencePaddingDirection", "left");
%! assert (! isequal (a.Model.params, b.Model.params));
%! ## predictions: a cell of 1 x T_i, the padding removed; on the right
%! ## (padding after the steps) each equals the sequence predicted alone
%! Y = predict (a, X);
%! assert (cellfun ("columns", Y), L(:));
%! assert (Y{3}, predict (a, X{3}), 1e-14);
%! ## on the left the padding comes first and is read, unless each
%! ## mini-batch holds one sequence
%! Z = predict (a, X, "SequencePaddingDirection", "left");
%! assert (cellfun ("columns", Z), L(:));
%! assert (abs (Z{3} - Y{3}) > 0);
%! Z = predict (a, X, "SequencePaddingDirection", "left", "MiniBatchSize", 1);
%! assert (Z{3}, Y{3}, 1e-14);
%! ## predictAndUpdateState pads the cell together and strips the outputs
%! [~, P] = predictAndUpdateState (a, X);
%! assert (P{2}, Y{2}, 1e-14);
%! assert (size (P{5}), [1 12]);

## the padded steps' responses do not count: on the right the padding
## value changes only padded inputs and targets, so nothing changes; on the
## left the padded inputs come before the steps and change the weights
%!test
%! rand ("seed", 4); a = fit (X, T, "MiniBatchSize", 4);
%! rand ("seed", 4); b = fit (X, T, "MiniBatchSize", 4, "SequencePaddingValue", 5);
%! assert (a.Model.params, b.Model.params);
%! rand ("seed", 4); a = fit (X, T, "MiniBatchSize", 4, "SequencePaddingDirection", "left");
%! rand ("seed", 4); b = fit (X, T, "MiniBatchSize", 4, "SequencePaddingDirection", "left", ...
%!                          "SequencePaddingValue", 5);
%! assert (! isequal (a.Model.params, b.Model.params));

## "shortest": one mini-batch of all, truncated at the end (right) or at
## the start (left), is training on the first / last 4 steps
%!test
%! o = {"MiniBatchSize", 8, "SequenceLength", "shortest", "Shuffle", "never"};
%! first = @(c) cellfun (@(s) s(1:4), c, "UniformOutput", false);
%! last = @(c) cellfun (@(s) s(end-3:end), c, "UniformOutput", false);
%! rand ("seed", 5); a = fit (X, T, o{:});
%! rand ("seed", 5); b = fit (first (X), first (T), o{:});
%! assert (a.Model.params, b.Model.params);
%! rand ("seed", 5); a = fit (X, T, o{:}, "SequencePaddingDirection", "left");
%! rand ("seed", 5); b = fit (last (X), last (T), o{:});
%! assert (a.Model.params, b.Model.params);
%! ## predict truncates too
%! Y = predict (a, X, "SequenceLength", "shortest", "SequencePaddingDirection", "left");
%! assert (cellfun ("columns", Y), 4 * ones (8, 1));
%! ## chunks of S steps: S of the longest is "longest"; shorter chunks train otherwise
%! rand ("seed", 5); a = fit (X, T, "MiniBatchSize", 4);
%! rand ("seed", 5); b = fit (X, T, "MiniBatchSize", 4, "SequenceLength", 12);
%! assert (a.Model.params, b.Model.params);
%! rand ("seed", 5); b = fit (X, T, "MiniBatchSize", 4, "SequenceLength", 5);
%! assert (! isequal (a.Model.params, b.Model.params));

## a batch of sequences of one length gives the same bits as before:
## no padding, whatever the direction and value
%!test
%! E = cellfun (@(s) s(1:4), X, "UniformOutput", false);
%! F = cellfun (@(s) s(1:4), T, "UniformOutput", false);
%! rand ("seed", 6); a = fit (E, F, "MiniBatchSize", 3);
%! rand ("seed", 6); b = fit (E, F, "MiniBatchSize", 3, "SequencePaddingDirection", "left", ...
%!                          "SequencePaddingValue", 3);
%! assert (a.Model.params, b.Model.params);
%! rand ("seed", 6);
%! m = rnn_fit (permute (cat (3, E{:}), [3 2 1]), permute (cat (3, F{:}), [3 2 1]), ...
%!              "Units", 4, "Epochs", 3, "BatchSize", 3, "Epsilon", 1e-8, ...
%!              "ReturnSequences", true, "Verbose", false, "Validation", 0, ...
%!              "Shuffle", true, "LearnRate", 1e-3);
%! assert (a.Model.params, m.params);

## labels per time step of unequal sequences: the padding is no class
%!test
%! C = cellfun (@(s) 1 + double (s > 0), X, "UniformOutput", false);
%! net = trainNetwork (X, C, [sequenceInputLayer(1) lstmLayer(3) fullyConnectedLayer(2) ...
%!                            softmaxLayer classificationLayer], ...
%!                     trainingOptions ("adam", "MaxEpochs", 2, "MiniBatchSize", 4, "Verbose", false));
%! assert (numel (net.Model.classes), 2); # not a third class 0 for the padding
%! P = predict (net, X);
%! assert (size (P{2}), [2 12]);
%! ## numeric labels: the text of MATLAB's categories, in numeric order,
%! ## and predicted labels are those strings (documented above)
%! C = cellfun (@(s) 1 + double (s > 0) + 8 * double (s > 0.5), X, "UniformOutput", false);
%! net = trainNetwork (X, C, [sequenceInputLayer(1) lstmLayer(3) fullyConnectedLayer(3) ...
%!                            softmaxLayer classificationLayer], ...
%!                     trainingOptions ("adam", "MaxEpochs", 1, "Verbose", false));
%! assert (net.Model.classes, {"1"; "2"; "10"});
%! c = rnn_predict (net.Model, X{1}, "Type", "class");
%! assert (iscellstr (c) && all (ismember (c(:), {"1", "2", "10"})));
%! [~, k] = max (rnn_predict (net.Model, X{1}), [], 3);
%! assert (str2double (c), [1 2 10](k));

## validation sequences of other lengths than the training ones
%!test
%! net = fit (X(1:6), T(1:6), "MiniBatchSize", 3, "ValidationData", {X(7:8), T(7:8)}, ...
%!            "SequencePaddingDirection", "left");
%! assert (all (isfinite (net.Model.history.val_loss)));

## issue 19: trainingOptions' 'Precision' "single" trains as rnn_fit's
%!test
%! X = arrayfun (@(k) sin (k + (1:10) / 3), 1:12, "UniformOutput", false)';
%! Y = cellfun (@(s) s(end) ^ 2, X);
%! layers = [sequenceInputLayer(1) gruLayer(5, "OutputMode", "last") ...
%!           fullyConnectedLayer(1) regressionLayer];
%! o = trainingOptions ("sgdm", "MaxEpochs", 2, "MiniBatchSize", 4, ...
%!                      "Shuffle", "never", "Verbose", false, "Precision", "single");
%! rand ("seed", 7);
%! net = trainNetwork (X, Y, layers, o);
%! rand ("seed", 7);
%! m = rnn_fit (cell2mat (X), Y, "Cell", "gru", "Units", 5, "Optimizer", "sgd", ...
%!              "Momentum", 0.9, "LearnRate", 0.01, "Epochs", 2, ...
%!              "BatchSize", 4, "Shuffle", false, "Epsilon", 1e-8, ...
%!              "ReturnSequences", false, "Verbose", false, "Precision", "single");
%! assert (net.Model.config.precision, 1);
%! assert (net.Model.params, m.params);
