"""gemm peak of the BLAS this Python process loaded, through PyTorch:
GFLOP/s of an n x n product in DTYPE (float32: sgemm, float64: dgemm) on
THREADS threads (torch.set_num_threads; bench/run.sh also sets
OPENBLAS_NUM_THREADS to the same number), best of 3.
Usage: python3 peak_torch.py N DTYPE THREADS
"""
import sys
import time

import torch

n, dtype, threads = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(1)
dt = torch.float32 if dtype == "float32" else torch.float64
a = torch.rand(n, n, dtype=dt)
b = torch.rand(n, n, dtype=dt)
a @ b
tm = []
for _ in range(3):
    t0 = time.perf_counter()
    a @ b
    tm.append(time.perf_counter() - t0)
print("%.2f" % (2 * n ** 3 / min(tm) / 1e9))
