## -*- texinfo -*-
## @deftypefn {} {@var{c} =} rnnkit_codes ()
## The codes shared with the C core (src/core/rnnkit.h) and R/config.R.
## @end deftypefn
function c = rnnkit_codes ()
  c.cells = struct ("simple", 0, "lstm", 1, "gru", 2);
  c.acts = struct ("linear", 0, "tanh", 1, "sigmoid", 2, "softmax", 3, ...
                   "relu", 4);
  c.losses = struct ("mse", 0, "mae", 1, "bce", 2, "sparse_ce", 3);
  c.optimizers = struct ("sgd", 0, "rmsprop", 1, "adam", 2);
  c.inits = struct ("orthogonal", 0, "identity", 1);
endfunction
