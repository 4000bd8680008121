#!/usr/bin/env python3
"""Execute a notebook top to bottom in a fresh kernel and save its outputs.

Usage:
    execute_notebook.py INPUT OUTPUT [options]
    execute_notebook.py INPUT --inplace [options]

A cell's outputs are the IOPub messages addressed to its request that arrive
before its `idle` status, as every Jupyter front end takes them. The course's
kernel (tools/kernel/) makes that hold for Deno; with Deno's plain kernel
(`--kernel-name deno`) console output can arrive late or under the next cell,
and this executor records exactly what a front end would show.

With --continue-after-timeout, a cell that runs past --timeout is stopped
and execution goes on: Deno's kernel (2.9.6) dies on SIGINT, but an
`interrupt_request` on the control channel ends a running synchronous
computation (an endless loop) and keeps the kernel and its state. It cannot
end a wait on a promise that never settles; then the kernel is restarted and
the cells before are run again, silently, to rebuild the state. Either way the
cell gets a TimeoutError output.

Exit status: 0 on success; 1 when a cell raises (without --allow-errors),
times out (without --continue-after-timeout), or the kernel dies; 2 on bad arguments; 3 when --run-twice finds an
error in the second run (the notebook with the first run's outputs is still
written).

Needs only the standard library, jupyter_client and nbformat.
"""

import argparse
import json
import os
import queue
import re
import subprocess
import sys
import tempfile
import time
import uuid
import warnings

import nbformat
from jupyter_client import KernelManager
from jupyter_client.kernelspec import NoSuchKernel

# What the saved notebook says about its kernel: the course's kernel, which
# `tools/setup.sh` registers, whatever kernelspec ran it here.
COURSE_KERNELSPEC = {
    "display_name": "Deno (nn-from-scratch)",
    "language": "typescript",
    "name": "nn-from-scratch",
}

# Iopub message types that become (or change) cell outputs.
OUTPUT_MESSAGE_TYPES = {
    "stream",
    "display_data",
    "execute_result",
    "error",
    "update_display_data",
    "clear_output",
}

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# How long to poll one channel before looking at the other and the clock.
POLL_SECONDS = 0.05

EXIT_CELL_FAILED = 1
EXIT_SECOND_RUN_FAILED = 3

# How long an interrupted cell may take to give up before the kernel is restarted.
INTERRUPT_GRACE_SECONDS = 5.0


class ExecutionFailure(Exception):
    """A cell raised, timed out, or the kernel died; the message says which."""


class CellRun:
    """What one execution of one code cell produced."""

    def __init__(self, outputs, execution_count, seconds, error, restarted=False):
        self.outputs = outputs
        self.execution_count = execution_count
        self.seconds = seconds
        # (ename, evalue, traceback) when the cell raised, else None.
        self.error = error
        # The cell timed out and the kernel had to be restarted (its state is gone).
        self.restarted = restarted


