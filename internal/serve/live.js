// praxis live reload. Only `praxis serve` adds this script to pages; a built
// site never contains it. Events and their JSON data are described in the
// doc comment of package serve (internal/serve/doc.go).
(() => {
  "use strict";

  const overlayID = "praxis-build-errors";
  const scrollKey = "praxis:scroll:" + location.pathname;
  let build = null; // id of the build this page last heard about
  let source = null;

  // key maps the URL path of a page or file to one form, so that
  // "/ch1/page/" and "/ch1/page/index.html" compare equal.
  function key(p) {
    try {
      p = decodeURI(p);
    } catch (e) {
      // A malformed escape: compare the path as it is.
    }
    return p.endsWith("/index.html") ? p.slice(0, -"index.html".length) : p;
  }

  // affected reports whether a reload list concerns this page: an empty list
  // means everything, otherwise the page itself or any file it loaded.
  function affected(paths) {
    if (!Array.isArray(paths) || paths.length === 0) {
      return true;
    }
    const changed = new Set(paths.map(key));
    if (changed.has(key(location.pathname))) {
      return true;
    }
    return performance.getEntriesByType("resource").some((r) => {
      const u = new URL(r.name, location.href);
      return u.origin === location.origin && changed.has(key(u.pathname));
    });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, String(window.scrollY));
    } catch (e) {
      // Storage disabled: reload without keeping the scroll position.
    }
    location.reload();
  }

  function restoreScroll() {
    let y = null;
    try {
      y = sessionStorage.getItem(scrollKey);
      sessionStorage.removeItem(scrollKey);
    } catch (e) {
      return;
    }
    if (y === null) {
      return;
    }
    const go = () => window.scrollTo(0, Number(y));
    go();
    // Images and fonts still loading can change the height; go again after.
    if (document.readyState !== "complete") {
      window.addEventListener("load", go, { once: true });
    }
  }

  // swapStyles reloads the page's stylesheets whose paths changed (all of
  // them when none match, as with @import) by adding a fresh copy with a
  // cache-busting query and removing the old one once the new one loaded.
  function swapStyles(paths) {
    const links = Array.from(document.querySelectorAll('link[rel~="stylesheet"]'))
      .filter((l) => new URL(l.href, location.href).origin === location.origin);
    const changed = new Set((paths || []).map(key));
    let hit = links.filter((l) => changed.has(key(new URL(l.href, location.href).pathname)));
    if (hit.length === 0) {
      hit = links;
    }
    const stamp = String(Date.now());
    for (const old of hit) {
      const u = new URL(old.href, location.href);
      u.searchParams.set("praxis", stamp);
      const next = old.cloneNode();
      next.href = u.href;
      next.addEventListener("load", () => old.remove(), { once: true });
      next.addEventListener("error", () => old.remove(), { once: true });
      old.after(next);
    }
  }

  function el(tag, text) {
    const e = document.createElement(tag);
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  // The overlay lives in a shadow root so that the page's styles cannot
  // reach it. Error text only ever goes in through textContent.
  const overlayCSS = `
:host { all: initial; position: fixed; inset: 0 0 auto 0; z-index: 2147483647;
  max-height: 70vh; overflow: auto; font: 15px/1.5 system-ui, sans-serif; }
section { margin: 12px; padding: 12px 16px; background: #fff8f6; color: #3b0a0a;
  border: 2px solid #b3261e; border-radius: 8px; box-shadow: 0 4px 24px rgba(0,0,0,.25); }
header { display: flex; justify-content: space-between; align-items: start; gap: 1em; }
h2 { margin: 0 0 .4em; font-size: 1.1em; }
button { font: inherit; font-size: 1.4em; line-height: 1; padding: 0 .3em; cursor: pointer;
  background: none; border: 0; color: inherit; }
ol { margin: 0; padding-left: 1.4em; }
li { margin: .3em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font: 0.95em/1.4 ui-monospace, monospace; font-weight: bold; }
@media print { :host { display: none; } }
`;

  function showErrors(errors) {
    hideErrors();
    const host = el("div");
    host.id = overlayID;
    const root = host.attachShadow({ mode: "open" });
    const box = el("section");
    box.setAttribute("role", "alert");
    const close = el("button", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Dismiss");
    close.addEventListener("click", hideErrors);
    const head = el("header");
    head.append(el("h2", "The build failed; this is the last good version."), close);
    const list = el("ol");
    for (const e of errors || []) {
      const li = el("li");
      if (e.pos) {
        li.append(el("code", e.pos), ": ");
      }
      li.append(String(e.message));
      list.append(li);
    }
    box.append(head, list);
    root.append(el("style", overlayCSS), box);
    (document.body || document.documentElement).append(host);
  }

  function hideErrors() {
    const host = document.getElementById(overlayID);
    if (host) {
      host.remove();
    }
  }

  function on(name, handle) {
    source.addEventListener(name, (e) => {
      // The browser also fires a plain "error" event when the connection
      // drops; only server messages carry data.
      if (typeof e.data !== "string") {
        return;
      }
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      if (typeof msg.build === "string" && name !== "hello") {
        build = msg.build;
      }
      handle(msg);
    });
  }

  function connect() {
    source = new EventSource("/_praxis/events");
    on("hello", (msg) => {
      // A different build after a reconnect: the server restarted or this
      // page missed events. Reload once to show the current build.
      if (build !== null && msg.build !== build) {
        reload();
        return;
      }
      build = msg.build;
      hideErrors(); // an error event follows if the build is still failing
    });
    on("reload", (msg) => {
      if (affected(msg.paths)) {
        reload();
      }
    });
    on("css", (msg) => swapStyles(msg.paths));
    on("error", (msg) => showErrors(msg.errors));
    on("ok", hideErrors);
    source.addEventListener("error", () => {
      // EventSource retries by itself unless the server answered with
      // something other than an event stream; then try again later.
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, 1000);
      }
    });
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      hideErrors();
    }
  });
  restoreScroll();
  connect();
})();
