// Every piece of text a reader sees on the page, measured where it is drawn — run in the page by page_check.py.
// () => [{ what, kind, x0, y0, x1, y1, size, ratio, large, owner, clipped, group }]
//   what: a short description ("button \"Next\"", "svg .edge-value \"0.0823\""); kind: "html", "svg" or "katex";
//   x0…y1: the glyphs' box in viewport pixels (text nodes' ranges, not their elements' boxes), cut to what its
//     overflow-hidden containers let show; size: the computed font size in px;
//   ratio: the WCAG contrast of its color against the color behind it (composited backgrounds, opacity included;
//     null when what is behind is an image, a canvas or a gradient);
//   large: ≥ 24 px (or ≥ 18.66 px bold): AA asks 3:1 of large text, 4.5:1 of the rest;
//   owner: the neuron ("l:j") a diagram text belongs to; clipped: a part is cut off by the viewport or by a container
//     that does not scroll, or an SVG text runs past its SVG's box; group: an HTML text is measured a box per line, and its lines share a group number.
() => {
  // One measurement: every style read once (texts share their ancestors).
  const styles = new Map();
  const getComputedStyle = (el) => {
    let s = styles.get(el);
    if (!s) { s = window.getComputedStyle(el); styles.set(el, s); }
    return s;
  };
  const memo = (fn) => { const m = new Map(); return (el) => { if (!m.has(el)) m.set(el, fn(el)); return m.get(el); }; };
  // Shown, and not a visually hidden caption for screen readers (clipped to nothing, as .sr-only does).
  const srOnly = memo((el) => {
    if (!el || el.nodeType !== 1) return false;
    const s = getComputedStyle(el);
    return (s.clip !== "auto" && s.clip !== "" && parseFloat(s.width) <= 1) || srOnly(el.parentElement);
  });
  const visible = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && !srOnly(el);
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1);
  };
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const opacityOf = memo((el) => (!el || el.nodeType !== 1 ? 1
    : Number(getComputedStyle(el).opacity) * opacityOf(el.parentElement)));
  // The solid color behind an element: its own and its ancestors' backgrounds, composited from the page up.
  const behind = memo((el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.backgroundImage !== "none" || e.tagName === "CANVAS") return null;
      const c = parse(s.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let color = [255, 255, 255, 1];
    for (const c of layers.reverse()) color = over(c, color);
    return color;
  });
  // The containers that clip an element's children: its own (if it clips) and its ancestors'.
  const clipping = memo((e) => {
    if (!e || e === document.documentElement || e.nodeType !== 1) return [];
    const s = getComputedStyle(e), up = clipping(e.parentElement);
    if (s.overflowX === "visible" && s.overflowY === "visible") return up;
    return [{ r: e.getBoundingClientRect(), scrolls: /auto|scroll/.test(s.overflowX + s.overflowY) }, ...up];
  });
  const clipsOf = (el) => clipping(el.parentElement);
  const items = [];
  const pageScrolls = document.scrollingElement.scrollHeight > innerHeight + 1;   // a phone's page scrolls down
  const fixedBars = pageScrolls ? [...document.body.children]
    .filter((e) => getComputedStyle(e).position === "fixed" && visible(e))
    .map((e) => ({ el: e, r: e.getBoundingClientRect() })) : [];
  const add = (el, rect, kind, what, fg, bg, owner = null, bounds = null) => {
    if (!rect || rect.width < 0.5 || rect.height < 0.5) return;
    let { left: x0, top: y0, right: x1, bottom: y1 } = rect;
    // A drawing's text past its drawing's box (an SVG that lets it overflow) runs under the panel beside it.
    let clipped = !!bounds && (x0 < bounds.left - 1 || x1 > bounds.right + 1 || y0 < bounds.top - 1 || y1 > bounds.bottom + 1);
    // Its own box clips it too; a text shortened on purpose ("…", its whole in a title) is not cut off.
    const own = getComputedStyle(el);
    if (own.overflowX !== "visible" && el.tagName !== "BUTTON" || own.textOverflow === "ellipsis") {
      const r = el.getBoundingClientRect();
      if (own.textOverflow !== "ellipsis" && (r.left > x0 + 1 || r.right < x1 - 1)) clipped = true;
      [x0, x1] = [Math.max(x0, r.left), Math.min(x1, r.right)];
    }
    for (const { r, scrolls } of clipsOf(el)) {
      const nx0 = Math.max(x0, r.left), ny0 = Math.max(y0, r.top), nx1 = Math.min(x1, r.right), ny1 = Math.min(y1, r.bottom);
      if (!scrolls && (nx0 > x0 + 1 || ny0 > y0 + 1 || nx1 < x1 - 1 || ny1 < y1 - 1)) clipped = true;
      [x0, y0, x1, y1] = [nx0, ny0, nx1, ny1];
    }
    // Under a bar fixed to the screen (a phone's back/next), content scrolls out of sight, not into a collision.
    for (const bar of fixedBars) {
      if (bar.el.contains(el) || x1 <= bar.r.left || x0 >= bar.r.right || y1 <= bar.r.top || y0 >= bar.r.bottom) continue;
      if (y0 < bar.r.top) y1 = Math.min(y1, bar.r.top); else y0 = Math.max(y0, bar.r.bottom);
    }
    if (x1 - x0 < 0.5 || y1 - y0 < 0.5) return;   // scrolled out of sight
    // What a scrolling container lets show must then fit the screen (the page itself never scrolls).
    if (x0 < -1 || x1 > innerWidth + 1 || (!pageScrolls && (y0 < -1 || y1 > innerHeight + 1))) clipped = true;
    const s = getComputedStyle(el);
    const size = parseFloat(s.fontSize);
    const bold = Number(s.fontWeight) >= 600;
    let ratio = null;
    if (fg && bg) {
      const o = opacityOf(el);
      ratio = contrast(over([...fg.slice(0, 3), (fg[3] ?? 1) * o], bg), bg);
    }
    items.push({ what, kind, x0, y0, x1, y1, size, ratio, large: size >= 24 || (bold && size >= 18.66), owner, clipped,
                 group: kind === "html" ? group : null });
  };

  // HTML: each element's own text (its text nodes), not its children's.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let group = 0;   // the boxes of one element's lines share a group: they are one text, not a collision
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || seen.has(el)) continue;
    if (el.closest("svg, .katex, script, style, option, noscript, template")) continue;
    if (!visible(el)) continue;
    seen.add(el);
    // Only the element's own text nodes (a range over the element would include its children's), a box per line:
    // the union of a paragraph's lines would cover the bold lead-in it starts with.
    const lines = [];
    for (const t of el.childNodes) {
      if (t.nodeType !== 3 || !t.textContent.trim()) continue;
      const r = document.createRange();
      r.selectNodeContents(t);
      lines.push(...[...r.getClientRects()].filter((b) => b.width >= 0.5 && b.height >= 0.5));
    }
    group += 1;
    const what = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${el.textContent.trim().slice(0, 40)}"`;
    for (const box of lines) add(el, box, "html", what, parse(getComputedStyle(el).color), behind(el));
  }
  // Form controls show text that is not a text node.
  for (const el of document.querySelectorAll("select, input[type=number], input[type=text]")) {
    if (!visible(el)) continue;
    const shown = el.tagName === "SELECT" ? el.selectedOptions[0]?.textContent ?? "" : el.value;
    if (!shown.trim()) continue;
    add(el, el.getBoundingClientRect(), "html", `${el.tagName.toLowerCase()}#${el.id} "${shown.slice(0, 40)}"`,
        parse(getComputedStyle(el).color), behind(el));
  }
  // KaTeX: each typeset formula as one box (its parts stack and overlap by design).
  for (const el of document.querySelectorAll(".katex-html")) {
    const k = el.closest(".katex");
    if (!visible(k)) continue;
    add(k, el.getBoundingClientRect(), "katex", `katex "${(k.querySelector("annotation")?.textContent ?? "").slice(0, 50)}"`,
        parse(getComputedStyle(k).color), behind(k));
  }
  // SVG texts: their own fill over the paper behind the SVG, or over their neuron's fill.
  for (const el of document.querySelectorAll("svg text")) {
    if (!el.textContent.trim() || !visible(el) || /probe/.test(el.getAttribute("class") ?? "")) continue;
    const neuron = el.closest(".neuron");
    const body = neuron?.querySelector("circle.body");
    const inside = el.classList.contains("neuron-value") && !el.closest(".beside");
    // A value inside its neuron stands on the circle's fill (over the paper, if the fill is not opaque); any other
    // diagram text on the paper (its halo is the paper's color).
    const paper = behind(el.closest("svg").parentElement);
    const fill = inside && body ? parse(getComputedStyle(body).fill) : null;
    const bg = fill && paper ? over([...fill.slice(0, 3), fill[3] * Number(getComputedStyle(body).fillOpacity)], paper)
      : paper;
    add(el, el.getBoundingClientRect(), "svg",
        `svg .${(el.getAttribute("class") ?? "").split(" ")[0]} "${el.textContent.trim().slice(0, 40)}"`,
        parse(getComputedStyle(el).fill), bg && bg.length ? [...bg.slice(0, 3), 1] : null,
        neuron ? `${neuron.dataset.l}:${neuron.dataset.j}` : null, el.closest("svg").getBoundingClientRect());
  }
  return items;
}
