// The home page's charts, drawn as SVG from the JSON under /api/dashboard/ (the page already
// holds the same numbers as tables, so this only adds a picture). No inline script, no network
// beyond this site: the base map is world-atlas's countries-110m.json, served from /static/vendor.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var COLOURS = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac"];

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function link(parent, href, label) {
    var a = el("a", { href: href }, parent);
    el("title", {}, a).textContent = label;
    return a;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": " + r.status); }
      return r.json();
    });
  }

  function query(params) {
    return Object.keys(params).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
  }

  function drawTimeline(box, data) {
    var points = data.points;
    if (!points.length) { box.textContent = "No incident has a known day."; return; }
    var days = data.days, types = data.types;
    var W = 720, H = 260, left = 40, right = 80, top = 16, bottom = 48;
    var band = (W - left - right) / days.length;
    var perDay = {}, killedPerDay = {};
    points.forEach(function (p) {
      perDay[p.day] = (perDay[p.day] || 0) + p.incidents;
      killedPerDay[p.day] = (killedPerDay[p.day] || 0) + p.killed;
    });
    var maxCount = Math.max.apply(null, days.map(function (d) { return perDay[d]; }));
    var maxKilled = Math.max(1, Math.max.apply(null, days.map(function (d) { return killedPerDay[d]; })));
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, class: "timeline", role: "img",
                          "aria-label": "incidents per day by type, and killed" }, box);
    var y = function (n) { return (H - bottom) - n / maxCount * (H - top - bottom); };
    var yk = function (n) { return (H - bottom) - n / maxKilled * (H - top - bottom); };
    el("line", { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, stroke: "#555" }, svg);
    el("text", { x: 4, y: top + 4, "font-size": 10 }, svg).textContent = String(maxCount);
    el("text", { x: W - right + 4, y: top + 4, "font-size": 10, fill: "#b00" }, svg).textContent = maxKilled + " killed";
    var stacked = {};
    points.forEach(function (p) {
      var i = days.indexOf(p.day), below = stacked[p.day] || 0;
      stacked[p.day] = below + p.incidents;
      var who = p.claimants.map(function (c) { return c.claimant + (c.killed ? ": killed " + c.killed : "") +
        (c.injured ? ", injured " + c.injured : ""); }).join("; ");
      var a = link(svg, "/incidents?" + query({ from: p.day, to: p.day, type: p.type_class }),
        p.day + " " + p.type_class + ": " + p.incidents + " incident(s), killed " + p.killed + ", injured " + p.injured +
        (who ? " (" + who + ")" : ""));
      el("rect", { class: "tl-bar", "data-day": p.day, "data-type": p.type_class,
                   x: left + i * band + band * 0.15, width: Math.max(1, band * 0.7),
                   y: y(below + p.incidents), height: y(below) - y(below + p.incidents),
                   fill: COLOURS[types.indexOf(p.type_class) % COLOURS.length] }, a);
    });
    days.forEach(function (d, i) {
      var label = el("text", { x: left + (i + 0.5) * band, y: H - bottom + 14, "font-size": 9, "text-anchor": "middle" }, svg);
      label.textContent = d.slice(5);
      if (killedPerDay[d] > 0) {
        var a = link(svg, "/incidents?" + query({ from: d, to: d, sort: "killed" }), d + ": " + killedPerDay[d] + " killed (highest stated)");
        el("circle", { class: "tl-killed", "data-day": d, cx: left + (i + 0.5) * band, cy: yk(killedPerDay[d]), r: 4,
                       fill: "#b00", stroke: "#fff" }, a);
      }
    });
    types.forEach(function (t, i) {
      var x = left + i * 110, g = link(svg, "/incidents?" + query({ type: t }), "all " + t + " incidents");
      el("rect", { x: x, y: H - 18, width: 10, height: 10, fill: COLOURS[i % COLOURS.length] }, g);
      el("text", { x: x + 14, y: H - 9, "font-size": 10 }, g).textContent = t;
    });
  }

  function drawMap(box, data, atlas) {
    var places = data.places;
    if (!places.length) { box.textContent = "No incident has a place with known coordinates."; return; }
    var lats = places.map(function (p) { return p.latitude; }), lons = places.map(function (p) { return p.longitude; });
    var pad = 4;
    var west = Math.min.apply(null, lons) - pad, east = Math.max.apply(null, lons) + pad;
    var south = Math.min.apply(null, lats) - pad, north = Math.max.apply(null, lats) + pad;
    var W = 720, H = Math.max(200, Math.min(520, W * (north - south) / (east - west)));
    var x = function (lon) { return (lon - west) / (east - west) * W; };
    var yy = function (lat) { return (north - lat) / (north - south) * H; };
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, class: "map", role: "img", "aria-label": "incidents by place" }, box);
    el("rect", { x: 0, y: 0, width: W, height: H, fill: "#eef3f7" }, svg);
    var land = el("g", { class: "map-land", fill: "#fdfdf8", stroke: "#aaa", "stroke-width": 0.6 }, svg);
    if (atlas && window.topojson) {
      var shapes = window.topojson.feature(atlas, atlas.objects.countries).features;
      shapes.forEach(function (f) {
        var polys = f.geometry ? (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates) : [];
        var d = "";
        polys.forEach(function (poly) {
          poly.forEach(function (ring) {
            d += ring.map(function (c, i) { return (i ? "L" : "M") + x(c[0]).toFixed(1) + "," + yy(c[1]).toFixed(1); }).join("") + "Z";
          });
        });
        if (d) { el("path", { d: d }, land); }
      });
    }
    var most = Math.max.apply(null, places.map(function (p) { return p.incidents; }));
    places.forEach(function (p) {
      var a = link(svg, p.href, p.place + ": " + p.incidents + " incident(s)" + (p.killed ? ", " + p.killed + " killed" : ""));
      el("circle", { class: "map-point", "data-place": p.place, cx: x(p.longitude), cy: yy(p.latitude),
                     r: 4 + 10 * Math.sqrt(p.incidents / most), fill: "#c0392b", "fill-opacity": 0.7, stroke: "#fff" }, a);
      el("text", { x: x(p.longitude) + 8, y: yy(p.latitude) - 6, "font-size": 10 }, a).textContent = p.place;
    });
  }

  var timeline = document.getElementById("timeline-chart");
  if (timeline) {
    getJSON(timeline.dataset.src).then(function (data) { drawTimeline(timeline, data); })
      .catch(function (e) { timeline.textContent = "The timeline could not be drawn: " + e.message; });
  }
  var map = document.getElementById("map-chart");
  if (map) {
    var atlas = getJSON(map.dataset.atlas).catch(function () { return null; });
    Promise.all([getJSON(map.dataset.src), atlas]).then(function (r) { drawMap(map, r[0], r[1]); })
      .catch(function (e) { map.textContent = "The map could not be drawn: " + e.message; });
  }
}());
