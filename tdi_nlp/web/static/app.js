// tdi-nlp local page: small enhancements only (the pages work without JavaScript).
document.addEventListener("DOMContentLoaded", function () {
  var copy = document.getElementById("copy-button");
  if (copy) {
    copy.addEventListener("click", function () {
      var area = document.getElementById(copy.dataset.copy);
      var status = document.getElementById("copy-status");
      var done = function () { status.textContent = "Copié dans le presse-papiers."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(done, function () {
          area.select(); document.execCommand("copy"); done();
        });
      } else {
        area.select(); document.execCommand("copy"); done();
      }
    });
  }
  var form = document.getElementById("question-form");
  if (form) {
    form.addEventListener("submit", function () {
      var wait = document.getElementById("wait");
      if (wait) { wait.hidden = false; }
    });
  }
});
