// The deadline form computes as the rule, the length and the date change: it asks the server for the
// same preview the "Compute" button shows (hearings:deadline_compute) and puts it next to the fields.
(function () {
  "use strict";
  var form = document.getElementById("deadline-form");
  if (!form || !window.fetch) return;
  var box = document.getElementById("deadline-preview");
  var url = form.getAttribute("data-compute-url");
  var names = ["rule", "amount", "trigger_date"];
  var timer = null;
  function refresh() {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      var field = form.elements[name];
      if (field && !field.disabled) params.set(name, field.value);
    });
    fetch(url + "?" + params.toString(), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) { if (html !== null) box.innerHTML = html; })
      .catch(function () {});
  }
  // The length matters only for a custom rule ("custom_…"): hidden and disabled (so not sent) for the
  // others; without the script it is always shown.
  var rule = form.elements.rule;
  var amount = form.elements.amount;
  var amountBox = amount && amount.closest(".field");
  function toggleAmount() {
    if (!amountBox) return;
    var unused = !(rule && rule.value.indexOf("custom_") === 0);
    amountBox.hidden = unused;
    amount.disabled = unused;
  }
  if (rule) rule.addEventListener("change", toggleAmount);
  toggleAmount();
  names.forEach(function (name) {
    var field = form.elements[name];
    if (!field) return;
    ["change", "input"].forEach(function (kind) {
      field.addEventListener(kind, function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
    });
  });
})();
