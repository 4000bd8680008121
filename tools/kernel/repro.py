#!/usr/bin/env python3
"""Minimal reproduction: Deno's Jupyter kernel sends a cell's console output
after the cell's `idle` status, or under the next request.

Usage: repro.py [KERNEL_NAME] [ROUNDS]   (defaults: deno 20)

Each round sends two execute requests back to back, as a front end's
"Run All" does: the first logs 300 lines with console.log, the second is `1`.
A front end gives a cell the messages whose parent header is that cell's
request and that arrive before its `idle` status. The script counts the first
cell's lines that a front end would lose (after `idle`) or show under the
second cell (wrong parent header).

Expected: 0 and 0 in every round, since the messaging protocol has a kernel
publish a request's output before that request's `idle` status. Deno 2.9.6
gives non-zero counts in most rounds: its kernel publishes `execute_reply`
and `idle` without waiting for the queue that carries console output from
the evaluating thread to the IOPub socket, and tags each queued message with
the request current when it is finally sent.

Needs only jupyter_client. Exit status 1 when any line was misplaced.
"""

import sys

from jupyter_client.manager import start_new_kernel

LINES = 300
FIRST = f"for (let i = 0; i < {LINES}; i++) console.log('line ' + i);"
SECOND = "1"


def one_round(client):
    first = client.execute(FIRST)
    second = client.execute(SECOND)
    idle = set()
    late = misplaced = on_time = 0
    while idle != {first, second}:
        message = client.get_iopub_msg(timeout=60)
        parent = message["parent_header"].get("msg_id")
        kind = message["msg_type"]
        if kind == "status" and message["content"]["execution_state"] == "idle":
            idle.add(parent)
        elif kind == "stream":
            count = message["content"]["text"].count("line ")
            if parent == second:
                misplaced += count
            elif first in idle:
                late += count
            else:
                on_time += count
    # Anything still queued arrives after both cells ended.
    while True:
        try:
            message = client.get_iopub_msg(timeout=2)
        except Exception:  # queue.Empty
            break
        if message["msg_type"] == "stream":
            late += message["content"]["text"].count("line ")
    return on_time, late, misplaced


def main():
    kernel_name = sys.argv[1] if len(sys.argv) > 1 else "deno"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    manager, client = start_new_kernel(kernel_name=kernel_name)
    bad_rounds = 0
    try:
        for number in range(1, rounds + 1):
            on_time, late, misplaced = one_round(client)
            if late or misplaced:
                bad_rounds += 1
            print(
                f"round {number}: {on_time} of {LINES} lines in their cell, "
                f"{late} after its idle status, {misplaced} under the next request"
            )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    print(f"{bad_rounds} of {rounds} rounds misplaced output")
    return 1 if bad_rounds else 0


if __name__ == "__main__":
    sys.exit(main())
