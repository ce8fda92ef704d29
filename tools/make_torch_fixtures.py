#!/usr/bin/python3
"""Write PyTorch parity fixtures for rnnkit's tests.

Usage (from the package root):

    /usr/bin/python3 tools/make_torch_fixtures.py [outdir]

needs Debian's python3-torch: apt-get install python3-torch
(also python3-numpy, which python3-torch pulls in).

Writes one file per case, tests/testthat/fixtures/torch_<case>.txt, in
rnnkit's plain text fixture format, which R's tests
(tests/testthat/helper-rnnkit.R, read_fixture()) and Octave's
(tests/octave/parity.m) both read with base functions: a comment line,
then two lines per field, a header "name type dims..." (type chr, lgl,
int, dbl or null; dims the length, or the dimensions of a matrix or
array) and the values separated by single spaces (doubles as %.17g, which
round-trips exactly; a string as it is; an empty line for null).  The
fields:

    case, cell, activation, units, n_in, n_out, head_act, seq_out, loss,
    x, y, params, yhat, loss_value, grad, dx

(`loss` is the loss function's name, `loss_value` the mean loss: one list
cannot usefully hold two elements named "loss").  Arrays are in rnnkit's dataset layout
(R column-major: x[s, t, i] at s + N*(t + T*i)); params and grad are in
rnnkit's flat PARAMETER LAYOUT (src/core/rnnkit.h): per layer W_x (G*H x I),
W_h (G*H x H), b (G*H), b_h (G*H, GRU only), then W_y (n_out x H_last),
b_y (n_out), every matrix column-major.  Gate order is PyTorch's (LSTM
i,f,g,o; GRU r,z,n).  SimpleRNN/LSTM: b = bias_ih + bias_hh.  GRU:
b = bias_ih, b_h = bias_hh.

Every run re-checks the layout independently of torch: a small numpy
forward pass that reads the model only from the flat vector must
reproduce torch's yhat and loss, and central finite differences of that
numpy loss with respect to the flat vector and to x must reproduce the
autograd grad and dx.
"""

import os
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

N, T = 3, 5  # samples, time steps (features: n_in per case)

# name, cell, activation, units, n_out, head_act, seq_out, loss, n_in, seed
# (simple_relu's seed is chosen so that no ReLU unit is dead on every step:
# its gradient then has no exact zeros, which the script asserts for all)
CASES = [
    ("simple_tanh", "simple", "tanh", [4], 1, "linear", False, "mse", 2, 20240),
    ("simple_relu", "simple", "relu", [4], 2, "linear", False, "mse", 2, 20258),
    ("lstm", "lstm", "tanh", [3], 1, "linear", False, "mse", 2, 20242),
    ("gru", "gru", "tanh", [3], 1, "linear", False, "mse", 2, 20243),
    ("lstm_stacked", "lstm", "tanh", [4, 3], 2, "tanh", False, "mse", 2, 20244),
    ("gru_stacked", "gru", "tanh", [3, 4], 1, "sigmoid", False, "bce", 2, 20245),
    ("simple_stacked", "simple", "tanh", [3, 3], 1, "linear", False, "mae", 2, 20246),
    ("lstm_m2m", "lstm", "tanh", [4], 3, "softmax", True, "sparse_ce", 2, 20247),
    ("gru_m2m", "gru", "tanh", [3], 2, "linear", True, "mse", 2, 20248),
    ("lstm_wide", "lstm", "tanh", [5], 1, "linear", False, "mse", 6, 20249),
]

GATES = {"simple": 1, "gru": 3, "lstm": 4}


# ---------------------------------------------------------------- torch --

def build_layers(cell, activation, units, n_in):
    """A stack of single-layer batch_first modules (torch's own multi-layer
    modules need equal hidden sizes)."""
    layers = []
    width = n_in
    for h in units:
        if cell == "simple":
            m = torch.nn.RNN(width, h, num_layers=1, nonlinearity=activation,
                             batch_first=True)
        elif cell == "lstm":
            m = torch.nn.LSTM(width, h, num_layers=1, batch_first=True)
        else:
            m = torch.nn.GRU(width, h, num_layers=1, batch_first=True)
        layers.append(m)
        width = h
    return layers


