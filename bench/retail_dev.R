# Issue 15, the monthly recipe, found on DEVELOPMENT data only
# (bench/HOLDOUT.md): a fixed-seed sample of the Australian retail panel
# (../shared/data/aus_retail.csv, 152 monthly series 1982-04 to 2018-12),
# trained before 2011-01-01 and tested from 2011-01 on (96 months), the
# setup of the Canadian report (bench/retail.R).  Never point it at the
# Canadian series.
#
# Each recipe is an LSTM configuration; each setting a (window, epochs)
# pair.  Every fit is scored one step ahead over the test months, in
# original units, next to the naive, seasonal naive and drift rows of
# the core's accuracy table and forecast::ets (fitted on the training
# months; its one-step-ahead forecasts over the test months come from
# ets(full series, model = fit, use.initial.values = TRUE), which refits
# nothing).
#
#   Rscript bench/retail_dev.R [--data path/to/aus_retail.csv] [--n 15] [--seed 15]
#       [--recipes level,sdiff,...] [--settings 12x100,12x200,6x100,6x200]
#       [--out bench/retail_dev-results.md] [--lib /tmp/lib-fc-report]
#       [--detail sdiff] [--append no]
#
# --detail names the recipe whose per-series table is written; --append yes
# adds a run's summary to an existing --out as a further section.
# A recipe with log = TRUE logs the series before rnn_windows() and
# exponentiates the predictions (the median forecast): the emulation of
# transform = c("log", "sdiff") until the core offers it.  To add a recipe,
# add an entry to `recipes` (any rnn_windows() transform is passed as is).
opt <- list(data = "../shared/data/aus_retail.csv", n = "15", seed = "15",
            recipes = "level,sdiff,sdiff_e5,logsdiff,logsdiff_e5",
            settings = "12x100,12x200,6x100,6x200", out = "", lib = "", detail = "sdiff",
            append = "no")
args <- commandArgs(trailingOnly = TRUE)
for (i in seq(1, length(args), by = 2)) {
  key <- sub("^--", "", args[i])
  if (!key %in% names(opt) || i == length(args)) stop("unknown or valueless option: ", args[i])
  opt[[key]] <- args[i + 1]
}
if (nzchar(opt$lib)) .libPaths(c(opt$lib, .libPaths()))
suppressMessages(library(rnnkit))
has_fc <- requireNamespace("forecast", quietly = TRUE)

recipes <- list(
  level       = list(transform = "none",  log = FALSE, units = 20, ensemble = 1, lr = NULL, batch = 30),
  sdiff       = list(transform = "sdiff", log = FALSE, units = 20, ensemble = 1, lr = NULL, batch = 30),
  sdiff_e5    = list(transform = "sdiff", log = FALSE, units = 20, ensemble = 5, lr = NULL, batch = 30),
  sdiff_u8    = list(transform = "sdiff", log = FALSE, units = 8,  ensemble = 1, lr = NULL, batch = 30),
  sdiff_b16   = list(transform = "sdiff", log = FALSE, units = 20, ensemble = 1, lr = NULL, batch = 16),
  sdiff_lr3   = list(transform = "sdiff", log = FALSE, units = 20, ensemble = 1, lr = 3e-3, batch = 30),
  logsdiff    = list(transform = "sdiff", log = TRUE,  units = 20, ensemble = 1, lr = NULL, batch = 30),
  logsdiff_e5 = list(transform = "sdiff", log = TRUE,  units = 20, ensemble = 5, lr = NULL, batch = 30),
  sdiff_gru   = list(transform = "sdiff", log = FALSE, units = 20, ensemble = 1, lr = NULL, batch = 30, cell = "gru"),
  sdiff_z     = list(transform = "sdiff", log = FALSE, units = 20, ensemble = 1, lr = NULL, batch = 30, scale = "zscore"),
  sdiff_u32   = list(transform = "sdiff", log = FALSE, units = 32, ensemble = 1, lr = NULL, batch = 30),
  sdiff_drop  = list(transform = "sdiff", log = FALSE, units = c(32, 16), ensemble = 1, lr = NULL, batch = 30, dropout = 0.1),
  sdiff_lr3_e5 = list(transform = "sdiff", log = FALSE, units = 8, ensemble = 5, lr = 3e-3, batch = 16)
)
# fields a recipe may leave out
recipes <- lapply(recipes, function(r) modifyList(list(cell = "lstm", scale = "minmax", dropout = 0), r))
use <- strsplit(opt$recipes, ",")[[1]]
if (!all(use %in% names(recipes))) stop("unknown recipe: ", paste(setdiff(use, names(recipes)), collapse = ", "))
settings <- do.call(rbind, lapply(strsplit(strsplit(opt$settings, ",")[[1]], "x"), function(s)
  data.frame(window = as.integer(s[1]), epochs = as.integer(s[2]))))

