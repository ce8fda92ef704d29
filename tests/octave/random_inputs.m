## Property test: for random malformed arguments every public function of
## the Octave package either succeeds or raises an error whose identifier
## starts with "rnnkit:" -- never an Octave:* (or id-less) error from
## inside Octave, never rnnkit:internal (an argument the .m validation
## let through to the MEX gateway), never a warning without an rnnkit:
## id.  A crash or a hang takes the process down; tools/octave-check.sh
## runs this in a child octave under a timeout, so either is a failure.
##
##   random_inputs (N, SEED, LOG)
##
## makes N calls per public function (and N direct calls of the MEX
## gateway __rnnkit__, whose errors may be rnnkit:internal but which must
## not crash either), seeded by SEED, writing each call to the file LOG
## before making it (so the call that crashed or hung is its last line).
## Prints "random inputs: T malformed calls (...), F failures" and
## errors if F > 0.
function random_inputs (N = 300, seed = 1, logfile = "")
  rand ("state", seed);
  randn ("state", seed);
  if (isempty (logfile))
    logfile = [tempname() ".log"];
  endif
  lg = fopen (logfile, "w");
  tmp = tempname ();
  mkdir (tmp);
  cleanup = onCleanup (@() remove_dir (tmp));

  fx = fixtures (tmp);
  ## sizes too large for memory: an rnnkit:size error (from the gateway
  ## called directly also its rnnkit:internal guard), never Octave's
  ## id-less "failed to allocate" or a crash
  huge = {{"rnn_fit", {fx.X, fx.Y, "Units", 1e5, "Epochs", 1, "Verbose", false}}, ...
          {"rnn_fit", {fx.X, fx.Y, "Units", [3e4 3e4], "Epochs", 1, "Verbose", false}}, ...
          {"rnn_fit", {fx.X, fx.Y, "Units", 1e9, "Verbose", false}}, ...
          {"rnn_forecast", {fx.mw, 1e5, "NPaths", 1e6}}, ...
          {"__rnnkit__", {"forecast", fx.mw.config, fx.mw.params, ...
                          fc_spec(rand(5, 1), 2^31 - 1, zeros(0, 1), 2^31 - 1, []), [0 1]}}, ...
          {"__rnnkit__", {"train", fx.m.config, struct("loss_code", 0, ...
             "optimizer_code", 2, "lr", 1e-3, "momentum", 0, "rho", 0.9, "beta1", 0.9, ...
             "beta2", 0.999, "epsilon", 1e-7, "clipnorm", 0, "clipvalue", 0, ...
             "epochs", 2^31 - 1, "batch_size", 4, "shuffle", 1, "patience", 0, ...
             "min_delta", 0, "restore_best", 1, "threads", 1), fx.m.params, fx.X, ...
             fx.Y, [], [], [0 1], false}}};
  fails = {};
  total = numel (huge);
  for k = 1:numel (huge)
    fprintf (lg, "huge %d\n", k);
    fflush (lg);
    r = "succeeded";
    try
      feval (huge{k}{1}, huge{k}{2}{:});
    catch e
      r = "";
      if (! (strcmp (e.identifier, "rnnkit:size") ...
             || (strcmp (huge{k}{1}, "__rnnkit__") && strcmp (e.identifier, "rnnkit:internal"))))
        r = sprintf ("error id '%s' (not rnnkit:size): %s", e.identifier, e.message);
      endif
    end_try_catch
    if (! isempty (r))
      fails{end+1} = sprintf ("huge %d (%s): %s", k, huge{k}{1}, r);
      fprintf ("FAIL %s\n", fails{end});
    endif
  endfor
  ## every command called with one output (and with none) fills only the
  ## slots Octave gives it: plhs holds max (nargout, 1) of them (a write
  ## past them crashed only by chance; AddressSanitizer catches it always)
  calls = gateway_calls (fx);
  for k = 1:numel (calls)
    fprintf (lg, "one output: %s\n", calls{k}{1});
    fflush (lg);
    r = "";
    try
      __rnnkit__ (calls{k}{:});
      if (! any (strcmp (calls{k}{1}, {"input_check", "need_memory"})))
        out = __rnnkit__ (calls{k}{:});
      endif
    catch e
      if (! strncmp (e.identifier, "rnnkit:", 7))
        r = sprintf ("error id '%s': %s", e.identifier, e.message);
      endif
    end_try_catch
    total++;
    if (! isempty (r))
      fails{end+1} = sprintf ("one output of %s: %s", calls{k}{1}, r);
      fprintf ("FAIL %s\n", fails{end});
    endif
  endfor
  fns = {"rnn_fit", "rnn_predict", "rnn_predict_and_update_state", ...
         "rnn_reset_state", "rnn_windows", "rnn_forecast", "rnn_accuracy", ...
         "rnn_save", "rnn_load", "rnn_tokenizer", "rnn_encode", "rnn_decode", ...
         "rnn_vocab_size", "rnn_pad_sequences", "rnn_text_data", ...
         "rnn_generate", "rnn_layer", "rnn_layer_call", "__rnnkit__", ...
         "lstmLayer", "dropoutLayer", "wordEmbeddingLayer", "trainingOptions", ...
         "trainNetwork", "trainnet", "predict", "predictAndUpdateState", "resetState"};
  counts = zeros (size (fns));
  for f = 1:numel (fns)
    for i = 1:N
      [args, label, want] = make_call (fns{f}, fx, tmp, i);
      fprintf (lg, "%s %d: %s\n", fns{f}, i, label);
      fflush (lg);
      r = try_call (fns{f}, args, want);
      total++;
      counts(f)++;
      if (! isempty (r))
        fails{end+1} = sprintf ("%s (%s): %s", fns{f}, label, r);
        fprintf ("FAIL %s\n", fails{end});
      endif
    endfor
  endfor
  fclose (lg);
  per = strjoin (cellfun (@(n, c) sprintf ("%s %d", n, c), fns, ...
                          num2cell (counts), "UniformOutput", false), ", ");
  printf ("random inputs: %d malformed calls (%s, %d too large), %d failures\n", ...
          total, per, numel (huge), numel (fails));
  if (! isempty (fails))
    error ("random_inputs: %d calls raised a non-rnnkit error", numel (fails));
  endif
