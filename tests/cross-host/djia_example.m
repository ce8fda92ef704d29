## The README's Octave example on the bundled DJIA prices; djia_example.R is
## the same in R and prints the same numbers.
px = rnn_example_data ();                     # DJIA 2006-2016, shipped with the package:
close = px.Close;                             # Date (datenum), Open, High, Low, Close, Volume
lo = min (close(1:2000)); hi = max (close(1:2000));
s = (close - lo) / (hi - lo);                 # min-max scaled on the first 2000 days
W = 30; N = 2000 - W;
X = zeros (N, W);
for t = 1:W
  X(:, t) = s(t:t+N-1);                       # samples x timesteps (one feature)
endfor
Y = s(W+1:W+N);
model = rnn_fit (X, Y, "Cell", "lstm", "Units", 16, "Epochs", 5, ...
                 "BatchSize", 32, "Validation", 0.1, "Seed", 1, "Verbose", false);
printf ("final loss %.15g, val_loss %.15g\n", model.history.loss(end), ...
        model.history.val_loss(end));
win = s(2000-W+1:2000)';                      # the last window, then 5 steps ahead
for k = 1:5
  p = rnn_predict (model, win);
  printf ("%s  forecast %.10f  actual %.2f\n", datestr (px.Date(2000+k), "yyyy-mm-dd"), ...
          lo + p * (hi - lo), close(2000+k));
  win = [win(2:end), p];
endfor
