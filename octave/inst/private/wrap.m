## -*- texinfo -*-
## @deftypefn {} {@var{x} =} wrap (@var{s}, @var{kind})
## The struct (or rnnkit_object) @var{s} as an rnnkit_object of kind
## @var{kind}, which shows itself at a glance (rnn_summary).
## @end deftypefn
function x = wrap (s, kind)
  x = rnnkit_object (plain (s), kind);
endfunction
