// "Save my name and email in this browser": kept in localStorage on this device
// only, never sent anywhere else and never a cookie. Without JavaScript the box does nothing.
(function () {
  "use strict";
  var KEY = "recoverynav.commenter";
  var FIELDS = ["name", "email"];
  var form = document.getElementById("comment-form");
  if (!form || !window.localStorage) { return; }
  var remember = form.elements.remember;

  function field(name) { return form.elements[name]; }

  try {
    var saved = JSON.parse(window.localStorage.getItem(KEY) || "null");
    if (saved) {
      FIELDS.forEach(function (name) {
        if (field(name) && !field(name).value && saved[name]) { field(name).value = saved[name]; }
      });
      remember.checked = true;
    }
  } catch (error) { /* storage blocked or unreadable: nothing to fill in */ }

  form.addEventListener("submit", function () {
    try {
      if (remember.checked) {
        var values = {};
        FIELDS.forEach(function (name) { values[name] = field(name).value; });
        window.localStorage.setItem(KEY, JSON.stringify(values));
      } else {
        window.localStorage.removeItem(KEY);
      }
    } catch (error) { /* private mode: the comment is still sent */ }
  });

  var summary = document.getElementById("comment-errors");
  if (summary) { summary.focus(); }
})();
