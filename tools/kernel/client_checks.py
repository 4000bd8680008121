#!/usr/bin/env python3
"""A Jupyter front end's requests, through jupyter_client, against a kernel.

Usage:
    client_checks.py behaviour KERNEL_NAME   what a learner's actions give, as JSON
    client_checks.py cost KERNEL_NAME [N]    per-cell time and console throughput, as JSON

`behaviour` runs, in one kernel: an interrupt of an endless loop, a cell that
logs then throws, a syntax error, an unhandled promise rejection, `prompt()` answered over
stdin, a display updated by its display_id, completion, inspection and
is-complete requests, a restart, and a cell that ends the kernel's process.
Each result holds what a front end would show: the outputs addressed to the
request before its idle status, and the reply's status.

`cost` times N empty cells (default 100) and one cell of 10,000 console.log
lines, to the last line arriving and to the cell's idle.

Needs only jupyter_client.
"""

import json
import queue
import sys
import time

from jupyter_client.manager import start_new_kernel

POLL = 0.01


class Front:
    """One kernel and its client, seen as a front end sees them."""

    def __init__(self, kernel_name):
        self.manager, self.client = start_new_kernel(kernel_name=kernel_name, startup_timeout=60)

    def close(self):
        self.client.stop_channels()
        if self.manager.has_kernel:
            self.manager.shutdown_kernel(now=True)

    def run(self, code, timeout=30.0, answer=None, interrupt_after=None):
        """Executes `code`; returns the reply's status and the cell's outputs
        (None when no reply came within `timeout`)."""
        msg_id = self.client.execute(code, allow_stdin=answer is not None)
        started = time.monotonic()
        outputs, status, idle, interrupted = [], None, False, False
        while status is None or not idle:
            now = time.monotonic() - started
            if now > timeout or not self.manager.is_alive():
                break
            if interrupt_after is not None and not interrupted and now > interrupt_after:
                self.manager.interrupt_kernel()
                interrupted = True
            if answer is not None:
                try:
                    request = self.client.get_stdin_msg(timeout=0)
                    outputs.append({"input_request": request["content"]["prompt"]})
                    self.client.input(answer)
                except queue.Empty:
                    pass
            if status is None:
                # Once idle has come, only the reply is awaited: wait on it
                # (a reply can come after the idle status on the other socket).
                try:
                    reply = self.client.get_shell_msg(timeout=POLL if idle else 0)
                    if reply["parent_header"].get("msg_id") == msg_id:
                        status = reply["content"]["status"]
                except queue.Empty:
                    pass
            if idle:
                continue
            try:
                message = self.client.get_iopub_msg(timeout=POLL)
            except queue.Empty:
                continue
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "status":
                idle = idle or content["execution_state"] == "idle"
            elif kind == "stream":
                outputs.append({content["name"]: content["text"]})
            elif kind in ("execute_result", "display_data", "update_display_data"):
                outputs.append({kind: content["data"].get("text/plain", "")})
            elif kind == "error":
                outputs.append({"error": content["evalue"]})
        return {"status": status, "idle": idle, "outputs": merge_streams(outputs)}

    def request(self, send):
        """Sends a shell request with `send(client)`; returns its reply's content."""
        msg_id = send(self.client)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                reply = self.client.get_shell_msg(timeout=1)
            except queue.Empty:
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]
        return None


def merge_streams(outputs):
    """Consecutive pieces of one stream as one text, as a front end shows them."""
    merged = []
    for output in outputs:
        (kind, value), = output.items()
        if merged and kind in ("stdout", "stderr") and kind in merged[-1]:
            merged[-1][kind] += value
        else:
            merged.append({kind: value})
    return merged


def behaviour(kernel_name):
    results = {}
    # An interrupt in a kernel of its own: Deno's plain kernel dies of it.
    front = Front(kernel_name)
    try:
        results["interrupt"] = front.run(
            'console.log("spinning"); while (true) {}', timeout=20, interrupt_after=1.0
        )
        time.sleep(0.5)
        results["alive after interrupt"] = front.manager.is_alive()
        if results["alive after interrupt"]:
            results["after interrupt"] = front.run("1 + 1")
    finally:
        front.close()
    front = Front(kernel_name)
    try:
        results["throw after logs"] = front.run(
            'for (let i = 0; i < 3; i++) console.log("line", i);\nthrow new Error("after three lines");'
        )
        results["syntax error"] = front.run('const x = ;\nconsole.log("never")')
        results["unhandled rejection"] = front.run(
            'Promise.reject(new Error("nobody catches this")); console.log("went on")'
        )
        time.sleep(0.5)
        results["after rejection"] = front.run('console.log("next cell")')
        results["prompt"] = front.run(
            'const who = prompt("Your name?"); console.log("hello", who)', answer="Ada"
        )
        results["display updates"] = front.run(
            'await Deno.jupyter.display({ "text/plain": "step 0" }, { raw: true, display_id: "d" });\n'
            "for (let i = 1; i <= 3; i++) {\n"
            '  await Deno.jupyter.display({ "text/plain": `step ${i}` },'
            ' { raw: true, display_id: "d", update: true });\n'
            "}"
        )
        results["complete"] = front.request(lambda c: c.complete("Math.ma", 7))
        results["inspect"] = front.request(lambda c: c.inspect("Math", 4))
        results["is_complete"] = front.request(lambda c: c.is_complete("for (;;) {"))
        results["kernel_info language"] = (front.request(lambda c: c.kernel_info()) or {}).get(
            "language_info", {}
        ).get("name")
        front.run("var remembered = 7")
        front.manager.restart_kernel(now=False)
        front.client.wait_for_ready(timeout=60)
        results["after restart"] = front.run("typeof remembered")
        results["exit"] = front.run("Deno.exit(3)", timeout=5)
        deadline = time.monotonic() + 10
        while front.manager.is_alive() and time.monotonic() < deadline:
            time.sleep(0.1)
        results["alive after exit"] = front.manager.is_alive()
    finally:
        front.close()
    return results


def cost(kernel_name, count):
    front = Front(kernel_name)
    try:
        front.run("0")
        seconds = []
        for _ in range(count):
            started = time.monotonic()
            front.run("")
            seconds.append(time.monotonic() - started)
        seconds.sort()
        lines = 10_000
        msg_id = front.client.execute(f"for (let i = 0; i < {lines}; i++) console.log('line', i);")
        started = time.monotonic()
        received, last_line, idle = 0, None, None
        while received < lines or idle is None:
            try:
                message = front.client.get_iopub_msg(timeout=30)
            except queue.Empty:
                break
            if message["msg_type"] == "stream":
                received += message["content"]["text"].count("line ")
                if received >= lines and last_line is None:
                    last_line = time.monotonic() - started
            elif (
                message["msg_type"] == "status"
                and message["content"]["execution_state"] == "idle"
                and message["parent_header"].get("msg_id") == msg_id
            ):
                idle = time.monotonic() - started
        return {
            "empty_cells": count,
            "median_ms": 1000 * seconds[len(seconds) // 2],
            "worst_ms": 1000 * seconds[-1],
            "lines": lines,
            "lines_received": received,
            "last_line_s": last_line,
            "idle_s": idle,
        }
    finally:
        front.close()


def main(argv):
    if len(argv) < 2 or argv[0] not in ("behaviour", "cost"):
        print(__doc__, file=sys.stderr)
        return 2
    if argv[0] == "behaviour":
        result = behaviour(argv[1])
    else:
        result = cost(argv[1], int(argv[2]) if len(argv) > 2 else 100)
    json.dump(result, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
