## -*- texinfo -*-
## @deftypefn {} {@var{x} =} model_x (@var{model}, @var{x})
## The input a one-series view of a model reads (issue 16), as R's
## model_x(): @var{x} as it is, or, for a model with a series embedding,
## with the view's series index (@code{series_index} of key_model; -1, the
## mean embedding, when unset) appended as the last feature.
## @end deftypefn
function x = model_x (model, x)
  if (! isfield (model.config, "n_series") || model.config.n_series == 0)
    return;
  endif
  idx = -1;
  if (isfield (model, "series_index"))
    idx = model.series_index;
  endif
  if (isstruct (x))
    x = compact_windows ("index", x, idx);  # issue 16
    return;
  endif
  x = cat (3, x, repmat (idx, size (x, 1), size (x, 2)));
endfunction