def head_forward(layers, head, x, seq_out):
    """Logits (pre-activation head output): N x n_out or N x T x n_out."""
    seq = x
    for m in layers:
        seq, _ = m(seq)
    if not seq_out:
        seq = seq[:, -1, :]
    return head(seq)


def apply_head_act(z, head_act):
    if head_act == "linear":
        return z
    if head_act == "tanh":
        return torch.tanh(z)
    if head_act == "sigmoid":
        return torch.sigmoid(z)
    if head_act == "softmax":
        return torch.softmax(z, dim=-1)
    raise ValueError(head_act)


def torch_loss(loss, z, yhat, y, n_out):
    if loss == "mse":
        return torch.nn.MSELoss()(yhat, y)
    if loss == "mae":
        return torch.nn.L1Loss()(yhat, y)
    if loss == "bce":
        # same value as BCELoss(sigmoid(z), y), numerically stable
        return torch.nn.BCEWithLogitsLoss()(z, y)
    if loss == "sparse_ce":
        return torch.nn.CrossEntropyLoss()(z.reshape(-1, n_out),
                                           y.reshape(-1).long())
    raise ValueError(loss)


def flat_of(tensors):
    """Concatenate tensors, matrices column-major (rnnkit's layout)."""
    parts = []
    for t in tensors:
        a = t.detach().numpy()
        parts.append(a.flatten(order="F"))
    return np.concatenate(parts)


def flat_params(cell, layers, head, grad=False):
    """rnnkit's flat vector of the parameters (or of their gradients)."""
    def val(p):
        return p.grad if grad else p
    out = []
    for m in layers:
        w_ih, w_hh = val(m.weight_ih_l0), val(m.weight_hh_l0)
        b_ih, b_hh = val(m.bias_ih_l0), val(m.bias_hh_l0)
        if cell == "gru":
            out += [w_ih, w_hh, b_ih, b_hh]
        elif grad:
            # d loss / d b = grad of either torch bias (they are equal)
            assert torch.allclose(b_ih, b_hh, rtol=1e-12, atol=1e-15), \
                "bias_ih.grad != bias_hh.grad"
            out += [w_ih, w_hh, b_ih]
        else:
            out += [w_ih, w_hh, b_ih + b_hh]
    out += [val(head.weight), val(head.bias)]
    return flat_of(out)


def n_params_expected(cell, units, n_in, n_out):
    g = GATES[cell]
    n = 0
    width = n_in
    for h in units:
        n += g * h * (width + h + 1)
        if cell == "gru":
            n += g * h
        width = h
    return n + n_out * (width + 1)


# ---------------------------------------- independent numpy reference --

