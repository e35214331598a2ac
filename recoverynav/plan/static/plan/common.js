/* Shared by plan.js and tracker.js: storage in this browser only, export/import, delete,
   the offline service worker. Nothing here talks to the server except to fetch our files. */
(function () {
  "use strict";
  var root = document.getElementById("plan-app");
  var strings = JSON.parse(document.getElementById("plan-i18n").textContent);
  var VERSION = 1;
  var MAX_FILE = 1000000;
  var key = "recoverynav." + root.dataset.store;
  var status = root.querySelector("[data-status]");
  var errors = root.querySelector("[data-errors]");

  function t(name, values) {
    return String(strings[name] || name).replace(/\{(\w+)\}/g, function (m, k) {
      return values && k in values ? String(values[k]) : m;
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Announce in the live region next to the form just used, or the page's own.
  function say(message, near) {
    var region = (near && near.querySelector("[data-form-status]")) || status;
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  // Validation helpers: each throws {part} naming the section that is wrong.
  function Bad(part) { this.part = part; }
  function text(value, max, part, required) {
    if (value === undefined || value === null) value = "";
    if (typeof value !== "string" || value.length > max || (required && !value.trim())) {
      throw new Bad(part);
    }
    return value;
  }
  function list(value, max, part, item) {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.length > max) throw new Bad(part);
    return value.map(function (entry) {
      if (!entry || typeof entry !== "object") throw new Bad(part);
      return item(entry);
    });
  }
  function texts(value, part, max) {
    var out = {};
    if (value === undefined) return out;
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new Bad(part);
    Object.keys(value).forEach(function (name) {
      if (name.length > 40) throw new Bad(part);
      out[name] = text(value[name], max, part);
    });
    return out;
  }
  function flags(value, part) {
    var out = {};
    if (value === undefined) return out;
    if (!value || typeof value !== "object" || Array.isArray(value)) throw new Bad(part);
    Object.keys(value).forEach(function (name) {
      if (name.length > 40 || typeof value[name] !== "boolean") throw new Bad(part);
      out[name] = value[name];
    });
    return out;
  }
  function oneOf(value, allowed, part) {
    if (allowed.indexOf(value) < 0) throw new Bad(part);
    return value;
  }
  // Links saved from other pages must stay on this site: "/path", never "//host" or "javascript:".
  function localUrl(value, part) {
    value = text(value, 500, part);
    if (value && !/^\/(?![\/\\])[^\s\\]*$/.test(value)) throw new Bad(part);
    return value;
  }
  function isoDate(value, part) {
    if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Bad(part);
    var d = new Date(value + "T00:00:00Z");
    if (isNaN(d) || d.toISOString().slice(0, 10) !== value) throw new Bad(part);
    return value;
  }
  function today() {
    var d = new Date();
    return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"),
      String(d.getDate()).padStart(2, "0")].join("-");
  }

  function showError(reason) {
    errors.textContent = "";
    errors.appendChild(el("p", {}, t("importFailed")));
    errors.appendChild(el("p", {}, reason));
    errors.hidden = false;
    errors.focus();
  }

  function start(app) {
    var storageOk = true;
    var data;

    function read() {
      var raw = null;
      try { raw = window.localStorage.getItem(key); } catch (e) { storageOk = false; }
      if (!raw) return app.validate({});
      try {
        return app.validate(JSON.parse(raw));
      } catch (e) {
        // Keep what we could not read instead of overwriting it.
        try { window.localStorage.setItem(key + ".unreadable", raw); } catch (e2) { /* full */ }
        return app.validate({});
      }
    }

    function save() {
      try {
        window.localStorage.setItem(key, JSON.stringify(data));
        return true;
      } catch (e) {
        say(t("noStorage"));
        return false;
      }
    }

    function bindFields() {
      var notesKey = app.notesKey;
      root.querySelectorAll("[data-note]").forEach(function (box) {
        box.value = data[notesKey][box.dataset.note] || "";
        box.oninput = function () {
          data[notesKey][box.dataset.note] = box.value;
          save();
        };
      });
      root.querySelectorAll("[data-check]").forEach(function (check) {
        check.checked = Boolean(data.checks && data.checks[check.dataset.check]);
        check.onchange = function () {
          data.checks[check.dataset.check] = check.checked;
          if (save()) say(t("saved"));
        };
      });
    }

    function refresh() {
      bindFields();
      app.render(data);
    }

    function exportFile() {
      var payload = { format: t("format"), version: VERSION, exported: new Date().toISOString(),
        data: data };
      var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob), download: t("fileName") });
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    }

    function parseFile(raw) {
      var parsed;
      try { parsed = JSON.parse(raw); } catch (e) { return { error: t("notJson") }; }
      if (!parsed || typeof parsed !== "object") return { error: t("notJson") };
      if (parsed.format === t("otherFormat")) return { error: t("otherFile") };
      if (parsed.format !== t("format")) return { error: t("notJson") };
      if (typeof parsed.version !== "number" || parsed.version > VERSION) {
        return { error: t("newer") };
      }
      try {
        return { data: app.validate(parsed.data || {}) };
      } catch (e) {
        if (!(e instanceof Bad)) throw e;
        return { error: t("badPart", { part: strings.sections[e.part] || e.part }) };
      }
    }

    function importFile(input) {
      var file = input.files[0];
      errors.hidden = true;
      if (!file) return;
      if (file.size > MAX_FILE) {
        input.value = "";
        showError(t("tooBig"));
        return;
      }
      file.text().then(function (raw) {
        input.value = "";
        var result = parseFile(raw);
        if (result.error) return showError(result.error);
        if (!app.isEmpty(data) && !window.confirm(t("confirmImport"))) return;
        data = result.data;
        if (save()) {
          refresh();
          say(t("imported"));
        }
      });
    }

    function deleteAll() {
      if (!window.confirm(t("confirmDelete"))) return;
      try {
        window.localStorage.removeItem(key);
        window.localStorage.removeItem(key + ".unreadable");
      } catch (e) { /* nothing stored */ }
      data = app.validate({});
      refresh();
      say(t("deleted"));
    }

    data = read();
    root.addEventListener("click", function (event) {
      var action = event.target.closest("[data-action]");
      if (!action) return;
      var name = action.dataset.action;
      if (name === "print") window.print();
      else if (name === "export") exportFile();
      else if (name === "delete") deleteAll();
    });
    root.querySelector("[data-action=import]").addEventListener("change", function (event) {
      importFile(event.target);
    });
    app.bind({
      data: function () { return data; },
      save: save,
      refresh: refresh,
    });
    refresh();
    // Show the parts that need JavaScript only once everything is wired up.
    root.querySelectorAll("[data-nojs]").forEach(function (node) { node.hidden = true; });
    root.querySelectorAll("[data-js]").forEach(function (node) { node.hidden = false; });
    if (!storageOk) say(t("noStorage"));
    if ("serviceWorker" in navigator && root.dataset.sw) {
      navigator.serviceWorker.register(root.dataset.sw).catch(function () { /* online only */ });
    }
  }

  // Forms never leave the page: method="dialog" outside a dialog submits nowhere, and we
  // stop the event as well.
  function onSubmit(name, handler) {
    var form = root.querySelector("[data-form=" + name + "]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      handler(new FormData(form), form);
    });
    return form;
  }

  // "Remove" plus the item's name for screen readers, so each button says what it removes.
  function removeButton(name) {
    var button = el("button", { type: "button", "class": "button-secondary no-print" }, t("remove"));
    button.appendChild(el("span", { "class": "visually-hidden" }, " " + name));
    return button;
  }

  window.RecoveryPlan = {
    root: root, strings: strings, t: t, el: el, say: say, start: start, onSubmit: onSubmit,
    removeButton: removeButton,
    Bad: Bad, text: text, list: list, texts: texts, flags: flags, oneOf: oneOf,
    localUrl: localUrl, isoDate: isoDate, today: today,
  };
})();
