"""Time PyTorch on the same data and model as bench/rnnkit_fit.R.

Usage: python3 torch_fit.py sine|stock EPOCHS [float64|float32]
Needs Debian's python3-torch (apt-get install python3-torch); prints one
line "torch <config> <dtype> <seconds per epoch (median over epochs)>".
"""
import math, sys, time, csv
import torch

torch.set_num_threads(1)
cfg, epochs = sys.argv[1], int(sys.argv[2])
dtype = torch.float64 if (len(sys.argv) < 4 or sys.argv[3] == "float64") else torch.float32


def windows(s, w):
    x = torch.tensor([s[i:i + w] for i in range(len(s) - w)], dtype=dtype).unsqueeze(-1)
    y = torch.tensor([s[i + w] for i in range(len(s) - w)], dtype=dtype).unsqueeze(-1)
    return x, y


if cfg == "sine":
    s = [math.sin(math.pi * 0.01 * i) for i in range(1000)]
    x, y = windows(s, 10)
    cell, units, batch = torch.nn.RNN, 10, 32
else:
    rows = list(csv.DictReader(open("../../shared/data/djia/IBM_2006-01-01_to_2018-01-01.csv")))
    o = [float(r["Open"]) for r in rows if r["Open"] not in ("", "NA")]
    lo, hi = min(o), max(o)
    s = [(v - lo) / (hi - lo) for v in o]
    x, y = windows(s, 30)
    cell, units, batch = torch.nn.LSTM, 16, 16


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = cell(1, units, batch_first=True)
        self.head = torch.nn.Linear(units, 1)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.head(h[:, -1, :])


torch.manual_seed(1)
net = Net().to(dtype)
opt = torch.optim.Adam(net.parameters(), lr=1e-3, eps=1e-7)
lossf = torch.nn.MSELoss()
times = []
for ep in range(epochs):
    t0 = time.perf_counter()
    perm = torch.randperm(x.shape[0])
    for k in range(0, x.shape[0], batch):
        idx = perm[k:k + batch]
        opt.zero_grad()
        loss = lossf(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
    times.append(time.perf_counter() - t0)
times.sort()
print("torch %s %s %d windows %.5f" % (cfg, str(dtype).replace("torch.", ""), x.shape[0], times[len(times) // 2]))
