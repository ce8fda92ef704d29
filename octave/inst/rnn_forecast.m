## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{fc} =} rnn_forecast (@var{model})
## @deftypefnx {} {@var{fc} =} rnn_forecast (@var{model}, @var{h}, @var{name}, @var{value}, @dots{})
## @deftypefnx {} {@var{fc} =} rnn_forecast (@var{model}, @var{name}, @var{value}, @dots{})
## The next @var{h} values after the end of the data a model was fit from,
## with prediction intervals from simulated sample paths (bootstrapped
## one-step residuals), exactly as R's @code{forecast()}: the same model
## and seed give the same numbers in both.
##
## The paths are centred on the point forecast: at each step they are
## shifted, in original units, so that their median is the point
## forecast, so the point always lies inside its bands.  A recursive
## model's paths draw the one-step errors of the rows after the windows'
## split (the test part, which the model did not train on) when there are
## at least 20; otherwise (a direct model, no test part) the in-sample
## one-step errors of the training windows, which tend to make the bands
## too narrow.  Centring keeps the errors' spread, not their bias; a model
## that errs systematically on new data is better served by
## @qcode{'Intervals', 'conformal'}, which
## instead forecasts @var{h} steps from every rolling origin among the
## rows after the windows' split (rows the model did not train on),
## collects the errors by step (relative, log(actual/forecast), under the
## @qcode{'log'} and @qcode{'logdiff'} transforms, else in original units)
## and sets the band of step k from their ranks (split conformal: the
## floor((n+1)a)-th and ceil((n+1)(1-a))-th smallest of the n errors of
## step k, a = (1 - level/100)/2, infinite where the rank falls outside
## 1..n), around the point and widened to hold it.  It needs a model fit
## with a test part (@qcode{'Test'} or @qcode{'Split'} of
## @code{rnn_windows}) and returns no paths.
##
## @var{model} must come from @code{rnn_fit} on the struct of
## @code{rnn_windows} (or from R's windows or formula interface, read with
## @code{rnn_load}).  A model with @qcode{'Horizon'} 1 that predicts all its
## features forecasts recursively (feeding its forecasts back in); one with
## a longer horizon forecasts directly, up to that horizon.  @var{h}
## defaults to 10 (recursive) or the horizon (direct); it may be left
## out before the options, e.g. @code{rnn_forecast (model, "Level", 95)}.
##
## An ensemble (@code{rnn_fit (..., 'Ensemble', k)}) forecasts the
## members' mean (fed back when recursive); each simulated path draws a
## member, then bootstraps residuals, in the C core, as in R.
##
## Options:
## @table @asis
## @item @qcode{'Level'}
## interval levels in percent, [] for none [[80 95]]
## @item @qcode{'NPaths'}
## simulated paths, at least 20 with intervals [1000]
## @item @qcode{'Seed'}
## a whole number in 0..2^53 fixing the simulation; [] draws one [[]]
## @item @qcode{'Series'}
## the target to report [@qcode{'Close'} if predicted, else the first target]
## @item @qcode{'Future'}
## a struct with the known future values of a model's exogenous columns
## (features that are not targets), one field per column, value k for
## forecast step k; an @var{h}-step forecast reads the first @var{h} - 1
## (a window ends at the row before its target) [none]
## @item @qcode{'Key'}
## for a model fit on panel windows (issue 16): the key (a string) or keys
## (a cellstr) to forecast, each from the end of its own series and in its
## own units; [all keys].  One key gives one forecast with a field of its
## key, named as the key column of the windows (e.g. @code{Name}, as R
## names the key); several a struct array of them (shown as their tables, the
## first three keys), one element per key, in the keys' order.  Each key is forecast with the same options (and
## @qcode{'Seed'}).  A key the panel lacks is an error @code{rnnkit:input}
## @item @qcode{'NewData'}
## for a model fit on panel windows: the recent history of a series it was
## not trained on (a struct of columns with the model's features, and its
## @qcode{'Date'} field, as @code{rnn_read_csv} returns), windowed, transformed
## and scaled on its own rows as the model's series were, then forecast
## from its end: how a new store or a new stock is forecast (R's
## @code{forecast (fit, h, newdata = )}).  A model with a series embedding
## reads the mean of its series' vectors for it (said on stderr); with
## @qcode{'Key'} one of the panel's keys, that key's vector (e.g. the key's
## history up to an earlier origin)
## @item @qcode{'Intervals'}
## @qcode{'paths'} (centred simulated paths) or @qcode{'conformal'}
## (held-out errors by step) [@qcode{'paths'}]
## @end table
##
## A model with covariates (exogenous columns, or calendar features from
## @code{rnn_windows (..., 'Calendar', 'auto')}) still forecasts
## recursively: the predicted targets are fed back and the covariates'
## future values fill the rest of each new row; the C core makes the
## calendar features of the forecast dates itself.  Missing future values
## are an error @code{rnnkit:input}, too few @code{rnnkit:dim}.
##
## The result (an @code{rnnkit_object}: its name shows the table of
## forecasts; @code{struct (fc)} is a plain struct) has fields
## @code{mean} (@var{h} x 1), @code{lower} and
## @code{upper} (@var{h} x levels), @code{level}, @code{dates} (datenums:
## trading days for daily data without weekends, months, quarters or years
## for such data (a day the month lacks rolls over, as R's seq ()),
## else the median step; row numbers without dates), @code{paths}
## (NPaths x @var{h}), @code{series}, @code{method}, @code{x} (the history),
## @code{history_dates}, @code{npaths}, @code{direct} and @code{naive_mae},
## all in original units, and @code{intervals} and @code{note}, which say
## which errors drove the intervals (with @qcode{'conformal'} also
## @code{n_calib}, the held-out errors per step).
## @seealso{rnn_windows, rnn_fit, rnn_accuracy}
## @end deftypefn

