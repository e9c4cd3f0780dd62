// app.js: the page of `dlgo serve`. It sends the choices to the server,
// which trains with dlgo's nn, and draws what the server streams (server-
// sent events, a few a second): the decision boundary with the points, the
// loss and accuracy curves, and every unit's activation over the input
// plane, layer by layer, with the weights between them.
//
// It holds no network of its own and fetches nothing from elsewhere.
'use strict';

const $ = (id) => document.getElementById(id);
const ORANGE = [245, 147, 34], WHITE = [232, 234, 235], BLUE = [8, 119, 189];

// The page's state: the session, the curves of the current run, the last
// event. window.dlgoPage exposes it to scripts (the browser tests read the
// curves from it).
const page = {
  info: null, id: null, source: null,
  gen: -1, setup: null, history: [], last: null,
  drawPending: false, recreating: false,
};
window.dlgoPage = page;

// api calls the server and returns its JSON (null for 204), throwing the
// server's error message on a 4xx or 5xx.
async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  if (!r.ok) {
    let msg = r.status + ' ' + r.statusText;
    try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return r.status === 204 ? null : r.json();
}

function say(msg) { $('message').textContent = msg || ''; }

// parseHidden reads "8, 8, 4" as [8, 8, 4]; the server checks the bounds.
function parseHidden(s) {
  const t = s.trim();
  if (t === '') return [];
  return t.split(/[\s,]+/).map((w) => {
    if (!/^\d+$/.test(w)) throw new Error('hidden layers: "' + w + '" is not a whole number of units');
    return Number(w);
  });
}

function readConfig() {
  return {
    dataset: $('dataset').value,
    points: Number($('points').value),
    noise: Number($('noise').value),
    testRatio: Number($('test-ratio').value),
    hidden: parseHidden($('hidden').value),
    activation: $('activation').value,
    loss: $('loss').value,
    optimizer: $('optimizer').value,
    lr: Number($('lr').value),
    batch: Number($('batch').value),
    l2: Number($('l2').value),
    dropout: Number($('dropout').value),
    seed: Number($('seed').value),
  };
}

function writeConfig(c) {
  $('dataset').value = c.dataset;
  $('points').value = c.points;
  $('noise').value = c.noise;
  $('test-ratio').value = c.testRatio;
  $('hidden').value = c.hidden.join(', ');
  $('activation').value = c.activation;
  $('loss').value = c.loss;
  $('optimizer').value = c.optimizer;
  $('lr').value = String(c.lr);
  $('batch').value = c.batch;
  $('l2').value = c.l2;
  $('dropout').value = c.dropout;
  $('seed').value = c.seed;
  showSliders();
}

function showSliders() {
  $('noise-out').textContent = Number($('noise').value).toFixed(2);
  $('test-ratio-out').textContent = Math.round(Number($('test-ratio').value) * 100) + '%';
}

// Each data set's usual noise, set when the data set changes.
const NOISE = { planar: 0, moons: 0.2, circles: 0.1, xor: 0.1, spiral: 0.05, blobs: 0.5 };

// control sends a command to the session. Commands go one after another,
// in the order the user gave them: two resets in flight at once could
// otherwise reach the server in the wrong order.
let queue = Promise.resolve();
function control(body) {
  queue = queue.then(async () => {
    if (!page.id) return;
    try {
      await api('POST', '/api/sessions/' + page.id + '/control', body);
      say('');
    } catch (e) {
      say(e.message);
    }
  });
  return queue;
}

// reset sends the page's choices; the server starts the run afresh.
async function reset() {
  let cfg;
  try { cfg = readConfig(); } catch (e) { say(e.message); return; }
  await control({ action: 'reset', config: cfg });
}

// openSession starts a session with the page's choices and listens to it.
async function openSession() {
  let cfg;
  try { cfg = readConfig(); } catch (e) { cfg = page.info.defaults; }
  let r;
  try {
    r = await api('POST', '/api/sessions', cfg);
  } catch (e) {
    say(e.message);
    return;
  }
  page.id = r.id;
  page.gen = -1;
  if (page.source) page.source.close();
  const es = new EventSource('/api/sessions/' + r.id + '/events');
  page.source = es;
  es.onmessage = (m) => onEvent(JSON.parse(m.data));
  es.addEventListener('end', () => { es.close(); sessionLost(); });
  es.onerror = () => { if (es.readyState === EventSource.CLOSED) sessionLost(); };
  await control({ action: 'speed', speed: Number($('speed').value) });
}

