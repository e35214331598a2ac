// "Share" or "Copy link" on a listing (core/_share.html). The phone's share sheet where the
// browser has one (Web Share API), else a copy to the clipboard; with neither, the control
// stays hidden, as it does without JavaScript. The address shared is the page's own, without
// the query string: a search that led here (a ZIP code, say) is not passed on.
(function () {
  "use strict";
  var canShare = typeof navigator.share === "function";
  var canCopy = !!(navigator.clipboard && navigator.clipboard.writeText);
  if (!canShare && !canCopy) { return; }

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var button = box.querySelector("[data-share-button]");
    var status = box.querySelector("[data-share-status]");
    var address = window.location.origin + window.location.pathname;

    function say(text) { status.textContent = text; }

    function copy() {
      navigator.clipboard.writeText(address).then(
        function () { say(box.getAttribute("data-copied")); },
        function () { say(box.getAttribute("data-copy-failed")); }
      );
    }

    button.textContent = box.getAttribute(canShare ? "data-label-share" : "data-label-copy");
    button.addEventListener("click", function () {
      say("");
      if (!canShare) { copy(); return; }
      navigator.share({ title: document.title, url: address }).catch(function (error) {
        // Closing the share sheet is a choice, not a failure; anything else falls back.
        if (error && error.name !== "AbortError" && canCopy) { copy(); }
      });
    });
    box.hidden = false;
  });
})();
