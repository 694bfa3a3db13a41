// The new-client form: show the person's or the organisation's fields for the chosen kind.
// Without JavaScript both groups show, and the server ignores nothing: it checks what is filled in.
(function () {
  function update(form) {
    var checked = form.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : "";
    var person = form.querySelector('[data-group="person"]');
    var organisation = form.querySelector('[data-group="organisation"]');
    if (person) person.hidden = kind === "organisation";
    if (organisation) organisation.hidden = kind === "person";
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-kind-switch]"), function (form) {
      update(form);
      form.addEventListener("change", function (event) {
        if (event.target.name === "kind") update(form);
      });
    });
  });
})();
