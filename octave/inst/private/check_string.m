## -*- texinfo -*-
## @deftypefn {} {@var{s} =} check_string (@var{x}, @var{name}, @var{allow_empty})
## @var{x} as one UTF-8 char row, or error "rnnkit:input", as R's
## check_string().
## @end deftypefn
function x = check_string (x, name, allow_empty = false)
  if (! ischar (x) || rows (x) > 1 || (! allow_empty && isempty (x)))
    error ("rnnkit:input", "'%s' must be a single %sstring, not %s", name, ...
           merge (allow_empty, "", "non-empty "), describe (x));
  endif
  x = reshape (x, 1, []);
  if (! __rnnkit__ ("utf8_valid", {x}))
    error ("rnnkit:input", "'%s' is not valid UTF-8", name);
  endif
endfunction
