## Copyright (C) 2026 rnnkit developers
## SPDX-License-Identifier: GPL-2.0-or-later

## -*- texinfo -*-
## @deftypefn  {} {@var{tok} =} rnn_tokenizer (@var{texts})
## @deftypefnx {} {@var{tok} =} rnn_tokenizer (@var{texts}, @var{name}, @var{value}, @dots{})
## A character or word tokenizer fitted on @var{texts} (a string or a
## cell array of strings), as R's @code{rnn_tokenizer()}: token @var{i} is
## @code{@var{tok}.vocab@{@var{i}@}}, and index 0 is reserved for padding,
## so a model's embedding needs @code{rnn_vocab_size (@var{tok})} =
## @code{numel (@var{tok}.vocab) + 1} indices.
##
## Characters are Unicode code points: the texts are read as UTF-8 (what
## Octave's strings hold when they come from UTF-8 files or literals), so
## an accented letter or an emoji is one token, as in R; text that is not
## valid UTF-8 is an error.  The character vocabulary is sorted by code
## point; the word vocabulary by decreasing frequency, ties by first
## appearance (as Keras).
##
## Options (names are case-insensitive; defaults in brackets):
##
## @table @asis
## @item @qcode{'Level'}
## @qcode{'char'} or @qcode{'word'} [@qcode{'char'}]
## @item @qcode{'Lower'}
## lower-case the texts first [false; R's default too, unlike Keras].
## The rule is rnnkit's own, the same in R and Octave and in every locale:
## the Unicode simple lowercase mapping of each character (so @qcode{"É"}
## becomes @qcode{"é"}, @qcode{"Σ"} always @qcode{"σ"}, never the final
## @qcode{"ς"}, and @qcode{"İ"} becomes @qcode{"i"}), not Octave's
## @code{tolower}
## @item @qcode{'Filters'}
## characters to remove (characters) or to treat as spaces between words
## (words) [none for characters; for words Keras' default
## @code{!"#$%&()*+,-./:;<=>?@@[\]^_`@{|@}~} with tab and newline, so the
## apostrophe stays inside words]
## @item @qcode{'NumWords'}
## keep only this many most frequent tokens (exactly this many, where Keras
## keeps one less) [[] for all]
## @item @qcode{'Oov'}
## a token (e.g. @qcode{'<OOV>'}) that takes index 1 and stands for every
## unknown token when encoding; without it unknown tokens are dropped [[]]
## @end table
##
## Words are split on ASCII whitespace after the filters (the splitting,
## lower-casing, counting and ordering are done by the C core, once for
## both hosts).  The tokenizer is a plain struct with R's fields
## (@code{level}, @code{vocab}, @code{counts}, @code{lower}, @code{oov},
## @code{filters}, @code{num_words}, @code{n_texts}, @code{n_tokens},
## @code{n_distinct}), so
## a model that keeps one (@code{rnn_fit} on @code{rnn_text_data}) saves it
## in the model file that R reads.
##
## @example
## tok = rnn_tokenizer ("hello world");
## tok.vocab'                     # " " "d" "e" "h" "l" "o" "r" "w"
## rnn_encode (tok, "hello")@{1@}   # 4 3 5 5 6
## tw = rnn_tokenizer (@{"The cat sat.", "The dog!"@}, "Level", "word", "Lower", true);
## tw.vocab'                      # "the" "cat" "sat" "dog"
## @end example
## @seealso{rnn_encode, rnn_decode, rnn_pad_sequences, rnn_vocab_size, rnn_text_data}
## @end deftypefn

