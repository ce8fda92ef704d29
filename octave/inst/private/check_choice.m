## -*- texinfo -*-
## @deftypefn {} {@var{s} =} check_choice (@var{x}, @var{choices}, @var{name})
## The one of @var{choices} that @var{x} names (case-insensitive), or error
## "rnnkit:input" listing them and, as R's, suggesting the nearest (the
## core's rule).
## @end deftypefn
function s = check_choice (x, choices, name)
  if (ischar (x) && rows (x) <= 1)
    hit = find (strcmpi (x, choices), 1);
    if (! isempty (hit))
      s = choices{hit};
      return;
    endif
  endif
  near = "";
  if (ischar (x) && rows (x) == 1)
    k = __rnnkit__ ("suggest", x, cellstr (choices));
    if (k > 0)
      near = sprintf (". Did you mean '%s'?", choices{k});
    endif
  endif
  error ("rnnkit:input", "'%s' must be one of %s, not %s%s", name, ...
         strjoin (cellfun (@(c) ["'" c "'"], choices, "UniformOutput", false), ...
                  ", "), describe (x), near);
endfunction
