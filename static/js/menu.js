// The main menu at phone width: folded behind the "Menu" button, which tells assistive technology
// whether it is open (aria-expanded); Escape folds it again and returns to the button. Loaded in
// <head>, without defer, so the page never paints with the menu open first. Without this script the
// button stays hidden and the whole menu shows, one item per line: every section is still reachable.
(function () {
  document.documentElement.classList.add("js-menu");

  function setOpen(button, nav, open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("open", open);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".menu-toggle");
    var nav = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!nav) return;
    button.addEventListener("click", function () {
      setOpen(button, nav, button.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      if (nav.contains(document.activeElement) || document.activeElement === button) {
        setOpen(button, nav, false);
        button.focus();
      }
    });
  });
})();