function tok = rnn_tokenizer (texts, varargin)
  check_nargin ("rnn_tokenizer", nargin, 1, Inf, ...
                "tok = rnn_tokenizer (texts, 'Level', 'char', ...)");
  o = rnnkit_options (struct ("Level", "char", "Lower", false, "NumWords", [], ...
                              "Oov", [], "Filters", []), "rnn_tokenizer", varargin);
  level = check_choice (o.Level, fieldnames (__rnnkit__ ("schema").level), "Level");
  lower = check_flag (o.Lower, "Lower");
  num_words = o.NumWords;
  if (! isempty (num_words))
    check_count (num_words, "NumWords", 1, 2^31 - 1);
    num_words = double (num_words);
  endif
  oov = o.Oov;
  if (! (isnumeric (oov) && isempty (oov)))
    oov = check_string (oov, "Oov", false);
  endif
  filters = o.Filters;
  if (isnumeric (filters) && isempty (filters))
    ## Keras' for words (rnn_default_filters)
    filters = __rnnkit__ ("schema").filters.(level);
  else
    filters = check_string (filters, "Filters", true);
  endif
  texts = check_texts (texts);
  ## split, counted and ordered by the C core (rnn_vocab_fit, as in R)
  [vocab, counts, n_tokens, n_distinct] = __rnnkit__ ("vocab_fit", texts, ...
      level, logical (lower), filters, ...
      merge (isempty (num_words), 0, num_words), oov);
  unit = merge (strcmp (level, "char"), "characters", "words");
  if (n_tokens == 0)
    error ("rnnkit:input", ["'TEXTS' (%d text(s)) contain no %s%s; the " ...
           "vocabulary would be empty. Pass non-empty texts%s"], numel (texts), ...
           unit, merge (isempty (filters), "", " once the filters are removed"), ...
           merge (isempty (filters), "", " or fewer 'Filters'"));
  endif
  if (n_distinct == 0)
    error ("rnnkit:input", ["'TEXTS' contain only the 'Oov' token (\"%s\"); " ...
           "the vocabulary would be empty. Pass other texts or another 'Oov'"], oov);
  endif
  tok = struct ("level", level, "vocab", {vocab(:)}, "counts", counts, ...
                "lower", lower, "oov", oov, "filters", filters, ...
                "num_words", num_words, "n_texts", numel (texts), ...
                "n_tokens", n_tokens, "n_distinct", n_distinct);
endfunction

%!test
%! tok = rnn_tokenizer ("hello world");
%! assert (tok.level, "char");
%! assert (tok.vocab, {" "; "d"; "e"; "h"; "l"; "o"; "r"; "w"});
%! assert (tok.counts, [1; 1; 1; 1; 3; 2; 1; 1]);
%! assert (rnn_vocab_size (tok), 9);
%! assert (rnn_encode (tok, "hello world"), {[4 3 5 5 6 1 8 6 7 5 2]});
%! ## code-point order (upper case before lower case, accents after ASCII)
%! tc = rnn_tokenizer ({"b\303\251", "B", "aA"});
%! assert (tc.vocab, {"A"; "B"; "a"; "b"; "\303\251"});
%! assert (rnn_tokenizer ({"aA", "B", "b\303\251"}).vocab, tc.vocab);

## UTF-8 characters are one token each and round-trip
%!test
%! x = {"hello world", "na\303\257ve caf\303\251", "line one\nline two\ttab", "", ...
%!      "\360\237\230\200 \344\270\255\346\226\207"};
%! tok = rnn_tokenizer (x);
%! e = rnn_encode (tok, x);
%! assert (cellfun (@numel, e), [11 10 21 0 4]);
%! assert (all (ismember ({"\303\257", "\303\251", "\360\237\230\200", "\n", "\t"}, tok.vocab)));
%! assert (rnn_decode (tok, e), x);
%! assert (rnn_decode (tok, rnn_pad_sequences (e)), x(:));
%! assert (rnn_decode (tok, rnn_pad_sequences (e, "Padding", "post")), x(:));

## words: Keras' filters, lower-casing, frequency order
%!test
%! x = {"The cat sat on the mat.", "The dog, the cat!"};
%! tok = rnn_tokenizer (x, "Level", "word", "Lower", true);
%! assert (tok.vocab, {"the"; "cat"; "sat"; "on"; "mat"; "dog"});
%! assert (tok.counts, [4; 2; 1; 1; 1; 1]);
%! assert (rnn_vocab_size (tok), 7);
%! e = rnn_encode (tok, x);
%! assert (e, {[1 2 3 4 1 5], [1 6 1 2]});
%! assert (rnn_decode (tok, e), {"the cat sat on the mat", "the dog the cat"});
%! ## one lower-casing rule for every host and locale: the Unicode simple
%! ## mapping (capital sigma is always U+03C3, U+0130 becomes "i")
%! u = {"\303\211T\303\211 \303\251t\303\251 \316\243\316\221\316\243 \320\226\321\203\320\272 \304\260\360\237\230\200"};
%! assert (rnn_tokenizer (u, "Level", "word", "Lower", true).vocab, ...
%!         {"\303\251t\303\251"; "\317\203\316\261\317\203"; "\320\266\321\203\320\272"; "i\360\237\230\200"});
%! assert (rnn_tokenizer (u, "Lower", true).vocab', {" ", "i", "t", "\303\251", ...
%!         "\316\261", "\317\203", "\320\266", "\320\272", "\321\203", "\360\237\230\200"});
%! ## ties by first appearance, not alphabetically
%! assert (rnn_tokenizer ({"b a a", "c b"}, "Level", "word").vocab, {"b"; "a"; "c"});
%! ## without lower-casing The and the are different words
%! assert (rnn_tokenizer (x, "Level", "word").vocab(1:3), {"The"; "cat"; "the"});
%! ## a filtered character separates words; the apostrophe is kept
%! t2 = rnn_tokenizer ("well-known don't  stop\tnow", "Level", "word");
%! assert (t2.vocab, {"well"; "known"; "don't"; "stop"; "now"});
%! assert (rnn_tokenizer ("end. end", "Level", "word", "Filters", "").vocab, {"end."; "end"});
%! assert (rnn_tokenizer ("a;b,c", "Level", "word", "Filters", ";").vocab, {"a"; "b,c"});
%! ## unknown words are dropped without an oov token
%! assert (rnn_encode (tok, "the bird sat"), {[1 3]});

