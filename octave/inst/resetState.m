## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{net} =} resetState (@var{net})
## Clear the recurrent state that @code{predictAndUpdateState} keeps in a
## network from @code{trainNetwork} or @code{trainnet}, as MATLAB's
## @code{resetState} (rnnkit's @code{rnn_reset_state}).
## @seealso{predictAndUpdateState, predict}
## @end deftypefn

function net = resetState (net)
  check_nargin ("resetState", nargin, 1, 1, "net = resetState (net)");
  dl_net ("resetState", net);
  net.Model = rnn_reset_state (net.Model);
endfunction

%!error <NET must come from trainNetwork> resetState (struct ())
%!error <resetState takes 1 argument> resetState ()
