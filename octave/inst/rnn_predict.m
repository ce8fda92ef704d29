## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{Y} =} rnn_predict (@var{model}, @var{X})
## @deftypefnx {} {@var{Y} =} rnn_predict (@var{model}, @var{X}, "Type", "class")
## @deftypefnx {} {@var{P} =} rnn_predict (@var{model}, @var{w}, "Units", "original")
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
## predicted labels as a cell of strings (numeric classes as their text,
## @code{model.classes}: Octave has no categorical type; see
## @code{trainNetwork}).  Every prediction starts from a
## zero state; see @code{rnn_predict_and_update_state} for step-wise use.
##
## With @code{"Units", "original"}, a model fit from @code{rnn_windows}
## predicts the windows @var{w} from @code{rnn_windows} in the units of
## the data, as R's @code{predict()} on windows does: @var{P} holds
## columns, one row per window (an @code{rnnkit_object}: its name shows
## the first and last rows; @code{struct (P)} is a plain struct),
## @table @code
## @item date
## the date (@code{datenum}) of the window's (first) target, or its row
## when the data have no dates;
## @item actual
## the value that followed;
## @item predicted
## the prediction, unscaled (and, after a @qcode{'Transform'}, turned back
## into levels from the values up to the window's end);
## @item naive
## the naive forecast (the last value of the window);
## @item set
## @qcode{"train"}, @qcode{"gap"} or @qcode{"test"}, as @var{w} labels it;
## @end table
## and @code{outputs}, the names of the outputs (@qcode{"Close"}, or
## @qcode{"Close+1"} @dots{} for a direct model of several steps): with
## several outputs @code{actual}, @code{predicted} and @code{naive} have a
## column per output.  rnnkit's C core computes every number (the series
## engine R's @code{predict()} calls), so both hosts give the same bits.
## The default @code{"Units", "scaled"} gives the model's outputs as they
## are.
##
## A model fit on panel windows (@code{rnn_windows (..., 'Key', k)},
## issue 16) predicts panel windows in original units key by key: each
## series in its own units (its scaler undone, its transform inverted),
## with a column of keys (a cellstr, first, named as the key column of the
## windows, e.g. @code{Name}, as in R) beside the others; a key
## the model was not fit on is read with the windows' own scaler.  A model
## with a series embedding (@qcode{'SeriesEmbedding'}) reads each key's
## vector, and the mean of them for a key it was not fit on (said on
## stderr), as R does.  In scaled units it predicts the panel's windows as
## they are (with a series embedding, each window's key index appended).
## @seealso{rnn_fit, rnn_forecast}
## @end deftypefn

function Y = rnn_predict (model, X, varargin)
  check_nargin ("rnn_predict", nargin, 2, Inf, ...
                "Y = rnn_predict (model, X, 'Type', 'response' or 'class')");
  model = plain (model);
  X = plain (X);
  check_model (model, "rnn_predict");
  o = rnnkit_options (struct ("Type", "response", "Units", "scaled"), "rnn_predict", varargin);
  type = check_choice (o.Type, {"response", "class"}, "Type");
  units = check_choice (o.Units, {"scaled", "original"}, "Units");
  if (strcmp (units, "original"))
    if (strcmp (type, "class"))
      error ("rnnkit:input", "rnn_predict: 'Units' 'original' is for forecasting models, not 'Type' 'class'");
    endif
    if (is_panel (model))
      Y = wrap (predict_panel (model, X), "predictions");  # issue 16
    else
      Y = wrap (predict_original (model, X), "predictions");
    endif
    return;
  endif
  if (is_panel (model) && isstruct (X) && isfield (X, "x"))
    W = check_windows (X, "X");  # issue 16: each series on its own scale
    X = W.x;
    if (isfield (model.config, "n_series") && model.config.n_series > 0)
      ## a series embedding reads each window's key index (-1: unseen)
      [~, k] = ismember (W.index.key, model.prep.meta.keys);
      if (isstruct (X))  # compact windows
        X = compact_windows ("index", X, k(:) - 1);
      else
        X = cat (3, X, repmat (k(:) - 1, 1, size (X, 2)));
      endif
    endif
  elseif (isfield (model, "prep") && isstruct (X) && all (isfield (X, {"x", "meta", "scaler", "data"})))
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

