## -*- texinfo -*-
## @deftypefn {} {@var{tf} =} is_panel (@var{x})
## True if @var{x} is a model fit on panel windows or panel windows
## (issue 16): its preparation's meta names the keys.
## @end deftypefn
function tf = is_panel (x)
  tf = false;
  if (isstruct (x) && isscalar (x) && isfield (x, "prep"))
    x = x.prep;
  endif
  tf = isstruct (x) && isscalar (x) && isfield (x, "meta") && isstruct (x.meta) ...
       && isscalar (x.meta) && isfield (x.meta, "keys");
endfunction
