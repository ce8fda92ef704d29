## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{w} =} rnn_windows (@var{data}, @var{name}, @var{value}, @dots{})
## Cut a series into scaled windows and targets, keeping the dates, the
## train/test split and the scaler, exactly as R's @code{rnn_windows()}.
##
## @var{data} is a numeric matrix (one column is named @qcode{'value'},
## several @qcode{'x1'}, @qcode{'x2'}, @dots{}) or a struct of equal-length
## column vectors and one field of dates: @code{datenum} values, or
## @qcode{'yyyy-mm-dd'} strings (a cellstr or char rows).  The date field
## is the one that @qcode{'Date'} names, else a field named @code{Date},
## @code{date} or @code{dates} (in any case), else the one text field of
## dates.  Dates in another form are an error that says how to convert
## them, e.g. @code{datenum (s, "dd/mm/yyyy")}.
##
## Options (defaults in brackets):
## @table @asis
## @item @qcode{'Target'}
## the column(s) to predict, by name or number (see below) [@qcode{'Close'},
## else the only numeric column]
## @item @qcode{'Features'}
## the input columns, by name or number [Open, High, Low, Close for OHLC
## data, else the target]
## @item @qcode{'Window'}, @qcode{'Horizon'}, @qcode{'Stride'}
## timesteps per window, steps ahead predicted, step between windows [30, 1, 1]
## @item @qcode{'Split'}
## a date (@code{datenum} or @qcode{'yyyy-mm-dd'}): windows with targets on
## or after it are the test set [none]
## @item @qcode{'Test'}
## instead of @qcode{'Split'}: the number of last windows to test on [none]
## @item @qcode{'Scale'}
## @qcode{'minmax'}, @qcode{'zscore'}, @qcode{'none'} or a model's scaler
## struct; fitted on the rows before the split only [@qcode{'minmax'}]
## @item @qcode{'NA'}
## missing values: @qcode{'error'}, @qcode{'omit'} (drop the windows that
## touch one) or @qcode{'locf'} (carry the last value forward) [@qcode{'error'}]
## @item @qcode{'Date'}
## the name of the date field of a struct, in any case [found as above]
## @item @qcode{'Transform'}
## how the target columns are transformed before scaling, as R's
## @code{transform}: @qcode{'none'}, @qcode{'diff'} (the change from the
## row before), @qcode{'log'}, @qcode{'logdiff'} (log returns) or
## @qcode{'sdiff'} (the seasonal difference x(t) - x(t - period)) or
## @qcode{'boxcox'} ((x^lambda - 1) / lambda, the log for lambda 0), or a
## combination, a cell of steps applied in order: a power step
## (@qcode{'log'}, @qcode{'boxcox'}) first, then differences, e.g.
## @code{@{'log', 'sdiff'@}} for a multiplicative seasonal series or
## @code{@{'diff', 'sdiff'@}}; @code{@{'log', 'diff'@}} is
## @qcode{'logdiff'}, the same numbers.  A step order the core refuses
## (@code{@{'sdiff', 'log'@}}, two power steps) is an error
## @code{rnnkit:input}.  A target that is also a feature is read transformed too; the scaler is
## fitted on the transformed training rows and the rows lost at the start
## start no window.  @code{rnn_accuracy} and @code{rnn_forecast} answer in
## original units: the C core undoes the transform.  Logs and Box-Cox of
## values <= 0 are an error @code{rnnkit:input} naming the column and row
## [@qcode{'none'}]
## @item @qcode{'Period'}
## the lag of @qcode{'sdiff'} [12 for monthly, 4 for quarterly dates]
## @item @qcode{'Lambda'}
## the power of @qcode{'boxcox'}, or @qcode{'auto'}: estimated by the C core
## on each series' training rows (before the split) of the first target by
## Guerrero's method, as R's @code{forecast::BoxCox.lambda} (groups of the
## seasonal period, at least 2; searched in [-1, 2]); one per key of a
## panel, kept in @code{meta.lambda} with @code{meta.lambda_method}
## @qcode{'guerrero'} and undone per series [none]
## @item @qcode{'Calendar'}
## calendar features the model reads but does not predict, made by the C
## core from the dates, as R's @code{calendar}: @qcode{'none'},
## @qcode{'auto'} (day of the week for daily dates, month of the year for
## monthly, quarter for quarterly; none for yearly dates or no dates) or a
## cellstr of @qcode{'wday'}, @qcode{'month'}, @qcode{'quarter'}.  Each is
## two columns @code{<kind>_sin} and @code{<kind>_cos}, sin and cos of
## 2*pi*v/P for the position v in the cycle of P (weekday 0 = Sunday of 7,
## month 0 = January of 12, quarter 0..3 of 4), appended to the features
## and not scaled (scaler centre 0, scale 1).  @code{rnn_forecast} makes
## them for the forecast dates itself, so such a model still forecasts
## recursively [@qcode{'none'}]
## @item @qcode{'Key'}
## a panel of many series for one global model (issue 16): the name of the
## field of a struct @var{data} (long form, e.g. from @code{rnn_read_csv})
## that tells the series apart.  Each series is read as one, its scaler
## fitted on its own training rows; one @qcode{'Split'} date applies to
## all.  The C core plans each series exactly as alone (a panel of one
## series gives that series' windows bit for bit, and R's
## @code{rnn_windows (data, key = )} the same bits).  Series without a
## window, or without a training window before the split, are dropped
## and named on stderr; none left is an error @code{rnnkit:dim}.
## @code{index.key} holds each window's key, @code{meta.keys} the keys
## kept, @code{scaler.center} and @code{scaler.scale} one column per key,
## @code{data.series} one struct per key [none]
## @item @qcode{'Store'}
## @qcode{'windows'} keeps @code{x} as the samples x timesteps x features
## array; @qcode{'series'} (issue 16) keeps instead the transformed, scaled
## series and each window's first row there: @code{x} is then a struct
## with @code{values} (rows x features), @code{start} (0-based),
## @code{n_time} and @code{rows} (of each series), which @code{rnn_fit},
## @code{rnn_predict}, @code{rnn_accuracy} and @code{rnn_forecast} read as
## the windows, batch by batch, with the same bits as the stored windows
## and memory for rows x features plus one number per window (R's
## @code{store = "series"}); printing says the windows are not stored
## [@qcode{'windows'}]
## @end table
##
## A column number indexes the columns as given: the fields of a struct in
## @code{fieldnames} order, the date field and text fields included (in a
## struct with fields Date, Open, High, Low, Close and Volume,
## @code{'Target', 5} is Close), or the columns of a matrix.  The date
## field and fields that hold no numeric column (text, a matrix) cannot be
## a target or a feature: asking for one, by number or by name, is an
## error @code{rnnkit:input} that names the column, says what it holds and
## lists the columns that can be used; so is a number beyond the last
## column.  R's @code{rnn_windows()} counts the columns of a data.frame
## the same way, so the same numbers select the same columns in both.
##
## The result (an @code{rnnkit_object}: its name shows a summary;
## @code{struct (w)} is a plain struct) has the fields of R's windows
## object: @code{x} (windows x
## timesteps x features, scaled), @code{y} (scaled targets), @code{index}
## (@code{start}, @code{target_row}, @code{set} = train/test/gap and
## @code{date}), @code{naive} (the last observed target before each target,
## original units), @code{scaler} (@code{method}, @code{center},
## @code{scale}, @code{n_rows}, @code{columns}), @code{data} (@code{values},
## @code{index}, @code{split_row}, @dots{}) and @code{meta}.  The cutting,
## filling and scaling are done by the C core shared with R.
##
## @example
## s = sin (pi * 0.01 * (0:999))';
## w = rnn_windows (s, "Window", 10, "Test", 100);
## @end example
## @seealso{rnn_fit, rnn_forecast, rnn_accuracy}
## @end deftypefn

