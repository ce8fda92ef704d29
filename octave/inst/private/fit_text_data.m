## -*- texinfo -*-
## @deftypefn {} {@var{model} =} fit_text_data (@var{D}, @var{name}, @var{value}, @dots{})
## rnn_fit on the struct from rnn_text_data, as R's
## rnn_fit.rnnkit_text_data(): an embedding of 'EmbedDim' [32] per token,
## 'Units' [128], 'Cell' ['lstm'], a softmax over the vocabulary at every
## step, trained statefully in D's streams for 'Epochs' [10] with
## 'LearnRate' [0.002] and 'ClipNorm' [5]; the model keeps the tokenizer.
## @end deftypefn
function model = fit_text_data (d, varargin)
  args = varargin;
  if (mod (numel (args), 2) != 0)
    error ("rnnkit:input", ["rnn_fit: with text data give options in name/value " ...
           "pairs, e.g. 'Epochs', 10 (the data fix Y)"]);
  endif
  fixed = {"BatchSize", "Stateful", "Shuffle", "Loss", "Embedding", ...
           "Validation", "Classes"};
  embed_dim = 32;
  keep = true (size (args));
  for k = 1:2:numel (args)
    name = args{k};
    if (! ischar (name))
      error ("rnnkit:input", "rnn_fit: option names must be strings, not %s", ...
             class (name));
    endif
    if (any (strcmpi (name, fixed)))
      error ("rnnkit:input", ["rnn_fit: text data fix '%s'; set 'BatchSize' and " ...
             "'Validation' in rnn_text_data"], name);
    elseif (strcmpi (name, "EmbedDim"))
      embed_dim = args{k+1};
      check_count (embed_dim, "EmbedDim", 1, 1e5);
      keep([k, k+1]) = false;
    endif
  endfor
  V = d.n_vocab;
  val = 0;
  if (isfield (d, "x_val") && ! isempty (d.x_val))
    val = struct ("x", d.x_val, "y", d.y_val);
  endif
  model = rnn_fit (d.x, d.y, "Cell", "lstm", "Units", 128, "Epochs", 10, ...
                   "LearnRate", 0.002, "ClipNorm", 5, args{keep}, ...
                   "Loss", "sparse_ce", "BatchSize", d.batch_size, ...
                   "Shuffle", false, "Stateful", true, ...
                   "Embedding", [V, double(embed_dim)], "Classes", 0:(V-1), ...
                   "Validation", val);
  if (! isempty (d.tokenizer))
    model.tokenizer = d.tokenizer;
  endif
endfunction
