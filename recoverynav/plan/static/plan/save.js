/* "Save to my plan" buttons on any page (see docs/plan.md). Without JavaScript they are plain
   links to the plan page. The saved option stays in this browser's localStorage. */
(function () {
  "use strict";
  if (window.recoveryPlanSave) return; // the include may add this script more than once
  window.recoveryPlanSave = true;
  // The words every button shares ride on the script element (see plan/buttons.py); a
  // button's own data-saved-text or data-saved-status wins.
  var words = (document.currentScript && document.currentScript.dataset) || {};
  var KEY = "recoverynav.plan";
  var KINDS = ["facility", "meeting"];

  function read() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return data && typeof data === "object" && !Array.isArray(data) ? data : null;
    } catch (e) {
      return null; // unreadable or no storage: leave it alone and let the link work
    }
  }

  function option(link) {
    var d = link.dataset;
    var url = /^\/(?![\/\\])[^\s\\]*$/.test(d.url || "") ? d.url : "";
    if (KINDS.indexOf(d.kind) < 0 || !d.name) return null;
    // What the person needs to act on it later, on paper too: its phone, address and time.
    return { kind: d.kind, id: String(d.id || "").slice(0, 100), name: d.name.slice(0, 200),
      url: url.slice(0, 500), phone: String(d.phone || "").slice(0, 60),
      address: String(d.address || "").slice(0, 300), when: String(d.when || "").slice(0, 200),
      note: "" };
  }

  function saved(data, o) {
    if (!Array.isArray(data.options)) return null;
    return data.options.filter(function (x) {
      return x && x.kind === o.kind && (o.id ? x.id === o.id : x.name === o.name);
    })[0] || null;
  }

  function mark(link) {
    var text = link.dataset.savedText || words.savedText;
    if (text) link.firstChild.textContent = text;
    link.classList.add("plan-saved");
  }

  function savedStatus(link) {
    var name = link.dataset.name || "";
    if (link.dataset.savedStatus) return link.dataset.savedStatus;
    // A function as the replacement, so "$&" in a name is not read as a pattern.
    return (words.savedStatus || "").replace("%(name)s", function () { return name; });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-plan-save]");
    if (!link) return;
    var data = read(), o = option(link);
    if (!data || !o) return;
    event.preventDefault();
    var earlier = saved(data, o);
    if (earlier) {
      // Saved before: bring its details up to date, keep the person's own note.
      ["name", "url", "phone", "address", "when"].forEach(function (field) {
        if (o[field]) earlier[field] = o[field];
      });
    } else {
      data.options = Array.isArray(data.options) ? data.options : [];
      data.options.push(o);
    }
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
    } catch (e) {
      window.location.href = link.href;
      return;
    }
    mark(link);
    var status = link.nextElementSibling;
    if (status && status.hasAttribute("data-plan-save-status")) {
      status.textContent = savedStatus(link);
    }
  });

  function markSaved() {
    var data = read();
    if (!data) return;
    document.querySelectorAll("[data-plan-save]").forEach(function (link) {
      var o = option(link);
      if (o && saved(data, o)) mark(link);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", markSaved);
  else markSaved();
})();
