// The work report's page (billing:report_detail): while the worker prepares the PDF, ask the small
// status endpoint every two seconds, move the progress bar, and show the download link when ready.
// Without JavaScript the page refreshes itself (a <noscript> meta refresh) until the report is ready.
(function () {
  "use strict";
  var box = document.getElementById("report");
  if (!box || !window.fetch) return;
  var status = box.getAttribute("data-status");
  if (status !== "queued" && status !== "rendering") return;
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("report-progress");
  var label = document.getElementById("report-status");
  var progressBox = document.getElementById("report-progress-box");
  var link = document.getElementById("report-link");
  var download = document.getElementById("report-download");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { setTimeout(poll, 5000); return; }
        bar.value = state.progress;
        bar.textContent = state.progress + "%";
        label.textContent = state.status_label;
        box.setAttribute("data-status", state.status);
        if (state.ready) {
          download.setAttribute("href", state.pdf_url);
          progressBox.hidden = true;
          link.hidden = false;
          download.focus();
        } else if (state.status === "failed") {
          window.location.reload();
        } else {
          setTimeout(poll, 2000);
        }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
