/* Shared by plan.js and tracker.js: the plan and the tracker are one private place, kept in
   this browser only (two localStorage keys), with one export, one import and one delete for
   both. Nothing here talks to the server. */
(function () {
  "use strict";
  var root = document.getElementById("plan-app");
  var strings = JSON.parse(document.getElementById("plan-i18n").textContent);
  var FORMAT = "recoverynav-plan-and-tracker";
  var VERSION = 1;
  // Files exported before the two were one: each still imports into its own part.
  var PART_FORMATS = { "recoverynav-plan": "plan", "recoverynav-tracker": "tracker" };
  var MAX_FILE = 1000000;
  var KEYS = { plan: "recoverynav.plan", tracker: "recoverynav.tracker" };
  var KINDS = ["facility", "meeting", "other"];
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

  // The number to dial in what someone typed ("Maria's cell (804) 555-0100" → 8045550100),
  // or "" when there is none: the first run of at least three digits, extensions left out.
  function phoneNumber(contact) {
    var match = /\+?\d[\d\s().\-]*\d/.exec(contact || "");
    if (!match) return "";
    var number = match[0].replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
    return number.replace("+", "").length >= 3 ? number : "";
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
  function object(d, part) {
    if (d === undefined) return {};
    if (!d || typeof d !== "object" || Array.isArray(d)) throw new Bad(part);
    return d;
  }
  function today() {
    var d = new Date();
    return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"),
      String(d.getDate()).padStart(2, "0")].join("-");
  }

  var validate = {
    plan: function (d) {
      d = object(d, "notes");
      return {
        people: list(d.people, 50, "people", function (p) {
          return { name: text(p.name, 100, "people", true), contact: text(p.contact, 100, "people"),
            words: text(p.words, 1000, "people") };
        }),
        options: list(d.options, 200, "options", function (o) {
          return { kind: oneOf(o.kind, KINDS, "options"), id: text(o.id, 100, "options"),
            name: text(o.name, 200, "options", true), url: localUrl(o.url, "options"),
            phone: text(o.phone, 60, "options"), address: text(o.address, 300, "options"),
            when: text(o.when, 200, "options"), note: text(o.note, 300, "options") };
        }),
        checks: flags(d.checks, "checks"),
        notes: texts(d.notes, "notes", 2000),
      };
    },
    tracker: function (d) {
      d = object(d, "checkins");
      return {
        substances: list(d.substances, 20, "substances", function (s) {
          return { name: text(s.name, 60, "substances", true), since: isoDate(s.since, "substances") };
        }),
        checkins: list(d.checkins, 4000, "checkins", function (c) {
          if (!Number.isInteger(c.craving) || c.craving < 0 || c.craving > 10) {
            throw new Bad("checkins");
          }
          var triggers = c.triggers === undefined ? [] : c.triggers;
          if (!Array.isArray(triggers) || triggers.some(function (id) {
            return !(id in strings.triggers);
          })) throw new Bad("checkins");
          return { date: isoDate(c.date, "checkins"),
            mood: oneOf(c.mood, Object.keys(strings.moods), "checkins"), craving: c.craving,
            triggers: triggers.slice(), note: text(c.note, 1000, "checkins") };
        }),
        prevention: texts(d.prevention, "prevention", 2000),
      };
    },
  };

  function hasText(values) {
    return Object.keys(values).some(function (k) { return values[k]; });
  }
  var isEmpty = {
    plan: function (d) {
      return !d.people.length && !d.options.length && !hasText(d.checks) && !hasText(d.notes);
    },
    tracker: function (d) {
      return !d.substances.length && !d.checkins.length && !hasText(d.prevention);
    },
  };

  function showError(reason) {
    errors.textContent = "";
    errors.appendChild(el("p", {}, t("importFailed")));
    errors.appendChild(el("p", {}, reason));
    errors.hidden = false;
    errors.focus();
  }

  // What a file holds, checked whole before anything changes: {parts: {plan?, tracker?}}.
  function parseFile(raw) {
    var parsed;
    try { parsed = JSON.parse(raw); } catch (e) { return { error: t("notJson") }; }
    if (!parsed || typeof parsed !== "object") return { error: t("notJson") };
    var only = PART_FORMATS[parsed.format];
    if (parsed.format !== FORMAT && !only) return { error: t("notJson") };
    if (typeof parsed.version !== "number" || parsed.version > VERSION) {
      return { error: t("newer") };
    }
    try {
      var parts = {};
      if (only) {
        parts[only] = validate[only](parsed.data || {});
      } else {
        var data = object(parsed.data, "notes");
        parts.plan = validate.plan(data.plan);
        parts.tracker = validate.tracker(data.tracker);
      }
      return { parts: parts };
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      return { error: t("badPart", { part: strings.sections[e.part] || e.part }) };
    }
  }

  function start(app) {
    var storageOk = true;
    var data = {};

    function read(part) {
      var raw = null;
      try { raw = window.localStorage.getItem(KEYS[part]); } catch (e) { storageOk = false; }
      if (!raw) return validate[part]({});
      try {
        return validate[part](JSON.parse(raw));
      } catch (e) {
        // Keep what we could not read instead of overwriting it.
        try { window.localStorage.setItem(KEYS[part] + ".unreadable", raw); } catch (e2) { /* full */ }
        return validate[part]({});
      }
    }

    function save(part) {
      try {
        (part ? [part] : Object.keys(KEYS)).forEach(function (name) {
          window.localStorage.setItem(KEYS[name], JSON.stringify(data[name]));
        });
        return true;
      } catch (e) {
        say(t("noStorage"));
        return false;
      }
    }

    // Text boxes and ticks on either page write straight into their part.
    function bindFields() {
      [["data-note", "plan", "notes"], ["data-prevention", "tracker", "prevention"]]
        .forEach(function (binding) {
          root.querySelectorAll("[" + binding[0] + "]").forEach(function (box) {
            var id = box.getAttribute(binding[0]);
            box.value = data[binding[1]][binding[2]][id] || "";
            box.oninput = function () {
              data[binding[1]][binding[2]][id] = box.value;
              save(binding[1]);
            };
          });
        });
      root.querySelectorAll("[data-check]").forEach(function (check) {
        check.checked = Boolean(data.plan.checks[check.dataset.check]);
        check.onchange = function () {
          data.plan.checks[check.dataset.check] = check.checked;
          if (save("plan")) say(t("saved"));
        };
      });
    }

    function refresh() {
      bindFields();
      app.render(data);
    }

    function exportFile() {
      var payload = { format: FORMAT, version: VERSION, exported: new Date().toISOString(),
        data: { plan: data.plan, tracker: data.tracker } };
      var blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob), download: t("fileName") });
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
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
        var names = Object.keys(result.parts);
        var words = names.length === 2 ? [t("confirmImportAll"), t("importedAll")]
          : names[0] === "plan" ? [t("confirmImportPlan"), t("importedPlan")]
            : [t("confirmImportTracker"), t("importedTracker")];
        var replacing = names.some(function (name) { return !isEmpty[name](data[name]); });
        if (replacing && !window.confirm(words[0])) return;
        names.forEach(function (name) { data[name] = result.parts[name]; });
        if (save()) {
          refresh();
          say(words[1]);
        }
      });
    }

    function deleteAll() {
      if (!window.confirm(t("confirmDelete"))) return;
      try {
        Object.keys(KEYS).forEach(function (name) {
          window.localStorage.removeItem(KEYS[name]);
          window.localStorage.removeItem(KEYS[name] + ".unreadable");
        });
      } catch (e) { /* nothing stored */ }
      data = { plan: validate.plan({}), tracker: validate.tracker({}) };
      refresh();
      say(t("deleted"));
    }

    data = { plan: read("plan"), tracker: read("tracker") };
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

  // A link that calls `number`, reading `label` (the number itself when there is no label).
  function callLink(number, label, attrs) {
    var link = el("a", attrs || {}, label);
    link.setAttribute("href", "tel:" + number);
    return link;
  }

  window.RecoveryPlan = {
    root: root, strings: strings, t: t, el: el, say: say, start: start, onSubmit: onSubmit,
    removeButton: removeButton, phoneNumber: phoneNumber, callLink: callLink, today: today,
    parseFile: parseFile,
  };
})();
