// At phone width a list table shows each row as a card; this gives every cell its column's name
// (from the table's header) so the card reads "Status: accepted". Without JavaScript the cards
// simply show the values. Rendering the label into every cell on the server cost a third of the
// list pages' time.
//
// Between phone and desktop widths a wide table scrolls sideways inside its own box rather than
// widening the page; while it does, the box is a named region the keyboard can reach and scroll.
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

  // The table's own name, else the heading of the section it is in, else the page's heading.
  function nameOf(table) {
    var own = table.getAttribute("aria-label") || (table.caption && table.caption.textContent);
    if (own) return own.trim();
    for (var node = table; node && node.tagName !== "MAIN"; node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName) && prev.textContent.trim()) return prev.textContent.trim();
      }
    }
    var h1 = document.querySelector("main h1");
    return h1 ? h1.textContent.trim() : document.title;
  }

  function fit(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls) {
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", box.getAttribute("data-name"));
    } else {
      box.removeAttribute("role");
      box.removeAttribute("tabindex");
      box.removeAttribute("aria-label");
    }
  }

  function wrap(table) {
    var box = document.createElement("div");
    box.className = "table-scroll";
    box.setAttribute("data-name", nameOf(table));
    table.parentNode.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var boxes = Array.prototype.map.call(document.querySelectorAll("table.list"), function (table) {
      label(table);
      return wrap(table);
    });
    boxes.forEach(fit);
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        boxes.forEach(fit);
      });
    });
  });
})();
