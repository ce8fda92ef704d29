## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{Y} =} rnn_predict (@var{model}, @var{X})
## @deftypefnx {} {@var{Y} =} rnn_predict (@var{model}, @var{X}, "Type", "class")
## Predictions of a model for an array @var{X} of samples x timesteps x
## features (or the struct from @code{rnn_windows}; windows scaled by
## another scaler than the model's are put on the model's scale first, as
## R's @code{predict()} does).
##
## A model fit on the windows of @code{rnn_windows} reads windows of
## their length only: @var{X} with another number of timesteps (or
## features) is an error @qcode{"rnnkit:dim"} saying what was given and
## what is needed.  A model fit on arrays reads sequences of any length
## (a prefix, padded tokens).  For a model of one feature, one window may
## be given as a row (1 x timesteps) or as a column as long as the
## sequences it was trained on; a column of another length is samples x 1.
##
## @var{Y} is samples x outputs (a column for one output), or samples x
## timesteps x outputs for a many-to-many model.  For a classifier the
## outputs are class probabilities; @code{"Type", "class"} gives the
## predicted labels as a cell of strings.  Every prediction starts from a
## zero state; see @code{rnn_predict_and_update_state} for step-wise use.
## @seealso{rnn_fit, rnn_forecast}
## @end deftypefn

function Y = rnn_predict (model, X, varargin)
  check_nargin ("rnn_predict", nargin, 2, Inf, ...
                "Y = rnn_predict (model, X, 'Type', 'response' or 'class')");
  check_model (model, "rnn_predict");
  o = rnnkit_options (struct ("Type", "response"), "rnn_predict", varargin);
  type = check_choice (o.Type, {"response", "class"}, "Type");
  if (isfield (model, "prep") && isstruct (X) && all (isfield (X, {"x", "meta", "scaler", "data"})))
    ## windows scaled by another scaler are put on the model's scale
    X = windows_on_model_scale (need_prep (model, "rnn_predict"), check_windows (X, "X"));
  endif
  X = check_x (model, X);
  if (isfield (model.config, "n_vocab") && model.config.n_vocab > 0)
    check_tokens (X, model.config.n_vocab);
  endif
  Y = __rnnkit__ ("predict", model.config, model.params, X);
  if (strcmp (type, "class"))
    if (! isfield (model, "classes") || isempty (model.classes))
      error ("rnnkit:input", ["rnn_predict: 'Type' 'class' needs a classifier " ...
             "fit with 'Loss' 'sparse_ce'"]);
    endif
    [~, k] = max (Y, [], ndims (Y));
    Y = reshape (model.classes(k), size (k));
  endif
endfunction

%!shared m, X
%! X = reshape (sin (0.1 * (1:60)), 6, 10);
%! m = rnn_fit (X, X(:, end), "Units", 3, "Epochs", 1, "Seed", 1, "Verbose", false);

%!test
%! p = rnn_predict (m, X);
%! assert (size (p), [6, 1]);
%! assert (p, rnn_predict (m, reshape (X, 6, 10, 1)));

## a prediction of one sample does not depend on the others
%!test
%! p = rnn_predict (m, X);
%! assert (rnn_predict (m, X(3, :)), p(3), 1e-15);

## a model fit on windows reads windows of their length (issue 13, item 7)
%!shared m, X, mw, w, s
%! X = reshape (sin (0.1 * (1:60)), 6, 10);
%! m = rnn_fit (X, X(:, end), "Units", 3, "Epochs", 1, "Seed", 1, "Verbose", false);
%! s = sin (0.3 * (1:80))';
%! w = rnn_windows (s, "Window", 8, "Scale", "none");
%! mw = rnn_fit (w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%!error <'X' has 5 timestep\(s\) but the model was trained on windows of 8> rnn_predict (mw, w.x(:, 1:5))
%!error id=rnnkit:dim rnn_predict (mw, w.x(:, 1:5))
%!error <'X' is 7 x 1 x 1; the model needs 7 x 8 x 1> rnn_predict (mw, s(1:7))
%!error <samples x timesteps x features> rnn_predict (mw, [w.x, w.x])
%!error <'X' is 76 x 4 x 1; the model needs 76 x 8 x 1> rnn_predict (mw, rnn_windows (s, "Window", 4, "Scale", "none"))
%!test
%! ## windows cut by another scaler are put on the model's scale (rnn_rescale)
%! z = rnn_windows (s, "Window", 8, "Scale", "zscore");
%! assert (rnn_predict (mw, z), rnn_predict (mw, w), 1e-12);
%! assert (any (abs (rnn_predict (mw, z.x) - rnn_predict (mw, w.x)) > 0));
%!test
%! assert (size (rnn_predict (mw, w)), [72, 1]);
%! ## one window as a column (a MATLAB user's vector) is that window
%! p = rnn_predict (mw, w);
%! assert (rnn_predict (mw, w.x(3, :)'), p(3), 1e-15);
%! assert (rnn_predict (mw, w.x(3, :)), p(3), 1e-15);
%!test
%! ## a model fit on arrays reads sequences of any length (a prefix, padding)
%! assert (size (rnn_predict (m, X(:, 1:4))), [6, 1]);
%! ## but a column as long as its training sequences is one sequence
%! p = rnn_predict (m, X);
%! assert (rnn_predict (m, X(3, :)'), p(3), 1e-15);
%! assert (size (rnn_predict (m, X(3, 1:6)')), [6, 1]);
%!test
%! ## many-to-many models read sequences of any length
%! Y = reshape (cos (0.1 * (1:60)), 6, 10);
%! ms = rnn_fit (X, Y, "ReturnSequences", true, "Units", 2, "Epochs", 1, ...
%!               "Seed", 1, "Verbose", false);
%! assert (size (rnn_predict (ms, X(:, 1:4))), [6, 4]);

%!error <MODEL must be an rnnkit model> rnn_predict (struct (), ones (2, 3))
%!error <built for 1> rnn_predict (m, ones (2, 3, 2))
%!error <contains Inf> rnn_predict (m, [1 Inf 2])
%!error <needs a classifier> rnn_predict (m, X, "Type", "class")
%!error <'Type' must be one of> rnn_predict (m, X, "Type", "prob")
%!error id=rnnkit:dim rnn_predict (m, zeros (0, 3))

## a model struct that lost or changed a part the core reads
%!error <not an intact rnnkit model: it has no config.n_out> rnn_predict (setfield (m, "config", rmfield (m.config, "n_out")), X)
%!error <config.n_in is double 1.5> rnn_predict (setfield (m, "config", setfield (m.config, "n_in", 1.5)), X)
%!error <config.cell_code is 'lstm'> rnn_predict (setfield (m, "config", setfield (m.config, "cell_code", "lstm")), X)
%!error <params is a 3x1 double, but its config needs> rnn_predict (setfield (m, "params", [1; 2; 3]), X)
%!error <params is a 64x1 sparse double> rnn_predict (setfield (m, "params", sparse (m.params)), X)
%!error <its config is invalid> rnn_predict (setfield (m, "config", setfield (m.config, "units", 2e6)), X)
%!error <rnn_predict takes at least 2 argument> rnn_predict (m)
%!error <did you mean 'Type'> rnn_predict (m, X, "Typ", "class")
%!error <option 'Type' has no value; options come in name/value pairs> rnn_predict (m, X, "Type")
%!error <valid options: Type> rnn_predict (m, X, "Kind", "class")
%!error <option names must be strings> rnn_predict (m, X, 5, "Type")
%!test
%! assert (rnn_predict (m, X, "type", "response"), rnn_predict (m, X));
