/* reifegrad: start every chart of the page from the JSON block
   #reifegrad-charts. The options are data only (no functions), written by
   Go's HTML-safe JSON encoder and read with JSON.parse, so nothing in them
   can run as script. The only functions are the ones below, which are ours.

   When every chart has finished drawing, window.reifegradReady is true:
   the PDF printer waits for it. */
(function () {
  "use strict";
  var missing = document.getElementById("assets-missing");
  if (typeof echarts === "undefined") {
    // The chart library did not load (the assets folder is missing): the
    // notice stays, the tables carry the figures, nothing waits for charts.
    window.reifegradReady = true;
    return;
  }
  if (missing) missing.parentNode.removeChild(missing);
  var read = function (id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : {};
  };
  var options = read("reifegrad-charts");
  // Boundaries for maps: a TopoJSON topology and, per map, the areas to
  // draw and the arcs of its borders and outline.
  var maps = read("reifegrad-maps");
  var lang = document.documentElement.lang || "de";
  var font = window.getComputedStyle(document.body).fontFamily;
  // The chart data carry every number as the page shows it, rounded by
  // the page's rule (Go: scoring.Round, and a unit's score with as many
  // decimals as keep it below a level it does not reach: 79.99, never
  // 80). So tooltips round nothing more — up to three decimals, as the
  // page's texts — and only write the number the page's way: decimal
  // comma in German, a true minus sign.
  var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 3 });
  var printing = window.matchMedia && window.matchMedia("print").matches;
  // A reader who asked the system for less motion sees the charts drawn
  // at once, without their opening animation.
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  function formatValue(v) {
    if (typeof v === "number") return numbers.format(v === 0 ? 0 : v).replace("-", "\u2212");
    if (Array.isArray(v)) return v.map(formatValue).join(" · ");
    return v;
  }

  // arcs decodes the quantised, delta-encoded arcs of a topology.
  function arcs(topo) {
    var s = topo.transform.scale, t = topo.transform.translate;
    return topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (d) {
        x += d[0];
        y += d[1];
        return [x * s[0] + t[0], y * s[1] + t[1]];
      });
    });
  }
  // ring joins arc references into a closed ring (~i: arc i reversed).
  function ring(decoded, refs) {
    var out = [];
    refs.forEach(function (ref) {
      var a = ref < 0 ? decoded[~ref].slice().reverse() : decoded[ref];
      out = out.concat(out.length ? a.slice(1) : a);
    });
    return out;
  }
  function registerMaps() {
    Object.keys(maps).forEach(function (name) {
      var m = maps[name], decoded = arcs(m.topology);
      var features = m.topology.objects.areas.geometries.map(function (g) {
        var polys = g.type === "Polygon" ? [g.arcs] : g.arcs;
        return {
          type: "Feature", properties: { name: g.properties.name },
          geometry: { type: "MultiPolygon", coordinates: polys.map(function (p) { return p.map(function (r) { return ring(decoded, r); }); }) }
        };
      });
      echarts.registerMap(name, { type: "FeatureCollection", features: features });
      // The lines series of the map's chart name their arcs by index.
      Object.keys(m.lines || {}).forEach(function (series) {
        var opt = options[m.chart];
        var target = opt && (opt.series || []).filter(function (s) { return s.id === series; })[0];
        if (target) target.data = (m.lines[series] || []).map(function (i) { return { coords: decoded[i] }; });
      });
    });
  }
  registerMaps();

  var instances = [];
  var pending = 0;
  function finished() {
    pending--;
    if (pending === 0) window.reifegradReady = true;
  }
  var els = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < els.length; i++) {
    var opt = options[els[i].getAttribute("data-chart")];
    if (!opt) continue;
    opt.textStyle = { fontFamily: font };
    if (printing || still) opt.animation = false;
    if (opt.tooltip && !opt.tooltip.formatter) opt.tooltip.valueFormatter = formatValue;
    // The ticks of a value axis are numbers ECharts writes itself, the
    // English way ("0.2", "-0.1"): they, too, are written the page's way.
    [].concat(opt.xAxis || [], opt.yAxis || []).forEach(function (axis) {
      if (axis.type !== "value") return;
      axis.axisLabel = axis.axisLabel || {};
      if (!axis.axisLabel.formatter) axis.axisLabel.formatter = function (v) { return formatValue(v); };
    });
    // SVG: crisp when printed, text stays text in the PDF.
    var chart = echarts.init(els[i], null, { renderer: "svg" });
    pending++;
    chart.on("finished", (function () {
      var once = false;
      return function () {
        if (!once) {
          once = true;
          finished();
        }
      };
    })());
    chart.setOption(opt);
    instances.push(chart);
  }
  if (pending === 0) window.reifegradReady = true;
  window.reifegradCharts = instances;
  function resize() {
    for (var j = 0; j < instances.length; j++) instances[j].resize();
  }
  window.addEventListener("resize", resize);
  // A reader's browser (Ctrl+P) fires beforeprint while the page is still
  // laid out for the screen: a resize then reads the screen's sizes, and a
  // drawing made 546 px wide overflowed its half of an A4 page into the
  // table beside it, or was cut off at its foot. So each drawing gets a
  // viewBox of the size it was drawn at, and the print stylesheet fits it
  // into its box on paper: scaled, never cut. reifegrad's own PDFs are
  // drawn for paper from the start and print at scale 1.
  function fitForPrint() {
    for (var j = 0; j < instances.length; j++) {
      var svg = instances[j].getDom().querySelector("svg");
      if (svg) svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + svg.getAttribute("height"));
    }
  }
  function backToScreen() {
    for (var j = 0; j < instances.length; j++) {
      var svg = instances[j].getDom().querySelector("svg");
      if (svg) svg.removeAttribute("viewBox"); // a resize on screen changes width and height, not this
    }
    resize();
  }
  window.addEventListener("beforeprint", function () {
    resize();
    fitForPrint();
  });
  window.addEventListener("afterprint", backToScreen);
})();
