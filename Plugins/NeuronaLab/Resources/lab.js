// Neurona lab: the page draws; Neurona trains, in Swift, on the server (Plugins/NeuronaLab).
// Plain JavaScript and canvas, no library: the page works offline from the binary's files.
"use strict";

const lab = {
  // The page-server protocol version (PlaygroundFrame.protocolVersion); a page of another version is refused.
  protocol: 1,
  defaults: {
    dataset: "circles", points: 500, noise: 0, trainRatio: 0.5, batchSize: 10, features: ["x1", "x2"],
    hidden: [4, 2], activation: "tanh", learningRate: 0.03, regularization: "none", regularizationRate: 0, seed: 42,
  },
  settings: null,
  session: null,
  // Whether the server trains (the play button); `paused` is the pause not yet answered.
  playing: false,
  paused: null,
  // The play loop's WebSocket (PlaygroundSocket), and the frame it brought that is not drawn yet.
  socket: null,
  nextFrame: null,
  busy: false,
  // Requests sent and not yet answered, a pause included (the browser checks wait for none).
  pending: 0,
  uploaded: false,
  history: [],
  points: [],
  trainCount: 0,
  frame: null,
  // The network picture's shape when last built, its weight lines (see drawLinks: each with its
  // layer, ends and points along it, for hovering) and the line under the mouse.
  networkShape: null,
  links: [],
  hover: null,
  // heatPalette's colours, once worked out; the data's dots drawn once per data set (pointsLayer).
  palette: null,
  pointsCanvas: null,
  pointsKey: null,
  // Redraws so far, and the times of the last second's (the "updates/s" beside the speed); when
  // the readouts were last drawn (see READOUT_INTERVAL).
  updates: 0,
  recentUpdates: [],
  readoutsDrawn: -Infinity,
  featureNames: ["x1", "x2", "x1^2", "x2^2", "x1x2", "sin(x1)", "sin(x2)"],
  featureLabels: { "x1": "X₁", "x2": "X₂", "x1^2": "X₁²", "x2^2": "X₂²", "x1x2": "X₁X₂", "sin(x1)": "sin(X₁)", "sin(x2)": "sin(X₂)" },
  extent: 6,
  maxLayers: 6,
  maxUnits: 8,
};
window.lab = lab;

// MARK: - Errors

function showError(message) {
  document.getElementById("error-text").textContent = message;
  document.getElementById("error").classList.add("shown");
}
function clearError() { document.getElementById("error").classList.remove("shown"); }

// MARK: - Colours: orange (−1) – white (0) – blue (+1), as the TensorFlow playground.

const NEGATIVE = [245, 147, 34], POSITIVE = [8, 119, 189], MIDDLE = [232, 234, 235];
function colour(v) {  // v in −1…1
  const t = Math.max(-1, Math.min(1, v));
  const end = t < 0 ? NEGATIVE : POSITIVE, a = Math.abs(t);
  return [0, 1, 2].map(i => Math.round(MIDDLE[i] + (end[i] - MIDDLE[i]) * a));
}

/// A heatmap from the server: bytes 0…255 standing for −1…1, each painted through the palette;
/// one that shows the same bytes already is left alone (a settled network's heatmaps hardly
/// change, and an untouched canvas costs the browser nothing to paint).
function drawHeatmap(canvas, base64, size) {
  if (canvas.shown === base64 && canvas.width === size) return;
  canvas.shown = base64;
  const bytes = atob(base64), palette = heatPalette();
  if (canvas.width !== size || canvas.height !== size) { canvas.width = size; canvas.height = size; canvas.image = null; }
  const context = canvas.getContext("2d");
  canvas.image = canvas.image || context.createImageData(size, size);
  const image = canvas.image, data = image.data;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i) * 4;
    data[4 * i] = palette[c]; data[4 * i + 1] = palette[c + 1]; data[4 * i + 2] = palette[c + 2]; data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

/// The colour of each heatmap byte, worked out once (a frame paints some 12,000 cells).
function heatPalette() {
  if (!lab.palette) {
    lab.palette = new Uint8ClampedArray(256 * 4);
    for (let b = 0; b < 256; b++) lab.palette.set(colour(b / 255 * 2 - 1), 4 * b);
  }
  return lab.palette;
}
function drawValues(canvas, values, size) {
  canvas.width = size; canvas.height = size;
  const context = canvas.getContext("2d"), image = context.createImageData(size, size);
  values.forEach((v, i) => {
    const [r, g, b] = colour(v);
    image.data.set([r, g, b, 255], i * 4);
  });
  context.putImageData(image, 0, 0);
}

// MARK: - Server

async function api(action, body) {
  const response = await fetch("/api/playground/" + action, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(Object.assign({ protocol: lab.protocol, session: lab.session }, body)),
  });
  let answer;
  try { answer = await response.json(); } catch (e) { answer = { error: "the server answered " + response.status }; }
  if (!response.ok || answer.error) throw new Error(answer.error || ("the server answered " + response.status));
  return answer;
}

