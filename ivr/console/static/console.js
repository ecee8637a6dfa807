// New calls appear at the top of the first page without a reload: every few seconds, ask for
// the rows newer than the newest shown, with the page's filters, and announce how many came.
(function () {
  "use strict";
  var body = document.getElementById("call-rows");
  if (!body || !body.dataset.poll) return;
  var live = document.getElementById("live");
  var every = 5000;

  function poll() {
    if (document.hidden) return schedule();
    var url = body.dataset.poll + (body.dataset.poll.indexOf("?") < 0 ? "?" : "&") +
      "after=" + encodeURIComponent(body.dataset.newest);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (found) {
        if (found && found.newest) {
          body.insertAdjacentHTML("afterbegin", found.html);
          body.dataset.newest = found.newest;
          var count = (found.html.match(/<tr/g) || []).length;
          live.textContent = count + (count === 1 ? " new call" : " new calls") + " at the top.";
        }
      })
      .catch(function () { /* offline for a moment: try again at the next tick */ })
      .then(schedule);
  }

  function schedule() { window.setTimeout(poll, every); }
  schedule();
})();
