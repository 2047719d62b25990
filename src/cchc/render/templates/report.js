// Filters by unit, plan and status: an element naming units, plans or statuses in its
// data-unit, data-plan or data-status (space-separated) is hidden when a filter asks for
// one it does not name.  Without a script the page shows everything and no filter.
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  var keys = ["unit", "plan", "status"];
  var selects = keys.map(function (key) { return document.getElementById("f-" + key); });
  var items = document.querySelectorAll("[data-unit],[data-plan],[data-status]");
  function apply() {
    var wanted = selects.map(function (s) { return s.value; });
    items.forEach(function (el) {
      var keep = keys.every(function (key, i) {
        var names = el.getAttribute("data-" + key);
        return !wanted[i] || names === null || names.split(" ").indexOf(wanted[i]) >= 0;
      });
      el.hidden = !keep;
    });
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  document.getElementById("f-reset").addEventListener("click", function () {
    selects.forEach(function (s) { s.value = ""; });
    apply();
  });
  bar.hidden = false;
  apply();
})();
