## -*- texinfo -*-
## @deftypefn {} {@var{x} =} check_number (@var{x}, @var{name}, @var{lo}, @var{hi}, @var{lo_open})
## Error "rnnkit:input" unless @var{x} is one finite number in range;
## returns it as a full double.
## @end deftypefn
function x = check_number (x, name, lo = -Inf, hi = Inf, lo_open = false)
  ok = (isnumeric (x) || islogical (x)) && isreal (x) && numel (x) == 1 ...
       && isfinite (x) && x >= lo && x <= hi && ! (lo_open && x == lo);
  if (! ok)
    error ("rnnkit:input", "'%s' must be one number in %s%g, %g], not %s", ...
           name, merge (lo_open, "(", "["), lo, hi, describe (x));
  endif
  x = full (double (x));
endfunction
