// A "Copy" button next to a read-only field (data-copy names the field's id). Shown only where the
// clipboard can be written; without it the field's text is selected on focus, for copying by hand.
(function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    field.addEventListener("focus", function () { field.select(); });
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        var status = document.getElementById("feed-copied");
        if (status) status.textContent = button.getAttribute("data-copied");
      });
    });
  });
})();
