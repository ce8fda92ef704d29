# Turns bench.log (written by run.sh) into the table printed and written to
# RESULTS.md. Usage: Rscript report.R bench.log RESULTS.md
a <- commandArgs(trailingOnly = TRUE)
L <- readLines(a[1])
field <- function(prefix) strsplit(sub(paste0("^", prefix, " "), "", L[startsWith(L, paste0(prefix, " "))]), " ")
cfg <- do.call(rbind, lapply(field("cfg"), function(f) data.frame(
  id = f[1], name = f[2], cell = f[3], units = f[4], N = as.numeric(f[5]), T = as.numeric(f[6]),
  I = as.numeric(f[7]), stringsAsFactors = FALSE)))
runs <- do.call(rbind, lapply(field("run"), function(f) data.frame(
  blas = f[1], id = f[2], who = f[3], dtype = f[4], threads = as.integer(f[5]),
  sec = as.numeric(f[6]), mb = as.numeric(f[7]), stringsAsFactors = FALSE)))
peaks <- do.call(rbind, lapply(field("peak"), function(f) data.frame(
  blas = f[1], threads = as.integer(f[2]), gflops = as.numeric(f[3]), stringsAsFactors = FALSE)))
blas_lines <- L[startsWith(L, "blas ")]
cpu <- sub("^cpu: ", "", L[startsWith(L, "cpu: ")][1])

# multiply-adds x 2 of forward + backward per epoch (forward only for
# inference): G*H*(I+H) per step and sample forward; G*H*(I+2H) backward
# (dW_x, dW_h, dh), plus G*H*I for the input gradient of layers above the first
flops <- function(r) {
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
           "3-retail" = "3 retail: LSTM(20), w12, b30",
           "4-ohlc" = "4 OHLC: 2 x LSTM(64), w30, b64, 4 features",
           "5-large" = "5 large: LSTM(512), w50, b64, 32 features",
           "6-gru" = "6 GRU(128), w50, b64, 8 features",
           "7-infer" = "7 inference: one-step predictions, LSTM(16) w30",
           "7-forecast" = "7 forecast: 20 steps x 1000 paths, LSTM(16) w30",
           "S-4n" = "scaling: config 1 with 4x the windows",
           "S-4t" = "scaling: config 1 with a 4x longer window (120)")
med <- function(v) if (length(v)) stats::median(v) else NA_real_
out <- c(
  "# rnnkit vs PyTorch: side-by-side benchmark", "",
  paste0("Written by `make bench` (bench/run.sh) on ", format(Sys.time(), "%Y-%m-%d %H:%M %Z"), "."), "",
  paste0("- CPU: ", cpu),
  paste0("- R ", paste(R.version$major, R.version$minor, sep = "."), ", PyTorch ",
         system2("/usr/bin/python3", c("-c", shQuote("import torch; print(torch.__version__)")), stdout = TRUE)[1]),
  paste0("- ", sub("^blas ", "BLAS ", blas_lines)),
  paste0("- load average (1, 5, 15 min) ", paste(sub("^load: ", "", L[startsWith(L, "load: ")]), collapse = "; "),
         " (other work on the machine slows both tools; the runs alternate)"),
  paste0("- repetitions per cell of the table: ", max(table(paste(runs$blas, runs$id, runs$who, runs$dtype, runs$threads)))),
  "",
  "Seconds per epoch (inference: per call), median over the repetitions (rnnkit's fastest run in brackets);",
  "rnnkit on its default 2 threads",
  "(BLAS single-threaded, `OPENBLAS_NUM_THREADS=1`), PyTorch at its better of 1 and 2 threads (shown).",
  "Ratio = PyTorch float64 / rnnkit. GFLOP/s counts the multiply-adds (x2) of forward + backward;",
  "'% peak' is that over the dgemm peak measured in the same run with the same BLAS on 2 threads",
  "(the reference BLAS is single-threaded: twice its 1-thread peak), 1-thread peak in brackets.",
  "Peak RSS of each whole process (R or Python), MB.", "")
for (b in unique(runs$blas)) {
  pk <- peaks[peaks$blas == b, ]
  p1 <- pk$gflops[pk$threads == 1]; p2 <- pk$gflops[pk$threads == 2]
  # a single-threaded BLAS (the reference) has two cores' peak in two
  # concurrent calls, as rnnkit's two threads make them
  if (b == "reference") p2 <- 2 * p1
  out <- c(out, sprintf("## BLAS: %s (dgemm peak %.1f GFLOP/s on 1 thread, %.1f on 2)", b, p1, p2), "",
           "| configuration | rnnkit s (fastest) | PyTorch fp64 s (thr) | ratio | PyTorch fp32 s (thr) | rnnkit GFLOP/s | % peak | RSS MB rnnkit / torch |",
           "|---|---:|---:|---:|---:|---:|---:|---:|")
  for (id in unique(runs$id[runs$blas == b])) {
    R <- runs[runs$blas == b & runs$id == id, ]
    rk <- R[R$who == "rnnkit", ]
    best <- function(dt) {
      s <- R[R$who == "torch" & R$dtype == dt, ]
      if (!nrow(s)) return(list(sec = NA, th = NA, mb = NA))
      m <- sapply(split(s$sec, s$threads), med)
      th <- as.integer(names(m)[which.min(m)])
      list(sec = min(m), th = th, mb = med(s$mb[s$threads == th]))
    }
    t64 <- best("float64"); t32 <- best("float32")
    rs <- med(rk$sec)
    cf <- cfg[cfg$id == id, ]
    gf <- if (nrow(cf)) flops(cf) / rs / 1e9 else NA
    out <- c(out, sprintf("| %s | %.4g (%.4g) | %.4g (%s) | %.1fx | %s | %.2f | %.0f%% (%.0f%%) | %.0f / %.0f |",
                          label[[id]], rs, min(rk$sec), t64$sec, t64$th, t64$sec / rs,
                          if (is.na(t32$sec)) "-" else sprintf("%.4g (%d)", t32$sec, t32$th),
                          gf, 100 * gf / p2, 100 * gf / p1, med(rk$mb), t64$mb))
  }
  s1 <- runs$sec[runs$blas == b & runs$id == "1-stock" & runs$who == "rnnkit"]
  for (sid in c("S-4n", "S-4t")) {
    ss <- runs$sec[runs$blas == b & runs$id == sid & runs$who == "rnnkit"]
    if (length(s1) && length(ss))
      out <- c(out, "", sprintf("%s: rnnkit %.2fx the time of configuration 1 (4x the work)",
                                             label[[sid]], med(ss) / med(s1)))
  }
  out <- c(out, "")
}
many <- field("many")
if (length(many)) {
  mm <- do.call(rbind, lapply(many, function(f) data.frame(blas = f[1], mode = f[2], sec = as.numeric(f[3]))))
  md <- sapply(split(mm$sec, mm$mode), med)
  out <- c(out, "## rnn_fit_many(): one configuration-1 model per DJIA stock (31), 2 epochs each", "",
           "| how | seconds (median) | speed-up over the 1-thread loop |", "|---|---:|---:|",
           sprintf("| %s | %.2f | %.2fx |", names(md), md, md[["loop-1-thread"]] / md), "")
}
out <- c(out, "Every run (seconds, MB):", "", "```",
         L[startsWith(L, "run ") | startsWith(L, "peak ") | startsWith(L, "many ")], "```")
writeLines(out, a[2])
cat(out[seq_len(which(startsWith(out, "Every run")) - 1)], sep = "\n")
