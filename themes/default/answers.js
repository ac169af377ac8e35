// praxis answers script: saves the answers a reader types in this browser
// only (localStorage, never the network), restores them on every visit,
// mirrors them into the print-only markup, and lets the reader download or
// clear them. The page is complete without it: it only adds behaviour.
//
// Keys are "praxis:{workbook}:{key}", where key is a field's data-answer
// value. Values are the text typed, "true"/"false" for checkboxes, the
// chosen value for radio buttons (scales) and selects (a review's status).
//
// Reviews look back at an action plan: the script gives them one row per
// step typed into that plan. window.praxisAnswers shares storage and these
// helpers with loop.js.
//
// Two scripts of the build list the workbook's prompts. prompts.js, which
// every page loads before this one, is small: window.praxisWorkbook =
// {workbook, title, edition, chapters: {"1": "id id plan/ …"}, plans: {id:
// {number, title, page, columns}}}, the ids of each chapter's prompts ("/"
// after action plans and reviews, whose answers are saved under "id/…")
// and the action plans. prompt-index.js sets window.praxisPromptIndex =
// {workbook, edition, prompts: [{id, number, kind, text, page, title,
// chapter, columns, of, min, max}, …]}, every prompt in reading order; it is
// big, so loadDetails (window.praxisAnswers.details) adds it to the page
// only when it is needed.
(function () {
  "use strict";

  var root = document.documentElement;
  var index = window.praxisWorkbook || {};
  var workbook = root.getAttribute("data-workbook") || index.workbook || "workbook";
  var prefix = "praxis:" + workbook + ":";
  var prompts = promptList(index.chapters || {});
  var plans = index.plans || {};
  var warned = false;

  // promptList returns the prompts of prompts.js as [{id, chapter, group}],
  // group true for an action plan or a review.
  function promptList(chapters) {
    var list = [];
    Object.keys(chapters).forEach(function (c) {
      String(chapters[c]).split(" ").forEach(function (id) {
        var group = id.slice(-1) === "/";
        if (id) list.push({ id: group ? id.slice(0, -1) : id, chapter: c, group: group });
      });
    });
    return list;
  }

  // ---- Every prompt's details, loaded when needed ----

  var details = null; // window.praxisPromptIndex, once loaded
  var waiting = null; // callbacks until it is

  // loadDetails calls done with the contents of prompt-index.js, loading
  // the file the first time, or with null when it cannot be loaded. It adds
  // a script to the page: pages opened from file:// may not fetch files.
  function loadDetails(done) {
    if (details) return done(details);
    if (waiting) return void waiting.push(done);
    waiting = [done];
    var s = document.createElement("script");
    s.src = (root.getAttribute("data-root") || "") + "prompt-index.js";
    s.onload = s.onerror = function () {
      var d = window.praxisPromptIndex, calls = waiting;
      details = d && Array.isArray(d.prompts) ? d : null;
      waiting = null;
      if (!details) s.remove(); // the next call tries again
      calls.forEach(function (f) { f(details); });
    };
    document.head.appendChild(s);
  }

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

  function remove(key) {
    try { storage().removeItem(prefix + key); } catch (e) { warn(); }
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

  // allSaved returns every saved answer of this workbook: {key: value}.
  function allSaved() {
    var saved = {};
    savedKeys().forEach(function (k) {
      var v = load(k);
      if (v !== null) saved[k] = v;
    });
    return saved;
  }

  // warn shows, once per page, a small notice that answers cannot be saved.
  function warn() {
    if (warned) return;
    warned = true;
    notice("Your answers cannot be saved in this browser (storage is full or turned off). Download or print them before you leave this page.");
  }

  // notice shows a small message on the page until the reader dismisses it.
  function notice(text) {
    var box = el("div", "answers-notice", text);
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

  // reset empties a field, or gives it the value it had in the page.
  function reset(f) {
    if (f.type === "checkbox" || f.type === "radio") f.checked = f.defaultChecked;
    else if (f.tagName === "SELECT") f.selectedIndex = 0;
    else f.value = "";
    sync(f);
  }

  // sync updates what depends on a field's value: the typed copy shown on
  // paper, the .has-answer switch, the filled marker and the textarea height.
  function sync(f) {
    if (f.type === "checkbox" || f.type === "radio") return;
    f.classList.toggle("filled", f.value !== "");
    var answer = f.tagName === "TEXTAREA" && f.closest(".answer");
    if (!answer) {
      if (f.tagName === "TEXTAREA") grow(f); // a plan's or a review's cell
      return typedCell(f);
    }
    var typed = answer.querySelector(".typed-answer");
    if (typed) typed.textContent = f.value;
    answer.classList.toggle("has-answer", f.value.trim() !== "");
    grow(f);
  }

  // typedCell copies the value of a field in a table (an action plan's
  // input, a review's text area or status) onto its cell, where print.css
  // shows it wrapped: a field would cut long text off on paper. A status
  // nobody chose prints as the choices to circle.
  function typedCell(f) {
    var cell = f.parentElement;
    if (!cell || cell.tagName !== "TD") return;
    var v = f.value;
    if (f.tagName === "SELECT" && load(f.getAttribute("data-answer")) === null) v = "";
    if (v && f.type === "date") v = formatDate(v);
    if (v) cell.setAttribute("data-typed", v);
    else cell.removeAttribute("data-typed");
  }

  // formatDate shows a yyyy-mm-dd date in the reader's language, or returns
  // other text as it is.
  function formatDate(v) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m) return v;
    return new Date(Date.UTC(+m[1], m[2] - 1, +m[3])).toLocaleDateString(undefined, { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
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
    if (p.kind === "review") return reviewTable(p, saved);
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
    var steps = planSteps(p.id, saved);
    if (!steps.length) return "";
    var n = (p.columns || []).length;
    steps.forEach(function (s) { n = Math.max(n, s.cells.length); });
    var head = columnNames(p.columns, n);
    return table(head, steps.map(function (s) { return head.map(function (_, i) { return s.cells[i] || ""; }); }));
  }

  // reviewTable returns the reviewed steps as a Markdown table: the step as
  // planned, one column per field, and the status.
  function reviewTable(p, saved) {
    var rows = {}, n = (p.columns || []).length, re = new RegExp("^" + escRe(p.id) + "/r(\\d+)/(?:c(\\d+)|(status))$");
    Object.keys(saved).forEach(function (k) {
      var m = re.exec(k);
      if (!m || saved[k] === "") return;
      var r = rows[m[1]] = rows[m[1]] || { cells: [] };
      if (m[3]) r.status = saved[k];
      else r.cells[m[2] - 1] = saved[k];
      n = Math.max(n, r.cells.length);
    });
    var nums = Object.keys(rows).map(Number).sort(function (a, b) { return a - b; });
    if (!nums.length) return "";
    var what = {};
    planSteps(p.of || "", saved).forEach(function (s) { what[s.row] = s.cells[0]; });
    var fields = columnNames(p.columns, n);
    return table(["Step"].concat(fields, ["Status"]), nums.map(function (r) {
      var step = what[r] ? r + ". " + what[r] : "Step " + r;
      return [step].concat(fields.map(function (_, i) { return rows[r].cells[i] || ""; }), [rows[r].status || "planned"]);
    }));
  }

  // planSteps returns the rows of action plan id that have any text, in row
  // order, as {row: 2, cells: ["Call Sam", "2026-12-01", …]}.
  function planSteps(id, saved) {
    saved = saved || allSaved();
    var rows = {}, re = new RegExp("^" + escRe(id) + "/r(\\d+)c(\\d+)$");
    Object.keys(saved).forEach(function (k) {
      var m = re.exec(k);
      if (!m || String(saved[k]).trim() === "") return;
      (rows[m[1]] = rows[m[1]] || [])[m[2] - 1] = saved[k];
    });
    return Object.keys(rows).map(Number).sort(function (a, b) { return a - b; })
      .map(function (r) { return { row: r, cells: rows[r] }; });
  }

  function columnNames(names, n) {
    var out = [];
    for (var c = 0; c < n; c++) out.push((names && names[c]) || "Column " + (c + 1));
    return out;
  }

  function table(head, rows) {
    var lines = [cells(head), cells(head.map(function () { return "---"; }))];
    rows.forEach(function (r) { lines.push(cells(r)); });
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
      if (owned[k.split("/")[0]] || saved[k] === "" || saved[k] === "false") return;
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

  // markdown returns every prompt of list, prompt-index.js's, with its
  // answer, then the saved fields that belong to no prompt.
  function markdown(list) {
    var saved = allSaved();
    var out = ["# " + (index.title || document.title), ""];
    list.forEach(function (p) {
      out.push("## " + p.number + " " + p.text, "", "_" + p.title + "_", "");
      out.push(answerText(p, saved) || "_(no answer yet)_", "");
    });
    return out.join("\n") + otherFields(saved, list);
  }

  // downloadFile offers text as a file to save, made in the browser.
  function downloadFile(name, type, text) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  function download() {
    loadDetails(function (d) {
      if (!d) return notice("The list of this workbook's questions (prompt-index.js) could not be loaded, so your answers cannot be downloaded now. They are still saved in this browser.");
      downloadFile(workbook + "-answers.md", "text/markdown;charset=utf-8", markdown(d.prompts));
    });
  }

  function clearAll() {
    if (!window.confirm("Remove every answer you saved for this workbook in this browser? This cannot be undone.")) return;
    savedKeys().forEach(remove);
    refresh();
  }

  // refresh shows what storage holds in every field of the page, after
  // answers were cleared or loaded from a file.
  function refresh() {
    fillReviews();
    fields().forEach(function (f) {
      var v = load(f.getAttribute("data-answer"));
      if (v !== null) restore(f, v);
      else reset(f);
    });
  }

  // ---- Reviews: one row per step typed into the plan they look back at ----

  // fillReviews gives every review of the page one row per step typed into
  // its plan, numbered as the plan's rows, so a review's answers stay with
  // their step. With nothing typed, the page's empty rows stay, to write in
  // on paper.
  function fillReviews() {
    document.querySelectorAll(".block.review[data-of]").forEach(fillReview);
  }

  function fillReview(sec) {
    var body = sec.querySelector(".review-table tbody");
    if (!body || !body.rows.length && !sec.praxisRows) return;
    if (!sec.praxisRows) sec.praxisRows = Array.prototype.map.call(body.rows, function (tr) { return tr.cloneNode(true); });
    var of = sec.getAttribute("data-of"), when = +sec.getAttribute("data-plan-when") || 0;
    var steps = planSteps(of);
    reviewNote(sec, of, steps.length);
    body.textContent = "";
    if (!steps.length) {
      sec.praxisRows.forEach(function (tr) { body.appendChild(tr.cloneNode(true)); });
      return;
    }
    steps.forEach(function (s) { body.appendChild(stepRow(sec, s, when)); });
  }

  // stepRow makes the row of a review for one planned step: the page's
  // first row, renumbered, with the step's words and date.
  function stepRow(sec, step, when) {
    var tr = sec.praxisRows[0].cloneNode(true), n = step.row, id = sec.id;
    tr.setAttribute("data-row", n);
    tr.querySelectorAll("[data-answer]").forEach(function (f) {
      var key = f.getAttribute("data-answer");
      f.setAttribute("data-answer", id + "/r" + n + key.slice(key.indexOf("/", id.length + 1)));
      f.setAttribute("aria-label", f.getAttribute("aria-label").replace(/, step \d+$/, ", step " + n));
    });
    var th = tr.querySelector(".review-step");
    th.textContent = "";
    th.appendChild(el("span", "review-n", String(n)));
    th.appendChild(el("span", "review-what", step.cells[0] || "(a step without words)"));
    var date = when && step.cells[when - 1];
    if (date) {
      var t = el("time", "review-when", "by " + formatDate(date));
      t.setAttribute("datetime", date);
      th.appendChild(t);
    }
    return tr;
  }

  // reviewNote says above a review where its steps come from, with a link.
  function reviewNote(sec, of, count) {
    var list = sec.querySelector(".review-list");
    var note = list.querySelector(".review-note") || list.insertBefore(el("p", "review-note"), list.firstChild);
    var plan = promptByID(of);
    var link = el("a", "", plan ? plan.number + " (" + plan.title + ")" : of);
    link.href = plan ? (root.getAttribute("data-root") || "") + plan.page + "#" + of : "#" + of;
    note.textContent = "";
    if (count) {
      note.append("The steps you planned in ", link, ", one row each:");
    } else {
      note.append("Nothing is typed into ", link, " yet. The steps you plan there appear here, one row each; until then the rows below are blank.");
    }
  }

  // promptByID returns what is known of prompt id: an action plan's
  // number, title, page and columns from prompts.js, any prompt's details
  // once they are loaded, or null.
  function promptByID(id) {
    if (Object.prototype.hasOwnProperty.call(plans, id)) return plans[id];
    var list = details ? details.prompts : [];
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
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
    fillReviews();
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
    if (all.length || prompts.length) toolbar();
  }

  window.praxisAnswers = {
    workbook: workbook, index: index, prompts: prompts, details: loadDetails,
    load: load, save: save, saved: allSaved, refresh: refresh, prompt: promptByID,
    planSteps: planSteps, formatDate: formatDate, downloadFile: downloadFile, el: el
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
