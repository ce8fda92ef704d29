## -*- texinfo -*-
## @deftypefn {} {} disp (@var{x})
## The short summary of @var{x} (@code{rnn_summary}).
## @end deftypefn
function disp (x)
  printf ("%s", rnn_summary (x));
endfunction
