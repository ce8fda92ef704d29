## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{T} =} rnn_accuracy (@var{model})
## @deftypefnx {} {@var{T} =} rnn_accuracy (@var{model}, @var{w})
## @deftypefnx {} {@var{T} =} rnn_accuracy (@var{fc}, @var{actual})
## RMSE, MAE, MAPE (in %), MASE and the directional accuracy DA (in %) in
## original units, with a row for the
## naive forecast (the last observed value carried forward) on the same
## targets, computed as R's @code{accuracy()}.
##
## With a @var{model} fit from @code{rnn_windows}, the model is scored on
## the test windows of the data it was fit from, or on the test windows of
## the struct @var{w} from @code{rnn_windows} (all its windows if it has no
## test part is an error, as in R).  With a forecast @var{fc} from
## @code{rnn_forecast}, @var{actual} holds the values that followed: a
## vector (the first @var{h} are used) or a struct with a @code{Date} field
## and a field named after the forecast series, matched by date (as in
## R: when the forecast and @var{actual} are both monthly, quarterly or
## yearly, by period, so a month dated on its first day matches the same
## month dated on its last).
##
## A model's table also has the baselines a forecaster expects: a
## @qcode{'snaive'} row (the value one season back) when a seasonal period
## is known (monthly or quarterly dates, or the period of an
## @qcode{'sdiff'} transform), and a @qcode{'drift'} row (the last value
## plus the mean change over the training rows, per step ahead).  Called
## without an output, it prints the table and names the baseline the
## model must beat (the best baseline by RMSE) and whether it does.
##
## MASE divides the MAE by the in-sample MAE of the one-step naive forecast
## on the training rows (for a forecast: on the whole history), or of the
## seasonal naive forecast when a seasonal period is known; below 1
## beats it, and it is NA when there is no such scale (a constant series).
## A pair with a missing value is skipped.
##
## @code{DA} is the directional accuracy in %, for price-like series whose
## direction matters: of the forecasts whose actual value moved from the
## last observed value (the naive forecast), the share that called the
## direction of the move (up or down) right, i.e. sign (forecast - last)
## == sign (actual - last), over the test windows (every step of a direct
## model, from its window's last value).  An actual value equal to the
## last value has no direction to call and is left out; a forecast equal
## to it calls none and counts as wrong.  The naive row calls no
## direction: its @code{DA} is NA (also NA when no actual value moved).
## A coin toss scores about 50; the drift row calls the training trend
## every time.  rnnkit's C core computes every number, so R's
## @code{accuracy()} shows the same bits.
##
## @var{T} (an @code{rnnkit_object}: its name shows the table, the
## baseline to beat and whether the model beats it; @code{struct (T)} is
## a plain struct array) has one element per row, with fields
## @code{model} (the model's label, @qcode{'naive'}, @qcode{'snaive'} or
## @qcode{'drift'}), @code{target}
## (only with several targets), @code{RMSE}, @code{MAE}, @code{MAPE},
## @code{MASE}, @code{DA} and @code{n} (the number of known actual values).
##
## A model fit on panel windows (issue 16) is scored per key, as R's
## @code{accuracy()}: a block of rows per key (the model, naive, snaive
## and drift, each key's test windows in its own units, with a
## @code{sMAPE} column, the symmetric MAPE in %) and then the
## @qcode{"(pooled)"} rows, per model label, the mean over the keys of the
## scale-free MASE and sMAPE (the other measures NA, @code{n} their sum),
## so that series of different sizes can be compared.  @var{T} then has a
## first field of keys named as the key column of the windows (e.g.
## @code{Name}, R's column of the table); the printed table names the pooled baseline to
## beat by MASE.  With panel windows @var{w}, their keys are scored
## (a key the model was not fit on, with the windows' own scaler; with a
## series embedding, with the mean of the keys' vectors).
## @seealso{rnn_windows, rnn_fit, rnn_forecast}
## @end deftypefn

