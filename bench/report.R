# Turns bench.log (written by run.sh) into the tables printed and written to
# RESULTS.md. Usage: Rscript report.R bench.log RESULTS.md
a <- commandArgs(trailingOnly = TRUE)
L <- readLines(a[1])
field <- function(prefix) strsplit(sub(paste0("^", prefix, " "), "", L[startsWith(L, paste0(prefix, " "))]), " ")
line <- function(prefix) sub(paste0("^", prefix, ": *"), "", L[startsWith(L, paste0(prefix, ": "))])
cfg <- do.call(rbind, lapply(field("cfg"), function(f) data.frame(
  id = f[1], name = f[2], cell = f[3], units = f[4], N = as.numeric(f[5]), T = as.numeric(f[6]),
  I = as.numeric(f[7]), stringsAsFactors = FALSE)))
runs <- do.call(rbind, lapply(field("run"), function(f) data.frame(
  blas = f[1], id = f[2], who = f[3], dtype = f[4], threads = as.integer(f[5]),
  sec = as.numeric(f[6]), mb = as.numeric(f[7]), stringsAsFactors = FALSE)))
rate <- function(kind) do.call(rbind, lapply(field(kind), function(f) data.frame(
  blas = f[1], threads = as.integer(f[2]), gflops = as.numeric(f[3]), stringsAsFactors = FALSE)))
peaks <- rate("peak"); speaks <- rate("speak")
cc <- field("charcfg")
charcfg <- if (length(cc)) as.numeric(cc[[1]]) else rep(NA_real_, 7)
blas_lines <- L[startsWith(L, "blas ")]
quick <- identical(line("quick"), "1")

# multiply-adds x 2 of forward + backward per epoch (forward only for
# inference): G*H*(I+H) per step and sample forward; G*H*(I+2H) backward
# (dW_x, dW_h, dh), plus G*H*I for the input gradient of layers above the
# first (and of the character LSTM, whose embedding learns); the
# one-unit output layer is left out, the character LSTM's C-class
# softmax layer counted (H*C forward, 2*H*C backward), as are its
# validation pass's forward products (its time includes them)
flops <- function(id) {
  if (id == "8-charlm") {
    C <- charcfg[1]; E <- charcfg[2]; H <- charcfg[3]
    train <- 4 * H * (E + H) + 4 * H * (E + 2 * H) + 4 * H * E + 3 * H * C
    return(2 * (charcfg[6] * train + charcfg[7] * (4 * H * (E + H) + H * C)))
  }
  r <- cfg[cfg$id == id, ]
  if (!nrow(r)) return(NA_real_)
  G <- c(simple = 1, gru = 3, lstm = 4, infer = 4, forecast = 4)[[r$cell]]
  H <- as.numeric(strsplit(r$units, ",")[[1]])
  I <- c(r$I, H[-length(H)])
  per <- sum(G * H * (I + H))
  if (r$cell == "forecast") return(2 * per * r$T * 1001 * 20) # 20 steps, 1001 windows each
  if (r$cell != "infer") per <- per + sum(G * H * (I + 2 * H)) + sum((G * H * I)[-1])
  2 * per * r$T * r$N
}
label <- c("1-stock" = "1 stock: LSTM(16), w30, b16, 1 feature",
           "2-sine" = "2 sine: SimpleRNN(10), w10, b32",
           "3-retail" = "3 retail (aus_retail A3349348C): LSTM(20), w12, b30",
           "4-ohlc" = "4 OHLC: 2 x LSTM(64), w30, b64, 4 features",
           "5-large" = "5 large: LSTM(512), w50, b64, 32 features",
           "6-gru" = "6 GRU(128), w50, b64, 8 features",
           "8-charlm" = "8 character LSTM(128), T 100, B 32, embedding 32",
           "7-infer" = "7 inference: one-step predictions, LSTM(16) w30",
           "7-forecast" = "7 forecast: 20 steps x 1000 paths, LSTM(16) w30",
           "S-4n" = "scaling: config 1 with 4x the windows",
           "S-4t" = "scaling: config 1 with a 4x longer window (120)")
