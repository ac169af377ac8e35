// praxis learning-loop script: how far the reader got (per chapter in the
// sidebar, overall on the start page), every answer saved to one file and
// loaded back (to carry answers between devices), and the "My action steps"
// page with its Markdown and calendar (.ics) exports.
//
// Like answers.js, which runs first and shares its storage helpers as
// window.praxisAnswers, it makes no request: files are made and read in the
// browser. The page is complete without it.
(function () {
  "use strict";

  var A = window.praxisAnswers;
  if (!A) return;
  var prompts = A.prompts || []; // {id, chapter, group} of prompts.js
  var title = A.index.title || document.title;
  var FORMAT = "praxis-answers", VERSION = 1;
  var STATUSES = ["planned", "tried", "done", "dropped"];
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  var el = A.el;
  var t = A.t; // the interface words (see answers.js)
  var lang = document.documentElement.lang || undefined;

  // ---- Progress ----

  // answered reports whether prompt p has an answer in saved: text, a
  // rating, or anything typed into a plan's or review's fields.
  function answered(p, saved) {
    if (!p.group) return (saved[p.id] || "").trim() !== "";
    var pre = p.id + "/";
    return Object.keys(saved).some(function (k) { return k.indexOf(pre) === 0 && saved[k].trim() !== ""; });
  }

  // progress counts the answered prompts per chapter and shows the counts
  // beside the chapters of the sidebar and, on the start page, in total.
  function progress() {
    var saved = A.saved(), chapters = {}, done = 0;
    prompts.forEach(function (p) {
      var c = chapters[p.chapter] = chapters[p.chapter] || { total: 0, done: 0 };
      c.total++;
      if (answered(p, saved)) { c.done++; done++; }
    });
    document.querySelectorAll(".sidebar .toc-chapter > a").forEach(function (a) {
      var num = a.querySelector(".num");
      var c = num && chapters[num.textContent.trim()];
      if (c) badge(a, c);
    });
    if (document.body.classList.contains("home") && prompts.length) overall(done, prompts.length);
  }

  function badge(a, c) {
    var b = a.querySelector(".toc-progress");
    if (!b) {
      b = a.appendChild(el("span", "toc-progress"));
      b.appendChild(el("span")).setAttribute("aria-hidden", "true");
      b.appendChild(el("span", "visually-hidden"));
    }
    b.firstChild.textContent = c.done + "/" + c.total;
    b.lastChild.textContent = ", " + t("js.chapter_progress", { done: c.done, total: c.total, n: c.total });
    b.classList.toggle("complete", c.done === c.total);
  }

  function overall(done, total) {
    var box = document.querySelector(".progress-overall");
    if (!box) {
      box = el("div", "progress-overall");
      var bar = box.appendChild(document.createElement("progress"));
      bar.setAttribute("aria-label", t("js.progress_label"));
      box.appendChild(el("p"));
      var header = document.querySelector("main .page-header");
      if (header) header.after(box);
      else document.querySelector("main").prepend(box);
    }
    box.firstChild.max = total;
    box.firstChild.value = done;
    box.lastChild.textContent = done ? t("js.progress_some", { done: done, total: total, n: total }) : t("js.progress_none", { n: total });
  }

  // ---- Save all answers to a file, load them back ----

  function toolbarButtons() {
    var bar = document.querySelector(".answers-toolbar");
    if (!bar) return;
    var input = el("input", "load-answers-file");
    input.type = "file";
    input.accept = ".json,application/json";
    input.hidden = true;
    input.addEventListener("change", function () {
      var file = input.files[0];
      input.value = ""; // choosing the same file again must work too
      if (file) file.text().then(offer, function () { say(t("js.read_failed") + " " + t("js.nothing_changed"), true); });
    });
    var msg = el("p", "load-message");
    msg.hidden = true;
    bar.append(button("save-all-answers", t("js.save_all"), saveAll),
      button("secondary load-answers", t("js.load"), function () { input.click(); }), input, msg);
  }

  function button(cls, text, onClick) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // say shows a message under the toolbar's buttons.
  function say(text, isError) {
    var msg = document.querySelector(".load-message");
    if (!msg) return;
    msg.textContent = text;
    msg.hidden = false;
    msg.classList.toggle("error", !!isError);
    msg.setAttribute("role", isError ? "alert" : "status");
  }

  function saveAll() {
    var file = { format: FORMAT, version: VERSION, workbook: A.workbook, title: title,
      saved: new Date().toISOString(), answers: A.saved() };
    A.downloadFile(t("js.file_answers", { workbook: A.workbook }) + ".json", "application/json", JSON.stringify(file, null, 2) + "\n");
    A.setMeta("saved", Date.now());
    var box = document.querySelector(".save-reminder");
    if (box) box.remove();
  }

  // check reads the text of an answers file: {data} when it is one for this
  // workbook, else {error} saying why not.
  function check(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) {
      return { error: t("js.bad_json") };
    }
    if (!data || typeof data !== "object" || data.format !== FORMAT) {
      return { error: t("js.not_answers") };
    }
    if (typeof data.version !== "number" || data.version % 1 !== 0 || data.version < 1) {
      return { error: t("js.bad_version") };
    }
    if (data.version > VERSION) {
      return { error: t("js.newer", { format: data.version, reads: VERSION }) };
    }
    if (data.workbook !== A.workbook && !(A.formerly && data.workbook === A.formerly)) {
      var other = typeof data.title === "string" && data.title ? "“" + data.title + "”" : "“" + data.workbook + "”";
      return { error: t("js.other_workbook", { other: other, title: title }) };
    }
    var answers = data.answers;
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
      return { error: t("js.no_list") };
    }
    for (var k in answers) {
      if (Object.prototype.hasOwnProperty.call(answers, k) && (typeof answers[k] !== "string" || !k)) {
        return { error: t("js.not_text", { key: k }) };
      }
    }
    return { data: data };
  }

  // compare sorts the answers of a file by what loading them would do.
  function compare(answers) {
    var d = { added: [], changed: [], same: [], orphans: [] };
    Object.keys(answers).forEach(function (k) {
      var now = A.load(k);
      if (now === null) d.added.push(k);
      else if (now === answers[k]) d.same.push(k);
      else d.changed.push(k);
      if (isOrphan(k)) d.orphans.push(k);
    });
    return d;
  }

  var known = Object.create(null); // the ids of prompts.js
  prompts.forEach(function (p) { known[p.id] = true; });

  // isOrphan reports whether key holds the answer to a prompt, scale, plan
  // or review that this workbook no longer has. (Checklists, commitments
  // and session fields are not listed in prompts.js, so they never count.)
  function isOrphan(key) {
    if (known[key.split("/")[0]]) return false;
    return key.indexOf("/") < 0 || /^[^/]+\/r\d+(c\d+|\/c\d+|\/status)$/.test(key);
  }

  // offer shows what loading a file would change and loads it only when
  // the reader confirms. A file that is not right changes nothing.
  function offer(text) {
    var res = check(text);
    if (res.error) return say(res.error + " " + t("js.nothing_changed"), true);
    var data = res.data, d = compare(data.answers);
    var dlg = document.body.appendChild(document.createElement("dialog"));
    dlg.className = "load-dialog";
    dlg.setAttribute("aria-label", t("js.load"));
    dlg.appendChild(el("h2", "", t("js.load_title")));
    dlg.appendChild(el("p", "", t("js.load_saved", { when: when(data.saved), title: title, answers: count(Object.keys(data.answers).length, "js.answers") })));
    var list = dlg.appendChild(el("ul", "load-summary"));
    list.appendChild(el("li", "load-new", count(d.added.length, "js.new_answers")));
    list.appendChild(el("li", "load-changed", count(d.changed.length, "js.changed_answers") + (d.changed.length ? t("js.replaces") : "")));
    list.appendChild(el("li", "load-same", t("js.unchanged", { n: d.same.length })));
    if (d.orphans.length) dlg.appendChild(el("p", "load-orphans", orphanText(d.orphans)));
    dlg.appendChild(el("p", "", t("js.load_keeps")));
    var go = d.added.length + d.changed.length;
    var close = function () { dlg.close(); dlg.remove(); };
    if (go) {
      dlg.appendChild(button("confirm-load", t("js.load_these"), function () { close(); merge(data.answers, d); }));
    }
    dlg.appendChild(button("secondary cancel-load", t(go ? "js.cancel" : "js.close"), function () {
      close();
      say(t(go ? "js.nothing_loaded" : "js.has_all"));
    }));
    dlg.addEventListener("cancel", function () { dlg.remove(); });
    dlg.showModal();
  }

  // merge loads the new and changed answers of a file and, once the store
  // has answered, says how many were loaded, and which were not when the
  // browser's storage is full.
  function merge(answers, d) {
    var items = {};
    d.added.concat(d.changed).forEach(function (k) { items[k] = answers[k]; });
    say(t("js.loading", { answers: count(Object.keys(items).length, "js.answers") }));
    A.saveMany(items, function (failed) {
      var ok = function (k) { return failed.indexOf(k) < 0; };
      A.refresh();
      changed();
      var text = t("js.loaded", { added: count(d.added.filter(ok).length, "js.new_answers"), changed: count(d.changed.filter(ok).length, "js.changed_answers") });
      if (failed.length) {
        text += " " + t("js.no_room", { answers: count(failed.length, "js.answers"),
          keys: failed.slice(0, 10).join(", ") + (failed.length > 10 ? " " + t("js.and_more", { n: failed.length - 10 }) : "") });
      }
      say(text + (d.orphans.length ? " " + orphanText(d.orphans) : ""), failed.length > 0);
    });
  }

  function orphanText(keys) {
    return t("js.orphans", { n: keys.length, answers: count(keys.length, "js.answers"),
      keys: keys.slice(0, 5).join(", ") + (keys.length > 5 ? ", …" : "") });
  }

  // count returns n with the word id in its plural form: "3 answers".
  function count(n, id) { return t(id, { n: n }); }

  function when(iso) {
    var d = typeof iso === "string" ? new Date(iso) : null;
    if (!d || isNaN(d)) return t("js.when_unknown");
    return t("js.when", { date: d.toLocaleString(lang, { dateStyle: "long", timeStyle: "short" }) });
  }

  // ---- My action steps ----

  // stepsPage runs the "My action steps" page: it gathers the steps typed
  // into every plan the page lists, with their status from the plan's
  // reviews, and offers them as Markdown and as a calendar.
  function stepsPage(page) {
    var board = page.querySelector(".steps-board");
    var nojs = page.querySelector(".steps-nojs");
    if (nojs) nojs.hidden = true;
    board.hidden = false;
    var plans = readPlans(page);
    return {
      render: function () {
        var list = gather(plans);
        board.textContent = "";
        board.appendChild(stepsTools(plans, list.length > 0, page));
        if (!list.length) {
          board.appendChild(el("p", "steps-empty", t("js.steps_empty")));
          return;
        }
        board.appendChild(el("p", "steps-summary", summary(list)));
        STATUSES.forEach(function (st) {
          var group = list.filter(function (s) { return s.status === st; });
          if (group.length) board.appendChild(stepsGroup(st, group));
        });
      }
    };
  }

  // readPlans reads the plans the page lists: id, date column, reviews and
  // the link to where the plan is.
  function readPlans(page) {
    return Array.prototype.map.call(page.querySelectorAll(".plan-list li[data-plan]"), function (li, i) {
      var id = li.getAttribute("data-plan"), p = A.prompt(id) || {}, a = li.querySelector("a");
      return { id: id, order: i, when: +li.getAttribute("data-when") || 0,
        reviews: (li.getAttribute("data-reviews") || "").split(" ").filter(Boolean),
        href: a.getAttribute("href"), url: a.href, file: li.getAttribute("data-file") || "",
        label: (p.number ? p.number + " " : "") + (p.title || id), columns: p.columns || [] };
    });
  }

  // gather returns every typed step, sorted by date (undated ones last),
  // then in reading order.
  function gather(plans) {
    var saved = A.saved(), today = isoToday(), list = [];
    plans.forEach(function (plan) {
      A.planSteps(plan.id, saved).forEach(function (s) {
        var due = plan.when ? s.cells[plan.when - 1] || "" : "";
        var st = statusOf(plan, s.row, saved);
        list.push({ plan: plan, row: s.row, cells: s.cells, what: s.cells[0] || t("js.step_without_words"), status: st,
          due: DATE.test(due) ? due : "", dueText: due,
          overdue: DATE.test(due) && due < today && (st === "planned" || st === "tried") });
      });
    });
    return list.sort(function (a, b) {
      if (a.due !== b.due) return !a.due ? 1 : !b.due ? -1 : a.due < b.due ? -1 : 1;
      return a.plan.order - b.plan.order || a.row - b.row;
    });
  }

  // statusOf returns a step's status as its latest review marked it, or
  // "planned".
  function statusOf(plan, row, saved) {
    for (var i = plan.reviews.length - 1; i >= 0; i--) {
      var v = saved[plan.reviews[i] + "/r" + row + "/status"];
      if (STATUSES.indexOf(v) >= 0) return v;
    }
    return "planned";
  }

  function isoToday() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function summary(list) {
    var parts = STATUSES.map(function (st) {
      var n = list.filter(function (s) { return s.status === st; }).length;
      return n ? n + " " + t("status." + st) : "";
    }).filter(Boolean);
    var late = list.filter(function (s) { return s.overdue; }).length;
    return t("js.steps_summary", { steps: count(list.length, "js.steps"), parts: parts.join(", ") }) + (late ? " " + t("js.overdue_count", { n: late }) : "");
  }

  // stepsTools offers the exports, made from storage when clicked.
  function stepsTools(plans, any, page) {
    var tools = el("div", "steps-tools");
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", t("js.steps_label"));
    if (!any) return tools;
    tools.append(button("steps-markdown", t("js.steps_markdown"), function () {
      A.downloadFile(t("js.file_steps", { workbook: A.workbook }) + ".md", "text/markdown;charset=utf-8", stepsMarkdown(gather(plans)));
    }), button("steps-ics", t("js.steps_ics"), function () {
      A.downloadFile(t("js.file_steps", { workbook: A.workbook }) + ".ics", "text/calendar;charset=utf-8", ics(gather(plans), page.getAttribute("data-base-url") || ""));
    }), button("secondary steps-print", t("js.steps_print"), function () { window.print(); }));
    return tools;
  }

  function stepsGroup(st, group) {
    var sec = el("section", "steps-group");
    sec.setAttribute("data-status", st);
    var h = sec.appendChild(el("h2", "", upperFirst(t("status." + st)) + " "));
    h.appendChild(el("span", "count", "(" + group.length + ")"));
    var table = sec.appendChild(el("table", "steps-table"));
    var head = table.appendChild(el("thead")).appendChild(el("tr"));
    ["js.step", "js.by_when", "js.planned_in"].forEach(function (id) { head.appendChild(el("th", "", t(id))).setAttribute("scope", "col"); });
    var body = table.appendChild(el("tbody"));
    group.forEach(function (s) { body.appendChild(stepRow(s)); });
    return sec;
  }

  function stepRow(s) {
    var tr = el("tr", "step" + (s.overdue ? " overdue" : ""));
    tr.setAttribute("data-plan", s.plan.id);
    tr.setAttribute("data-row", s.row);
    var what = tr.appendChild(el("td", "step-what"));
    what.appendChild(el("span", "", s.what));
    var more = details(s);
    if (more) what.appendChild(el("span", "step-more", more));
    var due = tr.appendChild(el("td", "step-when"));
    if (s.due) {
      var time = due.appendChild(el("time", "", A.formatDate(s.due)));
      time.setAttribute("datetime", s.due);
    } else if (s.dueText) {
      due.textContent = s.dueText;
    }
    if (s.overdue) due.append(" ", el("strong", "overdue-mark", t("js.overdue")));
    var link = tr.appendChild(el("td", "step-source")).appendChild(el("a", "", s.plan.label));
    link.href = s.plan.href;
    return tr;
  }

  // details lists the other columns of a step: "Support I need: Sam · …".
  function details(s) {
    var out = [];
    s.cells.forEach(function (v, i) {
      if (i === 0 || i === s.plan.when - 1 || !v) return;
      out.push((s.plan.columns[i] || t("js.column", { n: i + 1 })) + ": " + v);
    });
    return out.join(" · ");
  }

  // stepsMarkdown writes the steps as a Markdown plan, grouped by status.
  function stepsMarkdown(list) {
    var out = ["# " + t("js.steps_title", { title: title }), "", "_" + t("js.saved_on", { date: new Date().toLocaleDateString(lang, { dateStyle: "long" }) }) + "_"];
    STATUSES.forEach(function (st) {
      var group = list.filter(function (s) { return s.status === st; });
      if (!group.length) return;
      out.push("", "## " + upperFirst(t("status." + st)), "");
      group.forEach(function (s) {
        var line = "- [" + (st === "done" ? "x" : " ") + "] " + oneLine(s.what);
        if (s.dueText) line += t("js.by_due", { date: s.dueText }) + (s.overdue ? t("js.overdue_note") : "");
        out.push(line + " (" + s.plan.label + ")");
        var more = details(s);
        if (more) out.push("  " + oneLine(more));
      });
    });
    return out.join("\n") + "\n";
  }

  function upperFirst(s) { return s.charAt(0).toUpperCase() + s.slice(1); }

  function oneLine(s) { return String(s).replace(/\s*\n\s*/g, " "); }

  // ics writes the dated steps as an iCalendar file (RFC 5545): one all-day
  // event per step, with a reminder at 9:00 on the day.
  function ics(list, base) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//praxis//action steps//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + icsText(t("js.steps_title", { title: title }))];
    list.forEach(function (s) {
      if (!s.due) return;
      var desc = [t("js.ics_planned_in", { plan: s.plan.label, title: title }), details(s), t("js.ics_status", { status: t("status." + s.status) })].filter(Boolean).join("\n");
      lines.push("BEGIN:VEVENT", "UID:" + A.workbook + "-" + s.plan.id + "-" + s.row + "@praxis", "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + s.due.replace(/-/g, ""), "DTEND;VALUE=DATE:" + nextDay(s.due),
        "SUMMARY:" + icsText(s.what), "DESCRIPTION:" + icsText(desc), "URL:" + (base ? base + s.plan.file : s.plan.url),
        "TRANSP:TRANSPARENT", "STATUS:" + (s.status === "dropped" ? "CANCELLED" : "CONFIRMED"),
        "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + icsText(s.what), "TRIGGER:PT9H", "END:VALARM", "END:VEVENT");
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  // icsText escapes a TEXT value: backslashes, semicolons, commas and line
  // breaks.
  function icsText(s) {
    return String(s).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
  }

  function nextDay(iso) {
    var m = DATE.exec(iso);
    return new Date(Date.UTC(+m[1], m[2] - 1, +m[3] + 1)).toISOString().slice(0, 10).replace(/-/g, "");
  }

  // fold breaks a content line into lines of at most 75 octets, never
  // inside a character; each continuation line starts with a space.
  function fold(line) {
    var out = [], cur = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var c = ch.codePointAt(0), n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (size + n > 75) {
        out.push(cur);
        cur = " ";
        size = 1;
      }
      cur += ch;
      size += n;
    });
    out.push(cur);
    return out.join("\r\n");
  }

  // ---- Keeping up with edits ----

  var pending = 0;

  // changed updates everything this script shows from the saved answers.
  function changed() {
    progress();
    if (steps) steps.render();
  }

  function later() {
    clearTimeout(pending);
    pending = setTimeout(changed, 250);
  }

  var steps = null; // the "My action steps" page, when this is it

  // ---- A reminder to save the answers to a file ----

  var DAY = 24 * 60 * 60 * 1000;

  // REMIND_AFTER is how old the oldest answer not saved to a file may get
  // before the reader is reminded to save: Safari deletes what scripts
  // stored for a site that was not visited for 7 days, and any browser's
  // data can be cleared.
  var REMIND_AFTER = 7 * DAY;

  // reminder shows, at the top of the page, a note to save the answers when
  // some were first changed REMIND_AFTER or longer ago and not saved to a
  // file since, unless the reader said "later" less than a day ago. Answers
  // from before the reminder existed count from today.
  function reminder() {
    var since = +A.meta("changed") || 0, saved = +A.meta("saved") || 0, snoozed = +A.meta("remind-later") || 0, now = Date.now();
    if (!Object.keys(A.saved()).length || document.querySelector(".save-reminder")) return;
    if (!since) return A.setMeta("changed", now);
    if (since <= saved || now - since < REMIND_AFTER || now - snoozed < DAY) return;
    var days = Math.floor((now - since) / DAY);
    var box = el("div", "save-reminder");
    box.setAttribute("role", "status");
    box.appendChild(el("p", "", t("js.remind", { n: days })));
    box.append(button("remind-save", t("js.save_all"), saveAll), button("secondary remind-later", t("js.remind_later"), function () {
      A.setMeta("remind-later", Date.now());
      box.remove();
    }));
    var main = document.querySelector("main");
    var header = main && main.querySelector(".page-header");
    if (header) header.after(box);
    else if (main) main.prepend(box);
  }

  function start() {
    toolbarButtons();
    var page = document.querySelector(".action-steps");
    if (page) steps = stepsPage(page);
    changed();
    reminder();
    document.addEventListener("input", later);
    document.addEventListener("change", later);
    // Another tab or page of the workbook saved something.
    A.onChange(later);
    window.addEventListener("pageshow", function (e) { if (e.persisted) changed(); });
    document.documentElement.setAttribute("data-loop", "ready");
  }

  // answers.js calls start once its store has answered.
  A.ready(start);
})();
