## The token-model fits of token_fits.R, option for option, in Octave.
function [m, d] = token_fits ()
  d = token_data ();
  m = {rnn_fit(d.x_pre, d.y_seq, "Cell", "gru", "Units", 5, "Embedding", [7 3], ...
               "Loss", "sparse_ce", "Classes", 0:6, "Epochs", 4, "BatchSize", 4, ...
               "Validation", 0.25, "LearnRate", 0.01, "Seed", 3, "Verbose", false), ...
       rnn_fit(d.x_post, d.y_bin, "Cell", "lstm", "Units", [4 3], "Embedding", [7 2], ...
               "Loss", "bce", "Epochs", 3, "BatchSize", 5, "Validation", 0.25, ...
               "Seed", 4, "Verbose", false), ...
       rnn_fit(rnn_text_data (d.stream, "SeqLen", 6, "BatchSize", 3, "Validation", 0.2), ...
               "EmbedDim", 4, "Units", 6, "Epochs", 3, "Seed", 5, "Verbose", false)};
endfunction

function d = token_data ()
  [i, t] = ndgrid (1:16, 1:6);
  x = mod (3 * i + 5 * t + i .* t, 6) + 1;
  d.y_seq = mod (x + i, 7);
  d.x_pre = x;
  d.x_post = x;
  for r = 1:16
    k = mod (r, 4);
    d.x_pre(r, 1:k) = 0;
    k = mod (r, 3);
    d.x_post(r, 6-k+1:6) = 0;
  endfor
  d.y_bin = mod ((1:16)', 2);
  j = 1:400;
  d.stream = mod (j .* j + 3 * j, 9) + 1;
endfunction
