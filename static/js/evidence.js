// Evidence files of the self-assessment: a chosen file is uploaded at once, with its progress, instead of waiting
// for a "Tải lên" tap that is easy to miss (the sheet was sent without it while the input still showed its name).
// While a file is on its way or could not go, its form carries data-upload ("sending"/"failed") and
// data-upload-note; sheet.js refuses to send the sheet and says that note. The server answers in JSON
// (attachment_upload) with the rows of the files it kept, rendered by templates/evaluations/_attachment.html.
(function () {
  "use strict";

  function names(input) {
    return Array.prototype.map.call(input.files, function (file) { return "“" + file.name + "”"; }).join(", ");
  }

  function say(form, text, tone) {
    var line = form.querySelector(".upload-status");
    line.textContent = text;
    line.className = "w-100 small upload-status" + (tone ? " text-" + tone : "");
  }

  function mark(form, state, note) {
    if (state) {
      form.dataset.upload = state;
      form.dataset.uploadNote = note;
    } else {
      delete form.dataset.upload;
      delete form.dataset.uploadNote;
    }
  }

  function progressBar(form) {
    var box = form.querySelector(".progress");
    if (!box) {
      box = document.createElement("div");
      box.className = "progress w-100";
      box.setAttribute("role", "progressbar");
      box.setAttribute("aria-label", "Tải lên minh chứng tiêu chí " + form.dataset.code);
      box.setAttribute("aria-valuemin", "0");
      box.setAttribute("aria-valuemax", "100");
      var bar = document.createElement("div");
      bar.className = "progress-bar";
      box.appendChild(bar);
      form.insertBefore(box, form.querySelector(".upload-status"));
    }
    return box;
  }

  function progress(form, percent) {
    var box = progressBar(form);
    box.setAttribute("aria-valuenow", percent);
    box.firstChild.style.width = percent + "%";
    box.firstChild.textContent = percent + "%";
  }

  function upload(form) {
    var input = form.querySelector("input[type=file]");
    var button = form.querySelector("button[type=submit]");
    var chosen = names(input);
    var code = form.dataset.code;
    var body = new FormData(form);
    var request = new XMLHttpRequest();
    mark(form, "sending", "Tệp " + chosen + " của tiêu chí " + code + " đang tải lên: hãy chờ tải xong rồi nộp.");
    input.disabled = button.disabled = true;
    progress(form, 0);
    say(form, "Đang tải lên " + chosen + "…", "muted");
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) { progress(form, Math.round(100 * event.loaded / event.total)); }
    });
    request.addEventListener("load", function () {
      var data = null;
      try { data = JSON.parse(request.responseText); } catch (e) { /* a page, not the JSON answer */ }
      if (!data && (request.status >= 500 || request.status === 0)) { failed(form, chosen, code); return; }
      done(form, input, button);
      if (!data) {
        say(form, "Máy chủ không nhận " + chosen + " (mã " + request.status + "). Hãy kiểm tra tệp rồi chọn lại.", "danger");
        return;
      }
      data.added.forEach(function (html) { form.insertAdjacentHTML("beforebegin", html); });
      if (data.refused.length) { say(form, data.refused.join(" "), "danger"); }
      else { say(form, "Đã tải lên " + chosen + ".", "success"); }
    });
    request.addEventListener("error", function () { failed(form, chosen, code); });
    request.open("POST", form.action);
    request.setRequestHeader("X-Requested-With", "fetch");
    request.send(body);
  }

  // The server answered: the files are kept or refused for good, so the input is emptied either way.
  function done(form, input, button) {
    mark(form, null);
    input.disabled = button.disabled = false;
    input.value = "";
    var box = form.querySelector(".progress");
    if (box) { box.remove(); }
  }

  // No answer (no connection): the files stay chosen and go again when the connection returns.
  function failed(form, chosen, code) {
    mark(form, "failed", "Tệp " + chosen + " của tiêu chí " + code + " chưa tải lên được (mất kết nối): " +
      "hãy chờ có mạng để tải lên xong rồi nộp.");
    form.querySelector("input[type=file]").disabled = form.querySelector("button[type=submit]").disabled = false;
    var box = form.querySelector(".progress");
    if (box) { box.remove(); }
    say(form, "Chưa tải lên được " + chosen + " (mất kết nối). Sẽ tự gửi lại khi có mạng, hoặc bấm “Tải lên”.", "danger");
  }

  document.querySelectorAll(".upload-form").forEach(function (form) {
    var input = form.querySelector("input[type=file]");
    input.addEventListener("change", function () {
      if (input.files.length) { upload(form); }
    });
    // "Tải lên" (to try again) goes the same way, without leaving the page.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (form.dataset.upload === "sending") { return; }
      if (input.files.length) { upload(form); } else { say(form, "Hãy chọn tệp minh chứng.", "danger"); }
    });
  });

  window.addEventListener("online", function () {
    document.querySelectorAll('.upload-form[data-upload="failed"]').forEach(upload);
  });
  // A chosen file lives only in this page (unlike typed text, it cannot be kept for the next visit).
  window.addEventListener("beforeunload", function (event) {
    if (document.querySelector(".upload-form[data-upload]")) { event.preventDefault(); event.returnValue = ""; }
  });
})();
