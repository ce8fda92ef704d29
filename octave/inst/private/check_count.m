## -*- texinfo -*-
## @deftypefn {} {@var{x} =} check_count (@var{x}, @var{name}, @var{lo}, @var{hi})
## Error "rnnkit:input" unless @var{x} is one whole number in
## [@var{lo}, @var{hi}]; returns it as a full double.
## @end deftypefn
function x = check_count (x, name, lo = 1, hi = 1e7)
  if (! (isnumeric (x) || islogical (x)) || ! isreal (x) || numel (x) != 1 ...
      || ! isfinite (x) || x != round (x) || x < lo || x > hi)
    error ("rnnkit:input", "'%s' must be a whole number in %g..%g, not %s", ...
           name, lo, hi, describe (x));
  endif
  x = full (double (x));
endfunction
