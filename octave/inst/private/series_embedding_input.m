## -*- texinfo -*-
## @deftypefn {} {[@var{X}, @var{Xw}, @var{semb}] =} series_embedding_input (@var{se}, @var{X}, @var{Xw}, @var{windows}, @var{train_rows})
## rnn_fit's @qcode{'SeriesEmbedding'} (issue 16), as R's
## rnn_fit(series_embedding = ): [] none; [n_series dim] for arrays
## whose last feature is the series index 0..n_series-1; a width dim for
## panel windows (rnn_windows (..., 'Key', ...)), whose key indices
## (0-based, in meta.keys order) are appended to @var{X} and @var{Xw} as
## the last feature.  Returns @var{semb} = [n_series dim] ([0 0]: none).
## @end deftypefn
function [X, Xw, semb] = series_embedding_input (se, X, Xw, windows, train_rows)
  semb = [0 0];
  if (isempty (se))
    return;
  endif
  panel = isstruct (windows) && isfield (windows, "meta") ...
          && isfield (windows.meta, "keys");
  ok = isnumeric (se) && isreal (se) && all (isfinite (se(:))) ...
       && all (se(:) >= 1) && all (se(:) == round (se(:)));
  if (panel && ok && isscalar (se) && se <= 1e5)
    keys = windows.meta.keys;
    [~, k] = ismember (windows.index.key(train_rows), keys);
    idx = repmat (k(:) - 1, 1, size (X, 2));
    X = cat (3, X, idx);
    Xw = X;
    semb = [numel(keys), se];
  elseif (! panel && ok && numel (se) == 2 && se(2) <= 1e5 && se(1) <= 1e6)
    semb = double (se(:)');
  else
    error ("rnnkit:input", ["'SeriesEmbedding' must be the width of a learned " ...
           "vector per series for panel windows (rnn_windows (..., 'Key', ...)), " ...
           "or [n_series dim] for an array X whose last feature is the series " ...
           "index 0..n_series-1; not %s"], describe (se));
  endif
endfunction
