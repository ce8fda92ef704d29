## -*- texinfo -*-
## @deftypefn {} {@var{tf} =} check_flag (@var{x}, @var{name})
## Error "rnnkit:input" unless @var{x} is true or false (or 1 or 0).
## @end deftypefn
function tf = check_flag (x, name)
  if (! (islogical (x) || isnumeric (x)) || numel (x) != 1 || ! isreal (x) ...
      || ! (x == 0 || x == 1))
    error ("rnnkit:input", "'%s' must be true or false, not %s", name, ...
           describe (x));
  endif
  tf = logical (full (x));
endfunction
