## Metamorphic tests of the Octave package: the same question asked in
## every form the functions accept gives the same answer -- options with
## and without the optional positional arguments (the [] placeholders),
## in any order and any case of their names; data as a struct with
## datenum or ISO dates, a column, a row or a matrix; predictions from
## windows or from their arrays; a model before and after rnn_save /
## rnn_load and Octave's own save / load.  Then every function on every
## kind of model rnn_fit makes: numeric, token/embedding, stacked,
## many-to-many, classifier, stateful language model, windows fit,
## direct-horizon fit, continued fit.
##
##   metamorphic ()
##
## runs every case, prints "PASS name" or "FAIL name: message" for each
## and a last line "metamorphic: N passed, F failed", and errors if F > 0.
## tools/octave-metamorphic.sh runs it against an installed rnnkit.
##
## Where two forms run the same arithmetic in the same order the answers
## must be the same bits (isequal, or isequaln where NaN marks a missing
## value, e.g. val_loss without validation).  A tolerance is used only
## where the arithmetic differs (stated at each use).  Models are tiny and
## seeded: the whole file runs in seconds.
function metamorphic ()
  fx = fixtures ();
  cases = {
    "rnn_forecast: options with and without the [] placeholder for h", @case_forecast_placeholder;
    "rnn_forecast: h by position, defaults spelt out, option order and case", @case_forecast_forms;
    "rnn_generate: options with and without the positional n", @case_generate_placeholder;
    "rnn_fit: options in any order and any case, Threads 1 or 2", @case_fit_forms;
    "rnn_fit: a seed fixes the fit whatever rand's state", @case_fit_seed;
    "rnn_fit: defaults spelt out, one batch, validation struct or fraction, labels", @case_fit_defaults;
    "rnn_windows: struct with datenums or ISO dates, column, row, matrix", @case_windows_forms;
    "rnn_windows: columns by name or number, split by date or by count", @case_windows_select;
    "rnn_windows: a column number indexes the fields as given, date and text fields counted", @case_windows_numbers;
    "rnn_predict: on windows or on their array", @case_predict_windows;
    "rnn_accuracy: of a model from its data or from its windows", @case_accuracy_model;
    "rnn_accuracy: of a forecast against a vector or a struct of the same dates", @case_accuracy_forecast;
    "rnn_accuracy: a forecast wholly after the data says so", @case_accuracy_no_overlap;
    "rnn_predict_and_update_state: in pieces equals rnn_predict on the whole", @case_step_pieces;
    "rnn_generate, 'Type' 'class', rnn_layer_call: text or tokens, labels or argmax, whole or continued", @case_generate_class_layer;
  };
  kinds = fieldnames (fx.models);
  for k = 1:numel (kinds)
    cases(end+1, :) = {["every function on a model of kind " kinds{k}], ...
                       @(fx) case_every_function (fx, kinds{k})};
    cases(end+1, :) = {["rnn_save/rnn_load and save/load round trips: " kinds{k}], ...
                       @(fx) case_round_trip (fx, kinds{k})};
  endfor
  n_fail = 0;
  for k = 1:rows (cases)
    try
      cases{k, 2} (fx);
      printf ("PASS %s\n", cases{k, 1});
    catch e
      n_fail++;
      msg = strrep (e.message, "\n", " ");
      printf ("FAIL %s: %s%s\n", cases{k, 1}, msg, ...
              merge (isempty (e.identifier), "", [" [" e.identifier "]"]));
    end_try_catch
  endfor
  printf ("metamorphic: %d passed, %d failed\n", rows (cases) - n_fail, n_fail);
  if (n_fail > 0)
    error ("rnnkit:test", "metamorphic: %d case(s) failed", n_fail);
  endif
endfunction

## -- fixtures ----------------------------------------------------------

