// Report charts: each <canvas data-chart="ID"> is drawn from the JSON in <script id="ID">,
// written by reports/views.py. The table beside every chart holds the same numbers (and is
// what screen readers read); the chart is a picture of it. Chart.js is vendored in static/.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  const GRID = "rgba(0, 0, 0, 0.08)";

  function dataset(d, spec) {
    const line = d.kind === "line";
    const ds = {
      label: d.label,
      data: d.data,
      type: line ? "line" : "bar",
      backgroundColor: d.colors || d.color,
      borderColor: d.colors || d.color,
      borderWidth: line ? 2 : 0,
      pointRadius: line ? 2 : 0,
      spanGaps: true,
      order: line ? 0 : 1,
    };
    if (d.stack) ds.stack = d.stack;
    if (d.axis === "y2") ds.yAxisID = "y2";
    return ds;
  }

  function config(spec) {
    const horizontal = !!spec.horizontal;
    const valueAxis = horizontal ? "x" : "y";
    const stacked = spec.datasets.some(function (d) { return d.stack; });
    const scales = {};
    scales[valueAxis] = {
      beginAtZero: true,
      stacked: stacked,
      grid: { color: GRID },
      title: { display: !!spec.y, text: spec.y || "" },
    };
    if (spec.percent) scales[valueAxis].max = 100;
    scales[horizontal ? "y" : "x"] = { stacked: stacked, grid: { display: false } };
    if (spec.datasets.some(function (d) { return d.axis === "y2"; })) {
      scales.y2 = { position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
                    title: { display: !!spec.y2, text: spec.y2 || "" } };
    }
    return {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: spec.datasets.map(function (d) { return dataset(d, spec); }) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: scales,
        plugins: { legend: { display: spec.legend !== false, position: "bottom" } },
      },
    };
  }

  function draw() {
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      const source = document.getElementById(canvas.dataset.chart);
      if (!source) return;
      const spec = JSON.parse(source.textContent);
      // Set through the DOM, not a style attribute, which the Content-Security-Policy refuses.
      const box = canvas.parentElement;
      if (box && box.dataset.heightRem) box.style.height = box.dataset.heightRem + "rem";
      new window.Chart(canvas, config(spec));
      canvas.dataset.rendered = "1";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
