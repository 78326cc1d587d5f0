"""The CIFAR CNN training step taken apart, LearnLM and PyTorch side by side, in lock step.

bench/LearnLM.Bench/CnnProfile.cs and actions() below hold the same timed actions under the same names: the whole
step, its phases, and each op at its shape in the step (forward, and forward + backward of a fixed upstream
gradient). Run as a driver, this script starts the sides as servers and asks them for one run of an action at a
time, in turn, so that whatever else loads the machine falls on all alike; each side times its own run. Each side
runs twice: with glibc's default malloc thresholds, and with the thresholds LearnLM.Bench sets (CpuMemory.cs).

  /usr/bin/python3 bench/peers/cnn_profile.py --learnlm "dotnet …/LearnLM.Bench.dll" --threads 1 2 --out …json
"""
import argparse, json, os, resource, shlex, statistics, subprocess, sys, time

import torch
import torch.nn as nn
import torch.nn.functional as F

B = 64


def channels_last(t):
    # The same numbers stored NHWC, as LearnLM does it (TorchSharp has no memory_format argument).
    return t.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)


def ops():
    def leaf(*shape):
        return torch.randn(*shape).requires_grad_()
    x = torch.randn(B, 3, 32, 32)
    w1, b1 = leaf(32, 3, 3, 3), leaf(32)
    yield "conv2d 3→32 on 32×32 (weight grads only)", lambda: F.conv2d(x, w1, b1), [w1, b1]
    a1 = leaf(B, 32, 30, 30)
    yield "relu 64×32×30×30", lambda: F.relu(a1), [a1]
    yield "max_pool2d 2×2 of 64×32×30×30", lambda: F.max_pool2d(a1, 2), [a1]
    a1_channels_last = channels_last(a1.detach()).requires_grad_()
    yield "max_pool2d 2×2 of 64×32×30×30, channels-last", lambda: F.max_pool2d(a1_channels_last, 2), [a1_channels_last]
    p1, w2, b2 = leaf(B, 32, 15, 15), leaf(64, 32, 3, 3), leaf(64)
    yield "conv2d 32→64 on 15×15", lambda: F.conv2d(p1, w2, b2), [p1, w2, b2]
    a2 = leaf(B, 64, 13, 13)
    yield "relu 64×64×13×13", lambda: F.relu(a2), [a2]
    yield "max_pool2d 2×2 of 64×64×13×13", lambda: F.max_pool2d(a2, 2), [a2]
    f, w3, b3 = leaf(B, 2304), leaf(64, 2304), leaf(64)
    yield "linear 2304→64", lambda: F.linear(f, w3, b3), [f, w3, b3]
    h, w4, b4 = leaf(B, 64), leaf(10, 64), leaf(10)
    yield "linear 64→10", lambda: F.linear(h, w4, b4), [h, w4, b4]
    logits, targets = leaf(B, 10), torch.randint(0, 10, (B,))
    yield "cross_entropy 64×10", lambda: F.cross_entropy(logits, targets), [logits]


