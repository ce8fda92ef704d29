## -*- texinfo -*-
## @deftypefn  {} {@var{s} =} struct (@var{x})
## @deftypefnx {} {@var{s} =} struct (@var{name}, @var{value}, @dots{})
## The plain struct (or struct array, for an accuracy table) @var{x}
## wraps, every number of it.  With names and values, among them rnnkit
## objects, Octave's own @code{struct}.
## @end deftypefn
function s = struct (varargin)
  if (nargin == 1 && isa (varargin{1}, "rnnkit_object"))
    s = varargin{1}.s;
  else
    s = builtin ("struct", varargin{:});
  endif
endfunction