class DenoSession:
    """A running kernel plus the bookkeeping that assigns output to cells."""

    def __init__(
        self,
        kernel_name,
        cwd,
        timeout,
        startup_timeout,
        continue_after_timeout=False,
    ):
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.continue_after_timeout = continue_after_timeout
        # The kernel's own stderr ("deno jupyter is unstable", panics) goes to
        # a file so that it never mixes with our stdout, and so that it can be
        # quoted when the kernel dies.
        self.kernel_log = tempfile.TemporaryFile(mode="w+b")
        self.manager = KernelManager(kernel_name=kernel_name)
        self.manager.start_kernel(
            cwd=cwd, stdout=subprocess.DEVNULL, stderr=self.kernel_log
        )
        self.client = self.manager.client()
        self.client.start_channels()
        try:
            self.client.wait_for_ready(timeout=startup_timeout)
        except RuntimeError as error:
            log_tail = self._kernel_log_tail()
            self.close()
            raise ExecutionFailure(
                f"the kernel did not start within {startup_timeout} s: {error}{log_tail}"
            ) from error
        self.language_info = self._language_info()
        # display_id -> the outputs showing it, for update_display_data.
        self.displays = {}

    def _language_info(self):
        msg_id = self.client.kernel_info()
        reply = self._wait_for_reply(msg_id, time.monotonic() + self.timeout, None)
        return reply["content"].get("language_info", {}) if reply else {}

    def close(self):
        """Stops the channels and the kernel; safe to call more than once."""
        try:
            self.client.stop_channels()
        finally:
            if self.manager.has_kernel:
                self.manager.shutdown_kernel(now=True)
            self.kernel_log.close()

    def _kernel_log_tail(self):
        try:
            self.kernel_log.seek(0)
            text = self.kernel_log.read().decode("utf-8", "replace")
        except (OSError, ValueError):
            return ""
        lines = [line for line in text.splitlines() if "is unstable" not in line]
        if not lines:
            return ""
        return "\nkernel stderr:\n" + "\n".join(lines[-20:])

    def _check_alive(self, what):
        if not self.manager.is_alive():
            raise ExecutionFailure(f"the kernel died while {what}" + self._kernel_log_tail())

    def _wait_for_reply(self, msg_id, deadline, iopub_sink, what="starting"):
        """Returns the shell reply to `msg_id`, meanwhile moving iopub messages
        into `iopub_sink` (so a chatty cell cannot overflow the socket's queue).
        Returns None when `deadline` passes first."""
        while True:
            if iopub_sink is not None:
                self._drain_iopub(iopub_sink)
            try:
                reply = self.client.get_shell_msg(timeout=POLL_SECONDS)
            except queue.Empty:
                if time.monotonic() > deadline:
                    return None
                self._check_alive(what)
                continue
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply

    def _drain_iopub(self, sink):
        while True:
            try:
                sink.append(self.client.get_iopub_msg(timeout=0))
            except queue.Empty:
                return

    def run_cell(self, source, cell_label):
        """Executes `source` and returns a CellRun with everything it printed."""
        started = time.monotonic()
        msg_id = self.client.execute(
            source, silent=False, store_history=True, allow_stdin=False, stop_on_error=False
        )
        deadline = started + self.timeout
        messages = []
        reply = self._wait_for_reply(msg_id, deadline, messages, "running " + cell_label)
        if reply is None:
            if self.continue_after_timeout:
                return self._stop_cell(msg_id, messages, started, cell_label)
            self._interrupt()
            raise ExecutionFailure(
                f"{cell_label} timed out: no reply within {self.timeout} s "
                "(raise it with --timeout SECONDS)"
            )
        seconds = time.monotonic() - started
        content = reply["content"]
        error = None
        if content.get("status") == "error":
            error = (
                content.get("ename", ""),
                content.get("evalue", ""),
                content.get("traceback", []),
            )
        elif content.get("status") != "ok":
            error = ("KernelError", f"execute_reply status {content.get('status')!r}", [])
        self._wait_for_idle(msg_id, messages, cell_label)
        outputs = self._outputs_from([m for m in messages if _parent_id(m) == msg_id])
        return CellRun(outputs, content.get("execution_count"), seconds, error)

    def _wait_for_idle(self, msg_id, messages, cell_label):
        """Moves IOPub messages into `messages` until the `idle` status of
        request `msg_id` has arrived."""

        def is_idle(message):
            return (
                _parent_id(message) == msg_id
                and message["msg_type"] == "status"
                and message["content"].get("execution_state") == "idle"
            )

        deadline = time.monotonic() + max(30.0, min(self.timeout, 120.0))
        if any(is_idle(m) for m in messages):
            return
        while True:
            try:
                message = self.client.get_iopub_msg(timeout=POLL_SECONDS)
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise ExecutionFailure(f"{cell_label}: no idle status after its reply")
                self._check_alive("waiting for the end of " + cell_label)
                continue
            messages.append(message)
            if is_idle(message):
                return

    def _interrupt(self):
        try:
            self.manager.interrupt_kernel()
        except Exception:  # noqa: BLE001 - best effort before shutting down
            pass

    def _stop_cell(self, msg_id, messages, started, cell_label):
        """Stops a cell that ran past the timeout (--continue-after-timeout):
        an interrupt_request first, a restart when the kernel does not answer
        within INTERRUPT_GRACE_SECONDS. Returns the cell's CellRun, with a
        TimeoutError and `restarted` set when the kernel's state is gone."""
        limit = f"{self.timeout:g} s"
        self.client.control_channel.send(self.client.session.msg("interrupt_request", {}))
        deadline = time.monotonic() + INTERRUPT_GRACE_SECONDS
        reply = self._wait_for_reply(msg_id, deadline, messages, "interrupting " + cell_label)
        seconds = time.monotonic() - started
        if reply is not None:
            self._wait_for_idle(msg_id, messages, cell_label)
            # The kernel's own error for the interrupt gives way to ours.
            messages = [
                message
                for message in messages
                if _parent_id(message) == msg_id and message["msg_type"] != "error"
            ]
            error = ("TimeoutError", f"stopped after {limit}, the time limit of a cell", [])
            outputs = self._outputs_from(messages)
            outputs.append(_error_output(error))
            return CellRun(outputs, reply["content"].get("execution_count"), seconds, error)
        self._restart()
        error = (
            "TimeoutError",
            f"stopped after {limit}, the time limit of a cell; the kernel did not stop it "
            "and was restarted",
            [],
        )
        outputs = self._outputs_from(messages)
        outputs.append(_error_output(error))
        return CellRun(outputs, None, seconds, error, restarted=True)

    def _restart(self):
        self.manager.restart_kernel(now=True)
        self.client.wait_for_ready(timeout=self.startup_timeout)
        self._drain_iopub([])

    def _outputs_from(self, messages):
        """Turns iopub messages into nbformat outputs, as nbclient does."""
        outputs = []
        clear_before_next = False
        for message in messages:
            kind = message["msg_type"]
            if kind not in OUTPUT_MESSAGE_TYPES:
                continue
            content = message["content"]
            if kind == "clear_output":
                if content.get("wait"):
                    clear_before_next = True
                else:
                    outputs.clear()
                continue
            if kind == "update_display_data":
                self._update_display(content)
                continue
            if clear_before_next:
                outputs.clear()
                clear_before_next = False
            if kind == "stream":
                last = outputs[-1] if outputs else None
                if last and last["output_type"] == "stream" and last["name"] == content["name"]:
                    last["text"] += content["text"]
                else:
                    outputs.append(
                        nbformat.v4.new_output("stream", name=content["name"], text=content["text"])
                    )
            elif kind == "error":
                outputs.append(
                    nbformat.v4.new_output(
                        "error",
                        ename=content["ename"],
                        evalue=content["evalue"],
                        traceback=content["traceback"],
                    )
                )
            else:
                output = nbformat.v4.new_output(
                    kind, data=content.get("data", {}), metadata=content.get("metadata", {})
                )
                if kind == "execute_result":
                    output["execution_count"] = content.get("execution_count")
                display_id = (content.get("transient") or {}).get("display_id")
                if display_id:
                    self.displays.setdefault(display_id, []).append(output)
                outputs.append(output)
        return outputs

    def _update_display(self, content):
        """Updates every output showing that display id, in any cell, as a
        live notebook would; an update for an unknown id changes nothing."""
        display_id = (content.get("transient") or {}).get("display_id")
        for output in self.displays.get(display_id, []):
            output["data"] = content.get("data", {})
            output["metadata"] = content.get("metadata", {})


