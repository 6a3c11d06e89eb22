// Enhancement only: the page works without it. "Kopiera bedömningen" copies the assessment's text.
(function () {
  document.querySelectorAll("button.copy").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var status = button.parentElement.querySelector(".copy-status");
      navigator.clipboard.writeText(source.value).then(function () {
        if (status) { status.textContent = button.getAttribute("data-done"); }
      });
    });
  });
  // After a check, move focus to the result (or the errors), so a screen reader hears it.
  var target = document.getElementById("fel") || document.getElementById("resultat");
  if (target && !window.location.hash) { target.focus(); }
})();
