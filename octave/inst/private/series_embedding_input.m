## -*- texinfo -*-
## @deftypefn {} {[@var{X}, @var{Xw}, @var{semb}] =} series_embedding_input (@var{se}, @var{X}, @var{Xw}, @var{windows}, @var{train_rows})
## rnn_fit's @qcode{'SeriesEmbedding'} (issue 16), as R's
## rnn_fit(series_embedding = ): [] none; [n_series dim] for arrays
## whose last feature is the series index 0..n_series-1; a width dim for
## panel windows (rnn_windows (..., 'Key', ...)), whose key indices
## (0-based, in meta.keys order) are appended to @var{X} and @var{Xw} as
## the last feature.  Returns @var{semb} = [n_series dim] ([0 0]: none).
## A @var{model} to continue ('Model') brings its embedding, as R's
## rnn_fit(model = ): on panel windows of its own keys each window's key
## index is appended without 'SeriesEmbedding' (which, if given, must be
## the model's width).
## @end deftypefn
function [X, Xw, semb] = series_embedding_input (se, X, Xw, windows, train_rows, model = [])
  semb = [0 0];
  panel = isstruct (windows) && isfield (windows, "meta") ...
          && isfield (windows.meta, "keys");
  if (panel && isstruct (model) && isfield (model.config, "n_series") ...
      && model.config.n_series > 0)
    ns = model.config.n_series;
    if (! isempty (se) && ! isequal (se, model.config.series_embed))
      error ("rnnkit:input", ["'Model' brings its series embedding of width %d: leave " ...
             "out 'SeriesEmbedding' (or give %d), not %s"], model.config.series_embed, ...
             model.config.series_embed, describe (se));
    endif
    keys = cellstr (windows.meta.keys)(:)';
    if (is_panel (model))
      mk = cellstr (model.prep.meta.keys)(:)';
      bad = ! isequal (mk, keys);
    else
      mk = {};
      bad = numel (keys) != ns;
    endif
    if (bad)
      error ("rnnkit:input", ["'Model' has a series embedding for %d series%s; continue " ...
             "it on windows of the same keys, not of %s"], ns, ...
             merge (isempty (mk), "", [" (keys " strjoin(mk(1:min (10, end)), ", ") ")"]), ...
             strjoin (keys(1:min (10, end)), ", "));
    endif
    se = model.config.series_embed;
  endif
  if (isempty (se))
    return;
  endif
  ok = isnumeric (se) && isreal (se) && all (isfinite (se(:))) ...
       && all (se(:) >= 1) && all (se(:) == round (se(:)));
  if (panel && ok && isscalar (se) && se <= 1e5)
    keys = windows.meta.keys;
    [~, k] = ismember (windows.index.key(train_rows), keys);
    if (isstruct (X))  # issue 16: compact windows
      X = compact_windows ("index", X, k(:) - 1);
    else
      X = cat (3, X, repmat (k(:) - 1, 1, size (X, 2)));
    endif
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