endfunction

function remove_dir (d)
  confirm_recursive_rmdir (false);
  rmdir (d, "s");
endfunction

## "" when the call succeeded or raised an rnnkit:* error (and, for
## want = "didyoumean", suggested an option name); else what went wrong
function r = try_call (fn, args, want)
  r = "";
  lastwarn ("", "");
  try
    if (strcmp (fn, "rnn_predict_and_update_state") && rand () < 0.5)
      [~, ~] = feval (fn, args{:});
    elseif (any (strcmp (fn, {"rnn_save"})))
      feval (fn, args{:});
    else
      out = feval (fn, args{:});
    endif
    if (strcmp (want, "didyoumean") || strcmp (want, "error"))
      r = "succeeded but should have been an error";
    endif
  catch e
    if (strcmp (fn, "__rnnkit__"))
      ok = strncmp (e.identifier, "rnnkit:", 7);
    else
      ok = strncmp (e.identifier, "rnnkit:", 7) ...
           && ! strcmp (e.identifier, "rnnkit:internal");
    endif
    if (! ok)
      r = sprintf ("error id '%s': %s", e.identifier, e.message);
    elseif (strcmp (want, "didyoumean") && isempty (strfind (e.message, "did you mean")))
      r = sprintf ("no suggestion in '%s'", e.message);
    endif
  end_try_catch
  [wmsg, wid] = lastwarn ();
  if (isempty (r) && ! isempty (wmsg) && ! strncmp (wid, "rnnkit:", 7))
    r = sprintf ("warning id '%s': %s", wid, wmsg);
  endif
endfunction

## ---- fixtures ------------------------------------------------------------

