// Autosave of the evaluation sheet (the unit's self-assessment and the reviewer's page).
// Each answer is saved as it is typed. When the connection drops, edits wait in localStorage and go out when
// it returns; the page always says what is saved ("Đã lưu lúc 14:32" / "Mất kết nối – chưa lưu 2 mục: 1.1, 1.2").
// Each item has its own storage key, so two tabs of one sheet add their edits up instead of writing their whole
// queue over each other; a save made in one tab shows in the others. No framework, no network but the portal's URLs.
(function () {
  "use strict";

  var sheet = document.getElementById("sheet");
  if (!sheet) { return; }
  var side = sheet.dataset.side;
  var legacyKey = "dcs3cd:" + sheet.dataset.storageKey;   // the one queue of the whole sheet, before per-item keys
  var prefix = legacyKey + ":";                            // + answer id → {value, text, version[, conflict]}
  var stateLine = document.getElementById("save-state");
  var channel = window.BroadcastChannel ? new window.BroadcastChannel(prefix) : null;
  var memory = {};               // answer id → entry, held here only when localStorage refuses it
  var errors = {};               // answer id → message (refused by the server; the input is kept)
  var timers = {};
  var busy = false;               // one request at a time: kinder to a weak connection and to the server
  var lastSaved = "";
  var offline = false;

  // --- the queue: one localStorage key per item, shared by every tab of this sheet ---------------------------
  function read(id) {
    if (memory[id]) { return memory[id]; }
    try { return JSON.parse(window.localStorage.getItem(prefix + id) || "null"); } catch (e) { return null; }
  }
  function write(id, entry) {
    try {
      if (entry) { window.localStorage.setItem(prefix + id, JSON.stringify(entry)); }
      else { window.localStorage.removeItem(prefix + id); }
      delete memory[id];
    } catch (e) {
      if (entry) { memory[id] = entry; } else { delete memory[id]; }
    }
  }
  function keptIds() {
    var ids = Object.keys(memory);
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key.indexOf(prefix) === 0 && ids.indexOf(key.slice(prefix.length)) < 0) { ids.push(key.slice(prefix.length)); }
      }
    } catch (e) { /* no storage: memory only */ }
    return ids;
  }
  function storedIds() {   // in the order of the page
    var kept = keptIds();
    return Array.prototype.map.call(sheet.querySelectorAll(".sheet-item"), function (el) { return el.dataset.answer; })
      .filter(function (id) { return kept.indexOf(id) >= 0; });
  }
  function pendingIds() { return storedIds().filter(function (id) { return !read(id).conflict; }); }
  function failedIds() {
    var ids = storedIds().filter(function (id) { return read(id).conflict; });
    return ids.concat(Object.keys(errors).filter(function (id) { return ids.indexOf(id) < 0; }));
  }
  function sameInput(a, b) { return !!a && !!b && a.value === b.value && a.text === b.text; }

  // --- the page ------------------------------------------------------------------------------------------------
  function item(id) { return sheet.querySelector('.sheet-item[data-answer="' + id + '"]'); }
  function textField(el) { return el.querySelector(side === "self" ? ".sheet-evidence" : ".sheet-comment"); }
  function valueOf(el) {
    var checked = el.querySelector(".sheet-value:checked");
    if (checked) { return checked.value; }
    var input = el.querySelector("input.sheet-value[type=text]");
    return input ? input.value.trim() : "";
  }
  function show(el, entry) {
    var input = el.querySelector("input.sheet-value[type=text]");
    if (input) { input.value = entry.value; }
    el.querySelectorAll(".sheet-value[type=radio]").forEach(function (radio) { radio.checked = radio.value === entry.value; });
    var field = textField(el);
    if (field && entry.text !== null && entry.text !== undefined) { field.value = entry.text; }
  }
  function itemStatus(el, text, tone) {
    var line = el.querySelector(".item-status");
    line.textContent = text;
    line.className = "small mt-1 item-status" + (tone ? " text-" + tone : "");
  }
  function codes(ids) {
    var list = ids.map(function (id) { return item(id).dataset.code; });
    return list.length > 6 ? list.slice(0, 5).join(", ") + " và " + (list.length - 5) + " mục khác" : list.join(", ");
  }

  function showState() {
    if (!stateLine) { return; }
    var waiting = pendingIds();
    var failed = failedIds();
    var parts = [];
    if (waiting.length && offline) {
      parts.push("Mất kết nối – chưa lưu " + waiting.length + " mục: " + codes(waiting) +
        " (đã giữ trên máy này, sẽ gửi khi có mạng)");
    } else if (waiting.length) {
      parts.push("Đang lưu " + waiting.length + " mục: " + codes(waiting) + "…");
    }
    if (failed.length) {
      parts.push("Chưa lưu được " + failed.length + " mục: " + codes(failed) + " – xem thông báo ở mục đó");
    }
    if (!parts.length) {
      parts.push(lastSaved ? "Đã lưu lúc " + lastSaved : "Mọi thay đổi được lưu ngay khi nhập.");
    }
    var tone = offline || failed.length ? "text-danger" : (waiting.length || !lastSaved ? "text-muted" : "text-success");
    stateLine.textContent = parts.join("; ");
    stateLine.className = "small fw-semibold save-state " + tone;
  }

  // An edit of an item in conflict stays held with the conflict until the user chooses (`resolve`).
  function queue(id, resolve) {
    var el = item(id);
    var field = textField(el);
    var entry = {value: valueOf(el), text: field ? field.value : null, version: el.dataset.version};
    var before = read(id);
    if (before && before.conflict && !resolve) { entry.conflict = before.conflict; }
    write(id, entry);
    delete errors[id];
    showState();
  }

  // --- saving --------------------------------------------------------------------------------------------------
  function send(id) {
    var entry = read(id);
    var el = item(id);
    if (!entry || entry.conflict || !el || busy) { return; }
    busy = true;
    var body = new FormData();
    body.append("value", entry.value);
    if (entry.text !== null) { body.append(side === "self" ? "evidence" : "comment", entry.text); }
    body.append("version", entry.version || "");
    window.portalPost(el.dataset.saveUrl, body).then(function (result) {
      busy = false;
      offline = false;
      answered(id, el, entry, result.status, result.data);
      showState();
      flush();
    }).catch(function () {
      busy = false;
      offline = true;
      showState();
    });
  }

  function answered(id, el, entry, status, data) {
    if (status === 200 && data.ok) {
      settle(id, entry, data.version);
      saved(id, {value: entry.value, text: entry.text, version: data.version, at: data.saved_at, summary: data.summary});
      itemStatus(el, "Đã lưu lúc " + data.saved_at, "success");
      if (side === "review") { el.classList.toggle("differs", !!data.differs); }
      updateSummary(data.summary);
    } else if (status === 409 && data.stale && sameAsSaved(entry, data.current)) {
      // Our own earlier save (or another tab's, of the same edit) went through: nothing to resolve.
      settle(id, entry, data.version);
      saved(id, {value: entry.value, text: entry.text, version: data.version, at: data.saved_at});
      itemStatus(el, "Đã lưu lúc " + data.saved_at, "success");
    } else if (status === 409 && data.stale) {
      el.dataset.version = data.version;
      var mine = read(id) || entry;   // with what was typed while the request was on its way
      write(id, {value: mine.value, text: mine.text, version: data.version,
        conflict: {message: data.message, current: data.current}});
      conflict(el, id);
    } else if (status >= 400 && status < 500) {
      settle(id, entry, el.dataset.version);
      errors[id] = data.message || "Không lưu được mục này.";
      itemStatus(el, errors[id], "danger");
    } else {
      offline = true;  // a server fault: keep the edit and try again later
    }
  }

  // The sent edit is done with; edits typed while it was on its way stay queued, on the new version.
  function settle(id, sent, version) {
    var now = read(id);
    if (!now || now.conflict) { return; }
    if (sameInput(now, sent)) { write(id, null); } else { now.version = version; write(id, now); }
  }

  // What is saved now for an item, in this tab and (through the channel) in the others.
  function saved(id, what) {
    item(id).dataset.version = what.version;
    if (what.at) { lastSaved = what.at; }
    if (channel) { channel.postMessage({id: id, saved: what}); }
  }

  function sameAsSaved(entry, current) {
    var stored = (current.value || "").replace(",", ".");
    var mine = (entry.value || "").replace(",", ".");
    var storedText = side === "self" ? current.evidence : current.comment;
    return stored === mine && (entry.text === null || entry.text.trim() === (storedText || ""));
  }

  function conflict(el, id) {
    var entry = read(id);
    var line = el.querySelector(".item-status");
    line.textContent = entry.conflict.message + " Giá trị đang lưu: " + (entry.conflict.current.value || "(trống)") + ". ";
    line.className = "small mt-1 item-status text-danger";
    line.appendChild(window.portalConflictChoices(
      function () { queue(id, true); flush(); },
      function () { takeSaved(id); },
      "Lấy giá trị đã lưu"
    ));
  }

  function takeSaved(id) {
    var el = item(id);
    var current = read(id).conflict.current;
    var stored = {value: current.value || "", text: side === "self" ? current.evidence : current.comment,
      version: el.dataset.version};
    write(id, null);
    show(el, stored);
    saved(id, stored);
    itemStatus(el, "Đã lấy giá trị đang lưu", "success");
    showState();
  }

  function flush() {
    var next = pendingIds()[0];
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

  // --- other tabs of this sheet --------------------------------------------------------------------------------
  // An edit queued in another tab shows here too (one entry per item: the last edit of an item wins).
  window.addEventListener("storage", function (event) {
    if (!event.key || event.key.indexOf(prefix) !== 0) { return; }
    var id = event.key.slice(prefix.length);
    var el = item(id);
    var entry = read(id);
    if (el && entry && entry.conflict) {
      el.dataset.version = entry.version;   // the server's, from the refused save
      show(el, entry);
      conflict(el, id);
    } else if (el && entry && !(document.hasFocus() && el.contains(document.activeElement))) {
      show(el, entry);
      itemStatus(el, "Chưa lưu – sửa ở thẻ khác", "warning");
    }
    showState();
  });
  // A save made in another tab: its version (so saving here is no conflict with oneself) and, unless an edit of
  // the item is queued, its value.
  if (channel) {
    channel.addEventListener("message", function (event) {
      var id = event.data.id;
      var what = event.data.saved;
      var el = item(id);
      if (!el) { return; }
      el.dataset.version = what.version;
      if (!read(id)) {
        show(el, what);
        delete errors[id];
        itemStatus(el, what.at ? "Đã lưu lúc " + what.at + " (ở thẻ khác)" : "Đã lưu", "success");
      }
      if (what.at) { lastSaved = what.at; }
      updateSummary(what.summary);
      showState();
    });
  }

  // --- on opening --------------------------------------------------------------------------------------------
  // The queue of the whole sheet kept by the earlier version of this script becomes per-item entries.
  try {
    var legacy = JSON.parse(window.localStorage.getItem(legacyKey) || "{}");
    Object.keys(legacy).forEach(function (id) { if (!read(id)) { write(id, legacy[id]); } });
    window.localStorage.removeItem(legacyKey);
  } catch (e) { /* no storage */ }

  // Edits left from an earlier visit without a connection: put them back in the inputs and send them.
  keptIds().forEach(function (id) {
    var el = item(id);
    var entry = read(id);
    if (!el || !el.dataset.saveUrl) { write(id, null); return; }
    show(el, entry);
    if (entry.conflict) { conflict(el, id); } else { itemStatus(el, "Chưa lưu – đang gửi lại", "warning"); }
  });
  showState();
  flush();

  window.addEventListener("online", function () { offline = false; showState(); flush(); });
  window.addEventListener("offline", function () { offline = true; showState(); });
  window.setInterval(function () { if (pendingIds().length) { flush(); } }, 10000);
  // Queued edits are kept in localStorage and go out on the next visit: leaving asks only when they could not be.
  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(memory).length) { event.preventDefault(); event.returnValue = ""; }
  });

  // Sending the sheet while an edit or an evidence file (evidence.js marks its form data-upload) has not reached
  // the server would send an older sheet: say what is missing, before the confirmation is asked.
  function unsent() {
    var notes = [];
    var waiting = pendingIds();
    var failed = failedIds();
    if (waiting.length) {
      notes.push("Còn " + waiting.length + " mục chưa lưu (" + codes(waiting) + "). Hãy chờ có mạng để lưu xong rồi nộp.");
    }
    if (failed.length) { notes.push("Mục " + codes(failed) + " chưa lưu được: hãy xử lý thông báo ở mục đó."); }
    document.querySelectorAll(".upload-form[data-upload]").forEach(function (form) { notes.push(form.dataset.uploadNote); });
    return notes;
  }
  function guard(event) {
    var notes = unsent();
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
    var clicked = event.target.closest("#submit-form [type=submit], #approve-form [type=submit]");
    if (clicked) { guard(event); }
  }, true);
})();
