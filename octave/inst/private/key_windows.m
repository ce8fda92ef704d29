## -*- texinfo -*-
## @deftypefn {} {@var{w} =} key_windows (@var{w}, @var{k})
## Key @var{k}'s windows of panel windows @var{w} (issue 16), as one
## series' windows with that key's scaler and data (R's key_windows()).
## @end deftypefn
function w = key_windows (w, k)
  sel = strcmp (w.index.key, k);
  p = key_prep (w, k);
  if (isstruct (w.x))
    w.x = compact_windows ("take", w.x, sel);  # issue 16
  else
    w.x = w.x(sel, :, :);
  endif
  w.y = w.y(sel, :);
  w.naive = w.naive(sel, :);
  for f = fieldnames (w.index)'
    w.index.(f{1}) = w.index.(f{1})(sel);
  endfor
  w.index = rmfield (w.index, "key");
  w.meta = p.meta;
  w.meta.target_rows = w.index.target_row;
  w.scaler = p.scaler;
  w.data = p.data;
endfunction
