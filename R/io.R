# rnn_save() / rnn_load(): the portable model file (doc/model-file-format.md)
# that R and Octave both read and write through the C core.
#
# The model list is flattened into named typed records: every numeric,
# integer, logical and character leaf under its dotted path
# ("config.units", "history.loss"), with its dim, names, Date class and
# factor levels; list nodes (data frames and unnamed lists marked as such)
# come first so that empty lists and the order of elements survive.
# Language objects such as the call are skipped.  The record type and
# kind codes and the fields that hold integers come from the core
# (src/core/schema.c).

# Path components escape the separator, the escape and the unnamed marker.
escape_part <- function(x) {
  x <- gsub("%", "%25", x, fixed = TRUE)
  x <- gsub(".", "%2E", x, fixed = TRUE)
  gsub("#", "%23", x, fixed = TRUE)
}
unescape_part <- function(x) {
  x <- gsub("%2E", ".", x, fixed = TRUE)
  x <- gsub("%23", "#", x, fixed = TRUE)
  gsub("%25", "%", x, fixed = TRUE)
}

new_record <- function(name, type, kind, dims, value, sc = schema()) {
  list(name = name, type = sc$record_type[[type]], kind = sc$record_kind[[kind]],
       dims = as.integer(dims), value = value)
}

# Records of one value at path (NULL at the root), appended to acc (an
# environment holding a list, to avoid quadratic copying of deep lists).
flatten_value <- function(x, path, acc) {
  add <- function(rec) acc$recs[[length(acc$recs) + 1L]] <- rec
  if (is.language(x) || is.function(x) || is.environment(x)) return(invisible())
  if (is.null(x)) {
    add(new_record(path, "null", "plain", integer(), NULL))
    return(invisible())
  }
  if (is.list(x)) {
    nms <- names(x)
    unnamed <- is.null(nms)
    if (!is.null(path)) {
      kind <- if (is.data.frame(x)) "dataframe" else if (unnamed) "unnamed" else "plain"
      add(new_record(path, "list", kind, integer(), NULL))
    }
    for (i in seq_along(x)) {
      part <- if (unnamed || is.na(nms[i]) || !nzchar(nms[i])) paste0("#", i) else escape_part(nms[i])
      flatten_value(x[[i]], if (is.null(path)) part else paste0(path, ".", part), acc)
    }
    return(invisible())
  }
  d <- dim(x)
  dims <- if (is.null(d)) length(x) else d
  if (is.factor(x)) {
    add(new_record(path, "int", "factor", dims, as.integer(unclass(x))))
    add(new_record(path, "string", "levels", length(levels(x)), enc2utf8(levels(x))))
  } else if (inherits(x, "Date")) {
    add(new_record(path, "double", "date", dims, as.double(unclass(x))))
  } else if (is.double(x)) {
    add(new_record(path, "double", "plain", dims, as.vector(x)))
  } else if (is.integer(x)) {
    add(new_record(path, "int", "plain", dims, as.vector(x)))
  } else if (is.logical(x)) {
    add(new_record(path, "logical", "plain", dims, as.vector(x)))
  } else if (is.character(x)) {
    add(new_record(path, "string", "plain", dims, enc2utf8(as.vector(x))))
  } else {
    rnnkit_abort("input", "cannot save `", gsub("%2E", ".", path, fixed = TRUE),
                 "` of type ", typeof(x), ": a model file holds numbers, logicals, ",
                 "strings, dates, factors and lists of them.")
  }
  if (!is.null(names(x)) && is.null(d)) {
    add(new_record(path, "string", "names", length(x), enc2utf8(names(x))))
  }
  dn <- dimnames(x)
  if (length(d) >= 2 && !is.null(dn)) {
    if (!is.null(dn[[1]])) add(new_record(path, "string", "rownames", length(dn[[1]]), enc2utf8(dn[[1]])))
    if (!is.null(dn[[2]])) add(new_record(path, "string", "colnames", length(dn[[2]]), enc2utf8(dn[[2]])))
  }
  invisible()
}

rnn_save <- function(model, file) {
  if (!inherits(model, "rnnkit_model")) {
    rnnkit_abort("input", "`model` must be an rnnkit model (from rnn_fit() or rnn_model()), not ",
                 describe(model), ".")
  }
  if (!is.character(file) || length(file) != 1 || is.na(file) || !nzchar(file)) {
    rnnkit_abort("input", "`file` must be one file name, not ", describe(file), ".")
  }
  acc <- new.env(parent = emptyenv())
  acc$recs <- list()
  flatten_value(unclass(model), NULL, acc)
  raw <- .Call(rnnkit_model_encode, acc$recs)
  # the core writes a temporary file beside `file`, flushes it and renames
  # it over `file`: a failure is an rnnkit_error_io and `file` keeps what
  # it held (a full disk used to leave a truncated model and a warning)
  .Call(rnnkit_write_file, file, raw)
  invisible(file)
}