function w = rnn_windows (data, varargin)
  check_nargin ("rnn_windows", nargin, 1, Inf, ...
                "w = rnn_windows (data, 'Window', 30, ...)");
  defaults = struct ("Target", [], "Features", [], "Window", 30, "Horizon", 1, ...
                     "Stride", 1, "Date", [], "NA", "error", "Split", [], ...
                     "Test", [], "Scale", "minmax", "Transform", "none", "Period", [], ...
                     "Lambda", [], "Calendar", "none", "Key", [], ...
                     "Store", "windows");
  o = rnnkit_options (defaults, "rnn_windows", varargin);
  o.Store = check_choice (o.Store, {"windows", "series"}, "Store");
  if (! (isempty (o.Date) && isnumeric (o.Date)) ...
      && (! ischar (o.Date) || rows (o.Date) != 1))
    error ("rnnkit:input", "rnn_windows: 'Date' must be the name of the date field, not %s", ...
           describe (o.Date));
  endif
  if (! isempty (o.Key))
    w = panel_windows (data, o);
    return;
  endif
  p = prepare_series (data, o, false);
  p.spec.compact = strcmp (o.Store, "series");  # issue 16
  plan = __rnnkit__ ("series_plan", p.m, p.fi, p.ti, p.spec, p.sc_center, p.sc_scale);
  w = windows_struct (p, plan, o);
endfunction

