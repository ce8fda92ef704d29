"""One timed PyTorch run of the benchmark, on the data bench/make_data.R wrote
(the same numbers rnnkit reads), with the same model, batch size, optimizer
(Adam, lr 1e-3, eps 1e-7) and epochs. Prints one line:
  torch <seconds per epoch, or per call for inference> <peak RSS in MB>
Usage: python3 torch_bench.py DATADIR NAME CELL UNITS BATCH EPOCHS NWIN THREADS DTYPE
(arguments as for rnnkit_bench.R; DTYPE float64 or float32).
"""
import resource
import sys
import time

import numpy as np
import torch

ddir, name, cell, units, batch, epochs, nwin, threads, dtype = sys.argv[1:10]
units = [int(u) for u in units.split(",")]
batch, epochs, nwin, threads = int(batch), int(epochs), int(nwin), int(threads)
dtype = torch.float64 if dtype == "float64" else torch.float32
torch.set_num_threads(threads)
N, T, I = [int(v) for v in open(f"{ddir}/{name}.txt").read().split()]
# R writes samples x timesteps x features column-major
x = np.fromfile(f"{ddir}/{name}.x", dtype="<f8").reshape((I, T, N)).transpose(2, 1, 0)
y = np.fromfile(f"{ddir}/{name}.y", dtype="<f8").reshape((N, 1))
if 0 < nwin < N:
    x, y = x[:nwin], y[:nwin]
n = x.shape[0]
x = torch.tensor(np.ascontiguousarray(x), dtype=dtype)
y = torch.tensor(y, dtype=dtype)
cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "simple": torch.nn.RNN, "infer": torch.nn.LSTM,
       "forecast": torch.nn.LSTM}[cell]


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        # stacked layers of equal width are one multi-layer module (its fastest form)
        self.rnn = cls(I, units[0], num_layers=len(units), batch_first=True)
        self.head = torch.nn.Linear(units[-1], 1)

    def forward(self, xb):
        h, _ = self.rnn(xb)
        return self.head(h[:, -1, :])


torch.manual_seed(1)
net = Net().to(dtype)
if cell == "forecast":
    # 20-step recursive forecast from the last window with 1000 simulated
    # paths (+ the point path), each step the whole window again, as rnnkit
    g = torch.Generator().manual_seed(2)
    resid = torch.randn(500, generator=g, dtype=dtype) * 0.01

    def fc():
        P, W = 1001, T
        buf = torch.empty((P, W + 20), dtype=dtype)
        buf[:, :W] = x[-1, :, 0]
        for k in range(20):
            out = net(buf[:, k:k + W].unsqueeze(-1))[:, 0]
            e = resid[torch.randint(0, 500, (P,), generator=g)]
            e[-1] = 0
            buf[:, W + k] = out + e
        return buf

    with torch.no_grad():
        fc()
        tm = []
        for _ in range(5):
            t0 = time.perf_counter()
            fc()
            tm.append(time.perf_counter() - t0)
    sec = sorted(tm)[2]
elif cell == "infer":
    with torch.no_grad():
        net(x)
        tm = []
        for _ in range(5):
            t0 = time.perf_counter()
            net(x)
            tm.append(time.perf_counter() - t0)
    sec = sorted(tm)[2]
else:
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
    lossf = torch.nn.MSELoss()
    t0 = time.perf_counter()
    for ep in range(epochs):
        perm = torch.randperm(n)
        for k in range(0, n, batch):
            idx = perm[k:k + batch]
            opt.zero_grad()
            loss = lossf(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
    sec = (time.perf_counter() - t0) / epochs * N / n
print("torch %.6g %.1f" % (sec, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
