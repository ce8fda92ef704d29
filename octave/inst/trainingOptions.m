## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{options} =} trainingOptions (@var{solver}, @var{name}, @var{value}, @dots{})
## Training options for @code{trainNetwork} and @code{trainnet}, with
## the names of MATLAB's Deep Learning Toolbox.  @var{solver} is
## @qcode{'adam'}, @qcode{'sgdm'} (SGD with momentum) or
## @qcode{'rmsprop'}.  rnnkit's C core trains the network
## (@code{rnn_fit}); the options map onto its options as follows
## (defaults, MATLAB's, in brackets):
##
## @table @asis
## @item @qcode{'MaxEpochs'} [30], @qcode{'MiniBatchSize'} [128]
## @qcode{'Epochs'} and @qcode{'BatchSize'}
## @item @qcode{'InitialLearnRate'}
## @qcode{'LearnRate'} [0.001; 0.01 for sgdm]
## @item @qcode{'LearnRateSchedule'} [@qcode{'none'}], @qcode{'LearnRateDropFactor'} [0.1], @qcode{'LearnRateDropPeriod'} [10]
## @qcode{'piecewise'} multiplies the learning rate by the factor, in
## (0, 1], every period of epochs (as MATLAB; rnn_fit's options of the
## same names)
## @item @qcode{'Momentum'} [0.9]
## sgdm's momentum
## @item @qcode{'GradientDecayFactor'} [0.9], @qcode{'SquaredGradientDecayFactor'} [0.999 adam, 0.9 rmsprop], @qcode{'Epsilon'} [1e-8]
## Adam's beta1 and beta2, RMSprop's decay (@qcode{'Rho'}), and epsilon
## @item @qcode{'GradientThreshold'} [Inf], @qcode{'GradientThresholdMethod'} [@qcode{'l2norm'}]
## @qcode{'absolute-value'} clips every gradient element
## (@qcode{'ClipValue'}); @qcode{'global-l2norm'} and @qcode{'l2norm'}
## scale the whole gradient to the threshold norm (@qcode{'ClipNorm'}): rnnkit
## clips the global norm, so @qcode{'l2norm'} (which MATLAB applies to each
## weight array alone) is clipped as @qcode{'global-l2norm'}
## @item @qcode{'L2Regularization'}
## must be 0: the core has no weight decay (MATLAB's default is 1e-4)
## @item @qcode{'Shuffle'} [@qcode{'once'}]
## @qcode{'every-epoch'} shuffles the training sequences every epoch;
## @qcode{'once'} permutes them once before training (with @code{randperm},
## so @code{rand ("state", ...)} fixes it); @qcode{'never'} keeps their order
## @item @qcode{'ValidationData'}
## @code{@{XV, YV@}} in the layout of the training data
## @item @qcode{'ValidationFrequency'} [50]
## accepted; rnnkit measures the validation loss after every epoch
## @item @qcode{'ValidationPatience'} [Inf]
## stop when the validation loss has not improved for this many epochs
## (MATLAB counts validations; rnnkit validates once per epoch)
## @item @qcode{'OutputNetwork'} [@qcode{'last-iteration'}]
## @qcode{'best-validation-loss'} returns the weights of the epoch with the
## lowest validation loss (needs @qcode{'ValidationData'})
## @item @qcode{'Plots'} [@qcode{'none'}]
## @qcode{'training-progress'} is passed on to @code{rnn_fit}
## @item @qcode{'Verbose'} [true]
## print the progress of training
## @item @qcode{'SequenceLength'} [@qcode{'longest'}]
## sequences of unequal length (a cell of C x T_i): every mini-batch is
## padded to its longest sequence (@qcode{'longest'}), truncated to its
## shortest (@qcode{'shortest'}), or padded to its longest and trained in
## chunks of S time steps (a positive integer S; one update per chunk,
## the recurrent state carried from chunk to chunk), as MATLAB does
## @item @qcode{'SequencePaddingDirection'} [@qcode{'right'}]
## @qcode{'right'} pads (or truncates) after the time steps, so the
## sequences start together; @qcode{'left'} before them, so they end
## together.  The network reads the padding as input; for
## sequence-to-sequence regression rnnkit's C core leaves the padded time
## steps out of the loss and its gradient
## @item @qcode{'SequencePaddingValue'} [0]
## the value of the padding
## @item @qcode{'ExecutionEnvironment'} [@qcode{'auto'}], @qcode{'VerboseFrequency'} [50]
## accepted; rnnkit trains on the CPU
## @item @qcode{'Precision'} [@qcode{'double'}]
## rnnkit's own option: @qcode{'single'} trains in float32 inside the core
## (as @code{rnn_fit}'s @qcode{'Precision'})
## @end table
##
## Any other option is an error @qcode{"rnnkit:input"} that names it.
## The result is a struct with these fields and @code{Solver}.
##
## @example
## options = trainingOptions ("adam", "MaxEpochs", 100, "MiniBatchSize", 16, ...
##   "InitialLearnRate", 1e-3, "GradientThreshold", 1, ...
##   "Shuffle", "every-epoch", "Verbose", false);
## @end example
## @seealso{trainNetwork, trainnet, rnn_fit}
## @end deftypefn

