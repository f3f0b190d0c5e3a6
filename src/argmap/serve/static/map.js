/* argmap: the interactive map page. Hand-written, no library, no build step.
 * Part of argmap (MIT licence). Served by `argmap serve` (data from /api/map/<id>,
 * saves heard on /events, what-ifs computed by the server) and written by
 * `argmap build` into output/<map>/<map>-map.html (data inside the page).
 * Every text from a claim file enters the page as a text node, never as markup. */
(function () {
  "use strict";
  var body = document.body;
  var mode = body.dataset.mode;
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) add(node, arguments[i]);
    return node;
  }
  function sv(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    });
  }
  function add(node, kid) {
    if (kid === null || kid === undefined || kid === false) return;
    if (Array.isArray(kid)) { kid.forEach(function (k) { add(node, k); }); return; }
    node.appendChild(typeof kid === "string" || typeof kid === "number" ? document.createTextNode(String(kid)) : kid);
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function fileHref(where) {
    if (mode !== "live" || !where) return null;
    var path = where.replace(/:\d+:\d+$/, "");
    return "/files/" + path.split("/").map(encodeURIComponent).join("/");
  }

  if (mode === "index") { indexPage(); return; }

  var mapId = body.dataset.map;
  var S = {
    view: null, state: null, accept: [], drop: [], base: {}, expanded: {}, selected: null,
    t: { x: 20, y: 20, k: 1 }, tab: "map", fitted: false, query: "", layout: null, connected: false
  };

  // ------------------------------------------------------------------ the frame
  var live = el("span", { class: "pill", id: "live", text: mode === "live" ? "connecting…" : "static copy" });
  var tabs = {};
  function tabButton(name, label) {
    tabs[name] = el("button", { type: "button", class: "tab", "data-tab": name, role: "tab", onclick: function () { showTab(name); } }, label);
    return tabs[name];
  }
  var problemCount = el("span", { class: "count" });
  var title = el("h1", { id: "title" });
  var header = el("header", { class: "bar" },
    el("div", { class: "brand" }, mode === "live" ? el("a", { href: "/", class: "home", text: "argmap" }) : el("span", { class: "home", text: "argmap" }), title, live),
    el("nav", { class: "tabs", role: "tablist" }, tabButton("map", "Map"), tabButton("handouts", "Handouts"),
      el("span", {}, tabButton("problems", "Problems"), problemCount)));
  var banner = el("div", { id: "banner", class: "banner", hidden: true, role: "alert" });
  var whatif = el("div", { id: "whatif", class: "whatif", hidden: true });
  var search = el("input", { id: "search", type: "search", placeholder: "Search claims, cards, ids…", autocomplete: "off", "aria-label": "Search the map" });
  var results = el("ul", { id: "results", class: "results", hidden: true });
  var svg = sv("svg", { id: "canvas", role: "img", "aria-label": "argument map" });
  var viewport = sv("g", { id: "viewport" });
  svg.appendChild(defs());
  svg.appendChild(viewport);
  var detail = el("aside", { id: "detail", class: "detail" }, el("p", { class: "muted", text: "Click a claim, an argument or a card to see it here." }));
  var legend = el("div", { class: "legend" },
    el("span", { class: "lg lg-support", text: "supports" }), el("span", { class: "lg lg-rebut", text: "attacks" }),
    el("span", { class: "lg lg-undercut", text: "undercuts" }), el("span", { class: "lg lg-card", text: "card" }),
    el("span", { class: "lg lg-in", text: "✔ stands" }), el("span", { class: "lg lg-out", text: "✘ falls" }), el("span", { class: "lg lg-undec", text: "? contested" }));
  var toolbar = el("div", { class: "toolbar" },
    el("div", { class: "searchbox" }, search, results),
    el("button", { type: "button", title: "Show the whole tree", onclick: function () { expandAll(true); } }, "Expand all"),
    el("button", { type: "button", title: "Back to the overview", onclick: function () { S.expanded = {}; overview(); draw(); fit(); } }, "Overview"),
    el("button", { type: "button", title: "Fit the whole tree to the window", onclick: function () { fit(true); } }, "Fit"),
    el("button", { type: "button", title: "Zoom in", "aria-label": "Zoom in", onclick: function () { zoomBy(1.25); } }, "+"),
    el("button", { type: "button", title: "Zoom out", "aria-label": "Zoom out", onclick: function () { zoomBy(0.8); } }, "−"));
  var mapTab = el("section", { id: "tab-map", class: "tab-map" }, toolbar,
    el("div", { class: "split" }, el("div", { class: "mapwrap", id: "mapwrap" }, svg, legend), detail));
  var handoutsTab = el("section", { id: "tab-handouts", class: "panel", hidden: true });
  var problemsTab = el("section", { id: "tab-problems", class: "panel", hidden: true });
  var main = el("main", {}, mapTab, handoutsTab, problemsTab);
  body.appendChild(header); body.appendChild(banner); body.appendChild(whatif); body.appendChild(main);

  function defs() {
    var d = sv("defs");
    [["arrow-support", "#1b6e3a"], ["arrow-attack", "#b3261e"], ["arrow-plain", "#777"]].forEach(function (m) {
      var mk = sv("marker", { id: m[0], viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
      mk.appendChild(sv("path", { d: "M0,0 L10,5 L0,10 z", fill: m[1] }));
      d.appendChild(mk);
    });
    return d;
  }

  function showTab(name) {
    S.tab = name;
    Object.keys(tabs).forEach(function (k) { tabs[k].setAttribute("aria-selected", k === name ? "true" : "false"); });
    mapTab.hidden = name !== "map"; handoutsTab.hidden = name !== "handouts"; problemsTab.hidden = name !== "problems";
    if (name === "problems") loadProblems();
    drawBanner();
    if (name === "handouts") drawHandouts();
    if (name === "map" && !S.fitted) fit();
  }

  // ------------------------------------------------------------------ data
  function query() {
    var q = [];
    if (S.accept.length) q.push("accept=" + S.accept.map(encodeURIComponent).join(","));
    if (S.drop.length) q.push("drop=" + S.drop.map(encodeURIComponent).join(","));
    return q.length ? "?" + q.join("&") : "";
  }
  var loading = 0;
  function load() {
    if (mode !== "live") return Promise.resolve();
    var mine = ++loading;
    return fetch("/api/map/" + encodeURIComponent(mapId) + query(), { cache: "no-store" })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (res) {
        window.argmapFetched = Date.now();
        if (mine !== loading) return;
        if (!res.ok && res.j.error) {  // a what-if id the saved map no longer has: back to the map as it is
          flash(res.j.error + " (what-if reset)");
          if (S.accept.length || S.drop.length) { S.accept = []; S.drop = []; load(); }
          return;
        }
        accept(res.j);
      })
      .catch(function () { setLive("offline", "cannot reach argmap serve"); });
  }
  function accept(data) {
    S.state = data.state;
    if (data.view) {
      S.view = data.view;
      if (!S.accept.length && !S.drop.length) {
        S.base = {};
        Object.keys(S.view.nodes).forEach(function (k) { S.base[k] = S.view.nodes[k].label; });
      }
    }
    render();
    body.dataset.version = String(S.state.version);
    window.argmapRendered = { version: S.state.version, at: Date.now(), stale: S.state.stale };
  }
  function flash(text) {
    var note = el("div", { class: "flash", role: "status", text: text });
    body.appendChild(note);
    setTimeout(function () { note.remove(); }, 4000);
  }
  function setLive(cls, text) { live.className = "pill " + cls; live.textContent = text; }

  // ------------------------------------------------------------------ the tree
  function kids(n) {
    if (n.type === "statement") return n.reasons.concat(n.objections);
    if (n.type === "argument") return n.premises.concat(n.undercuts_of_it);
    return [];
  }
  function buildTree() {
    var nodes = S.view.nodes, drawn = {};
    function make(id, key, depth, onPath) {
      var n = nodes[id];
      var item = { id: id, key: key, depth: depth, n: n, children: [], hidden: 0, ref: false };
      if (drawn[id] || onPath[id]) { item.ref = true; return item; }
      drawn[id] = key;
      var ks = kids(n).filter(function (k) { return nodes[k]; });
      if (!ks.length) return item;
      if (!S.expanded[key]) { item.hidden = ks.length; item.collapsed = true; return item; }
      var path = Object.assign({}, onPath); path[id] = true;
      item.children = ks.map(function (k) { return make(k, key + ">" + k, depth + 1, path); });
      return item;
    }
    return S.view.roots.map(function (r) { return make(r, r, 0, {}); });
  }
  function firstPath(target) {
    // the key path to the first place `target` is drawn when everything is expanded
    var nodes = S.view.nodes, seen = {}, found = null;
    function walk(id, key, onPath) {
      if (found || seen[id] || onPath[id] || !nodes[id]) return;
      seen[id] = true;
      if (id === target) { found = key; return; }
      var path = Object.assign({}, onPath); path[id] = true;
      kids(nodes[id]).forEach(function (k) { walk(k, key + ">" + k, path); });
    }
    S.view.roots.forEach(function (r) { walk(r, r, {}); });
    return found;
  }
  function overview() {
    // the overview first: expand level by level while the picture stays small
    var level = S.view.roots.map(function (r) { return { id: r, key: r }; });
    var shown = level.length, nodes = S.view.nodes;
    for (var depth = 0; depth < 6 && level.length; depth++) {
      var next = [];
      level.forEach(function (it) { kids(nodes[it.id]).forEach(function (k) { if (nodes[k]) next.push({ id: k, key: it.key + ">" + k }); }); });
      if (depth > 0 && (shown + next.length > 24 || next.length > 9)) break;
      level.forEach(function (it) { S.expanded[it.key] = true; });
      shown += next.length; level = next;
    }
  }
  function expandAll(andFit) {
    var nodes = S.view.nodes, seen = {};
    function walk(id, key, onPath) {
      if (seen[id] || onPath[id] || !nodes[id]) return;
      seen[id] = true; S.expanded[key] = true;
      var path = Object.assign({}, onPath); path[id] = true;
      kids(nodes[id]).forEach(function (k) { walk(k, key + ">" + k, path); });
    }
    S.view.roots.forEach(function (r) { walk(r, r, {}); });
    draw(); if (andFit) fit(true);
  }

  // ------------------------------------------------------------------ layout and drawing
  var measure = document.createElement("canvas").getContext("2d");
  function wrap(text, width, font, maxLines) {
    measure.font = font;
    var words = String(text).split(/\s+/), lines = [], line = "";
    for (var i = 0; i < words.length; i++) {
      var tryLine = line ? line + " " + words[i] : words[i];
      if (measure.measureText(tryLine).width > width && line) { lines.push(line); line = words[i]; }
      else line = tryLine;
      if (lines.length === maxLines) break;
    }
    if (lines.length < maxLines && line) lines.push(line);
    else if (lines.length === maxLines && (line || i < words.length)) lines[maxLines - 1] = lines[maxLines - 1].replace(/\s*\S*$/, "") + " …";
    return lines;
  }
  var FONT = "13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var KIND_WORD = { thesis: "THESIS", claim: "CLAIM", premise: "PREMISE", fact: "FACT", assumption: "ASSUMPTION", objection: "OBJECTION", answer: "ANSWER", plan: "PLAN" };
  var STATUS = { "in": "✔ stands", out: "✘ falls", undec: "? contested" };
  function boxOf(item) {
    var n = item.n, w, lines, head;
    if (n.type === "argument") {
      w = 150;
      head = n.relation === "support" ? "+ reason" : n.relation === "rebut" ? "− attack" : "⊣ undercut";
      lines = n.scheme ? [n.scheme.replace(/-/g, " ")] : [];
      return { w: w, h: lines.length ? 40 : 26, lines: lines, head: head };
    }
    w = n.type === "evidence" ? 220 : 230;
    lines = item.ref ? wrap("↗ " + (n.tag || n.text), w - 16, FONT, 1) : wrap(n.type === "evidence" ? n.card.tag : (n.tag || n.text), w - 16, FONT, 4);
    head = n.type === "evidence" ? (n.card.number + " · " + n.card.short_cite)
      : (KIND_WORD[n.kind] || n.kind.toUpperCase());
    head = wrap(head, w - 16 - (n.type === "evidence" ? 20 : 78), "bold 10.5px system-ui, sans-serif", 1)[0] || "";
    return { w: w, h: 34 + lines.length * 16 + 4, lines: lines, head: head };
  }
  function layout(trees) {
    // A tidy tree, top down: each subtree as wide as its children (or its own box),
    // the parent centred over them. A claim's cards that have nothing below them
    // stand in one column (a stack) instead of a row, so a well-carded claim stays narrow.
    var GAP = 16, SGAP = 8, rows = [];
    function stacked(c) { return c.n.type === "evidence" && !c.children.length; }
    function size(it) {
      it.box = boxOf(it);
      rows[it.depth] = Math.max(rows[it.depth] || 0, it.box.h);
      it.stack = it.children.filter(stacked);
      it.spread = it.children.filter(function (c) { return !stacked(c); });
      var cols = [], stackH = 0, stackW = 0;
      it.stack.forEach(function (c, i) { size(c); stackH += c.box.h + (i ? SGAP : 0); stackW = Math.max(stackW, c.box.w); });
      if (it.stack.length) { rows[it.depth + 1] = Math.max(rows[it.depth + 1] || 0, stackH); cols.push(stackW); }
      it.spread.forEach(function (c) { cols.push(size(c)); });
      it.stackW = stackW;
      var span = cols.reduce(function (a, w, i) { return a + w + (i ? GAP : 0); }, 0);
      it.sw = Math.max(it.box.w, span);
      return it.sw;
    }
    function place(it, left) {
      it.x = left + it.sw / 2;
      var total = (it.stack.length ? it.stackW : 0), n = it.stack.length ? 1 : 0;
      it.spread.forEach(function (c) { total += c.sw + (n++ ? GAP : 0); });
      var cl = left + (it.sw - total) / 2;
      if (it.stack.length) {
        var off = 0;
        it.stack.forEach(function (c) { c.x = cl + it.stackW / 2; c.sw = c.box.w; c.dy = off; c.stackedIn = true; off += c.box.h + SGAP; });
        cl += it.stackW + GAP;
      }
      it.spread.forEach(function (c) { place(c, cl); cl += c.sw + GAP; });
    }
    var left = 0;
    trees.forEach(function (t) { size(t); place(t, left); left += t.sw + GAP * 3; });
    var ys = [0];
    for (var d = 1; d <= rows.length; d++) ys[d] = ys[d - 1] + (rows[d - 1] || 0) + 56;
    var all = [];
    function collect(it) { it.y = ys[it.depth] + (it.dy || 0); all.push(it); it.children.forEach(collect); }
    trees.forEach(collect);
    return { items: all, width: left, height: ys[rows.length] || 100 };
  }
  function edgeClass(child, parent) {
    var c = child.n, p = parent.n;
    if (c.type === "argument" && p.type === "statement") return c.relation === "support" ? "support" : "rebut";
    if (c.type === "argument" && p.type === "argument") return "undercut";
    if (c.type === "evidence") return c.challenges.indexOf(p.id) >= 0 ? "rebut card-edge" : "support card-edge";
    return "premise";
  }
  function draw() {
    if (!S.view) return;
    var trees = buildTree();
    var L = layout(trees);
    S.layout = L;
    clear(viewport);
    var edges = sv("g", { class: "edges" }), boxes = sv("g", { class: "boxes" });
    viewport.appendChild(edges); viewport.appendChild(boxes);
    var matches = searchMatches(S.query);
    L.items.forEach(function (it) {
      it.children.forEach(function (c) {
        var x1 = c.x, y1 = c.y, x2 = it.x, y2 = it.y + it.box.h, my = (y1 + y2) / 2;
        var d = "M" + x1 + "," + y1 + " C" + x1 + "," + my + " " + x2 + "," + my + " " + x2 + "," + y2;
        if (c.stackedIn && c.dy) {  // a card lower in a stack: along the stack's left side, then up to the claim
          var xs = c.x - c.box.w / 2 - 7, top = c.y - c.dy;
          d = "M" + (xs + 7) + "," + (c.y + 14) + " H" + xs + " V" + (top - 12) + " C" + xs + "," + (top - 30) + " " + x2 + "," + (y2 + 20) + " " + x2 + "," + y2;
        }
        var cls = edgeClass(c, it);
        var marker = cls.indexOf("support") === 0 ? "arrow-support" : cls.indexOf("rebut") === 0 || cls === "undercut" ? "arrow-attack" : "arrow-plain";
        edges.appendChild(sv("path", { class: "edge " + cls, d: d,
          "marker-end": cls === "premise" ? null : "url(#" + marker + ")" }));
      });
    });
    L.items.forEach(function (it) { boxes.appendChild(drawBox(it, matches)); });  // matches: id -> rank (0 counts)
    viewport.setAttribute("transform", "translate(" + S.t.x + "," + S.t.y + ") scale(" + S.t.k + ")");
  }
  function drawBox(it, matches) {
    var n = it.n, b = it.box, x = it.x - b.w / 2, y = it.y;
    var changed = S.base[n.id] && S.base[n.id] !== n.label;
    var cls = ["node", n.type, n.type === "statement" ? "k-" + n.kind : "", n.type === "argument" ? "r-" + n.relation : "",
      "l-" + n.label, "s-" + n.side, it.ref ? "ref" : "", S.selected === n.id ? "selected" : "", n.id in matches ? "match" : "",
      changed ? "changed" : "", n.accepted ? "accepted" : "", n.dropped ? "dropped" : ""].join(" ");
    var g = sv("g", { class: cls, "data-id": n.id, "data-key": it.key, tabindex: 0, role: "button",
      "aria-label": (b.head + ": " + (n.tag || n.text || "") + " — " + STATUS[n.label]) });
    g.appendChild(sv("rect", { x: x, y: y, width: b.w, height: b.h, rx: n.type === "argument" ? 13 : 6 }));
    if (n.type === "argument") {
      g.appendChild(text(x + 10, y + 17, b.head, "head"));
      g.appendChild(text(x + b.w - 8, y + 17, STATUS[n.label].slice(0, 1), "status", "end"));
      if (b.lines.length) g.appendChild(text(x + 10, y + 33, b.lines[0], "scheme"));
    } else {
      g.appendChild(text(x + 8, y + 15, b.head, "head"));
      g.appendChild(text(x + b.w - 8, y + 15, n.type === "evidence" ? STATUS[n.label].slice(0, 1) : STATUS[n.label], "status", "end"));
      b.lines.forEach(function (line, i) { g.appendChild(text(x + 8, y + 34 + i * 16, line, "body")); });
    }
    if (n.accepted || n.dropped) g.appendChild(text(x + b.w - 8, y + b.h - 6, n.dropped ? "dropped" : "accepted", "flag", "end"));
    if (it.collapsed || (it.children.length && !it.ref)) {
      var tg = sv("g", { class: "toggle", "data-toggle": it.key, role: "button", tabindex: 0,
        "aria-label": it.collapsed ? "expand " + it.hidden : "collapse" });
      tg.appendChild(sv("circle", { cx: it.x, cy: y + b.h + 1, r: 9 }));
      tg.appendChild(text(it.x, y + b.h + 5, it.collapsed ? "+" + it.hidden : "−", "toggle-label", "middle"));
      g.appendChild(tg);
    }
    return g;
  }
  function text(x, y, s, cls, anchor) {
    var t = sv("text", { x: x, y: y, class: cls, "text-anchor": anchor || null });
    t.textContent = s;
    return t;
  }

  // ------------------------------------------------------------------ pan, zoom, click
  var pointers = {}, drag = null, pinch = null;
  function apply() { viewport.setAttribute("transform", "translate(" + S.t.x + "," + S.t.y + ") scale(" + S.t.k + ")"); }
  function zoomAt(px, py, factor) {
    var k = Math.min(2.5, Math.max(0.03, S.t.k * factor));
    S.t.x = px - (px - S.t.x) * (k / S.t.k); S.t.y = py - (py - S.t.y) * (k / S.t.k); S.t.k = k; apply();
  }
  function zoomBy(f) { var r = svg.getBoundingClientRect(); zoomAt(r.width / 2, r.height / 2, f); }
  function fit(all) {
    if (!S.layout) return;
    var r = svg.getBoundingClientRect();
    if (!r.width || !r.height) return;
    var k = Math.min(1, (r.width - 30) / Math.max(1, S.layout.width), (r.height - 30) / Math.max(1, S.layout.height));
    var floor = r.width < 600 ? 0.55 : 0.7;
    if (k < floor && !all) {  // too small to read: the top of the tree, readable, centred on the first root
      k = floor;
      var root = S.layout.items[0];
      S.t.k = k; S.t.x = r.width / 2 - root.x * k; S.t.y = 15; S.fitted = true; apply(); return;
    }
    k = Math.max(k, 0.03);
    S.t.k = k; S.t.x = (r.width - S.layout.width * k) / 2; S.t.y = 15; S.fitted = true; apply();
  }
  function center(id) {
    var it = S.layout && S.layout.items.filter(function (i) { return i.id === id && !i.ref; })[0];
    if (!it) return;
    var r = svg.getBoundingClientRect();
    if (S.t.k < 0.6) S.t.k = 0.85;
    S.t.x = r.width / 2 - it.x * S.t.k; S.t.y = r.height / 3 - it.y * S.t.k; apply();
  }
  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var r = svg.getBoundingClientRect();
    zoomAt(e.clientX - r.left, e.clientY - r.top, Math.exp(-e.deltaY * (e.deltaMode ? 0.05 : 0.0015)));
  }, { passive: false });
  svg.addEventListener("pointerdown", function (e) {
    pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    var ids = Object.keys(pointers);
    if (ids.length === 2) {
      var a = pointers[ids[0]], b = pointers[ids[1]];
      pinch = { d: Math.hypot(a.x - b.x, a.y - b.y), k: S.t.k }; drag = null;
    } else {
      drag = { x: e.clientX, y: e.clientY, tx: S.t.x, ty: S.t.y, moved: false, target: e.target };
    }
  });
  svg.addEventListener("pointermove", function (e) {
    if (!pointers[e.pointerId]) return;
    pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    var ids = Object.keys(pointers);
    if (pinch && ids.length === 2) {
      var a = pointers[ids[0]], b = pointers[ids[1]], r = svg.getBoundingClientRect();
      var d = Math.hypot(a.x - b.x, a.y - b.y);
      zoomAt((a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top, (pinch.k * d / pinch.d) / S.t.k);
      return;
    }
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) > 5) { drag.moved = true; svg.setPointerCapture(e.pointerId); svg.classList.add("panning"); }
    if (drag.moved) { S.t.x = drag.tx + dx; S.t.y = drag.ty + dy; apply(); }
  });
  function up(e) {
    delete pointers[e.pointerId];
    if (Object.keys(pointers).length < 2) pinch = null;
    if (drag && !drag.moved && e.type === "pointerup") activate(drag.target);
    svg.classList.remove("panning");
    drag = null;
  }
  svg.addEventListener("pointerup", up);
  svg.addEventListener("pointercancel", up);
  svg.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); activate(e.target); }
  });
  function itemAt(key) {
    var it = S.layout && S.layout.items.filter(function (i) { return i.key === key; })[0];
    return it ? { x: it.x, y: it.y } : null;
  }
  function activate(target) {
    var tg = target.closest && target.closest("[data-toggle]");
    if (tg) {  // expand or collapse, keeping the box where it was on the screen
      var key = tg.getAttribute("data-toggle"), at = itemAt(key);
      S.expanded[key] = !S.expanded[key]; draw();
      var now = itemAt(key);
      if (at && now) { S.t.x += (at.x - now.x) * S.t.k; S.t.y += (at.y - now.y) * S.t.k; apply(); }
      return;
    }
    var node = target.closest && target.closest("[data-id]");
    if (node) {
      select(node.getAttribute("data-id"));
      var split = detail.parentNode;
      if (window.innerWidth <= 760 && split.scrollTop < 10) {  // a phone: the detail comes up, the box stays in sight above it
        var mapH = svg.getBoundingClientRect().height, shift = mapH * 0.5;
        var it = S.layout.items.filter(function (i) { return i.id === S.selected && !i.ref; })[0];
        if (it) { S.t.y = shift + (mapH - shift) / 2 - (it.y + it.box.h / 2) * S.t.k; S.t.x = svg.getBoundingClientRect().width / 2 - it.x * S.t.k; apply(); }
        split.scrollTo({ top: shift, behavior: "smooth" });
      }
    }
  }

  // ------------------------------------------------------------------ search
  function searchMatches(q) {
    // id -> rank: 0 the id itself, 1 in the id, 2 in the words (text, tag, quote, cite, warrant)
    var out = {};
    q = (q || "").trim().toLowerCase();
    if (q.length < 2 || !S.view) return out;
    Object.keys(S.view.nodes).forEach(function (id) {
      var n = S.view.nodes[id], lid = id.toLowerCase();
      var hay = [n.text, n.tag, n.card ? n.card.quote + " " + n.card.tag + " " + n.card.short_cite + " " + n.card.number : "", n.warrant].join(" ").toLowerCase();
      if (lid === q) out[id] = 0;
      else if (lid.indexOf(q) >= 0) out[id] = 1;
      else if (hay.indexOf(q) >= 0) out[id] = 2;
    });
    return out;
  }
  function ranked(matches) {
    var order = Object.keys(S.view.nodes);
    return Object.keys(matches).sort(function (a, b) { return matches[a] - matches[b] || order.indexOf(a) - order.indexOf(b); });
  }
  search.addEventListener("input", function () {
    S.query = search.value;
    var m = ranked(searchMatches(S.query));
    clear(results);
    results.hidden = !m.length && S.query.trim().length < 2;
    if (S.query.trim().length >= 2 && !m.length) results.appendChild(el("li", { class: "muted", text: "nothing matches" }));
    m.slice(0, 30).forEach(function (id) {
      var n = S.view.nodes[id];
      results.appendChild(el("li", {}, el("button", { type: "button", onclick: function () { reveal(id); results.hidden = true; } },
        el("span", { class: "rid", text: n.type === "evidence" ? n.card.number : id }), " ", (n.type === "evidence" ? n.card.tag : n.tag || n.text))));
    });
    draw();
  });
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") { var first = ranked(searchMatches(S.query))[0]; if (first) { reveal(first); results.hidden = true; } }
    if (e.key === "Escape") { results.hidden = true; }
  });
  function reveal(id) {
    var path = firstPath(id);
    if (path) { var parts = path.split(">"); for (var i = 1; i < parts.length; i++) S.expanded[parts.slice(0, i).join(">")] = true; }
    showTab("map"); select(id); center(id);
  }

  // ------------------------------------------------------------------ the detail panel
  function select(id) {
    S.selected = id;
    draw();
    drawDetail();
  }
  function chip(label, cls) { return el("span", { class: "chip " + (cls || ""), text: label }); }
  function status(n) { return el("span", { class: "status l-" + n.label, text: STATUS[n.label] }); }
  function link(id, words) {
    var n = S.view.nodes[id];
    if (!n) return el("span", { text: id });
    return el("button", { type: "button", class: "link l-" + n.label, onclick: function () { reveal(id); } },
      words || (n.type === "evidence" ? n.card.number + " " + n.card.tag : n.tag || n.text), " ", el("span", { class: "mini", text: STATUS[n.label] }));
  }
  function section(titleText, items) {
    items = items.filter(Boolean);
    if (!items.length) return null;
    return el("section", { class: "sec" }, el("h3", { text: titleText }), items);
  }
  function cardBlock(n, against) {
    var c = n.card;
    return el("article", { class: "card" + (against ? " against" : "") },
      el("header", {}, el("button", { type: "button", class: "link", onclick: function () { reveal(n.id); } }, c.number + " " + c.tag), " ", status(n)),
      el("p", { class: "cite" }, el("strong", { text: c.short_cite }), " [" + c.cite + (c.paragraphs.length ? "; ¶" + c.paragraphs.join(", ¶") : "") + "]"),
      c.citing ? el("p", { class: "cite muted", text: c.citing }) : null,
      c.body.length ? c.body.map(function (p) {
        return el("p", { class: "cardbody" }, p.number ? el("span", { class: "para", text: "¶" + p.number + " " }) : null,
          p.segments.map(function (s) {
            var tag = { underline: "u", highlight: "mark", emphasis: "strong" }[s[0]];
            return tag ? el(tag, { class: s[0] === "highlight" ? "read" : s[0] === "emphasis" ? "em read" : "quote" }, s[1]) : el("span", { class: "ctx", text: s[1] });
          }));
      }) : el("p", { class: "cardbody" }, el("u", { text: c.quote })),
      el("p", { class: "muted small", text: "Underlined: the quote. Highlighted: what is read aloud (" + c.read_time + ", " + c.read_basis + ")." }),
      c.note ? el("p", { class: "note", text: c.note }) : null,
      c.weaknesses.length ? el("ul", { class: "weak" }, c.weaknesses.map(function (w) { return el("li", { text: w }); })) : null);
  }
  function whatifButtons(n) {
    if (n.type === "argument" && mode !== "live") return null;
    if (mode !== "live") return el("p", { class: "muted small quiet", text: "What-if (accept or drop this for a round) needs argmap serve." });
    var acc = S.accept.indexOf(n.id) >= 0, dr = S.drop.indexOf(n.id) >= 0;
    return el("div", { class: "whatif-buttons" },
      n.type !== "argument" ? el("button", { type: "button", class: "wi accept" + (acc ? " on" : ""), "aria-pressed": acc ? "true" : "false",
        onclick: function () { toggle("accept", n.id); } }, acc ? "✔ Accepted for this round" : "Accept for this round") : null,
      el("button", { type: "button", class: "wi drop" + (dr ? " on" : ""), "aria-pressed": dr ? "true" : "false",
        onclick: function () { toggle("drop", n.id); } }, dr ? "✘ Dropped for this round" : "Drop for this round"));
  }
  function drawDetail() {
    clear(detail);
    var n = S.selected && S.view.nodes[S.selected];
    if (!n) { detail.appendChild(el("p", { class: "muted", text: "Click a claim, an argument or a card to see it here." })); return; }
    var nodes = S.view.nodes;
    var head = el("div", { class: "dhead" },
      chip(n.type === "statement" ? (KIND_WORD[n.kind] || n.kind) : n.type === "argument" ? (n.relation === "support" ? "REASON" : n.relation === "rebut" ? "ATTACK" : "UNDERCUT") : "CARD " + n.card.number, "kind"),
      chip(n.side === "aff" ? "affirmative" : "negative", "side-" + n.side),
      n.option_label ? chip(n.option_label, "opt") : null, n.issue && n.issue !== "other" ? chip(n.issue, "issue") : null,
      el("button", { type: "button", class: "close", "aria-label": "Close", onclick: function () { S.selected = null; draw(); drawDetail(); } }, "×"));
    var where = n.location ? (fileHref(n.location) ? el("a", { href: fileHref(n.location), target: "_blank", rel: "noopener", class: "loc", text: n.location }) : el("code", { class: "loc", text: n.location })) : null;
    detail.appendChild(head);
    detail.appendChild(el("p", { class: "dtext" + (n.type === "argument" ? " small" : ""), text: n.type === "evidence" ? n.card.tag : n.text }));
    detail.appendChild(el("p", { class: "why" }, status(n), " ", el("span", { class: "whytext", text: n.why })));
    detail.appendChild(el("p", { class: "small muted" }, el("code", { text: n.id }), " · ", where));
    detail.appendChild(whatifButtons(n));
    var clashes = S.view.clashes.filter(function (c) { return c.target === n.id; });
    var onAttack = S.view.clashes.filter(function (c) { return c.attack === n.id; });
    if (n.type === "statement") {
      var args = n.reasons.filter(function (r) { return nodes[r] && nodes[r].type === "argument"; });
      var cardsFor = n.reasons.filter(function (r) { return nodes[r] && nodes[r].type === "evidence"; });
      var cardsAgainst = n.objections.filter(function (r) { return nodes[r] && nodes[r].type === "evidence"; });
      add(detail, [
        n.note ? el("p", { class: "note", text: n.note }) : null,
        section("Reasons for it", args.map(function (a) { return el("div", { class: "reason" }, link(a, "reason: " + nodes[a].premises.map(function (p) { return nodes[p] ? (nodes[p].tag || nodes[p].text) : p; }).join(" + "))); })),
        section("Cards for it", cardsFor.map(function (e) { return cardBlock(nodes[e], false); })),
        section("Attacks on it", clashes.map(clashBlock)),
        section("Cards against it", cardsAgainst.map(function (e) { return cardBlock(nodes[e], true); })),
        section("It is a premise of", n.premise_of.map(function (a) { var arg = nodes[a]; return arg ? el("div", {}, link(a, (arg.relation === "support" ? "reason for " : arg.relation === "rebut" ? "attack on " : "undercut of ") + (nodes[arg.target] ? (nodes[arg.target].tag || nodes[arg.target].text) : arg.target))) : null; })),
        section("What it attacks", onAttack.map(clashBlock)),
        section("Coach's notes", n.weaknesses.map(function (w) { return el("p", { class: "weak", text: w }); })),
        weakSpots(n.id)]);
    } else if (n.type === "argument") {
      add(detail, [
        n.warrant ? el("p", { class: "warrant" }, el("strong", { text: "Warrant: " }), n.warrant) : null,
        n.scheme ? el("p", { class: "small" }, "Scheme: ", el("strong", { text: n.scheme.replace(/-/g, " ") }), n.answer_type ? " · answer: " + n.answer_type : "") : (n.answer_type ? el("p", { class: "small", text: "Answer: " + n.answer_type }) : null),
        section(n.relation === "support" ? "It supports" : n.relation === "rebut" ? "It attacks" : "It undercuts", [link(n.target)]),
        section("Premises (together)", n.premises.map(function (p) { return el("div", {}, link(p)); })),
        section("Attacks on it", clashes.map(clashBlock)),
        section("What it attacks", onAttack.map(clashBlock)),
        section("Critical questions", n.questions.map(function (q) { return el("p", { class: "cq", text: q }); })),
        n.note ? el("p", { class: "note", text: n.note }) : null, weakSpots(n.id)]);
    } else {
      add(detail, [cardBlock(n, n.challenges.length > 0),
        section(n.supports.length ? "It supports" : "It challenges", n.supports.concat(n.challenges).map(function (s) {
          return el("div", {}, link(s), n.uses[s] ? el("span", { class: "mini", text: " (this use: " + STATUS[n.uses[s]] + ")" }) : null);
        })),
        section("Attacks on it", clashes.map(clashBlock)),
        section("What it attacks", onAttack.map(clashBlock)), weakSpots(n.id)]);
    }
  }
  var OUTCOME = { defeats: "stands: it defeats", contests: "contested", answered: "answered" };
  function clashBlock(c) {
    var nodes = S.view.nodes, here = S.selected;
    var attacker = nodes[c.attack] && nodes[c.attack].type === "evidence" ? nodes[c.attack].card.number + " " + nodes[c.attack].card.tag : c.attack_name;
    return el("div", { class: "clash o-" + c.outcome },
      el("p", { class: "outcome", text: c.relation + " · " + (OUTCOME[c.outcome] || c.outcome) }),
      c.attack !== here ? el("p", {}, link(c.attack, attacker)) : null,
      c.target !== here ? el("p", {}, el("span", { class: "mini", text: "against " }), link(c.target)) : null,
      c.answers.length ? el("ul", { class: "answers" }, c.answers.map(function (a) {
        return el("li", {}, link(a.id), " ", el("span", { class: "mini", text: a.how + (a.restores ? " · restores it" : a.would_restore ? " · would restore it if won" : "") }));
      })) : el("p", { class: "small muted", text: "No answer in the map." }));
  }
  function weakSpots(id) {
    var ws = S.view.weak_spots.filter(function (w) { return w.subject === id; });
    return section("Weak spots", ws.map(function (w) { return el("p", { class: "weak" }, el("code", { text: w.code }), " " + w.message, w.hint ? el("span", { class: "muted", text: " — " + w.hint }) : null); }));
  }
  function toggle(which, id) {
    var other = which === "accept" ? "drop" : "accept";
    S[other] = S[other].filter(function (x) { return x !== id; });
    var i = S[which].indexOf(id);
    if (i >= 0) S[which].splice(i, 1); else S[which].push(id);
    load();
  }

  // ------------------------------------------------------------------ banner, what-if bar
  function drawBanner() {
    var st = S.state;
    clear(banner);
    if (!st || !st.problems || !st.problems.length || S.tab === "problems") { banner.hidden = true; return; }
    banner.hidden = false;
    banner.className = "banner error";
    banner.appendChild(el("p", {}, el("strong", { text: st.stale ? "The last save has " + st.errors + " error(s): the map below is the last good version." : "This map has errors." }),
      " ", el("button", { type: "button", class: "link", onclick: function () { showTab("problems"); } }, "See all problems")));
    st.problems.slice(0, 3).forEach(function (p) { banner.appendChild(problemBlock(p)); });
  }
  function drawWhatif() {
    clear(whatif);
    if (!S.accept.length && !S.drop.length) { whatif.hidden = true; return; }
    var nodes = S.view.nodes, changed = Object.keys(nodes).filter(function (k) { return S.base[k] && S.base[k] !== nodes[k].label && nodes[k].type === "statement"; });
    whatif.hidden = false;
    add(whatif, [el("strong", { text: "What if, for this round: " }),
      S.accept.map(function (id) { return chip("accepted " + id, "acc"); }), S.drop.map(function (id) { return chip("dropped " + id, "drp"); }),
      el("span", { class: "small", text: " · " + changed.length + " claim(s) change (ringed on the map). Nothing is written to the claim files. " }),
      el("button", { type: "button", id: "reset", onclick: function () { S.accept = []; S.drop = []; load(); } }, "Reset")]);
  }

  // ------------------------------------------------------------------ handouts
  var KINDS = [["brief", "Case brief"], ["cards", "Evidence cards"], ["blocks", "Blocks and cross-ex"], ["flow", "Flow sheet"], ["worksheet", "Student worksheet"], ["key", "Teacher key"]];
  var frame = null;
  function drawHandouts() {
    clear(handoutsTab);
    var q = S.accept.length ? "?accept=" + S.accept.map(encodeURIComponent).join(",") : "";
    var base = mode === "live" ? "/map/" + encodeURIComponent(mapId) : null;
    function href(kind, fmt) { return base ? base + "/handout/" + kind + "." + fmt + q : encodeURIComponent(mapId + "-" + kind + "." + fmt); }
    var list = el("div", { class: "handouts" }, KINDS.map(function (k) {
      return el("div", { class: "handout" }, el("strong", { text: k[1] }), " ",
        el("button", { type: "button", onclick: function () { openFrame(href(k[0], "html")); } }, "View"),
        el("a", { href: href(k[0], "html"), target: "_blank", rel: "noopener" }, "HTML"),
        el("a", { href: href(k[0], "pdf"), target: "_blank", rel: "noopener" }, "PDF"),
        base ? el("a", { href: href(k[0], "md"), target: "_blank", rel: "noopener" }, "Markdown") : null);
    }));
    // the round documents: in live mode made on demand; beside a built page, the files the build wrote
    // (the numbered readings, one file per source there, are listed on the landing page)
    var ROUND = [["1ac", "1AC speech document", ["pdf", "docx"]], ["1nc", "1NC shells", ["pdf", "docx"]]].concat(base ? [["reading", "Numbered source readings", ["html", "pdf"]]] : []);
    var round = el("div", { class: "handouts" }, ROUND.map(function (k) {
      return el("div", { class: "handout" }, el("strong", { text: k[1] }), " ", k[2].map(function (fmt) {
        return el("a", { href: href(k[0], fmt), target: "_blank", rel: "noopener" }, fmt === "docx" ? "Word" : fmt.toUpperCase());
      }));
    }));
    var pictures = (base ? [["/diagram.pdf?view=overview", "overview PDF"], ["/diagram.svg?view=overview", "overview SVG"], ["/diagram.pdf?view=poster", "poster PDF"]]
      .map(function (e) { return el("a", { href: base + e[0] + (q ? "&" + q.slice(1) : ""), target: "_blank", rel: "noopener", text: e[1] }); })
      : [[mapId + "-overview.pdf", "overview PDF"], [mapId + "-overview.svg", "overview SVG"], [mapId + "-poster.pdf", "poster PDF"], [mapId + "-poster-letter.pdf", "poster on Letter sheets"], ["../index.html", "every output (landing page)"]]
      .map(function (e) { return el("a", { href: e[0].indexOf("/") < 0 ? encodeURIComponent(e[0]) : e[0], target: "_blank", rel: "noopener", text: e[1] }); }));
    var exp = base ? [["docx", "Word cards (.docx)"], ["cards-json", "cards JSON"], ["cite-request", "cite requests"], ["json", "map JSON"], ["aif", "AIF"], ["argdown", "Argdown"]]
      .map(function (e) { return el("a", { href: base + "/export/" + e[0] + q, target: "_blank", rel: "noopener", text: e[1] }); })
      .concat([el("a", { href: base + "/diagram.svg" + q, target: "_blank", rel: "noopener", text: "diagram SVG" }), el("a", { href: base + "/diagram.pdf" + q, target: "_blank", rel: "noopener", text: "diagram PDF" })])
      : [[mapId + "-cards.docx", "Word cards (.docx)"], [mapId + "-cards.json", "cards JSON"], [mapId + "-cite-request.md", "cite requests"], [mapId + ".json", "map JSON"], [mapId + ".svg", "diagram SVG"], [mapId + ".pdf", "diagram PDF"]]
      .map(function (e) { return el("a", { href: encodeURIComponent(e[0]), target: "_blank", rel: "noopener", text: e[1] }); });
    add(handoutsTab, [el("h2", { text: "Handouts" }),
      el("p", { class: "muted small", text: mode === "live" ? "Made on demand from the current claim files" + (S.accept.length ? ", with the what-if's accepted points" : "") + "; kept until the map changes." : "The files beside this page, as argmap build wrote them." }),
      list, el("h3", { text: "Round documents" }), round, el("h3", { text: "The case on one page" }), el("p", { class: "exports" }, pictures),
      el("h3", { text: "Evidence files and exports" }), el("p", { class: "exports" }, exp)]);
    frame = el("iframe", { class: "handout-frame", title: "handout", hidden: true });
    handoutsTab.appendChild(frame);
    if (S.frameSrc) openFrame(S.frameSrc);  // after a save: the open handout, made again
  }
  function openFrame(src) { S.frameSrc = src; frame.hidden = false; frame.src = src; }

  // ------------------------------------------------------------------ problems
  function problemBlock(p) {
    var href = fileHref(p.where);
    return el("div", { class: "problem " + p.severity },
      el("p", {}, el("span", { class: "sev", text: p.severity }), " ", href ? el("a", { href: href, target: "_blank", rel: "noopener", class: "loc", text: p.where }) : el("code", { class: "loc", text: p.where }),
        " ", el("code", { text: p.code }), " ", el("span", { text: p.message })),
      p.hint ? el("p", { class: "hint", text: "help: " + p.hint }) : null,
      p.context && p.context.length ? el("pre", { class: "context" }, p.context.map(function (row) {
        var here = row[0] === p.line;
        return el("span", { class: here ? "line here" : "line" }, el("span", { class: "ln", text: String(row[0]).padStart(4) + " " }), row[1] + "\n",
          here ? el("span", { class: "caret", text: "     " + " ".repeat(Math.max(0, p.col - 1)) + "^\n" }) : null);
      })) : null);
  }
  function loadProblems() {
    if (mode !== "live") { drawProblems({ problems: [], weak_spots: S.view.weak_spots.map(function (w) { return { severity: "warning", where: w.location || "", code: w.code, message: w.message, hint: w.hint, context: [] }; }) }); return; }
    fetch("/api/problems?map=" + encodeURIComponent(mapId), { cache: "no-store" }).then(function (r) { return r.json(); }).then(drawProblems);
  }
  function drawProblems(data) {
    clear(problemsTab);
    var errs = data.problems.filter(function (p) { return p.severity === "error"; }).length;
    add(problemsTab, [el("h2", { text: "Problems" }),
      mode === "live" ? el("p", { class: "muted small", text: data.problems.length ? errs + " error(s), " + (data.problems.length - errs) + " warning(s) in the project, as argmap check reports them." : "No errors or warnings: argmap check passes." })
        : el("p", { class: "muted small quiet", text: "The claim files' own errors are listed by argmap check or argmap serve; this copy shows the map's weak spots." }),
      data.problems.map(problemBlock),
      data.weak_spots && data.weak_spots.length ? [el("h3", { text: "Weak spots of the reasoning (" + data.weak_spots.length + ")" }),
        el("p", { class: "muted small", text: "Findings about the argument, not mistakes in the file: argmap check --verbose lists them." }), data.weak_spots.map(problemBlock)] : null]);
  }

  // ------------------------------------------------------------------ render
  function render() {
    if (!S.view) { drawBanner(); return; }
    title.textContent = S.view.map.title;
    document.title = S.view.map.title + " · argmap";
    if (!Object.keys(S.expanded).length) overview();
    if (S.selected && !S.view.nodes[S.selected]) S.selected = null;
    draw();
    if (!S.fitted && S.tab === "map") fit();
    drawDetail();
    drawBanner();
    drawWhatif();
    var st = S.state;
    problemCount.textContent = st && st.errors ? String(st.errors) : "";
    problemCount.className = "count" + (st && st.errors ? " on" : "");
    if (S.tab === "problems") loadProblems();
    if (S.tab === "handouts") drawHandouts();
  }

  function connect() {
    if (!window.EventSource) { setLive("offline", "no live updates in this browser"); return; }
    var es = new EventSource("/events");
    es.addEventListener("hello", function () { setLive("on", "live"); if (S.connected) load(); S.connected = true; });
    es.addEventListener("change", function (e) {
      var info = JSON.parse(e.data);
      window.argmapHeard = Date.now();
      setLive("on", "live · updated");
      if (info.maps && !info.maps[mapId]) { setLive("offline", "this map is gone from arguments/"); return; }
      load();
    });
    es.onerror = function () { setLive("offline", "reconnecting…"); };
  }

  showTab("map");
  if (mode === "live") { load(); connect(); }
  else {
    var data = JSON.parse(document.getElementById("argmap-data").textContent);
    setLive("static", "static copy · run argmap serve for live updates");
    accept(data);
  }
  window.addEventListener("resize", function () { if (S.tab === "map" && S.layout && !S.selected) fit(); });

  // ------------------------------------------------------------------ the index page
  function indexPage() {
    if (!window.EventSource) return;
    var es = new EventSource("/events");
    es.addEventListener("change", function () { window.location.reload(); });
  }
})();
