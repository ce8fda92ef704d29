#!/usr/bin/python3
"""PyTorch reference for the character-level language model benchmark.

Trains Embedding(V+1, E) -> LSTM(H) -> Linear(H, V+1) on tiny Shakespeare
with truncated backpropagation through time over stateful streams, and
prints one result per line.  rnnkit's character model uses the same data
arrangement, so the numbers are comparable:

* vocabulary: the sorted unique characters of the WHOLE file (by Unicode
  code point) get indices 1..V; 0 is reserved for padding and never
  occurs, but the model has V+1 input and output classes (rnnkit's
  rnn_tokenizer(level = "char") and rnn_vocab_size() give the same);
* split: the last floor(0.1 n) characters are validation text, the rest
  training (with --max-chars the text is cut to its first N characters
  first; the vocabulary is still the whole file's);
* streams: for a text of n tokens and batch size B, L = floor((n - 1) / B)
  tokens per stream; stream b (0-based) holds tokens b*L .. b*L + L
  (inputs b*L .. b*L + L - 1, targets one later); chunk c of stream b has
  the inputs b*L + c*T .. b*L + c*T + T - 1, c = 0 .. floor(L / T) - 1
  (the remainder is dropped);
* training visits chunks c = 0, 1, ... in order, each a batch of the B
  streams, carrying the LSTM state (h, c) from chunk to chunk, detached
  (truncated BPTT), zero at the start of every epoch; no shuffling;
* validation: the same arrangement on the validation text (its own B
  streams, state carried, zero at the start); the loss is the mean
  cross-entropy over all its predicted characters;
* Adam (lr 2e-3, betas 0.9/0.999, eps 1e-7 as Keras and rnnkit), gradient
  clipping by global norm 5, double precision unless --float32.

Weights start from PyTorch's default initialisation (torch.manual_seed),
not rnnkit's, so losses agree in distribution, not digit for digit.

Usage:
    /usr/bin/python3 bench/charlm_torch.py ../shared/data/tinyshakespeare.txt \
        [--epochs 3] [--embed 32] [--hidden 128] [--seq-len 100] [--batch 32]
        [--lr 2e-3] [--clip 5] [--threads 1] [--float32] [--max-chars N]
        [--seed 1] [--blas openblas|reference|system]

Output: lines "<kind> <name> <value>" (kind: info, data, epoch, result),
then the sample between "sample begin" and "sample end", each of its lines
prefixed by "| ".  Results:
    result sec_per_epoch <median training seconds per epoch, validation excluded>
    result val_sec <median seconds of one validation pass>
    result val_ce_nats <validation cross-entropy after the last epoch, nats/char>
    result val_bpc <the same in bits per character>
    result unigram_bpc <cross-entropy, bits/char, of the training text's
           character frequencies on the same validation targets>
    result unigram_bpc_val_text <the same on every character of the validation text>
    result unigram_train_entropy_bits <entropy of the training character distribution>
    result peak_rss_mb <peak resident set size of the process, MB>
and one summary line in the form bench/charlm.R prints for rnnkit:
    RESULT torch seconds_per_epoch S val_bits_per_char X unigram_bits U peak_rss_mb M
where S is the mean of training + validation seconds per epoch (as
charlm.R's total fit time / epochs) and U is unigram_bpc_val_text.

Needs Debian's python3-torch (the reference only, never a package
dependency); run as root, the script installs it when it is missing.  As
bench/run.sh, it keeps OPENBLAS_CORETYPE when set (else SkylakeX on
AVX-512 CPUs, Haswell on AVX2 ones: Debian's OpenBLAS 0.3.21 misdetects
new CPUs) and OPENBLAS_NUM_THREADS (else 1), and loads the BLAS chosen by
--blas through the library path, whatever update-alternatives says.
"""

import argparse
import importlib.util
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import time

