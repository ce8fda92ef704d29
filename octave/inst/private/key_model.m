## -*- texinfo -*-
## @deftypefn {} {@var{m} =} key_model (@var{model}, @var{k}, @var{w})
## Key @var{k}'s view of a panel model (issue 16), as R's panel_view(): the
## same network with that key's data and scaler, a one-series model that
## rnn_predict, rnn_accuracy and rnn_forecast answer for in the key's own
## units.  For a key the model was not fit on, the preparation of the
## one-series windows @var{w} of that key (scaled on its own history).
## @end deftypefn
function m = key_model (model, k, w = [])
  m = model;
  if (any (strcmp (cellstr (model.prep.meta.keys), k)))
    m.prep = key_prep (model.prep, k);
  else
    m.prep = struct ("meta", w.meta, "scaler", w.scaler, "data", w.data);
  endif
endfunction