def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def np_forward(cfg, flat, x):
    """Forward pass reading the model only from the flat rnnkit vector.
    x: N x T x I numpy array.  Returns (logits, yhat)."""
    cell, act, units, n_out, head_act, seq_out = (
        cfg["cell"], cfg["activation"], cfg["units"], cfg["n_out"],
        cfg["head_act"], cfg["seq_out"])
    g = GATES[cell]
    pos = [0]

    def take(rows, cols=None):
        k = rows * (cols or 1)
        v = flat[pos[0]:pos[0] + k]
        pos[0] += k
        return v.reshape(rows, cols, order="F") if cols else v.copy()

    n, t_len, _ = x.shape
    seq = x
    for h_n in units:
        width = seq.shape[2]
        wx = take(g * h_n, width)
        wh = take(g * h_n, h_n)
        b = take(g * h_n)
        bh = take(g * h_n) if cell == "gru" else None
        h = np.zeros((n, h_n))
        c = np.zeros((n, h_n))
        outs = []
        for t in range(t_len):
            xt = seq[:, t, :]
            if cell == "simple":
                a = xt @ wx.T + h @ wh.T + b
                h = np.tanh(a) if act == "tanh" else np.maximum(a, 0.0)
            elif cell == "lstm":
                a = xt @ wx.T + h @ wh.T + b
                i_g = sigmoid(a[:, 0:h_n])
                f_g = sigmoid(a[:, h_n:2 * h_n])
                g_g = np.tanh(a[:, 2 * h_n:3 * h_n])
                o_g = sigmoid(a[:, 3 * h_n:4 * h_n])
                c = f_g * c + i_g * g_g
                h = o_g * np.tanh(c)
            else:
                ax = xt @ wx.T + b
                ah = h @ wh.T + bh
                r = sigmoid(ax[:, 0:h_n] + ah[:, 0:h_n])
                z = sigmoid(ax[:, h_n:2 * h_n] + ah[:, h_n:2 * h_n])
                nn_ = np.tanh(ax[:, 2 * h_n:] + r * ah[:, 2 * h_n:])
                h = (1.0 - z) * nn_ + z * h
            outs.append(h)
        seq = np.stack(outs, axis=1)
    wy = take(n_out, seq.shape[2])
    by = take(n_out)
    assert pos[0] == len(flat), "flat vector longer than the layout"
    hs = seq if seq_out else seq[:, -1, :]
    logits = hs @ wy.T + by
    if head_act == "linear":
        yhat = logits
    elif head_act == "tanh":
        yhat = np.tanh(logits)
    elif head_act == "sigmoid":
        yhat = sigmoid(logits)
    else:
        e = np.exp(logits - logits.max(axis=-1, keepdims=True))
        yhat = e / e.sum(axis=-1, keepdims=True)
    return logits, yhat


def np_loss(loss, logits, yhat, y, n_out):
    if loss == "mse":
        return np.mean((yhat - y) ** 2)
    if loss == "mae":
        return np.mean(np.abs(yhat - y))
    if loss == "bce":
        return np.mean(-(y * np.log(yhat) + (1 - y) * np.log(1 - yhat)))
    z = logits.reshape(-1, n_out)
    lab = y.reshape(-1).astype(int)
    m = z.max(axis=1)
    lse = m + np.log(np.exp(z - m[:, None]).sum(axis=1))
    return np.mean(lse - z[np.arange(len(lab)), lab])


def check_against_numpy(cfg, flat, x, y, yhat_t, loss_t, grad_t, dx_t):
    logits, yhat = np_forward(cfg, flat, x)
    assert np.allclose(yhat, yhat_t, rtol=1e-12, atol=1e-13), \
        "%s: numpy forward != torch yhat" % cfg["case"]
    l0 = np_loss(cfg["loss"], logits, yhat, y, cfg["n_out"])
    assert abs(l0 - loss_t) <= 1e-12 * max(1.0, abs(loss_t)), \
        "%s: numpy loss != torch loss" % cfg["case"]

    def f(p, xx):
        lg, yh = np_forward(cfg, p, xx)
        return np_loss(cfg["loss"], lg, yh, y, cfg["n_out"])

    eps = 1e-6
    fd = np.empty_like(flat)
    for k in range(len(flat)):
        pp, pm = flat.copy(), flat.copy()
        pp[k] += eps
        pm[k] -= eps
        fd[k] = (f(pp, x) - f(pm, x)) / (2 * eps)
    err = np.max(np.abs(fd - grad_t))
    assert err < 1e-7, "%s: finite-difference grad mismatch %g" % (
        cfg["case"], err)
    fdx = np.empty_like(x)
    for idx in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[idx] += eps
        xm[idx] -= eps
        fdx[idx] = (f(flat, xp) - f(flat, xm)) / (2 * eps)
    err = np.max(np.abs(fdx - dx_t))
    assert err < 1e-7, "%s: finite-difference dx mismatch %g" % (
        cfg["case"], err)


# ------------------------------------------------------- fixture output --