# The value of a leaf from its record and any levels/names records.
leaf_value <- function(recs) {
  r <- recs[[1]]
  v <- r$value
  if (r$type == schema()$record_type[["null"]]) return(NULL)
  extra <- vapply(recs[-1], function(e) e$kind, 0L)
  if (r$kind == schema()$record_kind[["factor"]]) {
    lv <- recs[-1][extra == schema()$record_kind[["levels"]]]
    v <- structure(v, levels = if (length(lv)) lv[[1]]$value else character(), class = "factor")
  } else if (r$kind == schema()$record_kind[["date"]]) {
    class(v) <- "Date"
  }
  if (length(r$dims) >= 2) dim(v) <- r$dims
  nm <- recs[-1][extra == schema()$record_kind[["names"]]]
  if (length(nm)) names(v) <- nm[[1]]$value
  rn <- recs[-1][extra == schema()$record_kind[["rownames"]]]
  cn <- recs[-1][extra == schema()$record_kind[["colnames"]]]
  if (length(r$dims) >= 2 && (length(rn) || length(cn))) {
    dn <- vector("list", length(r$dims))
    if (length(rn)) dn[1] <- list(rn[[1]]$value)
    if (length(cn)) dn[2] <- list(cn[[1]]$value)
    dimnames(v) <- dn
  }
  v
}

# Rebuilds nested lists from records whose $parts are their remaining
# path components.
build_list <- function(recs) {
  heads <- vapply(recs, function(r) r$parts[1], "")
  keys <- unique(heads)
  out <- vector("list", length(keys))
  for (i in seq_along(keys)) {
    sub <- recs[heads == keys[i]]
    self <- sub[vapply(sub, function(r) length(r$parts) == 1L, TRUE)]
    kids <- lapply(sub[vapply(sub, function(r) length(r$parts) > 1L, TRUE)], function(r) {
      r$parts <- r$parts[-1]
      r
    })
    if (length(self) && self[[1]]$type == schema()$record_type[["list"]]) {
      v <- if (length(kids)) build_list(kids) else list()
      kind <- self[[1]]$kind
      if (kind == schema()$record_kind[["unnamed"]]) {
        names(v) <- NULL
      } else if (kind == schema()$record_kind[["dataframe"]]) {
        n <- if (length(v)) NROW(v[[1]]) else 0L
        if (is.null(names(v))) names(v) <- character()
        v <- structure(v, class = "data.frame", row.names = .set_row_names(n))
      }
    } else if (length(self)) {
      v <- leaf_value(self)
    } else { # children without a list record: an older writer; still a list
      v <- build_list(kids)
    }
    if (is.null(v)) out[i] <- list(NULL) else out[[i]] <- v
  }
  nm <- unescape_part(keys)
  nm[startsWith(keys, "#")] <- ""
  names(out) <- nm
  if (all(!nzchar(nm))) names(out) <- NULL
  out
}

rnn_load <- function(file) {
  if (!is.character(file) || length(file) != 1 || is.na(file) || !nzchar(file)) {
    rnnkit_abort("input", "`file` must be one file name, not ", describe(file), ".")
  }
  if (!file.exists(file)) rnnkit_abort("input", "there is no file '", file, "'.")
  size <- file.size(file)
  raw <- readBin(file, "raw", n = size)
  recs <- .Call(rnnkit_model_decode, raw)
  # an older Octave file holds as doubles the whole numbers R keeps as
  # integers (the core's schema names them); the gateways want integers
  int <- .Call(rnnkit_file_flags, vapply(recs, `[[`, "", "name"), "int")
  recs <- lapply(seq_along(recs), function(k) {
    r <- recs[[k]]
    if (int[k] && r$type == schema()$record_type[["double"]] && r$kind == 0L &&
        all(is.na(r$value) | (r$value == round(r$value) & abs(r$value) < 2^31))) {
      r$type <- schema()$record_type[["int"]]
      r$value <- as.integer(r$value)
    }
    r$parts <- strsplit(r$name, ".", fixed = TRUE)[[1]]
    r
  })
  model <- build_list(recs)
  model$config$dropout <- as.double(model$config$dropout)
  # an ensemble's params are P x k (issue 15); one model's a vector
  model$params <- if (is.matrix(model$params) && ncol(model$params) > 1) {
    matrix(as.double(model$params), nrow(model$params))
  } else {
    as.double(model$params)
  }
  # a combined transform (issue 15) is a cell row in Octave: a vector here
  if (is.character(model$prep$meta$transform)) {
    model$prep$meta$transform <- as.vector(model$prep$meta$transform)
  }
  if (is.list(model$tokenizer)) class(model$tokenizer) <- "rnnkit_tokenizer"
  class(model) <- "rnnkit_model"
  model
}
