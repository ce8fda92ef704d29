## -*- texinfo -*-
## @deftypefn {} {} assert (@var{observed}, @var{expected}, @dots{})
## @code{assert} on the structs that rnnkit objects wrap, so that a test
## compares their contents; with one argument, Octave's own.
## @end deftypefn
function assert (varargin)
  for k = 1:min (2, nargin)
    if (isa (varargin{k}, "rnnkit_object"))
      varargin{k} = struct (varargin{k});
    endif
  endfor
  assert (varargin{:});
endfunction