function options = trainingOptions (solver, varargin)
  check_nargin ("trainingOptions", nargin, 1, Inf, ...
                "options = trainingOptions ('adam', 'sgdm' or 'rmsprop', 'Name', value, ...)");
  solver = check_choice (solver, {"adam", "sgdm", "rmsprop"}, "solver");
  d = struct ("MaxEpochs", 30, "MiniBatchSize", 128, ...
              "InitialLearnRate", merge (strcmp (solver, "sgdm"), 0.01, 0.001), ...
              "LearnRateSchedule", "none", "LearnRateDropFactor", 0.1, ...
              "LearnRateDropPeriod", 10, "Momentum", 0.9, ...
              "GradientDecayFactor", 0.9, ...
              "SquaredGradientDecayFactor", merge (strcmp (solver, "adam"), 0.999, 0.9), ...
              "Epsilon", 1e-8, "GradientThreshold", Inf, ...
              "GradientThresholdMethod", "l2norm", "L2Regularization", 0, ...
              "Shuffle", "once", "ValidationData", [], "ValidationFrequency", 50, ...
              "ValidationPatience", Inf, "OutputNetwork", "last-iteration", ...
              "Plots", "none", "Verbose", true, "VerboseFrequency", 50, ...
              "SequenceLength", "longest", "SequencePaddingDirection", "right", ...
              "SequencePaddingValue", 0, "ExecutionEnvironment", "auto", ...
              "Precision", "double");
  options = rnnkit_options (d, "trainingOptions", varargin);
  options.MaxEpochs = check_count (options.MaxEpochs, "MaxEpochs", 1, 1e7);
  options.MiniBatchSize = check_count (options.MiniBatchSize, "MiniBatchSize", 1, 1e7);
  options.InitialLearnRate = check_number (options.InitialLearnRate, "InitialLearnRate", 0, Inf, true);
  options.LearnRateSchedule = check_choice (options.LearnRateSchedule, ...
                                            {"none", "piecewise"}, "LearnRateSchedule");
  options.LearnRateDropFactor = check_number (options.LearnRateDropFactor, ...
                                              "LearnRateDropFactor", 0, 1, true);
  options.LearnRateDropPeriod = check_count (options.LearnRateDropPeriod, ...
                                             "LearnRateDropPeriod", 1, 1e7);
  options.Momentum = check_number (options.Momentum, "Momentum", 0, 1);
  options.GradientDecayFactor = check_number (options.GradientDecayFactor, "GradientDecayFactor", 0, 1);
  options.SquaredGradientDecayFactor = check_number (options.SquaredGradientDecayFactor, ...
                                                     "SquaredGradientDecayFactor", 0, 1);
  options.Epsilon = check_number (options.Epsilon, "Epsilon", 0, Inf, true);
  g = options.GradientThreshold;
  if (! (isnumeric (g) && isreal (g) && isscalar (g) && g > 0))
    error ("rnnkit:input", "'GradientThreshold' must be a positive number or Inf, not %s", ...
           describe (g));
  endif
  options.GradientThresholdMethod = check_choice (options.GradientThresholdMethod, ...
    {"l2norm", "global-l2norm", "absolute-value"}, "GradientThresholdMethod");
  if (! isequal (options.L2Regularization, 0))
    error ("rnnkit:input", ["trainingOptions: 'L2Regularization' %s is not " ...
           "supported: rnnkit's core has no weight decay; give 0 (and " ...
           "'dropoutLayer' or 'ValidationPatience' against overfitting)"], ...
           describe (options.L2Regularization));
  endif
  options.Shuffle = check_choice (options.Shuffle, {"once", "every-epoch", "never"}, "Shuffle");
  v = options.ValidationData;
  if (! isempty (v) && ! (iscell (v) && numel (v) == 2))
    error ("rnnkit:input", "'ValidationData' must be a cell {XV, YV}, not %s", describe (v));
  endif
  options.ValidationFrequency = check_count (options.ValidationFrequency, "ValidationFrequency", 1, 1e9);
  p = options.ValidationPatience;
  if (! (isnumeric (p) && isscalar (p) && isreal (p) && p >= 1 && (isinf (p) || p == round (p))))
    error ("rnnkit:input", "'ValidationPatience' must be a whole number >= 1 or Inf, not %s", ...
           describe (p));
  endif
  options.OutputNetwork = check_choice (options.OutputNetwork, ...
    {"last-iteration", "best-validation-loss"}, "OutputNetwork");
  if (strcmp (options.OutputNetwork, "best-validation-loss") && isempty (v))
    error ("rnnkit:input", ["trainingOptions: 'OutputNetwork' 'best-validation-loss' " ...
           "needs 'ValidationData' {XV, YV}"]);
  endif
  options.Plots = check_choice (options.Plots, {"none", "training-progress"}, "Plots");
  options.Verbose = check_flag (options.Verbose, "Verbose");
  S = options.SequenceLength;
  if (! (isnumeric (S) && isscalar (S) && isreal (S) && S >= 1 && S == round (S) ...
         && S < 2^31))
    options.SequenceLength = check_choice (S, {"longest", "shortest"}, ...
      "SequenceLength (or a positive whole number of time steps)");
  endif
  v = options.SequencePaddingValue;
  if (! (isnumeric (v) && isscalar (v) && isreal (v) && isfinite (v)))
    error ("rnnkit:input", "'SequencePaddingValue' must be a finite number, not %s", ...
           describe (v));
  endif
  options.SequencePaddingDirection = check_choice (options.SequencePaddingDirection, ...
                                                  {"right", "left"}, "SequencePaddingDirection");
  check_choice (options.ExecutionEnvironment, {"auto", "cpu"}, "ExecutionEnvironment");
  options.Precision = check_choice (options.Precision, {"double", "single"}, "Precision");
  options.Solver = solver;
