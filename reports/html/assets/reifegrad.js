/* reifegrad: start every chart of the page from the JSON block
   #reifegrad-charts. The options are data only (no functions), written by
   Go's HTML-safe JSON encoder and read with JSON.parse, so nothing in them
   can run as script. The only functions are the ones below, which are ours. */
(function () {
  "use strict";
  var block = document.getElementById("reifegrad-charts");
  var options = block ? JSON.parse(block.textContent) : {};
  var lang = document.documentElement.lang || "de";
  var font = window.getComputedStyle(document.body).fontFamily;
  var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  // Tooltips show numbers the way the page does (decimal comma in German).
  function formatValue(v) {
    if (typeof v === "number") return numbers.format(v);
    if (Array.isArray(v)) return v.map(formatValue).join(" · ");
    return v;
  }
  var instances = [];
  var els = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < els.length; i++) {
    var opt = options[els[i].getAttribute("data-chart")];
    if (!opt) continue;
    opt.textStyle = { fontFamily: font };
    if (opt.tooltip && !opt.tooltip.formatter) opt.tooltip.valueFormatter = formatValue;
    var chart = echarts.init(els[i], null, { renderer: "canvas" });
    chart.setOption(opt);
    instances.push(chart);
  }
  window.reifegradCharts = instances;
  window.addEventListener("resize", function () {
    for (var j = 0; j < instances.length; j++) instances[j].resize();
  });
  window.addEventListener("beforeprint", function () {
    for (var j = 0; j < instances.length; j++) instances[j].resize();
  });
})();
