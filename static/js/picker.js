// Pickers (common/pickers.py): a search box that asks the server for at most 20 answers as the user types.
// Keyboard: arrows move, Enter chooses, Escape closes. Touch: tap an answer. No framework, no CDN.
(function () {
  "use strict";
  var DELAY_MS = 200;

  function setUp(box) {
    var input = box.querySelector("[data-picker-input]");
    var hidden = box.querySelector("[data-picker-value]");
    var list = box.querySelector("[data-picker-list]");
    var status = box.querySelector("[data-picker-status]");
    var url = box.dataset.pickerUrl;
    var chosenLabel = input.value;
    var timer = null;
    var active = -1;
    var request = 0;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      items.forEach(function (item, i) {
        item.classList.toggle("active", i === active);
        item.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({block: "nearest"});
    }

    function choose(item) {
      hidden.value = item.dataset.id;
      input.value = chosenLabel = item.textContent;
      status.textContent = "";
      close();
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result, i) {
        var item = document.createElement("li");
        item.className = "list-group-item list-group-item-action";
        item.id = input.id + "_option_" + i;
        item.setAttribute("role", "option");
        item.dataset.id = result.id;
        item.textContent = result.label;
        list.appendChild(item);
      });
      status.textContent = results.length ? "" : "Không tìm thấy; thử gõ khác đi.";
      list.hidden = !results.length;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }

    function search() {
      var text = input.value.trim();
      if (!text) { show([]); status.textContent = ""; return; }
      var mine = ++request;
      fetch(url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(text), {
        headers: {"Accept": "application/json"}, credentials: "same-origin"
      })
        .then(function (r) { return r.json(); })
        .then(function (data) { if (mine === request) { show(data.results || []); } })
        .catch(function () { status.textContent = "Không tìm được lúc này; thử lại sau."; });
    }

    input.addEventListener("input", function () {
      if (input.value !== chosenLabel) { hidden.value = ""; }
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) { search(); } else { highlight(active + 1); } }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter" && !list.hidden && active >= 0) { event.preventDefault(); choose(options()[active]); }
      else if (event.key === "Escape") { close(); }
    });
    // pointerdown, not click: it lands before the box loses focus, with a mouse and with a finger alike.
    list.addEventListener("pointerdown", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) { event.preventDefault(); choose(item); }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  document.querySelectorAll("[data-picker-url]").forEach(function (box) {
    if (box.dataset.pickerUrl) { setUp(box); }
  });
})();
