// "Use my location" for both finders: a button, added only when the browser can locate, that
// fills the place field with "latitude,longitude" and searches. The coordinates go only into
// this form.
(function () {
  "use strict";
  var field = document.querySelector("input[data-locate]");
  if (!field || !navigator.geolocation) { return; }
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
}());