function fx = fixtures (tmp)
  fx.X = rand (8, 3, 2);
  fx.Y = rand (8, 1);
  fx.m = rnn_fit (fx.X, fx.Y, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
  fx.lcfg = rnn_layer ("simple", 2, {ones(3, 2), ones(2, 2)}).config;
  lab = {"a"; "b"; "a"; "b"; "a"; "b"; "a"; "b"};
  fx.mc = rnn_fit (fx.X, lab, "Loss", "sparse_ce", "Cell", "gru", "Units", 2, ...
                   "Epochs", 1, "Seed", 1, "Verbose", false);
  t = (0:59)';
  fx.d = struct ("Date", datenum (2021, 1, 4) + t, "Close", 100 + sin (t / 4), ...
                 "Open", 100 + cos (t / 4));
  fx.w = rnn_windows (fx.d, "Window", 5, "Test", 8, "Features", "Close");
  fx.mw = rnn_fit (fx.w, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
  fx.w3 = rnn_windows (fx.d, "Window", 5, "Horizon", 3, "Test", 8);
  fx.mw3 = rnn_fit (fx.w3, "Units", 2, "Epochs", 1, "Seed", 1, "Verbose", false);
  fx.fc = rnn_forecast (fx.mw, 3, "NPaths", 30, "Seed", 1);
  fx.file = fullfile (tmp, "model.rnnk");
  rnn_save (fx.mw, fx.file);
  fid = fopen (fx.file, "rb");
  fx.bytes = fread (fid, Inf, "uint8=>uint8");
  fclose (fid);
  ## text: tokenizers, a language model, a Keras layer
  fx.text = "hello world, hello moon; hello sun and hello stars";
  fx.tok = rnn_tokenizer (fx.text);
  fx.tokw = rnn_tokenizer (fx.text, "Level", "word", "Oov", "<?>");
  fx.toks = {fx.tok, fx.tokw};
  fx.seqs = rnn_encode (fx.tok, {"hello", "world", ""});
  fx.td = rnn_text_data (fx.text, "SeqLen", 4, "BatchSize", 2, "Validation", 0.2);
  fx.lm = rnn_fit (fx.td, "Units", 4, "EmbedDim", 3, "Epochs", 1, "Seed", 1, ...
                   "Verbose", false);
  fx.layer = rnn_layer ("lstm", 3, {0.1 * ones(2, 12), 0.1 * ones(3, 12), zeros(1, 12)});
  fx.layers = {fx.layer, rnn_layer("simple", 2, {ones(2, 2), eye(2), zeros(1, 2)}), ...
               rnn_layer("gru", 1, {ones(2, 3), ones(1, 3), zeros(2, 3)})};
  fx.models = {fx.m, fx.mc, fx.mw, fx.mw3, fx.lm};
  fx.tok_opts = {"Level", "Lower", "NumWords", "Oov", "Filters"};
  fx.pad_opts = {"MaxLen", "Padding", "Truncating", "Value"};
  fx.td_opts = {"Tokenizer", "SeqLen", "BatchSize", "Validation", "Level"};
  fx.gen_opts = {"Temperature", "Seed", "Tokenizer"};
  fx.layer_opts = {"Activation"};
  fx.call_opts = {"ReturnSequences", "InitialState"};
  fx.fit_opts = {"Cell", "Units", "Activation", "OutputActivation", "Loss", ...
                 "Optimizer", "LearnRate", "Epochs", "BatchSize", "Validation", ...
                 "Shuffle", "EarlyStopping", "MinDelta", "RestoreBest", ...
                 "Dropout", "ClipNorm", "ClipValue", "Momentum", "Rho", "Beta1", ...
                 "Beta2", "Epsilon", "RecurrentInit", "Seed", "Verbose", ...
                 "Threads", "ReturnSequences"};
  fx.win_opts = {"Target", "Features", "Window", "Horizon", "Stride", "Date", ...
                 "NA", "Split", "Test", "Scale"};
  fx.fc_opts = {"Level", "NPaths", "Seed", "Series"};
  fx.pred_opts = {"Type"};
  ## the Deep Learning Toolbox names (issue 18)
  fx.dl_opts = {"MaxEpochs", "MiniBatchSize", "InitialLearnRate", "Momentum", ...
                "GradientThreshold", "GradientThresholdMethod", "Shuffle", ...
                "ValidationData", "ValidationPatience", "OutputNetwork", ...
                "Verbose", "L2Regularization", "SquaredGradientDecayFactor"};
  fx.dl_layers = [sequenceInputLayer(2) lstmLayer(2, "OutputMode", "last") ...
                  fullyConnectedLayer(1) regressionLayer];
  fx.dl_seqs = arrayfun (@(i) rand (2, 3), (1:4)', "UniformOutput", false);
  fx.dl_options = trainingOptions ("adam", "MaxEpochs", 1, "Verbose", false);
  fx.net = trainNetwork (fx.dl_seqs, rand (4, 1), fx.dl_layers, fx.dl_options);
  fx.pool = bad_values (fx);
endfunction

## Malformed (and a few well-formed) values of every kind.
function p = bad_values (fx)
  p = {[], zeros(0, 3), zeros(3, 0), zeros(1, 0, 2), NaN, Inf, -Inf, NA, -1, 0, ...
       0.5, 1.5, 1e9, 2^31, -2^31, 2^53 + 2, realmax, 1e5, 1e6, -0, eps, ...
       "lstm", "", "x", ["ab"; "cd"], "2020-01-01", true, false, [true false], ...
       true(2, 2), int8(3), uint8(200), int32(-5), int64(2^40), int8([1 2 3]), ...
       single(2.5), single(NaN), 1+2i, complex(1, 0), sparse([1 0; 0 1]), ...
       sparse(1), @sin, @(x) x, {1, 2}, {"a"}, cell(0, 1), {"a", "b"}, ...
       {"2020-01-01"}, struct(), struct("a", {1, 2}), struct("x", 1), ...
       struct("x", ones(3, 4), "y", ones(3, 1)), rand(2, 3, 4), ...
       rand(2, 2, 2, 2), NaN(2, 2), magic(4), 1:3, (1:3)', [1 NaN 3]', ...
       datenum(2020, 1, 1), rand(8, 3, 2), rand(8, 1), rand(8, 3), ...
       rand(40, 1), "gru", "simple", "bce", "sparse_ce", "mae", "sgd", ...
       "relu", "softmax", "identity", "omit", "locf", "zscore", "none", ...
       "class", "Close", "Open", "value", "Date", "hello", "word", "char", ...
       "pre", "post", {"hello", "world"}, {[1 2], [3 NaN]}, {1, "a"}, {[1 2 3]}, ...
       char([104 200 105]), [1 2 3 0], -[1 2], 1:40, ...
       fx.w, fx.m, fx.fc, fx.d, fx.tok, fx.lm, fx.layer, fx.td};
endfunction

function v = pick (c)
  v = c{randi(numel(c))};
endfunction

## a short description of a value for the failure report
function s = show (v)
  sz = sprintf ("%dx", size (v))(1:end-1);
  if (ischar (v) && rows (v) <= 1)
    s = ["'" v "'"];
  elseif ((isnumeric (v) || islogical (v)) && numel (v) == 1 && ! issparse (v))
    s = sprintf ("%s(%s)", class (v), num2str (v));
  else
    s = sprintf ("%s[%s]", class (v), sz);
  endif
endfunction

function s = show_args (args)
  s = strjoin (cellfun (@show, args, "UniformOutput", false), ", ");
endfunction

## a name one edit away from KNOWN{k} that is no option name
function t = typo (known)
  name = pick (known);
  do
    k = randi (numel (name));
    switch (randi (3))
      case 1
        t = name([1:k-1, k+1:end]);
      case 2
        t = [name(1:k), char(randi([97 122])), name(k+1:end)];
      otherwise
        t = name;
        t(k) = char (randi ([97 122]));
    endswitch
  until (! isempty (t) && ! any (strcmpi (t, known)))
endfunction

## options: 1-2 names from KNOWN with pool values, or a misspelt name, or
## an odd number of arguments, or a non-string name
function [opts, label, want] = options (known, pool, fixed)
  want = "any";
  opts = fixed;
  switch (randi (8))
    case 1
      opts = [opts, {typo(known), pick(pool)}];
      want = "didyoumean";
    case 2
      opts = [opts, {pick(known)}];
      want = "error";
    case 3
      opts = [opts, {pick(pool), pick(known)}];
      want = "error";
      if (ischar (opts{end-1}) && rows (opts{end-1}) == 1 ...
          && any (strcmpi (opts{end-1}, known)))
        want = "any";
      endif
    otherwise
      for j = 1:randi (2)
        o = pick (known);
        v = pick (pool);
        opts = [opts, {o, v}];
      endfor
  endswitch
  label = show_args (opts);
endfunction

## ---- malformed models -----------------------------------------------------

function p = leaf_paths (s, prefix)
  p = {};
  if (isa (s, "rnnkit_object"))  # a model, windows, ...: its struct's paths
    s = struct (s);
  endif
  if (! isstruct (s) || ! isscalar (s))
    return;
  endif
  f = fieldnames (s);
  for i = 1:numel (f)
    q = [prefix, f(i)];
    p{end+1} = q;
    p = [p, leaf_paths(s.(f{i}), q)];
  endfor
endfunction

function s = set_path (s, q, v)
  idx = struct ("type", repmat ({"."}, 1, numel (q)), "subs", q);
  s = subsasgn (s, idx, v);
endfunction

function s = remove_path (s, q)
  if (numel (q) == 1)
    s = rmfield (s, q{1});
  else
    idx = struct ("type", repmat ({"."}, 1, numel (q) - 1), "subs", q(1:end-1));
    parent = subsref (s, idx);
    s = subsasgn (s, idx, rmfield (parent, q{end}));
  endif
endfunction

## a model with one field (at any depth) removed or replaced by a pool value
function [m, label] = bad_model (fx)
  m = pick (fx.models);
  if (rand () < 0.15)
    m = pick (fx.pool);
    label = ["model " show(m)];
    return;
  endif
  p = leaf_paths (m, {});
  q = pick (p);
  if (rand () < 0.3)
    m = remove_path (m, q);
    label = ["model without " strjoin(q, ".")];
  else
    v = pick (fx.pool);
    m = set_path (m, q, v);
    label = sprintf ("model.%s = %s", strjoin (q, "."), show (v));
  endif
endfunction

## ---- one malformed call per function --------------------------------------

function [args, label, want] = make_call (fn, fx, tmp, i)
  want = "any";
  pool = fx.pool;
  switch (fn)
    case "rnn_fit"
      fixed = {"Epochs", 1, "Verbose", false};
      r = rand ();
      if (r < 0.1)
        args = pick ({{}, {fx.X}, {fx.X, fx.Y, fx.X}, {fx.w, fx.Y}});
        label = show_args (args);
        return;
      elseif (r < 0.25)
        ## windows with a malformed field
        w = fx.w;
        q = pick (leaf_paths (w, {}));
        if (rand () < 0.3)
          w = remove_path (w, q);
          lw = ["windows without " strjoin(q, ".")];
        else
          v = pick (pool);
          w = set_path (w, q, v);
          lw = sprintf ("windows.%s = %s", strjoin (q, "."), show (v));
        endif
        [opts, lo] = options (fx.fit_opts, pool, fixed);
        args = [{w}, opts];
        label = [lw ", " lo];
        return;
      endif
      x = fx.X;
      y = fx.Y;
      if (rand () < 0.35)
        x = pick (pool);
      endif
      if (rand () < 0.35)
        y = pick (pool);
      endif
      [opts, lo, want] = options (fx.fit_opts, pool, fixed);
      opts = no_long_fits (opts);
      args = [{x, y}, opts];
      label = [show(x) ", " show(y) ", " lo];
      want = keep_want (want, ! (isequal (x, fx.X) && isequal (y, fx.Y)));
    case "rnn_predict"
      [m, lm] = maybe_bad_model (fx);
      x = fx.X;
      if (rand () < 0.6)
        x = pick (pool);
      endif
      [opts, lo, want] = options (fx.pred_opts, pool, {});
      args = [{m, x}, opts];
      label = [lm ", " show(x) ", " lo];
      if (rand () < 0.05)
        args = args(1:randi(2) - 1);
        label = sprintf ("%d args", numel (args));
      endif
      want = keep_want (want, numel (args) < 2 || ! strcmp (lm, "model") ...
                              || ! isequal (x, fx.X));
    case "rnn_predict_and_update_state"
      [m, lm] = maybe_bad_model (fx);
      if ((isstruct (m) || isa (m, "rnnkit_object")) && isscalar (m) && rand () < 0.3)
        m.state = pick (pool);
        lm = [lm ", state " show(m.state)];
      endif
      x = fx.X;
      if (rand () < 0.6)
        x = pick (pool);
      endif
      args = {m, x};
      if (rand () < 0.1)
        args = pick ({{}, {m}, {m, x, x}, {m, x, "Type"}});
      endif
      label = [lm ", " show_args(args(2:end))];
      if (numel (args) < 2)
        label = sprintf ("%d args", numel (args));
      endif
    case "rnn_reset_state"
      [m, lm] = maybe_bad_model (fx);
      args = {m};
      if (rand () < 0.15)
        args = pick ({{}, {m, m}, {m, "x", 1}});
      endif
      label = [lm sprintf(" (%d args)", numel (args))];
    case "rnn_windows"
      r = rand ();
      if (r < 0.3)
        data = pick (pool);
      elseif (r < 0.6)
        data = fx.d;
        f = pick ({"Date", "Close", "Open", "Extra"});
        data.(f) = pick (pool);
      else
        data = fx.d;
      endif
      [opts, lo, want] = options (fx.win_opts, pool, {"Window", 5});
      args = [{data}, opts];
      label = [show(data) ", " lo];
      if (rand () < 0.05)
        args = {};
        label = "no args";
      endif
      want = keep_want (want, isempty (args) || ! isequal (data, fx.d));
    case "rnn_forecast"
      [m, lm] = maybe_bad_model (fx, {fx.mw, fx.mw3});
      h = 3;
      if (rand () < 0.5)
        h = pick (pool);
      endif
      if (isnumeric (h) && isscalar (h) && h > 1e3)
        h = 3;
      endif
      [opts, lo, want] = options (fx.fc_opts, pool, {"NPaths", 30});
      opts = no_long_fits (opts);
      args = [{m, h}, opts];
      label = [lm ", h " show(h) ", " lo];
      if (rand () < 0.05)
        args = {};
        label = "no args";
      endif
      ## a char in h's place is the first option name (h left out), checked
      ## before the options that follow it
      want = keep_want (want, isempty (args) || ! strcmp (lm, "model") || ischar (h));
    case "rnn_accuracy"
      r = rand ();
      if (r < 0.4)
        [o, lo] = maybe_bad_model (fx, {fx.mw, fx.mw3});
      elseif (r < 0.8)
        o = fx.fc;
        lo = "forecast";
        if (rand () < 0.5)
          q = pick (leaf_paths (o, {}));
          v = pick (pool);
          o = set_path (o, q, v);
          lo = sprintf ("forecast.%s = %s", strjoin (q, "."), show (v));
        endif
      else
        o = pick (pool);
        lo = show (o);
      endif
      x = pick ([pool, {fx.w, fx.w3, [100 101 102], ...
                        struct("Date", fx.fc.dates, "Close", [1; 2; 3])}]);
      args = pick ({{o}, {o, x}, {o, x}, {o, x}, {o, x, x}});
      label = [lo ", " show_args(args(2:end))];
    case "rnn_save"
      [m, lm] = maybe_bad_model (fx);
      if ((isstruct (m) || isa (m, "rnnkit_object")) && isscalar (m) && rand () < 0.3)
        m.extra = pick (pool);
        lm = [lm ", extra " show(m.extra)];
      endif
      file = fullfile (tmp, sprintf ("s%d.rnnk", i));
      if (rand () < 0.3)
        file = pick ([pool, {fullfile(tmp, "no", "such", "dir", "m.rnnk"), tmp}]);
      endif
      args = {m, file};
      label = [lm ", file " show(file)];
      if (rand () < 0.05)
        args = pick ({{}, {m}, {m, file, 1}});
        label = sprintf ("%d args", numel (args));
      endif
    case "rnn_load"
      r = rand ();
      if (r < 0.2)
        args = {pick([pool, {tmp, fullfile(tmp, "missing.rnnk")}])};
        label = show (args{1});
      elseif (r < 0.6)
        [file, label] = corrupt_file (fx, tmp, i);
        args = {file};
      else
        [file, label] = odd_records_file (fx, tmp, i);
        args = {file};
      endif
      if (rand () < 0.03)
        args = pick ({{}, {fx.file, 1}});
        label = sprintf ("%d args", numel (args));
      endif
    case "rnn_tokenizer"
      texts = fx.text;
      if (rand () < 0.5)
        texts = pick (pool);
      endif
      [opts, lo, want] = options (fx.tok_opts, pool, {});
      args = [{texts}, opts];
      label = [show(texts) ", " lo];
      want = keep_want (want, ! isequal (texts, fx.text));
    case {"rnn_encode", "rnn_decode", "rnn_vocab_size"}
      [tok, lt] = maybe_bad (fx, fx.toks, "tokenizer");
      if (strcmp (fn, "rnn_encode"))
        x = pick ([pool, {fx.text, {fx.text, "xyz"}}]);
      else
        x = pick ([pool, {fx.seqs, [1 2 3], [0 0 1; 2 3 4], {[1 2], 99}}]);
      endif
      args = {tok, x};
      if (strcmp (fn, "rnn_vocab_size"))
        args = {tok};
      endif
      label = [lt ", " show_args(args(2:end))];
      if (rand () < 0.08)
        args = pick ({{}, [args, {1}], {x, tok}});
        label = sprintf ("%d args", numel (args));
      endif
    case "rnn_pad_sequences"
      s = fx.seqs;
      if (rand () < 0.5)
        s = pick (pool);
      elseif (rand () < 0.5)
        s{randi(numel (s))} = pick (pool);
      endif
      [opts, lo, want] = options (fx.pad_opts, pool, {});
      args = [{s}, opts];
      label = [show(s) ", " lo];
      want = keep_want (want, ! isequal (s, fx.seqs));
    case "rnn_text_data"
      t = fx.text;
      if (rand () < 0.5)
        t = pick (pool);
      endif
      [opts, lo, want] = options (fx.td_opts, pool, {"SeqLen", 4, "BatchSize", 2});
      args = [{t}, opts];
      label = [show(t) ", " lo];
      want = keep_want (want, ! isequal (t, fx.text));
    case "rnn_generate"
      [m, lm] = maybe_bad (fx, {fx.lm}, "model");
      start = pick ({"hello", [1 2]});
      if (rand () < 0.5)
        start = pick (pool);
      endif
      n = 5;
      if (rand () < 0.5)
        n = pick (pool);
        if (isnumeric (n) && isscalar (n) && n > 1000 && n <= 1e8)
          n = 5; # valid, only long
        endif
      endif
      [opts, lo, want] = options (fx.gen_opts, pool, {});
      args = [{m, start, n}, opts];
      label = [lm ", " show(start) ", " show(n) ", " lo];
      want = keep_want (want, true);
    case "rnn_layer"
      c = pick ({"lstm", "gru", "simple"});
      u = 3;
      w = {0.1 * ones(2, 12), 0.1 * ones(3, 12), zeros(1, 12)};
      switch (randi (4))
        case 1
          c = pick (pool);
        case 2
          u = pick (pool);
        case 3
          w = pick (pool);
        otherwise
          w{randi(3)} = pick (pool);
      endswitch
      [opts, lo] = options (fx.layer_opts, pool, {});
      args = [{c, u, w}, opts];
      label = [show_args(args(1:2)) ", " show(w) ", " lo];
    case "rnn_layer_call"
      [ly, ll] = maybe_bad (fx, fx.layers, "layer");
      x = pick ({ones(2, 5, 2), rand(1, 3, 2)});
      if (rand () < 0.5)
        x = pick (pool);
      endif
      [opts, lo] = options (fx.call_opts, pool, {});
      args = [{ly, x}, opts];
      label = [ll ", " show(x) ", " lo];
    case "__rnnkit__"
      [args, label] = gateway_call (fx);
    case {"lstmLayer", "dropoutLayer", "wordEmbeddingLayer"}
      args = {pick(pool), pick(pool), pick({"OutputMode", "Name", "Probability"}), pick(pool)};
      args = args(1:randi (4));
      label = show_args (args);
    case "trainingOptions"
      [opts, lo] = options (fx.dl_opts, pool, {});
      args = [{pick({"adam", "sgdm", "rmsprop", pick(pool)})}, opts];
      label = [show(args{1}) ", " lo];
    case {"trainNetwork", "trainnet"}
      args = {fx.dl_seqs, rand(4, 1), fx.dl_layers, fx.dl_options};
      k = randi (4);
      args{k} = pick (pool);
      if (rand () < 0.5)
        args{k} = pick ({fx.dl_layers(randperm (4)), fx.dl_layers(1:2), ...
                         {rand(2, 3), rand(2, 4)}, {rand(2, 3)}, rand(4, 2, 3), ...
                         setfield(fx.dl_options, "MaxEpochs", pick (pool))});
      endif
      if (strcmp (fn, "trainnet"))
        args = [args(1:3), {pick({"mse", "crossentropy", pick(pool)})}, args(4)];
      endif
      label = sprintf ("argument %d: %s", k, show (args{k}));
    case {"predict", "predictAndUpdateState", "resetState"}
      net = fx.net;
      if (rand () < 0.3)
        net = pick (pool);
      elseif (rand () < 0.3)
        net.Model = pick (pool);
      endif
      x = pick ({fx.dl_seqs, rand(2, 5), pick(pool)});
      args = {net, x};
      if (strcmp (fn, "resetState"))
        args = {net};
      endif
      label = sprintf ("net %s, %s", show (net), show_args (args(2:end)));
  endswitch
endfunction

## one of GOOD, or it with one field removed or replaced (half the time)
function [v, label] = maybe_bad (fx, good, what)
  v = pick (good);
  label = what;
  if (rand () < 0.5)
    return;
  endif
  if (rand () < 0.15)
    v = pick (fx.pool);
    label = [what " " show(v)];
    return;
  endif
  q = pick (leaf_paths (v, {}));
  if (rand () < 0.3)
    v = remove_path (v, q);
    label = [what " without " strjoin(q, ".")];
  else
    x = pick (fx.pool);
    v = set_path (v, q, x);
    label = sprintf ("%s.%s = %s", what, strjoin (q, "."), show (x));
  endif
endfunction

function [m, lm] = maybe_bad_model (fx, models = {})
  if (! isempty (models))
    fx.models = models;
  endif
  if (rand () < 0.5)
    [m, lm] = bad_model (fx);
  else
    m = pick (fx.models);
    lm = "model";
  endif
endfunction

## a misspelt option is sure to be reported as such only when the other
## arguments are well formed (they are checked first)
function want = keep_want (want, other_bad)
  if (other_bad)
    want = "any";
  endif
endfunction

## valid but long runs are not malformed input: cap epochs and paths
function opts = no_long_fits (opts)
  for k = 1:2:numel (opts) - 1
    if (ischar (opts{k}) && any (strcmpi (opts{k}, {"Epochs", "NPaths", "EarlyStopping"})) ...
        && isnumeric (opts{k+1}) && isscalar (opts{k+1}) && opts{k+1} > 1000)
      opts{k+1} = 2;
    endif
  endfor
endfunction

## ---- model files ----------------------------------------------------------

## a valid file truncated, extended, with bytes flipped, or random bytes
function [file, label] = corrupt_file (fx, tmp, i)
  b = fx.bytes;
  switch (randi (4))
    case 1
      b = b(1:randi(numel (b)) - 1);
      label = sprintf ("truncated to %d bytes", numel (b));
    case 2
      k = randi (numel (b), randi (4), 1);
      b(k) = bitxor (b(k), uint8 (2 .^ randi ([0 7], size (k))));
      label = sprintf ("bytes %s flipped", mat2str (k));
    case 3
      b = [b; uint8(randi([0 255], randi (64), 1))];
      label = "trailing bytes";
    otherwise
      b = uint8 (randi ([0 255], randi (400), 1));
      label = "random bytes";
  endswitch
  file = fullfile (tmp, sprintf ("c%d.rnnk", i));
  fid = fopen (file, "wb");
  fwrite (fid, b);
  fclose (fid);
endfunction

## a well-formed file (written by the gateway's encoder) whose records are
## odd: names with empty or numeric parts, children of non-lists,
## duplicates, unknown kinds, models with missing or mistyped parts
function [file, label] = odd_records_file (fx, tmp, i)
  names = {"config", "params", "config.units", "a", "a.b", "a..b", ".a", ...
           "a.#1", "a.#2", "#1", "1x", "a b", "model.x", "history", ...
           "history.epoch", "config.n_in", "prep", "prep.meta", "a%2Eb", ...
           "%", "params.x", ""};
  recs = struct ("name", {}, "type", {}, "kind", {}, "dims", {}, "value", {});
  base = rnn_load (fx.file);
  if (rand () < 0.5)
    ## the real model's records with a few replaced
    recs = model_records (base);
    nrep = randi (3);
  else
    nrep = randi (6);
  endif
  for k = 1:nrep
    r = random_record (pick (names));
    if (! isempty (recs) && rand () < 0.5)
      recs(randi (numel (recs))) = r;
    else
      recs(end+1) = r;
    endif
  endfor
  label = strjoin (arrayfun (@(r) sprintf ("%s:%d/%d", r.name, r.type, r.kind), ...
                             recs(max (1, end-nrep+1):end), "UniformOutput", false), " ");
  try
    bytes = __rnnkit__ ("encode", recs);
  catch
    bytes = fx.bytes; # the encoder refused (e.g. an empty name)
    label = ["(unencodable) " label];
  end_try_catch
  file = fullfile (tmp, sprintf ("r%d.rnnk", i));
  fid = fopen (file, "wb");
  fwrite (fid, bytes);
  fclose (fid);
endfunction

function recs = model_records (m)
  ## the records rnn_save writes, taken back from an encoded file
  f = [tempname() ".rnnk"];
  rnn_save (m, f);
  fid = fopen (f, "rb");
  b = fread (fid, Inf, "uint8=>uint8");
  fclose (fid);
  unlink (f);
  recs = __rnnkit__ ("decode", b);
  for k = 1:numel (recs)
    if (any (recs(k).type == [2, 3]))
      recs(k).value = int32 (recs(k).value);
    endif
  endfor
  recs = recs(:)';
endfunction

function r = random_record (name)
  type = randi (6);
  kind = pick ({0, 0, 0, randi([0 8]), 9, 200});
  n = randi ([0 3]);
  dims = n;
  switch (type)
    case 1
      value = randn (n, 1);
      if (rand () < 0.3 && n > 0)
        value(1) = pick ({NaN, Inf, NA, -Inf});
      endif
    case {2, 3}
      value = int32 (randi ([-3 3], n, 1));
    case 4
      value = repmat ({"s"}, n, 1);
    otherwise
      value = [];
      dims = [];
  endswitch
  if (type <= 4 && rand () < 0.2 && n == 2)
    dims = [1 2];
  endif
  r = struct ("name", name, "type", type, "kind", kind, "dims", double (dims), ...
              "value", []);
  r.value = value;
endfunction

## ---- the MEX gateway called directly -------------------------------------

function [args, label] = gateway_call (fx)
  calls = gateway_calls (fx);
  args = pick (calls);
  cmd = args{1};
  r = rand ();
  if (r < 0.1)
    ## a wrong number of arguments or an unknown command
    args = pick ({args(1:end-1), [args, {1}], {pick(fx.pool)}, {"nope", 1}, {}});
    label = [cmd ": " show_args(args)];
    return;
  endif
  for j = 1:randi (2)
    k = randi ([2, max(2, numel (args))]);
    if (k > numel (args))
      break;
    endif
    if (isstruct (args{k}) && ! isempty (leaf_paths (args{k}, {})) && rand () < 0.6)
      q = pick (leaf_paths (args{k}, {}));
      if (rand () < 0.3)
        args{k} = remove_path (args{k}, q);
      else
        args{k} = set_path (args{k}, q, pick (fx.pool));
      endif
    else
      args{k} = pick (fx.pool);
    endif
  endfor
  label = [cmd ": " show_args(args(2:end))];
endfunction

## one well-formed call of each command of the MEX gateway
function calls = gateway_calls (fx)
  cfg = fx.m.config;
  tc = struct ("loss_code", 0, "optimizer_code", 2, "lr", 1e-3, "momentum", 0, ...
               "rho", 0.9, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-7, ...
               "clipnorm", 0, "clipvalue", 0, "epochs", 1, "batch_size", 4, ...
               "shuffle", 1, "patience", 0, "min_delta", 0, "restore_best", 1, ...
               "threads", 1);
  p = fx.m.params;
  X = fx.X;
  Y = fx.Y;
  data = fx.w.data.values;
  calls = {{"n_params", cfg}, {"init", cfg, 0, [0 1]}, {"predict", cfg, p, X}, ...
           {"train", cfg, tc, p, X, Y, [], [], [0 1], false}, ...
           {"step", cfg, p, X, []}, {"state_size", cfg, 8}, ...
           {"loss_grad", cfg, 0, p, X, Y}, ...
           {"decode", fx.bytes}, ...
           {"series_plan", data, 1, 1, struct("window", 5, "horizon", 0, "stride", 1, ...
              "omit", 1, "split_row", 7, "n_test", 0, "method", -1), ...
              zeros(1, columns (data)), ones(1, columns (data))}, ...
           {"series_plan", data, 1, 1, struct("window", 5, "horizon", 2, "stride", 1, ...
              "omit", 0, "split_row", rows(data) + 1, "n_test", 3, "method", "minmax"), 0, 0}, ...
           {"series_eval", data, 1, 2, [6; 7; 8], rand(3, 2), zeros(1, columns (data)), ...
              ones(1, columns (data)), {"test"; "train"; "test"}, data, 5, 1}, ...
           {"series_eval", data, 1, 2, [6; 7; 8], rand(3, 2), zeros(1, columns (data)), ...
              ones(1, columns (data)), 7, data, 5, 1}, ...
           {"rescale", data, zeros(1, columns (data)), ones(1, columns (data)), ...
              ones(1, columns (data)), 2 * ones(1, columns (data))}, ...
           {"locf", data}, {"forecast", fx.mw.config, fx.mw.params, ...
                            fc_spec(rand(5, 1), 3, rand(10, 1), 20, [80 95]), [0 1]}, ...
           {"next_dates", [0; 31; 59], 1, 3}, {"match_dates", [90; 120], [0; 31; 59], [89; 119]}, ...
           {"accuracy", rand(6, 2), rand(6, 2), [1 NaN], rand(6, 2)}, {"naive_scale", data, 1}, ...
           {"encode", struct("name", "a", ...
              "type", 1, "kind", 0, "dims", 1, "value", 1)}, ...
           {"input_check", cfg, 10, 0, [4 10 1], "'X'"}, ...
           {"vocab_fit", {"Ab c", "\303\211!"}, "word", true, "!", 0, "<OOV>"}, ...
           {"text_decode", [3 0], [1 0 2], {"ab"; "c"}, "word"}, ...
           {"layer_params", fx.lcfg, "torch", {ones(2, 3), ones(2, 2), [], []}}, ...
           {"text_encode", {"ab c"}, "word", false, "", {"ab"; "c"}, true}, ...
           {"pad_sequences", [1 2], [5 6 7], 3, false, true, 0}, ...
           {"text_streams", 1:20, 3, 2}, {"utf8_valid", {"a\303\251", "\377"}}, ...
           {"generate", fx.lm.config, fx.lm.params, [1 2], 3, 1, [0 1], []}, ...
           {"need_memory", 10, "x"}, {"schema"}, {"file_flags", {"config.units"}, "int"}, ...
           {"suggest", "lstn", {"lstm", "gru"}}};
endfunction

## the spec struct of the "forecast" command (the list R's forecast() passes):
## a recursive one-feature model's forecast from `last`
function s = fc_spec (last, h, resid, npaths, levels)
  s = struct ("values", last, "window", rows (last), "locf", 0, "center", 0, ...
              "scale", 1, "direct", 0, "horizon", 1, ...
              "h", h, "target", 1, "target_center", 0, "target_scale", 1, ...
              "history", last, "resid", resid, "npaths", npaths, "levels", levels);
endfunction
