package chrometest

// OverflowScript evaluates, in a page, to the elements whose box lies
// outside the layout width (at most 20), as "tag.class: left..right", for
// tests that nothing runs off a printed page.
const OverflowScript = `(() => {
  const limit = document.documentElement.clientWidth + 1;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > limit || r.left < -1) out.push(el.tagName.toLowerCase() + '.' + el.className + ': ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return out.slice(0, 20);
})()`
