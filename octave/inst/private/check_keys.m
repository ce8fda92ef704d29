## -*- texinfo -*-
## @deftypefn {} {@var{keys} =} check_keys (@var{key}, @var{keys}, @var{what})
## The keys asked for (all @var{keys} when @var{key} is empty), as a cellstr
## row; error "rnnkit:input" naming the panel's keys unless every one of
## @var{key} (a string or cellstr) is among them (issue 16).
## @end deftypefn
function out = check_keys (key, keys, what)
  keys = cellstr (keys)(:)';
  if (isempty (key))
    out = keys;
    return;
  endif
  if (ischar (key) && rows (key) == 1)
    key = {key};
  endif
  if (! iscellstr (key) || ! all (ismember (key, keys)))
    shown = strjoin (keys(1:min (10, end)), ", ");
    error ("rnnkit:input", "%s: 'Key' must be keys of the panel (%s%s), not %s", what, ...
           shown, merge (numel (keys) > 10, ", ...", ""), describe (key));
  endif
  out = unique (key(:)', "stable");
endfunction
