## -*- texinfo -*-
## @deftypefn {} {} broken_model (@var{fname}, @var{why})
## Error "rnnkit:input": the model passed to @var{fname} is a struct that
## lost or changed a part the functions read, @var{why}.
## @end deftypefn
function broken_model (fname, why)
  error ("rnnkit:input", ["%s: MODEL is not an intact rnnkit model: %s. Use " ...
         "a model as rnn_fit or rnn_load returns it"], fname, why);
endfunction