function fx = fixtures ()
  rand ("state", 7);
  randn ("state", 7);
  ## 80 months from 2015-01 and 200 days from 2021-01-04
  n = 80;
  fx.mdates = datenum (2015, (1:n)', 1);
  fx.mv = 100 + 10 * sin ((1:n)' / 4) + cumsum (0.8 * sin (3 * (1:n)'));
  t = (0:199)';
  fx.d = struct ("Date", datenum (2021, 1, 4) + t, "Close", 100 + 10 * sin (t / 8));
  fx.w = rnn_windows (fx.d, "Window", 8, "Test", 20);
  fx.wd = rnn_windows (fx.d, "Window", 8, "Horizon", 3, "Test", 20);
  opts = {"Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false};
  X = reshape (sin (0.3 * (1:240)), 40, 6);          # 40 samples x 6 timesteps
  y = cos (0.2 * (1:40))';
  tok = mod (reshape (1:240, 40, 6) .* 7, 10);        # tokens 0..9
  td = rnn_text_data (repmat ("hello world, hello there. ", 1, 20), "SeqLen", 5, ...
                      "BatchSize", 2);
  m = struct ();
  m.numeric = rnn_fit (X, y, opts{:});
  m.embedding = rnn_fit (tok, y, "Embedding", [10 3], opts{:});
  m.stacked = rnn_fit (X, y, "Cell", "gru", opts{:}, "Units", [4 3]);
  m.many_to_many = rnn_fit (X, cos (X), "ReturnSequences", true, opts{:});
  labels = {"a", "b", "c"}(mod (0:39, 3) + 1)';
  m.classifier = rnn_fit (X, labels, "Loss", "sparse_ce", opts{:});
  m.language = rnn_fit (td, "EmbedDim", 3, opts{:});
  m.windows = rnn_fit (fx.w, opts{:});
  m.direct = rnn_fit (fx.wd, opts{:});
  m.continued = rnn_fit (fx.w, "Model", m.windows, "Epochs", 1, "Seed", 2, "Verbose", false);
  fx.models = m;
  ## what each kind predicts on; whether it remembers its series (so
  ## rnn_accuracy applies) and whether it forecasts
  fx.inputs = struct ("numeric", X, "embedding", tok, "stacked", X, "many_to_many", X, ...
                      "classifier", X, "language", td.x(1:4, :), "windows", fx.w.x, ...
                      "direct", fx.wd.x, "continued", fx.w.x);
  fx.series = struct ("numeric", false, "embedding", false, "stacked", false, ...
                      "many_to_many", false, "classifier", false, "language", false, ...
                      "windows", true, "direct", true, "continued", true);
  fx.forecasts = fx.series;
  fx.td = td;
  fx.X = X;
  fx.y = y;
endfunction

## a model fit on the first 68 months; its forecast covers months 69..74
function m = monthly_fit (fx)
  w = rnn_windows (struct ("Date", fx.mdates(1:68), "value", fx.mv(1:68)), "Window", 6);
  m = rnn_fit (w, "Units", 4, "Epochs", 3, "Seed", 1, "Verbose", false);
endfunction

function same (a, b, what)
  if (! isequaln (a, b))
    error ("rnnkit:test", "%s differ", what);
  endif
endfunction

function expect_error_id (f, id, what)
  try
    f ();
  catch e
    if (! strcmp (e.identifier, id))
      error ("rnnkit:test", "%s: error id '%s' (not %s): %s", what, e.identifier, id, e.message);
    endif
    return;
  end_try_catch
  error ("rnnkit:test", "%s: no error (expected %s)", what, id);
endfunction

## -- the same question in every form --------------------------------------

function case_forecast_placeholder (fx)
  m = fx.models.windows;
  ref = rnn_forecast (m, [], "Seed", 1);
  same (rnn_forecast (m, "Seed", 1), ref, "rnn_forecast (m, 'Seed', 1) and rnn_forecast (m, [], 'Seed', 1)");
  same (rnn_forecast (m, "Seed", 1, "NPaths", 1000), ref, "without [] and with two options");
  ref95 = rnn_forecast (m, [], "Level", 95, "Seed", 3);
  same (rnn_forecast (m, "Level", 95, "Seed", 3), ref95, "rnn_forecast (m, 'Level', 95, ...) and with []");
  md = fx.models.direct;
  same (rnn_forecast (md, "Level", [], "Seed", 1), rnn_forecast (md, [], "Level", [], "Seed", 1), ...
        "a direct model's forecast with and without []");
endfunction

function case_forecast_forms (fx)
  m = fx.models.windows;
  ref = rnn_forecast (m, 5, "Seed", 1);
  same (rnn_forecast (m, 5, "seed", 1), ref, "'seed' and 'Seed'");
  same (rnn_forecast (m, 5, "SEED", 1, "npaths", 1000), ref, "'SEED' and 'npaths'");
  same (rnn_forecast (m, 5, "NPaths", 1000, "Seed", 1, "Level", [80 95]), ref, "defaults spelt out");
  same (rnn_forecast (m, 5, "Level", [95 80], "Seed", 1), ref, "levels in another order");
  same (rnn_forecast (m, 5, "Seed", 1, "Series", "Close"), ref, "the default series named");
  same (rnn_forecast (m, int32 (5), "Seed", 1), ref, "h as an integer type");
  ## the default h of a recursive model is 10, of a direct one its horizon
  same (rnn_forecast (m, [], "Seed", 1), rnn_forecast (m, 10, "Seed", 1), "the default h of 10");
  md = fx.models.direct;
  same (rnn_forecast (md, [], "Seed", 1), rnn_forecast (md, 3, "Seed", 1), "a direct model's default h");
  ## the point forecast does not depend on the simulation
  same (rnn_forecast (m, 5, "Seed", 2).mean, ref.mean, "point forecasts with seeds 1 and 2");
  same (rnn_forecast (m, 5, "Level", [], "Seed", 2).mean, ref.mean, "point forecasts without intervals");
endfunction

function case_generate_placeholder (fx)
  lm = fx.models.language;
  ref = rnn_generate (lm, "hel", 200, "Seed", 1);
  same (rnn_generate (lm, "hel", "Seed", 1), ref, "rnn_generate (m, start, 'Seed', 1) and with n = 200");
  same (rnn_generate (lm, "hel", [], "Seed", 1), ref, "rnn_generate (m, start, [], 'Seed', 1) and with n = 200");
  same (rnn_generate (lm, "hel", 20, "seed", 4, "temperature", 0.5), ...
        rnn_generate (lm, "hel", 20, "Temperature", 0.5, "Seed", 4), "option order and case");
endfunction

function case_fit_forms (fx)
  ref = rnn_fit (fx.w, "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false);
  same (rnn_fit (fx.w, "seed", 1, "verbose", false, "epochs", 2, "units", 4), ref, ...
        "options in another order and lower case");
  same (rnn_fit (fx.w, "UNITS", 4, "EPOCHS", 2, "SEED", 1, "VERBOSE", false), ref, ...
        "options in upper case");
  same (rnn_fit (fx.w, "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false, "Threads", 1), ...
        ref, "Threads 1 and the default");
  same (rnn_fit (fx.w, "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false, "Threads", 2), ...
        ref, "Threads 2 and the default");
  same (rnn_fit (fx.w, "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false, "Validation", 0), ...
        ref, "Validation 0 spelt out");
  ## bare arrays: a samples x timesteps matrix is one feature; Y a column or a row
  a = rnn_fit (fx.X, fx.y, "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false);
  same (rnn_fit (reshape (fx.X, [size(fx.X) 1]), fx.y', "verbose", false, "Seed", 1, ...
                 "Epochs", 2, "Units", 4), a, "a matrix and a 3-d array, a column and a row");
  ## the training windows as bare arrays give the same weights as the windows
  tr = strcmp (fx.w.index.set, "train");
  b = rnn_fit (fx.w.x(tr, :, :), fx.w.y(tr), "Units", 4, "Epochs", 2, "Seed", 1, "Verbose", false);
  same (b.params, ref.params, "weights from windows and from their training arrays");
  same (b.history, ref.history, "histories from windows and from their training arrays");
endfunction

function case_fit_seed (fx)
  rand ("state", 1);
  a = rnn_fit (fx.w, "Units", 4, "Epochs", 2, "Seed", 9, "Verbose", false);
  rand ("state", 2);
  rand (10, 1);
  b = rnn_fit (fx.w, "Units", 4, "Epochs", 2, "Seed", 9, "Verbose", false);
  same (a, b, "fits with 'Seed', 9 after different rand states");
  ## and a given seed leaves rand's stream as it was
  rand ("state", 3);
  r0 = rand (3, 1);
  rand ("state", 3);
  rnn_fit (fx.w, "Units", 4, "Epochs", 1, "Seed", 9, "Verbose", false);
  rnn_forecast (fx.models.windows, 2, "Seed", 1);
  rnn_generate (fx.models.language, "hel", 5, "Seed", 1);
  same (rand (3, 1), r0, "rand's numbers after calls with a 'Seed'");
endfunction

function case_fit_defaults (fx)
  X = reshape (sin (0.37 * (1:150)), 30, 5);
  y = cos (0.21 * (1:30))';
  ref = rnn_fit (X, y, "Units", 4, "Epochs", 3, "Seed", 1, "Verbose", false, ...
                 "Validation", 0.2, "EarlyStopping", true);
  same (rnn_fit (X, y, "Cell", "lstm", "Units", 4, "Activation", "tanh", ...
                 "OutputActivation", "linear", "Loss", "mse", "Optimizer", "adam", ...
                 "LearnRate", 0.001, "Epochs", 3, "BatchSize", 32, "Validation", 0.2, ...
                 "Shuffle", true, "EarlyStopping", 10, "MinDelta", 0, "RestoreBest", true, ...
                 "Dropout", 0, "ClipNorm", [], "ClipValue", [], "Momentum", 0, "Rho", 0.9, ...
                 "Beta1", 0.9, "Beta2", 0.999, "Epsilon", 1e-7, "RecurrentInit", "orthogonal", ...
                 "Seed", 1, "Verbose", false, "Threads", 2, "Embedding", [], ...
                 "Stateful", false, "Classes", [], "Checkpoint", [], "CheckpointEvery", 1, ...
                 "Model", []), ref, "every default spelt out ('EarlyStopping', true is a patience of 10)");
  ## 24 training samples: one batch whether 'BatchSize' is 24, 32 or 1000
  for bs = [24 1000]
    b = rnn_fit (X, y, "Units", 4, "Epochs", 3, "Seed", 1, "Verbose", false, ...
                 "Validation", 0.2, "EarlyStopping", true, "BatchSize", bs);
    same (b.params, ref.params, sprintf ("weights with 'BatchSize', %d and 32", bs));
    same (b.history, ref.history, sprintf ("histories with 'BatchSize', %d and 32", bs));
  endfor
  ## 'Validation', 0.2 takes the last 6 samples: the same as giving them
  v = rnn_fit (X(1:24, :), y(1:24), "Units", 4, "Epochs", 3, "Seed", 1, "Verbose", false, ...
               "Validation", struct ("x", X(25:30, :), "y", y(25:30)), "EarlyStopping", true);
  same (v.params, ref.params, "weights with 'Validation' as a struct and as 0.2");
  same (v.history, ref.history, "histories with 'Validation' as a struct and as 0.2");
  ## class labels as strings or numbers
  k = mod ((1:30)' .* 7, 3);
  names = {"a", "b", "c"};
  c1 = rnn_fit (X, names(k + 1)', "Loss", "sparse_ce", "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
  c2 = rnn_fit (X, k, "Loss", "sparse_ce", "Units", 3, "Epochs", 2, "Seed", 1, "Verbose", false);
  c3 = rnn_fit (X, names(k + 1), "Loss", "sparse_ce", "Units", 3, "Epochs", 2, "Seed", 1, ...
                "Verbose", false, "Classes", names);
  same (c2.params, c1.params, "weights from string and numeric labels");
  same (c3.params, c1.params, "weights with and without 'Classes' spelt out, labels a row or a column");
endfunction

function case_windows_forms (fx)
  v = fx.mv;
  ref = rnn_windows (struct ("Date", fx.mdates, "value", v), "Window", 6, "Test", 10);
  iso = cellstr (datestr (fx.mdates, "yyyy-mm-dd"));
  forms = {struct("Date", {iso}, "value", v), "ISO dates";
           v, "a column";
           v', "a row";
           reshape(v, [], 1), "a one-column matrix"};
  for k = 1:rows (forms)
    w = rnn_windows (forms{k, 1}, "Window", 6, "Test", 10);
    same (w.x, ref.x, ["x of " forms{k, 2}]);
    same (w.y, ref.y, ["y of " forms{k, 2}]);
    same (w.naive, ref.naive, ["naive of " forms{k, 2}]);
    same (w.scaler, ref.scaler, ["the scaler of " forms{k, 2}]);
    same (w.meta.target, ref.meta.target, ["the target of " forms{k, 2}]);
    same (w.index.set, ref.index.set, ["the sets of " forms{k, 2}]);
  endfor
  same (rnn_windows (forms{1, 1}, "Window", 6, "Test", 10).index, ref.index, ...
        "the index with ISO dates and with datenums");
  ## options in any order or case
  same (rnn_windows (struct ("Date", fx.mdates, "value", v), "test", 10, "WINDOW", 6), ref, ...
        "rnn_windows options in another order and case");
  ## a stride keeps every k-th window counted from the newest (74 windows
  ## of 6: the 2nd, 4th, ...); a horizon adds columns of targets
  w1 = rnn_windows (v, "Window", 6);
  w2 = rnn_windows (v, "Window", 6, "Stride", 2);
  k = fliplr (rows (w1.x):-2:1);
  same (w2.x, w1.x(k, :, :), "windows with 'Stride', 2 and every second window");
  same (w2.y, w1.y(k, :), "targets with 'Stride', 2 and every second target");
  w3 = rnn_windows (v, "Window", 6, "Horizon", 3);
  n3 = rows (w3.y);
  same (w3.y(:, 1), w1.y(1:n3, 1), "the first column of 'Horizon', 3 and 'Horizon', 1");
  same (w3.x, w1.x(1:n3, :, :), "the windows of 'Horizon', 3 and 'Horizon', 1");
endfunction

function case_windows_select (fx)
  t = (1:60)';
  d = struct ("Date", datenum (2020, 1, 1) + t, "Open", 10 + sin (t), "High", 11 + sin (t), ...
              "Low", 9 + sin (t), "Close", 10 + cos (t));
  ref = rnn_windows (d, "Window", 5, "Test", 10);            # OHLC -> Close
  m = [d.Open d.High d.Low d.Close];
  forms = {rnn_windows(d, "Target", "Close", "Features", {"Open", "High", "Low", "Close"}, ...
                       "Window", 5, "Test", 10), "names";
           rnn_windows(m, "Target", 4, "Features", 1:4, "Window", 5, "Test", 10), ...
           "a matrix's columns by number"};
  for k = 1:rows (forms)
    same (forms{k, 1}.x, ref.x, ["x selected by " forms{k, 2}]);
    same (forms{k, 1}.y, ref.y, ["y selected by " forms{k, 2}]);
  endfor
  ## a split on the first test target's date = the same number of test windows
  first = ref.index.date(find (strcmp (ref.index.set, "test"), 1));
  same (rnn_windows (d, "Window", 5, "Split", first).index, ref.index, "'Split' as a datenum and 'Test'");
  same (rnn_windows (d, "Window", 5, "Split", datestr (first, "yyyy-mm-dd")).index, ref.index, ...
        "'Split' as an ISO string and 'Test'");
endfunction

## the same numbers select the same columns as R's rnn_windows() on the
## data.frame with the same columns in the same order
function case_windows_numbers (fx)
  t = (1:60)';
  d = struct ("Date", datenum (2020, 1, 1) + t, "Open", 10 + sin (t), "High", 11 + sin (t), ...
              "Low", 9 + sin (t), "Close", 10 + cos (t), "Volume", 1000 + t);
  opts = {"Window", 5, "Test", 10};
  same (rnn_windows (d, "Target", 5, "Features", [2 6], opts{:}), ...
        rnn_windows (d, "Target", "Close", "Features", {"Open", "Volume"}, opts{:}), ...
        "columns by number and by name, the date field first");
  same (rnn_windows (d, "Target", 5, opts{:}).meta.target, {"Close"}, "'Target', 5 of Date Open High Low Close Volume");
  ## a text field in the middle and the date field last
  p = struct ("Open", d.Open, "High", d.High, "Symbol", {repmat({"DJIA"}, 60, 1)});
  p.Low = d.Low;
  p.Close = d.Close;
  p.Volume = d.Volume;
  p.Date = d.Date;
  same (rnn_windows (p, "Target", 5, "Features", [1 4 5], opts{:}), ...
        rnn_windows (p, "Target", "Close", "Features", {"Open", "Low", "Close"}, opts{:}), ...
        "columns by number and by name, a text field in the middle");
  same (rnn_windows (p, "Target", 5, opts{:}), rnn_windows (p, "Target", "Close", opts{:}), ...
        "'Target' by number and by name, a text field in the middle");
  ## a matrix: its columns
  m = [d.Open d.High d.Low d.Close d.Volume];
  same (rnn_windows (m, "Target", 4, "Features", [1 5], opts{:}).x, ...
        rnn_windows (d, "Target", 5, "Features", [2 6], opts{:}).x, "a matrix's columns and a struct's fields");
  ## the date and text fields are refused by number and by name
  expect_error_id (@() rnn_windows (d, "Target", 1, opts{:}), "rnnkit:input", "the date field by number");
  expect_error_id (@() rnn_windows (d, "Target", "Date", opts{:}), "rnnkit:input", "the date field by name");
  expect_error_id (@() rnn_windows (p, "Target", 3, opts{:}), "rnnkit:input", "a text field by number");
  expect_error_id (@() rnn_windows (p, "Features", "Symbol", "Target", 5, opts{:}), "rnnkit:input", ...
                   "a text field by name");
endfunction

function case_predict_windows (fx)
  for kind = {"windows", "direct", "continued"}
    m = fx.models.(kind{1});
    w = merge (strcmp (kind{1}, "direct"), fx.wd, fx.w);
    same (rnn_predict (m, w), rnn_predict (m, w.x), ["rnn_predict on windows and on their x: " kind{1}]);
  endfor
  ## windows of new data scaled by their own scaler or by the model's: the
  ## same predictions (unscaling and rescaling differ from scaling once in
  ## the last bits, hence the tolerance)
  m = fx.models.windows;
  d2 = struct ("Date", fx.d.Date(101:200), "Close", fx.d.Close(101:200) + 50);
  own = rnn_predict (m, rnn_windows (d2, "Window", 8));
  ref = rnn_predict (m, rnn_windows (d2, "Window", 8, "Scale", m.prep.scaler));
  if (max (abs (own - ref)) > 1e-12)
    error ("rnnkit:test", ["rnn_predict on windows with their own scaler and with the " ...
           "model's differ by %g"], max (abs (own - ref)));
  endif
endfunction

function case_accuracy_model (fx)
  for kind = {"windows", "direct", "continued"}
    m = fx.models.(kind{1});
    w = merge (strcmp (kind{1}, "direct"), fx.wd, fx.w);
    ref = rnn_accuracy (m);
    same (rnn_accuracy (m, w), ref, ["rnn_accuracy (m) and rnn_accuracy (m, w): " kind{1}]);
    ## the test windows rnn_windows cut: all their targets known
    if (ref(1).n != 20 * w.meta.horizon)
      error ("rnnkit:test", "%s: scored %d values, not %d (20 test windows x horizon)", ...
             kind{1}, ref(1).n, 20 * w.meta.horizon);
    endif
  endfor
endfunction

function case_accuracy_forecast (fx)
  m = monthly_fit (fx);
  fc = rnn_forecast (m, 6, "Seed", 1);
  same (fc.dates(:), fx.mdates(69:74), "the forecast's dates and months 69..74");
  ref = rnn_accuracy (fc, fx.mv(69:74));
  if (ref(1).n != 6)
    error ("rnnkit:test", "the forecast was scored on %d values, not 6", ref(1).n);
  endif
  iso = cellstr (datestr (fx.mdates, "yyyy-mm-dd"));
  forms = {struct("Date", fx.mdates, "value", fx.mv), "the whole series with datenums";
           struct("Date", {iso}, "value", fx.mv), "the whole series with ISO dates";
           struct("Date", fx.mdates(69:80), "value", fx.mv(69:80)), "the test rows with dates";
           fx.mv(69:74)', "a row vector"};
  for k = 1:rows (forms)
    same (rnn_accuracy (fc, forms{k, 1}), ref, ["the accuracy against " forms{k, 2}]);
  endfor
  ## data ending in the middle of the forecast: three months known
  part = rnn_accuracy (fc, struct ("Date", fx.mdates(1:71), "value", fx.mv(1:71)));
  same (part, rnn_accuracy (fc, fx.mv(69:71)), "a partial overlap by date and by values");
  if (part(1).n != 3)
    error ("rnnkit:test", "a partial overlap was scored on %d values, not 3", part(1).n);
  endif
endfunction

function case_accuracy_no_overlap (fx)
  m = monthly_fit (fx);
  fc = rnn_forecast (m, 6, "Seed", 1);
  expect_error_id (@() rnn_accuracy (fc, struct ("Date", fx.mdates(1:68), "value", fx.mv(1:68))), ...
                   "rnnkit:dim", "a forecast wholly after the data");
endfunction

function case_step_pieces (fx)
  ## rnn_predict_and_update_state runs the same kernels a piece at a time;
  ## as in the step tests of rnn_predict_and_update_state.m, the last bits
  ## may differ (1e-12)
  for kind = {"numeric", "embedding", "stacked", "many_to_many", "classifier", "language"}
    m = fx.models.(kind{1});
    X = fx.inputs.(kind{1})(1:3, :, :);
    T = columns (X);
    whole = rnn_predict (m, X);
    [s, y1] = rnn_predict_and_update_state (rnn_reset_state (m), X(:, 1:2, :));
    [s, y2] = rnn_predict_and_update_state (s, X(:, 3:T, :));
    if (m.config.seq_out)
      got = cat (2, y1, y2);
    else
      got = y2;
    endif
    if (! isequal (size (got), size (whole)) || max (abs (got(:) - whole(:))) > 1e-12)
      error ("rnnkit:test", "%s: in two pieces differs from the whole (sizes %s and %s)", ...
             kind{1}, mat2str (size (got)), mat2str (size (whole)));
    endif
  endfor
endfunction

function case_generate_class_layer (fx)
  lm = fx.models.language;
  tok = lm.tokenizer;
  g_txt = rnn_generate (lm, "hel", 15, "Seed", 3);
  g_tok = rnn_generate (lm, rnn_encode (tok, "hel"){1}, 15, "Seed", 3);
  same (g_txt, ["hel" rnn_decode(tok, g_tok)], "text generated from text and from its tokens");
  cm = fx.models.classifier;
  p = rnn_predict (cm, fx.X);
  [~, k] = max (p, [], 2);
  same (rnn_predict (cm, fx.X, "Type", "class"), reshape (cm.classes(k), [], 1), ...
        "'Type', 'class' and the most probable class");
  ## a layer's last output is the last step of its sequence, and a sequence
  ## cut in two and continued from the state gives the same output (the
  ## same steps in the same order: the same bits)
  H = 3;
  G = struct ("simple", 1, "lstm", 4, "gru", 3);
  for cell = {"simple", "lstm", "gru"}
    g = G.(cell{1});
    b = reshape (cos (1:(1 + strcmp (cell{1}, "gru")) * g * H), 1 + strcmp (cell{1}, "gru"), []);
    layer = rnn_layer (cell{1}, H, {reshape(sin (1:2*g*H), 2, []), reshape(cos (1:H*g*H) / 2, H, []), b});
    xx = reshape (sin (0.7 * (1:24)), 2, 6, 2);
    last = rnn_layer_call (layer, xx);
    seq = rnn_layer_call (layer, xx, "ReturnSequences", true);
    same (reshape (seq(:, 6, :), 2, H), last, [cell{1} ": the last step of the sequence and the last output"]);
    if (strcmp (cell{1}, "lstm"))
      [~, h1, c1] = rnn_layer_call (layer, xx(:, 1:3, :));
      s = {h1, c1};
    else
      [~, s] = rnn_layer_call (layer, xx(:, 1:3, :));
    endif
    same (rnn_layer_call (layer, xx(:, 4:6, :), "InitialState", s), last, ...
          [cell{1} ": continued from its state and whole"]);
  endfor
endfunction

## -- every function on every kind of model -------------------------------

function case_every_function (fx, kind)
  m = fx.models.(kind);
  X = fx.inputs.(kind);
  ## display
  out = evalc ("disp (m)");
  if (isempty (out))
    error ("rnnkit:test", "disp of the model printed nothing");
  endif
  evalc ("display (m)");
  ## predict
  p = rnn_predict (m, X);
  if (size (p, 1) != size (X, 1) || ! all (isfinite (p(:))))
    error ("rnnkit:test", "rnn_predict gave %s for %d samples", mat2str (size (p)), size (X, 1));
  endif
  if (isfield (m, "classes") && ! isempty (m.classes))
    cl = rnn_predict (m, X, "Type", "class");
    if (! iscellstr (cl) || numel (cl) != prod (size (p)(1:1 + m.config.seq_out)))
      error ("rnnkit:test", "rnn_predict 'Type' 'class' gave no label per sample");
    endif
  endif
  ## state
  [s, y] = rnn_predict_and_update_state (m, X(1:2, :, :));
  if (isempty (s.state) || ! isempty (rnn_reset_state (s).state))
    error ("rnnkit:test", "rnn_predict_and_update_state / rnn_reset_state kept no state or did not reset it");
  endif
  ## accuracy and forecast where they apply, a classed error where not
  if (fx.series.(kind))
    T = rnn_accuracy (m);
    ## issue 15: model, naive, (snaive,) drift
    if (numel (T) < 3 || ! strcmp (T(2).model, "naive") || ! strcmp (T(end).model, "drift"))
      error ("rnnkit:test", "rnn_accuracy gave no model, naive and drift rows");
    endif
    evalc ("disp (T)");
  else
    expect_error_id (@() rnn_accuracy (m), "rnnkit:input", "rnn_accuracy of a model without its series");
  endif
  if (fx.forecasts.(kind) && (m.prep.meta.horizon > 1 || isequal (m.prep.meta.features, m.prep.meta.target)))
    fc = rnn_forecast (m, 2, "NPaths", 50, "Seed", 1);
    if (numel (fc.mean) != 2 || ! isequal (size (fc.lower), [2 2]))
      error ("rnnkit:test", "rnn_forecast gave %d means and lower %s", numel (fc.mean), mat2str (size (fc.lower)));
    endif
    evalc ("disp (fc)");
    T = rnn_accuracy (fc, fc.mean + 1);
    if (T(1).n < 1)
      error ("rnnkit:test", "rnn_accuracy of the forecast scored nothing");
    endif
  else
    expect_error_id (@() rnn_forecast (m, 2), "rnnkit:input", "rnn_forecast where it does not apply");
  endif
  if (strcmp (kind, "language"))
    g = rnn_generate (m, "hel", 10, "Seed", 1);
    if (! ischar (g) || ! strncmp (g, "hel", 3))
      error ("rnnkit:test", "rnn_generate did not continue the start text");
    endif
  endif
endfunction

function case_round_trip (fx, kind)
  m = fx.models.(kind);
  X = fx.inputs.(kind);
  f = [tempname() ".rnnk"];
  g = [tempname() ".mat"];
  unwind_protect
    rnn_save (m, f);
    l = rnn_load (f);
    same (rnn_predict (l, X), rnn_predict (m, X), "predictions after rnn_save/rnn_load");
    same (l.params, m.params, "weights after rnn_save/rnn_load");
    same (l.history, m.history, "the history after rnn_save/rnn_load");
    if (isfield (m, "prep"))
      same (rnn_accuracy (l), rnn_accuracy (m), "the accuracy after rnn_save/rnn_load");
      if (fx.forecasts.(kind) && (m.prep.meta.horizon > 1 || isequal (m.prep.meta.features, m.prep.meta.target)))
        same (rnn_forecast (l, 2, "Seed", 1), rnn_forecast (m, 2, "Seed", 1), ...
              "the forecast after rnn_save/rnn_load");
      endif
    endif
    if (strcmp (kind, "language"))
      same (rnn_generate (l, "hel", 10, "Seed", 1), rnn_generate (m, "hel", 10, "Seed", 1), ...
            "generated text after rnn_save/rnn_load");
    endif
    ## a model that carries a state carries it through both
    s = rnn_predict_and_update_state (m, X(1:2, :, :));
    rnn_save (s, f);
    same (rnn_load (f).state, s.state, "the state after rnn_save/rnn_load");
    save ("-binary", g, "s");
    r = load (g);
    same (r.s, s, "the model after save/load");
    same (rnn_predict (r.s, X), rnn_predict (m, X), "predictions after save/load");
  unwind_protect_cleanup
    unlink_quiet (f);
    unlink_quiet (g);
  end_unwind_protect
endfunction

function unlink_quiet (f)
  if (exist (f, "file"))
    unlink (f);
  endif
endfunction
