## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn {} {@var{model} =} rnn_load (@var{file})
## Load a model from rnnkit's portable model file, written by
## @code{rnn_save} in Octave or @code{rnn_save()} in R.
##
## Records become fields of a nested struct under their dotted paths:
## doubles and integers as doubles (integer NA as NaN), logicals as
## logicals (NA as false), strings as char (one) or cell arrays of strings
## (several; NA as ''), R lists as structs (unnamed ones as cells), data
## frames as structs of columns, factors as cell arrays of their labels,
## dates as @code{datenum} values.  A model saved in R predicts and
## forecasts in Octave exactly as it did in R.
##
## The file is checked before anything in it is trusted: signature,
## version, byte order, size and checksum, then the bounds of every
## record, then the model's configuration and weights.  A truncated,
## corrupt, foreign or too new file is an error with identifier
## @qcode{"rnnkit:format"}.
## @seealso{rnn_save}
## @end deftypefn

function model = rnn_load (file, varargin)
  check_nargin ("rnn_load", nargin, 1, 1, "model = rnn_load (file)");
  if (! ischar (file) || rows (file) != 1 || isempty (file))
    error ("rnnkit:input", "rnn_load: FILE must be one file name, not %s", ...
           describe (file));
  endif
  if (! exist (file, "file"))
    error ("rnnkit:input", "rnn_load: there is no file '%s'", file);
  endif
  if (isfolder (file))
    error ("rnnkit:input", "rnn_load: '%s' is a directory, not a model file", file);
  endif
  [fid, msg] = fopen (file, "rb");
  if (fid < 0)
    error ("rnnkit:input", "rnn_load: cannot read '%s': %s", file, msg);
  endif
  unwind_protect
    bytes = fread (fid, Inf, "uint8=>uint8");
  unwind_protect_cleanup
    fclose (fid);
  end_unwind_protect
  recs = __rnnkit__ ("decode", bytes);
  c = __rnnkit__ ("schema");
  sc = struct ("type", c.record_type, "kind", c.record_kind);
  items = cell (numel (recs), 1);
  for i = 1:numel (recs)
    r = recs(i);
    r.parts = strsplit (r.name, ".");
    items{i} = r;
  endfor
  model = build (items, 0, false, sc);
  ## the core checked config.* and params; the records above them must
  ## form the structs too (a "config" record that is no list would not)
  try
    check_model (model, "rnn_load");
  catch e
    error ("rnnkit:format", "rnn_load: '%s' does not hold an rnnkit model: %s", ...
           file, e.message);
  end_try_catch
  model.config.units = model.config.units(:);
  if (! (ismatrix (model.params) && columns (model.params) > 1)) # ensemble: n x k
    model.params = model.params(:);
  endif
  model = wrap (model, "model");
endfunction

function out = build (items, depth, unnamed, sc)
  heads = cellfun (@(r) r.parts{depth+1}, items, "UniformOutput", false);
  [keys, first] = unique (heads, "first");
  [~, order] = sort (first);
  keys = keys(order);
  if (unnamed)
    out = cell (numel (keys), 1);
  else
    out = struct ();
  endif
  for i = 1:numel (keys)
    sub = items(strcmp (heads, keys{i}));
    is_self = cellfun (@(r) numel (r.parts) == depth + 1, sub);
    self = sub(is_self);
    kids = sub(! is_self);
    if (! isempty (self) && self{1}.type == sc.type.list)
      if (isempty (kids))
        if (self{1}.kind == sc.kind.unnamed)
          v = {};
        else
          v = struct ();
        endif
      else
        v = build (kids, depth + 1, self{1}.kind == sc.kind.unnamed, sc);
      endif
    elseif (! isempty (self))
      v = leaf (self, sc);
    else
      v = build (kids, depth + 1, false, sc);
    endif
    if (unnamed)
      out{i} = v;
    else
      out.(field_name (keys{i})) = v;
    endif
  endfor
endfunction

function n = field_name (key)
  n = strrep (strrep (strrep (key, "%2E", "."), "%23", "#"), "%25", "%");
  if (! isvarname (n))
    n = matlab.lang.makeValidName (n);
  endif
endfunction

