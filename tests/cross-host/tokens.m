## Cross-host test of token models, Octave side: the same fits are
## bit-identical to R's (weights, losses, accuracies), R's models predict
## here what they predicted in R, rnn_generate draws R's tokens with the
## same seed from either model, and Octave's models are written for
## tokens_back.R.
function tokens (dir)
  [o, d] = token_fits ();
  ok = true;
  fid = fopen (fullfile (dir, "r_tok_pred.bin"), "rb");
  rp = fread (fid, Inf, "double", 0, "ieee-le");
  fclose (fid);
  op = [];
  for k = 1:numel (o)
    r = rnn_load (fullfile (dir, sprintf ("r_tok%d.rnnk", k)));
    same_w = isequal (o{k}.params, r.params);
    h = {"loss", "val_loss", "acc", "val_acc"};
    same_h = true;
    for j = 1:numel (h)
      same_h = same_h && same_nan (o{k}.history.(h{j}), r.history.(h{j}));
    endfor
    if (k == 1)
      op = [op; reshape(rnn_predict (r, d.x_pre), [], 1)];
    elseif (k == 2)
      op = [op; reshape(rnn_predict (r, d.x_post), [], 1)];
    endif
    printf ("token fit %d (%s, embedding %dx%d): weights %s, loss and accuracy histories %s\n", ...
            k, o{k}.config.cell, o{k}.config.n_vocab, o{k}.config.n_embed, ...
            ifs (same_w), ifs (same_h));
    ok = ok && same_w && same_h;
    rnn_save (o{k}, fullfile (dir, sprintf ("o_tok%d.rnnk", k)));
  endfor
  dp = max (abs (op - rp));
  printf ("R's token models predict here to %g\n", dp);
  ok = ok && numel (op) == numel (rp) && dp <= 1e-12;
  fid = fopen (fullfile (dir, "r_tok_gen.bin"), "rb");
  rg = fread (fid, Inf, "double", 0, "ieee-le")';
  fclose (fid);
  r3 = rnn_load (fullfile (dir, "r_tok3.rnnk"));
  g_own = rnn_generate (o{3}, [1 2 3], 60, "Temperature", 0.9, "Seed", 21);
  g_r = rnn_generate (r3, [1 2 3], 60, "Temperature", 0.9, "Seed", 21);
  printf ("rnn_generate with seed 21: Octave's model %s, R's model %s R's 60 tokens\n", ...
          merge (isequal (g_own, rg), "draws", "DIFFERS FROM"), ...
          merge (isequal (g_r, rg), "draws", "DIFFERS FROM"));
  ok = ok && isequal (g_own, rg) && isequal (g_r, rg);
  ## a character model: the same tokenizer from the same UTF-8 text, and
  ## the same sampled text from either model
  fid = fopen (fullfile (dir, "r_tok_text.bin"), "rb");
  rt = fread (fid, Inf, "uint8=>char")';
  fclose (fid);
  r4 = rnn_load (fullfile (dir, "r_tok4.rnnk"));
  same_tok = isequal (o{4}.tokenizer.vocab, r4.tokenizer.vocab) ...
             && isequal (o{4}.tokenizer.counts, r4.tokenizer.counts);
  t_own = rnn_generate (o{4}, "the ", 80, "Temperature", 0.8, "Seed", 9);
  t_r = rnn_generate (r4, "the ", 80, "Temperature", 0.8, "Seed", 9);
  printf ("character model: tokenizer %s; Octave's model %s, R's model %s R's sampled text\n", ...
          ifs (same_tok), merge (strcmp (t_own, rt), "writes", "DIFFERS FROM"), ...
          merge (strcmp (t_r, rt), "writes", "DIFFERS FROM"));
  ok = ok && same_tok && strcmp (t_own, rt) && strcmp (t_r, rt);
  ## tokenizer output on Unicode text, lower-cased: the same bytes as R's
  fid = fopen (fullfile (dir, "r_uni_texts.bin"), "rb");
  ut = fread (fid, Inf, "uint8=>char")';
  fclose (fid);
  fid = fopen (fullfile (dir, "r_uni_tokens.bin"), "rb");
  rr = fread (fid, Inf, "uint8=>char")';
  fclose (fid);
  uni = strsplit (ut, "\n");
  orep = token_report (uni(1:end-1), uni{end});
  same_rep = strcmp (orep, rr);
  printf ("tokenizers (characters, words) on Unicode text, lower-cased and mixed case: vocabulary, counts, ids and decoded text %s\n", ...
          ifs (same_rep));
  if (! same_rep)
    ol = strsplit (orep, "\n");
    rl = strsplit (rr, "\n");
    for k = 1:min (numel (ol), numel (rl))
      if (! strcmp (ol{k}, rl{k}))
        printf ("  first difference, line %d: Octave '%s', R '%s'\n", k, ol{k}, rl{k});
        break;
      endif
    endfor
  endif
  ok = ok && same_rep;
  if (! ok)
    error ("cross-host: Octave and R disagree on token models");
  endif
endfunction

function s = token_report (x, probe)
  out = {};
  lv = {"char", "word"};
  for i = 1:2
    ## lower-cased with an oov token; mixed case kept, the 7 most frequent
    for lower = [true false]
      if (lower)
        tok = rnn_tokenizer (x, "Level", lv{i}, "Lower", true, "Oov", "<OOV>");
      else
        tok = rnn_tokenizer (x, "Level", lv{i}, "NumWords", 7);
      endif
      e = rnn_encode (tok, [x, {probe}]);
      out{end+1} = [lv{i} ":"];
      for k = 1:numel (tok.vocab)
        out{end+1} = sprintf ("%s\t%d", tok.vocab{k}, tok.counts(k));
      endfor
      out{end+1} = sprintf ("%d %d", tok.n_tokens, tok.n_distinct);
      for k = 1:numel (e)
        out{end+1} = strjoin (arrayfun (@(v) sprintf ("%d", v), e{k}, ...
                                        "UniformOutput", false), " ");
      endfor
      d = rnn_decode (tok, e);
      out = [out, d(:)'];
    endfor
  endfor
  s = strjoin (out, "\n");
endfunction

function t = same_nan (a, b)
  t = isequal (size (a), size (b)) && isequal (isnan (a), isnan (b)) && ...
      isequal (a(! isnan (a)), b(! isnan (b)));
endfunction

function s = ifs (t)
  if (t)
    s = "identical";
  else
    s = "DIFFER";
  endif
endfunction
