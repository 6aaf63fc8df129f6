/* reifegrad serve: save every change of the questionnaire at once.
   Each change is posted to /questionnaire/save with the version of the
   sheet the page holds; the server answers with the new version, or with
   409 when the sheet was changed elsewhere (another tab or device): then
   nothing more is saved and the page asks to be reloaded, so that no
   answer is overwritten unseen. One save is under way at a time; changes
   made meanwhile go with the next. Without this script the form still
   works: its button saves every answer at once. */
(function () {
  "use strict";
  document.documentElement.className += " js";
  var form = document.getElementById("questionnaire");
  if (!form) return;
  var submitForm = document.getElementById("submit");
  var status = document.getElementById("save-status");
  var progressBar = document.getElementById("progress");
  var progressText = document.getElementById("progress-text");
  var csrf = form.elements.csrf.value;
  var questions = {};
  var sets = form.querySelectorAll("fieldset.question");
  for (var i = 0; i < sets.length; i++) questions[sets[i].getAttribute("data-q")] = sets[i];
  var dirty = {};
  var busy = false, stopped = false, retries = 0, timer = null;

  function pending() {
    for (var k in dirty) if (Object.prototype.hasOwnProperty.call(dirty, k)) return true;
    return false;
  }

  function say(text, failed) {
    status.textContent = text;
    if (failed) status.classList.add("failed"); else status.classList.remove("failed");
  }

  function setVersion(v) {
    form.elements.version.value = v;
    if (submitForm) submitForm.elements.version.value = v;
  }

  function isAnswered(fs) {
    var inputs = fs.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) {
      var el = inputs[i];
      if (el.name === "q") continue;
      if ((el.type === "radio" || el.type === "checkbox") && el.checked && el.value !== "") return true;
      if (el.type === "text" && el.value.trim() !== "") return true;
    }
    return false;
  }

  function showProgress() {
    var n = 0, total = 0;
    for (var id in questions) {
      total++;
      if (isAnswered(questions[id])) n++;
    }
    if (progressBar) progressBar.value = n;
    if (progressText) {
      var parts = [n, total];
      progressText.textContent = progressText.getAttribute("data-format").replace(/%d/g, function () { return parts.shift(); });
    }
  }

  function clearError(fs) {
    fs.classList.remove("invalid");
    var p = fs.querySelector(".error");
    if (p) { p.hidden = true; p.textContent = ""; }
  }

  function showError(fs, msg) {
    fs.classList.add("invalid");
    var p = fs.querySelector(".error");
    if (p) { p.textContent = msg; p.hidden = false; }
  }

  // A missing code ("weiß nicht") beside a number or a multi-select
  // replaces the answer, and an answer replaces the code.
  function coordinate(fs, el) {
    var inputs = fs.querySelectorAll("input");
    var i;
    if (el.name.indexOf("m:") === 0 && el.value !== "") {
      for (i = 0; i < inputs.length; i++) {
        if (inputs[i].name.indexOf("a:") !== 0) continue;
        if (inputs[i].type === "text") inputs[i].value = "";
        if (inputs[i].type === "checkbox") inputs[i].checked = false;
      }
    } else if (el.name.indexOf("a:") === 0 && fs.getAttribute("data-kind") !== "map") {
      for (i = 0; i < inputs.length; i++) {
        if (inputs[i].name.indexOf("m:") === 0 && inputs[i].value === "") inputs[i].checked = true;
      }
    }
  }

  function changed(e) {
    var el = e.target;
    if (!el.name || el.name === "q") return;
    var fs = el.closest ? el.closest("fieldset.question") : null;
    if (!fs) return;
    coordinate(fs, el);
    if (e.type === "input") { showProgress(); return; }
    clearError(fs);
    dirty[fs.getAttribute("data-q")] = true;
    // Say at once that a change is not saved yet: "saved" must never
    // show while one waits.
    if (!stopped) say(status.getAttribute("data-saving"));
    showProgress();
    schedule(0);
  }

  function schedule(delay) {
    if (timer !== null || stopped) return;
    timer = setTimeout(function () { timer = null; flush(); }, delay);
  }

  function body(ids) {
    var b = new URLSearchParams();
    b.append("csrf", csrf);
    b.append("wave", form.elements.wave.value);
    b.append("version", form.elements.version.value);
    for (var i = 0; i < ids.length; i++) {
      var inputs = questions[ids[i]].querySelectorAll("input");
      for (var j = 0; j < inputs.length; j++) {
        var el = inputs[j];
        if ((el.type === "radio" || el.type === "checkbox") && !el.checked) continue;
        b.append(el.name, el.value);
      }
    }
    return b;
  }

  function stop(msg) {
    stopped = true;
    say(msg, true);
    var btn = document.createElement("button");
    btn.type = "button";
    btn.textContent = status.getAttribute("data-reload");
    btn.addEventListener("click", function () { window.location.reload(); });
    status.appendChild(document.createTextNode(" "));
    status.appendChild(btn);
  }

  function flush() {
    if (busy || stopped || !pending()) return;
    var ids = Object.keys(dirty);
    dirty = {};
    busy = true;
    say(status.getAttribute("data-saving"));
    fetch(form.action, {
      method: "POST", body: body(ids), credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": csrf }
    }).then(function (resp) {
      return resp.json().then(function (data) { return { code: resp.status, data: data }; });
    }).then(function (res) {
      busy = false;
      if (res.code === 200) {
        retries = 0;
        setVersion(res.data.version);
        if (!pending()) say(status.getAttribute("data-saved") + " (" + new Date().toLocaleTimeString() + ")");
        schedule(0);
        return;
      }
      if (res.code === 422 && res.data.question && questions[res.data.question]) {
        // Not saved: the answer stays on screen, marked, until corrected.
        showError(questions[res.data.question], res.data.error);
        say(res.data.error, true);
        for (var i = 0; i < ids.length; i++) if (ids[i] !== res.data.question) dirty[ids[i]] = true;
        schedule(0);
        return;
      }
      stop(res.data.error || status.getAttribute("data-failed"));
    }).catch(function () {
      busy = false;
      for (var i = 0; i < ids.length; i++) dirty[ids[i]] = true;
      retries++;
      say(status.getAttribute("data-failed"), true);
      schedule(Math.min(30000, 1000 * Math.pow(2, retries)));
    });
  }

  form.addEventListener("change", changed);
  form.addEventListener("input", changed);
  // Enter in a number field would post the whole form: save it instead.
  form.addEventListener("submit", function (e) { e.preventDefault(); flush(); });
  if (submitForm) {
    submitForm.addEventListener("submit", function (e) {
      if (!busy && !pending() && timer === null) return;
      e.preventDefault();
      if (stopped) return;
      var wait = setInterval(function () {
        if (stopped) { clearInterval(wait); return; }
        if (!busy && !pending() && timer === null) { clearInterval(wait); submitForm.submit(); }
      }, 100);
    });
  }
  window.addEventListener("beforeunload", function (e) {
    if (busy || pending()) { e.preventDefault(); e.returnValue = ""; }
  });
})();
