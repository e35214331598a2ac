// The meeting finder without JavaScript works as it is; this only adds the browser's time
// zone, chosen in the form and added to the finder's own links, so times read "your time"
// for this visitor. ("Use my location" is geo/locate.js, shared with the treatment finder.)
(function () {
  "use strict";
  var select = document.getElementById("id_tz");
  if (!select || new URLSearchParams(window.location.search).has("tz")) { return; }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var known = Array.prototype.some.call(select.options, function (option) { return option.value === zone; });
  if (!known) { return; }
  select.value = zone;
  Array.prototype.forEach.call(document.querySelectorAll("main a[href^='?']"), function (link) {
    var url = new URL(link.href);
    if (!url.searchParams.has("tz")) {
      url.searchParams.set("tz", zone);
      link.href = url.search;
    }
  });
}());