endfunction

%!test
%! o = trainingOptions ("adam");
%! assert ([o.MaxEpochs, o.MiniBatchSize, o.InitialLearnRate], [30 128 0.001]);
%! assert ({o.Solver, o.Shuffle, o.OutputNetwork, o.Plots}, ...
%!         {"adam", "once", "last-iteration", "none"});
%! o = trainingOptions ("sgdm", "maxepochs", 5, "Shuffle", "every-epoch", "Verbose", 0);
%! assert ([o.MaxEpochs, o.InitialLearnRate, o.Momentum, o.Verbose], [5 0.01 0.9 0]);
%! assert (trainingOptions ("rmsprop").SquaredGradientDecayFactor, 0.9);
%! o = trainingOptions ("adam", "ValidationData", {1, 2}, "ValidationPatience", 3, ...
%!                      "OutputNetwork", "best-validation-loss", "Plots", "training-progress");
%! assert ({o.ValidationPatience, o.Plots}, {3, "training-progress"});
%!test
%! o = trainingOptions ("adam", "SequenceLength", 20, "SequencePaddingDirection", "left", ...
%!                      "SequencePaddingValue", -1);
%! assert ({o.SequenceLength, o.SequencePaddingDirection, o.SequencePaddingValue}, ...
%!         {20, "left", -1});
%! assert (trainingOptions ("adam", "SequenceLength", "shortest").SequenceLength, "shortest");
%!error <SequenceLength \(or a positive whole number> trainingOptions ("adam", "SequenceLength", 0)
%!error <SequenceLength \(or a positive whole number> trainingOptions ("adam", "SequenceLength", "all")
%!error <'SequencePaddingValue' must be a finite number> trainingOptions ("adam", "SequencePaddingValue", NaN)
## MATLAB's Name=value syntax: Octave 7 passes the value alone, and says so
%!error <Octave 7 reads Name=value in a call as an assignment> trainingOptions ("adam", MaxEpochs=200)
%!error id=rnnkit:input trainingOptions ("adam", "NoSuchOption", 1)
%!error <trainingOptions: unknown option 'LearnRate'> trainingOptions ("adam", "LearnRate", 1)
%!error <'solver' must be one of 'adam', 'sgdm', 'rmsprop'> trainingOptions ("lbfgs")
%!error <'Shuffle' must be one of 'once', 'every-epoch', 'never'> trainingOptions ("adam", "Shuffle", "always")
%!test
%! o = trainingOptions ("sgdm", "LearnRateSchedule", "piecewise");
%! assert ({o.LearnRateSchedule, o.LearnRateDropFactor, o.LearnRateDropPeriod}, ...
%!         {"piecewise", 0.1, 10});
%! o = trainingOptions ("adam", "LearnRateSchedule", "piecewise", ...
%!                      "LearnRateDropFactor", 0.5, "LearnRateDropPeriod", 3);
%! assert ([o.LearnRateDropFactor, o.LearnRateDropPeriod], [0.5 3]);
%!error <'LearnRateSchedule' must be one of 'none', 'piecewise'> trainingOptions ("adam", "LearnRateSchedule", "cosine")
%!error id=rnnkit:input trainingOptions ("adam", "LearnRateDropFactor", 0)
%!error id=rnnkit:input trainingOptions ("adam", "LearnRateDropFactor", 1.5)
%!error id=rnnkit:input trainingOptions ("adam", "LearnRateDropPeriod", 0)
%!error <no weight decay> trainingOptions ("adam", "L2Regularization", 1e-4)
%!error <needs 'ValidationData'> trainingOptions ("adam", "OutputNetwork", "best-validation-loss")
%!error <'ValidationData' must be a cell> trainingOptions ("adam", "ValidationData", [1 2])
%!error <'GradientThreshold' must be a positive> trainingOptions ("adam", "GradientThreshold", 0)
%!error <'Plots' must be one of 'none', 'training-progress'> trainingOptions ("adam", "Plots", "yes")

## issue 19: 'Precision' reaches rnn_fit
%!test
%! o = trainingOptions ("adam", "Precision", "single");
%! assert (o.Precision, "single");
%! assert (trainingOptions ("adam").Precision, "double");
%!error id=rnnkit:input trainingOptions ("adam", "Precision", "half")