function v = leaf (self, sc)
  r = self{1};
  t = sc.type;
  switch (r.type)
    case t.null
      v = [];
      return;
    case t.string
      v = r.value;
      v(cellfun (@(s) ! ischar (s), v)) = {""};
      if (isequal (r.dims, 1))
        v = v{1};
        return;
      endif
    otherwise
      v = r.value;
      if (r.type == t.double)
        v = octave_na (v);
      endif
      if (r.kind == sc.kind.date)
        v = v + datenum (1970, 1, 1);
      elseif (r.kind == sc.kind.factor)
        lv = {};
        for j = 2:numel (self)
          if (self{j}.kind == sc.kind.levels)
            lv = self{j}.value;
          endif
        endfor
        lab = repmat ({""}, numel (v), 1);
        ok = ! isnan (v) & v >= 1 & v <= numel (lv);
        lab(ok) = lv(v(ok));
        lab(! cellfun (@ischar, lab)) = {""};
        v = lab;
      endif
  endswitch
  if (numel (r.dims) >= 2)
    v = reshape (v, r.dims);
  endif
endfunction

## R's NA_real_ (a NaN with payload 1954) becomes Octave's NA
function v = octave_na (v)
  m = isnan (v);
  if (any (m))
    w = reshape (typecast (v(m), "uint32"), 2, []);
    na = w(1, :) == 1954; # R_IsNA() looks at the low word only
    idx = find (m);
    v(idx(na)) = NA;
  endif
endfunction

%!test
%! m = struct ();
%! X = rand (4, 5);
%! m = rnn_fit (X, X(:, 1), "Cell", "simple", "Units", 2, "Epochs", 1, "Seed", 4, "Verbose", false);
%! f = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   fid = fopen (f, "rb"); b = fread (fid, Inf, "uint8=>uint8"); fclose (fid);
%!   assert (b(1:8)', uint8 ([137 82 78 78 75 73 84 10]));
%!   assert (b(13:16)', uint8 ([13 12 11 10]));
%!   ## truncated
%!   fid = fopen (f, "wb"); fwrite (fid, b(1:end-1)); fclose (fid);
%!   fail ("rnn_load (f)", "truncated");
%!   ## one bit flipped
%!   c = b; c(100) = bitxor (c(100), uint8 (8));
%!   fid = fopen (f, "wb"); fwrite (fid, c); fclose (fid);
%!   fail ("rnn_load (f)", "checksum");
%!   ## a foreign file
%!   fid = fopen (f, "w"); fputs (fid, "Date,Open,High\n"); fclose (fid);
%!   fail ("rnn_load (f)", "not an rnnkit model file");
%!   ## newer version (the version check comes before the checksum)
%!   c = b; c(9) = 2;
%!   fid = fopen (f, "wb"); fwrite (fid, c); fclose (fid);
%!   fail ("rnn_load (f)", "version 2");
%!   ## big-endian byte-order mark
%!   c = b; c(13:16) = b(16:-1:13);
%!   fid = fopen (f, "wb"); fwrite (fid, c); fclose (fid);
%!   fail ("rnn_load (f)", "byte order");
%!   ## the error identifier
%!   try
%!     rnn_load (f);
%!   catch err
%!     assert (err.identifier, "rnnkit:format");
%!   end_try_catch
%! unwind_protect_cleanup
%!   unlink (f);
%! end_unwind_protect

%!error <there is no file> rnn_load ("/nonexistent/model.rnnk")
%!error <FILE must be one file name> rnn_load (1)

## regressions found by tests/octave/random_inputs.m
%!error <is a directory> rnn_load (tempdir ())
%!error <takes 1 argument\(s\), not 2> rnn_load ("a.rnnk", 1)
## a well-formed file whose records do not form a model: "config" is a
## number, not the list its fields belong to
%!test
%! m = struct ("config", struct ("cell_code", 0, "activation_code", 1, ...
%!   "n_in", 1, "units", 1, "n_out", 1, "head_act_code", 0, "seq_out", 0, ...
%!   "dropout", 0), "params", zeros (5, 1));
%! f = [tempname() ".rnnk"];
%! g = [tempname() ".rnnk"];
%! unwind_protect
%!   rnn_save (m, f);
%!   fid = fopen (f, "rb"); b = fread (fid, Inf, "uint8=>uint8"); fclose (fid);
%!   r = __rnnkit__ ("decode", b);
%!   k = find (strcmp ({r.name}, "config"));
%!   r(k).type = 1;
%!   r(k).dims = 1;
%!   r(k).value = 7;
%!   for j = 1:numel (r)
%!     if (any (r(j).type == [2 3]))
%!       r(j).value = int32 (r(j).value);
%!     endif
%!   endfor
%!   fid = fopen (g, "wb"); fwrite (fid, __rnnkit__ ("encode", r)); fclose (fid);
%!   try
%!     rnn_load (g);
%!     error ("no error");
%!   catch e
%!     assert (e.identifier, "rnnkit:format");
%!     assert (! isempty (strfind (e.message, "does not hold an rnnkit model")));
%!   end_try_catch
%! unwind_protect_cleanup
%!   unlink (f);
%!   unlink (g);
%! end_unwind_protect