# issue 19's targets for rnnkit in precision p ("double" or "single"): a
# list of parts, each met or not (what: "best" = the faster PyTorch over
# rnnkit, "fp32" = PyTorch fp32 over rnnkit, "peak" = rnnkit's GFLOP/s over
# the machine's 2-core gemm peak of its precision)
target <- function(id, p) {
  tg <- function(text, what, min) list(text = text, what = what, min = min)
  peak <- tg(sprintf(">= 70%% of the 2-core %s peak", if (p == "double") "dgemm" else "sgemm"), "peak", 0.7)
  switch(id,
    "1-stock" = , "2-sine" = , "3-retail" = list(tg(">= 25x the faster PyTorch", "best", 25)),
    "4-ohlc" = , "6-gru" = , "8-charlm" =
      list(if (p == "double") tg(">= 1.5x PyTorch fp32", "fp32", 1.5) else tg(">= 2x PyTorch fp32", "fp32", 2)),
    "5-large" = if (p == "double") list(peak) else list(tg(">= 1.5x PyTorch fp32", "fp32", 1.5), peak),
    NULL)
}
precisions <- c(float64 = "double", float32 = "single")
med <- function(v) if (length(v)) stats::median(v) else NA_real_
# median seconds at the better thread count, that count, and the median RSS there
best <- function(R, who, dt) {
  s <- R[R$who == who & R$dtype == dt, ]
  if (!nrow(s)) return(list(sec = NA_real_, th = NA_integer_, mb = NA_real_))
  m <- sapply(split(s$sec, s$threads), med)
  th <- as.integer(names(m)[which.min(m)])
  list(sec = min(m), th = th, mb = med(s$mb[s$threads == th]))
}
fmt <- function(x, th) if (is.na(x)) "-" else sprintf("%.4g (%d)", x, th)
pct <- function(x) if (is.na(x)) "-" else sprintf("%.0f%%", 100 * x)
gfl <- function(x, p) if (is.na(x)) "-" else sprintf("%.1f (%s)", x, pct(x / p))
blas_info <- function(b) {
  l <- sub("^blas [a-z]+ ", "", blas_lines[startsWith(blas_lines, paste0("blas ", b, " "))])
  gsub("(^| )([A-Za-z_]+)=", "\\1\\2 ", l)
}

