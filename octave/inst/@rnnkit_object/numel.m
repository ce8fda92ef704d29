## -*- texinfo -*-
## @deftypefn {} {@var{n} =} numel (@var{x}, @dots{})
## The number of elements of the struct @var{x} wraps: the rows of an
## accuracy table, 1 otherwise.
## @end deftypefn
function n = numel (x, varargin)
  if (isa (x, "rnnkit_object"))
    n = numel (x.s, varargin{:});
  else  # numel (a, idx, ...) with an object among idx
    n = builtin ("numel", x, varargin{:});
  endif
endfunction