def _parent_id(message):
    return message["parent_header"].get("msg_id")


def _error_output(error):
    ename, evalue, traceback = error
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=traceback)


def strip_ansi(text):
    return ANSI_ESCAPE.sub("", text)


def describe_error(cell_label, source, error):
    ename, evalue, traceback = error
    shown_source = "\n".join("    " + line for line in source.splitlines()[:8])
    trace = strip_ansi("\n".join(traceback)) if traceback else f"{ename}: {evalue}"
    return (
        f"{cell_label} raised {ename}: {strip_ansi(evalue)}\n"
        f"  source:\n{shown_source}\n"
        f"  traceback:\n{trace}"
    )


def read_notebook(path):
    """Reads a notebook as nbformat 4.5, giving cells without one an id."""
    with open(path, encoding="utf-8") as handle:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notebook = nbformat.read(handle, as_version=4)
    if notebook.nbformat_minor < 5:
        notebook.nbformat_minor = 5
    for cell in notebook.cells:
        if "id" not in cell:
            cell["id"] = uuid.uuid4().hex[:8]
    return notebook


def write_notebook(notebook, path):
    """Writes atomically (temp file + rename) so a failed write never leaves
    half a notebook, which matters with --inplace."""
    directory = os.path.dirname(os.path.abspath(path))
    descriptor, temp_path = tempfile.mkstemp(prefix=".executing-", suffix=".ipynb", dir=directory)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            nbformat.write(notebook, handle)
        os.replace(temp_path, path)
    except BaseException:
        if os.path.exists(temp_path):
            os.unlink(temp_path)
        raise


def code_cells(notebook):
    """(notebook index, cell) of every code cell with something to run;
    empty cells are left alone, as nbclient does."""
    return [
        (index, cell)
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and cell.source.strip()
    ]


def run_all(session, notebook, allow_errors, run_name, progress_path=None):
    """Runs every code cell once; returns the timing records. Outputs and
    execution counts are stored in the cells. Raises ExecutionFailure on the
    first error unless `allow_errors`. With `progress_path`, that file says
    which code cell is running ("<position from 1> <code cells>")."""
    timings = []
    cells = code_cells(notebook)
    timed_out = set()
    for position, (index, cell) in enumerate(cells):
        label = f"cell {index} (code cell {position}, both counted from 0{run_name})"
        if progress_path:
            with open(progress_path, "w", encoding="utf-8") as handle:
                handle.write(f"{position + 1} {len(cells)}\n")
        run = session.run_cell(cell.source, label)
        if run.error and run.error[0] == "TimeoutError":
            timed_out.add(position)
        if run.restarted:
            # A fresh kernel: the cells before run again (their outputs are
            # already saved; those that timed out are left out), so that the
            # cells after find what they define.
            for earlier_position, (_, earlier) in enumerate(cells[:position]):
                if earlier_position not in timed_out:
                    session.run_cell(earlier.source, label + ", run again after a restart")
        cell.outputs = run.outputs
        cell.execution_count = run.execution_count
        timings.append(
            {
                "cell": index,
                "execution_count": run.execution_count,
                "seconds": round(run.seconds, 4),
            }
        )
        # A cell tagged "raises-exception" (nbclient's convention) may raise.
        expected = "raises-exception" in cell.metadata.get("tags", [])
        if run.error and not allow_errors and not expected:
            raise ExecutionFailure(describe_error(label, cell.source, run.error))
    return timings