// sessionLost opens a new session when the server ended this one (after
// the page was idle, say).
function sessionLost() {
  if (page.recreating) return;
  page.recreating = true;
  say('The session ended; starting a new one.');
  setTimeout(async () => { await openSession(); page.recreating = false; }, 1000);
}

function onEvent(ev) {
  if (ev.error) { say(ev.error); return; }
  if (ev.setup) {
    // The fields are not rewritten from ev.setup.config: the user may have
    // changed one since this run was asked for, and a newer reset is on
    // its way.
    page.setup = ev.setup;
    page.gen = ev.gen;
    page.history = [];
  }
  if (ev.gen !== page.gen) return; // a late event of an earlier run
  page.history.length = Math.min(page.history.length, ev.histFrom);
  for (const h of ev.history || []) page.history.push(h);
  // The server's message (why training stopped) shows while it stands.
  if (ev.message) say(ev.message);
  else if (page.last && page.last.message) say('');
  page.last = ev;
  if (!page.drawPending) {
    page.drawPending = true;
    requestAnimationFrame(() => { page.drawPending = false; draw(); });
  }
}

// ---- drawing

// colour maps t in [−1, 1] to orange (−1), near-white (0) and blue (+1),
// TensorFlow Playground's scale.
function colour(t) {
  t = Math.max(-1, Math.min(1, t));
  const to = t < 0 ? ORANGE : BLUE, a = Math.abs(t);
  return [0, 1, 2].map((i) => Math.round(WHITE[i] + (to[i] - WHITE[i]) * a));
}

