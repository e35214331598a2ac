/* The recovery tracker: days counted, daily check-ins, a craving chart and the plan for hard
   moments, kept in this browser only. */
(function () {
  "use strict";
  var P = window.RecoveryPlan;
  var t = P.t, el = P.el, S = P.strings;
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var CHART_POINTS = 30;
  var store;

  function daysSince(since) {
    var a = since.split("-").map(Number), b = P.today().split("-").map(Number);
    return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / DAY);
  }

  function dayText(n) { return n === 1 ? t("dayOne") : t("dayMany", { n: n }); }

  function localDate(iso) {
    var p = iso.split("-").map(Number);
    return new Date(p[0], p[1] - 1, p[2]).toLocaleDateString(document.documentElement.lang);
  }

  function renderSubstance(li, substance, index) {
    var days = daysSince(substance.since);
    li.appendChild(el("h3", {}, substance.name));
    li.appendChild(el("p", { "class": "plan-days" }, dayText(days)));
    li.appendChild(el("p", { "class": "muted" }, t("since", { date: localDate(substance.since) })));
    if (days === 0) li.appendChild(el("p", {}, t("startsToday")));
    var reached = S.milestones.filter(function (m) { return m.days <= days; });
    var next = S.milestones.filter(function (m) { return m.days > days; })[0];
    if (reached.length) {
      li.appendChild(el("p", {}, t("reached", { list: reached.map(function (m) {
        return m.label; }).join(", ") })));
    }
    if (next) {
      li.appendChild(el("p", {}, t("next", { label: next.label, days: dayText(next.days - days) })));
    }
    var slip = el("button", { type: "button", "class": "button-secondary no-print" }, t("slip"));
    slip.addEventListener("click", function () { resetCount(index); });
    var remove = P.removeButton(substance.name);
    remove.addEventListener("click", function () {
      store.data().tracker.substances.splice(index, 1);
      if (!store.save("tracker")) return;
      store.refresh();
      P.root.querySelector("[data-list=substances]").focus();
    });
    li.appendChild(el("p", { "class": "actions" }));
    li.lastChild.appendChild(slip);
    li.lastChild.appendChild(document.createTextNode(" "));
    li.lastChild.appendChild(remove);
  }

  function resetCount(index) {
    var substance = store.data().tracker.substances[index];
    if (!window.confirm(t("confirmReset", { name: substance.name }))) return;
    substance.since = P.today();
    if (!store.save("tracker")) return;
    store.refresh();
    var support = P.root.querySelector("[data-slip-support]");
    support.hidden = false;
    support.focus();
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // An inline SVG built with DOM calls and presentation attributes (the CSP allows no styles).
  function renderChart(checkins) {
    var box = P.root.querySelector("[data-chart]");
    box.textContent = "";
    var points = checkins.slice(-CHART_POINTS);
    if (!points.length) {
      box.appendChild(el("p", { "class": "muted" }, t("chartEmpty")));
      return;
    }
    var left = 28, top = 10, width = 300, height = 120;
    var x = function (i) {
      return points.length === 1 ? left + width / 2 : left + (i * width) / (points.length - 1);
    };
    var y = function (c) { return top + ((10 - c) * height) / 10; };
    var chart = svg("svg", { viewBox: "0 0 340 160", role: "img",
      "aria-labelledby": "chart-title", "class": "plan-chart-svg" });
    chart.appendChild(svg("title", { id: "chart-title" }, t("chartLabel", { n: points.length })));
    [0, 5, 10].forEach(function (level) {
      chart.appendChild(svg("line", { x1: left, x2: left + width, y1: y(level), y2: y(level),
        "class": "chart-grid" }));
      chart.appendChild(svg("text", { x: left - 6, y: y(level) + 4, "text-anchor": "end",
        "class": "chart-label" }, String(level)));
    });
    chart.appendChild(svg("line", { x1: left, x2: left + width, y1: y(S.highCraving),
      y2: y(S.highCraving), "class": "chart-high", "stroke-dasharray": "4 3" }));
    chart.appendChild(svg("polyline", { fill: "none", "class": "chart-line",
      points: points.map(function (c, i) { return x(i) + "," + y(c.craving); }).join(" ") }));
    points.forEach(function (c, i) {
      var dot = svg("circle", { cx: x(i), cy: y(c.craving), r: 4, "class": "chart-dot" });
      dot.appendChild(svg("title", {}, localDate(c.date) + ": " + c.craving));
      chart.appendChild(dot);
    });
    chart.appendChild(svg("text", { x: left, y: 155, "class": "chart-label" },
      localDate(points[0].date)));
    chart.appendChild(svg("text", { x: left + width, y: 155, "text-anchor": "end",
      "class": "chart-label" }, localDate(points[points.length - 1].date)));
    box.appendChild(chart);
  }

  // On a narrow screen each row is shown as a small card: every cell carries its column's name.
  function renderCheckins(checkins) {
    var body = P.root.querySelector("[data-list=checkins]");
    var columns = Array.prototype.map.call(body.parentNode.querySelectorAll("thead th"),
      function (th) { return th.textContent; });
    body.textContent = "";
    if (!checkins.length) {
      var row = el("tr");
      row.appendChild(el("td", { colspan: "5", "class": "muted" }, t("empty")));
      body.appendChild(row);
    }
    checkins.slice(-14).reverse().forEach(function (c) {
      var row = el("tr");
      [localDate(c.date), S.moods[c.mood], String(c.craving),
        c.triggers.map(function (id) { return S.triggers[id]; }).join(", "), c.note]
        .forEach(function (value, i) { row.appendChild(el("td", { "data-label": columns[i] }, value)); });
      body.appendChild(row);
    });
  }

  // The people in the plan, each with a button that calls them when a number was saved.
  function renderPeople(target, people) {
    target.textContent = "";
    var callable = 0;
    people.forEach(function (person) {
      var number = P.phoneNumber(person.contact);
      var li = el("li");
      if (number) {
        callable += 1;
        li.appendChild(P.callLink(number, t("callName", { name: person.name }), { "class": "button" }));
      } else {
        li.appendChild(el("strong", {}, person.name));
        if (person.contact) li.appendChild(document.createTextNode(" · " + person.contact));
      }
      target.appendChild(li);
    });
    return callable;
  }

  // The plan for a strong craving: the people to call first, then what the person wrote.
  function fillHighCraving(d) {
    var card = P.root.querySelector("[data-high-craving]");
    var callable = renderPeople(card.querySelector("[data-call-list]"), d.plan.people);
    card.querySelector("[data-call-fallback]").hidden = callable > 0;
    card.querySelector("[data-call-more]").hidden = callable === 0;
    var summary = card.querySelector("[data-plan-summary]");
    summary.textContent = "";
    var parts = [["prevention", "people"], ["prevention", "warning-signs"],
      ["prevention", "coping"], ["notes", "reasons"]];
    var written = 0;
    parts.forEach(function (part) {
      var value = (part[0] === "notes" ? d.plan.notes : d.tracker.prevention)[part[1]];
      if (!value || !value.trim()) return;
      written += 1;
      summary.appendChild(el("h4", {}, S.planParts[part[1]]));
      summary.appendChild(el("p", { "class": "plan-words" }, value));
    });
    card.querySelector("[data-plan-unwritten]").hidden = written > 0 || d.plan.people.length > 0;
  }

  function showHighCraving(focus) {
    var card = P.root.querySelector("[data-high-craving]");
    fillHighCraving(store.data());
    card.hidden = false;
    if (focus) card.focus();
  }

  function render(d) {
    var list = P.root.querySelector("[data-list=substances]");
    list.textContent = "";
    d.tracker.substances.forEach(function (substance, index) {
      var li = el("li", { "class": "card" });
      renderSubstance(li, substance, index);
      list.appendChild(li);
    });
    var checkins = d.tracker.checkins;
    checkins.sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    renderChart(checkins);
    renderCheckins(checkins);
    var people = P.root.querySelector("[data-list=plan-people]");
    if (!renderPeople(people, d.plan.people) && !d.plan.people.length) {
      people.appendChild(el("li", { "class": "muted" }, t("noPeople")));
    }
    var last = checkins[checkins.length - 1];
    if (last && last.date === P.today() && last.craving >= S.highCraving) showHighCraving(false);
    else P.root.querySelector("[data-high-craving]").hidden = true;
    P.root.querySelectorAll("input[type=date]").forEach(function (input) {
      input.max = P.today();
      if (!input.value) input.value = P.today();
    });
  }

  function bind(s) {
    store = s;
    P.onSubmit("substance", function (form, node) {
      var since = String(form.get("since"));
      if (since > P.today()) return P.say(t("futureDate"), node);
      store.data().tracker.substances.push({ name: String(form.get("name")).trim(), since: since });
      if (store.save("tracker")) {
        node.reset();
        store.refresh();
        P.say(t("saved"), node);
      }
    });
    P.onSubmit("checkin", function (form, node) {
      var checkin = { date: String(form.get("date")), mood: String(form.get("mood")),
        craving: Number(form.get("craving")), triggers: form.getAll("triggers").map(String),
        note: String(form.get("note")) };
      if (checkin.date > P.today()) return P.say(t("futureDate"), node);
      var tracker = store.data().tracker;
      tracker.checkins = tracker.checkins.filter(function (c) { return c.date !== checkin.date; });
      tracker.checkins.push(checkin);
      if (!store.save("tracker")) return;
      store.refresh();
      P.say(t("checkInSaved", { date: localDate(checkin.date) }), node);
      if (checkin.craving >= S.highCraving) showHighCraving(true);
    });
  }

  P.start({ render: render, bind: bind });
})();
