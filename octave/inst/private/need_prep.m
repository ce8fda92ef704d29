## -*- texinfo -*-
## @deftypefn {} {@var{prep} =} need_prep (@var{model}, @var{what})
## The model's @code{prep} (meta, scaler, data) as R's need_prep(), with the
## string vectors of a model read from an R file as cellstrs and the
## column order of the scaler and the data (features, then targets).
## Errors "rnnkit:input" unless @var{model} is an intact model fit from
## windows: every part of prep that forecasting and scoring read is
## checked, and its sizes against the model's inputs and outputs.
## @end deftypefn
function prep = need_prep (model, what)
  check_model (model, what);
  if (! isfield (model, "prep") || ! isstruct (model.prep) || ! isfield (model, "residuals"))
    error ("rnnkit:input", ["%s needs a model fit from rnn_windows (in Octave or " ...
           "R), which remembers the data, dates and scaling; this one was fit " ...
           "on bare arrays"], what);
  endif
  cfg = model.config;
  cells = fieldnames (__rnnkit__ ("schema").cell);
  if (! isfield (cfg, "cell") || ! ischar (cfg.cell) || ! any (strcmp (cfg.cell, cells)))
    broken_model (what, ["config.cell is not one of " strjoin(cells', ", ")]);
  endif
  prep = model.prep;
  if (! isscalar (prep) || ! all (isfield (prep, {"meta", "scaler", "data"})))
    broken_model (what, "prep must hold meta, scaler and data");
  endif
  for f = {"meta", "scaler", "data"}
    if (! isstruct (prep.(f{1})) || ! isscalar (prep.(f{1})))
      broken_model (what, sprintf ("prep.%s is %s, not a struct", f{1}, describe (prep.(f{1}))));
    endif
  endfor
  ## issue 16: a panel model answers per key (rnn_predict, rnn_accuracy and
  ## rnn_forecast take each key's view of it); never as one series
  if (isfield (prep.meta, "keys"))
    error ("rnnkit:input", ["%s: this model was fit on a panel (key %s); it answers " ...
           "per key: rnn_predict (model, w, 'Units', 'original') with panel windows, " ...
           "rnn_accuracy (model) and rnn_forecast (model, h, 'Key', k)"], what, ...
           char (prep.meta.key));
  endif
  meta = prep.meta;
  need_fields (what, meta, "prep.meta", {"window", "horizon", "features", "target", "na"});
  for f = {"window", "horizon"}
    v = meta.(f{1});
    if (! isnumeric (v) || ! isreal (v) || ! isscalar (v) || ! isfinite (v) ...
        || v != round (v) || v < 1)
      broken_model (what, sprintf ("prep.meta.%s is %s, not a whole number", f{1}, describe (v)));
    endif
    prep.meta.(f{1}) = full (double (v));
  endfor
  for f = {"features", "target"}
    v = meta.(f{1});
    if (! (iscellstr (v) || (ischar (v) && ndims (v) == 2)) || isempty (v))
      broken_model (what, sprintf ("prep.meta.%s is %s, not column names", f{1}, describe (v)));
    endif
    prep.meta.(f{1}) = cellstr (v)(:)';
  endfor
  if (! ischar (meta.na))
    broken_model (what, sprintf ("prep.meta.na is %s, not a string", describe (meta.na)));
  endif
  used = [prep.meta.features, prep.meta.target];
  keep = true (size (used));
  for k = 2:numel (used)
    keep(k) = ! any (strcmp (used(1:k-1), used{k}));
  endfor
  prep.used = used(keep);
  nu = numel (prep.used);
  need_fields (what, prep.scaler, "prep.scaler", {"center", "scale"});
  for f = {"center", "scale"}
    v = prep.scaler.(f{1});
    if (! isnumeric (v) || ! isreal (v) || numel (v) != nu)
      broken_model (what, sprintf ("prep.scaler.%s is %s, not %d numbers (one per column)", ...
                             f{1}, describe (v), nu));
    endif
    prep.scaler.(f{1}) = full (double (v(:)'));
  endfor
  need_fields (what, prep.data, "prep.data", {"values", "split_row"});
  v = prep.data.values;
  if (! isnumeric (v) || ! isreal (v) || ndims (v) != 2 || columns (v) != nu || rows (v) < 1)
    broken_model (what, sprintf ("prep.data.values is %s, not a matrix of the %d columns %s", ...
                           describe (v), nu, strjoin (prep.used, ", ")));
  endif
  prep.data.values = full (double (v));
  if (! isfield (prep.data, "index"))
    prep.data.index = [];
  endif
  ix = prep.data.index;
  if (isempty (ix))
    ix = [];
  endif
  if (! isempty (ix) && (! isnumeric (ix) || ! isreal (ix) || ! isvector (ix) ...
                         || numel (ix) != rows (v)))
    broken_model (what, sprintf ("prep.data.index is %s, not %d dates", describe (ix), rows (v)));
  endif
  prep.data.index = full (double (ix));
  sr = prep.data.split_row;
  if (! isnumeric (sr) || ! isreal (sr) || ! isscalar (sr) || ! isfinite (sr) ...
      || sr != round (sr) || sr < 1)
    broken_model (what, sprintf ("prep.data.split_row is %s, not a row number", describe (sr)));
  endif
  prep.data.split_row = full (double (sr));
  n_out = numel (prep.meta.target) * prep.meta.horizon;
  ## issue 16: a series embedding reads the series index as a last input
  n_idx = isfield (cfg, "n_series") && cfg.n_series > 0;
  if (cfg.n_in != numel (prep.meta.features) + n_idx || cfg.n_out != n_out || cfg.seq_out)
    broken_model (what, sprintf (["the network (%d inputs, %d outputs) does not fit " ...
                            "prep.meta (%d features, %d targets x horizon %d)"], ...
                           cfg.n_in, cfg.n_out, numel (prep.meta.features), ...
                           numel (prep.meta.target), prep.meta.horizon));
  endif
  r = model.residuals;
  if (! isnumeric (r) || ! isreal (r) || (! isempty (r) && numel (r) / rows (r) != n_out))
    broken_model (what, sprintf ("residuals is %s, not a matrix with %d columns", ...
                           describe (r), n_out));
  endif
endfunction

function need_fields (what, s, name, f)
  miss = f(! isfield (s, f));
  if (! isempty (miss))
    broken_model (what, sprintf ("%s has no field %s", name, miss{1}));
  endif
endfunction