function T = rnn_accuracy (object, x = [], varargin)
  check_nargin ("rnn_accuracy", nargin, 1, 2, ...
                "T = rnn_accuracy (model), rnn_accuracy (model, w) or rnn_accuracy (fc, actual)");
  object = plain (object);
  if (nargin > 1)
    x = plain (x);
  endif
  if (isstruct (object) && isscalar (object) && all (isfield (object, {"mean", "naive_mae", "series"})))
    if (nargin < 2)
      error ("rnnkit:input", "rnn_accuracy: a forecast needs the actual values that followed");
    endif
    T = wrap (forecast_accuracy (object, x), "accuracy");
    return;
  endif
  if (is_panel (object))
    T = wrap (accuracy_panel (object, x, nargin > 1), "accuracy");  # issue 16
  else
    [acc, meta] = score_model (object, x, nargin > 1);
    T = wrap (accuracy_table ([layer_label(object.config), ensemble_label(object)], ...
                              meta.target, acc), "accuracy");
  endif
  if (nargout == 0)
    printf ("%s", rnn_summary (T));
    clear T;
  endif
endfunction

## issue 16: a panel model's table, as R's accuracy(): one block of rows
## (the model and its naive, seasonal naive and drift baselines, with the
## scale-free sMAPE) per key, each the key's view of the model scored as
## one series, then the pooled rows: per model label (and target) the
## mean over the keys of MASE and sMAPE (rnn_panel_pool in the core)
function T = accuracy_panel (object, x, has_x)
  prep = object.prep;
  keys = cellstr (prep.meta.keys)(:)';
  if (! has_x)
    ok = false (size (keys));
    for i = 1:numel (keys)
      d = key_prep (prep, keys{i}).data;
      ok(i) = d.split_row <= rows (d.values);
    endfor
    keys = keys(ok);
    if (isempty (keys))
      error ("rnnkit:input", ["rnn_accuracy: the model was fit without a test part " ...
             "('Split' or 'Test'); pass windows: rnn_accuracy (model, " ...
             "rnn_windows (data, 'Key', ..., 'Split', ...))"]);
    endif
  else
    if (! (isstruct (x) && isscalar (x) && is_panel (x)))
      error ("rnnkit:input", ["rnn_accuracy: a model fit on a panel is scored on " ...
             "panel windows (rnn_windows (data, 'Key', '%s', ...)), not %s"], ...
             char (prep.meta.key), describe (x));
    endif
    x = check_windows (x, "W", true);
    keys = x.meta.keys;
  endif
  label = [layer_label(object.config), ensemble_label(object)];
  T = [];
  for k = keys
    if (has_x)
      wk = key_windows (x, k{1});
      [acc, meta] = score_model (key_model (object, k{1}, wk), wk, true);
    else
      [acc, meta] = score_model (key_model (object, k{1}), [], false);
    endif
    t = accuracy_table (label, meta.target, acc, [], [], [], true);
    kn = panel_key (prep.meta, fieldnames (t));  # named as the key column, as R
    [t.(kn)] = deal (k{1});
    T = [T; t];
  endfor
  T = orderfields (T, [numel(fieldnames (T)), 1:numel(fieldnames (T)) - 1]);
  grp = {T.model};
  if (isfield (T, "target"))
    grp = strcat ({T.model}, "\r", {T.target});
  endif
  [~, first] = unique (grp, "first");
  for i = sort (first(:))'
    sel = strcmp (grp, grp{i});
    r = T(i);
    r.(kn) = "(pooled)";
    v = __rnnkit__ ("panel_pool", [T(sel).MASE; T(sel).sMAPE]);
    [r.RMSE, r.MAE, r.MAPE, r.DA] = deal (NA);
    r.MASE = v(1);
    r.sMAPE = v(2);
    r.n = sum ([T(sel).n]);
    T(end+1, 1) = r;
  endfor
endfunction

