#!/usr/bin/env python3
"""The lab in a real browser: headless Chromium (Debian's chromium + chromium-driver) driven by
Selenium, against the debug build's `neurona-lab` and `samples fashion-mnist --live`.

Each check prints `ok <name>: …` or `FAIL <name>: …`; the last line is
`lab-browser-checks: N passed, M failed` and the exit status is non-zero on a failure.
Screenshots go to --screenshots (default .build/lab-screenshots): the test artifacts, two of
which README shows (Plugins/NeuronaLab/Screenshots, refreshed with --update-readme-screenshots).

Usage: Scripts/lab-browser-checks.sh   (builds nothing; `swift build --build-tests` first)
"""

import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import Select

ROOT = Path(__file__).resolve().parent.parent


class Check(Exception):
    """A check that did not hold, with what was seen."""


def wait(condition, timeout, what):
    """Polls `condition` until it returns something true; raises Check naming `what` on timeout."""
    end = time.time() + timeout
    last = None
    while time.time() < end:
        try:
            last = condition()
            if last:
                return last
        except Exception as error:  # the page is still loading: try again
            last = error
        time.sleep(0.1)
    raise Check(f"timed out after {timeout} s waiting for {what} (last: {last!r})")


def start(command, pattern, timeout=120, stdin=None):
    """Starts a process and returns it with the first stdout line containing `pattern`."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=stdin, text=True, cwd=ROOT)
    end = time.time() + timeout
    seen = []
    while time.time() < end:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        if pattern in line:
            return process, line
    process.kill()
    raise Check(f"{' '.join(command)} printed no '{pattern}': {''.join(seen[-20:])}")


class Browser:
    def __init__(self, screenshots, work):
        # Chromium's files go into `work`, which main removes: its profile, and its $TMPDIR, where
        # it makes the folder of its SingletonSocket. Left to itself (a profile that chromedriver
        # makes and deletes), every run left one /tmp/org.chromium.Chromium.* folder behind.
        profile, scratch = work / "chromium-profile", work / "chromium-tmp"
        scratch.mkdir()
        options = webdriver.ChromeOptions()
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                         f"--user-data-dir={profile}"]:
            options.add_argument(argument)
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver", env={**os.environ, "TMPDIR": str(scratch)})
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_script_timeout(30)
        self.screenshots = screenshots

    def js(self, script, *arguments):
        return self.driver.execute_script(script, *arguments)

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def count(self, selector):
        return len(self.driver.find_elements(By.CSS_SELECTOR, selector))

    def shot(self, name):
        path = self.screenshots / name
        self.driver.save_screenshot(str(path))
        return path

    def error(self):
        return self.js("return document.getElementById('error').classList.contains('shown') ? document.getElementById('error-text').textContent : ''")

    def epoch(self):
        return self.js("return lab.frame ? lab.frame.epoch : -1")

    def idle(self):
        """Waits for the page's last request to be answered."""
        wait(lambda: self.js("return lab.frame !== null && !lab.busy && lab.pending === 0"), 20, "the page to settle")

    def links(self):
        """How many weight lines the page laid out, and how many of them its links canvas shows
        (a painted pixel at the line's midpoint, which is the midpoint of its ends)."""
        return self.js("const c = document.getElementById('links').getContext('2d');"
                       "return [lab.links.length, lab.links.filter(l => c.getImageData(Math.floor((l.x1 + l.x2) / 2),"
                       " Math.floor((l.y1 + l.y2) / 2), 1, 1).data[3] > 0).length];")

    def canvas_pixels(self, selector):
        return self.js("const c = document.querySelector(arguments[0]);"
                       "return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data);", selector)