function fc = rnn_forecast (model, h = [], varargin)
  check_nargin ("rnn_forecast", nargin, 1, Inf, ...
                "fc = rnn_forecast (model, h, 'Level', [80 95], ...)");
  model = plain (model);
  if (ischar (h))   # rnn_forecast (model, 'Name', value, ...): h left out
    varargin = [{h}, varargin];
    h = [];
  endif
  if (is_panel (model))
    fc = forecast_panel (model, h, varargin);  # issue 16
    return;
  endif
  prep = need_prep (model, "rnn_forecast");
  o = rnnkit_options (struct ("Level", [80 95], "NPaths", 1000, "Seed", [], ...
                              "Series", [], "Future", [], "Intervals", "paths"), ...
                      "rnn_forecast", varargin);
  meta = prep.meta;
  direct = meta.horizon > 1;
  if (! direct && ! all (ismember (meta.target, meta.features)))
    error ("rnnkit:input", ["rnn_forecast: this model reads %s but predicts " ...
           "%s, which it does not read, so it cannot feed its forecasts back in; fit " ...
           "with 'Horizon', h for direct forecasts, or with the target among the " ...
           "'Features' for recursive ones"], ...
           strjoin (meta.features, ", "), strjoin (meta.target, ", "));
  endif
  covariates = ! direct && ! isequal (meta.target, meta.features);
  if (isempty (h))
    if (direct)
      h = meta.horizon;
    else
      h = 10;
    endif
  endif
  if (direct)
    h = check_count (h, "h", 1, meta.horizon);
  else
    h = check_count (h, "h", 1, 1e5);
  endif
  level = o.Level;
  if (! isnumeric (level) || ! isreal (level) || any (isnan (level(:))) ...
      || any (level(:) <= 0 | level(:) >= 100))
    error ("rnnkit:input", "rnn_forecast: 'Level' must be percentages between 0 and 100, like [80 95]");
  endif
  level = unique (full (double (level(:))))';
  npaths = check_count (o.NPaths, "NPaths", 0, 1e6);
  intervals = check_choice (o.Intervals, {"paths", "conformal"}, "Intervals");
  conformal = strcmp (intervals, "conformal");
  if (conformal)
    npaths = 0;   # conformal bands come from held-out errors, not paths
  endif
  if (! isempty (level) && npaths < 20 && ! conformal)
    error ("rnnkit:input", ["rnn_forecast: prediction intervals need 'NPaths' >= 20 " ...
           "simulated paths (1000 is the default); use 'Level', [] for point forecasts only"]);
  endif
  series = o.Series;
  if (isempty (series))
    if (any (strcmp (meta.target, "Close")))
      series = "Close";
    else
      series = meta.target{1};
    endif
  endif
  series = check_choice (series, meta.target, "Series");
  seeds = core_seed (o.Seed);

  ## the core takes the newest window, slices, unscales and takes the
  ## quantiles (rnn_forecast_series)
  values = prep.data.values;
  n = rows (values);
  sj = scaler_cols (prep, series);
  fj = scaler_cols (prep, meta.features);
  spec = struct ("values", values(:, fj), "window", meta.window, ...
                 "locf", double (strcmp (meta.na, "locf")), "center", prep.scaler.center(fj), ...
                 "scale", prep.scaler.scale(fj), "direct", double (direct), ...
                 "horizon", meta.horizon, "h", h, ...
                 "target", find (strcmp (meta.target, series)), ...
                 "target_center", prep.scaler.center(sj), ...
                 "target_scale", prep.scaler.scale(sj), "history", values(:, sj), ...
                 "resid", full (double (model.residuals)), "npaths", npaths, ...
                 "levels", level, "transform", transform_code (meta), ...
                 "transformed", double (ismember (meta.features, meta.target)), ...
                 "conformal", double (conformal), "heldout", 1, ...
                 "n_trained", prep.data.split_row - 1);
  hist = values(:, sj);
  index = prep.data.index;
  if (isempty (index))
    dates = n + (1:h)';
    hdates = (1:n)';
  else
    ## day counts for the core's calendar (rnn_next_dates): datenum - 719529
    dates = __rnnkit__ ("next_dates", index(:) - 719529, 1, h) + 719529;
    hdates = index(:);
  endif
  if (covariates)   # issue 15: fed-back targets and the covariates' future
    from = zeros (1, numel (meta.features)) - 1;
    [is_t, ti] = ismember (meta.features, meta.target);
    from(is_t) = ti(is_t) - 1;
    spec.from = from;
    spec.future = forecast_future (meta, o.Future, dates, h);
  endif
  if (isfield (model.config, "n_series") && model.config.n_series > 0)
    spec = series_spec (spec, model, h, direct, meta);  # issue 16
  endif
  [point, paths, lower, upper, n_calib, n_heldout] = ...
    __rnnkit__ ("forecast", model.config, model.params, spec, seeds);
  method = [layer_label(model.config), ensemble_label(model), ...
            merge(direct, " (direct)", " (recursive)")];
  ## the in-sample MAE of the naive forecast, for MASE (rnn_naive_scale in
  ## the core); NA for a constant history
  naive_mae = __rnnkit__ ("naive_scale", double (hist(:)), 1);
  naive_mae(isnan (naive_mae)) = NA;
  fc = struct ("method", method, "series", series, "mean", point, ...
               "lower", lower, "upper", upper, "level", level, "x", hist, ...
               "dates", dates, "history_dates", hdates, "paths", paths, ...
               "npaths", npaths, "direct", direct, ...
               "naive_mae", naive_mae, "period", season_of (prep));
  ## which errors drove the intervals (issue 15), as R's print says
  fc.n_heldout = n_heldout;
  if (isempty (level))
    fc.intervals = "";
    fc.note = "";
  elseif (conformal)
    fc.intervals = "conformal";
    fc.n_calib = n_calib;
    fc.note = sprintf (["Conformal intervals from the errors of %d held-out " ...
                        "rolling origin%s%s the model did not train on"], n_calib(1), ...
                       merge (n_calib(1) != 1, "s", ""), ...
                       merge (h > 1, sprintf (" (%d at step %d)", n_calib(end), h), ""));
  elseif (n_heldout > 0)
    fc.intervals = "paths";
    fc.note = sprintf (["Intervals from %d simulated paths centred on the point " ...
                        "forecast, with bootstrapped out-of-sample one-step errors " ...
                        "(%d held-out rows)"], npaths, n_heldout);
  else
    fc.intervals = "paths";
    fc.note = sprintf (["Intervals from %d simulated paths centred on the point " ...
                        "forecast, with bootstrapped in-sample residuals: intervals " ...
                        "may be too narrow; 'Intervals', 'conformal' calibrates " ...
                        "them on held-out rows"], npaths);
  endif
  fc = wrap (fc, "forecast");
