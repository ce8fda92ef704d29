## Cross-host, issue 18: rnn_predict (model, w, "Units", "original") on R's
## models and the same windows gives R's predict() columns bit for bit
## (date, actual, predicted, naive, set; difference 0).
function predict_units (dir)
  px = rnn_read_csv (nthargout (2, @rnn_example_data));
  px = struct ("Date", px.Date(1:300), "Close", px.Close(1:300));
  ws = {rnn_windows(px, "Target", "Close", "Window", 10, "Test", 30), ...
        rnn_windows(px, "Target", "Close", "Window", 10, "Horizon", 2, "Test", 30, ...
                    "Transform", "log")};
  names = {"one", "direct"};
  for c = 1:2
    m = rnn_load (fullfile (dir, ["pred_" names{c} ".rnnk"]));
    P = rnn_predict (m, ws{c}, "Units", "original");
    fid = fopen (fullfile (dir, ["pred_" names{c} ".bin"]), "r", "ieee-le");
    v = fread (fid, Inf, "double");
    fclose (fid);
    txt = strsplit (strtrim (fileread (fullfile (dir, ["pred_" names{c} ".txt"]))), "\n");
    n = v(1);
    k = v(2) / 3;
    num = reshape (v(3 + n:end), n, []);
    ## R's columns: actual, predicted, naive (one output) or actual.<o>,
    ## predicted.<o>, naive.<o> per output
    idx = reshape (1:3 * k, 3, k)';
    got = {P.date, P.actual, P.predicted, P.naive};
    want = {v(3:2 + n), num(:, idx(:, 1)), num(:, idx(:, 2)), num(:, idx(:, 3))};
    what = {"date", "actual", "predicted", "naive"};
    for j = 1:4
      if (! isequal (size (got{j}), size (want{j})) ...
          || ! isequal (typecast (got{j}(:), "uint64"), typecast (want{j}(:), "uint64")))
        error ("predict: %s.%s differs between R and Octave (max |diff| %g)", names{c}, ...
               what{j}, max (abs (got{j}(:) - want{j}(:))));
      endif
    endfor
    if (! isequal (P.set(:), txt(2:end)(:)))
      error ("predict: %s.set differs between R and Octave", names{c});
    endif
    printf ("predict: %s: %d windows x %d output(s), the same date, actual, predicted, naive and set in R and Octave (difference 0)\n", ...
            names{c}, n, k);
  endfor
endfunction
