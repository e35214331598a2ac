/* The personal plan: people, options, checklist and notes, kept in this browser only. */
(function () {
  "use strict";
  var P = window.RecoveryPlan;
  var t = P.t, el = P.el;
  var KINDS = ["facility", "meeting", "other"];
  var store;

  function validate(d) {
    if (!d || typeof d !== "object" || Array.isArray(d)) throw new P.Bad("notes");
    return {
      people: P.list(d.people, 50, "people", function (p) {
        return { name: P.text(p.name, 100, "people", true), contact: P.text(p.contact, 100, "people"),
          words: P.text(p.words, 1000, "people") };
      }),
      options: P.list(d.options, 200, "options", function (o) {
        return { kind: P.oneOf(o.kind, KINDS, "options"), id: P.text(o.id, 100, "options"),
          name: P.text(o.name, 200, "options", true), url: P.localUrl(o.url, "options"),
          note: P.text(o.note, 300, "options") };
      }),
      checks: P.flags(d.checks, "checks"),
      notes: P.texts(d.notes, "notes", 2000),
    };
  }

  function isEmpty(d) {
    return !d.people.length && !d.options.length && !Object.keys(d.checks).some(function (k) {
      return d.checks[k];
    }) && !Object.keys(d.notes).some(function (k) { return d.notes[k]; });
  }

  function removeButton(list, items, index, name) {
    var button = P.removeButton(name);
    button.addEventListener("click", function () {
      items.splice(index, 1);
      if (store.save()) {
        store.refresh();
        list.focus();
        P.say(t("removed", { name: name }), P.root.querySelector("[data-form=" + list.dataset.list + "]"));
      }
    });
    return button;
  }

  function renderList(name, items, draw) {
    var target = P.root.querySelector("[data-list=" + name + "]");
    target.textContent = "";
    if (!items.length) target.appendChild(el("li", { "class": "muted" }, t("empty")));
    items.forEach(function (item, index) {
      var li = el("li");
      draw(li, item);
      li.appendChild(removeButton(target, items, index, item.name));
      target.appendChild(li);
    });
  }

  function render(d) {
    renderList("people", d.people, function (li, person) {
      li.appendChild(el("strong", {}, person.name));
      if (person.contact) li.appendChild(el("span", {}, " · " + person.contact));
      if (person.words) li.appendChild(el("p", { "class": "plan-words" }, person.words));
    });
    renderList("options", d.options, function (li, option) {
      li.appendChild(option.url ? el("a", { href: option.url }, option.name)
        : el("strong", {}, option.name));
      li.appendChild(el("span", { "class": "muted" }, " · " + P.strings.kinds[option.kind]));
      if (option.note) li.appendChild(el("p", {}, option.note));
    });
  }

  function bind(s) {
    store = s;
    P.onSubmit("people", function (form, node) {
      var person = { name: String(form.get("name")).trim(), contact: String(form.get("contact")),
        words: String(form.get("words")) };
      store.data().people.push(person);
      if (store.save()) {
        node.reset();
        store.refresh();
        P.say(t("added", { name: person.name }), node);
      }
    });
    P.onSubmit("options", function (form, node) {
      var option = { kind: String(form.get("kind")), id: "", url: "",
        name: String(form.get("name")).trim(), note: String(form.get("note")) };
      store.data().options.push(option);
      if (store.save()) {
        node.reset();
        store.refresh();
        P.say(t("added", { name: option.name }), node);
      }
    });
    P.root.querySelectorAll("[data-use-script]").forEach(function (button) {
      button.addEventListener("click", function () {
        var words = document.getElementById("person-words");
        words.value = document.getElementById("script-" + button.dataset.useScript).textContent;
        words.focus();
        P.say(t("wordsUsed"), P.root.querySelector("[data-form=people]"));
      });
    });
  }

  P.start({ validate: validate, isEmpty: isEmpty, render: render, bind: bind, notesKey: "notes" });
})();
