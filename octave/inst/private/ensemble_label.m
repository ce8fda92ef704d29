## -*- texinfo -*-
## @deftypefn {} {@var{s} =} ensemble_label (@var{model})
## " x 5" for an ensemble of 5 members (issue 15), "" for one model, as
## R's model_label() appends it.
## @end deftypefn
function s = ensemble_label (model)
  k = columns (model.params);
  if (k > 1)
    s = sprintf (" x %d", k);
  else
    s = "";
  endif
endfunction
