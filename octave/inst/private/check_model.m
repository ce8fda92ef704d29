## -*- texinfo -*-
## @deftypefn {} {} check_model (@var{model}, @var{fname}, @var{shallow})
## Error "rnnkit:input" unless @var{model} is an intact rnnkit model
## struct (from rnn_fit or rnn_load): a scalar struct whose config has
## every field the C core reads, with whole numbers the core accepts, and
## whose params are as many real doubles as that architecture has
## weights.  With @var{shallow} true only the struct and its two fields
## are checked (enough for rnn_reset_state and rnn_save).
## @end deftypefn
function check_model (model, fname, shallow = false)
  if (! isstruct (model) || ! isscalar (model) || ! isfield (model, "config") ...
      || ! isfield (model, "params") || ! isstruct (model.config) ...
      || ! isscalar (model.config))
    error ("rnnkit:input", ["%s: MODEL must be an rnnkit model (from rnn_fit " ...
           "or rnn_load), not %s"], fname, describe (model));
  endif
  if (shallow)
    return;
  endif
  cfg = model.config;
  whole = {"cell_code", "activation_code", "n_in", "n_out", "head_act_code", ...
           "seq_out"};
  for k = 1:numel (whole)
    f = whole{k};
    if (! isfield (cfg, f))
      broken_model (fname, sprintf ("it has no config.%s", f));
    endif
    v = cfg.(f);
    if (! is_double (v) || ! isscalar (v) || ! isfinite (v) || v != round (v))
      broken_model (fname, sprintf ("config.%s is %s, not a whole number", f, describe (v)));
    endif
  endfor
  if (! isfield (cfg, "units"))
    broken_model (fname, "it has no config.units");
  endif
  u = cfg.units;
  if (! is_double (u) || isempty (u) || ! isvector (u) || ! all (isfinite (u)) ...
      || any (u != round (u)))
    broken_model (fname, sprintf ("config.units is %s, not whole numbers", describe (u)));
  endif
  if (! isfield (cfg, "dropout"))
    broken_model (fname, "it has no config.dropout");
  endif
  if (! is_double (cfg.dropout) || ! isscalar (cfg.dropout))
    broken_model (fname, sprintf ("config.dropout is %s, not a number", describe (cfg.dropout)));
  endif
  try
    n = __rnnkit__ ("n_params", cfg);
  catch e
    broken_model (fname, sprintf ("its config is invalid (%s)", ...
                            regexprep (e.message, '^__rnnkit__: ', '')));
  end_try_catch
  p = model.params;
  ## an ensemble's params are n x k, one column per member (issue 15)
  if (! is_double (p) || ! ((isvector (p) && numel (p) == n) ...
                            || (ismatrix (p) && rows (p) == n && columns (p) >= 1 && n > 0)))
    broken_model (fname, sprintf (["params is %s, but its config needs a vector of " ...
                             "%d real doubles (or %d rows, one column per ensemble " ...
                             "member)"], describe (p), n, n));
  endif
endfunction

## a real, full double array (NaN and Inf allowed: weights may be anything)
function tf = is_double (v)
  tf = isa (v, "double") && isreal (v) && ! issparse (v);
endfunction
