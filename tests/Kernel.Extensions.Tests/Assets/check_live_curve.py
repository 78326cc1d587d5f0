#!/usr/bin/python3
"""Runs live-curve.ipynb on the installed `csharp-learnlm` kernel and checks the live curve end to end:
one display id receives display_data and then several update_display_data messages, and the last one carries
a Plotly figure whose train-loss trace has one point per epoch; the model summary, history and image batch
show as LearnLM's formatters draw them.

    /usr/bin/python3 tests/Kernel.Extensions.Tests/Assets/check_live_curve.py [kernel-name]
"""
import json, sys, pathlib
import nbformat
from jupyter_client.manager import start_new_kernel

notebook = nbformat.read(pathlib.Path(__file__).with_name("live-curve.ipynb"), as_version=4)
kernel_name = sys.argv[1] if len(sys.argv) > 1 else notebook.metadata.kernelspec.name
manager, client = start_new_kernel(kernel_name=kernel_name)
try:
    displays, updates, results = {}, {}, []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        msg_id = client.execute(cell.source)
        while True:
            msg = client.get_iopub_msg(timeout=300)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "error":
                sys.exit(f"cell failed: {content['ename']}: {content['evalue']}")
            display_id = content.get("transient", {}).get("display_id") if isinstance(content, dict) else None
            if kind == "display_data" and display_id:
                displays[display_id] = content
            if kind == "execute_result":
                results.append(content["data"])
            if kind == "update_display_data":
                updates.setdefault(display_id, []).append(content)
            if kind == "status" and content["execution_state"] == "idle":
                break
    curve_id = next((d for d in displays if d.startswith("learnlm-training-")), None)
    assert curve_id, f"no training display among {list(displays)}"
    assert len(updates.get(curve_id, [])) >= 3, f"expected several updates, got {len(updates.get(curve_id, []))}"
    figure = updates[curve_id][-1]["data"]["application/vnd.plotly.v1+json"]
    figure = json.loads(figure) if isinstance(figure, str) else figure
    traces = {t["name"]: t for t in figure["data"]}
    assert len(traces["train loss"]["y"]) == 8, traces["train loss"]
    assert any("learnlm-module" in r.get("text/html", "") for r in results), "no model summary table"
    assert any("learnlm-frame" in r.get("text/html", "") and "History" in r.get("text/plain", "") for r in results), "no history table"
    assert "image/png" in results[-1], "the image batch has no grid picture"
    print(f"ok: display {curve_id} updated {len(updates[curve_id])} times; final figure has {len(traces)} traces")
finally:
    client.stop_channels()
    manager.shutdown_kernel(now=True)
    del client, manager   # before interpreter shutdown, where jupyter_client's __del__ cannot log
