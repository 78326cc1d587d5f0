"""Kernel latency, measured the same way for every kernel through jupyter_client:
cold start (start the kernel process → first `1+1` result on iopub) and warm round trip of a trivial cell
(execute_request sent → execute_reply received and iopub back to idle).

Usage: /usr/bin/python3 kernel_latency.py --kernel csharp-learnlm --kernel python3 --out FILE
"""
import argparse, json, os, statistics, time

from jupyter_client.manager import KernelManager


def run_cell(client, code, timeout=60):
    msg_id = client.execute(code)
    result = None
    deadline = time.monotonic() + timeout
    idle = False
    while not idle:
        msg = client.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            result = msg["content"]["data"].get("text/plain")
        elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
    # jupyter_client's wait_for_ready may have re-sent kernel_info; skip replies to anything but this request.
    while True:
        reply = client.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if reply["parent_header"].get("msg_id") == msg_id:
            return result


def stats(samples):
    return {"median_ms": statistics.median(samples), "min_ms": min(samples), "max_ms": max(samples), "runs": len(samples)}


def measure(kernel_name, cold_runs, warm_runs):
    cold = []
    warm = []
    for i in range(cold_runs):
        start = time.perf_counter()
        km = KernelManager(kernel_name=kernel_name)
        km.start_kernel()
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        result = run_cell(client, "1+1")
        cold.append((time.perf_counter() - start) * 1000)
        assert result is not None and result.strip() == "2", f"{kernel_name}: 1+1 gave {result!r}"
        if i == cold_runs - 1:
            for _ in range(10):
                run_cell(client, "1+1")   # warm-up
            for _ in range(warm_runs):
                t = time.perf_counter()
                run_cell(client, "1+1")
                warm.append((time.perf_counter() - t) * 1000)
        client.stop_channels()
        km.shutdown_kernel(now=True)
    return {"kernel": kernel_name, "cold_start": stats(cold), "warm_1plus1": stats(warm)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", action="append", required=True)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--warm-runs", type=int, default=200)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    results = []
    for name in args.kernel:
        r = measure(name, args.cold_runs, args.warm_runs)
        print(f"{name:16} cold {r['cold_start']['median_ms']:8.1f} ms   warm 1+1 {r['warm_1plus1']['median_ms']:6.2f} ms")
        results.append(r)
    with open(args.out + ".tmp", "w") as f:
        json.dump({"results": results}, f, indent=2)
    os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