async function run(action, body) {
  lab.pending++;
  try {
    const frame = await api(action, body);
    clearError();
    receive(frame);
    return true;
  } catch (error) {
    pause();
    showError(error.message);
    return false;
  } finally {
    lab.pending--;
  }
}

/// Starts over with the page's settings: a new session the first time, else a fresh network in this one.
async function reset() {
  await pause();
  lab.history = [];
  if (!lab.session) return run("new", { settings: lab.settings });
  const ok = await run("reset", { settings: lab.settings, uploaded: lab.uploaded });
  if (!ok && /no playground session/.test(document.getElementById("error-text").textContent)) {
    lab.session = null;
    return run("new", { settings: lab.settings });
  }
  return ok;
}

function receive(frame) {
  lab.session = frame.session;
  lab.frame = frame;
  if (frame.points) { lab.points = frame.points; lab.trainCount = frame.trainCount; lab.history = []; }
  addHistory(frame.history);
  draw();
}

/// Adds loss points to the curve; past 20,000 points, every other one goes (the first and the
/// latest stay), so an hour's play keeps its whole curve in little memory.
function addHistory(points) {
  for (const p of points) lab.history.push(p);
  if (lab.history.length > 20000) {
    const latest = lab.history[lab.history.length - 1];
    lab.history = lab.history.filter((p, i) => i % 2 === 0);
    if (lab.history[lab.history.length - 1] !== latest) lab.history.push(latest);
  }
}

// MARK: - Playing, over a WebSocket

/// Plays: the server trains without stopping and pushes a frame each time the page takes the
/// previous one (PlaygroundSocket). The page draws at most one frame per display refresh, and
/// says "next" as it draws, so the server builds the next frame while this one is painted.
function play() {
  if (lab.playing || !lab.session) return;
  lab.playing = true;
  showPlaying();
  clearError();
  showNote("");
  send({ action: "play" });
}

/// Stops the server's training; resolves once its last frame (every epoch trained) is drawn.
function pause() {
  if (!lab.playing) return lab.paused || Promise.resolve();
  lab.playing = false;
  showPlaying();
  lab.pending++;
  lab.paused = new Promise(resolve => {
    lab.resolvePause = () => { lab.pending--; lab.paused = null; lab.resolvePause = null; resolve(); };
  });
  send({ action: "pause" });
  return lab.paused;
}

function showPlaying() { document.getElementById("play").textContent = lab.playing ? "❚❚" : "▶"; }

/// The play loop's socket, opened when first needed.
function socket() {
  if (lab.socket && lab.socket.readyState <= WebSocket.OPEN) return lab.socket;
  const opened = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/playground/socket");
  opened.addEventListener("message", event => socketMessage(JSON.parse(event.data)));
  opened.addEventListener("close", () => {
    if (lab.socket !== opened) return;
    lab.socket = null;
    if (lab.playing || lab.resolvePause) socketFailed("the connection to the server closed (is neurona-lab still running?)");
  });
  lab.socket = opened;
  return opened;
}

function send(message) {
  const text = JSON.stringify(Object.assign({ protocol: lab.protocol, session: lab.session }, message)), open = socket();
  if (open.readyState === WebSocket.OPEN) open.send(text);
  else open.addEventListener("open", () => open.send(text), { once: true });
}

function socketFailed(message) {
  lab.playing = false;
  showPlaying();
  showError(message);
  if (lab.resolvePause) lab.resolvePause();
}

/// A message from the server: a frame while playing, the last one after a pause, or an error.
function socketMessage(message) {
  if (message.error) { socketFailed(message.error); return; }
  const frame = message.frame;
  // The loss curve takes every frame's points, drawn or not.
  addHistory(frame.history);
  frame.history = [];
  if (!message.playing) {
    lab.nextFrame = null;
    try { receive(frame); } finally { if (lab.resolvePause) lab.resolvePause(); }
    return;
  }
  if (!lab.playing) return;          // sent before the server read the pause: its last frame follows
  const waiting = lab.nextFrame;
  lab.nextFrame = frame;
  if (!waiting) requestAnimationFrame(drawNextFrame);
}

function drawNextFrame() {
  const frame = lab.nextFrame;
  lab.nextFrame = null;
  if (!frame || !lab.playing) return;
  send({ action: "next" });
  receive(frame);
}

// MARK: - Drawing

function number(v, digits) {
  const x = typeof v === "string" ? Number(v) : v;
  return Number.isFinite(x) ? x.toFixed(digits) : String(v);
}

/// The readouts (epoch, losses, speed, loss curve) change at most this often while playing: they
/// sit far from the network on the page, and a frame that changes both has Chromium redraw
/// nearly the whole window (one damage rectangle); a counter changing faster than 15 times a
/// second cannot be read anyway. The heatmaps and weights change at every frame.
const READOUT_INTERVAL = 1000 / 15;

