// Autosave of the unit's registration: about fifteen boxes typed on a phone are saved as a draft while they are
// typed, by posting the form itself (the view answers in JSON and guards with the form's version field), and kept in
// localStorage until the server has them, so a closed page or a lost connection loses nothing; reopening the page
// puts back what had not reached the server and sends it. The status line says "Đã lưu lúc 14:32".
(function () {
  "use strict";

  var form = document.getElementById("registration-form");
  if (!form) { return; }
  var key = "dcs3cd:" + form.dataset.storageKey;
  var version = form.querySelector("input[name=version]");
  var stateLine = document.getElementById("save-state");
  var timer = null;
  var busy = false;        // one save at a time; `again` when the boxes changed meanwhile
  var again = false;
  var offline = false;
  var kept = true;         // the unsaved text is in localStorage (false: only on this page, so leaving asks)
  var leaving = false;
  var held = null;         // {submitter}: a form submit held back until the running save is answered
  var problem = "";        // why the server refused the draft (a number out of range, a closed year)
  var stale = null;        // the server's answer to a save over someone's newer one
  var lastSaved = "";

  function boxes() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && (el.tagName === "TEXTAREA" || el.type === "number" || el.type === "text");
    });
  }
  function values() {
    var out = {};
    boxes().forEach(function (el) { out[el.name] = el.value; });
    return out;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }   // both in the form's order
  var savedValues = values();   // what the server has: the page as it came

  function readDraft() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function keep() {
    try {
      window.localStorage.setItem(key, JSON.stringify({version: version.value, values: values()}));
      kept = true;
    } catch (e) { kept = false; }
  }
  function drop() {
    try { window.localStorage.removeItem(key); } catch (e) { /* no storage */ }
    kept = true;
  }
  function dirty() { return !same(values(), savedValues); }

  function showState() {
    if (!stateLine) { return; }
    var text, tone;
    stateLine.textContent = "";
    if (stale) {
      text = stale.message + " ";
      tone = "text-danger";
    } else if (problem) {
      text = problem;
      tone = "text-danger";
    } else if (dirty() && offline) {
      text = "Mất kết nối – bản nháp chưa lưu (đã giữ trên máy này, sẽ gửi khi có mạng)";
      tone = "text-danger";
    } else if (dirty()) {
      text = "Đang lưu bản nháp…";
      tone = "text-muted";
    } else if (lastSaved) {
      text = "Đã lưu lúc " + lastSaved;
      tone = "text-success";
    } else {
      text = "Bản nháp được lưu tự động khi nhập.";
      tone = "text-muted";
    }
    stateLine.appendChild(document.createTextNode(text));
    stateLine.className = "small fw-semibold save-state " + tone;
    if (stale) {
      stateLine.appendChild(window.portalConflictChoices(function () {
        version.value = stale.version;   // overwrite knowingly
        stale = null;
        save();
      }, function () {
        drop();
        leaving = true;
        window.location.reload();
      }, "Lấy bản đã lưu"));
    }
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  function save() {
    window.clearTimeout(timer);
    if (busy) { again = true; return; }
    var sent = values();
    if (stale || same(sent, savedValues)) { answered(); return; }
    busy = true;
    window.portalPost(form.action || window.location.href, new FormData(form)).then(function (result) {
      busy = false;
      offline = false;
      var data = result.data;
      if (result.status === 200 && data.ok) {
        version.value = data.version;
        savedValues = sent;
        lastSaved = data.saved_at;
        problem = "";
        if (dirty()) { keep(); } else { drop(); }
      } else if (result.status === 409 && data.stale) {
        stale = data;
      } else if (result.status >= 400 && result.status < 500) {
        problem = data.message || "Chưa lưu được bản nháp.";
      } else {
        offline = true;
      }
      answered();
    }).catch(function () {
      busy = false;
      offline = true;
      answered();
    });
  }

  function answered() {
    showState();
    if (held) {   // the version field now carries this save: the user's own save is no conflict
      var submitter = held.submitter;
      held = null;
      form.requestSubmit(submitter);
    } else if (again) {
      again = false;
      schedule(0);
    }
  }

  // --- on opening: what did not reach the server last time -----------------------------------------------------
  var draft = readDraft();
  if (draft && same(draft.values, savedValues)) {
    drop();
  } else if (draft && form.dataset.autosave !== undefined) {
    boxes().forEach(function (el) {
      if (draft.values[el.name] === undefined || draft.values[el.name] === el.value) { return; }
      el.value = draft.values[el.name];
      var details = el.closest("details");
      if (details) { details.open = true; }
    });
    version.value = draft.version;   // a save made meanwhile elsewhere is then a conflict, not overwritten
    schedule(0);
  }
  if (form.dataset.autosave === undefined) { return; }

  form.addEventListener("input", function () {
    keep();
    problem = "";
    showState();
    schedule(1500);
  });
  form.addEventListener("change", function () { keep(); schedule(0); });

  // "Lưu nháp" and "Nộp cho cấp trên" post the whole form; while a save is on its way they wait for its answer.
  form.addEventListener("submit", function (event) {
    window.clearTimeout(timer);
    if (busy) {
      event.preventDefault();
      event.stopImmediatePropagation();
      held = {submitter: event.submitter || null};
      return;
    }
    leaving = true;
  }, true);

  window.addEventListener("online", function () { offline = false; save(); });
  window.addEventListener("offline", function () { offline = true; showState(); });
  window.setInterval(function () { if (offline && dirty()) { save(); } }, 10000);
  window.addEventListener("beforeunload", function (event) {
    if (!leaving && !kept && dirty()) { event.preventDefault(); event.returnValue = ""; }
  });
  window.addEventListener("pageshow", function () { leaving = false; });
  showState();
})();
