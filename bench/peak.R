# dgemm peak of the BLAS this R process loaded: GFLOP/s of an n x n product,
# best of 3. Usage: Rscript peak.R n
n <- as.integer(commandArgs(TRUE)[1])
set.seed(1)
a <- matrix(runif(n * n), n)
b <- matrix(runif(n * n), n)
invisible(a %*% b)
tm <- vapply(1:3, function(i) system.time(a %*% b)[["elapsed"]], 0)
cat(sprintf("%.2f\n", 2 * n^3 / min(tm) / 1e9))