function draw() {
  const frame = lab.frame;
  if (!frame) return;
  const now = performance.now();
  lab.updates++;
  lab.recentUpdates.push(now);
  while (lab.recentUpdates[0] < now - 1000) lab.recentUpdates.shift();
  if (!lab.playing || !(now - lab.readoutsDrawn < READOUT_INTERVAL)) {
    lab.readoutsDrawn = now;
    drawReadouts();
  }
  drawOutput();
  // Rebuilding the network's cells and weight lines took 36 ms a frame in headless Chromium;
  // repainting them in place takes a few, so a new frame can be shown at every display refresh.
  if (lab.networkShape === networkShape()) updateNetwork(); else buildNetwork();
  if (lab.hover) showWeight(lab.hover);
}

/// The epoch, the losses, the speed and the loss curve of the frame shown.
function drawReadouts() {
  const frame = lab.frame;
  document.getElementById("epoch").textContent = String(frame.epoch).padStart(6, "0").replace(/(\d{3})$/, ",$1");
  document.getElementById("test-loss").textContent = number(frame.measurement.testLoss, 3)
    + (frame.measurement.testAccuracy != null ? "  (accuracy " + number(frame.measurement.testAccuracy, 3) + ")" : "");
  document.getElementById("train-loss").textContent = number(frame.measurement.trainLoss, 3)
    + (frame.measurement.trainAccuracy != null ? "  (accuracy " + number(frame.measurement.trainAccuracy, 3) + ")" : "");
  document.getElementById("problem").textContent = frame.isRegression ? "regression" : "classification";
  if (frame.epochsPerSecond) {
    document.getElementById("speed").textContent = Math.round(frame.epochsPerSecond) + " epochs/s · "
      + lab.recentUpdates.length + " updates/s";
  }
  drawLoss();
}

/// What decides the network picture's elements: the features, the layers' sizes, the cells' size.
function networkShape() {
  const frame = lab.frame;
  return JSON.stringify([lab.settings.features, frame.neurons.map(layer => layer.length), frame.neuronSize, frame.outputSize]);
}

/// Repaints the hidden and output cells and the weight lines of the network already built.
function updateNetwork() {
  const frame = lab.frame;
  for (const canvas of lab.hiddenCells) {
    drawHeatmap(canvas, frame.neurons[canvas.dataset.layer][canvas.dataset.neuron], frame.neuronSize);
  }
  drawHeatmap(lab.outputCell, frame.output, frame.outputSize);
  paintLinks();
}

/// The output's heatmap, scaled up, under the data's dots.
function drawOutput() {
  const frame = lab.frame, canvas = document.getElementById("output"), context = canvas.getContext("2d");
  const dots = pointsLayer(canvas);
  if (lab.outputShown === frame.output && lab.outputDots === dots) return;
  lab.outputShown = frame.output;
  lab.outputDots = dots;
  lab.outputHeat = lab.outputHeat || document.createElement("canvas");
  drawHeatmap(lab.outputHeat, frame.output, frame.outputSize);
  context.imageSmoothingEnabled = true;
  context.drawImage(lab.outputHeat, 0, 0, canvas.width, canvas.height);
  context.drawImage(dots, 0, 0);
}

/// The data's dots on a transparent canvas the output's size, drawn again only when the points,
/// the problem or "show test data" change (500 dots took a few milliseconds a frame).
function pointsLayer(output) {
  const showTest = document.getElementById("show-test").checked, isRegression = lab.frame.isRegression;
  const key = [lab.points, showTest, isRegression];
  if (lab.pointsKey && key.every((part, i) => part === lab.pointsKey[i])) return lab.pointsCanvas;
  const canvas = document.createElement("canvas");
  canvas.width = output.width; canvas.height = output.height;
  const context = canvas.getContext("2d"), scale = canvas.width / (2 * lab.extent);
  lab.points.forEach((p, i) => {
    const test = i >= lab.trainCount;
    if (test && !showTest) return;
    const x = (p.x1 + lab.extent) * scale, y = (lab.extent - p.x2) * scale;
    const [r, g, b] = colour(isRegression ? p.label : p.label * 2 - 1);
    context.beginPath();
    context.arc(x, y, 3, 0, 2 * Math.PI);
    context.fillStyle = `rgb(${r},${g},${b})`;
    context.fill();
    context.lineWidth = 1;
    context.strokeStyle = test ? "black" : "white";
    context.stroke();
  });
  lab.pointsCanvas = canvas;
  lab.pointsKey = key;
  return canvas;
}

