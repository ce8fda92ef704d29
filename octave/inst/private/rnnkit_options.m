## -*- texinfo -*-
## @deftypefn {} {@var{opts} =} rnnkit_options (@var{defaults}, @var{fname}, @var{args})
## Parse name/value pairs @var{args} (a cell) against the struct
## @var{defaults}; names match case-insensitively.  An unknown name is an
## error "rnnkit:input" that suggests the closest known option and lists
## the valid ones; a name without a value says which.
## @end deftypefn
function opts = rnnkit_options (defaults, fname, args)
  opts = defaults;
  known = fieldnames (defaults);
  for k = 1:2:numel (args)
    name = args{k};
    if (! ischar (name) || isempty (name) || rows (name) != 1)
      error ("rnnkit:input", ["%s: option names must be strings, not %s (at " ...
             "argument %d of the options); options come in name/value pairs, " ...
             "e.g. '%s', %s (Octave 7 reads Name=value in a call as an " ...
             "assignment and passes the value alone: write 'Name', value). " ...
             "Valid options: %s"], fname, describe (name), k, ...
             known{1}, example (defaults.(known{1})), strjoin (known', ", "));
    endif
    hit = find (strcmpi (name, known), 1);
    if (isempty (hit))
      error ("rnnkit:input", "%s: unknown option '%s'%s options: %s", ...
             fname, name, suggestion (name, known), strjoin (known', ", "));
    endif
    if (k == numel (args))
      error ("rnnkit:input", ["%s: option '%s' has no value; options come " ...
             "in name/value pairs, e.g. '%s', %s"], fname, known{hit}, ...
             known{hit}, example (defaults.(known{hit})));
    endif
    opts.(known{hit}) = args{k+1};
  endfor
endfunction

## the default of an option as it would be typed, for an example
function s = example (v)
  if (ischar (v) && rows (v) <= 1)
    s = sprintf ("'%s'", v);
  elseif (islogical (v) && isscalar (v))
    s = merge (v, "true", "false");
  elseif (isnumeric (v) && isreal (v) && numel (v) <= 4)
    s = mat2str (v);
  else
    s = "value";
  endif
endfunction

## "; did you mean 'X'? Valid" for the nearest known name (the core's
## rule, as R's), or "; valid" when no known name is close
function s = suggestion (name, known)
  i = __rnnkit__ ("suggest", name, known);
  s = "; valid";
  if (i > 0)
    s = sprintf ("; did you mean '%s'? Valid", known{i});
  endif
endfunction
