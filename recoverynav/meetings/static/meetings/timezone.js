// Preselect the browser's time zone for online meeting times, when the visitor has not chosen one.
(function () {
  var select = document.getElementById("id_tz");
  if (!select || new URLSearchParams(window.location.search).has("tz")) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) { select.value = zone; return; }
  }
})();