## the core's accuracy matrix of a one-series model (the test part of its
## data, or of the windows X) and its meta
function [acc, meta] = score_model (object, x, has_x)
  prep = need_prep (object, "rnn_accuracy");
  meta = prep.meta;
  v = prep.data.values;
  n = rows (v);
  fj = scaler_cols (prep, prep.used);
  if (! has_x)
    ## the test part of the data the model was fit from, labelled by the
    ## core as rnn_windows labels it: a direct model is not scored on the
    ## newest windows, whose later steps lie beyond the data
    if (prep.data.split_row > n)
      error ("rnnkit:input", ["rnn_accuracy: the model was fit without a test part " ...
             "('Split' or 'Test'); pass windows: rnn_accuracy (model, w)"]);
    endif
    spec = struct ("window", meta.window, "horizon", 0, "stride", 1, ...
                   "omit", double (strcmp (meta.na, "omit")), "split_row", n + 1, ...
                   "n_test", 0, "method", -1, "transform", transform_code (meta));
    plan = __rnnkit__ ("series_plan", v, scaler_cols (prep, meta.features), ...
                       scaler_cols (prep, meta.target), spec, ...
                       prep.scaler.center(fj), prep.scaler.scale(fj));
    xw = plan.x;
    rws = plan.starts + meta.window;
    set = prep.data.split_row;  # the core labels the windows by the split
    values = v;
  elseif (isstruct (x) && isscalar (x) && all (isfield (x, {"x", "index", "meta", "scaler", "data"})))
    x = check_windows (x, "W", true);
    if (! isequal (cellstr (x.meta.features)(:)', meta.features) ...
        || ! isequal (cellstr (x.meta.target)(:)', meta.target) ...
        || x.meta.window != meta.window || x.meta.horizon != meta.horizon ...
        || ! isequal (transform_code (x.meta), transform_code (meta)))
      error ("rnnkit:input", "rnn_accuracy: these windows do not match the model's features, target, window, horizon or transform");
    endif
    if (! any (strcmp (x.index.set, "test")))
      error ("rnnkit:input", ["rnn_accuracy: these windows have no test part; make them " ...
             "with 'Split' or 'Test'"]);
    endif
    ## windows scaled by another scaler: back to original units, then the model's
    xw = windows_on_model_scale (prep, x);
    rws = x.index.target_row;
    set = x.index.set;
    values = x.data.values;
  else
    error ("rnnkit:input", ["rnn_accuracy: with a model, the second argument must be " ...
           "windows from rnn_windows, not %s"], describe (x));
  endif
  p = __rnnkit__ ("predict", object.config, object.params, model_x (object, xw));  # issue 16
  n_fit = min (prep.data.split_row - 1, n);
  [~, ~, ~, acc] = __rnnkit__ ("series_eval", values, scaler_cols (prep, meta.target), ...
                               meta.horizon, rws, reshape (p, rows (p), []), ...
                               prep.scaler.center(fj), prep.scaler.scale(fj), ...
                               set(:), v, n_fit, season_of (prep), transform_code (meta));
endfunction

function T = forecast_accuracy (fc, x)
  check_forecast (fc);
  h = numel (fc.mean);
  if ((isnumeric (x) || islogical (x)) && isvector (x) && isreal (x))
    actual = NaN (h, 1);
    k = min (h, numel (x));
    actual(1:k) = full (double (x(1:k)));
  elseif (isstruct (x) && isscalar (x) && isfield (x, fc.series))
    vals = x.(fc.series);
    if (! (isnumeric (vals) || islogical (vals)) || ! isreal (vals) ...
        || ! (isvector (vals) || isempty (vals)))
      error ("rnnkit:input", "rnn_accuracy: ACTUAL.%s must be a numeric vector, not %s", ...
             fc.series, describe (vals));
    endif
    vals = full (double (vals(:)));
    if (isfield (x, "Date"))
      d = as_datenum (x.Date, "ACTUAL.Date", "rnn_accuracy");
      if (numel (d) != numel (vals))
        error ("rnnkit:input", ["rnn_accuracy: ACTUAL.Date must be %d dates (datenums " ...
               "or 'yyyy-mm-dd'), one per value of ACTUAL.%s, not %s"], ...
               numel (vals), fc.series, describe (x.Date));
      endif
      ## by period where both are monthly, quarterly or yearly, else by
      ## day, as R (rnn_match_dates in the core, on days since 1970)
      loc = __rnnkit__ ("match_dates", full (double (fc.dates(:))) - 719529, ...
                        full (double (fc.history_dates(:))) - 719529, d(:) - 719529);
      ok = ! isnan (loc);
      actual = NaN (h, 1);
      actual(ok) = vals(loc(ok));
    else
      actual = NaN (h, 1);
      k = min (h, numel (vals));
      actual(1:k) = vals(1:k);
    endif
  else
    error ("rnnkit:input", ["rnn_accuracy: ACTUAL must be a numeric vector or a struct " ...
           "with a field %s, not %s"], fc.series, describe (x));
  endif
  if (all (isnan (actual)))
    error ("rnnkit:dim", "rnn_accuracy: none of the %d forecast dates is in ACTUAL", h);
  endif
  ## the core scores the forecast beside naive, snaive (a known season)
  ## and drift from the same origin (rnn_forecast_accuracy), as R
  period = 0;
  if (isfield (fc, "period"))
    period = fc.period;
  endif
  T = accuracy_table (fc.method, {fc.series}, ...
                      __rnnkit__ ("forecast_accuracy", double (fc.x(:)), actual(:), ...
                                  double (fc.mean(:)), period));
endfunction

## the fields of a forecast from rnn_forecast that scoring reads
function check_forecast (fc)
  why = "";
  h = numel (fc.mean);
  if (! isnumeric (fc.mean) || ! isreal (fc.mean) || ! isvector (fc.mean))
    why = "mean must be the point forecasts";
  elseif (! ischar (fc.series) || rows (fc.series) != 1)
    why = "series must be the name of the forecast series";
  elseif (! isnumeric (fc.naive_mae) || ! isreal (fc.naive_mae) || ! isscalar (fc.naive_mae))
    why = "naive_mae must be one number";
  elseif (! isfield (fc, "dates") || ! isnumeric (fc.dates) || ! isreal (fc.dates) ...
          || numel (fc.dates) != h)
    why = sprintf ("dates must be the %d forecast dates", h);
  elseif (! isfield (fc, "history_dates") || ! isnumeric (fc.history_dates) ...
          || ! isreal (fc.history_dates))
    why = "history_dates must be the dates of the history";
  elseif (! isfield (fc, "x") || ! isnumeric (fc.x) || ! isreal (fc.x) || isempty (fc.x))
    why = "x must be the history";
  elseif (! isfield (fc, "method") || ! ischar (fc.method))
    why = "method must be the model's label";
  endif
  if (! isempty (why))
    error ("rnnkit:input", ["rnn_accuracy: FC is not an intact forecast: %s. Use " ...
           "the struct rnn_forecast returns"], why);
  endif
endfunction

## one model row and one naive row per target, computed by the core
## (rows RMSE, MAE, MAPE, sMAPE, MASE, n, DA; columns model and naive per
## target): the table of rnn_series_accuracy, or for a forecast
## rnn_accuracy of actual against pred and naive
function T = accuracy_table (label, targets, actual, pred, naive, scales, smape = false)
  if (nargin == 3 || isempty (pred))
    acc = actual;
  else
    ## the naive forecast is the last observed value: the origin of the
    ## model's directional accuracy, and itself without a direction
    acc = [__rnnkit__("accuracy", double (actual), double (pred), double (scales), double (naive)), ...
           __rnnkit__("accuracy", double (actual), double (naive), double (scales), [])];
  endif
  ## the core's columns per target: model, naive, (snaive,) drift (issue
  ## 15: rnn_series_accuracy_cols); a prediction's: model, naive
  nb = columns (acc) / numel (targets);
  names = {label, "naive", "snaive", "drift"};
  names = names(merge (nb == 4, 1:4, merge (nb == 3, [1 2 4], [1 2])));
  T = struct ("model", {}, "target", {}, "RMSE", {}, "MAE", {}, "MAPE", {}, ...
              "MASE", {}, "DA", {}, "n", {});
  for j = 1:numel (targets)
    for b = 1:nb
      k = nb * (j - 1) + b;
      da = acc(7, k);
      if (isnan (da))
        da = NA;  # no direction called (the naive row) or none to call, as R
      endif
      mase = acc(5, k);
      if (isnan (mase))
        mase = NA;  # no usable scale (a constant history), as R
      endif
      T(end+1) = struct ("model", names{b}, "target", targets{j}, ...
                         "RMSE", acc(1, k), "MAE", acc(2, k), "MAPE", acc(3, k), ...
                         "MASE", mase, "DA", da, "n", acc(6, k));
    endfor
  endfor
  if (smape)  # issue 16: a panel's table adds sMAPE, scale-free like MASE
    [T.sMAPE] = deal (num2cell (acc(4, :)){:});
    T = orderfields (T, {"model", "target", "RMSE", "MAE", "MAPE", "sMAPE", "MASE", "DA", "n"});
  endif
  if (numel (targets) == 1)
    T = rmfield (T, "target");
  endif
  T = T(:);
endfunction

%!shared m, d, w
%! t = (0:149)';
%! d = struct ("Date", datenum (2021, 1, 4) + t, "Close", 100 + 10 * sin (t / 8));
%! w = rnn_windows (d, "Window", 8, "Test", 20);
%! m = rnn_fit (w, "Units", 4, "Epochs", 3, "Seed", 1, "Verbose", false);

%!test
%! T = rnn_accuracy (m);
%! assert (numel (T), 3);
%! assert ({T.model}, {"LSTM(4)", "naive", "drift"});
%! assert ([T.n], [20 20 20]);
%! a = d.Close(131:150);
%! e = a - d.Close(130:149);
%! assert (T(2).RMSE, sqrt (mean (e .^ 2)), 1e-12);
%! assert (T(2).MASE, mean (abs (e)) / mean (abs (diff (d.Close(1:130)))), 1e-12);
%! T2 = rnn_accuracy (m, w);
%! assert (T2, T);

## a direct model is scored on the test windows rnn_windows cut (all their
## targets known), not also on the newest ones that run past the data
%!test
%! wd = rnn_windows (d, "Window", 8, "Horizon", 3, "Test", 20);
%! md = rnn_fit (wd, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! T = rnn_accuracy (md);
%! assert ([T.n], [60 60 60]);
%! assert (rnn_accuracy (md, wd), T);

%!test
%! fc = rnn_forecast (m, 3, "Level", []);
%! T = rnn_accuracy (fc, [100 101 102]);
%! assert ([T.n], [3 3 3]);  # model, naive, drift (no season)
%! assert (T(2).MAE, mean (abs ([100 101 102]' - d.Close(end))), 1e-12);
%! s = struct ("Date", fc.dates(2:3), "Close", [1; 2]);
%! assert (rnn_accuracy (fc, s)(1).n, 2);

## issue 14: monthly forecasts match monthly actuals by month, as in R
## (rnn_match_dates in the core); they matched only the same day before
%!test
%! dm = struct ("Date", datenum (2015, 1:40, 1)', "v", 100 + sin (1:40)');
%! mm = rnn_fit (rnn_windows (dm, "Window", 4), "Units", 2, "Epochs", 1, ...
%!               "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (mm, 3, "Level", []);
%! assert (fc.dates, datenum (2018, 5:7, 1)');
%! T = rnn_accuracy (fc, struct ("Date", datenum (2018, 6:8, 1)' - 1, "v", [1; 2; 3]));
%! assert (T(1).n, 3);
%! T = rnn_accuracy (fc, struct ("Date", datenum (2018, 5, 1:3)', "v", [1; 2; 3]));
%! assert (T(1).n, 1);

## issue 14: the core scores, as in R; a constant history has no MASE
## scale, so MASE is NA (it was Inf)
%!test
%! wc = rnn_windows (struct ("y", repmat (5, 40, 1)), "Window", 4);
%! mc = rnn_fit (wc, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (mc, 2, "Level", []);
%! assert (isna (fc.naive_mae));
%! T = rnn_accuracy (fc, [6 7]);
%! assert (isna ([T.MASE]), [true true true]);
%! assert ([T.n], [2 2 2]);

%!error id=rnnkit:input rnn_accuracy (struct ("config", 1, "params", 1))
%!error id=rnnkit:input rnn_accuracy (m, 3)
%!error id=rnnkit:input rnn_accuracy (rnn_forecast (m, 2, "Level", []))
%!error id=rnnkit:dim rnn_accuracy (rnn_forecast (m, 2, "Level", []), [NaN NaN])

## regressions found by tests/octave/random_inputs.m
%!error <takes 1 to 2 argument\(s\), not 3> rnn_accuracy (m, w, w)
%!error <FC is not an intact forecast: mean> rnn_accuracy (setfield (rnn_forecast (m, 2, "Level", []), "mean", "x"), [1 2])
%!error <ACTUAL.Date must hold dates in ISO form> rnn_accuracy (rnn_forecast (m, 2, "Level", []), struct ("Date", {{"x"}}, "Close", 1))
## dates in another form say what is accepted and how to convert (issue 13, item 8)
%!error <datenum numbers .*'31/01/2021' in row 1 is not one. Convert other forms first: datenum \(s, 'dd/mm/yyyy' or 'mm/dd/yyyy'\)> rnn_accuracy (rnn_forecast (m, 2, "Level", []), struct ("Date", {{"31/01/2021"}}, "Close", 1))
%!error <ACTUAL.Close must be a numeric vector> rnn_accuracy (rnn_forecast (m, 2, "Level", []), struct ("Close", {{1}}))
%!error <W.index.set must be 142 labels> rnn_accuracy (m, setfield (w, "index", setfield (w.index, "set", 1)))
%!error <W.scaler.columns must be column names> rnn_accuracy (m, setfield (w, "scaler", setfield (w.scaler, "columns", 1+2i)))
%!error <not an intact rnnkit model: prep.scaler.center> rnn_accuracy (setfield (m, "prep", setfield (m.prep, "scaler", setfield (m.prep.scaler, "center", "a"))))

## issue 15: on diff windows a zero change is the naive forecast, so the
## model's row of the table is the naive row, exactly
%!test
%! t = (0:149)';
%! d = struct ("Date", datenum (2021, 1, 4) + t, "Close", 100 + 10 * sin (t / 8));
%! w = rnn_windows (d, "Window", 8, "Transform", "diff", "Scale", "none", "Test", 20);
%! mz = rnn_fit (w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
%! mz.params(:) = 0;
%! T = rnn_accuracy (mz);
%! assert (T(1).RMSE, T(2).RMSE);
%! assert (T(1).MAE, T(2).MAE);
%! assert (T(1).MASE, T(2).MASE);

## issue 15: the baselines a forecaster expects, from the core: daily data
## have naive and drift rows; monthly dates add snaive and scale MASE by
## the in-sample seasonal naive MAE (R's test-baselines.R)
%!test
%! T = rnn_accuracy (m);
%! a = d.Close(131:150);
%! dr = d.Close(130:149) + mean (diff (d.Close(1:130)));
%! assert (T(3).RMSE, sqrt (mean ((a - dr) .^ 2)), 1e-12);
%! assert (T(3).MASE, mean (abs (a - dr)) / mean (abs (diff (d.Close(1:130)))), 1e-12);
%!test
%! v = 100 + 10 * sin (2 * pi * (1:96)' / 12) + (1:96)' / 4;
%! dm = struct ("Date", datenum (2010, 1:96, 1)', "y", v);
%! wm = rnn_windows (dm, "Window", 12, "Test", 12);
%! mm = rnn_fit (wm, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! T = rnn_accuracy (mm);
%! assert ({T.model}, {"LSTM(3)", "naive", "snaive", "drift"});
%! a = v(85:96);
%! sn = v(73:84);
%! s12 = mean (abs (v(13:84) - v(1:72)));
%! assert (T(3).RMSE, sqrt (mean ((a - sn) .^ 2)), 1e-12);
%! assert (T(3).MASE, mean (abs (a - sn)) / s12, 1e-12);
%! assert (T(2).MASE, mean (abs (a - v(84:95))) / s12, 1e-12);
%! ## directional accuracy (issue 15): from the last value v(84:95), the
%! ## snaive row calls sign (sn - last); the drift (a rising trend) calls up;
%! ## the naive row calls nothing
%! last = v(84:95);
%! mv = a != last;
%! assert (T(3).DA, 100 * (sum (sign (sn(mv) - last(mv)) == sign (a(mv) - last(mv))) / sum (mv)), 1e-12);
%! assert (T(4).DA, 100 * mean (a(mv) > last(mv)), 1e-12);
%! assert (isna (T(2).DA));
%! assert (T(1).DA >= 0 && T(1).DA <= 100);
%! [~, b] = min ([T(2:4).RMSE]);
%! out = evalc ("rnn_accuracy (mm)");
%! assert (! isempty (strfind (out, "DA %")));
%! assert (! isempty (strfind (out, ["The baseline to beat is " T(b + 1).model])));

## issue 15: a forecast's table has the naive, seasonal naive and drift
## rows from the forecast's origin, computed by the core (as R's)
%!test
%! air = rnn_example_data ("air");
%! m = rnn_fit (rnn_windows (struct ("Date", air.Date(1:120), "y", air.Passengers(1:120)), ...
%!                           "Window", 12), "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%! fc = rnn_forecast (m, 12, "Level", []);
%! assert (fc.period, 12);
%! T = rnn_accuracy (fc, struct ("Date", air.Date, "y", air.Passengers));
%! assert ({T.model}, {fc.method, "naive", "snaive", "drift"});
%! hist = air.Passengers(1:120);
%! act = air.Passengers(121:132);
%! drift = hist(end) + (1:12)' * mean (diff (hist));
%! base = {repmat(hist(end), 12, 1), hist(109:120), drift};
%! for b = 1:3
%!   assert (T(b + 1).RMSE, sqrt (mean ((act - base{b}) .^ 2)), 1e-9);
%! endfor
%! assert (T(1).RMSE, sqrt (mean ((act - fc.mean) .^ 2)), 1e-9);
%! assert (T(3).MASE, mean (abs (act - hist(109:120))) / mean (abs (hist(13:end) - hist(1:end-12))), 1e-12);

## issue 16: a panel model's table: a block per key (the model and its
## baselines, with sMAPE), then pooled rows, the mean over the keys of the
## scale-free MASE and sMAPE
%!shared mp, wp, d
%! t = (0:59)';
%! a = 100 + 10 * sin (t / 3) + t;
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t; 1 + t], 1), ...
%!             "Name", {[repmat({"a"}, 60, 1); repmat({"b"}, 60, 1); repmat({"c"}, 60, 1)]}, ...
%!             "v", [a; 1000 * a + 7; 50 + a .^ 1.5]);
%! wp = rnn_windows (d, "Key", "Name", "Window", 6, "Split", "2019-01-01");
%! mp = rnn_fit (wp, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
%!test
%! T = struct (rnn_accuracy (mp));
%! assert ({T.Name}, [repmat({"a"}, 1, 4), repmat({"b"}, 1, 4), repmat({"c"}, 1, 4), ...
%!                   repmat({"(pooled)"}, 1, 4)]);
%! assert ({T(1:4).model}, {"LSTM(3)", "naive", "snaive", "drift"});
%! assert (fieldnames (T)', {"Name", "model", "RMSE", "MAE", "MAPE", "sMAPE", "MASE", "DA", "n"});
%! assert ([T(13:16).MASE], mean (reshape ([T(1:12).MASE], 4, 3), 2)', 1e-12);
%! assert ([T(13:16).sMAPE], mean (reshape ([T(1:12).sMAPE], 4, 3), 2)', 1e-12);
%! assert ([T(13:16).n], [36 36 36 36]);
%! assert (all (isna ([T(13:16).RMSE])));
%! ## a key's block is the one-series table of the key's view, with sMAPE
%! assert ([T(5:8).MASE], [T(1:4).MASE], 1e-9);  # b = 1000 a + 7
%! assert (struct (rnn_accuracy (mp, wp)), T);
%! s = rnn_summary (rnn_accuracy (mp));
%! assert (! isempty (strfind (s, "(pooled) = the mean over the 3 series")));
%! assert (! isempty (regexp (s, "The baseline to beat over the panel is \\w+ \\(MASE")));
%!error id=rnnkit:input rnn_accuracy (mp, wp.x)
## issue 16: a panel model with a series embedding is scored per key with
## the key's vector: key b's block is the one-series table of its view
%!test
%! we = rnn_windows (d, "Key", "Name", "Window", 6, "Split", "2019-01-01");
%! me = rnn_fit (we, "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false, "SeriesEmbedding", 2);
%! T = struct (rnn_accuracy (me));
%! P = struct (rnn_predict (me, we, "Units", "original"));
%! kb = strcmp (P.Name, "b") & strcmp (P.set, "test");
%! r = T(strcmp ({T.Name}, "b") & strncmp ({T.model}, "LSTM", 4));
%! assert (r.MAE, mean (abs (P.actual(kb) - P.predicted(kb))), 1e-12 * r.MAE);
%! assert (r.n, sum (kb));
%!error id=rnnkit:input rnn_accuracy (rnn_fit (rnn_windows (d, "Key", "Name", "Window", 6), "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false))

