// praxis answers script: saves the answers a reader types in this browser
// only (localStorage, never the network), restores them on every visit,
// mirrors them into the print-only markup, and lets the reader download or
// clear them. The page is complete without it: it only adds behaviour.
//
// Keys are "praxis:{workbook}:{key}", where key is a field's data-answer
// value. Values are the text typed, "true"/"false" for checkboxes and the
// chosen value for radio buttons (scales).
(function () {
  "use strict";

  var root = document.documentElement;
  var index = window.praxisWorkbook || {};
  var workbook = root.getAttribute("data-workbook") || index.workbook || "workbook";
  var prefix = "praxis:" + workbook + ":";
  var warned = false;

  // ---- Storage: every access may throw (quota, storage disabled). ----

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function load(key) {
    try { return storage().getItem(prefix + key); } catch (e) { warn(); return null; }
  }

  function save(key, value) {
    try { storage().setItem(prefix + key, value); } catch (e) { warn(); }
  }

  // savedKeys returns every saved key of this workbook, without the prefix.
  function savedKeys() {
    var keys = [];
    try {
      var s = storage();
      for (var i = 0; i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf(prefix) === 0) keys.push(k.slice(prefix.length));
      }
    } catch (e) { warn(); }
    return keys.sort();
  }

  // warn shows, once per page, a small notice that answers cannot be saved.
  function warn() {
    if (warned) return;
    warned = true;
    var box = el("div", "answers-notice", "Your answers cannot be saved in this browser (storage is full or turned off). Download or print them before you leave this page.");
    box.setAttribute("role", "status");
    var close = el("button", "", "Dismiss");
    close.type = "button";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // ---- Fields ----

  function fields() { return document.querySelectorAll("[data-answer]"); }

  // valueOf returns what is saved for a field, or null for an unchosen radio.
  function valueOf(f) {
    if (f.type === "checkbox") return f.checked ? "true" : "false";
    if (f.type === "radio") return f.checked ? f.value : null;
    return f.value;
  }

  function restore(f, v) {
    if (f.type === "checkbox") f.checked = v === "true";
    else if (f.type === "radio") f.checked = f.value === v;
    else f.value = v;
    sync(f);
  }

  // sync updates what depends on a field's value: the typed copy shown on
  // paper, the .has-answer switch, the filled marker and the textarea height.
  function sync(f) {
    if (f.type === "checkbox" || f.type === "radio") return;
    f.classList.toggle("filled", f.value !== "");
    if (f.tagName !== "TEXTAREA") return typedCell(f);
    var answer = f.closest(".answer");
    var typed = answer && answer.querySelector(".typed-answer");
    if (typed) typed.textContent = f.value;
    if (answer) answer.classList.toggle("has-answer", f.value.trim() !== "");
    grow(f);
  }

  // typedCell copies an action-plan input's value onto its table cell, where
  // print.css shows it wrapped: an input would cut long text off on paper.
  function typedCell(f) {
    var cell = f.parentElement;
    if (!cell || cell.tagName !== "TD") return;
    var v = f.value;
    if (v && f.type === "date" && f.valueAsDate) v = f.valueAsDate.toLocaleDateString(undefined, { timeZone: "UTC" });
    if (v) cell.setAttribute("data-typed", v);
    else cell.removeAttribute("data-typed");
  }

  // grow fits a textarea to its text; its rows stay the minimum height.
  function grow(ta) {
    if (CSS.supports && CSS.supports("field-sizing", "content")) return;
    ta.style.height = "auto";
    if (ta.scrollHeight > ta.clientHeight) ta.style.height = ta.scrollHeight + ta.offsetHeight - ta.clientHeight + "px";
  }

  function onEdit(e) {
    var f = e.target;
    if (!f.matches || !f.matches("[data-answer]")) return;
    var v = valueOf(f);
    if (v !== null) save(f.getAttribute("data-answer"), v);
    sync(f);
  }

  // ---- Copy-link buttons ----

  function copyLink(btn) {
    var url = location.href.split("#")[0] + "#" + btn.getAttribute("data-copy");
    var label = btn.getAttribute("data-label") || btn.textContent;
    btn.setAttribute("data-label", label); // a second click must not keep "Copied"
    var done = function () {
      btn.textContent = "Copied";
      btn.classList.add("copied");
      setTimeout(function () { btn.textContent = label; btn.classList.remove("copied"); }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(done, function () { fallbackCopy(url) && done(); });
    } else if (fallbackCopy(url)) {
      done();
    }
  }

  // fallbackCopy copies text through a temporary, selected input.
  function fallbackCopy(text) {
    var input = el("input");
    input.value = text;
    input.setAttribute("readonly", "");
    input.style.position = "fixed";
    input.style.opacity = "0";
    document.body.appendChild(input);
    input.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    input.remove();
    return ok;
  }

  // ---- Download as Markdown ----

  // answerText returns the Markdown for prompt p's saved answer, or "".
  function answerText(p, saved) {
    if (p.kind === "actions") return actionsTable(p, saved);
    var v = saved[p.id];
    if (v === undefined || v === "") return "";
    if (p.kind === "scale") {
      var sec = document.querySelector('[data-prompt="' + cssEscape(p.id) + '"]');
      var max = p.max || (sec && sec.getAttribute("data-max"));
      return max ? v + " of " + max : v;
    }
    return v;
  }

  // actionsTable returns the rows of an action plan that have any text, as a
  // Markdown table under the plan's columns.
  function actionsTable(p, saved) {
    var rows = [], cols = (p.columns || []).length, re = new RegExp("^" + escRe(p.id) + "/r(\\d+)c(\\d+)$");
    Object.keys(saved).forEach(function (k) {
      var m = re.exec(k);
      if (!m || saved[k] === "") return;
      var r = +m[1], c = +m[2];
      cols = Math.max(cols, c);
      (rows[r] = rows[r] || [])[c - 1] = saved[k];
    });
    rows = rows.filter(Boolean);
    if (!rows.length) return "";
    var head = [];
    for (var c = 0; c < cols; c++) head.push((p.columns && p.columns[c]) || "Column " + (c + 1));
    var lines = [cells(head), cells(head.map(function () { return "---"; }))];
    rows.forEach(function (r) { lines.push(cells(head.map(function (_, i) { return r[i] || ""; }))); });
    return lines.join("\n");
  }

  function cells(list) {
    return "| " + list.map(function (s) { return String(s).replace(/\|/g, "\\|").replace(/\n/g, " "); }).join(" | ") + " |";
  }

  // otherFields returns checklists, commitments and session fields: saved
  // keys that belong to no prompt, grouped by what comes before the last "/".
  function otherFields(saved, prompts) {
    var owned = {};
    prompts.forEach(function (p) { owned[p.id] = true; });
    var out = [], group = null;
    Object.keys(saved).sort().forEach(function (k) {
      var cut = k.lastIndexOf("/");
      var g = cut < 0 ? k : k.slice(0, cut), name = k.slice(cut + 1);
      if (owned[k] || owned[g] || saved[k] === "" || saved[k] === "false") return;
      if (g !== group) { out.push("", "### " + groupTitle(g), ""); group = g; }
      out.push(saved[k] === "true" ? "- [x] " + (labelOf(k) || name) : "- " + (labelOf(k) || name) + ": " + saved[k]);
    });
    return out.length ? "\n## Checklists, commitments and session notes\n" + out.join("\n") + "\n" : "";
  }

  // groupTitle turns a field group ("good-step" or "session:4-sessions/first/")
  // into a heading ("Good step", "Session sheet 4-sessions/first").
  function groupTitle(g) {
    if (g.indexOf("session:") === 0) return "Session sheet " + g.slice(8).replace(/\/+$/, "");
    var words = g.replace(/[-_]+/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  // labelOf returns the visible text next to a field on this page, if any.
  function labelOf(key) {
    var f = document.querySelector('[data-answer="' + cssEscape(key) + '"]');
    if (!f) return "";
    var host = f.closest("li, label") || f.parentElement;
    var text = (f.getAttribute("aria-label") || (host && host.textContent) || "").trim();
    return text.replace(/\s+/g, " ");
  }

  function markdown() {
    var saved = {};
    savedKeys().forEach(function (k) { saved[k] = load(k); });
    var prompts = index.prompts || [];
    var out = ["# " + (index.title || document.title), ""];
    prompts.forEach(function (p) {
      out.push("## " + p.number + " " + p.text, "", "_" + p.title + "_", "");
      out.push(answerText(p, saved) || "_(no answer yet)_", "");
    });
    return out.join("\n") + otherFields(saved, prompts);
  }

  function download() {
    var blob = new Blob([markdown()], { type: "text/markdown;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = workbook + "-answers.md";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  function clearAll() {
    if (!window.confirm("Remove every answer you saved for this workbook in this browser? This cannot be undone.")) return;
    savedKeys().forEach(function (k) {
      try { storage().removeItem(prefix + k); } catch (e) { warn(); }
    });
    fields().forEach(function (f) {
      if (f.type === "checkbox" || f.type === "radio") f.checked = f.defaultChecked;
      else f.value = "";
      sync(f);
    });
  }

  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, "\\$&"); }
  function escRe(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // toolbar adds the download and clear buttons where the reader finishes
  // the page: before the pager, or at the top of the print book.
  function toolbar() {
    var bar = el("div", "answers-toolbar");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Your answers");
    bar.appendChild(el("p", "", "Your answers are saved in this browser only."));
    var dl = el("button", "download-answers", "Download my answers");
    var clear = el("button", "secondary clear-answers", "Clear my answers");
    dl.type = clear.type = "button";
    dl.addEventListener("click", download);
    clear.addEventListener("click", clearAll);
    bar.appendChild(dl);
    bar.appendChild(clear);
    var pager = document.querySelector("main .pager");
    var note = document.querySelector(".print-screen-note");
    var main = document.querySelector("main");
    if (pager) pager.parentNode.insertBefore(bar, pager);
    else if (note) note.parentNode.insertBefore(bar, note.nextSibling);
    else if (main) main.appendChild(bar);
  }

  function start() {
    var all = fields();
    all.forEach(function (f) {
      var v = load(f.getAttribute("data-answer"));
      if (v !== null) restore(f, v);
      else sync(f);
    });
    document.addEventListener("input", onEdit);
    document.addEventListener("change", onEdit);
    document.querySelectorAll("button.copy-link[data-copy]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { copyLink(b); });
    });
    if (all.length || (index.prompts && index.prompts.length)) toolbar();
    // The contents menu is open in the markup, so it works without
    // JavaScript; on a phone, start with it folded away.
    var menu = document.querySelector("details.sidebar-toggle");
    if (menu && window.matchMedia("(max-width: 59.99em)").matches) menu.open = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
