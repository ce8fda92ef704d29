## -*- texinfo -*-
## @deftypefn {} {@var{tf} =} isfield (@var{x}, @var{name})
## Whether the struct @var{x} wraps has the field(s) @var{name}.
## @end deftypefn
function tf = isfield (x, name)
  if (isa (x, "rnnkit_object"))
    tf = isfield (x.s, name);
  else  # isfield (s, name) with an object for a name
    tf = builtin ("isfield", x, name);
  endif
endfunction