## filters and lower-casing at the character level
%!test
%! tok = rnn_tokenizer ("Ab, c!", "Lower", true);
%! assert (tok.filters, "");
%! ## Keras' default filters for words, from the core (rnn_default_filters)
%! assert (rnn_tokenizer ("a b", "Level", "word").filters, ...
%!         ['!"#$%&()*+,-./:;<=>?@[\]^_`{|}~' char([9 10])]);
%! assert (tok.vocab, {" "; "!"; ","; "a"; "b"; "c"});
%! assert (rnn_decode (tok, rnn_encode (tok, "AB, C!")), {"ab, c!"});
%! tf = rnn_tokenizer ("Ab, c!", "Filters", ",! ");
%! assert (tf.vocab, {"A"; "b"; "c"});
%! assert (rnn_encode (tf, "c, b"), {[3 2]});

## NumWords keeps the most frequent tokens; Oov takes index 1
%!test
%! x = {"a a a b b c d", "a b e"};
%! t2 = rnn_tokenizer (x, "Level", "word", "NumWords", 2);
%! assert (t2.vocab, {"a"; "b"});
%! assert (t2.counts, [4; 3]);
%! assert (t2.n_distinct, 5);
%! assert (rnn_encode (t2, "a c b z"), {[1 2]});
%! to = rnn_tokenizer (x, "Level", "word", "NumWords", 2, "Oov", "<OOV>");
%! assert (to.vocab, {"<OOV>"; "a"; "b"});
%! assert (to.counts, [3; 4; 3]);
%! assert (rnn_encode (to, "a c b z"), {[2 1 3 1]});
%! assert (rnn_decode (to, [2 1 3 0]), "a <OOV> b");
%! tc = rnn_tokenizer ("zzzzyyyxxw", "NumWords", 3);
%! assert (tc.vocab, {"x"; "y"; "z"});
%! tco = rnn_tokenizer ("zzzzyyyxxw", "NumWords", 3, "Oov", "?");
%! assert (tco.vocab, {"?"; "x"; "y"; "z"});
%! assert (rnn_encode (tco, "wxyz!"), {[1 2 3 4 1]});

%!error <contain no characters> rnn_tokenizer ("")
%!error <contain no words once the filters> rnn_tokenizer ("...", "Level", "word")
%!error <not valid UTF-8> rnn_tokenizer (char ([97 200 98]))
%!error <text 2 is not valid UTF-8> rnn_tokenizer ({"a", char([97 0 98])}) # NUL: as R
%!error <'Oov' is not valid UTF-8> rnn_tokenizer ("ab", "Oov", char ([60 0 62]))
%!test
%! ## one tokenizer in both hosts (src/gw/text.c): a column vocabulary,
%! ## encode and decode round trip Unicode text
%! tok = rnn_tokenizer ({"Héllo wörld 😀", "Σ ab"}, "Level", "word", "Lower", true);
%! assert (tok.vocab, {"héllo"; "wörld"; "😀"; "σ"; "ab"});
%! assert (tok.counts, ones (5, 1));
%! assert (rnn_decode (tok, rnn_encode (tok, {"AB σ"; "x"})), {"ab σ"; ""});
%!error <'Level' must be one of> rnn_tokenizer ("abc", "Level", "byte")
%!error <a string or a cell array of strings> rnn_tokenizer (1:3)
%!error <'NumWords' must be a whole number> rnn_tokenizer ("abc", "NumWords", 0)
%!error id=rnnkit:input rnn_tokenizer ("abc", "Oov", "")
## a misspelt option that is not valid UTF-8 is suggested without a warning
%!test
%! lastwarn ("");
%! try
%!   rnn_tokenizer ("abc", char ([76 101 118 200]), "char");
%! catch e
%!   assert (e.identifier, "rnnkit:input");
%! end_try_catch
%! assert (lastwarn (), "");
%!error <takes at least 1 argument> rnn_tokenizer ()