DEBIAN_PY = "/usr/bin/python3"
MULTIARCH = "/usr/lib/x86_64-linux-gnu"
BLAS_DIRS = {
    "openblas": [MULTIARCH + "/openblas-pthread"],
    "reference": [MULTIARCH + "/blas", MULTIARCH + "/lapack"],
}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("path", help="tinyshakespeare.txt")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--embed", type=int, default=32, help="embedding size E")
    p.add_argument("--hidden", type=int, default=128, help="LSTM units H")
    p.add_argument("--seq-len", type=int, default=100, help="chunk length T (BPTT steps)")
    p.add_argument("--batch", type=int, default=32, help="number of streams B")
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--clip", type=float, default=5.0, help="global gradient norm bound")
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    p.add_argument("--float32", action="store_true", help="single precision (for information)")
    p.add_argument("--max-chars", type=int, default=0, help="use only the first N characters (0: all)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--blas", choices=["openblas", "reference", "system"], default=None,
                   help="BLAS to load (default: openblas when installed, else the system's)")
    p.add_argument("--sample-len", type=int, default=300)
    p.add_argument("--temperature", type=float, default=0.8)
    p.add_argument("--prime", default="ROMEO:")
    a = p.parse_args()
    for k in ("epochs", "embed", "hidden", "seq_len", "batch", "threads"):
        if getattr(a, k) < 1:
            p.error(f"--{k.replace('_', '-')} must be >= 1")
    return a


def setup_environment(args):
    """Sets the BLAS environment and re-executes under Debian's python3 when
    needed (the dynamic loader reads LD_LIBRARY_PATH only at start-up);
    installs python3-torch if it is missing and we are root."""
    env = dict(os.environ)
    if "OPENBLAS_CORETYPE" not in env:
        env["CHARLM_CORETYPE_BY"] = "this script (as bench/run.sh)"
        flags = open("/proc/cpuinfo").read()
        if re.search(r"\bavx512f\b", flags):
            env["OPENBLAS_CORETYPE"] = "SkylakeX"
        elif re.search(r"\bavx2\b", flags):
            env["OPENBLAS_CORETYPE"] = "Haswell"
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    blas = args.blas
    if blas is None:
        blas = "openblas" if os.path.exists(BLAS_DIRS["openblas"][0] + "/libblas.so.3") else "system"
    if blas != "system":
        dirs = BLAS_DIRS[blas]
        if not os.path.exists(dirs[0] + "/libblas.so.3"):
            sys.exit(f"charlm_torch: {dirs[0]}/libblas.so.3 is missing (--blas {blas})")
        old = env.get("LD_LIBRARY_PATH", "")
        env["LD_LIBRARY_PATH"] = ":".join(dirs + ([old] if old else []))
    env["CHARLM_BLAS"] = blas

    has_torch = importlib.util.find_spec("torch") is not None
    python = sys.executable
    if not has_torch and os.path.exists(DEBIAN_PY) and \
            subprocess.call([DEBIAN_PY, "-c", "import torch"], stderr=subprocess.DEVNULL) == 0:
        python = DEBIAN_PY
    elif not has_torch:
        if env.get("CHARLM_INSTALLED") == "1":
            sys.exit("charlm_torch: python3-torch was installed but torch still does not import")
        if os.geteuid() != 0:
            sys.exit("charlm_torch: PyTorch is missing; run as root, or apt-get install python3-torch")
        print("info installing Debian's python3-torch (the reference; not a package dependency)",
              file=sys.stderr, flush=True)
        apt_env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.check_call(["apt-get", "update", "-qq"], env=apt_env, stdout=subprocess.DEVNULL)
        subprocess.check_call(["apt-get", "install", "-y", "-qq", "--no-install-recommends",
                               "python3-torch", "python3-numpy"], env=apt_env, stdout=subprocess.DEVNULL)
        env["CHARLM_INSTALLED"] = "1"
        python = DEBIAN_PY
    if os.environ.get("CHARLM_CHILD") != "1":
        env["CHARLM_CHILD"] = "1"
        os.execve(python, [python] + sys.argv, env)
    return blas


def read_data(args):
    with open(args.path, encoding="utf-8") as f:
        text = f.read()
    chars = sorted(set(text))  # by code point: Python compares str by code point
    index = {ch: i + 1 for i, ch in enumerate(chars)}  # 0 is padding
    if args.max_chars > 0:
        text = text[:args.max_chars]
    n = len(text)
    n_train = n - math.floor(0.1 * n)  # rnn_text_data(validation = 0.1)
    return chars, index, text[:n_train], text[n_train:]


