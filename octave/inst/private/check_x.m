## -*- texinfo -*-
## @deftypefn {} {@var{X} =} check_x (@var{model}, @var{X}, @var{name}, @var{any_length})
## @var{X} as a samples x timesteps x features array that suits
## @var{model}; a struct from rnn_windows gives its field x.  The C core
## (rnn_input_check, shared with R) checks the shape: the model's number
## of features and, for a model fit on windows from rnn_windows, the
## window's number of timesteps, unless @var{any_length} (step-wise use).
## Models fit on arrays read sequences of any length.  For a windows
## model of one feature, a column vector as long as the window is that
## one window (1 x timesteps): MATLAB users write a single window either
## way round, and read as samples x 1 it could only be refused.
## @end deftypefn
function X = check_x (model, X, name = "X", any_length = false)
  if (isstruct (X) && isfield (X, "x"))
    X = X.x;
  endif
  X = as_input_array (X, name);
  cfg = model.config;
  stateful = isfield (model, "training") && isstruct (model.training) ...
             && isscalar (model.training) && isfield (model.training, "stateful") ...
             && isequal (model.training.stateful, true);
  n_time = 0;
  if (! any_length && isfield (model, "prep") && isstruct (model.prep) ...
      && isscalar (model.prep) && isfield (model.prep, "meta") ...
      && isstruct (model.prep.meta) && isscalar (model.prep.meta) ...
      && isfield (model.prep.meta, "window"))
    t = model.prep.meta.window;
    if (isnumeric (t) && isreal (t) && isscalar (t) && t >= 1 && t == round (t) ...
        && t < 2^52)
      n_time = double (t);
    endif
  endif
  if (n_time > 1 && ! stateful && ! cfg.seq_out && cfg.n_in == 1 ...
      && iscolumn (X) && rows (X) == n_time)
    X = X.';
  endif
  try
    __rnnkit__ ("input_check", cfg, n_time, double (stateful), ...
                [size(X, 1), size(X, 2), size(X, 3)], sprintf ("'%s'", name));
  catch e
    error (e.identifier, "%s", regexprep (e.message, '^__rnnkit__: ', ''));
  end_try_catch
endfunction
