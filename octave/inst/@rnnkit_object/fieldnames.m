## -*- texinfo -*-
## @deftypefn {} {@var{names} =} fieldnames (@var{x})
## The field names of the struct @var{x} wraps.
## @end deftypefn
function names = fieldnames (x)
  names = fieldnames (x.s);
endfunction
