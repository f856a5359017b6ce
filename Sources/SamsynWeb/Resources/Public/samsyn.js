// Samsyn: small enhancements. Every page works without this file.

// A refused form: focus moves to its error summary, so a screen reader reads the errors and the
// keyboard starts there; each of the summary's links moves focus to its field (the first choice of a group)
// and opens a closed section that holds it.
(function () {
  "use strict";
  function field(target) {
    if (/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) return target;
    return target.querySelector("input:not([type=hidden]), select, textarea") || target;
  }
  function reveal(el) {
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) p.open = true;
    }
  }
  var summary = document.querySelector(".error-summary");
  if (summary) {
    reveal(summary);
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  document.querySelectorAll(".error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (e) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) return;
      e.preventDefault();
      var f = field(target);
      reveal(f);
      if (f === target && !f.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON|A)$/.test(f.tagName)) f.setAttribute("tabindex", "-1");
      f.focus();
      f.scrollIntoView({ block: "center" });
    });
  });
})();

// A link to a form behind a button (a `details` disclosure, "#obstacles-disclosure") opens it, so a next step
// lands on the form it names; without this file the button is there to press.
(function () {
  "use strict";
  function openTarget() {
    if (!location.hash) return;
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) p.open = true;
    }
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
})();

// On an instrument form: shows and hides questions as answers change (branching), saves the draft
// as the person types (nothing is lost if the tab closes), and reports activity so time is counted.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var status = document.getElementById("autosave-status");
  var versionField = form.querySelector("input[name=version]");
  var shownField = form.querySelector("input[name=shown]");
  var DECLINED = "__declined";
  // Not form.action: the buttons are named "action" and would shadow it.
  var target = form.getAttribute("action");

  function values(qid) {
    var out = [];
    form.querySelectorAll("[name='q." + qid + "']").forEach(function (el) {
      if (el.disabled) return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.value.trim() !== "") out.push(el.value.trim());
    });
    return out;
  }

  function holds(c) {
    var v = values(c.question);
    if (v.length === 0 || v.indexOf(DECLINED) >= 0) return false;
    var first = v[0];
    var num = parseFloat(first.replace(",", "."));
    switch (c.operator) {
      case "answered": return true;
      case "equals":
        if (typeof c.value === "boolean") return first === (c.value ? "yes" : "no");
        if (typeof c.value === "number") return num === c.value;
        return first === c.value;
      case "not_equals":
        if (typeof c.value === "boolean") return first !== (c.value ? "yes" : "no");
        if (typeof c.value === "number") return !isNaN(num) && num !== c.value;
        return first !== c.value;
      case "includes": return v.indexOf(c.value) >= 0;
      case "greater_than": return !isNaN(num) && num > c.value;
      case "less_than": return !isNaN(num) && num < c.value;
    }
    return false;
  }

  // Questions that depend on questions outside this form keep the server's decision.
  var onForm = {};
  form.querySelectorAll("[data-question]").forEach(function (w) { onForm[w.getAttribute("data-question")] = true; });

  function applyBranching() {
    var shown = [];
    form.querySelectorAll("[data-question]").forEach(function (wrap) {
      var raw = wrap.getAttribute("data-enable-when");
      if (raw) {
        var conditions = JSON.parse(raw);
        if (conditions.every(function (c) { return onForm[c.question]; })) {
          var results = conditions.map(holds);
          var on = wrap.getAttribute("data-enable-behavior") === "any"
            ? results.indexOf(true) >= 0 : results.every(function (r) { return r; });
          wrap.hidden = !on;
          wrap.querySelectorAll("input, textarea, select").forEach(function (el) { el.disabled = !on; });
        }
      }
      if (!wrap.hidden) shown.push(wrap.getAttribute("data-question"));
    });
    if (shownField) shownField.value = shown.join(",");
  }

  var timer = null;
  var saving = false;
  var pending = false;
  // A button pressed while an autosave is on its way: the form is sent once the save has answered, with the
  // version it returned (sent at once, both would carry the same version and the second would be refused).
  var held = null;
  function say(text) { if (status) status.textContent = text; }

  function save() {
    if (saving) { pending = true; return; }
    saving = true;
    var body = new URLSearchParams(new FormData(form));
    body.set("action", "autosave");
    fetch(target, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) {
        if (r.redirected && r.url.indexOf("/login") >= 0) {
          say("Inte sparat: du har loggats ut. Kopiera det du skrivit, logga in igen i en ny flik och fyll i det där.");
          return;
        }
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (r.ok && data.version) {
            versionField.value = data.version;
            var t = new Date();
            say("Utkastet sparades " + ("0" + t.getHours()).slice(-2) + ":" + ("0" + t.getMinutes()).slice(-2) + ".");
          } else if (data.error && data.error.message) {
            say("Inte sparat: " + data.error.message);
          } else {
            say("Inte sparat. Använd knappen Spara utkast.");
          }
        });
      })
      .catch(function () { say("Inte sparat – ingen kontakt med servern. Använd knappen Spara utkast."); })
      .then(function () {
        saving = false;
        if (held) {
          var button = held;
          held = null;
          if (button === true) form.requestSubmit(); else form.requestSubmit(button);
          return;
        }
        if (pending) { pending = false; save(); }
      });
  }

  function changed() {
    applyBranching();
    clearTimeout(timer);
    timer = setTimeout(save, 800);
  }

  form.addEventListener("submit", function (e) {
    clearTimeout(timer);
    pending = false;
    if (saving) {
      e.preventDefault();
      held = e.submitter || true;
    }
  });

  form.addEventListener("change", changed);
  form.addEventListener("input", function (e) {
    if (e.target.tagName === "TEXTAREA" || e.target.type === "text") { clearTimeout(timer); timer = setTimeout(save, 1500); }
    active = true;
  });

  // Activity: a heartbeat at most once a minute while someone works on the form.
  var active = false;
  form.addEventListener("keydown", function () { active = true; });
  form.addEventListener("click", function () { active = true; });
  setInterval(function () {
    if (!active) return;
    active = false;
    var body = new URLSearchParams();
    body.set("_csrf", form.querySelector("input[name=_csrf]").value);
    fetch(target + "/heartbeat", { method: "POST", body: body, credentials: "same-origin" });
  }, 60000);

  applyBranching();
})();

// The print button of a printable page ("Skriv ut"): hidden without this file, the browser's own print still works.
(function () {
  "use strict";
  document.querySelectorAll("button[data-print]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
})();
