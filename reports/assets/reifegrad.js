/* reifegrad: start every chart of the page from the JSON block
   #reifegrad-charts. The options are data only (no functions), written by
   Go's HTML-safe JSON encoder, so nothing in them can run as script. */
(function () {
  "use strict";
  var block = document.getElementById("reifegrad-charts");
  var options = block ? JSON.parse(block.textContent) : {};
  var instances = [];
  var els = document.querySelectorAll("[data-chart]");
  for (var i = 0; i < els.length; i++) {
    var opt = options[els[i].getAttribute("data-chart")];
    if (!opt) continue;
    var chart = echarts.init(els[i], null, { renderer: "canvas" });
    chart.setOption(opt);
    instances.push(chart);
  }
  window.reifegradCharts = instances;
  window.addEventListener("resize", function () {
    for (var j = 0; j < instances.length; j++) instances[j].resize();
  });
})();
