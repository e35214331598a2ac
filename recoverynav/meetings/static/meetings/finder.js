// The meeting finder without JavaScript works as it is; this only adds:
// - "Use my location": a button (only where the browser can locate) that fills the place
//   field with "latitude,longitude" and searches; the coordinates go only into this form;
// - the browser's time zone, chosen in the form and added to the finder's own links, so
//   times read "your time" for this visitor.
(function () {
  "use strict";
  var field = document.querySelector("input[data-locate]");
  if (field && navigator.geolocation) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary locate";
    button.textContent = field.dataset.locate;
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "hint";
    field.insertAdjacentElement("afterend", status);
    field.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      status.textContent = field.dataset.locating;
      navigator.geolocation.getCurrentPosition(function (position) {
        field.value = position.coords.latitude.toFixed(4) + "," + position.coords.longitude.toFixed(4);
        status.textContent = "";
        if (field.form) { field.form.submit(); }
      }, function () {
        status.textContent = field.dataset.locateFailed;
      }, { timeout: 15000, maximumAge: 600000 });
    });
  }
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
