"""Headline results of the chapter series, read from executed notebooks.

    python3 bench/chapter_results.py --full artifacts/chapters-full --quick artifacts/notebooks \
        --out bench/results/chapters-full.json [--update-notebooks notebooks]

Each chapter prints its results; HEADLINES says which printed lines are the headline ones (the last match in the
executed notebook wins). The time is the notebook's own record (metadata.learnlm.duration, written by
`learnlm run`), else the wall time in the folder's times.txt (written by bench/chapters.sh). With
--update-notebooks, each chapter's markdown cell tagged `measured-results` is rewritten (or inserted before its
"Pitfalls"/"Exercises" section) with a quick-vs-full table, so the chapter itself records what it measured.
"""
import argparse, json, os, re, sys
from datetime import datetime, timezone

PCT = r"[\d.]+\s?%"   # .NET's P1 format: "88.9 %" (with a space in the invariant culture)

# chapter prefix -> [(label, regex with one group)]
HEADLINES = {
    "02": [("mean of the dice rolls (exact 3.5)", r"mean of [\d,]+ rolls = ([\d.]+)")],
    "03": [("gradient check, max |analytic − numeric|", r"max \|analytic − numeric\| = (\S+);"),
           ("ManualMlp on XOR, loss", r"ManualMlp on XOR: loss (\S+ → \S+)")],
    "04": [("the 3-2-1 worked example", r"^z1 = \(.*?(ŷ = \S+, L = [\d.]+)")],
    "05": [("SGD test accuracy", rf"SGD η=0\.1\s+train loss \S+, test accuracy ({PCT})"),
           ("Adam (ours) test accuracy", rf"Adam η=0\.01 \(ours\)\s+train loss \S+, test accuracy ({PCT})")],
    "06": [("best validation loss, no dropout", r"no dropout: best validation loss (\S+)"),
           ("best validation loss, dropout", r"dropout:\s+best validation loss (\S+)"),
           ("early stopping", r"early stopping \(patience 5\): (.*)")],
    "07": [("LeNet test accuracy", rf"validation accuracy by epoch: .*; test accuracy ({PCT})")],
    "08": [("course CNN, misaligned labels", rf"test accuracy with misaligned labels: ({PCT})"),
           ("course CNN, labels fixed", rf"measured test accuracy: ({PCT} on [\d,]+ \S+) test images"),
           ("small ResNet (augmented in full mode only)", rf"small ResNet test accuracy: ({PCT})"),
           ("LearnLM CifarCnn (Trainer)", rf"CifarCnn: ({PCT}) test accuracy")],
    "09": [("LSTM sentiment accuracy (library; ours; majority)", rf"LstmClassifier: test accuracy ({PCT} \(ours: {PCT}; majority {PCT}\))")],
    "10": [("Transformer sentiment accuracy (library; ours; majority)", rf"TransformerClassifier: test accuracy ({PCT} \(ours: {PCT}; majority {PCT}\))")],
    "11": [("char GPT validation loss, nats (start → end)", r"validation loss: (\S+) at start"),
           ("", r"validation loss: \S+ at start .*→ (\S+)$"),
           ("validation perplexity", r"validation perplexity (\S+)\)"),
           ("LearnLM MiniGpt training loss (last 10 steps)", r"MiniGpt: training loss .*→ (\S+) \(last 10\)")],
    "12": [("data", r"items — (MovieLens 100K|synthetic MovieLens look-alike)"),
           ("MF test RMSE (biases; global mean)", r"MF test RMSE (\S+ vs biases \S+ vs global mean \S+)"),
           ("NCF HR@10, NDCG@10 (last epoch)", r"epoch \d+: (HR@10 \S+, NDCG@10 \S+)"),
           ("popularity HR@10, NDCG@10", r"popularity: (HR@10 \S+, NDCG@10 \S+)")],
    "13": [("matmul error vs float64: float32, bfloat16", r"n = \d+: float32 (\S+),\s+bfloat16 (\S+),")],
}


def stdout_lines(notebook):
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []) if cell["cell_type"] == "code" else []:
            if output["output_type"] == "stream" and output.get("name") == "stdout":
                text = output["text"] if isinstance(output["text"], str) else "".join(output["text"])
                yield from text.splitlines()


def headlines(prefix, notebook):
    lines = list(stdout_lines(notebook))
    found = []
    for label, pattern in HEADLINES.get(prefix, []):
        matches = [m for m in (re.search(pattern, line) for line in lines) if m]
        if not matches:
            continue
        value = ", ".join(matches[-1].groups())
        if label == "" and found:   # continues the previous headline
            found[-1]["value"] += f" → {value}"
        else:
            found.append({"label": label, "value": value})
    return found


def read_times(folder):
    times = {}
    path = os.path.join(folder, "times.txt")
    for line in open(path) if os.path.exists(path) else []:
        fields = dict(f.split("=", 1) for f in line.split()[1:] if "=" in f)
        if "seconds" in fields:
            load = fields.get("load", "")
            times[line.split()[0]] = {"seconds": float(fields["seconds"]), "rc": int(fields.get("rc", 0)), "load": load}
    return times


