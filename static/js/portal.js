// Small behaviours shared by every page. No framework, no network. The Content-Security-Policy forbids inline
// scripts and on* attributes: pages mark elements with data-* attributes and the behaviour lives here.
(function () {
  "use strict";

  // A second click on a submit button must not send the form twice: once a form is on its way, its
  // buttons are disabled (the server also refuses duplicates, this just spares people the error).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset.submitting === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = "1";
    // Disable after the submit has captured the clicked button's name/value.
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  });

  // Buttons that cannot be undone easily ask first: <button data-confirm="Câu hỏi?">.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Print views: <button data-print> opens the browser's print dialog (no inline script).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  // <select data-autosubmit> sends its form as soon as a value is chosen (the year of a sheet, say).
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]") && event.target.form) {
      event.target.form.requestSubmit ? event.target.form.requestSubmit() : event.target.form.submit();
    }
  });

  // <button data-history-back> goes back one page.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-history-back]")) {
      window.history.back();
    }
  });

  // The pages' own scripts (autosave) post through this: `body` is FormData, the answer {status, data} with the
  // JSON the view returned ({} when it was a page); it fails only when no answer came (no connection).
  window.portalPost = function (url, body) {
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {"X-CSRFToken": csrf ? csrf.value : "", "X-Requested-With": "fetch"}
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return {status: response.status, data: data};
      });
    });
  };

  // After a save refused as stale, the user chooses: save what they typed over it, or take what is saved.
  window.portalConflictChoices = function (keepMine, takeSaved, takeLabel) {
    var choices = document.createElement("div");
    choices.className = "d-flex flex-wrap gap-2 mt-1";
    [["Lưu nội dung của tôi", "btn-outline-danger", keepMine], [takeLabel, "btn-outline-secondary", takeSaved]]
      .forEach(function (choice) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm " + choice[1];
        button.textContent = choice[0];
        button.addEventListener("click", choice[2]);
        choices.appendChild(button);
      });
    return choices;
  };

  // Pages restored from the back/forward cache get their buttons back.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      delete form.dataset.submitting;
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (button) {
        button.disabled = false;
      });
    });
  });
})();