/// The loss curve: at most two points per pixel of width, so that a long run (some 200 epochs a
/// second) draws as fast as a short one.
function drawLoss() {
  const canvas = document.getElementById("loss"), context = canvas.getContext("2d"), history = lab.history;
  context.clearRect(0, 0, canvas.width, canvas.height);
  if (history.length < 2) return;
  const stride = Math.max(1, Math.floor(history.length / (2 * canvas.width))), shown = [];
  for (let i = 0; i < history.length; i += stride) shown.push(history[i]);
  if (shown[shown.length - 1] !== history[history.length - 1]) shown.push(history[history.length - 1]);
  let top = 0;
  for (const p of shown) for (const v of [Number(p.trainLoss), Number(p.testLoss)]) if (Number.isFinite(v) && v > top) top = v;
  if (top === 0) top = 1;
  const first = shown[0].epoch, last = shown[shown.length - 1].epoch;
  const x = e => (e - first) / Math.max(1, last - first) * (canvas.width - 4) + 2;
  const y = v => canvas.height - 2 - Number(v) / top * (canvas.height - 4);
  for (const [key, style] of [["trainLoss", "#999"], ["testLoss", "#000"]]) {
    context.beginPath();
    shown.forEach((p, i) => { if (i === 0) context.moveTo(x(p.epoch), y(p[key])); else context.lineTo(x(p.epoch), y(p[key])); });
    context.strokeStyle = style;
    context.stroke();
  }
}

const featureValue = {
  "x1": (a, b) => a, "x2": (a, b) => b, "x1^2": (a, b) => a * a, "x2^2": (a, b) => b * b, "x1x2": (a, b) => a * b,
  "sin(x1)": (a, b) => Math.sin(a), "sin(x2)": (a, b) => Math.sin(b),
};
/// A feature's heatmap, computed here once (the same grid as the server's: cell centres, top row first).
function featureValues(name, size) {
  const values = [], step = 2 * lab.extent / size;
  let peak = 0;
  for (let row = 0; row < size; row++) for (let column = 0; column < size; column++) {
    const v = featureValue[name](-lab.extent + (column + 0.5) * step, lab.extent - (row + 0.5) * step);
    values.push(v);
    peak = Math.max(peak, Math.abs(v));
  }
  return values.map(v => v / (peak || 1));
}

/// The network: feature column, hidden columns with their +/− buttons, output; weights as lines on a canvas.
function buildNetwork() {
  const frame = lab.frame, settings = lab.settings, container = document.getElementById("layers");
  container.innerHTML = "";
  const columns = [];
  // Features: all seven, the chosen ones lit.
  const features = document.createElement("div");
  features.className = "layer";
  features.innerHTML = '<div class="head">Features</div>';
  const chosen = [];
  for (const name of lab.featureNames) {
    const canvas = document.createElement("canvas");
    canvas.className = "neuron feature" + (settings.features.includes(name) ? " on" : "");
    canvas.dataset.feature = name;
    canvas.title = "Click to use or drop " + name;
    drawValues(canvas, featureValues(name, frame.neuronSize), frame.neuronSize);
    canvas.addEventListener("click", () => toggleFeature(name));
    features.appendChild(canvas);
    const label = document.createElement("div");
    label.className = "feature-name";
    label.textContent = lab.featureLabels[name];
    features.appendChild(label);
    if (settings.features.includes(name)) chosen.push(canvas);
  }
  // The server's order of inputs is the settings' order.
  columns.push(settings.features.map(name => chosen.find(c => c.dataset.feature === name)));
  container.appendChild(features);
  frame.neurons.forEach((layer, l) => {
    const column = document.createElement("div");
    column.className = "layer";
    column.dataset.layer = l;
    column.innerHTML = `<div class="head"><button data-act="add" title="Add a neuron">+</button> <button data-act="remove" title="Remove a neuron">−</button><br>${layer.length} neuron${layer.length === 1 ? "" : "s"}</div>`;
    column.querySelector('[data-act="add"]').addEventListener("click", () => changeUnits(l, +1));
    column.querySelector('[data-act="remove"]').addEventListener("click", () => changeUnits(l, -1));
    const cells = layer.map((heat, n) => {
      const canvas = document.createElement("canvas");
      canvas.className = "neuron hidden-neuron";
      canvas.dataset.layer = l;
      canvas.dataset.neuron = n;
      drawHeatmap(canvas, heat, frame.neuronSize);
      column.appendChild(canvas);
      return canvas;
    });
    columns.push(cells);
    container.appendChild(column);
  });
  const output = document.createElement("div");
  output.className = "layer";
  output.innerHTML = '<div class="head">Output</div>';
  const outputCell = document.createElement("canvas");
  outputCell.className = "neuron output-neuron";
  drawHeatmap(outputCell, frame.output, frame.outputSize);
  output.appendChild(outputCell);
  columns.push([outputCell]);
  container.appendChild(output);
  lab.hiddenCells = columns.slice(1, -1).flat();
  lab.outputCell = outputCell;
  document.getElementById("layer-count").textContent = `${settings.hidden.length} hidden layer${settings.hidden.length === 1 ? "" : "s"}`;
  drawLinks(columns);
  lab.networkShape = networkShape();
}