## One series read and checked, everything before the core's plan (issue
## 16: in a panel, a series too short for a window is left to the core,
## which drops it)
function p = prepare_series (data, o, panel)
  [cols, vals, index, date_name, given] = series_frame (data, o.Date);
  n = rows (vals);
  target = o.Target;
  features = o.Features;
  if (! isempty (target))
    target = select_columns (given, target, "Target");
  endif
  if (! isempty (features))
    features = select_columns (given, features, "Features");
  endif
  if (isempty (target))
    if (any (strcmp (cols, "Close")))
      target = {"Close"};
    elseif (numel (cols) == 1)
      target = cols;
    elseif (numel (features) == 1)
      target = features;
    else
      error ("rnnkit:input", ["rnn_windows: 'Target' is needed when DATA has " ...
             "several numeric columns (%s)"], strjoin (cols, ", "));
    endif
  endif
  if (isempty (features))
    ohlc = {"Open", "High", "Low", "Close"};
    if (isequal (target, {"Close"}) && all (ismember (ohlc, cols)))
      features = ohlc;
    else
      features = target;
    endif
  endif
  ## a model that predicts all its inputs keeps them in the same order
  if (numel (target) > 1 && isempty (setxor (target, features)))
    target = features;
  endif
  used = stable_unique ([features(:)', target(:)']);
  ## issue 15 covariates: calendar features, the last columns, unscaled
  [cal, calnames] = calendar_columns (o.Calendar, index);
  if (any (ismember (calnames, cols)))
    error ("rnnkit:input", ["rnn_windows: DATA has a column '%s', the name of a " ...
           "calendar feature; rename it or use 'Calendar', 'none'"], ...
           calnames{find (ismember (calnames, cols), 1)});
  endif
  cols = [cols(:)', calnames];
  vals = [vals, cal];
  features = [features(:)', calnames];
  used = [used, calnames];
  W = check_count (o.Window, "Window", 1, 1e6);
  Hz = check_count (o.Horizon, "Horizon", 1, 1e6);
  stride = check_count (o.Stride, "Stride", 1, 1e6);
  na = check_choice (o.NA, {"error", "omit", "locf"}, "NA");
  scale = o.Scale;
  if (isstruct (scale))
    if (! isscalar (scale) || ! all (isfield (scale, {"method", "center", "scale"})))
      error ("rnnkit:input", ["rnn_windows: 'Scale' as a struct must be a " ...
             "model's scaler (method, center, scale)"]);
    endif
  else
    scale = check_choice (scale, fieldnames (__rnnkit__ ("schema").scaler), "Scale");
  endif
  if (! panel && n < W + Hz)
    error ("rnnkit:dim", ["rnn_windows: the data have %d rows, too few for " ...
           "'Window' %d and 'Horizon' %d: need at least %d"], n, W, Hz, W + Hz);
  endif
  [~, ucol] = ismember (used, cols);
  m = double (vals(:, ucol));
  if (any (isinf (m(:))))
    [r, c] = find (isinf (m), 1);
    error ("rnnkit:input", "rnn_windows: DATA has an infinite value in %s, column %s", ...
           row_label (index, r), used{c});
  endif
  if (any (isnan (m(:))))
    [r, c] = find (isnan (m));
    [r1, k] = min (r);
    where = sprintf ("%s, column %s", row_label (index, r1), used{c(k)});
    if (strcmp (na, "error"))
      error ("rnnkit:input", ["rnn_windows: DATA has a missing value in %s (%d in " ...
             "all); fill or drop it, or use 'NA', 'omit' or 'NA', 'locf'"], ...
             where, numel (r));
    elseif (strcmp (na, "locf"))
      m = __rnnkit__ ("locf", m);
      if (any (isnan (m(:))))
        error ("rnnkit:input", ["rnn_windows: DATA starts with a missing value " ...
               "(%s); 'locf' has no earlier value to carry forward"], where);
      endif
    endif
  endif
  [~, fi] = ismember (features, used);
  [~, ti] = ismember (target, used);
  ## issue 15: the target transform, checked; logs need positive values
  [tfname, tfperiod, season] = check_transform (o.Transform, o.Period, o.Lambda, index);
  tmeta = struct ("transform", {tfname}, "period", tfperiod);
  auto = isequal (o.Lambda, "auto");
  if (auto)  # issue 16: 1 until the core's plan estimates it (Guerrero)
    tmeta.lambda = 1;
    tmeta.lambda_method = "guerrero";
  elseif (any (strcmp (cellstr (tfname), "boxcox")))
    tmeta.lambda = double (o.Lambda);
  endif
  if (any (ismember (cellstr (tfname), {"log", "logdiff", "boxcox"})))
    for c = ti(:)'
      r = find (m(:, c) <= 0, 1);
      if (! isempty (r))
        error ("rnnkit:input", ["rnn_windows: 'Transform', '%s' takes logs or powers, but " ...
               "column %s holds %g in %s; they need positive values, use 'diff' " ...
               "for a series that reaches zero or below"], strjoin (cellstr (tfname), "', '"), used{c}, m(r, c), ...
               row_label (index, r));
      endif
    endfor
  endif
  if (! isempty (o.Split) && ! isempty (o.Test))
    error ("rnnkit:input", "rnn_windows: give 'Split' (a date) or 'Test' (a number of windows), not both");
  endif
  split_row = n + 1;
  n_test = 0;
  if (! isempty (o.Split))
    if (isempty (index))
      error ("rnnkit:input", ["rnn_windows: 'Split' needs dates, but DATA has none " ...
             "(a field Date or date, a field of 'yyyy-mm-dd' strings, or the " ...
             "field that 'Date' names); use 'Test' for a number of test windows"]);
    endif
    sp = as_datenum (o.Split, "'Split'", "rnn_windows");
    if (numel (sp) != 1 || ! isfinite (sp))
      error ("rnnkit:input", "rnn_windows: 'Split' must be one date, not %s", ...
             describe (o.Split));
    endif
    split_row = find (index >= sp, 1);
    if (isempty (split_row))
      split_row = n + 1;
    endif
  elseif (! isempty (o.Test))
    n_test = check_count (o.Test, "Test", 1, 1e9);
  endif
  ## the core plans the windows, their labels, the rows the scaler is
  ## fitted on and the scaler, and cuts and scales the windows
  given = isstruct (scale);
  if (given)
    sc_center = scaler_values (scale, "center", used);
    sc_scale = scaler_values (scale, "scale", used);
    sc_center(end-numel (calnames)+1:end) = 0;
    sc_scale(end-numel (calnames)+1:end) = 1;
    method = -1;
  else
    sc_center = sc_scale = 0;
    method = scale;
  endif
  spec = struct ("window", W, "horizon", Hz, "stride", stride, ...
                 "omit", double (strcmp (na, "omit")), "split_row", split_row, ...
                 "n_test", n_test, "method", method, "transform", transform_code (tmeta), ...
                 "n_unscaled", numel (calnames));
  if (auto)
    spec.lambda_auto = 1;
    spec.season = season;
  endif
  p = struct ("m", m, "fi", fi, "ti", ti, "spec", spec, "sc_center", sc_center, ...
              "sc_scale", sc_scale, "W", W, "Hz", Hz, "stride", stride, "index", index, ...
              "given", given, "scale", {scale}, "used", {used}, "features", {features}, ...
              "target", {target}, "na", na, "date_name", date_name, "calnames", {calnames}, ...
              "tfname", {tfname}, "tfperiod", tfperiod, "tmeta", tmeta);
endfunction

## The windows struct of one series' plan
function w = windows_struct (p, plan, o)
  W = p.W; Hz = p.Hz; stride = p.stride; index = p.index; given = p.given;
  scale = p.scale; used = p.used; features = p.features; target = p.target;
  na = p.na; date_name = p.date_name; calnames = p.calnames; tfname = p.tfname;
  tfperiod = p.tfperiod; tmeta = p.tmeta; m = p.m;
  starts = plan.starts;
  set = plan.set;
  split_row = plan.split_row;
  first_target = starts + W;
  if (plan.n_train == 0)
    error ("rnnkit:dim", ["rnn_windows: no training window ends before the split " ...
           "at %s; move the split later or shorten the window"], row_label (index, split_row));
  endif
  if (! isempty (o.Split) && plan.n_test == 0)
    error ("rnnkit:dim", "rnn_windows: no test window starts on or after the split");
  endif
  if (! given)
    scale = struct ("method", scale, "center", plan.center, "scale", plan.scale, ...
                    "n_rows", plan.n_fit, "columns", {used});
  endif
  x = plan.x;
  if (! isempty (plan.start))  # issue 16: 'Store' 'series'
    x = struct ("values", x, "start", plan.start, "n_time", W, "rows", rows (m));
  endif
  y = plan.y;
  idx = struct ("start", starts, "target_row", first_target, "set", {set});
  if (! isempty (index))
    idx.date = index(first_target);
  endif
  w = struct ();
  w.x = x;
  w.y = y;
  w.index = idx;
  w.naive = plan.naive;
  w.scaler = scale;
  w.data = struct ("values", m, "index", index, "columns", {used}, "freq", NA, ...
                   "split_row", split_row);
  w.meta = struct ("window", W, "horizon", Hz, "stride", stride, ...
                   "features", {features(:)'}, "target", {target(:)'}, "na", na, ...
                   "date", date_name, "target_rows", first_target);
  if (! isempty (calnames))
    w.meta.calendar = unique (regexprep (calnames, "_(sin|cos)$", ""), "stable");
  endif
  if (! isequal (tfname, "none"))
    w.meta.transform = tfname;
    w.meta.period = tfperiod;
    if (isfield (tmeta, "lambda_method"))
      w.meta.lambda = plan.lambda;
      w.meta.lambda_method = tmeta.lambda_method;
    elseif (isfield (tmeta, "lambda"))
      w.meta.lambda = tmeta.lambda;
    endif
  endif
  w = wrap (w, "windows");
endfunction

## issue 16: a panel -- the rows of DATA (a struct of columns) told apart
## by the field that 'Key' names; each series is read as one, and the
## core plans them all in one call (rnn_panel_plan): each transformed,
## scaled on its own training rows and cut exactly as alone.  Series
## without a (training) window are dropped, said on stderr.
function w = panel_windows (data, o)
  key = o.Key;
  if (! ischar (key) || rows (key) != 1)
    error ("rnnkit:input", ["rnn_windows: 'Key' must be the name of the field " ...
           "that tells the series apart, not %s"], describe (key));
  endif
  if (! isstruct (data) || ! isscalar (data) || ! isfield (data, key))
    error ("rnnkit:input", ["rnn_windows: 'Key', '%s' needs DATA to be a struct " ...
           "of columns with a field %s (as rnn_read_csv returns)"], key, key);
  endif
  if (isstruct (o.Scale))
    error ("rnnkit:input", ["rnn_windows: the windows of a panel fit each series' " ...
           "scaler on its own training rows: 'Scale' must be a method, not a scaler"]);
  endif
  kv = data.(key);
  if (isnumeric (kv))
    kv = arrayfun (@(v) sprintf ("%.15g", v), kv(:), "UniformOutput", false);
  else
    kv = cellstr (kv);
  endif
  keys = unique (kv, "stable");
  rest = rmfield (data, key);
  f = fieldnames (rest);
  o.Key = [];
  ps = cell (1, numel (keys));
  for i = 1:numel (keys)
    sel = strcmp (kv, keys{i});
    s = struct ();
    for j = 1:numel (f)
      v = rest.(f{j});
      if (ischar (v))
        v = cellstr (v);
      endif
      s.(f{j}) = v(sel, :);
    endfor
    try
      ps{i} = prepare_series (s, o, true);
    catch err
      error (err.identifier, "rnn_windows: series '%s': %s", keys{i}, ...
             regexprep (err.message, "^rnn_windows: ", ""));
    end_try_catch
  endfor
  p = ps{1};
  spec = p.spec;
  spec.rows = cellfun (@(q) rows (q.m), ps);
  spec.split_rows = cellfun (@(q) q.spec.split_row, ps);
  spec.compact = strcmp (o.Store, "series");  # issue 16
  ## the core reads series i as a rows x columns block (rnn_panel in
  ## src/core/rnnkit.h), not the rows of one matrix
  m = reshape (cell2mat (cellfun (@(q) q.m(:), ps(:), "UniformOutput", false)), ...
               sum (spec.rows), columns (p.m));
  plan = __rnnkit__ ("series_plan", m, p.fi, p.ti, spec, 0, 0);
  why = {sprintf("too short for 'Window' %d and 'Horizon' %d", p.W, p.Hz), ...
         "without a training window before the split"};
  for code = 1:2
    if (any (plan.status == code))
      fprintf (stderr, "rnnkit: %d series dropped, %s: %s.\n", sum (plan.status == code), ...
               why{code}, strjoin (keys(plan.status == code)', ", "));
    endif
  endfor
  kept = find (plan.status == 0);
  if (isempty (kept))
    error ("rnnkit:dim", ["rnn_windows: no series of the panel has a training window: " ...
           "all %d are too short for 'Window' %d and 'Horizon' %d or end before the " ...
           "split; shorten the window or move the split"], numel (keys), p.W, p.Hz);
  endif
  first_target = plan.starts + p.W;
  idx = struct ("start", plan.starts, "target_row", first_target, "set", {plan.set}, ...
                "key", {keys(plan.series)});
  if (! isempty (p.index))
    d = zeros (numel (first_target), 1);
    for i = kept(:)'
      k = plan.series == i;
      d(k) = ps{i}.index(first_target(k));
    endfor
    idx.date = d;
  endif
  series = cell (1, numel (kept));
  for j = 1:numel (kept)
    q = ps{kept(j)};
    series{j} = struct ("values", q.m, "index", q.index, "columns", {q.used}, ...
                        "freq", NA, "split_row", plan.split_row(kept(j)));
  endfor
  w = struct ();
  w.x = plan.x;
  if (! isempty (plan.start))  # issue 16: 'Store' 'series'
    w.x = struct ("values", plan.x, "start", plan.start, "n_time", p.W, "rows", spec.rows);
  endif
  w.y = plan.y;
  w.index = idx;
  w.naive = plan.naive;
  w.scaler = struct ("method", p.scale, "center", plan.center(:, kept), ...
                     "scale", plan.scale(:, kept), "n_rows", plan.n_fit(kept), ...
                     "columns", {p.used});
  w.data = struct ("series", {series});
  w.meta = struct ("window", p.W, "horizon", p.Hz, "stride", p.stride, ...
                   "features", {p.features(:)'}, "target", {p.target(:)'}, "na", p.na, ...
                   "date", p.date_name, "target_rows", first_target, "key", key, ...
                   "keys", {keys(kept)'});
  if (! isequal (p.tfname, "none"))
    w.meta.transform = p.tfname;
    w.meta.period = p.tfperiod;
    if (isfield (p.tmeta, "lambda_method"))  # 'Lambda', 'auto': one per key
      w.meta.lambda = plan.lambda(kept);
      w.meta.lambda_method = p.tmeta.lambda_method;
    elseif (isfield (p.tmeta, "lambda"))
      w.meta.lambda = p.tmeta.lambda;
    endif
  endif
endfunction

## issue 15 covariates: the calendar feature columns (n x 2k) of the
## datenum INDEX and their names, from the core; "auto" without dates
## gives none, named kinds without dates are an error
function [cal, names] = calendar_columns (calendar, index)
  cal = [];
  names = {};
  kinds = fieldnames (__rnnkit__ ("schema").calendar)';
  if (ischar (calendar) && rows (calendar) <= 1)
    if (strcmp (calendar, "none"))
      return;
    elseif (! strcmp (calendar, "auto"))
      calendar = {calendar};
    endif
  endif
  if (iscellstr (calendar))
    bad = calendar(! ismember (calendar, kinds));
    if (! isempty (bad) || isempty (calendar))
      error ("rnnkit:input", ["rnn_windows: unknown calendar feature '%s'; rnnkit " ...
             "makes %s (or 'auto': the one that fits the dates)"], ...
             strjoin (bad, ", "), strjoin (kinds, ", "));
    endif
    calendar = unique (calendar, "stable");
  elseif (! ischar (calendar))
    error ("rnnkit:input", ["rnn_windows: 'Calendar' must be 'auto', 'none' or a " ...
           "cellstr of %s, not %s"], strjoin (kinds, ", "), describe (calendar));
  endif
  if (isempty (index))
    if (ischar (calendar))   # auto
      return;
    endif
    error ("rnnkit:input", ["rnn_windows: calendar features (%s) need dates, but DATA " ...
           "has none; give a Date field or use 'Calendar', 'none'"], strjoin (calendar, ", "));
  endif
  ## day counts for the core's calendar: datenum - 719529
  [cal, names] = __rnnkit__ ("calendar", index(:) - 719529, calendar);
endfunction

## DATA -> column names, numeric matrix, datenum index (or []), the
## name of the date field ("Date" when there is none) and the columns as
## the user gave them (GIVEN: names = fieldnames of a struct, the date
## field included, or a matrix's columns; usable = holds a numeric column;
## holds = what each holds; date = the date field or "")
function [cols, vals, index, date, given] = series_frame (data, o_date)
  date = o_date;
  index = [];
  given = struct ("names", {{}}, "usable", [], "holds", {{}}, "date", "");
  if (isempty (date) || ! isstruct (data))
    date = "Date";
  endif
  if ((isnumeric (data) || islogical (data)) && isreal (data) && ndims (data) == 2)
    if (isvector (data))
      data = data(:);
    endif
    vals = full (double (data));
    if (columns (vals) == 1)
      cols = {"value"};
    else
      cols = arrayfun (@(k) sprintf ("x%d", k), 1:columns (vals), "UniformOutput", false);
    endif
    given.names = cols;
    given.usable = true (1, numel (cols));
    given.holds = repmat ({"numbers"}, 1, numel (cols));
  elseif (isstruct (data) && isscalar (data))
    f = fieldnames (data)';
    given.names = f;
    given.usable = false (1, numel (f));
    given.holds = cellfun (@(k) field_holds (data.(k)), f, "UniformOutput", false);
    date = date_field (data, f, o_date);
    if (! isempty (date))
      index = as_datenum (data.(date), sprintf ("'%s'", date), "rnn_windows");
      given.date = date;
      f(strcmp (f, date)) = [];
    else
      date = "Date";
    endif
    cols = {};
    vals = [];
    lens = cellfun (@(k) numel (data.(k)), f);
    for k = 1:numel (f)
      v = data.(f{k});
      if ((isnumeric (v) || islogical (v)) && isreal (v) && isvector (v))
        if (! isempty (vals) && numel (v) != rows (vals))
          error ("rnnkit:dim", "rnn_windows: the fields of DATA must have equal lengths (%s has %d, not %d)", ...
                 f{k}, numel (v), rows (vals));
        endif
        cols{end+1} = f{k};
        vals(:, end+1) = full (double (v(:)));
        given.usable(strcmp (given.names, f{k})) = true;
      endif
    endfor
    if (isempty (cols))
      error ("rnnkit:input", "rnn_windows: DATA has no numeric column");
    endif
    if (! isempty (index) && numel (index) != rows (vals))
      error ("rnnkit:dim", "rnn_windows: the dates have %d rows but the columns %d", ...
             numel (index), rows (vals));
    endif
  else
    error ("rnnkit:input", ["rnn_windows: DATA must be a numeric matrix or a " ...
           "struct of column vectors, not %s"], describe (data));
  endif
  if (rows (vals) == 0 || columns (vals) == 0)
    error ("rnnkit:dim", "rnn_windows: DATA has no rows or no columns (%s)", describe (data));
  endif
  if (! isempty (index))
    if (! all (isfinite (index)))
      error ("rnnkit:input", "rnn_windows: the dates have a missing value in row %d", ...
             find (! isfinite (index), 1));
    endif
    r = find (diff (index) <= 0, 1);
    if (! isempty (r))
      error ("rnnkit:input", ["rnn_windows: the dates must increase; row %d does " ...
             "not come after row %d. Sort the data first"], r + 1, r);
    endif
  endif
endfunction

## The field of struct DATA (fields F) that holds the dates, or "": the
## field named by 'Date' (in any case; an error if there is none), else
## one named date or dates in any case, else the one text field whose
## first entry looks like a date (text fields are no series, and were
## ignored: dates in another form then get as_datenum's advice).
function name = date_field (data, f, date)
  name = "";
  if (! isempty (date))
    if (any (strcmp (f, date)))
      name = date;
    elseif (any (strcmpi (f, date)))
      name = f{find (strcmpi (f, date), 1)};
    else
      error ("rnnkit:input", "rnn_windows: 'Date' names the field '%s', but DATA has only %s", ...
             date, strjoin (f, ", "));
    endif
    return;
  endif
  k = find (strcmpi (f, "date") | strcmpi (f, "dates"), 1);
  if (! isempty (k))
    name = f{k};
    return;
  endif
  text = f(cellfun (@(k) looks_like_dates (data.(k)), f));
  if (numel (text) == 1)
    name = text{1};
  elseif (numel (text) > 1)
    error ("rnnkit:input", ["rnn_windows: DATA has several fields of dates (%s); " ...
           "name the one to use with 'Date'"], strjoin (text, ", "));
  endif
endfunction

## a cellstr or char rows whose first entry is a date in some form
## (2020-01-31, 31/01/2020, 1.31.2020, ...)
function tf = looks_like_dates (v)
  tf = false;
  if (ischar (v) && ndims (v) == 2 && rows (v) >= 1)
    v = cellstr (v);
  endif
  if (iscellstr (v) && ! isempty (v) && ischar (v{1}) && rows (v{1}) == 1 ...
      && all (v{1} >= 32 & v{1} <= 126))
    tf = ! isempty (regexp (v{1}, '^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}', "once"));
  endif
endfunction

## Columns by name, or by numbers that index the columns as given (the
## fields of a struct in fieldnames order, the date field included; a
## matrix's columns).  The date field and fields that hold no numeric
## column are refused, by name or number, with the columns that can be used.
function out = select_columns (given, sel, name)
  cols = given.names;
  if (ischar (sel))
    sel = cellstr (sel);
  endif
  if (iscellstr (sel) && ! isempty (sel))
    miss = sel(! ismember (sel, cols));
    if (! isempty (miss))
      error ("rnnkit:input", "rnn_windows: column '%s' not in DATA; it has %s", ...
             miss{1}, strjoin (cols, ", "));
    endif
    picked = sel(:)';
    what = cellfun (@(c) sprintf ("'%s' names column '%s'", name, c), picked, ...
                    "UniformOutput", false);
  elseif (isnumeric (sel) && isreal (sel) && ! isempty (sel) ...
          && all (isfinite (sel(:))) && all (sel(:) == round (sel(:))))
    sel = double (full (sel(:)'));
    out = find (sel < 1 | sel > numel (cols), 1);
    if (! isempty (out))
      holds = regexprep (given.holds, ' \(.*', '');
      holds(strcmp (cols, given.date)) = {"the date column"};
      listed = cell (1, numel (cols));
      for k = 1:numel (cols)
        listed{k} = sprintf ("%d %s", k, cols{k});
        if (! given.usable(k))
          listed{k} = sprintf ("%s (%s)", listed{k}, holds{k});
        endif
      endfor
      error ("rnnkit:input", "rnn_windows: '%s' = %d asks for column %d, but DATA has %d column%s: %s", ...
             name, sel(out), sel(out), numel (cols), merge (numel (cols) == 1, "", "s"), ...
             strjoin (listed, ", "));
    endif
    picked = cols(sel);
    what = arrayfun (@(k) sprintf ("'%s' = %d is column '%s'", name, k, cols{k}), sel, ...
                     "UniformOutput", false);
  else
    error ("rnnkit:input", "rnn_windows: '%s' must be columns of DATA, by name or number, not %s", ...
           name, describe (sel));
  endif
  [~, k] = ismember (picked, cols);
  bad = find (! given.usable(k), 1);
  if (! isempty (bad))
    c = k(bad);
    if (strcmp (cols{c}, given.date))
      why = ", the date column, which dates the rows: it cannot be a target or a feature.";
    else
      why = sprintf (", which holds %s, not %s.", given.holds{c}, ...
                     merge (strncmp (given.holds{c}, "text", 4), "numbers", "a column of real numbers"));
    endif
    ok = find (given.usable);
    if (isempty (ok))
      use = "DATA has no numeric column.";
    else
      use = ["Use the numeric columns: " strjoin(arrayfun (@(j) sprintf ("%d %s", j, cols{j}), ...
                                                      ok, "UniformOutput", false), ", ") "."];
    endif
    error ("rnnkit:input", "rnn_windows: %s%s %s", what{bad}, why, use);
  endif
  out = stable_unique (picked);
endfunction

## What a field holds, for messages: "text (a cellstr)", "numbers", ...
function s = field_holds (v)
  if (ischar (v))
    s = "text (char)";
  elseif (iscellstr (v))
    s = "text (a cellstr)";
  elseif ((isnumeric (v) || islogical (v)) && ! isreal (v))
    s = sprintf ("complex numbers (%s)", describe (v));
  elseif ((isnumeric (v) || islogical (v)) && ! isvector (v))
    s = sprintf ("a matrix (%s)", describe (v));
  elseif (isnumeric (v) || islogical (v))
    s = "numbers";
  else
    s = sprintf ("no numbers (%s)", describe (v));
  endif
endfunction

function u = stable_unique (c)
  u = {};
  for k = 1:numel (c)
    if (! any (strcmp (u, c{k})))
      u{end+1} = c{k};
    endif
  endfor
endfunction

function v = scaler_values (sc, what, used)
  v = sc.(what);
  if (! isnumeric (v) || ! isreal (v) || isempty (v))
    error ("rnnkit:input", "rnn_windows: the scaler's %s must be numbers, not %s", ...
           what, describe (v));
  endif
  v = full (double (v));
  if (isfield (sc, "columns"))
    if (! iscellstr (sc.columns) && ! ischar (sc.columns))
      error ("rnnkit:input", "rnn_windows: the scaler's columns must be column names, not %s", ...
             describe (sc.columns));
    endif
    if (numel (v) != numel (cellstr (sc.columns)))
      error ("rnnkit:input", "rnn_windows: the scaler has %d columns but %d %s values", ...
             numel (cellstr (sc.columns)), numel (v), what);
    endif
    [ok, j] = ismember (used, cellstr (sc.columns));
    if (! all (ok))
      error ("rnnkit:input", "rnn_windows: the scaler does not cover column %s", ...
             used{find (! ok, 1)});
    endif
    v = v(j);
  elseif (numel (v) != numel (used))
    error ("rnnkit:input", "rnn_windows: the scaler must cover the columns %s", strjoin (used, ", "));
  endif
  v = v(:)';
endfunction

function s = row_label (index, r)
  if (isempty (index) || r > numel (index))
    s = sprintf ("row %d", r);
  else
    s = sprintf ("row %d (%s)", r, datestr (index(r), "yyyy-mm-dd"));
  endif
endfunction

%!shared s, d
%! s = sin (pi * 0.05 * (0:59))';
%! d = struct ("Date", datenum (2020, 1, 1) + (0:59)', "Close", 100 + (1:60)');

%!test
%! w = rnn_windows (s, "Window", 5, "Test", 10, "Scale", "none");
%! assert (size (w.x), [55, 5]);
%! assert (w.x(1, :), s(1:5)');
%! assert (w.y(1), s(6));
%! assert (w.index.set(end-9:end), repmat ({"test"}, 10, 1));
%! assert (w.data.split_row, 51);
%! assert (w.naive(1), s(5));
%! assert (w.meta.target, {"value"});

## min-max fitted on the rows before the split only
%!test
%! w = rnn_windows (d, "Window", 5, "Split", "2020-02-20");
%! assert (w.data.split_row, 51);
%! assert (w.scaler.center, 101);
%! assert (w.scaler.scale, 49);
%! assert (w.y(1), (106 - 101) / 49, 1e-15);
%! assert (w.index.date(1), datenum (2020, 1, 6));
%! assert (sum (strcmp (w.index.set, "train")), 45);
%! assert (sum (strcmp (w.index.set, "test")), 10);

## NA policies
%!test
%! v = s; v(20) = NaN;
%! w = rnn_windows (v, "Window", 5, "NA", "omit", "Scale", "none");
%! assert (rows (w.x), 55 - 6);
%! w = rnn_windows (v, "Window", 5, "NA", "locf", "Scale", "none");
%! assert (w.data.values(20), s(19));

%!error <missing value> rnn_windows ([1; NaN; 3; 4; 5; 6], "Window", 2)
%!error <not both> rnn_windows (d, "Window", 5, "Split", "2020-02-20", "Test", 3)
%!error <needs dates> rnn_windows (s, "Window", 5, "Split", "2020-02-20")
%!error id=rnnkit:dim rnn_windows ((1:5)', "Window", 5)
%!error id=rnnkit:input rnn_windows (d, "Target", "Open")
%!error id=rnnkit:input rnn_windows (s, "Scale", "robust")
%!error id=rnnkit:input rnn_windows ({1, 2})

## dates: datenums, ISO strings in any container, a date field named
## anything, and a clear error for other forms (issue 13, item 8)
%!test
%! iso = cellstr (datestr (d.Date, "yyyy-mm-dd"));
%! a = rnn_windows (d, "Window", 5, "Split", "2020-02-20");
%! b = rnn_windows (struct ("Date", {iso}, "Close", d.Close), "Window", 5, "Split", datenum (2020, 2, 20));
%! c = rnn_windows (struct ("Date", char (iso), "Close", d.Close), "Window", 5, "Split", {"2020-02-20"});
%! e = rnn_windows (struct ("date", d.Date, "Close", d.Close), "Window", 5, "Split", "2020-02-20");
%! g = rnn_windows (struct ("day", {iso}, "Close", d.Close), "Window", 5, "Split", "2020-02-20");
%! h = rnn_windows (struct ("when", d.Date, "Close", d.Close), "Window", 5, ...
%!                  "Split", "2020-02-20", "date", "when");
%! for r = {b, c, e, g, h}
%!   assert (r{1}.x, a.x);
%!   assert (r{1}.index, a.index);
%!   assert (r{1}.data.index, a.data.index);
%!   assert (r{1}.data.split_row, 51);
%! endfor
%! assert (e.meta.date, "date");
%! assert (h.meta.date, "when");
%! assert (a.meta.date, "Date");
%! assert (e.meta.features, {"Close"});
%!error <'Date' must hold dates in ISO form 'yyyy-mm-dd' .* or as datenum numbers .*'31/01/2020' in row 1 is not one. Convert other forms first: datenum \(s, 'dd/mm/yyyy' or 'mm/dd/yyyy'\)> rnn_windows (struct ("Date", {{"31/01/2020"; "01/02/2020"}}, "v", [1; 2]), "Window", 1)
%!error <'day' must hold dates in ISO form> rnn_windows (struct ("day", {{"31.01.2020"; "01.02.2020"}}, "v", [1; 2]), "Window", 1)
%!error <'Split' must hold dates in ISO form .*'20/02/2020' in row 1> rnn_windows (d, "Window", 5, "Split", "20/02/2020")
%!error <'Split' must hold dates .* datenum numbers .* not a 1x1 struct> rnn_windows (d, "Window", 5, "Split", struct ())
%!error <'Date' names the field 'when', but DATA has only Date, Close> rnn_windows (d, "Window", 5, "Date", "when")
%!error <several fields of dates \(a, b\)> rnn_windows (struct ("a", {{"2020-01-01"; "2020-01-02"}}, "b", {{"2020-01-01"; "2020-01-02"}}, "v", [1; 2]), "Window", 1)
%!test
%! ## a text field that holds no dates is still ignored
%! w = rnn_windows (struct ("name", "DJIA", "v", (1:10)'), "Window", 2, "Scale", "none");
%! assert (isempty (w.data.index));
%! assert (w.meta.target, {"v"});

## regressions found by tests/octave/random_inputs.m
%!error <'Split' must be one date> rnn_windows (d, "Window", 5, "Split", d.Date(50:51))
%!error <'Date' must be the name of the date field> rnn_windows (d, "Window", 5, "Date", {"Date", "x"})
%!error <must hold dates in ISO form> rnn_windows (struct ("Date", {{char([50 200 48])}}, "v", 1), "Window", 1)
%!error <no rows or no columns> rnn_windows (zeros (3, 0))
%!error <scaler's center must be numbers> rnn_windows (s, "Window", 5, "Scale", struct ("method", "minmax", "center", "a", "scale", 1))
%!error <scaler has 2 columns but 1 center> rnn_windows (s, "Window", 5, "Scale", struct ("method", "minmax", "center", 0, "scale", 1, "columns", {{"value", "x"}}))
## column numbers index the fields as given, the date and text fields
## counted; the date, text and matrix fields are refused by number or name
%!shared s, d, p
%! s = sin (pi * 0.05 * (0:59))';
%! d = struct ("Date", datenum (2020, 1, 1) + (0:59)', "Close", 100 + (1:60)');
%! t = (1:40)';
%! p = struct ("Date", datenum (2020, 1, 1) + t, "Open", t, "Symbol", {repmat({"DJIA"}, 40, 1)});
%! p.High = t + 2;
%! p.Low = t - 2;
%! p.Close = t + 1;
%! p.Volume = 1000 * t;
%!test
%! a = rnn_windows (p, "Target", 6, "Features", [2 5 6], "Window", 5, "Test", 5);
%! b = rnn_windows (p, "Target", "Close", "Features", {"Open", "Low", "Close"}, "Window", 5, "Test", 5);
%! assert (a, b);
%! assert (a.meta.target, {"Close"});
%! assert (rnn_windows (p, "Target", 7, "Window", 5).meta.target, {"Volume"});
%! q = rmfield (p, "Symbol");
%! assert (rnn_windows (q, "Target", 5, "Window", 5).meta.target, {"Close"});
%! m = [q.Open q.High q.Low q.Close q.Volume];
%! assert (rnn_windows (m, "Target", 4, "Window", 5).meta.target, {"x4"});
%!error <'Target' = 1 is column 'Date', the date column, which dates the rows: it cannot be a target or a feature. Use the numeric columns: 2 Open, 4 High, 5 Low, 6 Close, 7 Volume.> rnn_windows (p, "Target", 1, "Window", 5)
%!error <'Target' names column 'Date', the date column> rnn_windows (p, "Target", "Date", "Window", 5)
%!error <'Features' = 3 is column 'Symbol', which holds text \(a cellstr\), not numbers. Use the numeric columns: 2 Open> rnn_windows (p, "Target", 6, "Features", [6 3], "Window", 5)
%!error <'Features' names column 'Symbol', which holds text> rnn_windows (p, "Target", 6, "Features", "Symbol", "Window", 5)
%!error <'Target' = 8 asks for column 8, but DATA has 7 columns: 1 Date \(the date column\), 2 Open, 3 Symbol \(text\), 4 High> rnn_windows (p, "Target", 8, "Window", 5)
%!error <'Target' = 0 asks for column 0> rnn_windows (p, "Target", 0, "Window", 5)
%!error <'Target' = 2 is column 'b', which holds a matrix .*, not a column of real numbers> rnn_windows (struct ("a", (1:9)', "b", ones (9, 2)), "Target", 2, "Window", 2)
%!error id=rnnkit:input rnn_windows (p, "Target", 1, "Window", 5)
%!error id=rnnkit:input rnn_windows (p, "Target", 8, "Window", 5)
%!error id=rnnkit:input rnn_windows (p, "Features", {"Close", "Symbol"}, "Window", 5)

%!test
%! ## a char matrix of column names, sparse data
%! w = rnn_windows (struct ("a", (1:20)', "b", (21:40)'), "Features", ["a"; "b"], ...
%!                  "Target", "b", "Window", 3, "Scale", "none");
%! assert (w.meta.features, {"a", "b"});
%! w2 = rnn_windows (sparse (s), "Window", 5, "Scale", "none");
%! assert (w2.x, rnn_windows (s, "Window", 5, "Scale", "none").x);

## issue 15: target transforms
%!test
%! s = 100 + cumsum (sin ((1:80)'));
%! w = rnn_windows (s, "Window", 5, "Transform", "diff", "Scale", "none", "Test", 10);
%! assert (w.index.start(1), 2);
%! assert (squeeze (w.x(1, :, 1))(:), diff (s)(1:5), 0);
%! assert (w.y(1), s(7) - s(6), 0);
%! assert (w.meta.transform, "diff");
%! wm = rnn_windows (s, "Window", 5, "Transform", "diff", "Test", 10);
%! dd = diff (s(1:wm.scaler.n_rows));
%! assert (wm.scaler.center, min (dd));
%! assert (wm.scaler.scale, max (dd) - min (dd));
%!test
%! t = (0:59)';
%! d = struct ("Date", datenum (2015, 1 + t, 1), "y", 100 + 10 * sin (2 * pi * t / 12));
%! w = rnn_windows (d, "Window", 6, "Transform", "sdiff", "Test", 6);
%! assert (w.meta.period, 12);
%! assert (w.index.start(1), 13);
%! w = rnn_windows (d, "Window", 6, "Transform", "sdiff", "Period", 3, "Test", 6);
%! assert (w.meta.period, 3);
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Transform", "dif")
%!error <column value holds 0> rnn_windows ([1:20, 0, 1:20]', "Window", 5, "Transform", "log")
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Transform", "sdiff")
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Transform", "diff", "Period", 2)
%!test
%! s = (1:40)' .^ 2;
%! w = rnn_windows (s, "Window", 4, "Transform", "boxcox", "Lambda", 0.5, "Scale", "none");
%! assert (w.y(1), 2 * (sqrt (s(5)) - 1), 1e-14);
%! assert (w.meta.lambda, 0.5);
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Transform", "boxcox")
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Lambda", 0.5)
## combined transforms (issue 15): a power step, then differences
%!test
%! a = rnn_example_data ("air");
%! x = a.Passengers;
%! w = rnn_windows (a, "Window", 12, "Transform", {"log", "sdiff"}, "Scale", "none", "Test", 12);
%! assert (w.meta.transform, {"log", "sdiff"});
%! assert (w.meta.period, 12);
%! assert (w.index.start(1), 13);
%! r = w.meta.target_rows(1);
%! assert (w.y(1), log (x(r)) - log (x(r - 12)), 0);
%! w2 = rnn_windows (a, "Window", 12, "Transform", {"diff", "sdiff"}, "Scale", "none", "Test", 12);
%! assert (w2.index.start(1), 14);
%!test
%! s = 100 + cumsum (sin ((1:80)'));
%! wl = rnn_windows (s, "Window", 5, "Transform", "logdiff", "Test", 10);
%! wc = rnn_windows (s, "Window", 5, "Transform", {"log", "diff"}, "Test", 10);
%! assert (isequal (wc.x, wl.x) && isequal (wc.y, wl.y) && isequal (wc.scaler, wl.scaler));
%!error <"log" comes first> rnn_windows ((1:50)', "Window", 5, "Transform", {"sdiff", "log"}, "Period", 4)
%!error <one power step> rnn_windows ((1:50)', "Window", 5, "Transform", {"log", "boxcox"}, "Lambda", 1)
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Transform", {"log", "sdiff"})
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Transform", {})
%!error <holds 0> rnn_windows ([1:20, 0, 1:20]', "Window", 5, "Transform", {"log", "diff"})

## issue 16: panels
%!test
%! n = 40;
%! dates = datenum (2015, 1:n, 1)';
%! a = 100 + (1:n)' + 3 * sin (1:n)';
%! s = struct ("Date", [dates; dates; dates(1:3)], ...
%!             "Name", {[repmat({"a"}, n, 1); repmat({"b"}, n, 1); repmat({"t"}, 3, 1)]}, ...
%!             "value", [a; 10 * a; 1; 2; 3]);
%! w = rnn_windows (s, "Key", "Name", "Window", 5, "Split", "2017-06-01");
%! assert (w.meta.keys, {"a", "b"});
%! assert (unique (w.index.key, "stable"), {"a"; "b"});
%! one = rnn_windows (struct ("Date", dates, "value", a), "Window", 5, "Split", "2017-06-01");
%! k = strcmp (w.index.key, "a");
%! assert (isequal (w.x(k, :, :), one.x) && isequal (w.y(k), one.y));
%! assert (isequal (w.scaler.center(:, 1)', one.scaler.center));
%! ## b = 10 a: the same scaled windows, each series on its own scaler
%! assert (w.x(! k, :, :), w.x(k, :, :), 1e-12);
%! assert (w.scaler.scale(:, 2), 10 * w.scaler.scale(:, 1), 1e-9);
## a panel with two columns: each series read as its own rows x columns
## block (stacking the rows of one matrix read the other series' columns)
%!test
%! n = 40;
%! dates = datenum (2015, 1:n, 1)';
%! a = 100 + (1:n)' + 3 * sin (1:n)';
%! o = mod ((1:2*n)', 7) + 1;
%! s = struct ("Date", [dates; dates], "Name", {[repmat({"a"}, n, 1); repmat({"b"}, n, 1)]}, ...
%!             "value", [a; 10 * a + 3], "other", o);
%! w = rnn_windows (s, "Key", "Name", "Target", "value", "Features", {"value", "other"}, ...
%!                  "Window", 5, "Split", "2017-06-01", "Transform", "diff");
%! for i = 1:2
%!   r = (i - 1) * n + (1:n);
%!   one = rnn_windows (struct ("Date", dates, "value", s.value(r), "other", o(r)), "Target", "value", ...
%!                      "Features", {"value", "other"}, "Window", 5, "Split", "2017-06-01", "Transform", "diff");
%!   k = strcmp (w.index.key, w.meta.keys{i});
%!   assert (isequal (w.x(k, :, :), one.x) && isequal (w.y(k), one.y));
%! endfor
%!error id=rnnkit:input rnn_windows (struct ("value", 1:10), "Key", "Name")
%!error id=rnnkit:dim rnn_windows (struct ("Name", {{"a"; "a"}}, "value", [1; 2]), "Key", "Name", "Window", 5)
## issue 16 (h16-h12): 'Lambda', 'auto' -- Guerrero's lambda per series on
## its training rows; forecast::BoxCox.lambda (AirPassengers, method
## "guerrero") is -0.294715585559316
%!test
%! air = rnn_example_data ("air");
%! w = rnn_windows (air, "Target", "Passengers", "Window", 12, "Transform", {"boxcox", "sdiff"}, ...
%!                  "Lambda", "auto");
%! assert (w.meta.lambda, -0.294715585559316, 1e-12);
%! assert (w.meta.lambda_method, "guerrero");
%! assert (! isempty (strfind (rnn_summary (w), "(Guerrero)")));
%! n = numel (air.Passengers);
%! d = struct ("Name", {[repmat({"air"}, n, 1); repmat({"lin"}, n, 1)]}, ...
%!             "Date", [air.Date; air.Date], ...
%!             "y", [air.Passengers; 50 + (1:n)' + 5 * sin((1:n)' * pi / 6)]);
%! wp = rnn_windows (d, "Key", "Name", "Target", "y", "Window", 12, "Split", "1958-01-01", ...
%!                   "Transform", {"boxcox", "sdiff"}, "Lambda", "auto");
%! assert (numel (wp.meta.lambda), 2);
%! s = struct ("Date", air.Date, "y", air.Passengers);
%! one = rnn_windows (s, "Target", "y", "Window", 12, "Split", "1958-01-01", ...
%!                    "Transform", {"boxcox", "sdiff"}, "Lambda", "auto");
%! assert (wp.meta.lambda(1), one.meta.lambda);
%! assert (wp.x(strcmp (wp.index.key, "air"), :, :), one.x);
%! assert (abs (diff (wp.meta.lambda)) > 0.1);
## a panel's lambda label: the smallest, median and largest lambda are the
## core's (rnn_lambda_summary), R's numbers (test-lambda.R pins the same
## labels; the cross-host test compares them); four series are an even
## count: the median is the mean of the two middle lambdas
%!test
%! air = rnn_example_data ("air");
%! n = numel (air.Passengers);
%! t = (1:n)';
%! p = air.Passengers;
%! nm = {"air", "lin", "sq", "ex"};
%! d = struct ("Date", repmat (air.Date, 4, 1), "Name", {repelem(nm, n)'}, ...
%!             "y", [p; 50 + t + 5 * sin(t * pi / 6); p .^ 2 / 100; 100 * exp(p / 200)]);
%! want = {"", "lambda -0.276 .. 1 (Guerrero, per series, median 0.362)", ...
%!         "lambda -0.276 .. 1 (Guerrero, per series, median -0.15)", ...
%!         "lambda -1 .. 1 (Guerrero, per series, median -0.213)"};
%! for k = 2:4
%!   keep = ismember (d.Name, nm(1:k));
%!   w = rnn_windows (struct ("Date", d.Date(keep), "Name", {d.Name(keep)}, "y", d.y(keep)), ...
%!                    "Key", "Name", "Target", "y", "Window", 12, "Split", "1958-01-01", ...
%!                    "Transform", {"boxcox", "sdiff"}, "Lambda", "auto");
%!   assert (numel (w.meta.lambda), k);
%!   out = rnn_summary (w);
%!   assert (! isempty (strfind (out, ["target transform: boxcox, then sdiff, period 12, " want{k} ...
%!                                     " (undone in predictions and forecasts)"])));
%! endfor
%! ## lambdas given per series (no method): NaN ones left out
%! w.meta = rmfield (w.meta, "lambda_method");
%! w.meta.lambda = [0.9 NaN 0.1 0.5 0.2];
%! assert (! isempty (strfind (rnn_summary (w), "boxcox, then sdiff, period 12, lambda 0.1 .. 0.9 (per series, median 0.35)")));
%! assert (__rnnkit__ ("lambda_summary", [0.9 0.1 0.5 0.2]), [0.1 median([0.2 0.5]) 0.9]);
%! assert (__rnnkit__ ("lambda_summary", [3 NaN -1 2]), [-1 2 3]);
%! assert (__rnnkit__ ("lambda_summary", [NaN NaN]), [NaN NaN NaN]);
%!error id=rnnkit:input rnn_windows ((1:50)' + 1, "Window", 5, "Transform", "boxcox", "Lambda", "foo")
%!error id=rnnkit:input rnn_windows ((1:50)' + 1, "Window", 5, "Transform", "log", "Lambda", "auto")

## issue 16, item 5: 'Store', 'series' keeps the scaled series and each
## window's first row; fits (validation, 1 and 2 threads), predictions,
## accuracy and forecasts are the stored windows' bits
%!test
%! t = (0:59)';
%! s = 10 + sin (t / 3) + 0.05 * t;
%! w = rnn_windows (s, "Window", 6, "Test", 10);
%! c = rnn_windows (s, "Window", 6, "Test", 10, "Store", "series");
%! assert (isstruct (c.x) && isequal (size (c.x.values), [60 1]));
%! rw = c.x.start + 1 + (0:5);
%! assert (reshape (c.x.values(rw(:), :), size (w.x)), w.x);
%! assert (c.y, w.y);
%! for th = 1:2
%!   o = {"Units", 3, "Epochs", 3, "Seed", 2, "Verbose", false, "Validation", 0.2, ...
%!        "Threads", th, "BatchSize", 8};
%!   m = rnn_fit (w, o{:});
%!   mc = rnn_fit (c, o{:});
%!   assert (mc.params, m.params);
%!   assert (mc.residuals, m.residuals);
%! endfor
%! assert (rnn_predict (mc, c), rnn_predict (m, w));
%! assert (struct (rnn_predict (mc, c, "Units", "original")), ...
%!         struct (rnn_predict (m, w, "Units", "original")));
%! assert (struct (rnn_accuracy (mc, c)), struct (rnn_accuracy (m, w)));
%! assert (struct (rnn_forecast (mc, 5, "Seed", 1)), struct (rnn_forecast (m, 5, "Seed", 1)));
%! out = rnn_summary (c);
%! assert (! isempty (strfind (out, "inputs not stored ('Store' 'series'): read from 60 rows")));
%! assert (isempty (strfind (rnn_summary (w), "not stored")));
## ensembles, single precision and continuing a 'Model' on compact
## windows give the stored windows' bits too
%!test
%! t = (0:59)';
%! s = 10 + sin (t / 3) + 0.05 * t;
%! w = rnn_windows (s, "Window", 6, "Test", 10);
%! c = rnn_windows (s, "Window", 6, "Test", 10, "Store", "series");
%! o = {"Units", 3, "Epochs", 2, "Seed", 3, "Verbose", false, "BatchSize", 8};
%! m = rnn_fit (w, o{:}, "Ensemble", 3);
%! mc = rnn_fit (c, o{:}, "Ensemble", 3);
%! assert (columns (mc.params), 3);
%! assert (mc.params, m.params);
%! assert (rnn_predict (mc, c), rnn_predict (m, w));
%! assert (struct (rnn_forecast (mc, 3, "Seed", 1)), struct (rnn_forecast (m, 3, "Seed", 1)));
%! m = rnn_fit (w, o{:}, "Precision", "single");
%! mc = rnn_fit (c, o{:}, "Precision", "single");
%! assert (mc.params, m.params);
%! assert (rnn_predict (mc, c), rnn_predict (m, w));
%! m2 = rnn_fit (w, o{:}, "Model", m);
%! mc2 = rnn_fit (c, o{:}, "Model", mc);
%! assert (! isequal (mc2.params, mc.params));
%! assert (mc2.params, m2.params);
%!test
%! t = (0:59)';
%! d = struct ("Date", datenum (2015, [1 + t; 1 + t; 1 + t], 1), ...
%!             "Name", {[repmat({"a"}, 60, 1); repmat({"b"}, 60, 1); repmat({"c"}, 60, 1)]}, ...
%!             "v", [10 + sin(t); 5 + t; 20 - cos(t / 2)]);
%! w = rnn_windows (d, "Key", "Name", "Window", 5, "Split", "2018-06-01");
%! c = rnn_windows (d, "Key", "Name", "Window", 5, "Split", "2018-06-01", "Store", "series");
%! assert (isstruct (c.x) && isequal (c.x.rows, [60 60 60]));
%! assert (c.y, w.y);
%! for th = 1:2
%!   o = {"Units", 3, "Epochs", 2, "Seed", 4, "Verbose", false, "Validation", 0.2, ...
%!        "Threads", th, "SeriesEmbedding", 2, "BatchSize", 16};
%!   m = rnn_fit (w, o{:});
%!   mc = rnn_fit (c, o{:});
%!   assert (mc.params, m.params);
%!   assert (mc.residuals, m.residuals);
%! endfor
%! assert (rnn_predict (mc, c), rnn_predict (m, w));
%! assert (struct (rnn_predict (mc, c, "Units", "original")), ...
%!         struct (rnn_predict (m, w, "Units", "original")));
%! assert (struct (rnn_accuracy (mc, c)), struct (rnn_accuracy (m, w)));
%! assert (struct (rnn_accuracy (mc)), struct (rnn_accuracy (m)));
%! assert (struct (rnn_forecast (mc, 4, "Seed", 1)), struct (rnn_forecast (m, 4, "Seed", 1)));
%! out = rnn_summary (c);
%! assert (! isempty (strfind (out, "3 series (key Name: a, b, c)")));
%! assert (! isempty (strfind (out, "inputs not stored ('Store' 'series'): read from 180 rows")));
%!error <'Store' must be one of 'windows', 'series', not 'disk'> rnn_windows ((1:50)', "Window", 5, "Store", "disk")
%!error id=rnnkit:input rnn_windows ((1:50)', "Window", 5, "Store", "disk")
%!error <W.x must be compact windows as rnn_windows \(..., 'Store', 'series'\) makes them> rnn_fit (setfield (struct (rnn_windows ((1:50)', "Window", 5, "Store", "series")), "x", struct ("values", (1:9)', "start", 7, "n_time", 5)), "Epochs", 1, "Verbose", false)
%!test
%! assert (! isempty (strfind (help ("rnn_windows"), "'Store'")));
