## -*- texinfo -*-
## @deftypefn {} {@var{sz} =} size (@var{x}, @dots{})
## The size of the struct @var{x} wraps.
## @end deftypefn
function varargout = size (x, varargin)
  if (isa (x, "rnnkit_object"))
    [varargout{1:max (1, nargout)}] = size (x.s, varargin{:});
  else  # size (a, dim) with an object for dim
    [varargout{1:max (1, nargout)}] = builtin ("size", x, varargin{:});
  endif
endfunction