def read_series(folder):
    """{prefix: {...}} for each executed chapter in folder."""
    if not folder or not os.path.isdir(folder):
        return {}
    times = read_times(folder)
    series = {}
    for name in sorted(os.listdir(folder)):
        if not re.match(r"\d\d-.*\.ipynb$", name):
            continue
        stem = name[:-len(".ipynb")]
        notebook = json.load(open(os.path.join(folder, name)))
        run = notebook.get("metadata", {}).get("learnlm", {})
        timed = times.get(stem, {})
        errors = any(o["output_type"] == "error" for c in notebook["cells"] if c["cell_type"] == "code" for o in c.get("outputs", []))
        series[stem[:2]] = {
            "notebook": name,
            "seconds": run.get("duration", timed.get("seconds")),
            "succeeded": run.get("succeeded", timed.get("rc", 0) == 0 and not errors),
            "load": timed.get("load"),
            "results": headlines(stem[:2], notebook),
        }
    return series


def duration(entry):
    seconds = (entry or {}).get("seconds")
    if seconds is None:
        return "—"
    text = f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"
    load = (entry or {}).get("load") or ""
    first = float(load.split(",")[0]) if load.split(",")[0].replace(".", "", 1).isdigit() else 0
    # A loaded machine stretches wall time (not results): say so beside the number.
    return text + (f" (load {first:.0f} on {os.cpu_count()} cores)" if first > 1.5 * os.cpu_count() else "")


def table(prefix, quick, full):
    q, f = quick.get(prefix), full.get(prefix)
    labels = [r["label"] for r in (f or q or {}).get("results", [])]
    for r in (q or {}).get("results", []):
        if r["label"] not in labels:
            labels.append(r["label"])
    value = lambda entry, label: next((r["value"] for r in (entry or {}).get("results", []) if r["label"] == label), "—")
    rows = ["| | quick mode | full mode |", "| --- | --- | --- |"]
    rows += [f"| {label} | {value(q, label)} | {value(f, label)} |" for label in labels]
    rows.append(f"| time for the whole chapter | {duration(q)} | {duration(f)} |")
    return rows


def update_notebook(path, rows, measured):
    notebook = json.load(open(path))
    text = "\n".join(["## Measured on this machine", "",
                      "What this chapter printed when it ran headless (`learnlm run`) in quick mode (`--param quick=true`, what CI runs) "
                      "and with its full settings (the defaults in the parameters cell):", ""] + rows + ["", measured])
    cells = notebook["cells"]
    existing = next((i for i, c in enumerate(cells) if "measured-results" in c.get("metadata", {}).get("tags", [])), None)
    cell = {"cell_type": "markdown"}   # keys in nbformat's (alphabetical) order
    if notebook.get("nbformat_minor", 0) >= 5:
        cell["id"] = cells[existing]["id"] if existing is not None else "measured-results"
    cell["metadata"] = {"tags": ["measured-results"]}
    cell["source"] = text.splitlines(keepends=True)
    if existing is not None:
        cells[existing] = cell
    else:
        before = next((i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                       and re.match(r"#+\s*(Pitfalls|Exercises)", "".join(c["source"]).lstrip())), len(cells))
        cells.insert(before, cell)
    with open(path + ".tmp", "w") as f:
        json.dump(notebook, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", help="folder of notebooks executed with quick=false")
    parser.add_argument("--quick", help="folder of notebooks executed with quick=true")
    parser.add_argument("--out", required=True, help="JSON file to write")
    parser.add_argument("--update-notebooks", metavar="DIR", help="rewrite each chapter's 'measured-results' cell in DIR")
    parser.add_argument("--machine-note", default="", help="a sentence about the machine's state during the runs")
    args = parser.parse_args()

    full, quick = read_series(args.full), read_series(args.quick)
    if not full and not quick:
        sys.exit("chapter_results.py: no executed chapters found; run bench/chapters.sh (full) or scripts/main.sh (quick) first.")
    prefixes = sorted(set(full) | set(quick))
    cores = os.cpu_count()
    summary = {
        "measured": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "cores": cores,
        "note": args.machine_note,
        "chapters": [{"chapter": p, "notebook": (full.get(p) or quick.get(p))["notebook"], "quick": quick.get(p), "full": full.get(p)} for p in prefixes],
    }
    with open(args.out + ".tmp", "w") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
        f.write("\n")
    os.replace(args.out + ".tmp", args.out)
    print(f"wrote {args.out}: {len(prefixes)} chapters ({len(full)} full, {len(quick)} quick)")

    if args.update_notebooks:
        measured = f"Measured {summary['measured']} on {cores} CPU cores (`bash bench/chapters.sh`, `bash scripts/main.sh`). {args.machine_note}".strip()
        for p in prefixes:
            path = os.path.join(args.update_notebooks, summary["chapters"][prefixes.index(p)]["notebook"])
            if os.path.exists(path):
                update_notebook(path, table(p, quick, full), measured)
        print(f"updated the measured-results cells in {args.update_notebooks}")


if __name__ == "__main__":
    main()
