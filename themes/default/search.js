// praxis search script: the search box in the header of every page.
//
// The page holds the box in a <template id="search-box">, which this script
// puts in place, so without JavaScript there is no box that cannot work.
// The words the box says are data- attributes of the template's element,
// so a translation or a theme changes them without touching this script.
//
// The index is search-index.js beside prompts.js at the edition's root
// (see internal/search): window.praxisSearch = {pages: [[url, title,
// chapter, words, [[id, heading, words], …], [[id, number, text], …]], …],
// chapters, words}: each page with its sections and prompts, where the
// words of a page and of its sections are numbers in base 36 into "words". It is a script, added to
// the page the first time the reader focuses the box or presses its
// shortcut, because pages opened from file:// may not fetch files, and
// pages stay light until then.
//
// A query finds pages, headings and prompts whose text has every word of
// the query at the start of one of its words ("exp" finds "experiment"),
// in any case and without accents ("reflexion" finds "Réflexion"). Words
// of scripts written without spaces, like Japanese, are found anywhere in
// the text. Titles, headings and prompts count most, then what the page
// says under them; ties keep the reading order.
//
// Keys: "/" (outside a text field) or Ctrl+K / Cmd+K focuses the box;
// Down and Up move through the results, Enter opens one (from the box, the
// first), Escape closes the list.
(function () {
  "use strict";

  var template = document.getElementById("search-box");
  if (!template || !template.content || !template.content.firstElementChild) return;
  var box = template.content.firstElementChild.cloneNode(true);
  template.replaceWith(box);
  var input = box.querySelector(".search-input");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-results");
  // What the box says: the search.* words of prompts.js (results, more,
  // none, loading, failed, prompt), or, from a template of an earlier
  // praxis, the box's data- attributes (one, many, …).
  var words = (window.praxisWorkbook || {}).words || {};
  var legacy = box.dataset;
  var root = document.documentElement.getAttribute("data-root") || "";
  var SHOWN = 20; // results listed at most: more words narrow them

  // ---- Folding: how text and queries are compared ----

  var ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;
  // Scripts written without spaces between words: a query word is found
  // anywhere in their text, not only at the start of a word.
  var UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

  // fold lower-cases s and takes the accents off its letters.
  function fold(s) { return s.toLowerCase().normalize("NFD").replace(ACCENTS, ""); }

  // wordsOf returns the folded words of s between spaces, with a space
  // before and after, so " exp" finds a word starting with "exp".
  function wordsOf(s) { return " " + fold(s).replace(NOT_WORD, " ").trim() + " "; }

  // ---- The index, loaded on first use ----

  var docs = null;     // what can be found, once the index is loaded
  var vocab = null;    // the index's words, folded
  var postings = null; // for each word of vocab, the docs that hold it
  var loading = false; // the index's script is on its way
  var failed = false;  // the last attempt to load it failed

  // load adds search-index.js to the page, once, and searches for what the
  // box holds when it has arrived.
  function load() {
    if (docs || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = s.onerror = function () {
      var data = window.praxisSearch;
      loading = false;
      failed = !data || !Array.isArray(data.pages) || !Array.isArray(data.words);
      if (failed) s.remove(); // the next focus tries again
      else prepare(data);
      if (input.value.trim()) update();
    };
    document.head.appendChild(s);
  }

  // prepare lists what can be found in reading order: each page, then its
  // headings, then its prompts; and which of them hold each word.
  function prepare(data) {
    var chapters = data.chapters || [], out = [];
    vocab = data.words.map(fold);
    postings = vocab.map(function () { return []; });
    function add(d, words) {
      if (words) words.split(" ").forEach(function (w) { postings[parseInt(w, 36)].push(out.length); });
      out.push(d);
      return d;
    }
    data.pages.forEach(function (p) {
      var page = { url: p[0], title: p[1], chapter: chapters[p[2]] || "" };
      add(doc("page", page, "", p[1]), p[3]);
      (p[4] || []).forEach(function (h) { add(doc("heading", page, h[0], h[1]), h[2]); });
      (p[5] || []).forEach(function (q) { add(doc("prompt", page, q[0], q[2])).number = q[1]; });
    });
    docs = out;
  }

  function doc(kind, page, anchor, text) {
    return { kind: kind, page: page, anchor: anchor, text: text, key: wordsOf(text) };
  }

  // ---- Searching ----

  var WEIGHT = { page: 30, heading: 20, prompt: 20 }; // a query word in the title or question
  var BODY = 3;                                        // a query word in the text below it

  // termsOf returns the distinct words of a query.
  function termsOf(query) {
    var seen = {};
    return wordsOf(query).split(" ").filter(function (t) {
      if (!t || seen[t]) return false;
      return (seen[t] = true);
    }).map(function (t) {
      return { text: t, start: " " + t, whole: " " + t + " ", anywhere: UNSPACED.test(t) };
    });
  }

  // find returns what holds every term, best first. A term counts for a
  // doc where its title or question has a word starting with the term,
  // else where the text below has one; a whole word counts a little more.
  function find(terms) {
    var total = new Float64Array(docs.length), hits = [];
    terms.forEach(function (t, n) {
      var score = new Uint8Array(docs.length);
      vocab.forEach(function (v, w) {
        var at = v.indexOf(t.text);
        if (at < 0 || (at > 0 && !t.anywhere)) return;
        var s = v === t.text ? BODY + 1 : BODY, p = postings[w];
        for (var k = 0; k < p.length; k++) if (score[p[k]] < s) score[p[k]] = s;
      });
      for (var i = 0; i < docs.length; i++) {
        if (n && !total[i]) continue; // an earlier term is missing
        var key = docs[i].key, at = key.indexOf(t.anywhere ? t.text : t.start);
        if (at >= 0) score[i] = WEIGHT[docs[i].kind] + (key.indexOf(t.whole) >= 0 ? 5 : 0);
        total[i] = score[i] ? total[i] + score[i] : 0;
      }
    });
    for (var i = 0; i < docs.length; i++) if (total[i]) hits.push({ doc: docs[i], score: total[i], order: i });
    return hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
  }

  // ---- Showing the results ----

  // say returns the words named name with {key} filled in from values; a
  // word with plural forms takes the one for values.n.
  function say(name, values) {
    var w = words["search." + name];
    if (w && typeof w === "object") w = w[plural(+values.n || 0)] || w.other;
    if (typeof w !== "string") w = name === "results" ? legacy[values.n === 1 ? "one" : "many"] : legacy[name];
    return (w || "").replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  // plural returns the CLDR plural category of n in the page's language.
  function plural(n) {
    try { return new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) { return n === 1 ? "one" : "other"; }
  }

  function update() {
    var query = input.value.trim();
    if (!query) return close(true);
    if (!docs) {
      status.textContent = say(failed && !loading ? "failed" : "loading", {});
      list.textContent = "";
      return open();
    }
    var terms = termsOf(query), hits = find(terms);
    list.textContent = "";
    hits.slice(0, SHOWN).forEach(function (h) { list.appendChild(item(h.doc, terms)); });
    status.textContent = !hits.length ? say("none", { query: query }) :
      hits.length > SHOWN ? say("more", { shown: SHOWN, n: hits.length }) :
      say("results", { n: hits.length });
    open();
  }

  // item is the list item of one result: what was found, with the query's
  // words marked, and where it is.
  function item(d, terms) {
    var li = document.createElement("li");
    var a = li.appendChild(document.createElement("a"));
    a.href = root + d.page.url + (d.anchor ? "#" + d.anchor : "");
    var text = d.text.length > 160 ? Array.from(d.text).slice(0, 159).join("").trim() + "…" : d.text;
    a.appendChild(span("search-hit")).appendChild(marked(text, terms));
    var where = [d.page.chapter];
    if (d.kind !== "page") where.push(d.page.title);
    if (d.kind === "prompt") where.push(say("prompt", { number: d.number }));
    where = where.filter(Boolean).join(" · ");
    if (where) a.appendChild(span("search-where")).textContent = where;
    return li;
  }

  function span(cls) {
    var s = document.createElement("span");
    s.className = cls;
    return s;
  }

  // marked returns text with the words that match terms in <mark>. It
  // folds text character by character, remembering where each folded
  // character came from, so a match in the folded text marks the
  // characters as written.
  function marked(text, terms) {
    var folded = "", from = [], to = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i)), f = fold(ch).replace(NOT_WORD, " ");
      for (var k = 0; k < f.length; k++) { from.push(i); to.push(i + ch.length); }
      folded += f;
      i += ch.length;
    }
    var ranges = [];
    terms.forEach(function (t) {
      for (var at = folded.indexOf(t.text); at >= 0; at = folded.indexOf(t.text, at + 1)) {
        if (t.anywhere || at === 0 || folded[at - 1] === " ") ranges.push([from[at], to[at + t.text.length - 1]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var out = document.createDocumentFragment(), pos = 0;
    ranges.forEach(function (r) {
      if (r[1] <= pos) return;
      var start = Math.max(r[0], pos);
      if (start > pos) out.appendChild(document.createTextNode(text.slice(pos, start)));
      out.appendChild(document.createElement("mark")).textContent = text.slice(start, r[1]);
      pos = r[1];
    });
    if (pos < text.length) out.appendChild(document.createTextNode(text.slice(pos)));
    return out;
  }

  function open() { box.classList.add("open"); }

  // close hides the results; with clear set it also forgets them, as when
  // the box is emptied.
  function close(clear) {
    box.classList.remove("open");
    if (clear === true) {
      list.textContent = "";
      status.textContent = "";
    }
  }

  // ---- Keys and focus ----

  function links() { return [].slice.call(list.querySelectorAll("a")); }

  // typing reports whether el takes typed text, so "/" is a character there.
  function typing(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset|range|color|file)$/.test(el.type);
  }

  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey) return;
    var ctrlK = (e.ctrlKey || e.metaKey) && !e.shiftKey && (e.key === "k" || e.key === "K");
    var slash = e.key === "/" && !e.ctrlKey && !e.metaKey && !typing(e.target);
    if (!ctrlK && !slash) return;
    e.preventDefault();
    input.focus();
    input.select();
  });

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim() && list.firstChild) open();
  });
  input.addEventListener("input", function () {
    load();
    update();
  });
  input.addEventListener("keydown", function (e) {
    if (e.isComposing || e.keyCode === 229) return; // the keys belong to an input method, as for Japanese
    var first = links()[0];
    if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      open();
      first.focus();
    } else if (e.key === "Enter") {
      e.preventDefault(); // no form to send
      if (first && box.classList.contains("open")) first.click();
    } else if (e.key === "Escape") {
      e.preventDefault(); // keeps what was typed; a second Escape clears it
      if (box.classList.contains("open")) close();
      else {
        input.value = "";
        close(true);
      }
    }
  });
  list.addEventListener("keydown", function (e) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (i < 0) return;
    var to = { ArrowDown: all[i + 1] || all[i], ArrowUp: i ? all[i - 1] : input, Home: all[0], End: all[all.length - 1] }[e.key];
    if (e.key === "Escape") to = input;
    if (!to) return;
    e.preventDefault();
    if (e.key === "Escape") close();
    to.focus();
  });
  // A result on this same page only moves the page: close the list.
  list.addEventListener("click", function (e) { if (e.target.closest("a")) close(); });
  // Closes when the reader goes elsewhere: by pointer or by keyboard.
  document.addEventListener("pointerdown", function (e) { if (!box.contains(e.target)) close(); });
  document.addEventListener("focusin", function (e) { if (!box.contains(e.target)) close(); });
})();
