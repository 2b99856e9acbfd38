// Autosave of the evaluation sheet (the unit's self-assessment and the reviewer's page).
// Each answer is saved as it is typed. When the connection drops, edits wait in localStorage and go out when
// it returns; the page always says what is saved ("Đã lưu lúc 14:32" / "Mất kết nối – chưa lưu 2 mục").
// No framework, no network but the portal's own URLs.
(function () {
  "use strict";

  var sheet = document.getElementById("sheet");
  if (!sheet) { return; }
  var side = sheet.dataset.side;
  var storageKey = "dcs3cd:" + sheet.dataset.storageKey;
  var stateLine = document.getElementById("save-state");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  var pending = load();          // answer id → {value, text, version}
  var errors = {};               // answer id → message (refused by the server; the input is kept)
  var timers = {};
  var busy = false;               // one request at a time: kinder to a weak connection and to the server
  var lastSaved = "";
  var offline = false;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "{}"); } catch (e) { return {}; }
  }
  function store() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(pending)); } catch (e) { /* private mode */ }
  }
  function count(obj) { return Object.keys(obj).length; }

  function item(id) { return sheet.querySelector('.sheet-item[data-answer="' + id + '"]'); }
  function textField(el) { return el.querySelector(side === "self" ? ".sheet-evidence" : ".sheet-comment"); }
  function valueOf(el) {
    var checked = el.querySelector(".sheet-value:checked");
    if (checked) { return checked.value; }
    var input = el.querySelector("input.sheet-value[type=text]");
    return input ? input.value.trim() : "";
  }
  function setValue(el, value) {
    var input = el.querySelector("input.sheet-value[type=text]");
    if (input) { input.value = value; return; }
    el.querySelectorAll(".sheet-value").forEach(function (radio) { radio.checked = radio.value === value; });
  }
  function itemStatus(el, text, tone) {
    var line = el.querySelector(".item-status");
    line.textContent = text;
    line.className = "small mt-1 item-status" + (tone ? " text-" + tone : "");
  }

  function showState() {
    if (!stateLine) { return; }
    var waiting = count(pending);
    var failed = count(errors);
    var text, tone;
    if (waiting && offline) {
      text = "Mất kết nối – chưa lưu " + waiting + " mục (đã giữ trên máy này, sẽ gửi khi có mạng)";
      tone = "text-danger";
    } else if (waiting) {
      text = "Đang lưu " + waiting + " mục…";
      tone = "text-muted";
    } else if (failed) {
      text = failed + " mục chưa lưu được, xem thông báo ở mục đó";
      tone = "text-danger";
    } else if (lastSaved) {
      text = "Đã lưu lúc " + lastSaved;
      tone = "text-success";
    } else {
      text = "Mọi thay đổi được lưu ngay khi nhập.";
      tone = "text-muted";
    }
    stateLine.textContent = text;
    stateLine.className = "small fw-semibold save-state " + tone;
  }

  function queue(id) {
    var el = item(id);
    var field = textField(el);
    pending[id] = {value: valueOf(el), text: field ? field.value : null, version: el.dataset.version};
    delete errors[id];
    store();
    showState();
  }

  function send(id) {
    var entry = pending[id];
    var el = item(id);
    if (!entry || !el || busy) { return; }
    busy = true;
    var body = new FormData();
    body.append("value", entry.value);
    if (entry.text !== null) { body.append(side === "self" ? "evidence" : "comment", entry.text); }
    body.append("version", entry.version || "");
    fetch(el.dataset.saveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {"X-CSRFToken": csrf ? csrf.value : "", "X-Requested-With": "fetch"}
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return {status: response.status, data: data};
      });
    }).then(function (result) {
      busy = false;
      offline = false;
      var data = result.data;
      if (result.status === 200 && data.ok) {
        // Edits typed while this request was on its way stay queued for the next round.
        if (pending[id] && pending[id].value === entry.value && pending[id].text === entry.text) {
          delete pending[id];
        } else if (pending[id]) {
          pending[id].version = data.version;
        }
        el.dataset.version = data.version;
        lastSaved = data.saved_at;
        itemStatus(el, "Đã lưu lúc " + data.saved_at, "success");
        if (side === "review") { el.classList.toggle("differs", !!data.differs); }
        updateSummary(data.summary);
      } else if (result.status === 409 && data.stale && sameAsSaved(entry, data.current)) {
        // Our own earlier save went through but its answer was lost on the way: nothing to resolve.
        delete pending[id];
        el.dataset.version = data.version;
        itemStatus(el, "Đã lưu", "success");
      } else if (result.status === 409 && data.stale) {
        delete pending[id];
        errors[id] = data.message;
        el.dataset.version = data.version;
        conflict(el, id, data);
      } else if (result.status >= 400 && result.status < 500) {
        delete pending[id];
        errors[id] = data.message || "Không lưu được mục này.";
        itemStatus(el, errors[id], "danger");
      } else {
        offline = true;  // a server fault: keep the edit and try again later
      }
      store();
      showState();
      flush();
    }).catch(function () {
      busy = false;
      offline = true;
      showState();
    });
  }

  function sameAsSaved(entry, current) {
    var saved = (current.value || "").replace(",", ".");
    var mine = (entry.value || "").replace(",", ".");
    var savedText = side === "self" ? current.evidence : current.comment;
    return saved === mine && (entry.text === null || entry.text.trim() === (savedText || ""));
  }

  function conflict(el, id, data) {
    var line = el.querySelector(".item-status");
    var shown = data.current.value || "(trống)";
    line.textContent = data.message + " Giá trị đang lưu: " + shown + ". ";
    line.className = "small mt-1 item-status text-danger";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm btn-outline-danger";
    button.textContent = "Lưu nội dung của tôi";
    button.addEventListener("click", function () { queue(id); flush(); });
    line.appendChild(button);
  }

  function flush() {
    var next = Object.keys(pending)[0];
    if (next !== undefined) { send(next); }
  }

  function updateSummary(summary) {
    if (!summary) { return; }
    summary.groups.forEach(function (g) {
      var points = document.querySelector('.sum-group[data-group="' + g.number + '"]');
      var percent = document.querySelector('.sum-percent[data-group="' + g.number + '"]');
      if (points) { points.textContent = g.points + "/" + g.max; }
      if (percent) { percent.textContent = g.percent; }
    });
    var total = document.querySelector(".sum-total");
    if (total) { total.textContent = summary.total; }
    var max = document.querySelector(".sum-max");
    if (max) { max.textContent = summary.max_total; }
    var level = document.querySelector(".sum-level");
    if (level) {
      level.textContent = summary.level;
      level.className = "sum-level " + (summary.recognised ? "text-success" : "text-danger");
    }
    var reasons = document.querySelector(".sum-reasons");
    if (reasons) {
      reasons.innerHTML = "";
      summary.reasons.forEach(function (text) {
        var li = document.createElement("li");
        li.textContent = text;
        reasons.appendChild(li);
      });
    }
    var missing = document.querySelector(".sum-missing");
    if (missing) {
      missing.textContent = summary.missing.length
        ? "Còn " + summary.missing.length + " tiêu chí chưa chấm (tính 0 điểm khi dự kiến): " + summary.missing.join(", ") + "."
        : "";
    }
  }

  function schedule(id, delay) {
    window.clearTimeout(timers[id]);
    queue(id);
    timers[id] = window.setTimeout(flush, delay);
  }

  sheet.querySelectorAll(".sheet-item[data-save-url]").forEach(function (el) {
    var id = el.dataset.answer;
    el.querySelectorAll(".sheet-value").forEach(function (input) {
      if (input.type === "radio") {
        input.addEventListener("change", function () { schedule(id, 0); });
      } else {
        input.addEventListener("input", function () { schedule(id, 700); });
        input.addEventListener("change", function () { schedule(id, 0); });
      }
    });
    var field = textField(el);
    if (field) {
      field.addEventListener("input", function () { schedule(id, 1200); });
      field.addEventListener("change", function () { schedule(id, 0); });
    }
  });

  // Edits left from an earlier visit without a connection: put them back in the inputs and send them.
  Object.keys(pending).forEach(function (id) {
    var el = item(id);
    if (!el || !el.dataset.saveUrl) { delete pending[id]; return; }
    setValue(el, pending[id].value);
    var field = textField(el);
    if (field && pending[id].text !== null) { field.value = pending[id].text; }
    itemStatus(el, "Chưa lưu – đang gửi lại", "warning");
  });
  store();
  showState();
  flush();

  window.addEventListener("online", function () { offline = false; showState(); flush(); });
  window.addEventListener("offline", function () { offline = true; showState(); });
  window.setInterval(function () { if (count(pending)) { flush(); } }, 10000);
  window.addEventListener("beforeunload", function (event) {
    if (count(pending)) { event.preventDefault(); event.returnValue = ""; }
  });

  // Sending the sheet with edits not yet saved, or with an evidence file not yet uploaded (evidence.js marks its form
  // data-upload), would send an older sheet: say what is missing, before the confirmation is asked.
  function guard(event) {
    var notes = [];
    if (count(pending)) { notes.push("Còn " + count(pending) + " mục chưa lưu. Hãy chờ có mạng để lưu xong rồi nộp."); }
    document.querySelectorAll(".upload-form[data-upload]").forEach(function (form) { notes.push(form.dataset.uploadNote); });
    if (!notes.length) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    window.alert(notes.join("\n"));
    flush();
  }
  document.querySelectorAll("#submit-form, #approve-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      guard(event);
      if (event.defaultPrevented) { delete form.dataset.submitting; }
    }, true);
  });
  window.addEventListener("click", function (event) {
    if (event.target.closest("#submit-form [type=submit], #approve-form [type=submit]")) { guard(event); }
  }, true);
})();
