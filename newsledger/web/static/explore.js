// newsledger explore pages: a changed facet submits the search form. The pages work without this script.
(function () {
  "use strict";
  var form = document.getElementById("facets");
  if (!form) { return; }
  form.querySelectorAll("select, input[type=date]").forEach(function (field) {
    field.addEventListener("change", function () { form.submit(); });
  });
})();
