/* newskg explorer: search an entity, open its neighbourhood, read the evidence; a SPARQL editor.
   Talks to its own server: /api/page, /api/search, /api/node and the SPARQL endpoint /sparql.
   Every text from the graph is put in the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var state = { style: null, opened: {}, nodeData: {}, edgeData: {}, selected: null };
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var network = null;

  function status(text) { $("status").textContent = text || ""; }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { throw new Error(t || r.statusText); }); }
      return r.json();
    });
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }

  /* ---------- the graph ---------- */

  function nodeColor(n) {
    var s = state.style, color = s.groups[n.group] || s.groups.Other;
    if (n.group === "Event") { color = s.events[n.top] || s.groups.Event; }
    return { background: color, border: "#333", highlight: { background: color, border: "#000" } };
  }

  function visNode(n) {
    var label = n.label.length > 40 ? n.label.slice(0, 38) + "…" : n.label;
    var title = n.label + "\n" + n.cls + (n.date ? "\n" + n.date : "") +
      (n.aliases && n.aliases.length ? "\nalso: " + n.aliases.join("; ") : "");
    return { id: n.id, label: label, title: title, color: nodeColor(n),
             shape: state.style.shapes[n.group] || "dot", borderWidth: state.opened[n.id] ? 3 : 1 };
  }

  function visEdge(e) {
    var st = state.style.edges[e.kind] || state.style.edges.fact;
    var first = e.evidence[0] || {};
    return { id: e.id, from: e.from, to: e.to, label: e.label, arrows: "to", dashes: st.dashes,
             color: { color: st.color, highlight: "#000" },
             title: e.label + " (" + e.kind + ", " + e.evidence.length + " sentence" +
                    (e.evidence.length === 1 ? "" : "s") + ")" + (first.sentence ? "\n" + first.sentence : "") };
  }

  function makeNetwork() {
    network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
      physics: { solver: "forceAtlas2Based", stabilization: { iterations: 150 },
                 forceAtlas2Based: { gravitationalConstant: -60, springLength: 110 } },
      nodes: { size: 14, font: { size: 15, face: "sans-serif" }, widthConstraint: { maximum: 180 } },
      edges: { font: { size: 12, align: "middle", strokeWidth: 3, strokeColor: "#fff" }, width: 1.5,
               smooth: { type: "dynamic" } },
      interaction: { hover: true, tooltipDelay: 150 }
    });
    network.on("click", function (p) {
      if (p.nodes.length) { open(p.nodes[0]); }
      else if (p.edges.length) { showEdge(p.edges[0]); }
    });
    network.on("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
    window.explorer.network = network;
  }

  function passes(n) {
    if (!n) { return true; }
    var groups = {}, boxes = document.querySelectorAll("#group-filter input");
    Array.prototype.forEach.call(boxes, function (b) { groups[b.value] = b.checked; });
    if (groups[n.group] === false) { return false; }
    var cls = $("event-class").value;
    if (cls && n.group === "Event" && n.cls !== cls) { return false; }
    return !n.date || inRange(n.date);
  }

  function inRange(date) {
    var from = $("date-from").value, to = $("date-to").value;
    return (!from || date.slice(0, 10) >= from) && (!to || date.slice(0, 10) <= to);
  }

  function edgePasses(e) {
    if (!$("date-from").value && !$("date-to").value) { return true; }
    var dated = e.evidence.filter(function (ev) { return ev.published; });
    return !dated.length || dated.some(function (ev) { return inRange(ev.published); });
  }

  function applyFilters() {
    var shownNodes = {};
    nodes.update(nodes.getIds().map(function (id) {
      var keep = !!state.opened[id] || passes(state.nodeData[id]);
      shownNodes[id] = keep;
      return { id: id, hidden: !keep };
    }));
    edges.update(edges.getIds().map(function (id) {
      var e = state.edgeData[id];
      return { id: id, hidden: !(shownNodes[e.from] && shownNodes[e.to] && edgePasses(e)) };
    }));
  }

  /* New nodes start on rings around the opened one (more nodes, more rings), so that a short
     stabilisation settles them: a hub's 200 neighbours dropped at random took a second to settle. */
  function placed(data) {
    var centre = nodes.get(data.node.id) ? network.getPosition(data.node.id) : { x: 0, y: 0 };
    var fresh = data.nodes.filter(function (n) { return !nodes.get(n.id) && n.id !== data.node.id; });
    return data.nodes.map(function (n) {
      var v = visNode(n), i = fresh.indexOf(n);
      if (i >= 0) {
        var ring = Math.floor(i / 24), angle = 2 * Math.PI * (i % 24) / 24 + ring * 0.4;
        v.x = centre.x + (160 + 90 * ring) * Math.cos(angle);
        v.y = centre.y + (160 + 90 * ring) * Math.sin(angle);
      } else if (n.id === data.node.id && !nodes.get(n.id)) {
        v.x = centre.x; v.y = centre.y;
      }
      return v;
    });
  }

  function addNeighbourhood(data) {
    data.nodes.forEach(function (n) { state.nodeData[n.id] = n; });
    data.edges.forEach(function (e) { state.edgeData[e.id] = e; });
    nodes.update(placed(data));
    edges.update(data.edges.map(visEdge));
    var classes = {};
    Object.keys(state.nodeData).forEach(function (id) {
      var n = state.nodeData[id];
      if (n.group === "Event") { classes[n.cls] = true; }
    });
    var select = $("event-class"), current = select.value;
    while (select.options.length > 1) { select.remove(1); }
    Object.keys(classes).sort().forEach(function (c) { select.add(new Option(c, c)); });
    select.value = current;
    applyFilters();
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(data.nodes.length > 60 ? 30 : 120);
  }

  function open(iri) {
    var started = performance.now();
    status("opening…");
    return getJSON("api/node?iri=" + encodeURIComponent(iri)).then(function (data) {
      state.opened[iri] = true;
      network.once("stabilizationIterationsDone", function () { document.body.setAttribute("data-drawn", iri); });
      addNeighbourhood(data);
      showNode(iri, data);
      network.selectNodes([iri]);
      var ms = Math.round(performance.now() - started);
      document.body.setAttribute("data-opened", iri);
      status(data.node.label + ": " + data.edges.length + " edges, " + ms + " ms" +
             (data.capped ? " (a hub: its first edges only)" : ""));
    }).catch(function (err) { status("could not open: " + err.message); });
  }

  /* ---------- the details panel ---------- */

  function evidenceItem(ev) {
    var box = el("div", null, "evidence");
    if (ev.sentence) { box.appendChild(el("div", ev.sentence, "sentence")); }
    var meta = el("div", null, "meta");
    if (ev.title || ev.doc) {
      var a = el("a", ev.title || ev.doc);
      a.href = ev.url || ev.doc;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      meta.appendChild(a);
      meta.appendChild(document.createTextNode(ev.published ? " (" + ev.published + ")" : ""));
    }
    var bits = [];
    if (ev.confidence !== undefined) { bits.push("confidence " + ev.confidence.toFixed(2)); }
    if (ev.rule) { bits.push("rule " + ev.rule); }
    if (ev.version) { bits.push(ev.version); }
    if (bits.length) { meta.appendChild(document.createTextNode(" · " + bits.join(" · "))); }
    box.appendChild(meta);
    return box;
  }

  function edgeItem(e, focus) {
    var li = el("li", null, "edge " + e.kind);
    li.setAttribute("data-edge", e.id);
    var what = el("div", null, "what"), other = e.from === focus ? e.to : e.from;
    var otherNode = state.nodeData[other] || { label: other };
    var link = el("a", otherNode.label);
    link.setAttribute("data-iri", other);
    link.addEventListener("click", function () { open(other); });
    if (e.from === focus) {
      what.appendChild(document.createTextNode(e.label + " → "));
      what.appendChild(link);
    } else {
      what.appendChild(link);
      what.appendChild(document.createTextNode(" " + e.label + " →"));
    }
    li.appendChild(what);
    e.evidence.slice(0, 5).forEach(function (ev) { li.appendChild(evidenceItem(ev)); });
    if (e.evidence.length > 5) { li.appendChild(el("div", "… and " + (e.evidence.length - 5) + " more", "note")); }
    return li;
  }

  function section(panel, title, id, list, focus) {
    if (!list.length) { return; }
    panel.appendChild(el("h3", title + " (" + list.length + ")"));
    var ul = el("ul");
    ul.id = id;
    list.forEach(function (e) { ul.appendChild(edgeItem(e, focus)); });
    panel.appendChild(ul);
  }

  function showNode(iri, data) {
    var panel = $("details"), n = data.node;
    panel.textContent = "";
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("div", n.cls + (n.date ? " · " + n.date : "") + (n.group === "Event" && !n.asserted ? " · not asserted (claimed or hedged)" : ""), "meta"));
    if (n.aliases.length) { panel.appendChild(el("div", "also: " + n.aliases.join("; "), "meta")); }
    var facts = [], events = [], claims = [];
    data.edges.forEach(function (e) {
      var other = state.nodeData[e.from === iri ? e.to : e.from] || {};
      if (e.kind === "fact") { facts.push(e); }
      else if (e.kind === "role" && !(other.group === "Event" && !other.asserted)) { events.push(e); }
      else { claims.push(e); }
    });
    section(panel, "Facts", "facts", facts, iri);
    section(panel, "Events", "events", events, iri);
    section(panel, "Claims", "claims", claims, iri);
    if (!data.edges.length) { panel.appendChild(el("p", "No edges.", "note")); }
  }

  function showEdge(id) {
    var e = state.edgeData[id], panel = $("details");
    if (!e) { return; }
    panel.textContent = "";
    var from = state.nodeData[e.from] || { label: e.from }, to = state.nodeData[e.to] || { label: e.to };
    panel.appendChild(el("h2", from.label + " " + e.label + " " + to.label));
    panel.appendChild(el("div", e.kind + " · " + e.evidence.length + " piece(s) of evidence", "meta"));
    var ul = el("ul");
    e.evidence.forEach(function (ev) { var li = el("li", null, "edge " + e.kind); li.appendChild(evidenceItem(ev)); ul.appendChild(li); });
    panel.appendChild(ul);
  }

  /* ---------- search ---------- */

  var pending = null;
  function search() {
    var q = $("search").value.trim();
    clearTimeout(pending);
    if (!q) { $("hits").textContent = ""; return; }
    pending = setTimeout(function () {
      getJSON("api/search?q=" + encodeURIComponent(q)).then(function (hits) {
        if ($("search").value.trim() !== q) { return; }
        var ul = $("hits");
        ul.textContent = "";
        hits.forEach(function (h) {
          var li = el("li");
          li.tabIndex = 0;
          li.setAttribute("data-iri", h.iri);
          li.appendChild(el("div", h.label));
          li.appendChild(el("div", h.cls + (h.match ? " · “" + h.match + "”" : "") + " · " + h.mentions + " article(s)", "cls"));
          li.addEventListener("click", function () { open(h.iri); });
          li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { open(h.iri); } });
          ul.appendChild(li);
        });
        if (!hits.length) { ul.appendChild(el("li", "no entity of that name", "note")); }
      }).catch(function (err) { status("search failed: " + err.message); });
    }, 150);
  }

  /* ---------- SPARQL ---------- */

  var editor = null;
  function cell(b) {
    if (!b) { return ""; }
    if (b.type === "literal" && b["xml:lang"]) { return b.value + " @" + b["xml:lang"]; }
    return b.value;
  }

  function runQuery() {
    var started = performance.now(), out = $("results");
    $("query-status").textContent = "running…";
    var body = new URLSearchParams();
    body.set("query", editor.getValue());
    fetch("sparql", { method: "POST", body: body,
                      headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" } })
      .then(function (r) {
        return r.text().then(function (text) { return { ok: r.ok, type: r.headers.get("content-type") || "", text: text }; });
      })
      .then(function (r) {
        out.textContent = "";
        var ms = Math.round(performance.now() - started);
        if (!r.ok) { out.appendChild(el("pre", r.text, "error")); $("query-status").textContent = "failed"; return; }
        if (r.type.indexOf("json") < 0) { out.appendChild(el("pre", r.text)); $("query-status").textContent = ms + " ms"; return; }
        var data = JSON.parse(r.text);
        if (data.boolean !== undefined) { out.appendChild(el("p", String(data.boolean))); $("query-status").textContent = ms + " ms"; return; }
        var table = el("table"), head = el("tr");
        data.head.vars.forEach(function (v) { head.appendChild(el("th", v)); });
        table.appendChild(head);
        data.results.bindings.forEach(function (row) {
          var tr = el("tr");
          data.head.vars.forEach(function (v) { tr.appendChild(el("td", cell(row[v]))); });
          table.appendChild(tr);
        });
        out.appendChild(table);
        var n = data.results.bindings.length;
        $("query-status").textContent = n + " row" + (n === 1 ? "" : "s") + ", " + ms + " ms";
      })
      .catch(function (err) { out.textContent = ""; out.appendChild(el("pre", err.message, "error")); });
  }

  function setUpSparql(examples) {
    editor = CodeMirror.fromTextArea($("query"), { mode: "application/sparql-query", lineNumbers: true,
      extraKeys: { "Ctrl-Enter": runQuery, "Cmd-Enter": runQuery } });
    window.explorer.editor = editor;
    examples.forEach(function (ex) { $("examples").add(new Option(ex.title + " (" + ex.name + ".rq)", ex.name)); });
    $("examples").addEventListener("change", function () {
      var ex = examples.filter(function (x) { return x.name === $("examples").value; })[0];
      if (ex) { editor.setValue(ex.query); }
    });
    $("run").addEventListener("click", runQuery);
  }

  /* ---------- start ---------- */

  function showView(name) {
    ["graph", "sparql"].forEach(function (v) {
      $("view-" + v).hidden = v !== name;
      $("tab-" + v).classList.toggle("active", v === name);
    });
    if (name === "sparql" && editor) { editor.refresh(); }
  }

  function setUpFilters() {
    var box = $("group-filter");
    Object.keys(state.style.groups).forEach(function (g) {
      var label = el("label"), input = el("input"), sw = el("span", null, "swatch");
      input.type = "checkbox"; input.checked = true; input.value = g;
      input.addEventListener("change", applyFilters);
      sw.style.background = state.style.groups[g];
      label.appendChild(input); label.appendChild(sw); label.appendChild(document.createTextNode(g));
      box.appendChild(label);
    });
    ["event-class", "date-from", "date-to"].forEach(function (id) { $(id).addEventListener("change", applyFilters); });
    $("clear").addEventListener("click", function () {
      nodes.clear(); edges.clear(); state.opened = {}; state.nodeData = {}; state.edgeData = {};
    });
  }

  window.explorer = { nodes: nodes, edges: edges, open: open, state: state };
  getJSON("api/page").then(function (page) {
    state.style = page.style;
    $("target").textContent = page.target;
    setUpFilters();
    makeNetwork();
    setUpSparql(page.examples);
    $("search").addEventListener("input", search);
    Array.prototype.forEach.call(document.querySelectorAll("nav .tab"), function (b) {
      b.addEventListener("click", function () { showView(b.getAttribute("data-view")); });
    });
    document.body.setAttribute("data-ready", "true");
  }).catch(function (err) { status("cannot start: " + err.message); });
})();
