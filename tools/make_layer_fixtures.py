#!/usr/bin/python3
"""Write PyTorch parity fixtures for rnnkit's single layers (rnn_layer()).

Usage (from the package root):

    /usr/bin/python3 tools/make_layer_fixtures.py [outdir]

needs Debian's python3-torch (apt-get install python3-torch), as
tools/make_torch_fixtures.py, whose fixture writer it reuses.

Writes tests/testthat/fixtures/layer_<case>.txt, in the plain text
fixture format that tools/make_torch_fixtures.py describes (read by R's
tests and by Octave's tests/octave/parity.m), with the fields

    case, cell, activation, units, n_in,
    weight_ih, weight_hh, bias_ih, bias_hh      PyTorch's layout
    kernel, recurrent_kernel, bias              Keras' layout (see below)
    x, h0, c0                                   input N x T x I, states N x H
    out_zero, h_zero, c_zero                    from a zero initial state
    out_init, h_init, c_init                    from (h0, c0)

(c0, c_zero and c_init are NULL except for LSTM).  out_* are the whole
output sequence, N x T x H (return_sequences); h_* and c_* the final state,
N x H (return_state).  All arrays are R arrays with numpy's [i, j, k]
indexing (column-major, as R and Octave hold them).

Keras' layout: kernel I x G*H, recurrent_kernel H x G*H, gate blocks in
columns in Keras' order (LSTM i, f, c, o as PyTorch; GRU z, r, h where
PyTorch has r, z, n); bias G*H (SimpleRNN, LSTM: PyTorch's two biases
summed) or, for GRU (Keras' reset_after = True), 2 x 3H with the input
bias in row 1 and the recurrent bias in row 2.  The script converts
PyTorch's weights to that layout itself, then checks the conversion
independently of torch: a numpy forward pass written from Keras'
equations, reading only the Keras-layout weights, must reproduce torch's
outputs and states.
"""

import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True  # leave no __pycache__ in tools/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_torch_fixtures import fixture_text  # noqa: E402

torch.set_default_dtype(torch.float64)

N, T = 3, 6  # samples, time steps

# name, cell, activation, units, n_in, seed
CASES = [
    ("simple_tanh", "simple", "tanh", 4, 3, 31001),
    ("simple_relu", "simple", "relu", 3, 2, 31002),
    ("lstm", "lstm", "tanh", 4, 3, 31003),
    ("gru", "gru", "tanh", 4, 3, 31004),
]

GATES = {"simple": 1, "gru": 3, "lstm": 4}

# Keras' block j holds PyTorch's block KERAS_FROM_TORCH[cell][j]
KERAS_FROM_TORCH = {"simple": [0], "lstm": [0, 1, 2, 3], "gru": [1, 0, 2]}


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def to_keras(cell, w_ih, w_hh, b_ih, b_hh):
    """PyTorch's weights (G*H x I, G*H x H, G*H, G*H) in Keras' layout."""
    h = w_hh.shape[1]
    cols = np.concatenate([np.arange(b * h, (b + 1) * h)
                           for b in KERAS_FROM_TORCH[cell]])
    kernel = w_ih.T[:, cols]
    rec = w_hh.T[:, cols]
    if cell == "gru":
        bias = np.stack([b_ih[cols], b_hh[cols]])
    else:
        bias = (b_ih + b_hh)[cols]
    return kernel, rec, bias


def keras_forward(cell, act, kernel, rec, bias, x, h0, c0):
    """Keras' SimpleRNN / LSTM / GRU (reset_after=True) equations on
    Keras-layout weights.  Returns (sequence N x T x H, h_T, c_T)."""
    h_n = rec.shape[0]
    h = h0.copy()
    c = c0.copy() if c0 is not None else None
    outs = []
    for t in range(x.shape[1]):
        xt = x[:, t, :]
        if cell == "simple":
            a = xt @ kernel + bias + h @ rec
            h = np.tanh(a) if act == "tanh" else np.maximum(a, 0.0)
        elif cell == "lstm":
            z = xt @ kernel + h @ rec + bias
            i = sigmoid(z[:, :h_n])
            f = sigmoid(z[:, h_n:2 * h_n])
            c = f * c + i * np.tanh(z[:, 2 * h_n:3 * h_n])
            o = sigmoid(z[:, 3 * h_n:])
            h = o * np.tanh(c)
        else:
            mx = xt @ kernel + bias[0]
            mi = h @ rec + bias[1]
            z = sigmoid(mx[:, :h_n] + mi[:, :h_n])
            r = sigmoid(mx[:, h_n:2 * h_n] + mi[:, h_n:2 * h_n])
            hh = np.tanh(mx[:, 2 * h_n:] + r * mi[:, 2 * h_n:])
            h = z * h + (1 - z) * hh
        outs.append(h)
    return np.stack(outs, axis=1), h, c


