## -*- texinfo -*-
## @deftypefn {} {@var{s} =} layer_label (@var{config})
## "LSTM(16)" or "GRU(32) -> GRU(16)", as R's layer_label().
## @end deftypefn
function s = layer_label (cfg)
  names = struct ("simple", "SimpleRNN", "lstm", "LSTM", "gru", "GRU");
  nm = names.(cfg.cell);
  s = strjoin (arrayfun (@(u) sprintf ("%s(%d)", nm, u), cfg.units(:)', ...
                         "UniformOutput", false), " -> ");
endfunction
