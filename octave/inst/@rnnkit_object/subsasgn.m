## -*- texinfo -*-
## @deftypefn {} {@var{x} =} subsasgn (@var{x}, @var{idx}, @var{v})
## Assignments such as @code{x.name = v}: to the struct @var{x} wraps.
## @end deftypefn
function x = subsasgn (x, idx, v)
  if (! isa (x, "rnnkit_object"))  # an object assigned into a struct or cell
    x = builtin ("subsasgn", x, idx, v);
    return;
  endif
  x.s = subsasgn (x.s, idx, v);
endfunction
