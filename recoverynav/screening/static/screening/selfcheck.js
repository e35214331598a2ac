/* Self-check enhancement: with JavaScript, ask every question on one page.
   The start form asks the server for the one-page layout; on that page, questions that do not
   apply (skip rules) are hidden and disabled, and a "yes" to the safety question shows help.
   On the result page, a print button appears (without JavaScript the page says to use the
   browser's menu). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  var start = document.querySelector("form[data-selfcheck-start]");
  if (start) {
    var layout = document.createElement("input");
    layout.type = "hidden";
    layout.name = "layout";
    layout.value = "single";
    start.appendChild(layout);
  }
  var single = document.querySelector("form.single");
  if (!single) return;

  function valueOf(name) {
    var checked = single.querySelector('input[name="' + name + '"]:checked');
    if (checked) return checked.value;
    var text = single.querySelector('input[type="text"][name="' + name + '"]');
    return text && !text.disabled ? text.value : "";
  }

  function aboveZero(name) {
    var value = valueOf(name);
    if (value === "") return false;
    var block = single.querySelector('[name="' + name + '"]').closest(".question-block");
    if (block.classList.contains("is-hidden")) return false;
    var zero = block.getAttribute("data-zero");
    if (zero) return value !== zero;
    return parseInt(value, 10) > 0;
  }

  function update() {
    single.querySelectorAll("[data-ask-if]").forEach(function (block) {
      var names = block.getAttribute("data-ask-if").split(" ");
      var asked = names.some(aboveZero);
      block.classList.toggle("is-hidden", !asked);
      block.querySelectorAll("input").forEach(function (input) { input.disabled = !asked; });
    });
    var crisis = single.querySelector("[data-crisis]");
    crisis.classList.toggle("is-hidden", valueOf("safety-answer") !== "yes");
  }

  single.addEventListener("change", update);
  single.addEventListener("input", update);
  update();
})();