endfunction

## issue 16: a panel model forecasts each key (all by default, or 'Key')
## as the one-series model of the key's view, with the same options; with
## 'NewData' (a series in original units the model did not see), that
## series windowed and scaled on its own history as the model's were
function fc = forecast_panel (model, h, args)
  keep = true (size (args));
  key = [];
  newdata = [];
  for i = 1:2:numel (args) - 1
    if (ischar (args{i}) && any (strcmpi (args{i}, {"Key", "NewData"})))
      keep([i, i+1]) = false;
      if (strcmpi (args{i}, "Key"))
        key = args{i+1};
      else
        newdata = args{i+1};
      endif
    endif
  endfor
  args = args(keep);
  prep = model.prep;
  meta = prep.meta;
  if (! isempty (newdata))
    tf = "none";
    if (isfield (meta, "transform"))
      tf = meta.transform;
    endif
    wa = {"Target", meta.target, "Features", meta.features, "Window", meta.window, ...
          "Horizon", meta.horizon, "NA", meta.na, "Scale", prep.scaler.method, ...
          "Transform", tf};
    if (isfield (meta, "date") && ! isempty (meta.date))
      wa(end+1:end+2) = {"Date", meta.date};
    endif
    if (any (strcmp (cellstr (tf), "sdiff")))
      wa(end+1:end+2) = {"Period", meta.period};
    endif
    if (isfield (meta, "lambda_method"))
      ## 'Lambda', 'auto' (issue 16): a key of the panel keeps its lambda,
      ## another series has its own estimated, as its scaler is fitted
      ki = find (strcmp (cellstr (meta.keys), key), 1);
      if (ischar (key) && ! isempty (ki))
        wa(end+1:end+2) = {"Lambda", meta.lambda(ki)};
      else
        wa(end+1:end+2) = {"Lambda", "auto"};
      endif
    elseif (isfield (meta, "lambda"))
      wa(end+1:end+2) = {"Lambda", meta.lambda};
    endif
    w = rnn_windows (newdata, wa{:});
    ## a key of the panel with 'NewData' (its history, e.g. up to an
    ## earlier origin) reads that key's embedding; any other series the mean
    w = struct (w);
    if (ischar (key) && any (strcmp (cellstr (meta.keys), key)))
      mk = key_model (model, key);
      mk.prep = struct ("meta", w.meta, "scaler", w.scaler, "data", w.data);
    else
      mk = key_model (model, "newdata", w);
    endif
    fc = rnn_forecast (mk, h, args{:});
    return;
  endif
  keys = check_keys (key, meta.keys, "rnn_forecast");
  for i = 1:numel (keys)
    f = struct (rnn_forecast (key_model (model, keys{i}), h, args{:}));
    f.(panel_key (meta, fieldnames (f))) = keys{i};  # named as the key column, as R
    fcs(i, 1) = orderfields (f, [numel(fieldnames (f)), 1:numel(fieldnames (f)) - 1]);
  endfor
  fc = wrap (fcs, "forecast");