split <- as.Date("2011-01-01")
ar <- utils::read.csv(opt$data, stringsAsFactors = FALSE)
ids <- sort(unique(ar$SeriesID))
set.seed(as.integer(opt$seed))
pick <- sort(sample(ids, as.integer(opt$n)))

rmse <- function(e) sqrt(mean(e^2))
ets_rmse <- function(y, start) {
  if (!has_fc) return(NA_real_)
  ntr <- sum(start < split)
  full <- stats::ts(y, start = c(as.integer(format(start[1], "%Y")), as.integer(format(start[1], "%m"))),
                    frequency = 12)
  fit <- forecast::ets(stats::window(full, end = stats::time(full)[ntr]))
  one <- forecast::ets(full, model = fit, use.initial.values = TRUE) # same parameters, filtered
  rmse(y[-seq_len(ntr)] - stats::fitted(one)[-seq_len(ntr)])
}
lstm_rmse <- function(df, r, window, epochs) {
  d <- df
  if (r$log) d$Sales <- log(d$Sales)
  w <- rnn_windows(d, target = "Sales", window = window, split = split, transform = r$transform,
                   scale = r$scale)
  fit <- rnn_fit(w, cell = r$cell, units = r$units, dropout = r$dropout, epochs = epochs, batch_size = r$batch, lr = r$lr, seed = 1,
                 ensemble = r$ensemble, verbose = FALSE, threads = 1)
  p <- predict(fit, w)
  p <- p[p$set == "test" & !is.na(p$actual), ]
  back <- if (r$log) exp else identity
  list(rmse = rmse(back(p$actual) - back(p$predicted)), n = nrow(p), acc = accuracy(fit))
}

rows <- list()
t_all <- proc.time()[["elapsed"]]
for (id in pick) {
  s <- ar[ar$SeriesID == id, ]
  df <- data.frame(Date = as.Date(paste0(s$Month, "-01")), Sales = s$Turnover)
  label <- sprintf("%s / %s", abbreviate(s$State[1], 8), abbreviate(s$Industry[1], 18))
  e <- ets_rmse(df$Sales, df$Date)
  base <- NULL
  for (k in seq_len(nrow(settings))) for (nm in use) {
    t0 <- proc.time()[["elapsed"]]
    m <- lstm_rmse(df, recipes[[nm]], settings$window[k], settings$epochs[k])
    if (is.null(base)) {
      a <- m$acc
      base <- stats::setNames(a$RMSE, a$model)[c("naive", "snaive", "drift")]
    }
    rows[[length(rows) + 1]] <- data.frame(
      series = id, label = label, window = settings$window[k], epochs = settings$epochs[k],
      recipe = nm, n = m$n, rmse = m$rmse, naive = base[["naive"]], snaive = base[["snaive"]],
      drift = base[["drift"]], ets = e, secs = proc.time()[["elapsed"]] - t0)
  }
  r <- do.call(rbind, rows)
  r <- r[r$series == id, ]
  cat(sprintf("%s %-30s snaive %.2f ets %.2f | %s\n", id, label, base[["snaive"]], e,
              paste(sprintf("%s/%dx%d %.2f", r$recipe, r$window, r$epochs, r$rmse / r$snaive),
                    collapse = " ")))
}
res <- do.call(rbind, rows)
res$vs_snaive <- res$rmse / res$snaive
res$vs_ets <- res$rmse / res$ets
gm <- function(v) exp(mean(log(v)))
summ <- do.call(rbind, lapply(split(res, list(res$window, res$epochs, res$recipe), drop = TRUE), function(g)
  data.frame(window = g$window[1], epochs = g$epochs[1], recipe = g$recipe[1],
             beats_snaive = sprintf("%d/%d", sum(g$vs_snaive < 1), nrow(g)),
             gm_vs_snaive = gm(g$vs_snaive), max_vs_snaive = max(g$vs_snaive),
             beats_ets = sprintf("%d/%d", sum(g$vs_ets < 1), nrow(g)),
             gm_vs_ets = gm(g$vs_ets), secs = sum(g$secs))))
