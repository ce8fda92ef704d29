## -*- texinfo -*-
## @deftypefn {} {@var{prep} =} need_prep (@var{model}, @var{what})
## The model's @code{prep} (meta, scaler, data) as R's need_prep(), with the
## string vectors of a model read from an R file as cellstrs and the
## column order of the scaler and the data (features, then targets).
## @end deftypefn
function prep = need_prep (model, what)
  if (! isstruct (model) || ! isscalar (model) || ! isfield (model, "config") ...
      || ! isfield (model, "params"))
    error ("rnnkit:input", "%s needs an rnnkit model, not %s", what, describe (model));
  endif
  if (! isfield (model, "prep") || ! isstruct (model.prep) || ! isfield (model, "residuals"))
    error ("rnnkit:input", ["%s needs a model fit from rnn_windows (in Octave or " ...
           "R), which remembers the data, dates and scaling; this one was fit " ...
           "on bare arrays"], what);
  endif
  prep = model.prep;
  prep.meta.features = cellstr (prep.meta.features)(:)';
  prep.meta.target = cellstr (prep.meta.target)(:)';
  used = [prep.meta.features, prep.meta.target];
  keep = true (size (used));
  for k = 2:numel (used)
    keep(k) = ! any (strcmp (used(1:k-1), used{k}));
  endfor
  prep.used = used(keep);
  if (! isfield (prep.data, "index"))
    prep.data.index = [];
  endif
  prep.scaler.center = prep.scaler.center(:)';
  prep.scaler.scale = prep.scaler.scale(:)';
endfunction
