## -*- texinfo -*-
## @deftypefn {} {@var{opts} =} rnnkit_options (@var{defaults}, @var{fname}, @var{args})
## Parse name/value pairs @var{args} (a cell) against the struct
## @var{defaults}; names match case-insensitively.  An unknown name is an
## error "rnnkit:input" that suggests the closest known option.
## @end deftypefn
function opts = rnnkit_options (defaults, fname, args)
  opts = defaults;
  known = fieldnames (defaults);
  if (mod (numel (args), 2) != 0)
    error ("rnnkit:input", ...
           "%s: options come in name/value pairs, e.g. 'Epochs', 50", fname);
  endif
  for k = 1:2:numel (args)
    name = args{k};
    if (! ischar (name) || isempty (name))
      error ("rnnkit:input", "%s: option names must be strings, not %s", ...
             fname, class (name));
    endif
    hit = find (strcmpi (name, known), 1);
    if (isempty (hit))
      error ("rnnkit:input", "%s: unknown option '%s'%s", fname, name, ...
             suggestion (name, known));
    endif
    opts.(known{hit}) = args{k+1};
  endfor
endfunction

## "; did you mean 'X'?" for the nearest known name (edit distance).
function s = suggestion (name, known)
  d = cellfun (@(k) edit_distance (ascii_lower (name), ascii_lower (k)), known);
  [m, i] = min (d);
  if (m <= max (2, floor (numel (name) / 3)))
    s = sprintf ("; did you mean '%s'?", known{i});
  else
    s = sprintf (" (known options: %s)", strjoin (known', ", "));
  endif
endfunction

## lower (), but on bytes: a name need not be valid UTF-8 (lower () warns)
function s = ascii_lower (s)
  up = s >= "A" & s <= "Z";
  s(up) = char (s(up) + 32);
endfunction

function d = edit_distance (a, b)
  D = zeros (numel (a) + 1, numel (b) + 1);
  D(:, 1) = 0:numel (a);
  D(1, :) = 0:numel (b);
  for i = 1:numel (a)
    for j = 1:numel (b)
      D(i+1, j+1) = min ([D(i, j+1) + 1, D(i+1, j) + 1, ...
                          D(i, j) + (a(i) != b(j))]);
    endfor
  endfor
  d = D(end, end);
endfunction
