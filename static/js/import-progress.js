// The progress of an import job while it runs: polls the job's progress URL and reloads when it ends.
(function () {
  "use strict";
  var box = document.getElementById("job-progress");
  var bar = document.getElementById("job-progress-bar");
  var count = document.getElementById("job-progress-count");
  if (!box || !bar) {
    return;
  }
  var nf = new Intl.NumberFormat("vi-VN");

  function show(percent) {
    bar.style.width = percent + "%";
    bar.textContent = percent + "%";
    bar.parentElement.setAttribute("aria-valuenow", percent);
  }

  function poll() {
    fetch(box.dataset.url, {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        show(data.percent);
        count.textContent = nf.format(data.processed) + "/" + nf.format(data.total);
        if (data.running) { setTimeout(poll, 1000); } else { window.location.reload(); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }

  show(bar.dataset.percent || 0);
  setTimeout(poll, 1000);
})();
