# Who speaks this line, ROMEO or JULIET?  The data part of a text
# classification example (embedding -> LSTM -> sigmoid) on tiny Shakespeare
# (../shared/data/tinyshakespeare.txt, not shipped with the package).
# Base R only.
#
#   source("bench/speakers_data.R")
#   d <- speaker_data("../shared/data/tinyshakespeare.txt")
#   table(d$set, d$speaker)
#
# or from the shell, printing the class counts (and saving the data frame
# with saveRDS when a second argument is given):
#
#   Rscript bench/speakers_data.R [path/to/tinyshakespeare.txt] [out.rds]
#
# The text is a sequence of turns: a line "NAME:" (at the start of the file
# or after a blank line) followed by the speech, one or more lines, up to the
# next blank line.  Turns without speech (a name followed by a blank line)
# are skipped.
#
# The pair: ROMEO and JULIET, both of Romeo and Juliet, who speak in about
# the same style about the same things, so the task is not trivial: 604 and
# 551 speech lines in 160 and 124 turns.  (The speakers with the most lines
# overall, GLOUCESTER and DUKE VINCENTIO, come from different plays, several
# of them for GLOUCESTER, and would mostly teach the model which play a line
# is from.)
#
# Examples: one per speech line (unit = "line", the default) or one per turn
# (unit = "turn", its lines joined by a space).  The train/test split is by
# TURN, stratified by speaker: 20% of each speaker's turns, drawn at random,
# are the test set, so the lines of one speech are never on both sides (a
# speech's lines share words, rhymes and sentences that run across lines).
# Classes are then balanced within each set by dropping, at random, examples
# of the speaker with more.  Rows are in random order within each set (the
# training rows first), so a validation fraction taken from the end of the
# training rows is a random subset of them (its lines may share turns with
# the other training lines; use the `turn` column to split by turn there
# too).  Everything random is drawn from `seed` without touching the
# caller's random number stream.

# All turns of the file: data.frame(turn, speaker, line, text), one row per
# speech line (`line` is its line number in the file).
speaker_turns <- function(path) {
  x <- readLines(path, encoding = "UTF-8", warn = FALSE)
  x <- sub("[ \t\r]+$", "", x)
  blank <- x == ""
  head <- grepl("^[A-Za-z][A-Za-z' .,-]*:$", x) & c(TRUE, blank[-length(x)])
  # each non-blank line belongs to the last speaker line above it, if the
  # lines between are all non-blank (the same block)
  block <- cumsum(blank) # lines of one block share this number
  turn <- cumsum(head)
  ok <- !blank & !head & turn > 0
  ok[ok] <- block[ok] == block[which(head)[turn[ok]]]
  speaker <- sub(":$", "", x[head])
  data.frame(
    turn = turn[ok], speaker = speaker[turn[ok]], line = which(ok), text = x[ok],
    stringsAsFactors = FALSE
  )
}

speaker_data <- function(path, speakers = c("ROMEO", "JULIET"), unit = c("line", "turn"),
                         test = 0.2, seed = 1L) {
  unit <- match.arg(unit)
  stopifnot(is.character(speakers), length(speakers) == 2, !anyDuplicated(speakers),
            is.numeric(test), length(test) == 1, test > 0, test < 1)
  if (!file.exists(path)) stop("speaker_data(): ", path, " does not exist")
  all <- speaker_turns(path)
  d <- all[all$speaker %in% speakers, ]
  n_turns <- vapply(speakers, function(s) length(unique(d$turn[d$speaker == s])), 0L)
  if (any(n_turns < 10)) {
    stop("speaker_data(): too few turns for ", paste(speakers[n_turns < 10], collapse = ", "),
         " (need 10 or more each)")
  }
  if (unit == "turn") {
    first <- !duplicated(d$turn)
    d <- data.frame(
      turn = d$turn[first], speaker = d$speaker[first], line = d$line[first],
      text = vapply(split(d$text, d$turn), paste, "", collapse = " ")[as.character(d$turn[first])],
      stringsAsFactors = FALSE, row.names = NULL
    )
  }

  # draw with our own seed; leave the caller's stream as it was
  old_kind <- RNGkind()
  had_seed <- exists(".Random.seed", envir = globalenv(), inherits = FALSE)
  if (had_seed) old_seed <- get(".Random.seed", envir = globalenv(), inherits = FALSE)
  on.exit({
    do.call(RNGkind, as.list(old_kind))
    if (had_seed) {
      assign(".Random.seed", old_seed, envir = globalenv())
    } else {
      rm(".Random.seed", envir = globalenv())
    }
  })
  set.seed(seed, kind = "Mersenne-Twister", normal.kind = "Inversion", sample.kind = "Rejection")

  # split by turn, stratified by speaker
  test_turns <- unlist(lapply(speakers, function(s) {
    tt <- unique(d$turn[d$speaker == s])
    tt[sample.int(length(tt), round(test * length(tt)))]
  }))
  d$set <- ifelse(d$turn %in% test_turns, "test", "train")

  # balance each set, then put its rows in random order
  pick <- unlist(lapply(c("train", "test"), function(st) {
    rows <- lapply(speakers, function(s) which(d$set == st & d$speaker == s))
    m <- min(lengths(rows))
    keep <- unlist(lapply(rows, function(r) r[sort(sample.int(length(r), m))]))
    keep[sample.int(length(keep))]
  }))
  out <- d[pick, c("text", "speaker", "set", "turn", "line")]
  out$speaker <- factor(out$speaker, levels = speakers)
  rownames(out) <- NULL
  out
}

if (sys.nframe() == 0L) {
  args <- commandArgs(trailingOnly = TRUE)
  path <- if (length(args) >= 1) {
    args[1]
  } else {
    shared <- Sys.getenv("SHARED_DATA", "../shared/data")
    file.path(shared, "tinyshakespeare.txt")
  }
  if (!file.exists(path)) {
    message("speakers_data.R: ", path, " not found (give its path, or set SHARED_DATA); skipping")
    quit(status = 0)
  }
  d <- speaker_data(path)
  turns <- speaker_turns(path)
  cat("speech lines in the file:", nrow(turns), "in", length(unique(turns$turn)), "turns of",
      length(unique(turns$speaker)), "speakers\n")
  cat("examples (one per speech line; split by turn, balanced per set):\n")
  print(table(set = factor(d$set, c("train", "test")), speaker = d$speaker))
  cat("turns per set:\n")
  print(tapply(d$turn, factor(d$set, c("train", "test")), function(t) length(unique(t))))
  cat("characters per line: median", median(nchar(d$text)), ", max", max(nchar(d$text)), "\n")
  if (length(args) >= 2) {
    saveRDS(d, args[2])
    cat("saved to", args[2], "\n")
  }
}
