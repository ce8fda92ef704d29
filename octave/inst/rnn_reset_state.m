## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} rnn_reset_state (@var{model})
## Clear the recurrent state that @code{rnn_predict_and_update_state}
## keeps in @var{model}, so that the next call starts from zeros (as
## MATLAB's @code{resetState}).
## @seealso{rnn_predict_and_update_state}
## @end deftypefn

function model = rnn_reset_state (model, varargin)
  check_nargin ("rnn_reset_state", nargin, 1, 1, "model = rnn_reset_state (model)");
  model = plain (model);
  check_model (model, "rnn_reset_state", true);
  model.state = [];
  model = wrap (model, "model");
endfunction

%!test
%! m = struct ("config", struct (), "params", 1, "state", [1; 2]);
%! assert (rnn_reset_state (m).state, []);
%!error <MODEL must be an rnnkit model> rnn_reset_state (3)
%!error <takes 1 argument\(s\), not 2> rnn_reset_state (struct ("config", struct (), "params", 1), 2)
%!error <takes 1 argument\(s\), not 0> rnn_reset_state ()