endfunction

## issue 16: the forecast spec of a model with a series embedding reads
## the view's series index (model_x) as a last input, a covariate whose
## future is known: unscaled, untransformed, never fed back (R's series_spec)
function spec = series_spec (spec, model, h, direct, meta)
  idx = -1;
  if (isfield (model, "series_index"))
    idx = model.series_index;
  endif
  spec.values(:, end+1) = idx;
  spec.center(end+1) = 0;
  spec.scale(end+1) = 1;
  spec.transformed(end+1) = 0;
  if (! direct)
    if (! isfield (spec, "from"))
      [~, ti] = ismember (meta.features, meta.target);
      spec.from = ti - 1;
      spec.future = NaN (h, numel (meta.features));
    endif
    spec.from(end+1) = -1;
    spec.future(:, end+1) = idx;
  endif
endfunction

## issue 15 covariates: h x n_in known future inputs (NaN for targets):
## the calendar features of the forecast dates (core), exogenous columns
## from the struct FUT (h - 1 values are read)
function fut = forecast_future (meta, future, dates, h)
  f = meta.features;
  fut = NaN (h, numel (f));
  calnames = {};
  if (isfield (meta, "calendar") && ! isempty (meta.calendar))
    [cal, calnames] = __rnnkit__ ("calendar", dates(:) - 719529, cellstr (meta.calendar));
    [~, k] = ismember (calnames, f);
    fut(:, k) = cal;
  endif
  exo = f(! ismember (f, [meta.target(:)', calnames]));
  if (isempty (exo) || h < 2)
    return;
  endif
  how = sprintf (["give 'Future', a struct with field(s) %s holding at least %d " ...
                  "known future value(s), or fit with 'Horizon', h for direct forecasts"], ...
                 strjoin (exo, ", "), h - 1);
  if (isempty (future))
    error ("rnnkit:input", ["rnn_forecast: this model reads %s but does not predict it: " ...
           "a %d-step recursive forecast needs its values at the next %d step(s); %s"], ...
           strjoin (exo, ", "), h, h - 1, how);
  endif
  if (! isstruct (future) || ! isscalar (future))
    error ("rnnkit:input", "rnn_forecast: 'Future' must be a struct, not %s; %s", ...
           describe (future), how);
  endif
  for j = 1:numel (exo)
    if (! isfield (future, exo{j}))
      error ("rnnkit:input", "rnn_forecast: 'Future' has no field %s; %s", exo{j}, how);
    endif
    v = future.(exo{j});
    if (! isnumeric (v) || numel (v) < h - 1)
      error ("rnnkit:dim", "rnn_forecast: 'Future'.%s has %d value(s); a %d-step forecast needs %d", ...
             exo{j}, numel (v), h, h - 1);
    endif
    v = double (v(1:h-1));
    if (! all (isfinite (v)))
      error ("rnnkit:input", "rnn_forecast: the future value of %s at step %d is missing; %s", ...
             exo{j}, find (! isfinite (v), 1), how);
    endif
    fut(1:h-1, strcmp (f, exo{j})) = v(:);
  endfor
endfunction


%!shared m, d
%! t = (0:199)';
%! d = struct ("Date", datenum (2021, 1, 4) + t, "Close", 100 + 10 * sin (t / 8));
%! w = rnn_windows (d, "Window", 8, "Test", 20);
%! m = rnn_fit (w, "Units", 4, "Epochs", 3, "Seed", 1, "Verbose", false);

%!test
%! fc = rnn_forecast (m, 5, "NPaths", 200, "Seed", 1);
%! assert (size (fc.mean), [5, 1]);
%! assert (size (fc.lower), [5, 2]);
%! assert (size (fc.paths), [200, 5]);
%! assert (fc.level, [80 95]);
%! assert (all (fc.lower(:, 2) <= fc.lower(:, 1)));
%! assert (all (fc.upper(:, 2) >= fc.upper(:, 1)));
%! assert (fc.dates, d.Date(end) + (1:5)');
%! assert (fc.method, "LSTM(4) (recursive)");
%! fc2 = rnn_forecast (m, 5, "NPaths", 200, "Seed", 1);
%! assert (isequal (fc, fc2));
%! fc3 = rnn_forecast (m, 5, "NPaths", 200, "Seed", 2);
%! assert (! isequal (fc.upper, fc3.upper));
%! assert (fc3.mean, fc.mean);

## direct multi-step; point forecasts only
%!test
%! w = rnn_windows (d, "Window", 8, "Horizon", 3, "Test", 20);
%! md = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (md, [], "Level", []);
%! assert (size (fc.mean), [3, 1]);
%! assert (fc.direct, true);
%! assert (isempty (fc.lower));

## trading days after data without weekends
%!test
%! wd = datenum (2021, 1, 4) + [0 1 2 3 4 7 8 9 10 11]';
%! w = rnn_windows (struct ("Date", wd, "v", (1:10)'), "Window", 3, "Scale", "none");
%! mm = rnn_fit (w, "Units", 1, "Epochs", 1, "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (mm, 3, "Level", []);
%! assert (fc.dates, datenum (2021, 1, [18 19 20])');

## issue 14: forecast dates come from the core's calendar (rnn_next_dates),
## as in R: months from the last day of the month roll over as R's seq()
## (31 January + 1 month = 3 March in 2021), quarters, years from 29
## February, weeks
%!function fc = fc_after (dates)
%!  w = rnn_windows (struct ("Date", dates(:), "v", sin (1:numel (dates))'), ...
%!                   "Window", 3, "Scale", "none");
%!  fc = rnn_forecast (rnn_fit (w, "Units", 1, "Epochs", 1, "Seed", 1, ...
%!                              "Verbose", false), 3, "Level", []);
%!endfunction
%!test
%! fc = fc_after (datenum (2020, 2:13, 1) - 1);
%! assert (fc.dates, datenum (2021, [1 3 3], [31 3 31])');
%!test
%! fc = fc_after (datenum (2018, 2:3:35, 28));
%! assert (fc.dates, datenum (2021, [2 5 8], 28)');
%!test
%! fc = fc_after ([datenum(2014:2019, 2, 28), datenum(2020, 2, 29)]);
%! assert (fc.dates, datenum ([2021 2022 2023], 3, 1)');
%!test
%! fc = fc_after (datenum (2021, 1, 3) + 7 * (0:9));
%! assert (fc.dates, datenum (2021, 1, 3) + 7 * (10:12)');

## the newest window is taken by the core: missing values carried forward
## with NA "locf", an error otherwise
%!test
%! dn = d;
%! dn.Close(end - 1) = NaN;
%! ml = rnn_fit (rnn_windows (dn, "Window", 8, "NA", "locf"), "Units", 2, ...
%!               "Epochs", 1, "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (ml, 2, "Level", []);
%! mf = ml;
%! mf.prep.data.values(end - 1, 1) = NaN;
%! assert (rnn_forecast (mf, 2, "Level", []).mean, fc.mean);
%! mf.prep.meta.na = "omit";
%! fail ("rnn_forecast (mf, 2)", "the last 8 rows hold a missing value");

## h may be left out before the options (names in any case)
%!test
%! a = rnn_forecast (m, [], "Seed", 1, "NPaths", 50);
%! b = rnn_forecast (m, "Seed", 1, "NPaths", 50);
%! c = rnn_forecast (m, 10, "seed", 1, "npaths", 50);
%! assert (isequal (a, b, c));
%! fc = rnn_forecast (m, "Level", 95, "NPaths", 50, "Seed", 1);
%! assert (fc.level, 95);
%! assert (size (fc.mean), [10, 1]);
%!error <unknown option 'Levle'; did you mean 'Level'\? Valid options: Level, NPaths, Seed, Series, Future, Intervals> rnn_forecast (m, "Levle", 95)
%!error id=rnnkit:input rnn_forecast (m, "Level")
%!error <option 'Level' has no value> rnn_forecast (m, 5, "Level")
%!error id=rnnkit:input rnn_forecast (struct ("config", 1, "params", 1))
%!error id=rnnkit:input rnn_forecast (m, 5, "Level", 120)
%!error <need 'NPaths'> rnn_forecast (m, 5, "NPaths", 5)
%!error id=rnnkit:input rnn_forecast (m, 0)

## regressions found by tests/octave/random_inputs.m
%!error <'Level' must be percentages> rnn_forecast (m, 5, "Level", {})
%!error <prep.meta has no field window> rnn_forecast (setfield (m, "prep", setfield (m.prep, "meta", rmfield (m.prep.meta, "window"))))
%!error <prep.data.index is a 1x1 cell, not 200 dates> rnn_forecast (setfield (m, "prep", setfield (m.prep, "data", setfield (m.prep.data, "index", {1}))))
%!error <residuals is a 3x2 double, not a matrix with 1 columns> rnn_forecast (setfield (m, "residuals", ones (3, 2)))
%!error <config.cell is not> rnn_forecast (setfield (m, "config", rmfield (m.config, "cell")))
%!error <rnnkit:size|would need> rnn_forecast (m, 1e5, "NPaths", 1e6)

## issue 15: a model on diff windows that predicts a change of 0 (all
## weights zero, no scaling) forecasts the last value, exactly; log
## returns of 0 too; seasonal differences repeat the last year
%!test
%! w = rnn_windows (d, "Window", 8, "Transform", "diff", "Scale", "none", "Test", 20);
%! mz = rnn_fit (w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! mz.params(:) = 0;
%! assert (rnn_forecast (mz, 4, "Level", []).mean, repmat (d.Close(end), 4, 1));
%! w = rnn_windows (d, "Window", 8, "Horizon", 3, "Transform", "logdiff", ...
%!                  "Scale", "none", "Test", 20);
%! mz = rnn_fit (w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! mz.params(:) = 0;
%! assert (rnn_forecast (mz, [], "Level", []).mean, repmat (d.Close(end), 3, 1));
%! fc = rnn_forecast (rnn_fit (rnn_windows (d, "Window", 8, "Transform", "diff", "Test", 20), ...
%!                             "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false), 3, "Seed", 1);
%! assert (abs (fc.mean(1) - d.Close(end)) < 5);
%!test
%! t = (0:59)';
%! dm = struct ("Date", datenum (2015, 1 + t, 1), "y", 100 + 10 * sin (2 * pi * t / 12) + t);
%! w = rnn_windows (dm, "Window", 6, "Transform", "sdiff", "Scale", "none", "Test", 6);
%! mz = rnn_fit (w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! mz.params(:) = 0;
%! assert (rnn_forecast (mz, 30, "Level", []).mean, dm.y([49:60, 49:60, 49:54]));

%!test
%! ## issue 15: calendar features; the forecast feeds its predictions back
%! t = (0:59)';
%! dm = struct ("Date", datenum (2015, 1 + t, 1), "y", 100 + 10 * sin (t * pi / 6) + t);
%! w = rnn_windows (dm, "Window", 6, "Calendar", "auto");
%! assert (w.meta.calendar, {"month"});
%! assert (w.meta.features, {"y", "month_sin", "month_cos"});
%! assert (w.scaler.center(2:3), [0 0]);
%! assert (w.scaler.scale(2:3), [1 1]);
%! [~, mo] = datevec (dm.Date);
%! assert (w.data.values(:, 2), sin (2 * pi * (mo - 1) / 12), 1e-15);
%! mc = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (mc, 14, "NPaths", 30, "Seed", 2);
%! assert (fc.method, "LSTM(3) (recursive)");
%! assert (all (isfinite (fc.paths(:))));
%! wd = rnn_windows (d, "Window", 5, "Calendar", {"wday"});
%! assert (wd.data.values(:, 2), sin (2 * pi * (weekday (d.Date) - 1) / 7), 1e-15);

%!test
%! ## issue 15: an exogenous column, its future from 'Future'
%! t = (0:79)';
%! dx = struct ("Date", datenum (2021, 1, 1) + t, "y", 50 + cumsum (sin (t)), "x", cos (t));
%! mx = rnn_fit (rnn_windows (dx, "Target", "y", "Features", {"y", "x"}, "Window", 5), ...
%!               "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (mx, 4, "Level", [], "Future", struct ("x", [1 2 3]));
%! assert (size (fc.mean), [4 1]);
%! fc1 = rnn_forecast (mx, 1, "Level", []);
%! assert (fc1.mean, fc.mean(1));
%!error id=rnnkit:input rnn_forecast (rnn_fit (rnn_windows (struct ("Date", datenum (2021, 1, 1) + (0:29)', "y", (1:30)', "x", sin (1:30)'), "Target", "y", "Features", {"y", "x"}, "Window", 3), "Units", 1, "Epochs", 1, "Seed", 1, "Verbose", false), 3)
%!error id=rnnkit:input rnn_windows (d, "Window", 5, "Calendar", "weekly")
%!error id=rnnkit:input rnn_windows ((1:40)', "Window", 5, "Calendar", {"month"})

## issue 15, intervals: the point forecast lies inside its bands at every
## step and level (the core centres the paths on it), over fits of every
## cell, level and transformed targets, an ensemble, recursive and direct,
## with simulated paths and with conformal bands
%!test
%! air = rnn_example_data ("air");
%! t = (0:199)';
%! dd = struct ("Date", datenum (2021, 1, 4) + t, "Close", 100 + 10 * sin (t / 8) + t / 5);
%! cases = {dd, "none", "lstm", 1, 1; dd, "logdiff", "gru", 3, 2; dd, "diff", "simple", 1, 2; ...
%!          air, "sdiff", "lstm", 1, 1; air, "logdiff", "gru", 3, 1; air, "sdiff", "simple", 3, 2};
%! lev = [50 80 95 99];
%! for i = 1:rows (cases)
%!   [data, tf, cell, hz, ens] = cases{i, :};
%!   w = rnn_windows (data, "Window", 8, "Horizon", hz, "Test", 40, "Transform", tf);
%!   f = rnn_fit (w, "Cell", cell, "Units", 3, "Epochs", 2, "Seed", i, ...
%!                "Ensemble", ens, "Verbose", false);
%!   h = merge (hz == 1, 12, hz);
%!   fp = rnn_forecast (f, h, "Level", lev, "NPaths", 200, "Seed", i);
%!   fc = rnn_forecast (f, h, "Level", lev, "Intervals", "conformal");
%!   for g = {fp, fc}
%!     assert (all (all (g{1}.lower <= g{1}.mean & g{1}.mean <= g{1}.upper)), ...
%!             sprintf ("case %d: the point leaves its band", i));
%!   endfor
%!   assert (median (fp.paths)', fp.mean, 1e-10 * max (abs (fp.mean)));
%!   assert (fc.mean, fp.mean);
%!   assert (size (fc.paths), [0, h]);
%!   assert (fc.intervals, "conformal");
%!   assert (fp.intervals, "paths");
%! endfor

## conformal bands are the ranked errors of the held-out origins (as R's
## test-intervals.R checks by hand), and say so
%!test
%! w = rnn_windows (d, "Window", 8, "Test", 30);
%! f = rnn_fit (w, "Units", 3, "Epochs", 2, "Seed", 2, "Verbose", false);
%! fc = rnn_forecast (f, 2, "Level", [80 95], "Intervals", "conformal");
%! assert (fc.n_calib, [30; 29]);
%! assert (fc.note, "Conformal intervals from the errors of 30 held-out rolling origins (29 at step 2) the model did not train on");
%! fp = rnn_forecast (f, 2, "NPaths", 50, "Seed", 1);
%! assert (fp.n_heldout, 30);
%! assert (fp.note, ["Intervals from 50 simulated paths centred on the point forecast, " ...
%!                   "with bootstrapped out-of-sample one-step errors (30 held-out rows)"]);
%! f0 = rnn_fit (rnn_windows (d, "Window", 8, "Test", 10), "Units", 2, "Epochs", 1, ...
%!               "Seed", 1, "Verbose", false);
%! fp = rnn_forecast (f0, 2, "NPaths", 50, "Seed", 1);
%! assert (fp.n_heldout, 0);
%! assert (! isempty (strfind (fp.note, "in-sample residuals: intervals may be too narrow")));
%!error <did not train on> rnn_forecast (rnn_fit (rnn_windows (d, "Window", 8), "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false), 2, "Intervals", "conformal")
%!error <'Intervals' must be one of> rnn_forecast (m, 2, "Intervals", "bootstrap")

## issue 16: a panel model forecasts every key by default, one with
## 'Key', and a series unseen in training with 'NewData'
%!shared mp, dp
%! t = (0:59)';
%! a = 100 + 10 * sin (t / 3) + t;
%! dp = struct ("Date", datenum (2015, [1 + t; 1 + t], 1), ...
%!              "Name", {[repmat({"a"}, 60, 1); repmat({"b"}, 60, 1)]}, "v", [a; 3 * a]);
%! mp = rnn_fit (rnn_windows (dp, "Key", "Name", "Window", 6, "Transform", "log"), ...
%!               "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%!test
%! fc = rnn_forecast (mp, 3, "NPaths", 50, "Seed", 1);
%! assert ({fc.Name}, {"a", "b"});
%! s = rnn_summary (fc);  # shown as R's print: the keys' tables
%! assert (strncmp (s, "Forecasts of 2 series by LSTM(3) (recursive), 3 steps", 53));
%! assert (! isempty (strfind (s, "Name b: Forecast of v by LSTM(3)")));
%! fb = struct (rnn_forecast (mp, 3, "Key", "b", "NPaths", 50, "Seed", 1));
%! assert (fb.Name, "b");
%! assert (fb.mean, fc(2).mean);
%! assert (fb.paths, fc(2).paths);
%! assert (fc(1).x, dp.v(1:60));  # each key's own history, in its units
%! assert (fc(2).x, dp.v(61:120));
%! ## a series unseen in training, given its history: key a's series as a
%! ## new one is scaled on its own rows as the model's key a was (no
%! ## split), so its forecast is key a's, bit for bit
%! fn = struct (rnn_forecast (mp, 3, "NewData", struct ("Date", dp.Date(1:60), "v", dp.v(1:60)), ...
%!                            "NPaths", 50, "Seed", 1));
%! assert (fn.mean, fc(1).mean);
%! assert (fn.paths, fc(1).paths);
%! assert (fn.dates, fc(1).dates);
%! ## a new series of another size: a forecast in its own units
%! fz = struct (rnn_forecast (mp, 3, "NewData", struct ("Date", dp.Date(1:60), "v", 50 * dp.v(1:60)), ...
%!                            "Level", []));
%! assert (fz.x, 50 * dp.v(1:60));
%! assert (all (fz.mean > 1000));
%!error id=rnnkit:input rnn_forecast (mp, 2, "Key", "zz")
%!error id=rnnkit:input rnn_forecast (mp, 2, "Key", 3)

## issue 16: a panel model with a series embedding forecasts each key with
## the key's vector (its index as the last input, as R); 'Key' with
## 'NewData' reads that key's vector, a new series the mean of them
%!test
%! me = rnn_fit (rnn_windows (dp, "Key", "Name", "Window", 6, "Transform", "log"), ...
%!               "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false, "SeriesEmbedding", 2);
%! assert ([me.config.n_series, me.config.series_embed], [2 2]);
%! fc = rnn_forecast (me, 3, "NPaths", 50, "Seed", 1);
%! fb = struct (rnn_forecast (me, 3, "Key", "b", "NPaths", 50, "Seed", 1));
%! assert (fb.mean, fc(2).mean);
%! na = struct ("Date", dp.Date(1:60), "v", dp.v(1:60));
%! fa = struct (rnn_forecast (me, 3, "Key", "a", "NewData", na, "NPaths", 50, "Seed", 1));
%! assert (fa.mean, fc(1).mean);
%! assert (fa.paths, fc(1).paths);
%! fo = struct (rnn_forecast (me, 3, "Key", "b", "NewData", na, "NPaths", 50, "Seed", 1));
%! fn = struct (rnn_forecast (me, 3, "NewData", na, "NPaths", 50, "Seed", 1));
%! assert (fo.mean != fa.mean);  # key b's vector, not a's
%! assert (fn.mean != fa.mean);  # the mean vector
%! assert (fn.x, fa.x);