## issue 18: the windows' predictions in original units, with dates,
## actual values, the naive forecast and the windows' sets, from the core
## (rnn_series_evaluate), as R's predict() gives them
function P = predict_original (model, w)
  prep = need_prep (model, "rnn_predict with 'Units' 'original'");
  if (! (isstruct (w) && isscalar (w) && all (isfield (w, {"x", "index", "meta", "scaler", "data"}))))
    error ("rnnkit:input", ["rnn_predict: with 'Units' 'original', X must be windows " ...
           "from rnn_windows (cut the series with rnn_windows first), not %s"], describe (w));
  endif
  w = check_windows (w, "X", true);
  meta = prep.meta;
  if (! isequal (cellstr (w.meta.features)(:)', meta.features) ...
      || ! isequal (cellstr (w.meta.target)(:)', meta.target) ...
      || w.meta.window != meta.window || w.meta.horizon != meta.horizon ...
      || ! isequal (transform_code (w.meta), transform_code (meta)))
    error ("rnnkit:input", ["rnn_predict: these windows (%s -> %s, window %d) do not " ...
           "match the model's (%s -> %s, window %d)"], strjoin (cellstr (w.meta.features), ", "), ...
           strjoin (cellstr (w.meta.target), ", "), w.meta.window, strjoin (meta.features, ", "), ...
           strjoin (meta.target, ", "), meta.window);
  endif
  v = prep.data.values;
  fj = scaler_cols (prep, prep.used);
  rws = w.index.target_row(:);
  p = __rnnkit__ ("predict", model.config, model.params, ...
                  model_x (model, windows_on_model_scale (prep, w)));  # issue 16: + series index
  [pred, actual, naive] = __rnnkit__ ("series_eval", w.data.values, ...
                                      scaler_cols (prep, meta.target), meta.horizon, rws, ...
                                      reshape (p, rows (p), []), prep.scaler.center(fj), ...
                                      prep.scaler.scale(fj), w.index.set(:), v, ...
                                      min (prep.data.split_row - 1, rows (v)), ...
                                      season_of (prep), transform_code (meta));
  if (isempty (w.data.index))
    date = rws;
  else
    date = w.data.index(rws);
    date = date(:);
  endif
  outs = meta.target;
  if (meta.horizon > 1)
    outs = cell (1, 0);
    for j = 1:numel (meta.target)
      for k = 1:meta.horizon
        outs{end+1} = sprintf ("%s+%d", meta.target{j}, k);
      endfor
    endfor
  endif
  P = struct ("date", date, "actual", actual, "predicted", pred, "naive", naive, ...
              "set", {w.index.set(:)}, "outputs", {outs});
endfunction

## issue 16: the predictions of a panel model in each series' units: the
## key's view of the model (its data and scaler; a series the model was
## not fit on with the windows' own) on the key's windows, rows bound
## with a key column, as R's predict() of panel windows
function P = predict_panel (model, w)
  if (! (isstruct (w) && isscalar (w) && is_panel (w)))
    error ("rnnkit:input", ["rnn_predict: a model fit on a panel predicts panel " ...
           "windows in original units: rnn_windows (data, 'Key', '%s', ...), not %s"], ...
           char (model.prep.meta.key), describe (w));
  endif
  w = check_windows (w, "X", true);
  parts = {};
  for k = w.meta.keys
    wk = key_windows (w, k{1});
    p = predict_original (key_model (model, k{1}, wk), wk);
    kn = panel_key (model.prep.meta, fieldnames (p));  # the key column's name, as R
    p.(kn) = repmat (k, rows (p.date), 1);
    parts{end+1} = p;
  endfor
  P = parts{1};
  for f = {kn, "date", "actual", "predicted", "naive", "set"}
    P.(f{1}) = vertcat (cellfun (@(q) q.(f{1}), parts, "UniformOutput", false){:});
  endfor
  P = orderfields (P, [numel(fieldnames (P)), 1:numel(fieldnames (P)) - 1]);
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

## issue 18: predictions in original units, with dates, from the core
%!shared d, w, m
%! t = (0:99)';
%! d = struct ("Date", datenum (2021, 1, 4) + t, "Close", 100 + 10 * sin (t / 8));
%! w = rnn_windows (d, "Window", 8, "Test", 20);
%! m = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%!test
%! P = rnn_predict (m, w, "Units", "original");
%! assert (fieldnames (P)', {"date", "actual", "predicted", "naive", "set", "outputs"});
%! assert (P.date, d.Date(9:100));
%! assert (P.actual, d.Close(9:100));
%! assert (P.naive, d.Close(8:99));
%! assert (P.set, w.index.set(:));
%! assert (sum (strcmp (P.set, "test")), 20);
%! assert (P.outputs, {"Close"});
%! ## the scaled predictions unscaled (minmax: times the range plus the min)
%! s = rnn_predict (m, w);
%! c = m.prep.scaler.center(end);
%! r = m.prep.scaler.scale(end);
%! assert (P.predicted, s * r + c, 1e-10);
%! ## the test rows score as rnn_accuracy scores them
%! T = rnn_accuracy (m);
%! k = strcmp (P.set, "test");
%! assert (T(1).RMSE, sqrt (mean ((P.actual(k) - P.predicted(k)) .^ 2)), 1e-10);
%!test
%! ## a direct model: a column per step; undated data: rows for dates
%! wd = rnn_windows (struct ("y", d.Close), "Window", 8, "Horizon", 2);
%! md = rnn_fit (wd, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! P = rnn_predict (md, wd, "Units", "original");
%! assert (P.outputs, {"y+1", "y+2"});
%! assert (size (P.predicted), [numel(wd.index.target_row), 2]);
%! assert (P.date, wd.index.target_row(:));
%! assert (P.actual(1, :), d.Close([9 10])');
%!test
%! ## a log transform: predictions back in levels
%! wl = rnn_windows (d, "Window", 8, "Transform", "log", "Test", 10);
%! ml = rnn_fit (wl, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! P = rnn_predict (ml, wl, "Units", "original");
%! assert (all (P.predicted > 50 & P.predicted < 200));
%!error <X must be windows from rnn_windows> rnn_predict (m, w.x, "Units", "original")
%!error <do not match the model's> rnn_predict (m, rnn_windows (d, "Window", 5), "Units", "original")
%!error <'Units' must be one of> rnn_predict (m, w, "Units", "raw")
%!error <needs a model fit from rnn_windows> rnn_predict (rnn_fit (w.x, w.y, "Units", 2, "Epochs", 1, "Verbose", false), w, "Units", "original")

## issue 16: a panel model predicts each key in its own units; each series
## is scaled on its own training rows, and the scaling is undone per key:
## series b = 1000 a + 7 has a's scaled windows, so its predictions are
## a's mapped the same way
%!shared mp, wp
%! t = (0:59)';
%! a = 100 + 10 * sin (t / 3) + t;
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t], 1), ...
%!             "Name", {[repmat({"a"}, 60, 1); repmat({"b"}, 60, 1)]}, "v", [a; 1000 * a + 7]);
%! wp = rnn_windows (d, "Key", "Name", "Window", 6, "Split", "2019-01-01");
%! mp = rnn_fit (wp, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%!test
%! P = struct (rnn_predict (mp, wp, "Units", "original"));
%! ka = strcmp (P.Name, "a");
%! kb = strcmp (P.Name, "b");
%! assert (sum (ka), 54);
%! assert (P.predicted(kb), 1000 * P.predicted(ka) + 7, 1e-9 * max (P.predicted(kb)));
%! assert (P.actual(kb), 1000 * P.actual(ka) + 7, 1e-9);
%! assert (P.date(ka), P.date(kb));
%! assert (unique (P.set(ka)), {"test"; "train"});
%! ## scaled units: the panel's windows as they are
%! assert (rnn_predict (mp, wp), rnn_predict (mp, wp.x));
%!error id=rnnkit:input rnn_predict (mp, wp.x, "Units", "original")

## issue 16: the key field of a panel's predictions, forecasts and
## accuracy table is named as the key column ('Key'), as R's column: here
## SeriesID; rnn_summary and rnn_plot find it by that name; a key column
## named as a field of the result is an error that says to rename it
%!test
%! t = (0:39)';
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t], 1), ...
%!             "SeriesID", {[repmat({"s1"}, 40, 1); repmat({"s2"}, 40, 1)]}, ...
%!             "v", [100 + t; 50 + 2 * t]);
%! w = rnn_windows (d, "Key", "SeriesID", "Window", 5, "Split", "2017-06-01");
%! m = rnn_fit (w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! P = struct (rnn_predict (m, w, "Units", "original"));
%! assert (fieldnames (P)(1:2)', {"SeriesID", "date"});
%! assert (unique (P.SeriesID, "stable"), {"s1"; "s2"});
%! fc = struct (rnn_forecast (m, 2, "NPaths", 20, "Seed", 1));
%! assert ({fc.SeriesID}, {"s1", "s2"});
%! assert (! isfield (fc, "key"));
%! f1 = struct (rnn_forecast (m, 2, "Key", "s2", "NPaths", 20, "Seed", 1));
%! assert (f1.SeriesID, "s2");
%! T = struct (rnn_accuracy (m));
%! assert (fieldnames (T)(1:2)', {"SeriesID", "model"});
%! assert ({T([1 end]).SeriesID}, {"s1", "(pooled)"});
%! txt = rnn_summary (rnn_accuracy (m));
%! assert (! isempty (strfind (txt, "SeriesID")) && ! isempty (strfind (txt, "(pooled) = the mean over the 2 series")));
%! assert (! isempty (strfind (rnn_summary (rnn_predict (m, w, "Units", "original")), "of 2 series")));
%! assert (strncmp (rnn_summary (rnn_forecast (m, 2, "Key", "s2", "NPaths", 20, "Seed", 1)), "SeriesID s2: ", 13));
%! s = rnn_plot (rnn_predict (m, w, "Units", "original"), "Draw", false);
%! assert ({s.key}, {"s1", "s2"});
%! s = rnn_plot (rnn_forecast (m, 2, "NPaths", 20, "Seed", 1), "Draw", false, "Key", "s2");
%! assert (s.key, "s2");
%! d.set = d.SeriesID;
%! d = rmfield (d, "SeriesID");
%! m = rnn_fit (rnn_windows (d, "Key", "set", "Window", 5, "Split", "2017-06-01"), ...
%!              "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! assert (struct (rnn_forecast (m, 2, "Key", "s1", "NPaths", 20, "Seed", 1)).set, "s1");
%! try
%!   rnn_predict (m, rnn_windows (d, "Key", "set", "Window", 5, "Split", "2017-06-01"), "Units", "original");
%!   error ("no error");
%! catch e
%!   assert (e.identifier, "rnnkit:input");
%!   assert (! isempty (strfind (e.message, "rename it")));
%! end_try_catch

## issue 16: a panel model with a series embedding predicts each key with
## its index as the last input (as R), and a series it was not fit on
## with -1 (the mean embedding)
%!test
%! me = rnn_fit (wp, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false, "SeriesEmbedding", 2);
%! P = struct (rnn_predict (me, wp, "Units", "original"));
%! kb = strcmp (P.Name, "b");
%! xb = wp.x(strcmp (wp.index.key, "b"), :, :);
%! pb = rnn_predict (me, cat (3, xb, ones (size (xb, 1), size (xb, 2))));
%! assert (P.predicted(kb), pb * me.prep.scaler.scale(2) + me.prep.scaler.center(2), -1e-12);
%! t = (0:59)';
%! dn = struct ("Date", datenum (2015, 1 + t, 1), "Name", {repmat({"new"}, 60, 1)}, ...
%!              "v", 100 + 10 * sin (t / 3) + t);
%! wn = rnn_windows (dn, "Key", "Name", "Window", 6, "Split", "2019-01-01");
%! Pn = struct (rnn_predict (me, wn, "Units", "original"));
%! pn = rnn_predict (me, cat (3, wn.x, -ones (size (wn.x, 1), 6)));
%! assert (Pn.predicted, pn * wn.scaler.scale + wn.scaler.center, -1e-12);
%! ## scaled units: each window's key index appended, -1 for an unseen key
%! ki = double (strcmp (wp.index.key, "b"));
%! assert (rnn_predict (me, wp), rnn_predict (me, cat (3, wp.x, repmat (ki, 1, 6))));
%! assert (rnn_predict (me, wn), pn);

