## -*- texinfo -*-
## @deftypefn {} {@var{m} =} key_model (@var{model}, @var{k}, @var{w})
## Key @var{k}'s view of a panel model (issue 16), as R's panel_view(): the
## same network with that key's data and scaler, a one-series model that
## rnn_predict, rnn_accuracy and rnn_forecast answer for in the key's own
## units.  For a key the model was not fit on, the preparation of the
## one-series windows @var{w} of that key (scaled on its own history).
## A model with a series embedding keeps the view's series index in
## @code{series_index} (the key's, 0-based; -1 for a series it was not
## fit on, which reads the mean embedding, said on stderr as R does).
## @end deftypefn
function m = key_model (model, k, w = [])
  m = model;
  i = find (strcmp (cellstr (model.prep.meta.keys), k), 1);
  emb = isfield (model.config, "n_series") && model.config.n_series > 0;
  if (! isempty (i))
    m.prep = key_prep (model.prep, k);
    if (emb)
      m.series_index = i - 1;
    endif
  else
    m.prep = struct ("meta", w.meta, "scaler", w.scaler, "data", w.data);
    if (emb)
      fprintf (stderr, ["rnnkit: series \"%s\" was not seen in training; it reads " ...
                        "the mean of the %d series embeddings.\n"], k, model.config.n_series);
      m.series_index = -1;
    endif
  endif
endfunction
