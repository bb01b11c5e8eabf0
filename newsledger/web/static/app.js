// newsledger: highlight an item's evidence in the text. The page works without this script.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var text = document.getElementById("text");
  if (!text) { return; }
  var pieces = Array.prototype.slice.call(text.querySelectorAll("[data-s]"));

  function spansOf(button) {
    return (button.getAttribute("data-spans") || "").split(";").filter(Boolean).map(function (pair) {
      var parts = pair.split("-");
      return [parseInt(parts[0], 10), parseInt(parts[1], 10)];
    });
  }

  function clear(cls) {
    pieces.forEach(function (el) { el.classList.remove(cls); });
  }

  // Mark every piece of text inside the item's spans; returns the first piece marked.
  function mark(button, cls) {
    var spans = spansOf(button), first = null;
    pieces.forEach(function (el) {
      var s = parseInt(el.getAttribute("data-s"), 10), e = parseInt(el.getAttribute("data-e"), 10);
      var inside = spans.some(function (sp) { return sp[0] <= s && e <= sp[1]; });
      if (inside) {
        el.classList.add("hl", cls);
        if (!first) { first = el; }
      }
    });
    return first;
  }

  var pinned = null;
  function unhover() {
    pieces.forEach(function (el) {
      el.classList.remove("hover");
      if (!el.classList.contains("pinned") && el.tagName !== "MARK") { el.classList.remove("hl"); }
    });
  }

  document.querySelectorAll("button.cite").forEach(function (button) {
    button.addEventListener("mouseenter", function () { mark(button, "hover"); });
    button.addEventListener("mouseleave", unhover);
    button.addEventListener("focus", function () { mark(button, "hover"); });
    button.addEventListener("blur", unhover);
    button.addEventListener("click", function () {
      clear("pinned");
      pieces.forEach(function (el) { if (el.tagName !== "MARK") { el.classList.remove("hl"); } });
      document.querySelectorAll("li.item.active").forEach(function (li) { li.classList.remove("active"); });
      if (pinned === button) { pinned = null; return; }
      pinned = button;
      button.closest("li.item").classList.add("active");
      var first = mark(button, "pinned");
      if (first && first.scrollIntoView) { first.scrollIntoView({block: "center", behavior: "smooth"}); }
    });
  });
})();
