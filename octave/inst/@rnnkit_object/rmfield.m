## -*- texinfo -*-
## @deftypefn {} {@var{x} =} rmfield (@var{x}, @var{name})
## @var{x} without the field(s) @var{name}.
## @end deftypefn
function x = rmfield (x, name)
  if (isa (x, "rnnkit_object"))
    x.s = rmfield (x.s, name);
  else  # rmfield (s, name) with an object for a name
    x = builtin ("rmfield", x, name);
  endif
endfunction
