## -*- texinfo -*-
## @deftypefn {} {@var{s} =} check_choice (@var{x}, @var{choices}, @var{name})
## The one of @var{choices} that @var{x} names (case-insensitive), or error
## "rnnkit:input" listing them.
## @end deftypefn
function s = check_choice (x, choices, name)
  if (ischar (x) && rows (x) <= 1)
    hit = find (strcmpi (x, choices), 1);
    if (! isempty (hit))
      s = choices{hit};
      return;
    endif
  endif
  error ("rnnkit:input", "'%s' must be one of %s, not %s", name, ...
         strjoin (cellfun (@(c) ["'" c "'"], choices, "UniformOutput", false), ...
                  ", "), describe (x));
endfunction
