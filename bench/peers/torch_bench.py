"""PyTorch peer for LearnLM.Bench `train`: the same models, shapes, batch sizes, optimizer and thread count.

Run with Debian's interpreter (/usr/bin/python3, python3-torch 1.13); bench/run.sh does. Writes JSON like the
C# side so bench/report.py can put both in one table.
"""
import argparse, json, os, statistics, time

import torch
import torch.nn as nn
import torch.nn.functional as F


def measure(action, warmup, runs):
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return {"median_ms": statistics.median(samples), "min_ms": min(samples), "max_ms": max(samples), "runs": runs}


class LstmClassifier(nn.Module):
    def __init__(self, vocab, emb, hidden, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.head = nn.Linear(hidden, classes)

    def forward(self, tokens):
        output, _ = self.lstm(self.embedding(tokens))
        return self.head(output[:, -1])


class GptLike(nn.Module):
    def __init__(self, vocab, d, layers, heads, context):
        super().__init__()
        self.tokens = nn.Embedding(vocab, d)
        self.positions = nn.Embedding(context, d)
        self.blocks = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, 4 * d, dropout=0.0), layers)
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)
        self.register_buffer("causal", torch.triu(torch.full((context, context), float("-inf")), 1))

    def forward(self, idx):
        t = idx.shape[1]
        x = self.tokens(idx) + self.positions(torch.arange(t))
        x = self.blocks(x.transpose(0, 1), self.causal).transpose(0, 1)
        return self.head(self.norm(x))


def cases():
    # Must match bench/LearnLM.Bench/TrainingCases.cs.
    yield "MLP", lambda: nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10)), \
        lambda: torch.randn(128, 784), lambda: torch.randint(0, 10, (128,)), False
    yield "CIFAR CNN", lambda: nn.Sequential(
        nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 6 * 6, 64), nn.ReLU(), nn.Linear(64, 10)), \
        lambda: torch.randn(64, 3, 32, 32), lambda: torch.randint(0, 10, (64,)), False
    yield "LSTM classifier", lambda: LstmClassifier(5000, 64, 128, 2), \
        lambda: torch.randint(0, 5000, (64, 50)), lambda: torch.randint(0, 2, (64,)), False
    yield "Transformer block", lambda: nn.TransformerEncoderLayer(128, 4, 512, dropout=0.0), \
        lambda: torch.randn(64, 32, 128), lambda: torch.randn(64, 32, 128), True
    yield "mini GPT", lambda: GptLike(65, 128, 4, 4, 64), \
        lambda: torch.randint(0, 65, (32, 64)), lambda: torch.randint(0, 65, (32, 64)), False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)   # Debian's torch defaults to 1 thread

    results = []
    n = 2048
    a, b = torch.randn(n, n), torch.randn(n, n)
    timing = measure(lambda: torch.mm(a, b), 2, args.runs)
    results.append({"kind": "gemm", "name": f"GEMM {n}x{n} float32", "gflops": 2 * n ** 3 / (timing["median_ms"] * 1e6), "timing": timing})
    print(f"GEMM {n}x{n}: {results[-1]['gflops']:.1f} GFLOP/s")

    for name, make_model, make_x, make_y, regression in cases():
        torch.manual_seed(0)
        model = make_model()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        x, y = make_x(), make_y()

        def step():
            optimizer.zero_grad()
            out = model(x)
            loss = F.mse_loss(out, y) if regression else F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))
            loss.backward()
            optimizer.step()

        timing = measure(step, 3, args.runs)
        print(f"{name:20} {timing['median_ms']:8.2f} ms/step")
        results.append({"kind": "train", "name": name, "timing": timing})

    # Debian's torch calls the system BLAS (BLAS_INFO=generic): report which library the GEMM actually loaded.
    with open("/proc/self/maps") as maps:
        loaded = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    blas = sorted(os.path.realpath(p) for p in loaded) or ["reference BLAS (none found loaded)"]
    with open(args.out + ".tmp", "w") as f:
        json.dump({"side": f"PyTorch {torch.__version__} (Debian python3-torch)", "threads": args.threads,
                   "blas": blas, "results": results}, f, indent=2)
    os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