summ <- summ[order(-summ$window, summ$epochs, match(summ$recipe, use)), ]
bl <- unique(res[c("series", "naive", "snaive", "drift", "ets")])
cat("\nBaselines over the sample: geometric mean RMSE / snaive: naive", round(gm(bl$naive / bl$snaive), 3),
    "drift", round(gm(bl$drift / bl$snaive), 3), "ets", round(gm(bl$ets / bl$snaive), 3),
    "; ets beats snaive on", sum(bl$ets < bl$snaive), "of", nrow(bl), "\n\n")
print(summ, row.names = FALSE, digits = 3)
cat(sprintf("total %.0f s\n", proc.time()[["elapsed"]] - t_all))

if (nzchar(opt$out)) {
  f3 <- function(v) sprintf("%.3f", v)
  best <- res[res$recipe == opt$detail, ]
  cmd <- paste0("    Rscript bench/retail_dev.R ", paste(args, collapse = " "))
  table <- c(
    "| window | epochs | recipe | beats snaive | gm / snaive | max / snaive | beats ets | gm / ets | seconds |",
    "|---|---|---|---|---|---|---|---|---|",
    sprintf("| %d | %d | %s | %s | %s | %s | %s | %s | %.0f |", summ$window, summ$epochs, summ$recipe,
            summ$beats_snaive, f3(summ$gm_vs_snaive), f3(summ$max_vs_snaive), summ$beats_ets,
            f3(summ$gm_vs_ets), summ$secs))
  describe <- function(nm) {
    r <- recipes[[nm]]
    sprintf("%s: transform %s%s, %s(%s), batch %d, lr %s, ensemble %d, scale %s%s", nm, r$transform,
            if (r$log) " of the logged series" else "", toupper(r$cell), paste(r$units, collapse = ","),
            r$batch, if (is.null(r$lr)) "0.001" else format(r$lr), r$ensemble, r$scale,
            if (r$dropout > 0) sprintf(", dropout %g", r$dropout) else "")
  }
  if (opt$append == "yes") {
    writeLines(c(readLines(opt$out), "", "## Further recipes", "", cmd, "",
                 paste0("- ", vapply(use, describe, "")), "", table), opt$out)
    cat("appended to", opt$out, "\n")
    quit(save = "no")
  }
  out <- c(
    "# The monthly recipe on development series (issue 15)", "",
    sprintf("Command (%s, %s, 2 shared cores, threads = 1):", format(Sys.Date()), R.version$platform), "",
    cmd, "",
    sprintf(paste0("Development data only (bench/HOLDOUT.md): %d series of the Australian retail panel ",
                   "(`aus_retail.csv`), drawn by `set.seed(%s); sort(sample(sort(unique(SeriesID)), %s))`. ",
                   "Trained before 2011-01, tested one step ahead on 2011-01 to 2018-12 (96 months), ",
                   "RMSE in original units (millions of AUD). LSTM, minmax scaling, seed 1, threads 1. ",
                   "ETS: `forecast::ets` fitted on the training months, one step ahead over the test ",
                   "months with its parameters and initial states fixed."),
            length(pick), opt$seed, opt$n), "",
    "Recipes (level is today's default; sdiff's period, 12, comes from the monthly dates; a logged",
    "series is logged by hand before `rnn_windows()` and its predictions exponentiated, emulating",
    "`transform = c(\"log\", \"sdiff\")`):", "",
    paste0("- ", vapply(use, describe, "")), "",
    sprintf("Baselines over the sample (geometric mean of RMSE / seasonal naive RMSE): naive %.3f, drift %.3f, ets %.3f; ets beats seasonal naive on %d of %d series.",
            gm(bl$naive / bl$snaive), gm(bl$drift / bl$snaive), gm(bl$ets / bl$snaive),
            sum(bl$ets < bl$snaive), nrow(bl)), "",
    "## Summary per setting and recipe", "",
    "`beats_snaive`: series whose test RMSE is below seasonal naive's; `gm`: geometric mean over the",
    "series of the RMSE ratio; `max`: the worst series.", "",
    table, "", sprintf("`seconds`: all %d series, on 2 cores shared with other jobs.", length(pick)), "",
    sprintf("## Per series, recipe %s (test RMSE)", opt$detail), "",
    "| series | window | epochs | LSTM | naive | snaive | drift | ets |", "|---|---|---|---|---|---|---|---|",
    sprintf("| %s %s | %d | %d | %s | %s | %s | %s | %s |", best$series, best$label, best$window, best$epochs,
            f3(best$rmse), f3(best$naive), f3(best$snaive), f3(best$drift), f3(best$ets))
  )
  writeLines(out, opt$out)
  cat("wrote", opt$out, "\n")
}
