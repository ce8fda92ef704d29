## -*- texinfo -*-
## @deftypefn {} {@var{s} =} describe (@var{x})
## A short description of a value for error messages.
## @end deftypefn
function s = describe (x)
  sz = sprintf ("%dx", size (x));
  sz = sz(1:end-1);
  if (ischar (x) && rows (x) <= 1 && numel (x) <= 60)
    s = sprintf ("'%s'", x);
  elseif ((isnumeric (x) || islogical (x)) && numel (x) == 1)
    pre = "";
    if (issparse (x))
      pre = "sparse ";
    endif
    if (iscomplex (x))
      s = sprintf ("%scomplex %s %s", pre, class (x), num2str (full (x)));
    else
      s = sprintf ("%s%s %g", pre, class (x), full (double (x)));
    endif
  elseif (isa (x, "function_handle"))
    s = sprintf ("the function handle %s", func2str (x));
  else
    kind = class (x);
    if ((isnumeric (x) || islogical (x)) && issparse (x))
      kind = ["sparse " kind];
    elseif (isnumeric (x) && iscomplex (x))
      kind = ["complex " kind];
    endif
    s = sprintf ("a %s %s", sz, kind);
  endif
endfunction
