# Classed conditions. Every error rnnkit raises has class
# c("rnnkit_error_<kind>", "rnnkit_error", "error", "condition"), so callers
# can catch one kind (tryCatch(rnnkit_error_dim = ...)) or all of them.

rnnkit_abort <- function(kind, ..., call = NULL) {
  msg <- paste0(...)
  cond <- structure(
    class = c(paste0("rnnkit_error_", kind), "rnnkit_error", "error", "condition"),
    list(message = msg, call = call, kind = kind)
  )
  stop(cond)
}

rnnkit_warn <- function(kind, ...) {
  msg <- paste0(...)
  cond <- structure(
    class = c(paste0("rnnkit_warning_", kind), "rnnkit_warning", "warning", "condition"),
    list(message = msg, call = NULL)
  )
  warning(cond)
}

# Called from C (src/r_rnnkit.c) with the core's status id ("rnnkit:dim")
# and message.
rnnkit_core_error <- function(id, msg) {
  rnnkit_abort(sub("^rnnkit:", "", id), msg)
}