/// Lays out the weight lines between the cells' edges: each a curve from (x1, y1) to (x2, y2)
/// whose control points are at the middle's x (so its midpoint is the ends' midpoint), with
/// points along it for finding the line under the mouse. The canvas covers only the lines (a
/// curve stays within its ends' box), plus the widest line's half: the less it covers, the less
/// the browser copies each time it changes.
function drawLinks(columns) {
  const canvas = document.getElementById("links"), network = document.getElementById("network").getBoundingClientRect();
  const edge = (cell, side) => {
    const r = cell.getBoundingClientRect();
    return [(side > 0 ? r.right : r.left) - network.left, r.top - network.top + r.height / 2];
  };
  const ends = [];
  lab.frame.weights.forEach((matrix, l) => {
    matrix.forEach((row, i) => row.forEach((w, j) => {
      const from = columns[l][i], to = columns[l + 1][j];
      if (from && to) ends.push({ layer: l, from: i, to: j, start: edge(from, +1), end: edge(to, -1) });
    }));
  });
  const margin = linkWidth(Infinity) / 2 + 1, xs = ends.flatMap(e => [e.start[0], e.end[0]]), ys = ends.flatMap(e => [e.start[1], e.end[1]]);
  const left = ends.length ? Math.floor(Math.min(...xs) - margin) : 0, top = ends.length ? Math.floor(Math.min(...ys) - margin) : 0;
  canvas.style.left = left + "px";
  canvas.style.top = top + "px";
  canvas.width = ends.length ? Math.ceil(Math.max(...xs) + margin) - left : 1;
  canvas.height = ends.length ? Math.ceil(Math.max(...ys) + margin) - top : 1;
  lab.links = ends.map(({ layer, from, to, start, end }) => {
    const [x1, y1, x2, y2] = [start[0] - left, start[1] - top, end[0] - left, end[1] - top], mid = (x1 + x2) / 2, along = [];
    for (let k = 0; k <= 32; k++) {
      const t = k / 32, u = 1 - t;
      along.push([u * u * u * x1 + 3 * u * t * mid + t * t * t * x2, (u * u * u + 3 * u * u * t) * y1 + (3 * u * t * t + t * t * t) * y2]);
    }
    return { layer, from, to, x1, y1, x2, y2, along };
  });
  lab.linksShown = null;
  lab.hover = null;
  paintLinks();
}

/// A link's weight in the frame shown.
function weightOf(link) { return lab.frame.weights[link.layer][link.from][link.to]; }

/// A weight line's width: its size (the colour is its sign).
function linkWidth(w) { return Math.min(8, 0.5 + Math.abs(w) * 2); }

/// Paints every weight line (one canvas instead of ~120 SVG paths restyled each frame), unless
/// no line's sign or width (to an eighth of a pixel) changed since the last painting.
function paintLinks() {
  const shown = lab.links.map(link => Math.sign(weightOf(link)) * Math.round(linkWidth(weightOf(link)) * 8)).join();
  if (shown === lab.linksShown) return;
  lab.linksShown = shown;
  const canvas = document.getElementById("links"), context = canvas.getContext("2d");
  context.clearRect(0, 0, canvas.width, canvas.height);
  const [positive, negative] = [1, -1].map(sign => `rgb(${colour(sign).join(",")})`);
  for (const link of lab.links) {
    const w = weightOf(link), mid = (link.x1 + link.x2) / 2;
    context.beginPath();
    context.moveTo(link.x1, link.y1);
    context.bezierCurveTo(mid, link.y1, mid, link.y2, link.x2, link.y2);
    context.strokeStyle = w >= 0 ? positive : negative;
    context.lineWidth = linkWidth(w);
    context.stroke();
  }
}

/// The line under a point of the links' canvas: the nearest, if the point is on it (within its
/// half width and 3 pixels), else null.
function linkAt(x, y) {
  let nearest = null, distance = Infinity;
  for (const link of lab.links) {
    for (const [px, py] of link.along) {
      const d = Math.hypot(px - x, py - y);
      if (d < distance) { distance = d; nearest = link; }
    }
  }
  return nearest && distance <= linkWidth(weightOf(nearest)) / 2 + 3 ? nearest : null;
}

/// Shows the hovered line's weight beside the mouse (again after each frame, as it changes).
function showWeight(hover) {
  const tip = document.getElementById("weight-tip");
  tip.textContent = "Weight is " + number(weightOf(hover.link), 3);
  tip.style.left = (hover.clientX + 12) + "px";
  tip.style.top = (hover.clientY + 12) + "px";
  tip.style.display = "block";
}