def clear_outputs(notebook):
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Execute a notebook top to bottom in a fresh Deno kernel, "
        "keeping every line of console output."
    )
    parser.add_argument("input", help="notebook to execute")
    parser.add_argument("output", nargs="?", help="where to write the executed notebook")
    parser.add_argument("--inplace", action="store_true", help="overwrite the input notebook")
    parser.add_argument(
        "--kernel-name",
        default="nn-from-scratch",
        help="kernelspec to start (default: nn-from-scratch, the course's kernel)",
    )
    parser.add_argument(
        "--cwd", help="kernel working directory (default: the notebook's directory)"
    )
    parser.add_argument(
        "--allow-errors", action="store_true", help="keep going after a cell raises"
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds allowed per cell (default: 600)"
    )
    parser.add_argument(
        "--continue-after-timeout",
        action="store_true",
        help="stop a cell that runs too long (interrupt, else restart the kernel and run the "
        "cells before again) and go on; the cell gets a TimeoutError output",
    )
    parser.add_argument(
        "--progress",
        metavar="PATH",
        help="keep in PATH which code cell is running: '<position from 1> <code cells>'",
    )
    parser.add_argument(
        "--startup-timeout",
        type=float,
        default=120.0,
        help="seconds allowed for the kernel to start (default: 120)",
    )
    parser.add_argument(
        "--times", metavar="PATH", help="write per-cell timings as JSON to PATH ('-' for stdout)"
    )
    parser.add_argument(
        "--run-twice",
        action="store_true",
        help="run all cells, then all again in the same kernel; the first run's outputs are saved "
        "and an error in the second run is reported (exit status 3)",
    )
    arguments = parser.parse_args(argv)
    if arguments.inplace == bool(arguments.output):
        parser.error("give either an OUTPUT path or --inplace")
    return arguments


def main(argv):
    arguments = parse_arguments(argv)
    output_path = arguments.input if arguments.inplace else arguments.output
    notebook = read_notebook(arguments.input)
    clear_outputs(notebook)
    cwd = arguments.cwd or os.path.dirname(os.path.abspath(arguments.input))

    started = time.monotonic()
    second_run_error = None
    try:
        session = DenoSession(
            arguments.kernel_name,
            cwd,
            arguments.timeout,
            arguments.startup_timeout,
            arguments.continue_after_timeout,
        )
    except NoSuchKernel:
        print(
            f"{arguments.input}: no kernelspec named {arguments.kernel_name!r}; "
            "register the course's with tools/setup.sh (deno task kernel)",
            file=sys.stderr,
        )
        return EXIT_CELL_FAILED
    except (ExecutionFailure, OSError) as failure:
        print(f"{arguments.input}: could not start the kernel: {failure}", file=sys.stderr)
        return EXIT_CELL_FAILED
    startup_seconds = time.monotonic() - started
    try:
        timings = run_all(session, notebook, arguments.allow_errors, "", arguments.progress)
        if arguments.run_twice:
            first_run = json.loads(nbformat.writes(notebook))
            try:
                run_all(session, notebook, False, ", second run")
            except ExecutionFailure as failure:
                second_run_error = str(failure)
            notebook = nbformat.from_dict(first_run)
    except ExecutionFailure as failure:
        print(f"{arguments.input}: {failure}", file=sys.stderr)
        return EXIT_CELL_FAILED
    finally:
        language_info = session.language_info
        session.close()

    notebook.metadata["kernelspec"] = dict(COURSE_KERNELSPEC)
    notebook.metadata["language_info"] = language_info
    write_notebook(notebook, output_path)

    if arguments.times:
        report = {
            "notebook": arguments.input,
            "kernel_start_seconds": round(startup_seconds, 4),
            "total_seconds": round(time.monotonic() - started, 4),
            "cells": timings,
        }
        if arguments.times == "-":
            json.dump(report, sys.stdout, indent=1)
            sys.stdout.write("\n")
        else:
            with open(arguments.times, "w", encoding="utf-8") as handle:
                json.dump(report, handle, indent=1)
    if second_run_error:
        print(f"{arguments.input}: second run: {second_run_error}", file=sys.stderr)
        return EXIT_SECOND_RUN_FAILED
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