function decode(b64) {
  const s = atob(b64), out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// mapImage turns a unit's map into a grid×grid canvas, its values centred
// on centre (0 for tanh, ReLU and the inputs, 0.5 for a sigmoid or a
// probability) and scaled to the unit's own range.
function mapImage(m, grid, centre, fixed) {
  const bytes = decode(m.map), lo = m.range[0], hi = m.range[1];
  let scale = fixed || Math.max(Math.abs(lo - centre), Math.abs(hi - centre));
  if (!(scale > 0)) scale = 1;
  const c = document.createElement('canvas');
  c.width = c.height = grid;
  const ctx = c.getContext('2d'), img = ctx.createImageData(grid, grid);
  for (let i = 0; i < bytes.length; i++) {
    const v = lo + (bytes[i] / 255) * (hi - lo);
    const rgb = colour((v - centre) / scale);
    img.data[4 * i] = rgb[0]; img.data[4 * i + 1] = rgb[1]; img.data[4 * i + 2] = rgb[2]; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

function draw() {
  const ev = page.last, setup = page.setup;
  if (!ev || !setup) return;
  $('epoch').textContent = ev.epoch;
  const st = $('state');
  st.textContent = ev.state;
  st.className = 'state ' + ev.state;
  // The buttons wait, disabled, for the session's first event.
  const over = ev.state === 'diverged' || ev.state === 'stopped';
  $('start').disabled = ev.state === 'running' || over;
  $('pause').disabled = ev.state !== 'running';
  $('step').disabled = over;
  $('reset').disabled = false;
  if (String(ev.speed) !== $('speed').value) $('speed').value = String(ev.speed);
  const h = page.history[page.history.length - 1];
  if (h) {
    $('test-loss').textContent = h.testLoss.toFixed(3);
    $('train-loss').textContent = h.trainLoss.toFixed(3);
    $('test-acc').textContent = (100 * h.testAcc).toFixed(1) + '%';
    $('train-acc').textContent = (100 * h.trainAcc).toFixed(1) + '%';
  }
  drawBoundary(ev, setup);
  drawNetwork(ev, setup);
  drawChart($('loss-chart'), 'loss', ['testLoss', 'trainLoss'], null);
  drawChart($('acc-chart'), 'accuracy', ['testAcc', 'trainAcc'], [0, 1]);
}

function drawBoundary(ev, setup) {
  const cv = $('boundary'), ctx = cv.getContext('2d'), W = cv.width, H = cv.height;
  ctx.imageSmoothingEnabled = true;
  // Paler than the points (at most 65% of their colour), so that a point
  // on its own class's side still shows.
  ctx.drawImage(mapImage(ev.output, setup.grid, 0.5, 0.5 / 0.65), 0, 0, W, H);
  const [x0, x1, y0, y1] = setup.extent;
  const px = (x) => ((x - x0) / (x1 - x0)) * W, py = (y) => ((y1 - y) / (y1 - y0)) * H;
  const dot = (p, ring) => {
    ctx.beginPath();
    ctx.arc(px(p[0]), py(p[1]), 3.2, 0, 2 * Math.PI);
    ctx.fillStyle = p[2] === 1 ? 'rgb(' + BLUE + ')' : 'rgb(' + ORANGE + ')';
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = ring;
    ctx.stroke();
  };
  for (const p of setup.train) dot(p, '#fff');
  for (const p of setup.test) dot(p, '#000');
  // Axes ticks at the plane's edges.
  ctx.fillStyle = 'rgba(0,0,0,.55)';
  ctx.font = '10px sans-serif';
  ctx.fillText(x0.toFixed(1), 3, H - 4);
  ctx.fillText(x1.toFixed(1), W - 24, H - 4);
  ctx.fillText(y1.toFixed(1), 3, 11);
}

// drawNetwork draws a column of unit maps per layer — the inputs, each
// hidden layer, the output — with the weights as lines between them.
function drawNetwork(ev, setup) {
  const cfg = setup.config, grid = setup.grid;
  const cols = ev.layers.map((units) => units.length).concat([1]);
  const ncol = cols.length, maxRows = Math.max(...cols);
  // Larger maps when there are few units; the canvas is as tall as the
  // widest layer needs.
  const top = 34, size = maxRows <= 4 ? 60 : 44, gapY = size + 12;
  const cv = $('net'), ctx = cv.getContext('2d'), W = cv.width, H = top + maxRows * gapY + 14;
  if (cv.height !== H) cv.height = H; else ctx.clearRect(0, 0, W, H);
  const colX = (c) => 14 + (c * (W - 28 - size)) / Math.max(ncol - 1, 1);
  const unitY = (c, i) => top + (maxRows - cols[c]) * gapY / 2 + i * gapY;

  // Weights first, beneath the maps: |w| as thickness, sign as colour.
  let wmax = 1e-9;
  for (const Wl of ev.weights) for (const row of Wl) for (const w of row) wmax = Math.max(wmax, Math.abs(w));
  ev.weights.forEach((Wl, l) => {
    Wl.forEach((row, i) => row.forEach((w, j) => {
      const a = Math.abs(w) / wmax;
      ctx.strokeStyle = 'rgba(' + (w >= 0 ? BLUE : ORANGE) + ',' + (0.25 + 0.75 * a).toFixed(2) + ')';
      ctx.lineWidth = 0.5 + 5.5 * a;
      const xa = colX(l) + size, ya = unitY(l, i) + size / 2;
      const xb = colX(l + 1), yb = unitY(l + 1, j) + size / 2;
      ctx.beginPath();
      ctx.moveTo(xa, ya);
      ctx.bezierCurveTo((xa + xb) / 2, ya, (xa + xb) / 2, yb, xb, yb);
      ctx.stroke();
    }));
  });

  ctx.imageSmoothingEnabled = true;
  ctx.font = '11px sans-serif';
  ctx.fillStyle = '#666';
  ctx.textAlign = 'center';
  const centre = cfg.activation === 'sigmoid' ? 0.5 : 0;
  ev.layers.forEach((units, l) => {
    const label = l === 0 ? 'input' : 'layer ' + l;
    ctx.fillText(label, colX(l) + size / 2, 12);
    if (l > 0) ctx.fillText(units.length + ' ' + cfg.activation, colX(l) + size / 2, 25);
    units.forEach((m, i) => {
      ctx.drawImage(mapImage(m, grid, l === 0 ? 0 : centre), colX(l), unitY(l, i), size, size);
      ctx.strokeStyle = '#999';
      ctx.lineWidth = 1;
      ctx.strokeRect(colX(l) + 0.5, unitY(l, i) + 0.5, size - 1, size - 1);
      if (l === 0) ctx.fillText(i === 0 ? 'x₁' : 'x₂', colX(l) + size / 2, unitY(l, i) + size + 11);
    });
  });
  const o = ncol - 1;
  ctx.fillText('output', colX(o) + size / 2, 12);
  ctx.fillText(cfg.loss, colX(o) + size / 2, 25);
  ctx.drawImage(mapImage(ev.output, grid, 0.5, 0.5), colX(o), unitY(o, 0), size, size);
  ctx.strokeRect(colX(o) + 0.5, unitY(o, 0) + 0.5, size - 1, size - 1);
  ctx.textAlign = 'start';
}

// drawChart draws two series of the history, the first solid (test), the
// second dashed (train), thinned to at most one point per pixel.
function drawChart(cv, title, keys, range) {
  const ctx = cv.getContext('2d'), W = cv.width, H = cv.height, hist = page.history;
  ctx.clearRect(0, 0, W, H);
  const L = 38, R = 6, T = 14, B = 16;
  let lo = 0, hi = 1;
  if (!range) {
    hi = 1e-9;
    for (const h of hist) for (const k of keys) if (isFinite(h[k])) hi = Math.max(hi, h[k]);
  } else { [lo, hi] = range; }
  const n = Math.max(hist.length - 1, 1);
  const x = (i) => L + (i / n) * (W - L - R), y = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  ctx.strokeStyle = '#ccc';
  ctx.lineWidth = 1;
  ctx.strokeRect(L + 0.5, T + 0.5, W - L - R - 1, H - T - B - 1);
  ctx.fillStyle = '#666';
  ctx.font = '10px sans-serif';
  ctx.fillText(title, L + 4, 10);
  ctx.fillText(range ? '100%' : hi.toPrecision(2), 2, T + 8);
  ctx.fillText(range ? '0%' : '0', 2, H - B);
  ctx.fillText('epoch ' + (hist.length - 1), W - 70, H - 3);
  const stride = Math.max(1, Math.floor(hist.length / (W - L - R)));
  keys.forEach((k, s) => {
    ctx.beginPath();
    ctx.setLineDash(s === 0 ? [] : [4, 3]);
    ctx.strokeStyle = s === 0 ? '#222' : '#999';
    ctx.lineWidth = 1.5;
    for (let i = 0; i < hist.length; i += stride) {
      const v = hist[i][k];
      if (i === 0) ctx.moveTo(x(i), y(v)); else ctx.lineTo(x(i), y(v));
    }
    if (hist.length) ctx.lineTo(x(hist.length - 1), y(hist[hist.length - 1][k]));
    ctx.stroke();
  });
  ctx.setLineDash([]);
}

// ---- controls

function fill(sel, values) {
  for (const v of values) {
    const o = document.createElement('option');
    o.value = o.textContent = v;
    sel.appendChild(o);
  }
}

async function init() {
  page.info = await api('GET', '/api/info');
  fill($('dataset'), page.info.datasets);
  fill($('activation'), page.info.activations);
  fill($('loss'), page.info.losses);
  fill($('optimizer'), page.info.optimizers);
  $('points').min = page.info.minPoints;
  $('points').max = page.info.maxPoints;
  writeConfig(page.info.defaults);
  $('speed').value = String(page.info.defaultSpeed);

  $('start').onclick = () => control({ action: 'start' });
  $('pause').onclick = () => control({ action: 'pause' });
  $('step').onclick = () => control({ action: 'step' });
  $('reset').onclick = reset;
  $('speed').onchange = () => control({ action: 'speed', speed: Number($('speed').value) });
  $('new-seed').onclick = () => { $('seed').value = Math.floor(Math.random() * 1e9); reset(); };
  $('dataset').addEventListener('change', () => {
    $('noise').value = NOISE[$('dataset').value] ?? 0;
    showSliders();
  });
  for (const id of ['dataset', 'points', 'noise', 'test-ratio', 'hidden', 'activation', 'loss', 'optimizer', 'lr', 'batch', 'l2', 'dropout', 'seed']) {
    $(id).addEventListener('change', () => { showSliders(); reset(); });
  }
  for (const id of ['noise', 'test-ratio']) $(id).addEventListener('input', showSliders);
  $('add-layer').onclick = () => {
    let h;
    try { h = parseHidden($('hidden').value); } catch (e) { say(e.message); return; }
    if (h.length >= page.info.maxHiddenLayers) { say('at most ' + page.info.maxHiddenLayers + ' hidden layers'); return; }
    h.push(h.length ? h[h.length - 1] : 4);
    $('hidden').value = h.join(', ');
    reset();
  };
  $('remove-layer').onclick = () => {
    let h;
    try { h = parseHidden($('hidden').value); } catch (e) { say(e.message); return; }
    h.pop();
    $('hidden').value = h.join(', ');
    reset();
  };
  window.addEventListener('pagehide', () => {
    if (page.id) fetch('/api/sessions/' + page.id, { method: 'DELETE', keepalive: true });
  });
  await openSession();
}

init().catch((e) => say('cannot start: ' + e.message));
