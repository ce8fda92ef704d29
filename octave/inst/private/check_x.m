## -*- texinfo -*-
## @deftypefn {} {@var{X} =} check_x (@var{model}, @var{X}, @var{name}, @var{any_length})
## @var{X} as a samples x timesteps x features array that suits
## @var{model}; a struct from rnn_windows gives its field x.  The C core
## (rnn_input_check, shared with R) checks the shape: the model's number
## of features and, for a model fit on windows from rnn_windows, the
## window's number of timesteps, unless @var{any_length} (step-wise use).
## Models fit on arrays read sequences of any length.  For a model of
## one feature (not stateful, not many-to-many), a column vector as long
## as the sequences it was trained on (@code{n_time}, the window) is one
## such sequence (1 x timesteps): MATLAB users write a single window
## either way round, and as many one-step samples it would be nonsense.
## @end deftypefn
function X = check_x (model, X, name = "X", any_length = false)
  if (isstruct (X) && isfield (X, "x"))
    X = X.x;
  endif
  if (compact_windows ("is", X))  # issue 16: compact windows, gathered by the core
    X = compact_windows ("check", X, name);
    d = compact_windows ("dims", X);
  else
    X = as_input_array (X, name);
  endif
  cfg = model.config;
  stateful = isfield (model, "training") && isstruct (model.training) ...
             && isscalar (model.training) && isfield (model.training, "stateful") ...
             && isequal (model.training.stateful, true);
  ## the window length of a model fit on windows (checked by the core),
  ## and the training length of any model (for the column rule below)
  n_time = 0;
  n_trained = 0;
  if (! any_length)
    if (isfield (model, "prep") && isstruct (model.prep) && isscalar (model.prep) ...
        && isfield (model.prep, "meta") && isstruct (model.prep.meta) ...
        && isscalar (model.prep.meta) && isfield (model.prep.meta, "window"))
      n_time = count_or_zero (model.prep.meta.window);
    endif
    n_trained = n_time;
    if (n_trained == 0 && isfield (model, "n_time"))
      n_trained = count_or_zero (model.n_time);
    endif
  endif
  if (n_trained > 1 && ! stateful && ! cfg.seq_out && cfg.n_in == 1 ...
      && ! isstruct (X) && iscolumn (X) && rows (X) == n_trained)
    X = X.';
  endif
  try
    if (! isstruct (X))
      d = [size(X, 1), size(X, 2), size(X, 3)];
    endif
    __rnnkit__ ("input_check", cfg, n_time, double (stateful), d, sprintf ("'%s'", name));
  catch e
    error (e.identifier, "%s", regexprep (e.message, '^__rnnkit__: ', ''));
  end_try_catch
endfunction

function n = count_or_zero (t)
  n = 0;
  if (isnumeric (t) && isreal (t) && isscalar (t) && t >= 1 && t == round (t) && t < 2^52)
    n = double (t);
  endif
endfunction
