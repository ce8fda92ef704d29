## -*- texinfo -*-
## @deftypefn {} {@var{w} =} check_windows (@var{w}, @var{name}, @var{need_all})
## Error "rnnkit:input" or "rnnkit:dim" unless @var{w} is windows as
## @code{rnn_windows} returns them: a scalar struct with @code{x}
## (windows x timesteps x features, returned as double, or compact windows
## from @code{rnn_windows (..., 'Store', 'series')}) and @code{y} with
## one row per window, and, if present, @code{index.set} (a cellstr) and
## @code{index.target_row} (row numbers), one per window.  With
## @var{need_all} true, or when @var{w} has @code{meta}, @code{scaler} and
## @code{data}, those are checked too (what forecasting models and
## rnn_accuracy read); their string fields come back as cellstr rows.
## @end deftypefn
function w = check_windows (w, name, need_all = false)
  if (! isstruct (w) || ! isscalar (w) || ! all (isfield (w, {"x", "y"})))
    error ("rnnkit:input", ["%s must be windows from rnn_windows (a struct with " ...
           "x, y, index, ...), not %s"], name, describe (w));
  endif
  if (isstruct (w.x))  # issue 16: compact windows ('Store' 'series')
    w.x = compact_windows ("check", w.x, [name ".x"]);
    dx = compact_windows ("dims", w.x);
  else
    w.x = as_input_array (w.x, [name ".x"]);
    dx = [size(w.x, 1), size(w.x, 2), size(w.x, 3)];
  endif
  N = dx(1);
  y = w.y;
  if (! (isnumeric (y) || islogical (y) || iscellstr (y)) || rows (y) != N)
    error ("rnnkit:dim", "%s.y is %s; it must hold one target row for each of the %d windows of %s.x", ...
           name, describe (y), N, name);
  endif
  has_prep = all (isfield (w, {"meta", "scaler", "data"}));
  if (need_all || has_prep || isfield (w, "index"))
    if (! isfield (w, "index") || ! isstruct (w.index) || ! isscalar (w.index))
      bad (name, "index", "a struct with start, target_row and set");
    endif
    if (isfield (w.index, "set") || need_all || has_prep)
      s = field_or_empty (w.index, "set");
      if (! iscellstr (s) || numel (s) != N)
        bad (name, "index.set", sprintf ("%d labels train/test/gap", N));
      endif
      w.index.set = s(:);
    endif
    if (isfield (w.index, "target_row") || need_all || has_prep)
      r = field_or_empty (w.index, "target_row");
      if (! whole (r, 2) || numel (r) != N)
        bad (name, "index.target_row", sprintf ("%d row numbers", N));
      endif
      w.index.target_row = double (r(:));
    endif
  endif
  if (! (need_all || has_prep))
    return;
  endif
  for f = {"meta", "scaler", "data"}
    if (! isfield (w, f{1}) || ! isstruct (w.(f{1})) || ! isscalar (w.(f{1})))
      bad (name, f{1}, "a struct");
    endif
  endfor
  if (isfield (w.meta, "keys"))
    w = check_panel (w, name, N);  # issue 16
    return;
  endif
  m = w.meta;
  for f = {"window", "horizon"}
    v = field_or_empty (m, f{1});
    if (! whole (v, 1) || ! isscalar (v))
      bad (name, ["meta." f{1}], "a whole number");
    endif
    w.meta.(f{1}) = double (v);
  endfor
  for f = {"features", "target"}
    v = field_or_empty (m, f{1});
    if (! (iscellstr (v) || (ischar (v) && ndims (v) == 2)) || isempty (v))
      bad (name, ["meta." f{1}], "column names");
    endif
    w.meta.(f{1}) = cellstr (v)(:)';
  endfor
  if (dx(2) != w.meta.window || dx(3) != numel (w.meta.features))
    bad (name, "x", sprintf ("windows of %d steps of %d features (meta)", ...
                             w.meta.window, numel (w.meta.features)));
  endif
  cols = field_or_empty (w.scaler, "columns");
  if (! iscellstr (cols) && ! ischar (cols))
    bad (name, "scaler.columns", "column names");
  endif
  cols = cellstr (cols)(:)';
  if (! all (ismember ([w.meta.features, w.meta.target], cols)))
    bad (name, "scaler.columns", "the names of the features and targets");
  endif
  w.scaler.columns = cols;
  for f = {"center", "scale"}
    v = field_or_empty (w.scaler, f{1});
    if (! isnumeric (v) || ! isreal (v) || numel (v) != numel (cols))
      bad (name, ["scaler." f{1}], sprintf ("%d numbers", numel (cols)));
    endif
    w.scaler.(f{1}) = full (double (v(:)'));
  endfor
  v = field_or_empty (w.data, "values");
  if (! isnumeric (v) || ! isreal (v) || ndims (v) != 2 || columns (v) != numel (cols) ...
      || any (w.index.target_row + w.meta.horizon - 1 > rows (v)))
    bad (name, "data.values", sprintf ("a matrix of the %d columns with every target row", ...
                                       numel (cols)));
  endif
  w.data.values = full (double (v));
endfunction

## issue 16: panel windows (rnn_windows (..., 'Key', k)): the key of every
## window, the keys, one scaler column and one series per key
function w = check_panel (w, name, N)
  keys = w.meta.keys;
  if (! (iscellstr (keys) || ischar (keys)) || isempty (keys))
    bad (name, "meta.keys", "the keys of the series");
  endif
  keys = cellstr (keys)(:)';
  w.meta.keys = keys;
  k = field_or_empty (w.index, "key");
  if (! iscellstr (k) || numel (k) != N || ! all (ismember (k, keys)))
    bad (name, "index.key", sprintf ("%d keys among meta.keys", N));
  endif
  w.index.key = k(:);
  for f = {"features", "target"}
    w.meta.(f{1}) = cellstr (field_or_empty (w.meta, f{1}))(:)';
  endfor
  cols = cellstr (field_or_empty (w.scaler, "columns"))(:)';
  w.scaler.columns = cols;
  for f = {"center", "scale"}
    v = field_or_empty (w.scaler, f{1});
    if (! isnumeric (v) || ! isreal (v) || numel (v) != numel (cols) * numel (keys))
      bad (name, ["scaler." f{1}], sprintf ("%d x %d numbers (a column per key)", ...
                                            numel (cols), numel (keys)));
    endif
    w.scaler.(f{1}) = reshape (full (double (v)), numel (cols), numel (keys));
  endfor
  s = field_or_empty (w.data, "series");
  if (! ((iscell (s) || isstruct (s)) && numel (struct2cell_if (s)) == numel (keys)))
    bad (name, "data.series", sprintf ("the %d series, one per key", numel (keys)));
  endif
endfunction

function c = struct2cell_if (s)
  c = s;
  if (isstruct (s))
    c = struct2cell (s);
  endif
endfunction

function v = field_or_empty (s, f)
  v = [];
  if (isfield (s, f))
    v = s.(f);
  endif
endfunction

function tf = whole (v, lo)
  tf = isnumeric (v) && isreal (v) && ! isempty (v) && all (isfinite (v(:))) ...
       && all (v(:) == round (v(:))) && all (v(:) >= lo);
endfunction

function bad (name, f, want)
  error ("rnnkit:input", ["%s.%s must be %s, as rnn_windows makes it; pass the " ...
         "windows unchanged"], name, f, want);
endfunction