def actions():
    torch.manual_seed(0)
    # Must match TrainingCases.CifarCnn and torch_bench.py.
    model = nn.Sequential(
        nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 6 * 6, 64), nn.ReLU(), nn.Linear(64, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.randn(B, 3, 32, 32), torch.randint(0, 10, (B,))
    x_channels_last = channels_last(x)

    def step(inp):
        optimizer.zero_grad()
        F.cross_entropy(model(inp), y).backward()
        optimizer.step()

    step(x)   # creates Adam's state and the gradients
    yield "step: whole", lambda: step(x)
    yield "step: whole, channels-last input", lambda: step(x_channels_last)
    yield "step: zero_grad", optimizer.zero_grad
    yield "step: forward + loss", lambda: F.cross_entropy(model(x), y)
    yield "step: forward + loss + backward", lambda: F.cross_entropy(model(x), y).backward()
    yield "step: Adam step", optimizer.step
    for name, forward, wrt in ops():
        yield f"{name}: forward", forward
        yield f"{name}: forward + backward", \
            lambda forward=forward, wrt=wrt: torch.autograd.grad([out := forward()], wrt, [torch.ones_like(out)])


def serve():
    table = dict(actions())
    print("ready", flush=True)
    for line in sys.stdin:
        line = line.rstrip("\n")
        if line == "quit":
            break
        if line == "info":
            malloc = "thresholds from the environment" if "MALLOC_MMAP_THRESHOLD_" in os.environ else "glibc default"
            print(f"intra-op threads {torch.get_num_threads()}, inter-op threads {torch.get_num_interop_threads()}, "
                  f"oneDNN {'on' if torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled else 'off'}, "
                  f"malloc: {malloc}, OMP_WAIT_POLICY {os.environ.get('OMP_WAIT_POLICY', 'unset')}", flush=True)
            continue
        if line == "names":
            print("\n".join([*table, "end"]), flush=True)
            continue
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        cpu = time.process_time()   # CLOCK_PROCESS_CPUTIME_ID: every thread of the process
        start = time.perf_counter()
        table[line]()
        elapsed = (time.perf_counter() - start) * 1000
        print(repr(elapsed), resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults,
              repr((time.process_time() - cpu) * 1000), flush=True)


class Side:
    def __init__(self, command, env=None):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                        env={**os.environ, **(env or {})})
        if (first := self.process.stdout.readline().strip()) != "ready":
            sys.exit(f"{command[0]} did not start: {first!r}")

    def ask(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def names(self):
        self.process.stdin.write("names\n")
        self.process.stdin.flush()
        return list(iter(lambda: self.process.stdout.readline().strip(), "end"))

    def close(self):
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait()


def summary(samples):
    return {"median_ms": statistics.median(samples), "min_ms": min(samples), "max_ms": max(samples), "runs": len(samples)}


def drive(args, threads):
    print(f"==> {threads} thread(s)", flush=True)
    ours = shlex.split(args.learnlm) + ["cnn-serve", "--threads", str(threads)]
    peer = [sys.executable, os.path.abspath(__file__), "--serve", "--threads", str(threads)]
    # OpenMP's wait policy, the same for every side: on a shared machine, threads that spin while they wait for each
    # other turn every parallel region into a wait for the scheduler; "passive" makes them sleep instead.
    wait = {"OMP_WAIT_POLICY": args.omp_wait_policy} if args.omp_wait_policy else {}
    sides = {
        "learnlm": Side(ours, wait),
        # The same, with glibc's own malloc thresholds: what LearnLM.Bench ran with before it set them (CpuMemory.cs).
        "learnlm_default_malloc": Side(ours, {**wait, "LEARNLM_BENCH_MALLOC": "default"}),
        "pytorch": Side(peer, wait),
        # PyTorch with the same thresholds LearnLM.Bench sets, through glibc's environment variables.
        "pytorch_kept_malloc": Side(peer, {**wait, "MALLOC_MMAP_THRESHOLD_": str(32 << 20), "MALLOC_TRIM_THRESHOLD_": str(64 << 20)}),
    }
    info = {key: side.ask("info") for key, side in sides.items()}
    for key, text in info.items():
        print(f"{key}: {text}", flush=True)
    names = sides["learnlm"].names()
    if any(side.names() != names for side in sides.values()):
        sys.exit("LearnLM and PyTorch list different actions; keep CnnProfile.cs and cnn_profile.py in step.")
    results = []
    for name in names:
        for _ in range(args.warmup):
            for side in sides.values():
                side.ask(name)
        samples = {key: [] for key in sides}
        faults = {key: [] for key in sides}
        cpu = {key: [] for key in sides}
        for run in range(args.runs):
            # Rotate which side goes first, so none always runs right after another.
            order = list(sides.items())
            order = order[run % len(order):] + order[:run % len(order)]
            for key, side in order:
                answer = side.ask(name)
                try:
                    ms, minor, cpu_ms = answer.split()
                    samples[key].append(float(ms))
                    faults[key].append(int(minor))
                    cpu[key].append(float(cpu_ms))
                except ValueError:
                    sys.exit(f"{key} could not run {name!r}: {answer}")
        row = {"name": name, **{key: {**summary(samples[key]), "page_faults": statistics.median(faults[key]),
                                      "cpu_ms": statistics.median(cpu[key])} for key in sides}}
        print(f"{name:56} " + "  ".join(f"{key} {row[key]['median_ms']:8.3f}" for key in sides), flush=True)
        results.append(row)
    for side in sides.values():
        side.close()
    return info, results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[os.cpu_count()],
                        help="one or more thread counts; each is profiled in turn")
    parser.add_argument("--serve", action="store_true", help="answer one action at a time on stdin (the driver starts this)")
    parser.add_argument("--learnlm", help="command that runs LearnLM.Bench, e.g. 'dotnet bench/…/LearnLM.Bench.dll'")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--out")
    parser.add_argument("--omp-wait-policy", choices=["active", "passive"],
                        help="OMP_WAIT_POLICY for every side; 'passive' keeps a loaded machine's 2-thread timings sane")
    args = parser.parse_args()
    if args.serve:
        torch.set_num_threads(args.threads[0])   # Debian's torch defaults to 1 thread
        return serve()
    if not (args.learnlm and args.out):
        parser.error("the driver needs --learnlm and --out")
    profiles = []
    for threads in args.threads:
        sides, results = drive(args, threads)
        profiles.append({"threads": threads, "sides": sides, "results": results})
    with open(args.out + ".tmp", "w") as f:
        json.dump({"learnlm": "LearnLM (TorchSharp 0.107, libtorch 2.10)",
                   "pytorch": f"PyTorch {torch.__version__} (Debian python3-torch), "
                              f"oneDNN {'on' if torch.backends.mkldnn.is_available() and torch.backends.mkldnn.enabled else 'off'}",
                   "runs": args.runs, "profiles": profiles}, f, indent=2)
    os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
