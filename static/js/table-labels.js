// At phone width a list table shows each row as a card; this gives every cell its column's name
// (from the table's header) so the card reads "Status: accepted". Without JavaScript the cards
// simply show the values. Rendering the label into every cell on the server cost a third of the
// list pages' time.
(function () {
  function label(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (heads[i] && !cell.hasAttribute("data-label") && !cell.hasAttribute("colspan")) {
          cell.setAttribute("data-label", heads[i]);
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.list"), label);
  });
})();
