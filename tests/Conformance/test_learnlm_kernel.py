"""Jupyter's own kernel conformance suite (jupyter_kernel_test) against the installed LearnLM kernel.

Run with Debian's Python, which has jupyter_kernel_test, after `learnlm kernel install`:

    /usr/bin/python3 -m unittest -v tests/Conformance/test_learnlm_kernel.py

JUPYTER_PATH selects a kernelspec installed under a prefix; LEARNLM_KERNEL_NAME overrides its name.
"""

import os
import unittest

import jupyter_kernel_test

DISPLAY_HTML = (
    "LearnLM.Kernel.Extensions.Hosts.DisplayContext.Current!.Display(new LearnLM.Kernel.Extensions.Hosts.MimeBundle("
    'new Dictionary<string, string> { ["text/html"] = "<b>hi</b>", ["text/plain"] = "hi" }));'
)


class LearnLMKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("LEARNLM_KERNEL_NAME", "csharp-learnlm")

    language_name = "csharp"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("careful");'

    completion_samples = [
        {"text": "Console.WriteL", "matches": {"WriteLine"}},
        {"text": "Math.Ab", "matches": {"Abs"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 1;", 'Console.WriteLine("a");', "void F() { }"]
    incomplete_code_samples = ["if (true) {", "void F() {", "var xs = new[] { 1,"]
    invalid_code_samples = ["}", "int x = 1; }"]

    code_generate_error = 'throw new InvalidOperationException("boom");'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "1 + 2", "result": "3"},
    ]

    code_display_data = [{"code": DISPLAY_HTML, "mime": "text/html"}]

    code_inspect_sample = "Console"

    # Matches one of code_execute_result (SQLite GLOB, as IPython's history search).
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    # code_page_something: C# has no pager payloads. code_clear_output: hosts have no clear_output yet.


if __name__ == "__main__":
    unittest.main()
