## -*- texinfo -*-
## @deftypefn {} {@var{X} =} check_x (@var{model}, @var{X}, @var{name})
## @var{X} as a samples x timesteps x features array with the model's
## number of features; a struct from rnn_windows gives its field x.
## @end deftypefn
function X = check_x (model, X, name = "X")
  if (isstruct (X) && isfield (X, "x"))
    X = X.x;
  endif
  X = as_input_array (X, name);
  if (size (X, 3) != model.config.n_in)
    error ("rnnkit:dim", ["'%s' has %d feature(s) but the model was built " ...
           "for %d. X is samples x timesteps x features (e.g. 500 x 30 x 4)"], ...
           name, size (X, 3), model.config.n_in);
  endif
endfunction