def torch_layer(cell, act, units, n_in):
    if cell == "simple":
        return torch.nn.RNN(n_in, units, nonlinearity=act, batch_first=True)
    if cell == "lstm":
        return torch.nn.LSTM(n_in, units, batch_first=True)
    return torch.nn.GRU(n_in, units, batch_first=True)


def run_torch(m, cell, x, h0, c0):
    """(sequence, h_T, c_T) as numpy; zero state when h0 is None."""
    with torch.no_grad():
        if h0 is None:
            out, st = m(x)
        elif cell == "lstm":
            out, st = m(x, (h0[None], c0[None]))
        else:
            out, st = m(x, h0[None])
    if cell == "lstm":
        return out.numpy(), st[0][0].numpy(), st[1][0].numpy()
    return out.numpy(), st[0].numpy(), None


def make_case(spec):
    name, cell, act, units, n_in, seed = spec
    torch.manual_seed(seed)
    m = torch_layer(cell, act, units, n_in)
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(torch.randn_like(p) * 0.5)
    x = torch.randn(N, T, n_in)
    h0 = torch.randn(N, units) * 0.5
    c0 = torch.randn(N, units) * 0.5 if cell == "lstm" else None

    w_ih = m.weight_ih_l0.detach().numpy()
    w_hh = m.weight_hh_l0.detach().numpy()
    b_ih = m.bias_ih_l0.detach().numpy()
    b_hh = m.bias_hh_l0.detach().numpy()
    assert w_ih.shape == (GATES[cell] * units, n_in)
    kernel, rec, bias = to_keras(cell, w_ih, w_hh, b_ih, b_hh)

    x_np = x.numpy()
    zero = np.zeros((N, units))
    res = {}
    for tag, hh, cc in (("zero", None, None), ("init", h0, c0)):
        out, h_t, c_t = run_torch(m, cell, x, hh, cc)
        k_out, k_h, k_c = keras_forward(
            cell, act, kernel, rec, bias, x_np,
            zero if hh is None else hh.numpy(),
            None if cell != "lstm" else (zero if cc is None else cc.numpy()))
        assert np.allclose(k_out, out, rtol=1e-12, atol=1e-13), \
            "%s/%s: Keras-layout forward != torch" % (name, tag)
        assert np.allclose(k_h, h_t, rtol=1e-12, atol=1e-13)
        assert np.allclose(out[:, -1, :], h_t, rtol=0, atol=0)
        if cell == "lstm":
            assert np.allclose(k_c, c_t, rtol=1e-12, atol=1e-13)
        res[tag] = (out, h_t, c_t)

    fields = [
        ("case", name), ("cell", cell), ("activation", act),
        ("units", units), ("n_in", n_in),
        ("weight_ih", w_ih), ("weight_hh", w_hh),
        ("bias_ih", b_ih), ("bias_hh", b_hh),
        ("kernel", kernel), ("recurrent_kernel", rec), ("bias", bias),
        ("x", x_np), ("h0", h0.numpy()),
        ("c0", None if c0 is None else c0.numpy()),
    ]
    for tag in ("zero", "init"):
        out, h_t, c_t = res[tag]
        fields += [("out_" + tag, out), ("h_" + tag, h_t), ("c_" + tag, c_t)]
    head_line = ("# generated by tools/make_layer_fixtures.py "
                 "(torch %s); do not edit\n" % torch.__version__)
    return fixture_text(head_line, fields)


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outdir = (sys.argv[1] if len(sys.argv) > 1
              else os.path.join(root, "tests", "testthat", "fixtures"))
    os.makedirs(outdir, exist_ok=True)
    for spec in CASES:
        text = make_case(spec)
        path = os.path.join(outdir, "layer_%s.txt" % spec[0])
        with open(path, "w") as fh:
            fh.write(text)
        print("wrote %s (%d bytes)" % (path, len(text)))


if __name__ == "__main__":
    main()
