#!/usr/bin/env python3
"""The playground's feel, measured on the real page: headless Chromium (Debian's chromium and
chromium-driver, driven by Selenium) plays a 6-8-8-1 network (six input features, two hidden
layers of eight, one output) on 500 points served by a release `neurona-lab`, and counts

- updates per second: redraws of the page with a new frame from the server (the original
  TensorFlow playground redraws once per display refresh, 60 per second);
- epochs per second trained by the server;
- the CPU the browser used (all its processes) and the CPU the server used, each as a share of
  one core over the same seconds.

Prints one JSON object as its last line (read by `bench lab`).

Usage: python3 Benchmarks/Lab/playground_speed.py --lab .build/release/neurona-lab [--seconds 10]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

TICKS = os.sysconf("SC_CLK_TCK")
SETTINGS = "dataset=circles&points=500&features=x1,x2,x1%5E2,x2%5E2,x1x2,sin(x1)&hidden=8,8&activation=tanh"


def cpu_seconds(pid):
    """User + system CPU seconds of one process (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    except (OSError, IndexError, ValueError):
        return 0.0


def browser_processes():
    """The headless Chromium's processes (its own, its renderers and GPU process, whatever their
    parent: Chromium starts its helpers through a zygote)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                # Chromium rewrites its helpers' titles into one space-separated string.
                command = cmdline.read().split(b"\0")[0].split(b" ")[0]
        except OSError:
            continue
        if os.path.basename(command).startswith(b"chromium") or command.endswith(b"/chrome"):
            found.append(int(entry))
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lab", required=True, help="the neurona-lab executable (a release build)")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    args = parser.parse_args()

    server = subprocess.Popen([args.lab, "--port", "0"], stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    if "http://" not in line:
        server.kill()
        sys.exit(f"playground_speed: neurona-lab printed no address: {line!r}")
    address = line.split("http://", 1)[1].split()[0]

    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.get(f"http://{address}#{SETTINGS}")
        end = time.time() + 30
        while time.time() < end and not driver.execute_script("return window.lab && window.lab.session"):
            time.sleep(0.1)
        hidden = driver.execute_script("return window.lab.settings.hidden")
        features = driver.execute_script("return window.lab.settings.features")
        if hidden != [8, 8] or len(features) != 6:
            sys.exit(f"playground_speed: the page did not take the settings (hidden {hidden}, features {features})")
        driver.find_element("id", "play").click()
        time.sleep(args.warmup)

        browser = browser_processes()

        def sample():
            return (time.time(), driver.execute_script("return [window.lab.updates, window.lab.frame.epoch]"),
                    sum(cpu_seconds(p) for p in browser), cpu_seconds(server.pid))

        start = sample()
        time.sleep(args.seconds)
        stop = sample()
        driver.find_element("id", "play").click()
    finally:
        driver.quit()
        server.kill()

    elapsed = stop[0] - start[0]
    print(json.dumps({
        "updates_per_second": (stop[1][0] - start[1][0]) / elapsed,
        "epochs_per_second": (stop[1][1] - start[1][1]) / elapsed,
        "browser_cpu_share": (stop[2] - start[2]) / elapsed,
        "server_cpu_share": (stop[3] - start[3]) / elapsed,
        "seconds": elapsed,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
