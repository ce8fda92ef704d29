## Parity with PyTorch in Octave: the fixtures R's tests read
## (tests/testthat/fixtures/*.txt, written by tools/make_torch_fixtures.py
## and tools/make_layer_fixtures.py in a plain text format both hosts
## read), to R's tolerance (1e-10): predictions, loss, gradient and input
## gradient of the torch_* models (tests/testthat/test-parity.R), and the
## outputs and final states of the layer_* layers from zero and from given
## states, with Keras' and PyTorch's weights (tests/testthat/test-layer.R).  Prints "parity: N passed, 0 failed"; errors on a failure.
function parity (fixdir)
  ## model_config is the package's private helpers: a
  ## config as rnn_fit makes it
  addpath (fullfile (fileparts (which ("rnn_fit")), "private"));
  n = 0;
  tol = 1e-10;
  f = dir (fullfile (fixdir, "torch_*.txt"));
  if (numel (f) != 10)
    error ("parity: %d torch fixtures, expected 10", numel (f));
  endif
  for k = 1:numel (f)
    z = read_fixture (fullfile (fixdir, f(k).name));
    cfg = model_config (z.cell, z.units, z.n_in, z.n_out, z.activation, ...
                        z.head_act, z.seq_out, 0);
    yhat = __rnnkit__ ("predict", cfg, z.params(:), z.x);
    check (yhat(:), z.yhat(:), tol, ["predictions of " z.case]);
    [loss, grad, dx] = __rnnkit__ ("loss_grad", cfg, __rnnkit__ ("schema").loss.(z.loss), ...
                                   z.params(:), z.x, z.y);
    check (loss, z.loss_value, tol, ["the loss of " z.case]);
    check (grad, z.grad(:), tol, ["the gradient of " z.case]);
    check (dx(:), z.dx(:), tol, ["the input gradient of " z.case]);
    n++;
  endfor
  f = dir (fullfile (fixdir, "layer_*.txt"));
  if (numel (f) != 4)
    error ("parity: %d layer fixtures, expected 4", numel (f));
  endif
  for k = 1:numel (f)
    z = read_fixture (fullfile (fixdir, f(k).name));
    L = rnn_layer (z.cell, z.units, {z.kernel, z.recurrent_kernel, z.bias}, ...
                   "Activation", z.activation);
    ## the PyTorch layout gives the same weights in the core
    p = __rnnkit__ ("layer_params", L.config, "torch", ...
                    {z.weight_ih, z.weight_hh, z.bias_ih, z.bias_hh});
    check (p, L.params, 1e-13, ["PyTorch and Keras weights of layer " z.case]);
    lstm = strcmp (z.cell, "lstm");
    for tag = {"zero", "init"}
      s = {};
      if (strcmp (tag{1}, "init"))
        s = z.h0;
        if (lstm)
          s = {z.h0, z.c0};
        endif
      endif
      if (lstm)
        [y, h, c] = rnn_layer_call (L, z.x, "ReturnSequences", true, "InitialState", s);
        check (c, z.(["c_" tag{1}]), tol, ["c of layer " z.case]);
      else
        [y, h] = rnn_layer_call (L, z.x, "ReturnSequences", true, "InitialState", s);
      endif
      check (y(:), z.(["out_" tag{1}])(:), tol, ["outputs of layer " z.case]);
      check (h, z.(["h_" tag{1}]), tol, ["h of layer " z.case]);
      n++;
    endfor
  endfor
  printf ("parity: %d passed, 0 failed\n", n);
endfunction

function check (got, want, tol, what)
  if (! isequal (size (got), size (want)))
    error ("parity: %s: size %s, PyTorch's %s", what, mat2str (size (got)), ...
           mat2str (size (want)));
  endif
  d = max (abs (got(:) - want(:)) ./ max (1, abs (want(:))));
  if (! (d <= tol))
    error ("parity: %s differ from PyTorch's by %g (tolerance %g)", what, d, tol);
  endif
endfunction

## a fixture in rnnkit's plain text format: after a comment line, two lines
## per field, "name type dims..." and the values separated by spaces
function z = read_fixture (path)
  l = strsplit (fileread (path), "\n", "CollapseDelimiters", false);
  z = struct ();
  for k = 2:2:numel (l) - 1
    h = strsplit (l{k}, " ");
    d = str2double (h(3:end));
    switch (h{2})
      case "null"
        v = [];
      case "chr"
        v = l{k+1};
      otherwise
        v = str2double (strsplit (l{k+1}, " "));
        if (numel (d) > 1)
          v = reshape (v, d);
        else
          v = v(:);
        endif
        if (strcmp (h{2}, "lgl"))
          v = logical (v);
        endif
    endswitch
    z.(h{1}) = v;
  endfor
endfunction
