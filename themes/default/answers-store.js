// praxis answers store: the one place where a workbook keeps the answers a
// reader types, whichever of its pages they type them on.
//
// answers-store.html, a file at the top of the built site, loads this
// script. Every page of the workbook opens that file in a hidden frame and
// asks it, with postMessage, to read and write answers (answers.js). The
// frame's localStorage is the storage of that one file, so all pages share
// it, in every browser:
//
//   - Firefox gives each page opened from file:// its own storage (with its
//     default security.fileuri.strict_origin_policy), so a page's own
//     localStorage would see only the answers typed on that page;
//   - Chromium shares one storage among all of file://, and over http(s)
//     all pages of a site share their origin's: there the frame's storage is
//     the pages' own, and going through it costs one small file per page
//     but keeps one way of saving, tested in every browser.
//
// Keys are "praxis:{workbook}:{key}" for answers, as the pages wrote them
// before this store existed, and "praxis-meta:{workbook}:{name}" for what
// the script notes about them (when they were last saved to a file).
// "praxis-store" holds a random token that tells a page whether its own
// storage is this one (then it has nothing to move here).
//
// Messages are objects with praxis: "praxis-answers" and an op:
//
//   page → store  {op: "hello", workbook, formerly}   store → page  {op: "hello", ok, token, fresh, answers, meta}
//   page → store  {op: "set", seq, answers, meta}      store → page  {op: "ack", seq, failed, failedMeta}
//   page → store  {op: "read", seq}                    store → page  {op: "read", seq, answers, meta}
//   page → store  {op: "persist"}                      store → page  {op: "persist", persisted}
//                                                      store → page  {op: "changed", answers, meta, reset}
//
// answers and meta map keys to text, or to null to remove them. "changed"
// tells the page what another tab or page wrote (a storage event). fresh
// says that the token was made just now, so a page that does not see it in
// its own storage cannot tell yet whether that storage is this one (in
// Chromium a frame's writes reach the page's view of the same storage a
// moment later).
//
// Who may ask. The store answers only the page that framed it (the message
// comes from window.parent, and the store is not a top-level page) and,
// over http(s), only a page of its own origin: another site that frames
// this file gets nothing, and its messages are ignored. From file:// every
// page's origin is "null" (Firefox) or "file://" (Chromium), so the origin
// tells nothing: any local HTML file that the reader opens and that frames
// this file could read the workbook's answers. That is no more than such a
// file can do in Chromium anyway, where all of file:// shares one storage,
// and a web page cannot frame or open file:// addresses. Keys are always
// made here from the workbook id and a prefix, so a page can reach only
// praxis keys, never other data of the origin. The store makes no network
// request.
(function () {
  "use strict";

  var PROTO = "praxis-answers";
  var parent = window.parent;
  if (parent === window) return; // opened on its own: nobody to serve

  var web = location.protocol === "http:" || location.protocol === "https:";
  var target = web ? location.origin : "*";
  var ls = null;
  try {
    ls = window.localStorage;
    ls.getItem("praxis-store");
  } catch (e) {
    ls = null;
  }
  var workbook = null; // set by the first hello

  // accepted reports whether message event e may be answered.
  function accepted(e) {
    if (e.source !== parent || !e.data || e.data.praxis !== PROTO) return false;
    if (web) return e.origin === location.origin;
    return e.origin === "null" || e.origin === "file://" || e.origin === location.origin;
  }

  function send(msg) {
    msg.praxis = PROTO;
    parent.postMessage(msg, target);
  }

  function answerPrefix(wb) { return "praxis:" + wb + ":"; }
  function metaPrefix(wb) { return "praxis-meta:" + wb + ":"; }

  // under returns {key: value} of every stored key that starts with pre,
  // without pre.
  function under(pre) {
    var out = {};
    if (!ls) return out;
    for (var i = 0; i < ls.length; i++) {
      var k = ls.key(i);
      if (k && k.indexOf(pre) === 0) out[k.slice(pre.length)] = ls.getItem(k);
    }
    return out;
  }

  // token returns this storage's token, made on first use: {token, fresh}.
  function token() {
    if (!ls) return { token: "", fresh: true };
    try {
      var t = ls.getItem("praxis-store");
      if (t) return { token: t, fresh: false };
      t = Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
      ls.setItem("praxis-store", t);
      return { token: t, fresh: true };
    } catch (e) {
      return { token: "", fresh: true };
    }
  }

  // adopt moves the answers saved under the workbook's former id (made by
  // an earlier praxis from the same title) to its id. An answer already
  // saved under the new id stays, and so does the old one then.
  function adopt(from) {
    if (!ls || typeof from !== "string" || !from || from === workbook) return;
    var old = answerPrefix(from), now = answerPrefix(workbook), saved = under(old);
    Object.keys(saved).forEach(function (k) {
      try {
        var cur = ls.getItem(now + k);
        if (cur === null) ls.setItem(now + k, saved[k]);
        if (cur === null || cur === saved[k]) ls.removeItem(old + k);
      } catch (e) { /* full: it stays where it is, and is moved next time */ }
    });
  }

  function hello(msg) {
    if (typeof msg.workbook !== "string" || !msg.workbook) return;
    workbook = msg.workbook;
    adopt(msg.formerly);
    var t = token();
    send({ op: "hello", ok: !!ls, token: t.token, fresh: t.fresh, answers: under(answerPrefix(workbook)), meta: under(metaPrefix(workbook)) });
  }

  function read(msg) {
    if (!workbook) return;
    send({ op: "read", seq: msg.seq, answers: under(answerPrefix(workbook)), meta: under(metaPrefix(workbook)) });
  }

  // write stores each entry of items (null removes) under pre and returns
  // the keys that could not be stored.
  function write(pre, items) {
    var failed = [];
    if (!items || typeof items !== "object") return failed;
    Object.keys(items).forEach(function (k) {
      var v = items[k];
      try {
        if (v === null) ls.removeItem(pre + k);
        else if (typeof v === "string") ls.setItem(pre + k, v);
      } catch (e) {
        failed.push(k);
      }
    });
    return failed;
  }

  function set(msg) {
    if (!workbook) return;
    if (!ls) {
      send({ op: "ack", seq: msg.seq, failed: Object.keys(msg.answers || {}), failedMeta: Object.keys(msg.meta || {}) });
      return;
    }
    send({ op: "ack", seq: msg.seq, failed: write(answerPrefix(workbook), msg.answers), failedMeta: write(metaPrefix(workbook), msg.meta) });
  }

  // persist asks the browser to keep this storage when it runs short of
  // space, and tells the page whether it will. It never waits for the
  // reader: a browser may ask them, and they may never answer.
  function persist() {
    var s = navigator.storage;
    if (!s || !s.persist || !s.persisted) return send({ op: "persist", persisted: false });
    s.persisted().then(function (p) { return p || s.persist(); }).then(function (p) {
      send({ op: "persist", persisted: !!p });
    }, function () {
      send({ op: "persist", persisted: false });
    });
  }

  window.addEventListener("message", function (e) {
    if (!accepted(e)) return;
    var msg = e.data;
    if (msg.op === "hello") hello(msg);
    else if (msg.op === "set") set(msg);
    else if (msg.op === "read") read(msg);
    else if (msg.op === "persist") persist();
  });

  // Another page or tab changed the storage: tell this page what changed
  // of its workbook, or everything when the storage was cleared.
  window.addEventListener("storage", function (e) {
    if (!workbook || !ls || e.storageArea !== ls) return;
    if (e.key === null) {
      send({ op: "changed", reset: true, answers: under(answerPrefix(workbook)), meta: under(metaPrefix(workbook)) });
      return;
    }
    var a = answerPrefix(workbook), m = metaPrefix(workbook), change = {};
    if (e.key.indexOf(a) === 0) {
      change[e.key.slice(a.length)] = e.newValue;
      send({ op: "changed", answers: change, meta: {} });
    } else if (e.key.indexOf(m) === 0) {
      change[e.key.slice(m.length)] = e.newValue;
      send({ op: "changed", answers: {}, meta: change });
    }
  });
})();