function hoverLinks(event) {
  const box = document.getElementById("links").getBoundingClientRect();
  const link = linkAt(event.clientX - box.left, event.clientY - box.top);
  lab.hover = link ? { link, clientX: event.clientX, clientY: event.clientY } : null;
  if (lab.hover) showWeight(lab.hover); else document.getElementById("weight-tip").style.display = "none";
}

// MARK: - Settings

/// The settings the TensorFlow playground changes on the network as it trains; any other
/// setting pauses and starts a new network at epoch 0, as there.
const tunedLive = ["learningRate", "regularizationRate"];
const settingNames = {
  dataset: "data", noise: "noise", trainRatio: "ratio of training data", batchSize: "batch size", features: "features",
  hidden: "hidden layers", activation: "activation", learningRate: "learning rate", regularization: "regularization",
  regularizationRate: "regularization rate",
};

/// Changes a setting, and says on the page what became of the network.
async function setSetting(key, value) {
  const before = lab.settings[key];
  lab.settings[key] = value;
  writeLink();
  showSettings();
  const change = `${settingNames[key] || key} ${describe(before)} → ${describe(value)}`;
  if (tunedLive.includes(key) && lab.session) {
    if (await run("tune", { settings: lab.settings })) showNote(`${change}: the same network trains on with it`);
    return;
  }
  if (await reset()) showNote(`New network at epoch 0 (${change})`);
}

function describe(value) { return Array.isArray(value) ? "[" + value.join(", ") + "]" : String(value); }

function showNote(text) { document.getElementById("network-note").textContent = text; }

function toggleFeature(name) {
  const features = lab.settings.features.includes(name)
    ? lab.settings.features.filter(f => f !== name)
    : lab.featureNames.filter(f => f === name || lab.settings.features.includes(f));
  setSetting("features", features);
}

function changeUnits(layer, delta) {
  const hidden = lab.settings.hidden.slice();
  hidden[layer] = Math.max(1, Math.min(lab.maxUnits, hidden[layer] + delta));
  setSetting("hidden", hidden);
}

function changeLayers(delta) {
  const hidden = lab.settings.hidden.slice();
  if (delta > 0 && hidden.length < lab.maxLayers) hidden.push(2);
  if (delta < 0 && hidden.length > 0) hidden.pop();
  setSetting("hidden", hidden);
}

function showSettings() {
  const s = lab.settings;
  for (const key of ["learningRate", "regularizationRate"]) {
    const select = document.getElementById(key);
    if (![...select.options].some(o => Number(o.value) === s[key])) select.add(new Option(String(s[key])));
    select.value = [...select.options].find(o => Number(o.value) === s[key])?.value ?? select.value;
  }
  document.getElementById("activation").value = s.activation;
  document.getElementById("regularization").value = s.regularization;
  document.getElementById("trainRatio").value = Math.round(s.trainRatio * 100);
  document.getElementById("trainRatio-value").textContent = Math.round(s.trainRatio * 100);
  document.getElementById("noise").value = Math.round(s.noise * 100);
  document.getElementById("noise-value").textContent = Math.round(s.noise * 100);
  document.getElementById("batchSize").value = s.batchSize;
  document.getElementById("batchSize-value").textContent = s.batchSize;
  for (const button of document.querySelectorAll("#datasets button")) {
    button.classList.toggle("active", !lab.uploaded && button.dataset.dataset === s.dataset);
  }
}

/// The link: every setting in the address's fragment (#dataset=xor&hidden=4,2&…).
function writeLink() {
  const s = lab.settings, parts = [];
  for (const key of Object.keys(lab.defaults)) {
    const value = Array.isArray(s[key]) ? s[key].join(",") : String(s[key]);
    parts.push(key + "=" + encodeURIComponent(value));
  }
  history.replaceState(null, "", location.pathname + "#" + parts.join("&"));
}

