## -*- texinfo -*-
## @deftypefn {} {@var{x} =} as_input_array (@var{x}, @var{name})
## Checks that @var{x} is a real finite samples x timesteps x features
## array (a matrix is samples x timesteps of one feature) and returns it
## as double.
## @end deftypefn
function x = as_input_array (x, name = "X")
  if (! (isnumeric (x) || islogical (x)) || ! isreal (x) || issparse (x))
    error ("rnnkit:input", ["'%s' must be a numeric array samples x " ...
           "timesteps x features, not %s"], name, describe (x));
  endif
  if (ndims (x) > 3)
    error ("rnnkit:dim", ["'%s' has %d dimensions; it must be samples x " ...
           "timesteps x features (e.g. 500 x 30 x 4)"], name, ndims (x));
  endif
  if (isempty (x))
    error ("rnnkit:dim", "'%s' is empty (%s); it needs samples, timesteps and features", ...
           name, describe (x));
  endif
  x = double (x);
  if (! all (isfinite (x(:))))
    k = find (! isfinite (x(:)), 1);
    [s, t, f] = ind2sub (size (x), k);
    error ("rnnkit:input", ["'%s' contains %g at sample %d, timestep %d, " ...
           "feature %d; remove or fill missing values first"], name, x(k), s, t, f);
  endif
endfunction
