## -*- texinfo -*-
## @deftypefn {} {[@var{s}, @var{kind}] =} plain (@var{x})
## The struct an rnnkit_object @var{x} wraps and its kind ("model",
## "windows", ...); anything else comes back as it is, with kind "".
## Every public function unwraps its arguments here, so that the code
## behind it and the gateway see plain structs.
## @end deftypefn
function [s, kind] = plain (x)
  if (isa (x, "rnnkit_object"))
    f = builtin ("struct", x);
    s = f.s;
    kind = f.kind;
  else
    s = x;
    kind = "";
  endif
endfunction
