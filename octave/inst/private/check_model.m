## -*- texinfo -*-
## @deftypefn {} {} check_model (@var{model}, @var{fname})
## Error "rnnkit:input" unless @var{model} looks like an rnnkit model
## struct (from rnn_fit or rnn_load).
## @end deftypefn
function check_model (model, fname)
  if (! isstruct (model) || ! isscalar (model) || ! isfield (model, "config") ...
      || ! isfield (model, "params") || ! isstruct (model.config))
    error ("rnnkit:input", ["%s: MODEL must be an rnnkit model (from rnn_fit " ...
           "or rnn_load), not %s"], fname, describe (model));
  endif
endfunction
