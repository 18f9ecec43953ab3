/* The map page's behaviour: search by any name, filters, and the evidence panel.
   Text from documents is only ever set with textContent, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kaartdata").textContent);
  var byId = {}, edgeById = {}, kindById = {}, relLabel = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; n.statements = []; });
  data.edges.forEach(function (e) { edgeById[e.id] = e; });
  data.kinds.forEach(function (k) { kindById[k.id] = k; });
  data.relations.forEach(function (r) { relLabel[r.id] = r.label; });
  data.statements.forEach(function (s) {
    if (byId[s.s]) byId[s.s].statements.push(s);
    if (s.o && s.o !== s.s && byId[s.o]) byId[s.o].statements.push(s);
  });

  var nodes = new vis.DataSet(data.vis.nodes);
  var edges = new vis.DataSet(data.vis.edges);
  var container = document.getElementById("kaart");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.vis.options);
  var api = { network: network, nodes: nodes, edges: edges, ready: !data.vis.options.physics.enabled };
  window.bgKaart = api;
  network.once("stabilizationIterationsDone", function () {
    // Settled: stop moving, so what a griffier clicks stays where it is.
    network.setOptions({ physics: false });
    api.ready = true;
  });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }

  // Same folding as graphdata.fold: no case, no accents, words joined by dashes.
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // --- filters -----------------------------------------------------------------
  var kindOn = {}, relOn = {};
  function counted(list, key) {
    var counts = {};
    list.forEach(function (x) { counts[x[key]] = (counts[x[key]] || 0) + 1; });
    return counts;
  }
  function checkbox(list, id, text, color, shape, state, count) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = id;
    box.addEventListener("change", function () { state[id] = box.checked; applyFilters(); });
    state[id] = true;
    label.appendChild(box);
    if (color) { var mark = el("span", null, "teken " + shape); mark.style.background = color; label.appendChild(mark); }
    label.appendChild(document.createTextNode(text + " (" + count + ")"));
    li.appendChild(label);
    list.appendChild(li);
  }
  var kindCounts = counted(data.nodes, "kind"), relCounts = counted(data.edges, "rel");
  data.kinds.forEach(function (k) {
    if (kindCounts[k.id]) checkbox(document.getElementById("filter-soorten"), k.id, k.plural, k.color, k.shape, kindOn, kindCounts[k.id]);
  });
  data.relations.forEach(function (r) {
    if (relCounts[r.id]) checkbox(document.getElementById("filter-relaties"), r.id, r.label, null, null, relOn, relCounts[r.id]);
  });
  var since = document.getElementById("datum-van"), until = document.getElementById("datum-tot");
  since.addEventListener("change", applyFilters);
  until.addEventListener("change", applyFilters);

  function inPeriod(n) {
    if (!n.dates.length || (!since.value && !until.value)) return true;
    return n.dates.some(function (d) {
      return (!since.value || d >= since.value) && (!until.value || d <= until.value);
    });
  }
  function nodeVisible(n) {
    return n.id === data.focus || (kindOn[n.kind] && inPeriod(n));
  }
  function applyFilters() {
    var shown = {}, nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n) {
      shown[n.id] = nodeVisible(n);
      nodeUpdates.push({ id: n.id, hidden: !shown[n.id] });
    });
    data.edges.forEach(function (e) {
      edgeUpdates.push({ id: e.id, hidden: !(relOn[e.rel] && shown[e.from] && shown[e.to]) });
    });
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    updateStatus();
  }
  function updateStatus() {
    var visibleNodes = nodes.get({ filter: function (n) { return !n.hidden; } }).length;
    var visibleEdges = edges.get({ filter: function (e) { return !e.hidden; } }).length;
    document.getElementById("status").textContent =
      visibleNodes + " van " + data.nodes.length + " knopen en " + visibleEdges + " van " + data.edges.length + " relaties zichtbaar";
  }
  api.visible = function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; }); };
  updateStatus();

  // --- search ------------------------------------------------------------------
  var input = document.getElementById("zoek"), results = document.getElementById("zoekresultaten");
  function matches(query) {
    var q = fold(query);
    if (!q) return [];
    var ranked = [];
    data.nodes.forEach(function (n) {
      var rank = null;
      n.search.forEach(function (s) {
        var r = s === q ? 0 : s.indexOf(q) === 0 ? 1 : ("-" + s).indexOf("-" + q) >= 0 ? 2 : null;
        if (r !== null && (rank === null || r < rank)) rank = r;
      });
      if (rank !== null) ranked.push([rank, n]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1].label.localeCompare(b[1].label, "nl"); });
    return ranked.slice(0, 12).map(function (r) { return r[1]; });
  }
  function showResults() {
    results.replaceChildren();
    matches(input.value).forEach(function (n) {
      var li = el("li"), button = el("button", n.label + " ");
      button.type = "button";
      button.appendChild(el("span", "(" + n.type + ")", "soort"));
      button.addEventListener("click", function () { choose(n.id); });
      li.appendChild(button);
      results.appendChild(li);
    });
    if (input.value.trim() && !results.children.length) results.appendChild(el("li", "Niets gevonden", "soort"));
  }
  function choose(id) {
    results.replaceChildren();
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    showNode(id);
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { var first = matches(input.value)[0]; if (first) choose(first.id); }
    if (event.key === "Escape") results.replaceChildren();
  });

  // --- panel -------------------------------------------------------------------
  var panel = document.getElementById("paneel"), content = document.getElementById("paneel-inhoud");
  document.getElementById("paneel-sluit").addEventListener("click", function () { panel.hidden = true; });

  function link(text, href) {
    if (!data.links || !href) return el("span", text);
    var a = el("a", text);
    a.href = href;
    a.target = "_top";
    return a;
  }
  function entityHref(id) { return "/entiteit/" + encodeURI(id); }
  function quoteBlock(parent, q, statement) {
    var quote = data.quotes[q];
    if (statement) parent.appendChild(el("p", statement, "uitspraak"));
    parent.appendChild(el("blockquote", quote.text));
    var source = el("p", "", "bron");
    source.appendChild(document.createTextNode("— "));
    source.appendChild(link(quote.docLabel, quote.doc ? "/document/" + encodeURI(quote.doc) : null));
    if (quote.file && quote.file !== quote.docLabel) source.appendChild(document.createTextNode(" (" + quote.file + ")"));
    if (quote.page) {
      source.appendChild(document.createTextNode(", "));
      source.appendChild(link("pagina " + quote.page, quote.doc ? "/pdf/" + encodeURI(quote.doc) + "#page=" + quote.page : null));
    }
    parent.appendChild(source);
  }
  function open(title, subtitle) {
    content.replaceChildren();
    content.appendChild(el("h2", title));
    if (subtitle) content.appendChild(el("p", subtitle, "soort"));
    panel.hidden = false;
  }
  function showNode(id) {
    var n = byId[id];
    if (!n) return;
    open(n.label, n.type);
    if (n.aliases.length) {
      content.appendChild(el("h3", "Ook bekend als"));
      var ul = el("ul");
      n.aliases.forEach(function (a) { ul.appendChild(el("li", a)); });
      content.appendChild(ul);
    }
    if (n.dates.length) content.appendChild(el("p", "Datum: " + n.dateText));
    if (n.file) content.appendChild(el("p", "Bestand: " + n.file));
    if (data.links) {
      var more = el("p");
      more.appendChild(link("Alles over " + n.label, entityHref(n.id)));
      content.appendChild(more);
    }
    var related = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (related.length) {
      content.appendChild(el("h3", "Relaties"));
      var list = el("ul");
      related.forEach(function (e) {
        var li = el("li"), a = el("a", byId[e.from].label + " " + relLabel[e.rel] + " " + byId[e.to].label);
        a.href = "#";
        a.addEventListener("click", function (event) { event.preventDefault(); network.selectEdges([e.id]); showEdge(e.id); });
        li.appendChild(a);
        list.appendChild(li);
      });
      content.appendChild(list);
    }
    content.appendChild(el("h3", "Waar staat dat?"));
    if (!n.statements.length) content.appendChild(el("p", "Geen citaten.", "soort"));
    n.statements.forEach(function (s) { quoteBlock(content, s.q, s.text); });
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) return;
    open(byId[e.from].label + " " + relLabel[e.rel] + " " + byId[e.to].label, "relatie");
    content.appendChild(el("h3", "Waar staat dat?"));
    if (!e.q.length) content.appendChild(el("p", "Geen citaat bij deze relatie.", "soort"));
    e.q.forEach(function (q) { quoteBlock(content, q); });
  }
  api.showNode = showNode;
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else panel.hidden = true;
  });
  if (data.focus) network.selectNodes([data.focus]);
})();