dt <- line("date"); if (!length(dt)) dt <- format(Sys.time(), "%Y-%m-%d %H:%M %Z", tz = "UTC")
loads <- line("load")
torch_v <- system2("/usr/bin/python3", c("-c", shQuote("import torch; print(torch.__version__)")), stdout = TRUE)[1]
out <- c(
  "# rnnkit vs PyTorch: side-by-side benchmark", "",
  if (quick) c("**QUICK RUN (`BENCH_QUICK=1`): fewer epochs, windows and characters, timed in",
               "seconds per epoch all the same; for checking the benchmark, not for quoting.**", ""),
  if (!any(grepl("at the end", loads)))
    c(paste0("**PARTIAL RUN: cut short before its end (log read ", format(Sys.time(), "%H:%M %Z", tz = "UTC"),
             "); the configurations and BLAS missing below were not measured.**"), ""),
  paste0("Written by `", if (quick) "BENCH_QUICK=1 " else "", "make bench` (bench/run.sh), run of ", dt, "."), "",
  paste0("- CPU: ", line("cpu"), "; SIMD: ", paste(intersect(c("avx2", "fma", "avx512f"),
         strsplit(sub("^flags\\s*:\\s*", "", grep("^flags", readLines("/proc/cpuinfo"), value = TRUE)[1]), " ")[[1]]),
         collapse = ", ")),
  paste0("- BLAS ", unique(runs$blas), ": ", vapply(unique(runs$blas), blas_info, ""),
         " (R's BLAS for rnnkit, PyTorch's for it; both loaded through the library path)"),
  paste0("- OpenBLAS core types tried (1-thread dgemm GFLOP/s):", line("coretypes"),
         "; the fastest is the `OPENBLAS_CORETYPE` above, for both tools"),
  paste0("- R ", paste(R.version$major, R.version$minor, sep = "."), ", PyTorch ", torch_v),
  paste0("- load average (1, 5, 15 min) ", paste(loads, collapse = "; ")),
  if (length(line("note"))) paste0("- ", line("note")),
  paste0("- repetitions per cell (median taken): ",
         max(table(paste(runs$blas, runs$id, runs$who, runs$dtype, runs$threads)))),
  "",
  "**Noise.** The machine (2 cores) is shared with other work (in this session up to five other",
  "helpers building and testing), so every time here is noisy, large ones and 2-thread ones most",
  "(threads that wait for each other lose whole time slices: PyTorch's 2-thread runs can be many times",
  "slower than its 1-thread ones on a busy machine; the better of the two is what the table compares);",
  "the tools alternate configuration by configuration within each repetition, and so do the two BLAS",
  "(one right after the other, in turn first), so load hits both,",
  "and the median of the repetitions is shown. Compare ratios, not seconds, and re-run on a quiet machine",
  "before quoting a number.", "",
  "How to read the tables:", "",
  "- Seconds per training epoch (inference, forecast: per call), median over the repetitions, each tool at",
  "  its better of 1 and 2 threads (the count that won in brackets). rnnkit runs its BLAS on one thread",
  "  (`OPENBLAS_NUM_THREADS=1`; its own threads split the work); PyTorch runs `torch.set_num_threads(n)`",
  "  with `OPENBLAS_NUM_THREADS=n`.",
  "- Training times, like PyTorch's, start after the model is built: rnnkit's initialisation (the",
  "  orthogonal recurrent weights: a QR through LAPACK, so on the reference BLAS up to a second for",
  "  LSTM(512)) is paid once per fit, and was wrongly scaled to the epoch with the timed windows.",
  "- Every configuration has two rows: rnnkit in double precision (the default) and in single precision",
  "  (`rnn_fit(..., precision = \"single\")`: float32 inside the core; inference and forecast with a",
  "  single-precision model), against the same PyTorch columns.",
  "- fp32/rnnkit and fp64/rnnkit: PyTorch's time over rnnkit's (above 1: rnnkit is faster).",
  "- Target: issue 19's target for rnnkit in that precision on that row, and whether this run met it",
  "  (configurations 1-3 against the faster of PyTorch's two precisions; 2 x LSTM(64), GRU(128) and the",
  "  character LSTM against PyTorch fp32, 1.5x in double and 2x in single; LSTM(512) 70% of the 2-core",
  "  gemm peak of its precision, and in single also 1.5x PyTorch fp32). The targets across BLAS and",
  "  memory are in the section after the two BLAS tables, and a summary at the end.",
  "- GFLOP/s: twice the multiply-adds of forward + backward (the products of the model, counted in",
  "  report.R) over the median time; in brackets the share of the 2-core gemm peak of the same precision",
  "  measured in the same run with the same BLAS: dgemm through R for rnnkit's double, sgemm through",
  "  PyTorch (same library) for rnnkit's single and PyTorch's float32 (the reference BLAS is",
  "  single-threaded: rnnkit's two threads make two concurrent calls, so its 2-core peaks are twice the",
  "  1-thread ones). rnnkit trains with its own matrix kernels, not the BLAS's gemm, so it can pass the",
  "  reference BLAS's peak (above 100%); LSTM(512)'s 70% target is therefore taken against the",
  "  machine's 2-core peak, the best dgemm (double) or sgemm (single) peak of the run on any BLAS.",
  "- Peak memory: maximum resident set (VmHWM / ru_maxrss) of the whole R or Python process that ran the",
  "  job, MB, at the winning thread count.",
  if (quick) "- Quick run: configurations 4-6 time 320, 128 and 320 windows and scale the time to the epoch." else
  "- LSTM(512) times 640 of its 1850 windows, scaled to the epoch (PyTorch on the reference BLAS: 256).",
  if (!is.na(charcfg[1])) paste0("- The character LSTM trains one epoch on the first ", format(as.numeric(line("chars")), big.mark = ","),
         " characters of tiny Shakespeare (90% train, 10% validate: ", format(charcfg[6], big.mark = ","),
         " training and ", format(charcfg[7], big.mark = ","), " validation tokens in whole chunks; the time includes",
         " the validation pass, as in bench/charlm.sh; vocabulary of ", charcfg[1], " classes)."), "")
