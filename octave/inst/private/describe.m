## -*- texinfo -*-
## @deftypefn {} {@var{s} =} describe (@var{x})
## A short description of a value for error messages.
## @end deftypefn
function s = describe (x)
  sz = sprintf ("%dx", size (x));
  sz = sz(1:end-1);
  if (ischar (x) && rows (x) <= 1)
    s = sprintf ("'%s'", x);
  elseif ((isnumeric (x) || islogical (x)) && numel (x) == 1)
    s = sprintf ("%s %g", class (x), double (x));
  else
    s = sprintf ("a %s %s", sz, class (x));
  endif
endfunction
