// praxis answers script: saves the answers a reader types in this browser
// only (localStorage, never the network), in one store that every page of
// the workbook shares (answers-store.html; see "Storage" below), restores
// them on every visit, mirrors them into the print-only markup, and lets
// the reader download or clear them. The page is complete without it: it
// only adds behaviour.
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
// {workbook, formerly, title, edition, chapters: {"1": "id id plan/ …"},
// plans: {id: {number, title, page, columns}}} (formerly: the id an earlier
// praxis gave the workbook, whose answers are moved), the ids of each chapter's prompts ("/"
// after action plans and reviews, whose answers are saved under "id/…")
// and the action plans. prompt-index.js sets window.praxisPromptIndex =
// {workbook, edition, prompts: [{id, number, kind, text, page, title,
// chapter, columns, of, min, max}, …]}, every prompt in reading order; it is
// big, so loadDetails (window.praxisAnswers.details) adds it to the page
// only when it is needed.
//
// Every word the scripts show comes from prompts.js too (words: the
// interface words of the workbook's language, by message id, see
// internal/i18n); t(id, values) fills one in, and loop.js uses it.
(function () {
  "use strict";

  var root = document.documentElement;
  var index = window.praxisWorkbook || {};
  var workbook = root.getAttribute("data-workbook") || index.workbook || "workbook";
  var prefix = "praxis:" + workbook + ":";
  var prompts = promptList(index.chapters || {});
  var plans = index.plans || {};
  var words = index.words || {};
  var warned = false;

  // t returns the interface word id with each {name} filled in from
  // values; a word with plural forms takes the one for values.n, by the
  // plural rule of the page's language.
  function t(id, values) {
    values = values || {};
    var w = words[id];
    if (w && typeof w === "object") w = w[plural(+values.n || 0)] || w.other;
    if (typeof w !== "string") return id;
    return w.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  var rules = null;
  function plural(n) {
    try {
      rules = rules || new Intl.PluralRules(root.lang || "en");
      return rules.select(n);
    } catch (e) {
      return n === 1 ? "one" : "other";
    }
  }

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

  // ---- Storage: one store for every page of the workbook ----
  //
  // Answers are kept in the storage of one file of the site,
  // answers-store.html, which every page opens in a hidden frame and talks
  // to with postMessage (theme/answers-store.js says why, and what it
  // accepts). The page keeps a copy of its workbook's answers in memory
  // (cache), so reading is immediate; writes go to the store in the
  // background and the store acknowledges each batch. Nothing typed is
  // lost on the way:
  //
  //   - writes made before the store answers are queued, and sent when it
  //     does; a batch not acknowledged when the frame reloads is sent again,
  //     and each answer is noted in the page's own storage until the store
  //     has saved it (the journal), so that closing the page right after
  //     typing loses nothing;
  //   - when the store cannot be reached (the file is missing, or the page
  //     was saved on its own), the page keeps its answers in its own
  //     localStorage, noting when it wrote each, and moves them into the
  //     store on a later visit that reaches it;
  //   - answers a page kept in its own storage before there was a store (in
  //     Firefox, from file://, each page had its own) are moved in on the
  //     first visit that reaches the store, and removed from the page only
  //     once the store has confirmed them. Where the store already holds a
  //     different answer, both are kept and the reader chooses;
  //   - what another tab or page writes reaches this page through the
  //     store's storage events, key by key, so two open tabs never write
  //     back a whole old copy over each other's answers.
  //
  // Keys are "praxis:{workbook}:{key}" for answers, as before the store
  // existed, and "praxis-meta:{workbook}:{name}" for notes about them.

  var PROTO = "praxis-answers";
  var formerly = typeof index.formerly === "string" && index.formerly !== workbook ? index.formerly : "";
  var metaPrefix = "praxis-meta:" + workbook + ":";
  var journalPrefix = "praxis-journal:" + workbook + ":";
  var store = openStore();

  // openStore starts the connection to the store and returns the page's
  // view of it. Every access to localStorage may throw (quota, storage
  // turned off); failures show one notice and never stop the page.
  function openStore() {
    var cache = Object.create(null), meta = Object.create(null);
    var pending = batch(), inflight = {}, seq = 0, failedLast = Object.create(null);
    var mode = "starting", token = "", frame = null, timer = 0, scheduled = false;
    var readyFns = [], changeFns = [], settleFns = [];
    var own = ownStorage();
    var web = location.protocol === "http:" || location.protocol === "https:";

    function batch() { return { answers: {}, meta: {} }; }
    function isEmpty(b) { return !Object.keys(b.answers).length && !Object.keys(b.meta).length; }

    function ownStorage() {
      try {
        var s = window.localStorage;
        s.getItem("praxis-store");
        return s;
      } catch (e) {
        return null;
      }
    }

    // ---- the frame ----

    function connect() {
      frame = document.createElement("iframe");
      frame.hidden = true;
      frame.setAttribute("aria-hidden", "true");
      frame.tabIndex = -1;
      frame.title = t("js.answers_frame");
      frame.src = (root.getAttribute("data-root") || "") + "answers-store.html";
      window.addEventListener("message", onMessage);
      frame.addEventListener("load", function () {
        hello();
        waitFor(1500); // the file is there but does not answer: no store script
      });
      waitFor(5000);
      (document.body || root).appendChild(frame);
    }

    // waitFor falls back to the page's own storage when the store has not
    // answered within ms.
    function waitFor(ms) {
      clearTimeout(timer);
      timer = setTimeout(function () { if (mode === "starting") fallback(); }, ms);
    }

    function post(msg) {
      msg.praxis = PROTO;
      try {
        frame.contentWindow.postMessage(msg, web ? location.origin : "*");
      } catch (e) { /* the frame is gone; its load event will say hello again */ }
    }

    function hello() { post({ op: "hello", workbook: workbook, formerly: formerly }); }

    function onMessage(e) {
      if (!frame || e.source !== frame.contentWindow || !e.data || e.data.praxis !== PROTO) return;
      if (web && e.origin !== location.origin) return;
      var m = e.data;
      if (m.op === "hello") welcome(m);
      else if (m.op === "ack") ack(m);
      else if (m.op === "changed") notify(absorb(m.answers, m.meta, !!m.reset));
      else if (m.op === "persist" && m.persisted) setMeta("persisted", "true");
      else if (m.op === "read" && reads[m.seq]) {
        reads[m.seq]({ answers: m.answers, meta: m.meta });
        delete reads[m.seq];
      }
    }

    // welcome takes the store's snapshot and makes it the one storage.
    function welcome(m) {
      clearTimeout(timer);
      if (!m.ok) {
        if (mode === "starting") fallback();
        return;
      }
      var was = mode;
      token = m.token || "";
      Object.keys(inflight).forEach(function (s) { requeue(inflight[s]); });
      inflight = {};
      if (was === "starting") keepSaved(m.answers || {});
      var keys = absorb(m.answers, m.meta, true).concat(replay());
      mode = "frame";
      var same = sameStorage(m);
      if (same === true) forgetOwnTimes();
      else migrate(same === false);
      schedule();
      if (was === "starting") ready();
      else notify(keys);
    }

    // requeue puts a batch that was sent but not acknowledged back in the
    // queue, under what was written since.
    function requeue(b) {
      ["answers", "meta"].forEach(function (kind) {
        Object.keys(b[kind]).forEach(function (k) {
          if (!(k in pending[kind])) pending[kind][k] = b[kind][k];
        });
      });
    }

    // sameStorage tells whether the page's own storage is the store's (as
    // in every browser over http(s), where they share their origin, and in
    // Chromium from file://): true, false, or null when it cannot tell yet.
    // Only the store writes its token, so the page sees it in its own
    // storage exactly when that is the store's, but Chromium shows a
    // frame's writes to the page a moment later: a token the store made
    // just now (m.fresh) and the page does not see proves nothing. Answers
    // are removed from the page's own storage only on false, since
    // removing them from the store's would lose them.
    function sameStorage(m) {
      if (web) return true;
      var mine = null;
      try { mine = own && own.getItem("praxis-store"); } catch (e) { mine = null; }
      if (mine && mine === token) return true;
      return m.fresh || !token ? null : false;
    }

    function ack(m) {
      var b = inflight[m.seq];
      if (!b) return;
      delete inflight[m.seq];
      done(b, m.failed || [], m.failedMeta || []);
    }

    // done notes which keys of a written batch were saved and which not.
    function done(b, failed, failedMeta) {
      Object.keys(b.answers).forEach(function (k) {
        if (failed.indexOf(k) >= 0) {
          failedLast[k] = true;
        } else {
          delete failedLast[k];
          unjournal(k, b.answers[k]);
        }
      });
      if (failed.length || failedMeta.length) warn();
      settle();
    }

    // ---- the journal: answers on their way to the store ----
    //
    // A message to the store is lost when the page closes before the store
    // has read it (a link clicked right after typing). So every answer is
    // first noted in the page's own storage, "praxis-journal:{workbook}:
    // {key}" = [value, time, before], and the note removed once the store
    // has saved it; before is what the store held for the key when the
    // page began writing it (false: the page did not know yet). The next
    // page that starts with a note still there (in Firefox from file://,
    // the same page; elsewhere any page) sends it again: it is newer than
    // what the store has, unless the store has changed since the note was
    // begun, or the page never knew what it had. Then the store got the
    // note (only its answer was lost) and another page wrote after it, or
    // the note never reached the store and another page wrote meanwhile,
    // or the note was typed over an answer the page did not show yet: both
    // are kept (see joined), never one over the other.

    // journal notes k's new value v; before is the store's value of k as
    // the page knows it, or false when v was typed before the page knew it
    // (so it never saw what the store holds).
    function journal(k, v, before) {
      try {
        var n = JSON.parse(own.getItem(journalPrefix + k));
        if (Array.isArray(n) && before !== false) before = n.length > 2 ? n[2] : undefined; // a note not yet saved: its start counts
        own.setItem(journalPrefix + k, JSON.stringify(before === undefined ? [v, Date.now()] : [v, Date.now(), before]));
      } catch (e) { /* full or none: the store still gets it */ }
    }

    // unjournal removes the note of k when it still says v.
    function unjournal(k, v) {
      try {
        var n = JSON.parse(own.getItem(journalPrefix + k));
        if (n && n[0] === v) own.removeItem(journalPrefix + k);
      } catch (e) { /* it is sent again next time, which does no harm */ }
    }

    // replay queues what the journal holds for the store, and returns the
    // keys whose value changes in the page.
    function replay() {
      var notes = {}, changed = [];
      try {
        for (var i = 0; i < own.length; i++) {
          var key = own.key(i);
          if (key && key.indexOf(journalPrefix) === 0) notes[key.slice(journalPrefix.length)] = JSON.parse(own.getItem(key));
        }
      } catch (e) { /* none */ }
      Object.keys(notes).forEach(function (k) {
        var n = notes[k], v = Array.isArray(n) && (typeof n[0] === "string" || n[0] === null) ? n[0] : undefined;
        var cur = k in cache ? cache[k] : null;
        if (v === undefined || k in pending.answers) return;
        if (v === cur || n.length > 2 && n[2] === v) return unjournal(k, v); // saved, or it changed nothing
        if (n.length > 2 && n[2] !== cur) { // the store changed since the note was begun
          var both = v === null ? cur : joined(k, cur, v);
          if (both === cur) return unjournal(k, v);
          journal(k, v = both);
        }
        if (v === null) delete cache[k];
        else cache[k] = v;
        pending.answers[k] = v;
        changed.push(k);
      });
      return changed;
    }

    // ---- the page's own storage, when the store cannot be reached ----

    function fallback() {
      var saved = ownSaved();
      keepSaved(saved);
      mode = "local";
      absorb(saved, ownMeta(), true);
      schedule();
      ready();
    }

    function ownSaved() {
      var out = {};
      [formerly, workbook].forEach(function (wb) {
        if (!wb) return;
        var pre = "praxis:" + wb + ":";
        try {
          for (var i = 0; i < own.length; i++) {
            var k = own.key(i);
            if (k && k.indexOf(pre) === 0) out[k.slice(pre.length)] = own.getItem(k);
          }
        } catch (e) { /* no storage: nothing saved here */ }
      });
      return out;
    }

    function ownMeta() {
      var out = {};
      try {
        for (var i = 0; i < own.length; i++) {
          var k = own.key(i);
          if (k && k.indexOf(metaPrefix) === 0 && k !== metaPrefix + "local") out[k.slice(metaPrefix.length)] = own.getItem(k);
        }
      } catch (e) { /* none */ }
      return out;
    }

    // ownTimes returns when the page wrote each answer to its own storage
    // while the store could not be reached: {key: time}.
    function ownTimes() {
      try { return JSON.parse(own.getItem(metaPrefix + "local")) || {}; } catch (e) { return {}; }
    }

    function forgetOwnTimes() {
      try { own.removeItem(metaPrefix + "local"); } catch (e) { /* none */ }
    }

    // writeOwn writes a batch to the page's own storage and returns the
    // keys it could not write.
    function writeOwn(b) {
      var failed = [], failedMeta = [], times = ownTimes(), now = Date.now();
      Object.keys(b.answers).forEach(function (k) {
        try {
          if (b.answers[k] === null) own.removeItem(prefix + k);
          else own.setItem(prefix + k, b.answers[k]);
          times[k] = now;
        } catch (e) { failed.push(k); }
      });
      Object.keys(b.meta).forEach(function (k) {
        try {
          if (b.meta[k] === null) own.removeItem(metaPrefix + k);
          else own.setItem(metaPrefix + k, b.meta[k]);
        } catch (e) { failedMeta.push(k); }
      });
      try { own.setItem(metaPrefix + "local", JSON.stringify(times)); } catch (e) { /* the answers count more */ }
      return { answers: failed, meta: failedMeta };
    }

    // removeOwn removes answer key from the page's own storage, once the
    // store holds it.
    function removeOwn(k) {
      try {
        own.removeItem(prefix + k);
        if (formerly) own.removeItem("praxis:" + formerly + ":" + k);
        var times = ownTimes();
        if (k in times) {
          delete times[k];
          own.setItem(metaPrefix + "local", JSON.stringify(times));
        }
      } catch (e) { /* it stays, and is looked at again next time */ }
    }

    // migrate moves the answers the page kept in its own storage into the
    // store: those it wrote while the store was out of reach (newer than
    // the store's), and older ones where the store has none. Where the
    // store has a different answer, the reader chooses (conflicts). sure:
    // the storages are known to differ, so the page's copies may be
    // removed once the store holds them; unsure, only answers the store
    // lacks are copied, and the rest waits for the next visit.
    function migrate(sure) {
      var mine = ownSaved(), times = sure ? ownTimes() : {}, moving = {}, clash = [];
      Object.keys(mine).forEach(function (k) {
        var cur = k in cache ? cache[k] : null, v = times[k] ? joined(k, cur, mine[k]) : mine[k];
        if (cur === v) {
          if (sure) removeOwn(k);
        } else if (times[k] || cur === null || cur === "" || cur === "false") {
          moving[k] = v;
        } else if (sure) {
          clash.push({ key: k, earlier: v, now: cur });
        }
      });
      if (Object.keys(moving).length) {
        saveMany(moving, function (failed) {
          if (sure) Object.keys(moving).forEach(function (k) { if (failed.indexOf(k) < 0) removeOwn(k); });
          notify(Object.keys(moving));
        });
      }
      if (clash.length) conflicts(clash, useEarlier, removeOwn);
    }

    function useEarlier(list) {
      var items = {};
      list.forEach(function (c) { items[c.key] = c.earlier; });
      saveMany(items, function (failed) {
        list.forEach(function (c) { if (failed.indexOf(c.key) < 0) removeOwn(c.key); });
        notify(Object.keys(items));
      });
    }

    // keepSaved keeps, with what the reader typed before the store
    // answered, the answers saved for the same fields (saved: {key:
    // value}): the fields did not show them yet, so typing must not
    // replace them unseen.
    function keepSaved(saved) {
      Object.keys(pending.answers).forEach(function (k) {
        var typed = pending.answers[k], both = joined(k, k in saved ? saved[k] : null, typed);
        if (both === typed) return;
        cache[k] = pending.answers[k] = both;
        journal(k, both);
      });
    }

    // joined returns what keeps both theirs, an answer this page did not
    // show, and mine, text typed that would replace it: mine when it holds
    // theirs already (or theirs is empty), theirs when it holds mine, else
    // theirs, a new line and mine. Only text is joined; for a choice (a
    // rating, a tick, a date, a status) mine stays. The field on this page
    // says which it is; a key with no field here (a note of another page)
    // is a choice when both values look like one.
    function joined(k, theirs, mine) {
      if (typeof theirs !== "string" || typeof mine !== "string" || theirs.trim() === "" || mine.indexOf(theirs) >= 0) return mine;
      var f = document.querySelector('[data-answer="' + cssEscape(k) + '"]');
      var choice = /^(true|false|\d+|\d{4}-\d\d-\d\d|planned|tried|done|dropped)$/;
      if (f ? f.tagName !== "TEXTAREA" && f.type !== "text" : choice.test(theirs) && choice.test(mine)) return mine;
      if (theirs.indexOf(mine) >= 0) return theirs;
      return theirs + (f && f.tagName !== "TEXTAREA" ? " " : "\n") + mine;
    }

    // ---- the cache ----

    function busy(k) {
      if (k in pending.answers) return true;
      for (var s in inflight) if (k in inflight[s].answers) return true;
      return false;
    }

    // absorb takes what the store says into the cache and returns the keys
    // that changed. full: answers is everything the store holds. A key
    // written here and not yet acknowledged keeps the page's value: it is
    // newer, and on its way.
    function absorb(answers, metas, full) {
      var changed = [];
      answers = answers || {};
      if (full) {
        Object.keys(cache).forEach(function (k) {
          if (!(k in answers) && !busy(k)) {
            delete cache[k];
            changed.push(k);
          }
        });
        meta = Object.create(null);
      }
      Object.keys(answers).forEach(function (k) {
        var v = answers[k];
        if (busy(k) || cache[k] === v || v === null && !(k in cache)) return;
        if (v === null) delete cache[k];
        else cache[k] = String(v);
        changed.push(k);
      });
      Object.keys(metas || {}).forEach(function (k) {
        if (k in pending.meta) return;
        if (metas[k] === null) delete meta[k];
        else meta[k] = String(metas[k]);
      });
      if (full) {
        Object.keys(pending.meta).forEach(function (k) {
          if (pending.meta[k] === null) delete meta[k];
          else meta[k] = pending.meta[k];
        });
      }
      return changed;
    }

    // ---- writing ----

    function put(kind, k, v) {
      var c = kind === "answers" ? cache : meta, before = k in c ? c[k] : null;
      // The same answer again (a text area's change event when it loses
      // the focus, as the page closes) is on its way or saved already.
      if (kind === "answers" && v === before && !failedLast[k]) return;
      if (v === null) delete c[k];
      else c[k] = v;
      if (kind === "answers" && mode !== "local") journal(k, v, mode === "starting" ? false : before);
      pending[kind][k] = v;
      schedule();
    }

    function schedule() {
      if (scheduled) return;
      scheduled = true;
      Promise.resolve().then(flush);
    }

    function flush() {
      scheduled = false;
      if (mode === "starting") return;
      var b = pending;
      pending = batch();
      if (isEmpty(b)) return settle();
      if (mode === "frame") {
        inflight[++seq] = b;
        post({ op: "set", seq: seq, answers: b.answers, meta: b.meta });
        return;
      }
      var f = own ? writeOwn(b) : { answers: Object.keys(b.answers), meta: Object.keys(b.meta) };
      done(b, f.answers, f.meta);
    }

    // settle calls the functions waiting for every write to be answered.
    function settle() {
      if (mode === "starting" || !isEmpty(pending) || Object.keys(inflight).length) return;
      var fns = settleFns;
      settleFns = [];
      fns.forEach(function (f) { f(); });
    }

    function whenSettled(f) {
      settleFns.push(f);
      if (!scheduled) settle();
    }

    // saveMany writes items ({key: value}) and calls then(failed) with the
    // keys that could not be saved, once the store has answered. Those
    // keep, in the page, the value they had.
    function saveMany(items, then) {
      var before = {};
      Object.keys(items).forEach(function (k) {
        before[k] = k in cache ? cache[k] : null;
        delete failedLast[k];
        put("answers", k, items[k]);
      });
      whenSettled(function () {
        var failed = Object.keys(items).filter(function (k) { return failedLast[k]; });
        failed.forEach(function (k) {
          if (before[k] === null) delete cache[k];
          else cache[k] = before[k];
        });
        if (then) then(failed);
      });
    }

    function setMeta(k, v) { put("meta", k, v === null ? null : String(v)); }

    // ---- readiness and changes ----

    function ready() {
      var fns = readyFns;
      readyFns = null;
      fns.forEach(function (f) { f(); });
      settle();
    }

    function notify(keys) {
      if (!keys.length || readyFns) return;
      changeFns.forEach(function (f) { f(keys); });
    }

    var asked = false, reads = {};

    // stored returns a promise of what the store holds once every write has
    // been answered: {answers, meta}, read from the store itself (this
    // page's view of it may lag behind, or be another storage).
    function stored() {
      return new Promise(function (res) {
        whenSettled(function () {
          if (mode !== "frame") return res({ answers: ownSaved(), meta: ownMeta() });
          reads[++seq] = res;
          post({ op: "read", seq: seq });
        });
      });
    }

    connect();
    window.addEventListener("pageshow", function (e) { if (e.persisted && mode === "frame") hello(); });

    return {
      get: function (k) { return k in cache ? cache[k] : null; },
      set: function (k, v) { put("answers", k, String(v)); },
      remove: function (k) { put("answers", k, null); },
      keys: function () { return Object.keys(cache).sort(); },
      meta: function (k) { return k in meta ? meta[k] : null; },
      setMeta: setMeta,
      saveMany: saveMany,
      ready: function (f) { if (readyFns) readyFns.push(f); else f(); },
      onChange: function (f) { changeFns.push(f); },
      settled: function () { return new Promise(function (res) { whenSettled(res); }); },
      stored: stored,
      mode: function () { return mode; },
      // persist asks once per page view, when the reader first types, that
      // the browser keep the store's storage; the store never waits for it.
      persist: function () {
        if (asked || mode !== "frame" || meta.persisted === "true") return;
        asked = true;
        post({ op: "persist" });
      }
    };
  }

  function load(key) { return store.get(key); }

  function save(key, value) {
    noteChange();
    store.set(key, value);
  }

  function remove(key) { store.remove(key); }

  // savedKeys returns every saved key of this workbook, without the prefix.
  function savedKeys() { return store.keys(); }

  // allSaved returns every saved answer of this workbook: {key: value}.
  function allSaved() {
    var saved = {};
    savedKeys().forEach(function (k) { saved[k] = store.get(k); });
    return saved;
  }

  // noteChange notes when the answers first changed since they were last
  // saved to a file, for the reminder to save them (loop.js).
  function noteChange() {
    var since = +store.meta("changed") || 0, saved = +store.meta("saved") || 0;
    if (!since || since <= saved) store.setMeta("changed", Date.now());
  }

  // conflicts shows the answers this page kept in its own storage that
  // differ from the workbook's, and lets the reader choose: use(list)
  // stores them, drop(key) removes the page's copy of one.
  function conflicts(list, use, drop) {
    var box = el("div", "answers-notice answers-conflict");
    box.setAttribute("role", "status");
    box.appendChild(el("p", "", t("js.conflict", { n: list.length })));
    var ul = box.appendChild(el("ul"));
    list.slice(0, 5).forEach(function (c) {
      ul.appendChild(el("li", "", t("js.conflict_item", { label: labelOf(c.key) || c.key, earlier: short(c.earlier), now: short(c.now) })));
    });
    if (list.length > 5) ul.appendChild(el("li", "", t("js.and_more", { n: list.length - 5 })));
    var yes = box.appendChild(el("button", "use-earlier", t("js.use_earlier")));
    var no = box.appendChild(el("button", "secondary keep-current", t("js.keep_current")));
    yes.type = no.type = "button";
    yes.addEventListener("click", function () { box.remove(); use(list); });
    no.addEventListener("click", function () {
      box.remove();
      list.forEach(function (c) { drop(c.key); });
    });
    document.body.appendChild(box);
  }

  function short(s) {
    s = String(s).replace(/\s+/g, " ");
    return s.length > 60 ? s.slice(0, 59) + "…" : s;
  }

  // warn shows, once per page, a small notice that answers cannot be saved.
  function warn() {
    if (warned) return;
    warned = true;
    notice(t("js.cannot_save"));
  }

  // notice shows a small message on the page until the reader dismisses it.
  function notice(text) {
    var box = el("div", "answers-notice", text);
    box.setAttribute("role", "status");
    var close = el("button", "", t("js.dismiss"));
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
    // A date field empties itself for words (saved when its column took
    // words, before the plan's columns changed): a text field shows them,
    // so a date picked later does not replace them unseen.
    if (f.type === "date" && f.value !== v) {
      f.type = "text";
      f.setAttribute("data-date", ""); // planRow makes the next row's a date field again
      f.value = v;
    }
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
    return new Date(Date.UTC(+m[1], m[2] - 1, +m[3])).toLocaleDateString(root.lang || undefined, { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
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
    store.persist();
  }

  // showSaved shows in every field what is saved for it. The field the
  // reader is in changes only when another tab or page saved something
  // else for it: what is typed here is saved as it is typed, so its text
  // differs from the saved one only then, and typing on over the old text
  // would write it back over the newer answer.
  function showSaved() {
    var active = document.activeElement;
    fields().forEach(function (f) {
      var v = load(f.getAttribute("data-answer"));
      if (f === active && f.type !== "checkbox" && f.type !== "radio" && f.value === (v === null ? "" : v)) return;
      if (v !== null) restore(f, v);
      else reset(f);
    });
  }

  // remoteChange follows what another tab or page saved: the reviews when
  // a plan changed (unless the reader is in one), and every field.
  function remoteChange(keys) {
    var active = document.activeElement;
    var inReview = active && active.closest && active.closest(".block.review");
    if (keys.some(function (k) { return /\/r\d+c\d+$/.test(k); })) {
      planRows();
      if (!inReview) fillReviews();
    }
    showSaved();
  }

  // ---- Copy-link buttons ----

  function copyLink(btn) {
    var url = location.href.split("#")[0] + "#" + btn.getAttribute("data-copy");
    var label = btn.getAttribute("data-label") || btn.textContent;
    btn.setAttribute("data-label", label); // a second click must not keep "Copied"
    var done = function () {
      btn.textContent = t("js.copied");
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
    return table([t("js.step")].concat(fields, [t("js.status")]), nums.map(function (r) {
      var step = what[r] ? r + ". " + what[r] : t("js.step_n", { n: r });
      return [step].concat(fields.map(function (_, i) { return rows[r].cells[i] || ""; }), [t("status." + (rows[r].status || "planned"))]);
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
    for (var c = 0; c < n; c++) out.push((names && names[c]) || t("js.column", { n: c + 1 }));
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
    return out.length ? "\n## " + t("js.other_answers") + "\n" + out.join("\n") + "\n" : "";
  }

  // groupTitle turns a field group ("good-step" or "session:4-sessions/first/")
  // into a heading ("Good step", "Session sheet 4-sessions/first").
  function groupTitle(g) {
    if (g.indexOf("session:") === 0) return t("js.session_sheet", { page: g.slice(8).replace(/\/+$/, "") });
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
      out.push(answerText(p, saved) || "_" + t("js.no_answer") + "_", "");
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
      if (!d) return notice(t("js.index_missing"));
      downloadFile(t("js.file_answers", { workbook: workbook }) + ".md", "text/markdown;charset=utf-8", markdown(d.prompts));
    });
  }

  function clearAll() {
    if (!window.confirm(t("js.clear_confirm"))) return;
    savedKeys().forEach(remove);
    store.setMeta("changed", null);
    refresh();
  }

  // refresh shows what storage holds in every field of the page, after
  // answers were cleared or loaded from a file.
  function refresh() {
    planRows();
    fillReviews();
    fields().forEach(function (f) {
      var v = load(f.getAttribute("data-answer"));
      if (v !== null) restore(f, v);
      else reset(f);
    });
  }

  // ---- Plans: a row for every step saved ----

  // planRows gives every action plan of the page a row for each step saved
  // beyond its rows (typed when it had more), so the step shows where it
  // was planned and can be edited there, instead of being out of sight.
  function planRows() {
    document.querySelectorAll(".block.actions[data-prompt]").forEach(function (sec) {
      var body = sec.querySelector(".actions-table tbody"), id = sec.getAttribute("data-prompt");
      var steps = body && body.rows.length ? planSteps(id) : [];
      var last = steps.length ? steps[steps.length - 1].row : 0;
      for (var n = body ? body.rows.length + 1 : 1; n <= last; n++) body.appendChild(planRow(body.rows[0], id, n));
    });
  }

  // planRow makes row n of plan id from its first row, tr.
  function planRow(tr, id, n) {
    var row = tr.cloneNode(true);
    row.setAttribute("data-label", t("js.step_n", { n: n }));
    row.querySelectorAll("[data-answer]").forEach(function (f) {
      var m = /\/r\d+c(\d+)$/.exec(f.getAttribute("data-answer"));
      var cell = f.closest("td");
      f.setAttribute("data-answer", id + "/r" + n + "c" + (m ? m[1] : "1"));
      f.setAttribute("aria-label", t("actions.cell", { column: cell ? cell.getAttribute("data-label") : "", n: n }));
      if (f.hasAttribute("data-date")) {
        f.type = "date";
        f.removeAttribute("data-date");
      }
      f.value = "";
      f.classList.remove("filled");
      f.style.height = "";
      if (cell) cell.removeAttribute("data-typed");
    });
    return row;
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
    withReviewed(sec.id, steps).forEach(function (s) { body.appendChild(stepRow(sec, s, when)); });
  }

  // withReviewed adds to a plan's steps, in row order, a step without
  // words for each row that review id holds answers for and the plan has
  // no step in (answered in the review's empty rows while the plan had no
  // steps typed), so those answers stay in sight.
  function withReviewed(id, steps) {
    var have = {}, rows = steps.slice(), re = new RegExp("^" + escRe(id) + "/r(\\d+)/");
    steps.forEach(function (s) { have[s.row] = true; });
    savedKeys().forEach(function (k) {
      var m = re.exec(k), v = load(k);
      if (!m || have[m[1]] || v === null || v.trim() === "") return;
      have[m[1]] = true;
      rows.push({ row: +m[1], cells: [] });
    });
    return rows.sort(function (a, b) { return a.row - b.row; });
  }

  // stepRow makes the row of a review for one planned step: the page's
  // first row, renumbered, with the step's words and date.
  function stepRow(sec, step, when) {
    var tr = sec.praxisRows[0].cloneNode(true), n = step.row, id = sec.id;
    tr.setAttribute("data-row", n);
    tr.querySelectorAll("[data-answer]").forEach(function (f) {
      var key = f.getAttribute("data-answer");
      f.setAttribute("data-answer", id + "/r" + n + key.slice(key.indexOf("/", id.length + 1)));
      var cell = f.closest("td");
      f.setAttribute("aria-label", cell && cell.classList.contains("review-status") ? t("review.status_cell", { n: n }) :
        t("actions.cell", { column: cell ? cell.getAttribute("data-label") : "", n: n }));
    });
    var th = tr.querySelector(".review-step");
    th.textContent = "";
    th.appendChild(el("span", "review-n", String(n)));
    th.appendChild(el("span", "review-what", step.cells[0] || t("js.step_without_words")));
    var date = when && step.cells[when - 1];
    if (date) {
      var time = el("time", "review-when", t("js.by_date", { date: formatDate(date) }));
      time.setAttribute("datetime", date);
      th.appendChild(time);
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
    var parts = t(count ? "js.review_planned" : "js.review_nothing").split("{plan}");
    note.append(parts[0], link, parts.slice(1).join(""));
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
    bar.setAttribute("aria-label", t("js.toolbar_label"));
    bar.appendChild(el("p", "", t("js.toolbar_note")));
    var dl = el("button", "download-answers", t("js.download"));
    var clear = el("button", "secondary clear-answers", t("js.clear"));
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

  // start listens for edits at once (what is typed before the store
  // answers is queued) and fills the fields once the store has answered.
  function start() {
    document.addEventListener("input", onEdit);
    document.addEventListener("change", onEdit);
    document.querySelectorAll("button.copy-link[data-copy]").forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { copyLink(b); });
    });
    store.ready(function () {
      planRows();
      fillReviews();
      var active = document.activeElement, all = fields();
      all.forEach(function (f) {
        var v = load(f.getAttribute("data-answer"));
        if (v !== null && (f !== active || f.value !== v)) restore(f, v);
        else sync(f);
      });
      store.onChange(remoteChange);
      if (all.length || prompts.length) toolbar();
      root.setAttribute("data-answers", "ready");
    });
  }

  // window.praxisAnswers: what loop.js (and tests) use. ready(f) calls f
  // once the store has answered; onChange(f) calls f(keys) after another
  // tab or page saved; settled() is a promise of every write having been
  // answered; saveMany(items, then) writes many answers and calls
  // then(failed keys); stored() is a promise of what the store holds,
// {answers, meta}, read from it; meta and setMeta read and write notes such as when
  // the answers were last saved to a file; storage() says where answers go:
  // "frame" (the store), "local" (this page's own storage) or "starting".
  window.praxisAnswers = {
    workbook: workbook, formerly: formerly, index: index, prompts: prompts, details: loadDetails,
    load: load, save: save, saved: allSaved, refresh: refresh, prompt: promptByID,
    planSteps: planSteps, formatDate: formatDate, t: t, downloadFile: downloadFile, el: el, notice: notice,
    ready: store.ready, onChange: store.onChange, settled: store.settled, stored: store.stored, saveMany: store.saveMany,
    meta: store.meta, setMeta: store.setMeta, storage: store.mode
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
