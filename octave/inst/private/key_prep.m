## -*- texinfo -*-
## @deftypefn {} {@var{p} =} key_prep (@var{prep}, @var{k})
## Key @var{k}'s one-series preparation (meta, scaler, data) of a panel's
## preparation @var{prep} (issue 16), as R's key_prep(): what a model fit
## on that series alone would keep.  The series are a cell (Octave's
## windows) or a struct with one field per key (a model file read back);
## the scaler's center and scale have one column per key.
## @end deftypefn
function p = key_prep (prep, k)
  keys = cellstr (prep.meta.keys)(:)';
  i = find (strcmp (keys, k), 1);
  meta = rmfield (prep.meta, intersect (fieldnames (prep.meta), {"key", "keys"}));
  if (isfield (meta, "lambda") && numel (meta.lambda) > 1)
    meta.lambda = meta.lambda(i);  # 'Lambda', 'auto': one per key
  endif
  sc = prep.scaler;
  nk = numel (keys);
  scaler = sc;
  scaler.center = reshape (sc.center, [], nk)(:, i)';
  scaler.scale = reshape (sc.scale, [], nk)(:, i)';
  scaler.n_rows = sc.n_rows(i);
  s = prep.data.series;
  if (isstruct (s))
    s = struct2cell (s);
  endif
  data = s{i};
  if (isfield (data, "split_row"))
    data.split_row = double (data.split_row);
  endif
  p = struct ("meta", meta, "scaler", scaler, "data", data);
endfunction
