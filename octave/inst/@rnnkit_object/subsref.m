## -*- texinfo -*-
## @deftypefn {} {@var{v} =} subsref (@var{x}, @var{idx})
## Reads of @code{x.name}, @code{x(i).name}, nested ones too: those of the
## struct @var{x} wraps.
## @end deftypefn
function varargout = subsref (x, idx)
  if (! isa (x, "rnnkit_object"))  # subsref (s, idx) with an object among idx
    [varargout{1:max (1, nargout)}] = builtin ("subsref", x, idx);
    return;
  endif
  [varargout{1:max (1, nargout)}] = subsref (x.s, idx);
endfunction