res <- list()
# the 2-core gemm peaks: twice the 1-thread one on the reference BLAS
# (single-threaded), else the better of 1 and 2 threads; the machine's:
# the best BLAS of the run (rnnkit trains with its own kernels, so the
# reference BLAS's gemm is no ceiling for it)
p2_of <- function(P, b) { pk <- P[P$blas == b, ]
  if (b == "reference") 2 * pk$gflops[pk$threads == 1] else max(pk$gflops) }
machine_p2 <- c(double = max(vapply(unique(peaks$blas), p2_of, 0, P = peaks)),
                single = max(vapply(unique(speaks$blas), p2_of, 0, P = speaks)))
yn <- function(ok) if (is.na(ok)) "?" else if (ok) "yes" else "no"
rat <- function(x) if (is.na(x)) "-" else sprintf("%.2fx", x)
# one row's target parts: text, whether met, and the value when missed
check <- function(id, p, rk, t32, t64, gf) {
  parts <- target(id, p)
  if (!length(parts)) return(NULL)
  lapply(parts, function(tg) {
    val <- switch(tg$what, best = min(t32$sec, t64$sec) / rk$sec, fp32 = t32$sec / rk$sec,
                  peak = gf / machine_p2[[p]])
    list(text = tg$text, ok = !is.na(val) && val >= tg$min, na = is.na(val),
         got = if (is.na(val)) "?" else if (tg$what == "peak") pct(val) else sprintf("%.1fx", val))
  })
}
summary_rows <- character()
for (b in unique(runs$blas)) {
  pk <- peaks[peaks$blas == b, ]; sk <- speaks[speaks$blas == b, ]
  p1 <- pk$gflops[pk$threads == 1]; p2 <- p2_of(peaks, b)
  s1 <- sk$gflops[sk$threads == 1]; s2 <- p2_of(speaks, b)
  out <- c(out, sprintf("## BLAS: %s (dgemm peak %.1f GFLOP/s on 1 thread, %.1f on 2 cores; sgemm peak %.1f on 1 thread, %.1f on 2)",
                        b, p1, p2, s1, s2), "",
           "| configuration | rnnkit precision | rnnkit s (thr) | PyTorch fp32 s (thr) | PyTorch fp64 s (thr) | fp32 / rnnkit | fp64 / rnnkit | target | met | rnnkit GFLOP/s (% gemm peak) | PyTorch fp32 GFLOP/s (% sgemm peak) | peak MB rnnkit / fp32 / fp64 |",
           "|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|")
  for (id in unique(runs$id[runs$blas == b])) {
    R <- runs[runs$blas == b & runs$id == id, ]
    t32 <- best(R, "torch", "float32"); t64 <- best(R, "torch", "float64")
    f <- flops(id)
    g32 <- f / t32$sec / 1e9
    for (dt in names(precisions)) {
      p <- precisions[[dt]]
      rk <- best(R, "rnnkit", dt)
      gf <- f / rk$sec / 1e9
      ck <- check(id, p, rk, t32, t64, gf)
      met <- if (is.null(ck)) "" else paste(vapply(ck, function(k) if (k$na) "?" else if (k$ok) "yes" else
        sprintf("no (%s)", k$got), ""), collapse = "; ")
      for (k in ck) summary_rows <- c(summary_rows, sprintf("| %s | %s | %s | %s | %s | %s |", label[[id]], p, b,
                                                            k$text, k$got, if (k$na) "?" else if (k$ok) "yes" else "**no**"))
      res[[length(res) + 1]] <- data.frame(blas = b, id = id, p = p, sec = rk$sec, mb = rk$mb,
                                           tmb = suppressWarnings(min(t32$mb, t64$mb, na.rm = TRUE)))
      out <- c(out, sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f / %.0f / %.0f |",
                            label[[id]], p, fmt(rk$sec, rk$th), fmt(t32$sec, t32$th), fmt(t64$sec, t64$th),
                            rat(t32$sec / rk$sec), rat(t64$sec / rk$sec),
                            if (is.null(ck)) "-" else paste(vapply(ck, `[[`, "", "text"), collapse = "; "), met,
                            gfl(gf, if (p == "double") p2 else s2), gfl(g32, s2), rk$mb, t32$mb, t64$mb))
    }
  }
  for (dt in names(precisions)) {
    c1 <- best(runs[runs$blas == b & runs$id == "1-stock", ], "rnnkit", dt)$sec
    for (sid in c("S-4n", "S-4t")) {
      ss <- best(runs[runs$blas == b & runs$id == sid, ], "rnnkit", dt)$sec
      if (!is.na(c1) && !is.na(ss))
        out <- c(out, "", sprintf("%s: rnnkit (%s) %.2fx the time of configuration 1 (4x the work)",
                                  label[[sid]], precisions[[dt]], ss / c1))
    }
  }
  out <- c(out, "")
}
res <- do.call(rbind, res)
if (all(c("openblas", "reference") %in% res$blas)) {
  out <- c(out, "## Targets across BLAS and memory (rnnkit in double and in single precision)", "",
           "Issue 19: rnnkit on the reference BLAS within 10% of rnnkit on OpenBLAS (the same precision);",
           "peak memory no higher than PyTorch's (the lower of its two precisions, same BLAS).", "",
           "| configuration | rnnkit precision | rnnkit s reference / OpenBLAS | within 10% | peak MB rnnkit / PyTorch (OpenBLAS) | no higher | peak MB rnnkit / PyTorch (reference) | no higher |",
           "|---|---|---:|---|---:|---|---:|---|")
  for (id in unique(res$id)) for (p in precisions) {
    o <- res[res$blas == "openblas" & res$id == id & res$p == p, ]
    r <- res[res$blas == "reference" & res$id == id & res$p == p, ]
    if (!nrow(o) || !nrow(r)) next
    q <- r$sec / o$sec
    o$tmb[!is.finite(o$tmb)] <- NA; r$tmb[!is.finite(r$tmb)] <- NA
    w10 <- if (is.na(q)) "?" else if (q <= 1.1) "yes" else sprintf("no (+%.0f%%)", 100 * (q - 1))
    out <- c(out, sprintf("| %s | %s | %.3g / %.3g = %.2f | %s | %.0f / %.0f | %s | %.0f / %.0f | %s |", label[[id]], p,
                          r$sec, o$sec, q, w10, o$mb, o$tmb, yn(o$mb <= o$tmb), r$mb, r$tmb, yn(r$mb <= r$tmb)))
    summary_rows <- c(summary_rows,
      sprintf("| %s | %s | both | reference within 10%% of OpenBLAS | %s | %s |", label[[id]], p,
              if (is.na(q)) "?" else sprintf("%+.0f%%", 100 * (q - 1)), if (is.na(q)) "?" else if (q <= 1.1) "yes" else "**no**"),
      sprintf("| %s | %s | %s | peak memory <= PyTorch's | %.0f / %.0f MB | %s |", label[[id]], p, c("openblas", "reference"),
              c(o$mb, r$mb), c(o$tmb, r$tmb), c(yn(o$mb <= o$tmb), yn(r$mb <= r$tmb))))
  }
  out <- c(out, "")
}
many <- field("many")
if (length(many)) {
  mm <- do.call(rbind, lapply(many, function(f) data.frame(blas = f[1], mode = f[2], sec = as.numeric(f[3]))))
  md <- sapply(split(mm$sec, mm$mode), med)
  out <- c(out, sprintf("## rnn_fit_many(): one configuration-1 model per DJIA stock (31), %s each (BLAS: %s)",
                        if (quick) "1 epoch" else "2 epochs", mm$blas[1]), "",
           "| how | seconds (median) | speed-up over the 1-thread loop |", "|---|---:|---:|",
           sprintf("| %s | %.2f | %.2fx |", names(md), md, md[["loop-1-thread"]] / md), "")
}
if (length(summary_rows)) {
  open_rows <- summary_rows[grepl("([*][*]no[*][*]|[?]) [|]$", summary_rows)]
  out <- c(out, sprintf("## Issue 19's targets in this run: %d of %d met%s", length(summary_rows) - length(open_rows),
                        length(summary_rows), if (quick) " (quick run: not a verdict)" else ""), "",
           if (length(open_rows)) c("Those not met (or not measured, ?); every row's verdict is in the tables above:", "",
             "| configuration | rnnkit precision | BLAS | target | this run | met |", "|---|---|---|---|---:|---|",
             open_rows, ""))
}
# the wall-clock time of the run by part (wall lines in ms), for the estimate in run.sh's header
wall <- field("wall")
if (length(wall)) {
  W <- do.call(rbind, lapply(wall, function(f) data.frame(blas = f[1], what = f[2], who = f[3], sec = as.numeric(f[6]) / 1000)))
  W$part <- ifelse(W$who == "-", W$what, W$who)
  tab <- tapply(W$sec, list(W$part, W$blas), sum)
  tab[is.na(tab)] <- 0
  el <- as.numeric(sub(" s$", "", line("elapsed")))
  out <- c(out, if (length(el)) sprintf("## Run time: %.0f s in all (%.0f min)", el, el / 60) else "## Run time (partial run)", "",
           "Wall-clock seconds by part (each process from start to end, summed over configurations, precisions,",
           "threads and repetitions; the rest is the install, the data and the report):", "",
           paste0("| part | ", paste(colnames(tab), collapse = " | "), " |"),
           paste0("|---|", paste(rep("---:", ncol(tab)), collapse = "|"), "|"),
           sprintf("| %s | %s |", rownames(tab), apply(tab, 1, function(v) paste(sprintf("%.0f", v), collapse = " | "))),
           "", "Per configuration (both tools, all precisions and threads), seconds:", "",
           paste0("| configuration | ", paste(colnames(tab), collapse = " | "), " |"),
           paste0("|---|", paste(rep("---:", ncol(tab)), collapse = "|"), "|"))
  Wc <- W[W$who != "-", ]
  tc <- tapply(Wc$sec, list(Wc$what, Wc$blas), sum); tc[is.na(tc)] <- 0
  out <- c(out, sprintf("| %s | %s |", rownames(tc), apply(tc, 1, function(v) paste(sprintf("%.0f", v), collapse = " | "))), "")
  # a quick run's estimate of the full run (3 repetitions) at this load: each
  # process's wall time less its timed quick work plus its full work (the
  # time per epoch times the full run's epochs and share of the windows;
  # the character LSTM: 200,000 characters instead of the quick run's),
  # rnn_fit_many() with 2 epochs instead of 1 counted twice
  plan <- field("plan")
  if (quick && length(plan) && length(el)) {
    P <- do.call(rbind, lapply(plan, function(f) data.frame(id = f[1], ep = as.numeric(f[2]), nw = as.numeric(f[3]),
                                                             qep = as.numeric(f[4]), qnw = as.numeric(f[5]))))
    reps_q <- max(table(paste(runs$blas, runs$id, runs$who, runs$dtype, runs$threads)))
    full <- 0
    for (k in seq_len(nrow(Wc))) {
      w <- Wc[k, ]; f <- wall[[which(W$who != "-")[k]]]
      r <- runs[runs$blas == w$blas & runs$id == w$what & runs$who == w$who & runs$dtype == f[4] &
                runs$threads == as.integer(f[5]), ]
      pl <- P[P$id == w$what, ]; N <- cfg$N[cfg$id == w$what]
      extra <- 0
      if (nrow(r) && nrow(pl) && !is.na(r$sec[1])) {
        if (w$what == "8-charlm") extra <- r$sec[1] * (200000 / as.numeric(line("chars")) - 1)
        else if (length(N) && pl$ep > 0) {
          nw <- if (w$blas == "reference" && w$what == "5-large" && w$who == "torch") 256 else pl$nw
          share <- function(n) if (n > 0) n / N else 1
          extra <- r$sec[1] * (pl$ep * share(nw) - pl$qep * share(pl$qnw))
        }
      }
      full <- full + (w$sec + extra) * 3 / reps_q
    }
    fixed <- el - sum(W$sec)
    full <- full + fixed + sum(W$sec[W$part == "peaks"]) + 2 * 3 / reps_q * sum(W$sec[W$part == "many"])
    out <- c(out, sprintf(paste("Estimate of a full run of the configurations and BLAS above (`make bench`: 3 repetitions, full",
                                "epochs, windows and corpus) at this run's load, from its times per epoch: %.0f min."), full / 60), "")
  }
}
out <- c(out, "Every run (BLAS, configuration, tool, dtype, threads, seconds, peak MB; peaks in GFLOP/s):", "", "```",
         L[grepl("^(run|peak|speak|many|charcfg|cfg) ", L)], "```")
writeLines(out, a[2])
cat(out[seq_len(which(startsWith(out, "Every run")) - 1)], sep = "\n")
