#!/usr/bin/env python3
"""What an open live page does while a `fit` runs, for `bench lab`: holds the live view's socket
(lab.js's `openLive`) and decodes every snapshot the server pushes, until its standard input
closes. Prints "connected" once the socket is open (the bench starts its epoch then, as a page
is open before training starts) and, at the end, how many snapshots it received and the CPU
seconds it spent after connecting.

Usage: python3 Benchmarks/Lab/live_page.py ws://127.0.0.1:PORT/api/live/socket
"""

import json
import sys
import threading
import time

import websocket  # websocket-client, which selenium depends on (make setup installs it)


def main():
    # A browser checks a text frame's UTF-8 in native code; websocket-client does it in pure Python,
    # one byte at a time (without the optional wsaccel), which cost this page 0.16 of a core while
    # the epoch ran. json.loads still decodes the bytes strictly.
    socket = websocket.create_connection(sys.argv[1], timeout=30, skip_utf8_validation=True)
    print("connected", flush=True)
    started = time.process_time()
    received = [0]

    def read():
        try:
            while True:
                json.loads(socket.recv())
                received[0] += 1
        except Exception:
            pass

    threading.Thread(target=read, daemon=True).start()
    sys.stdin.read()
    socket.close()
    print(received[0], f"{time.process_time() - started:.4f}", flush=True)


if __name__ == "__main__":
    main()
