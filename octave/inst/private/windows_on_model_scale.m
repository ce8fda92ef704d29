## -*- texinfo -*-
## @deftypefn {} {@var{x} =} windows_on_model_scale (@var{prep}, @var{w})
## The inputs @code{w.x} of windows @var{w} from @code{rnn_windows}, on the
## scale of a model whose @var{prep} (from @code{need_prep}) is given: as
## they are when @var{w} was scaled by the model's scaler, else put back
## into original units with @var{w}'s scaler and scaled with the model's
## (as R's @code{predict()} does with windows, and @code{rnn_accuracy}
## with a model and windows).
## @end deftypefn
function x = windows_on_model_scale (prep, w)
  x = w.x;
  if (isequal (w.scaler.center(:), prep.scaler.center(:)) ...
      && isequal (w.scaler.scale(:), prep.scaler.scale(:)))
    return;
  endif
  if (isstruct (x))
    x = compact_windows ("array", x);  # issue 16: materialised to rescale
  endif
  f = scaler_cols (prep, prep.meta.features);
  [ok, wf] = ismember (prep.meta.features, w.scaler.columns);
  if (! all (ok) || any (f == 0))
    error ("rnnkit:input", "these windows do not hold the model's features (%s)", ...
           strjoin (cellstr (prep.meta.features), ", "));
  endif
  x = reshape (__rnnkit__ ("rescale", reshape (x, [], numel (f)), w.scaler.center(wf), ...
                           w.scaler.scale(wf), prep.scaler.center(f), ...
                           prep.scaler.scale(f)), size (x));
endfunction
