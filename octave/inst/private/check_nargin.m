## -*- texinfo -*-
## @deftypefn {} {} check_nargin (@var{fname}, @var{n}, @var{lo}, @var{hi}, @var{usage})
## Error "rnnkit:input" unless @var{fname} got @var{lo}..@var{hi}
## arguments (the public functions take extra arguments as varargin so a
## wrong count is this error, not Octave's "called with too many inputs").
## @end deftypefn
function check_nargin (fname, n, lo, hi, usage)
  if (n < lo || n > hi)
    if (lo == hi)
      want = sprintf ("%d", lo);
    elseif (isinf (hi))
      want = sprintf ("at least %d", lo);
    else
      want = sprintf ("%d to %d", lo, hi);
    endif
    error ("rnnkit:input", "%s takes %s argument(s), not %d: %s (see help %s)", ...
           fname, want, n, usage, fname);
  endif
endfunction
