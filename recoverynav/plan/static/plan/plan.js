/* The personal plan: people, options, checklist and notes, kept in this browser only. */
(function () {
  "use strict";
  var P = window.RecoveryPlan;
  var t = P.t, el = P.el;
  var store;

  function removeButton(list, items, index, name) {
    var button = P.removeButton(name);
    button.addEventListener("click", function () {
      items.splice(index, 1);
      if (store.save("plan")) {
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

  // "Phone: (804) 555-0100" as a call link; printed, the number itself shows.
  function phoneLine(text) {
    var number = P.phoneNumber(text);
    var line = el("p", { "class": "plan-detail" }, t("phone") + " ");
    line.appendChild(number ? P.callLink(number, text) : document.createTextNode(text));
    return line;
  }

  function render(d) {
    renderList("people", d.plan.people, function (li, person) {
      li.appendChild(el("strong", {}, person.name));
      if (person.contact) {
        var number = P.phoneNumber(person.contact);
        li.appendChild(document.createTextNode(" · "));
        li.appendChild(number ? P.callLink(number, person.contact)
          : el("span", {}, person.contact));
      }
      if (person.words) li.appendChild(el("p", { "class": "plan-words" }, person.words));
    });
    renderList("options", d.plan.options, function (li, option) {
      li.appendChild(option.url ? el("a", { href: option.url }, option.name)
        : el("strong", {}, option.name));
      li.appendChild(el("span", { "class": "muted" }, " · " + P.strings.kinds[option.kind]));
      if (option.when) li.appendChild(el("p", { "class": "plan-detail" }, option.when));
      if (option.phone) li.appendChild(phoneLine(option.phone));
      if (option.address) li.appendChild(el("p", { "class": "plan-detail" }, option.address));
      if (option.note) li.appendChild(el("p", { "class": "plan-detail" }, option.note));
    });
  }

  function bind(s) {
    store = s;
    P.onSubmit("people", function (form, node) {
      var person = { name: String(form.get("name")).trim(), contact: String(form.get("contact")),
        words: String(form.get("words")) };
      store.data().plan.people.push(person);
      if (store.save("plan")) {
        node.reset();
        store.refresh();
        P.say(t("added", { name: person.name }), node);
      }
    });
    P.onSubmit("options", function (form, node) {
      var option = { kind: String(form.get("kind")), id: "", url: "", phone: "", address: "",
        when: "", name: String(form.get("name")).trim(), note: String(form.get("note")) };
      store.data().plan.options.push(option);
      if (store.save("plan")) {
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

  P.start({ render: render, bind: bind });
})();