def streams(torch, ids, B, T, what):
    """(inputs, targets) as B x (n_chunks * T) long tensors, and n_chunks."""
    n = ids.numel()
    L = (n - 1) // B
    n_chunks = L // T
    if n_chunks < 1:
        sys.exit(f"charlm_torch: the {what} text ({n} characters) is too short for "
                 f"{B} streams of at least {T} + 1 characters")
    j = torch.arange(n_chunks * T)
    idx = torch.arange(B).unsqueeze(1) * L + j.unsqueeze(0)
    return ids[idx], ids[idx + 1], n_chunks


def main():
    args = parse_args()
    blas = setup_environment(args)

    import torch  # after the environment is set: it loads the BLAS

    dtype = torch.float32 if args.float32 else torch.float64
    torch.set_default_dtype(dtype)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    x = torch.ones(4, 4)
    x @ x  # make sure the BLAS is loaded before reading the maps
    maps = open("/proc/self/maps").read()
    loaded = sorted(set(m.group(1) for m in re.finditer(r"(/\S*(?:libblas|openblas)\S*)", maps)))
    cfg = torch.__config__.show()
    blas_info = ",".join(re.findall(r"(?:BLAS_INFO|LAPACK_INFO)=[^,\s]*", cfg)) or "n/a"
    cpu = re.search(r"CPU capability usage: (\S+)", cfg)

    print(f"info torch_version {torch.__version__}")
    print(f"info dtype {'float32' if args.float32 else 'float64'}")
    print(f"info threads {torch.get_num_threads()}")
    print(f"info OPENBLAS_CORETYPE {os.environ.get('OPENBLAS_CORETYPE', 'unset')} "
          f"(set by {os.environ.get('CHARLM_CORETYPE_BY', 'the caller')})")
    print(f"info OPENBLAS_NUM_THREADS {os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}")
    print(f"info blas_choice {blas}")
    print(f"info blas_loaded {' '.join(loaded) if loaded else 'none-found'}")
    print(f"info blas_build {blas_info}")
    print(f"info cpu_capability {cpu.group(1) if cpu else 'n/a'}")
    print(f"info cpu {os.cpu_count()} cores, load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    sys.stdout.flush()

    chars, index, train_text, val_text = read_data(args)
    V = len(chars)
    B, T, E, H = args.batch, args.seq_len, args.embed, args.hidden
    train_ids = torch.tensor([index[c] for c in train_text], dtype=torch.long)
    val_ids = torch.tensor([index[c] for c in val_text], dtype=torch.long)
    xtr, ytr, ntr = streams(torch, train_ids, B, T, "training")
    xva, yva, nva = streams(torch, val_ids, B, T, "validation")
    print(f"data vocab {V}")
    print(f"data classes {V + 1}")
    print(f"data train_chars {len(train_text)}")
    print(f"data val_chars {len(val_text)}")
    print(f"data train_chunks {ntr}")
    print(f"data val_chunks {nva}")
    print(f"data val_targets {yva.numel()}")
    print(f"data setting E {E} H {H} T {T} B {B} epochs {args.epochs} lr {args.lr} "
          f"clip {args.clip} seed {args.seed}")

    # unigram baseline: the training text's character frequencies
    counts = torch.bincount(train_ids, minlength=V + 1).to(torch.float64)
    p = counts / counts.sum()
    unseen = int((torch.bincount(val_ids, minlength=V + 1)[1:] > 0).logical_and(counts[1:] == 0).sum())
    if unseen:
        # a validation character never seen in training: add-one smoothing
        p = (counts + 1) / (counts.sum() + V)
        p[0] = 0
        print(f"info unigram add-one smoothing ({unseen} validation characters unseen in training)")
    nz = p[1:][p[1:] > 0]
    train_entropy = float(-(nz * torch.log2(nz)).sum())
    unigram_bpc = float(-torch.log2(p[yva.reshape(-1)]).mean())
    unigram_text = float(-torch.log2(p[val_ids]).mean())

    class CharLM(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = torch.nn.Embedding(V + 1, E)
            self.lstm = torch.nn.LSTM(E, H, num_layers=1, batch_first=True)
            self.head = torch.nn.Linear(H, V + 1)

        def forward(self, xb, state):
            h, state = self.lstm(self.emb(xb), state)
            return self.head(h), state

    net = CharLM()
    n_par = sum(q.numel() for q in net.parameters())
    print(f"data parameters {n_par}")
    opt = torch.optim.Adam(net.parameters(), lr=args.lr, betas=(0.9, 0.999), eps=1e-7)
    lossf = torch.nn.CrossEntropyLoss()

    def zero_state():
        return (torch.zeros(1, B, H), torch.zeros(1, B, H))

    def validate():
        net.eval()
        total = 0.0
        state = zero_state()
        with torch.no_grad():
            for c in range(nva):
                s = slice(c * T, (c + 1) * T)
                out, state = net(xva[:, s], state)
                total += float(torch.nn.functional.cross_entropy(
                    out.reshape(-1, V + 1), yva[:, s].reshape(-1), reduction="sum"))
        net.train()
        return total / yva.numel()

    sys.stdout.flush()
    epoch_sec, val_sec = [], []
    val_ce = float("nan")
    for ep in range(1, args.epochs + 1):
        state = zero_state()
        tot = 0.0
        t0 = time.perf_counter()
        for c in range(ntr):
            s = slice(c * T, (c + 1) * T)
            state = (state[0].detach(), state[1].detach())
            opt.zero_grad()
            out, state = net(xtr[:, s], state)
            loss = lossf(out.reshape(-1, V + 1), ytr[:, s].reshape(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), args.clip)
            opt.step()
            tot += float(loss)
        epoch_sec.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        val_ce = validate()
        val_sec.append(time.perf_counter() - t0)
        print(f"epoch {ep} train_sec {epoch_sec[-1]:.3f} train_ce {tot / ntr:.6f} "
              f"val_ce {val_ce:.6f} val_bpc {val_ce / math.log(2):.6f} val_sec {val_sec[-1]:.3f}",
              flush=True)

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"result sec_per_epoch {statistics.median(epoch_sec):.4f}")
    print(f"result val_sec {statistics.median(val_sec):.4f}")
    print(f"result val_ce_nats {val_ce:.6f}")
    print(f"result val_bpc {val_ce / math.log(2):.6f}")
    print(f"result unigram_bpc {unigram_bpc:.6f}")
    print(f"result unigram_bpc_val_text {unigram_text:.6f}")
    print(f"result unigram_train_entropy_bits {train_entropy:.6f}")
    print(f"result peak_rss_mb {rss:.1f}")
    per_epoch = statistics.mean(a + b for a, b in zip(epoch_sec, val_sec))
    print(f"RESULT torch seconds_per_epoch {per_epoch:.2f} val_bits_per_char {val_ce / math.log(2):.4f} "
          f"unigram_bits {unigram_text:.4f} peak_rss_mb {rss:.0f}")

    # a sample, for eyeballing only: prime with the text, then draw from
    # softmax(logits / temperature), never the padding class 0
    gen = torch.Generator().manual_seed(args.seed)
    net.eval()
    prime = [index[ch] for ch in args.prime if ch in index]
    out_chars = [chars[i - 1] for i in prime]
    with torch.no_grad():
        state = (torch.zeros(1, 1, H), torch.zeros(1, 1, H))
        logits, state = net(torch.tensor([prime], dtype=torch.long), state)
        last = logits[0, -1]
        for _ in range(args.sample_len - len(prime)):
            z = last / args.temperature
            z[0] = -math.inf
            k = int(torch.multinomial(torch.softmax(z, 0), 1, generator=gen))
            out_chars.append(chars[k - 1])
            logits, state = net(torch.tensor([[k]], dtype=torch.long), state)
            last = logits[0, -1]
    print("sample begin")
    for line in "".join(out_chars).split("\n"):
        print("| " + line)
    print("sample end")


if __name__ == "__main__":
    main()
