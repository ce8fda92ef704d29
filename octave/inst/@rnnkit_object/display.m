## -*- texinfo -*-
## @deftypefn {} {} display (@var{x})
## What typing the name of @var{x} shows: its short summary.  For every
## number, type @code{struct (x)}.
## @end deftypefn
function display (x)
  name = inputname (1);
  if (isempty (name))
    name = "ans";
  endif
  printf ("%s =\n\n%s\n", name, rnn_summary (x));
endfunction