def changed_fraction(before, after):
    """The fraction of pixels (RGBA groups) that differ."""
    pixels = len(before) // 4
    return sum(1 for i in range(pixels) if before[4 * i:4 * i + 3] != after[4 * i:4 * i + 3]) / max(1, pixels)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True, help="the folder of the debug build's executables")
    parser.add_argument("--screenshots", default=str(ROOT / ".build" / "lab-screenshots"))
    parser.add_argument("--update-readme-screenshots", action="store_true")
    arguments = parser.parse_args()
    screenshots = Path(arguments.screenshots)
    screenshots.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="lab-browser-checks-"))
    # `timeout` in lab-browser-checks.sh ends a run that hangs with SIGTERM, which would end Python
    # at once; as an exception it runs the `finally` below, which removes `work`. Once only: timeout
    # signals the whole process group (the browser, the servers) right after Python, and a second
    # exception would cut the cleanup short.
    def terminated(number, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sys.exit(128 + number)
    signal.signal(signal.SIGTERM, terminated)
    processes = []
    results = {"passed": 0, "failed": 0}
    browser = None

    def check(name, body):
        started = time.time()
        try:
            detail = body()
            print(f"ok   {name}: {detail} ({time.time() - started:.1f} s)", flush=True)
            results["passed"] += 1
        except Exception as error:
            message = str(error).strip().splitlines()
            print(f"FAIL {name}: {type(error).__name__}: {message[0] if message else ''}", flush=True)
            if not isinstance(error, Check) and "selenium" not in type(error).__module__:
                traceback.print_exc()
            if browser:
                try:
                    browser.shot(f"failed-{name}.png")
                except Exception:
                    pass
            results["failed"] += 1

    try:
        lab, line = start([str(Path(arguments.bin) / "neurona-lab"), "--port", "0"], "Neurona lab: http://")
        processes.append(lab)
        url = line.split("Neurona lab: ")[1].split()[0]
        browser = Browser(screenshots, work)
        b = browser
        state = {}

        def loads():
            b.driver.get(url)
            wait(lambda: b.epoch() == 0, 20, "the first frame")
            hidden, (weights, drawn) = b.count("canvas.hidden-neuron"), b.links()
            # 2 features → 4 → 2 → 1: 2·4 + 4·2 + 2·1 = 18 weights.
            if hidden != 6 or weights != 18 or drawn != 18:
                raise Check(f"6 hidden neurons and 18 weight lines expected, saw {hidden} and {weights} ({drawn} drawn)")
            b.shot("playground-start.png")
            return f"{hidden} neuron heatmaps, {weights} weight lines at {url}"

        def change_network():
            b.find('#datasets button[data-dataset="xor"]').click()
            b.idle()
            b.find('canvas.feature[data-feature="x1x2"]').click()
            b.idle()
            b.find("#add-layer").click()
            b.idle()
            b.find('.layer[data-layer="0"] button[data-act="add"]').click()
            b.idle()
            settings = b.js("return lab.settings")
            hidden, (weights, drawn) = b.count("canvas.hidden-neuron"), b.links()
            # 3 features → 5 → 2 → 2 → 1: 15 + 10 + 4 + 2 = 31 weights.
            if (settings["hidden"] != [5, 2, 2] or settings["features"] != ["x1", "x2", "x1x2"] or hidden != 9 or weights != 31
                    or drawn != 31):
                raise Check(f"settings {settings['hidden']} {settings['features']}, {hidden} neurons, {weights} lines ({drawn} drawn)")
            link = b.js("return location.hash")
            for part in ["dataset=xor", "features=x1%2Cx2%2Cx1x2", "hidden=5%2C2%2C2"]:
                if part not in link:
                    raise Check(f"the link {link} lacks {part}")
            if b.error():
                raise Check("error shown: " + b.error())
            return f"xor, features x1 x2 x1x2, layers 5-2-2 ({weights} weights); link {link[:60]}…"

        def play():
            loss0 = float(b.js("return Number(lab.frame.measurement.testLoss)"))
            output0 = b.canvas_pixels("#output")
            neuron0 = b.canvas_pixels('canvas.hidden-neuron[data-layer="0"][data-neuron="0"]')
            b.find("#play").click()
            wait(lambda: b.epoch() >= 60, 40, "60 epochs")
            b.find("#play").click()
            b.idle()
            loss1 = float(b.js("return Number(lab.frame.measurement.testLoss)"))
            output1 = b.canvas_pixels("#output")
            neuron1 = b.canvas_pixels('canvas.hidden-neuron[data-layer="0"][data-neuron="0"]')
            out_changed, neuron_changed = changed_fraction(output0, output1), changed_fraction(neuron0, neuron1)
            if not loss1 < loss0:
                raise Check(f"test loss {loss0} → {loss1} did not fall")
            if out_changed < 0.05 or neuron_changed < 0.05:
                raise Check(f"heatmaps hardly changed: output {out_changed:.2%}, neuron {neuron_changed:.2%} of pixels")
            curve = b.js("return lab.history.length")
            b.js("document.getElementById('show-test').click()")
            b.shot("playground-trained.png")
            state["trained_loss"] = b.find("#test-loss").text
            return (f"epoch {b.epoch()}: test loss {loss0:.3f} → {loss1:.3f}; {out_changed:.0%} of the output's and "
                    f"{neuron_changed:.0%} of a neuron's pixels changed; {curve} loss-curve points; "
                    f"{b.find('#speed').text}")

        def hover():
            # The line farthest from any other at its midpoint, so that the mouse there is on it alone.
            line = b.js("""
                const middle = l => [(l.x1 + l.x2) / 2, (l.y1 + l.y2) / 2];
                const apart = l => Math.min(...lab.links.filter(o => o !== l)
                    .flatMap(o => o.along.map(([x, y]) => Math.hypot(x - middle(l)[0], y - middle(l)[1]))));
                const link = lab.links.reduce((a, l) => apart(l) > apart(a) ? l : a);
                const canvas = document.getElementById('links'), box = canvas.getBoundingClientRect(), [x, y] = middle(link);
                return {x: box.left + x, y: box.top + y, apart: apart(link), weight: lab.frame.weights[link.layer][link.from][link.to],
                        pixel: Array.from(canvas.getContext('2d').getImageData(Math.floor(x), Math.floor(y), 1, 1).data)};""")
            # Drawn in its sign's colour: blue (8, 119, 189) for positive, orange (245, 147, 34) for negative.
            red, _, blue, alpha = line["pixel"]
            if alpha == 0 or (blue > red) != (line["weight"] >= 0):
                raise Check(f"the line of weight {line['weight']} is drawn as {line['pixel']}")
            actions = ActionBuilder(b.driver)
            actions.pointer_action.move_to_location(round(line["x"]), round(line["y"]))
            actions.perform()
            tip = wait(lambda: b.find("#weight-tip").is_displayed() and b.find("#weight-tip").text, 5, "the weight's tooltip")
            shown = float(tip.split()[-1])
            if abs(shown - line["weight"]) > 0.0005 + 1e-9:    # shown with 3 decimals
                raise Check(f"tooltip {tip!r} for weight {line['weight']}")
            return f"{tip!r} over the line of weight {line['weight']:.5f} ({line['apart']:.0f} px from any other), drawn {line['pixel']}"

        def settings_reset():
            # As in the TensorFlow playground: a new activation pauses and starts a new network...
            b.find("#play").click()
            wait(lambda: b.epoch() >= 20, 30, "20 epochs")
            trained = b.js("return JSON.stringify(lab.frame.weights)")
            Select(b.find("#activation")).select_by_visible_text("relu")
            wait(lambda: b.epoch() == 0 and "activation tanh → relu" in b.find("#network-note").text, 10, "the new network")
            b.idle()
            fresh = b.js("return {playing: lab.playing, activation: lab.frame.settings.activation, points: lab.history.length,"
                         " weights: JSON.stringify(lab.frame.weights)}")
            if (fresh["playing"] or b.find("#play").text != "▶" or fresh["activation"] != "relu" or fresh["points"] != 1
                    or fresh["weights"] == trained or b.find("#epoch").text != "000,000" or b.error()):
                raise Check(f"after the change: {b.find('#play').text} {b.find('#epoch').text} {fresh['activation']}, "
                            f"{fresh['points']} loss points, weights {'kept' if fresh['weights'] == trained else 'new'}, error {b.error()!r}")
            note = b.find("#network-note").text
            # ... and a new learning rate changes the network's training, not the network.
            b.find("#step").click()
            wait(lambda: b.epoch() == 1, 10, "one epoch")
            stepped = b.js("return JSON.stringify(lab.frame.weights)")
            Select(b.find("#learningRate")).select_by_visible_text("0.1")
            wait(lambda: b.js("return lab.frame.settings.learningRate") == 0.1, 10, "the server to take learning rate 0.1")
            b.idle()
            if b.epoch() != 1 or b.js("return JSON.stringify(lab.frame.weights)") != stepped or b.js("return lab.history.length") != 2:
                raise Check(f"the learning rate's change moved the network: epoch {b.epoch()}, {b.js('return lab.history.length')} points")
            if "the same network trains on" not in b.find("#network-note").text:
                raise Check(f"the note says {b.find('#network-note').text!r}")
            return f"{note!r}; then {b.find('#network-note').text!r} at epoch 1"

        def export_import():
            session = b.js("return lab.session")
            files = {}
            for fmt, name in [("json", "model.json"), ("safetensors", "model.safetensors"), ("swift", "Model.swift")]:
                with urllib.request.urlopen(f"{url}api/playground/export?session={session}&format={fmt}") as answer:
                    files[fmt] = work / name
                    files[fmt].write_bytes(answer.read())
            if "loadWeights" not in files["swift"].read_text():
                raise Check("the Swift snippet does not set the weights")
            b.find("#export-swift").click()
            wait(lambda: "Sequential" in b.find("#snippet").get_attribute("value"), 5, "the snippet on the page")
            trained = b.find("#test-loss").text
            b.find("#reset").click()
            wait(lambda: b.epoch() == 0, 10, "the reset")
            fresh = b.find("#test-loss").text
            if fresh == trained:
                raise Check("a reset network has the trained loss")
            b.find("#import-files").send_keys(f"{files['json']}\n{files['safetensors']}")
            wait(lambda: b.find("#test-loss").text == trained, 10, f"the imported model's loss {trained}")
            return f"JSON {files['json'].stat().st_size} B + safetensors {files['safetensors'].stat().st_size} B; loss {fresh} after reset, {trained} again after import"

        def upload_csv():
            rows = ["x1,x2,label"] + [f"{(i % 10) - 4.5:.1f},{(i // 10) - 2:.1f},{1 if (i % 10) >= 5 else 0}" for i in range(50)]
            path = work / "two-halves.csv"
            path.write_text("\n".join(rows) + "\n")
            b.find("#csv-file").send_keys(str(path))
            wait(lambda: "training on two-halves.csv" in b.find("#csv-name").text, 10, "the upload")
            points = b.js("return lab.points.length")
            if points != 50 or b.error():
                raise Check(f"{points} points, error {b.error()!r}")
            b.find("#step").click()
            wait(lambda: b.epoch() == 1, 10, "one epoch on the CSV")
            return f"{points} points from the file, one epoch trained on them"

        def bad_input():
            seen = []
            path = work / "broken.csv"
            path.write_text("x1,x2,label\n1,2,0\n3,oops,1\n4,5,1\n6,7,0\n")
            b.find("#csv-file").send_keys(str(path))
            seen.append(wait(lambda: "line 3" in b.error() and b.error(), 10, "the CSV's error"))
            b.shot("playground-error.png")
            # The server keeps serving: the next step works and clears the error.
            epoch = b.epoch()
            b.find("#step").click()
            wait(lambda: b.epoch() == epoch + 1 and not b.error(), 10, "a step after the error")
            for link, expected in [("learningRate=NaN", "learningRate"), ("hidden=1000000000", "1000000000")]:
                b.driver.get(url + "#" + link)
                b.driver.refresh()
                seen.append(wait(lambda: expected in b.error() and b.error(), 10, f"the error for {link}"))
            b.driver.get(url)
            b.driver.refresh()
            wait(lambda: b.epoch() == 0, 10, "a fresh page")
            b.js("lab.protocol = 0")          # a page of an older version
            b.find("#step").click()
            seen.append(wait(lambda: "reload the page" in b.error() and b.error(), 10, "the old page's error"))
            with urllib.request.urlopen(url) as answer:
                if answer.status != 200:
                    raise Check(f"the server answers {answer.status} after the bad requests")
            return "; ".join(s[:70] for s in seen)

        def tabs():
            b.driver.get(url)
            wait(lambda: b.epoch() == 0, 10, "tab 1")
            first = b.driver.current_window_handle
            session1 = b.js("return lab.session")
            b.driver.switch_to.new_window("tab")
            b.driver.get(url + "#dataset=spirals&hidden=8%2C8")
            wait(lambda: b.epoch() == 0, 10, "tab 2")
            session2 = b.js("return lab.session")
            b.find("#play").click()
            wait(lambda: b.epoch() >= 10, 30, "tab 2 to train")
            b.find("#play").click()
            b.idle()
            epoch2 = b.epoch()
            b.driver.switch_to.window(first)
            epoch1 = b.epoch()
            b.find("#step").click()
            wait(lambda: b.epoch() == 1, 10, "tab 1's own step")
            dataset1 = b.js("return lab.frame.settings.dataset")
            if session1 == session2 or epoch1 != 0 or dataset1 != "circles":
                raise Check(f"sessions {session1} {session2}, tab 1 at epoch {epoch1} on {dataset1}")
            b.driver.switch_to.new_window("tab")     # leave tab 1 and 2 open: the last one continues
            return f"tab 2 trained spirals to epoch {epoch2} while tab 1 stayed at 0, then stepped circles to 1"

        def graphs():
            b.driver.get(url + "graphs")
            wait(lambda: b.count("#graphs .graph svg") == 3, 10, "three graphs")
            text = b.find("#graphs").text
            if "grad -4" not in text or "f = q · z" not in text:
                raise Check("the graph of f = (x + y)·z lacks its gradient -4")
            b.shot("graphs.png")
            return f"{b.count('#graphs g.node')} variables and {b.count('#graphs circle.op')} ops in 3 graphs"

        def live_fit():
            output = work / "samples-output"
            sample, line = start([str(Path(arguments.bin) / "samples"), "fashion-mnist", "--train-limit", "3000", "--epochs", "3",
                                  "--output", str(output), "--live", "--live-port", "0"], "Live view: http://", stdin=subprocess.PIPE)
            processes.append(sample)
            live_url = line.split("Live view: ")[1].split()[0]
            b.driver.get(live_url)
            first = wait(lambda: b.js("return live.batches.length"), 60, "the first batches")
            grown = wait(lambda: (n := b.js("return live.batches.length")) > first and n, 60, "the curve to grow")
            wait(lambda: b.count("#live-epochs tr.epoch-row") == 3 and "finished" in b.find("#live-status").text, 120, "3 epochs")
            layers = b.count("#live-layers tr") - 1
            predictions = b.count("#live-predictions figure")
            if layers != 4 or predictions != 12:
                raise Check(f"{layers} parameter rows and {predictions} predictions (4 and 12 expected)")
            b.shot("live-fit.png")
            batches = b.js("return live.batches.length")
            sample.stdin.close()                      # Return: the sample ends
            sample.wait(timeout=60)
            return f"batch curve {first} → {grown} → {batches} points, 3 epoch rows, {layers} layers, {predictions} predictions"

        for name, body in [("loads", loads), ("change-network", change_network), ("play", play), ("hover-weight", hover), ("settings-reset", settings_reset),
                           ("export-import", export_import), ("upload-csv", upload_csv), ("bad-input", bad_input),
                           ("tabs", tabs), ("graphs", graphs), ("live-fit", live_fit)]:
            check(name, body)
        if lab.poll() is not None:
            print(f"FAIL server: neurona-lab exited with {lab.returncode} during the checks")
            results["failed"] += 1
        if arguments.update_readme_screenshots and results["failed"] == 0:
            target = ROOT / "Plugins" / "NeuronaLab" / "Screenshots"
            target.mkdir(exist_ok=True)
            for name in ["playground-trained.png", "live-fit.png"]:
                shutil.copy(screenshots / name, target / name)
    except Exception as error:
        print(f"FAIL setup: {error}")
        if not isinstance(error, Check):
            traceback.print_exc()
        results["failed"] += 1
    finally:
        if browser:
            try:
                browser.driver.quit()
            except Exception as error:  # chromedriver already gone (ended with the run): remove `work` anyway
                print(f"lab-browser-checks: quitting the browser: {type(error).__name__}")
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"lab-browser-checks: {results['passed']} passed, {results['failed']} failed (screenshots in {screenshots})")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