/// Settings from the link; a value that is not a number stays NaN, and the server says which.
function readLink() {
  const settings = JSON.parse(JSON.stringify(lab.defaults));
  for (const part of location.hash.replace(/^#/, "").split("&")) {
    if (!part.includes("=")) continue;
    const [key, raw] = part.split("=");
    const value = decodeURIComponent(raw);
    if (!(key in lab.defaults)) continue;
    if (key === "features") settings.features = value ? value.split(",") : [];
    else if (key === "hidden") settings.hidden = value ? value.split(",").map(Number) : [];
    else if (typeof lab.defaults[key] === "number") settings[key] = value.trim() === "" ? NaN : Number(value);
    else settings[key] = value;
  }
  return settings;
}

// MARK: - Files

function download(format) {
  if (!lab.session) return;
  const link = document.createElement("a");
  link.href = `/api/playground/export?session=${lab.session}&format=${format}`;
  link.download = "";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

async function showSnippet() {
  const response = await fetch(`/api/playground/export?session=${lab.session}&format=swift`);
  const text = await response.text();
  if (!response.ok) { showError(JSON.parse(text).error); return; }
  const area = document.getElementById("snippet");
  area.value = text;
  area.style.display = "block";
}

async function uploadCSV(file) {
  const text = await file.text();
  await pause();
  lab.history = [];
  if (await run("upload", { csv: text, settings: lab.settings })) {
    lab.uploaded = true;
    document.getElementById("csv-name").textContent = "training on " + file.name;
    showSettings();
  }
}

async function importModel(files) {
  let json = null, weights = null;
  for (const file of files) {
    if (file.name.endsWith(".json")) json = await file.text();
    else weights = new Uint8Array(await file.arrayBuffer());
  }
  if (!weights) { showError("import: choose the .safetensors file (and the .json beside it)"); return; }
  let binary = "";
  weights.forEach(b => { binary += String.fromCharCode(b); });
  await pause();
  await run("import", { modelJSON: json, safetensors: btoa(binary) });
}

// MARK: - Live fit

const live = { batches: [], socket: null };

/// Opens the live view's socket (LiveSocket): the server pushes what is new, at most four times
/// a second, from the first batch on.
function openLive() {
  closeLive();
  live.batches = [];
  const opened = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/api/live/socket");
  opened.addEventListener("message", event => {
    const snapshot = JSON.parse(event.data);
    for (const b of snapshot.batches) live.batches.push(b);
    drawLive(snapshot);
  });
  opened.addEventListener("close", () => {
    if (live.socket !== opened) return;
    live.socket = null;
    document.getElementById("live-status").textContent += " (the training program closed the connection)";
  });
  live.socket = opened;
}

function closeLive() {
  const open = live.socket;
  live.socket = null;
  if (open) open.close();
}

function drawLive(snapshot) {
  if (!snapshot.title && !live.batches.length) return;
  document.getElementById("live-title").textContent = "Live fit: " + snapshot.title;
  document.getElementById("live-status").textContent = (snapshot.running ? "training: " : "finished: ")
    + snapshot.totalBatches + " batches, " + snapshot.epochs.length + " epochs done";
  const canvas = document.getElementById("live-loss"), context = canvas.getContext("2d");
  context.clearRect(0, 0, canvas.width, canvas.height);
  const losses = live.batches.map(b => b.logs.loss).filter(Number.isFinite);
  if (losses.length > 1) {
    const top = Math.max(...losses), lastStep = live.batches[live.batches.length - 1].step;
    const x = s => s / lastStep * (canvas.width - 10) + 5, y = v => canvas.height - 5 - v / top * (canvas.height - 10);
    context.beginPath();
    live.batches.forEach((b, i) => { if (i === 0) context.moveTo(x(b.step), y(b.logs.loss)); else context.lineTo(x(b.step), y(b.logs.loss)); });
    context.strokeStyle = "#0877bd";
    context.stroke();
    context.fillStyle = "#333";
    context.fillText("batch loss (max " + top.toFixed(3) + ")", 8, 14);
  }
  const last = live.batches[live.batches.length - 1];
  if (last) {
    document.getElementById("live-latest").textContent = `step ${last.step} · epoch ${last.epoch} · batch ${last.batch} · `
      + Object.entries(last.logs).map(([k, v]) => `${k} ${Number(v).toFixed(4)}`).join(" · ")
      + (last.learningRate != null ? ` · learning rate ${last.learningRate}` : "");
  }
  const keys = [...new Set(snapshot.epochs.flatMap(e => Object.keys(e.logs)))].sort();
  document.getElementById("live-epochs").innerHTML = "<tr><th>epoch</th>" + keys.map(k => `<th>${k}</th>`).join("") + "</tr>"
    + snapshot.epochs.map(e => `<tr class="epoch-row"><td>${e.epoch}</td>` + keys.map(k => `<td>${number(e.logs[k], 4)}</td>`).join("") + "</tr>").join("");
  const layers = document.getElementById("live-layers");
  layers.innerHTML = "<tr><th>parameter</th><th>gradient norm</th><th>weights</th></tr>";
  for (const layer of snapshot.layers) {
    const row = layers.insertRow();
    row.insertCell().textContent = layer.name;
    row.insertCell().textContent = layer.gradientNorm == null ? "–" : Number(layer.gradientNorm).toExponential(3);
    const canvas = document.createElement("canvas");
    canvas.width = 120; canvas.height = 30;
    const c = canvas.getContext("2d"), peak = Math.max(...layer.counts, 1);
    layer.counts.forEach((n, i) => { c.fillStyle = "#5a7d8f"; c.fillRect(i * 6, 30 - n / peak * 28, 5, n / peak * 28); });
    canvas.title = `${number(layer.low, 3)} … ${number(layer.high, 3)}`;
    row.insertCell().appendChild(canvas);
  }
  const predictions = document.getElementById("live-predictions");
  predictions.innerHTML = "";
  for (const p of snapshot.predictions) {
    const figure = document.createElement("figure"), canvas = document.createElement("canvas");
    canvas.width = p.width; canvas.height = p.height;
    const context2 = canvas.getContext("2d"), image = context2.createImageData(p.width, p.height);
    Uint8Array.from(atob(p.pixels), c => c.charCodeAt(0)).forEach((v, i) => image.data.set([v, v, v, 255], i * 4));
    context2.putImageData(image, 0, 0);
    figure.appendChild(canvas);
    const caption = document.createElement("figcaption");
    caption.textContent = p.predicted + (p.predicted === p.actual ? "" : " (is " + p.actual + ")");
    if (p.predicted !== p.actual) caption.className = "wrong";
    figure.appendChild(caption);
    predictions.appendChild(figure);
  }
}

// MARK: - Graphs

async function loadGraphs() {
  try {
    const graphs = await (await fetch("/api/graphs")).json();
    const container = document.getElementById("graphs");
    container.innerHTML = graphs.length ? "" : "<p>No graphs on this server.</p>";
    for (const g of graphs) {
      const div = document.createElement("div");
      div.className = "graph";
      div.innerHTML = g.svg;
      container.appendChild(div);
    }
  } catch (error) {
    showError("graphs: " + error.message);
  }
}

// MARK: - Start

function showTab(name) {
  for (const section of document.querySelectorAll("section.tab")) section.classList.toggle("active", section.id === "tab-" + name);
  for (const a of document.querySelectorAll("header nav a")) a.classList.toggle("active", a.dataset.tab === name);
  if (name === "live") openLive(); else closeLive();
  if (name === "graphs") loadGraphs();
  if (name === "playground" && lab.frame) buildNetwork();
}

function start() {
  document.getElementById("error-close").addEventListener("click", clearError);
  for (const a of document.querySelectorAll("header nav a")) {
    a.addEventListener("click", e => { e.preventDefault(); history.pushState(null, "", a.getAttribute("href")); showTab(a.dataset.tab); });
  }
  document.getElementById("play").addEventListener("click", () => { if (lab.playing) pause(); else play(); });
  document.getElementById("step").addEventListener("click", async () => {
    if (lab.busy) return;
    lab.busy = true;
    await pause();
    await run("step", { epochs: 1 });
    lab.busy = false;
  });
  document.getElementById("reset").addEventListener("click", async () => { if (await reset()) showNote("New network at epoch 0 (reset)"); });
  document.getElementById("network").addEventListener("mousemove", hoverLinks);
  document.getElementById("network").addEventListener("mouseleave", () => {
    lab.hover = null;
    document.getElementById("weight-tip").style.display = "none";
  });
  for (const key of ["learningRate", "regularizationRate"]) {
    document.getElementById(key).addEventListener("change", e => setSetting(key, Number(e.target.value)));
  }
  for (const key of ["activation", "regularization"]) {
    document.getElementById(key).addEventListener("change", e => setSetting(key, e.target.value));
  }
  document.getElementById("trainRatio").addEventListener("change", e => setSetting("trainRatio", Number(e.target.value) / 100));
  document.getElementById("noise").addEventListener("change", e => setSetting("noise", Number(e.target.value) / 100));
  document.getElementById("batchSize").addEventListener("change", e => setSetting("batchSize", Number(e.target.value)));
  for (const button of document.querySelectorAll("#datasets button")) {
    button.addEventListener("click", () => {
      lab.uploaded = false;
      document.getElementById("csv-name").textContent = "";
      setSetting("dataset", button.dataset.dataset);
    });
  }
  document.getElementById("add-layer").addEventListener("click", () => changeLayers(+1));
  document.getElementById("remove-layer").addEventListener("click", () => changeLayers(-1));
  document.getElementById("show-test").addEventListener("change", () => lab.frame && drawOutput());
  document.getElementById("export-json").addEventListener("click", () => download("json"));
  document.getElementById("export-safetensors").addEventListener("click", () => download("safetensors"));
  document.getElementById("export-swift").addEventListener("click", showSnippet);
  document.getElementById("csv-file").addEventListener("change", e => { if (e.target.files[0]) uploadCSV(e.target.files[0]); e.target.value = ""; });
  document.getElementById("import-files").addEventListener("change", e => { importModel([...e.target.files]); e.target.value = ""; });
  document.getElementById("copy-link").addEventListener("click", () => {
    writeLink();
    navigator.clipboard?.writeText(location.href).catch(() => {});
  });
  window.addEventListener("resize", () => lab.frame && buildNetwork());

  lab.settings = readLink();
  showSettings();
  const tab = location.pathname === "/live" ? "live" : location.pathname === "/graphs" ? "graphs" : "playground";
  showTab(tab);
  reset();
}

window.addEventListener("DOMContentLoaded", start);