def fx_field(name, v):
    """One field of the text fixture format: header line, values line."""
    if v is None:
        return "%s null 0\n\n" % name
    if isinstance(v, str):
        assert "\n" not in v
        return "%s chr 1\n%s\n" % (name, v)
    if isinstance(v, bool):
        return "%s lgl 1\n%d\n" % (name, int(v))
    if isinstance(v, int):
        return "%s int 1\n%d\n" % (name, v)
    if isinstance(v, list):  # whole numbers (units)
        return "%s int %d\n%s\n" % (name, len(v),
                                      " ".join("%d" % int(u) for u in v))
    a = np.asarray(v, dtype=np.float64)
    assert np.all(np.isfinite(a))
    dims = [a.size] if a.ndim <= 1 else list(a.shape)
    vals = " ".join("%.17g" % float(u) for u in a.ravel(order="F"))
    return "%s dbl %s\n%s\n" % (name, " ".join("%d" % d for d in dims), vals)


def fixture_text(head_line, fields):
    return head_line + "".join(fx_field(n, v) for n, v in fields)


# ----------------------------------------------------------------- main --

def make_case(spec):
    name, cell, act, units, n_out, head_act, seq_out, loss, n_in, seed = spec
    cfg = dict(case=name, cell=cell, activation=act, units=units,
               n_out=n_out, head_act=head_act, seq_out=seq_out, loss=loss,
               n_in=n_in)
    torch.manual_seed(seed)
    layers = build_layers(cell, act, units, n_in)
    head = torch.nn.Linear(units[-1], n_out)
    with torch.no_grad():
        for m in layers + [head]:
            for p in m.parameters():
                p.copy_(torch.randn_like(p) * 0.5)

    x = torch.randn(N, T, n_in, requires_grad=True)
    yshape = (N, T) if seq_out else (N,)
    if loss == "sparse_ce":
        y = torch.randint(0, n_out, yshape + (1,)).double()
    elif loss == "bce":
        y = torch.randint(0, 2, yshape + (n_out,)).double()
    else:
        y = torch.randn(yshape + (n_out,))

    z = head_forward(layers, head, x, seq_out)
    yhat = apply_head_act(z, head_act)
    lval = torch_loss(loss, z, yhat, y, n_out)
    lval.backward()

    params = flat_params(cell, layers, head)
    grad = flat_params(cell, layers, head, grad=True)
    n_exp = n_params_expected(cell, units, n_in, n_out)
    assert len(params) == n_exp == len(grad), (name, len(params), n_exp)
    assert np.all(grad != 0.0), "%s: a gradient entry is exactly 0" % name

    x_np = x.detach().numpy()
    y_np = y.numpy()
    yhat_np = yhat.detach().numpy()
    dx_np = x.grad.numpy()
    check_against_numpy(cfg, params, x_np, y_np, yhat_np, lval.item(),
                        grad, dx_np)

    fields = [
        ("case", name), ("cell", cell), ("activation", act),
        ("units", list(units)), ("n_in", n_in), ("n_out", n_out),
        ("head_act", head_act), ("seq_out", bool(seq_out)), ("loss", loss),
        ("x", x_np), ("y", y_np), ("params", params), ("yhat", yhat_np),
        ("loss_value", lval.item()), ("grad", grad), ("dx", dx_np),
    ]
    head_line = ("# generated by tools/make_torch_fixtures.py "
                 "(torch %s); do not edit\n" % torch.__version__)
    return fixture_text(head_line, fields), len(params)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outdir = (sys.argv[1] if len(sys.argv) > 1
              else os.path.join(root, "tests", "testthat", "fixtures"))
    os.makedirs(outdir, exist_ok=True)
    for spec in CASES:
        text, n_p = make_case(spec)
        path = os.path.join(outdir, "torch_%s.txt" % spec[0])
        with open(path, "w") as fh:
            fh.write(text)
        print("wrote %s (%d params, %d bytes)" % (path, n_p, len(text)))


if __name__ == "__main__":
    main()
