## -*- texinfo -*-
## @deftypefn {} {@var{n} =} end (@var{x}, @var{k}, @var{n})
## @code{end} in @code{x(end)}: that of the struct @var{x} wraps.
## @end deftypefn
function r = end (x, k, n)
  sz = size (x.s);
  if (k < n)
    r = sz(k);
  else
    r = prod (sz(k:end));
  endif
endfunction
