/* On every page: "Exit this page" (after GOV.UK's component for sensitive services) and the
   service worker that keeps a few pages for offline use. Without JavaScript the exit is a
   plain link and the pages simply need the network. */
(function () {
  "use strict";
  var PRESSES = 3;
  var PRESS_WINDOW = 5000; // ms allowed between two presses of the key, as GOV.UK does
  var link = document.querySelector("[data-quick-exit]");
  var status = document.querySelector("[data-quick-exit-status]");

  function leave() {
    // Blank the page at once (a slow network may take seconds to bring the other site) and
    // replace this page in the tab's history, so Back does not bring it up again.
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "";
    var cover = document.createElement("div");
    cover.className = "quick-exit-cover";
    cover.setAttribute("role", "alert");
    document.body.appendChild(cover);
    cover.textContent = link.dataset.leaving || "";
    window.location.replace(link.href);
  }

  function setUpExit() {
    var lights = document.createElement("span");
    var count = 0, counting = null, timer = null, lastKeyWasModified = false;
    lights.className = "quick-exit-lights";
    lights.setAttribute("aria-hidden", "true");
    link.appendChild(lights);

    function show() {
      lights.textContent = count ? "●●●".slice(0, count) + "○○○".slice(count) : "";
    }
    function say(text) { if (status) status.textContent = text; }
    function stop(timedOut) {
      window.clearTimeout(timer);
      if (count && timedOut) say(link.dataset.expired || "");
      count = 0;
      counting = null;
      show();
    }

    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
    // Escape, or Shift on its own (GOV.UK's key; Shift as part of a capital letter does not
    // count), pressed three times in a row with no other key between.
    document.addEventListener("keyup", function (event) {
      var key = null;
      if (event.key === "Escape") key = "escape";
      else if (event.key === "Shift" && !lastKeyWasModified) key = "shift";
      lastKeyWasModified = event.shiftKey;
      if (!key || (counting && key !== counting)) {
        if (count) stop(true);
        if (!key) return;
      }
      counting = key;
      count += 1;
      show();
      window.clearTimeout(timer);
      if (count >= PRESSES) {
        stop(false);
        leave();
        return;
      }
      var words = PRESSES - count === 1 ? link.dataset.pressOne : link.dataset.pressTwo;
      say(String(words || "").replace("{key}", link.dataset[key] || key));
      timer = window.setTimeout(function () { stop(true); }, PRESS_WINDOW);
    }, true);
    // A browser that keeps pages in memory may show this one again: make it usable.
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted) return;
      document.documentElement.classList.remove("quick-exit-leaving");
      document.querySelectorAll(".quick-exit-cover").forEach(function (node) { node.remove(); });
      stop(false);
      say("");
    });
  }

  function keepOffline() {
    var script = document.currentScript;
    var worker = script && script.dataset.sw;
    if (!worker || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(worker).catch(function () { /* online only */ });
    // Earlier versions kept only the plan, with a worker of its own: one is enough now.
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      registrations.forEach(function (registration) {
        if (/\/plan\/$/.test(registration.scope)) registration.unregister();
      });
    }).catch(function () { /* nothing to tidy */ });
  }

  keepOffline();
  if (link) setUpExit();
})();
