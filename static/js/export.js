// Files out of the page: the network document, the current trace (JSON, CSV), the diagram (SVG, PNG).
// The pure parts (traceRows, traceCsv) are unit-tested; download() and the image parts need a browser.

/** Offer `blob` as a download called `name` (a blob: URL, which the page's CSP allows). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const jsonBlob = (data) => new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });

/** Every number of a step as rows: quantity, layer l, example (batch position), j, k, value. */
export function traceRows(rec) {
  const rows = [];
  const perExample = { z: rec.z, a: rec.a, sigma_prime: rec.sp, delta: rec.delta };
  for (const [name, layers] of Object.entries(perExample)) {
    for (const [l, byExample] of Object.entries(layers)) {
      byExample.forEach((values, x) => values.forEach((v, j) => rows.push([name, l, x, j + 1, "", v])));
    }
  }
  rec.y?.forEach((values, x) => values.forEach((v, j) => rows.push(["y", rec.L, x, j + 1, "", v])));
  const matrices = { W: rec.W, nabla_w: rec.nablaW, Delta: rec.Delta, W_new: rec.Wnew };
  for (const [name, layers] of Object.entries(matrices)) {
    for (const [l, m] of Object.entries(layers)) {
      m.forEach((row, j) => row.forEach((v, k) => rows.push([name, l, "", j + 1, k + 1, v])));
    }
  }
  const vectors = { b: rec.b, nabla_b: rec.nablaB, b_new: rec.bnew };
  for (const [name, layers] of Object.entries(vectors)) {
    for (const [l, v] of Object.entries(layers)) v.forEach((x, j) => rows.push([name, l, "", j + 1, "", x]));
  }
  rows.push(["cost", rec.L, "", "", "", rec.cost]);
  return rows;
}

export function traceCsv(rec) {
  const head = "quantity,layer,example,j,k,value";
  return [head, ...traceRows(rec).map((r) => r.join(","))].join("\n") + "\n";
}

/** A standalone copy of the diagram's SVG: its stylesheet inlined and the theme's colors resolved. */
export async function svgSnapshot(svgEl) {
  const css = await fetch("/static/css/diagram.css").then((r) => r.text());
  const vars = getComputedStyle(svgEl);
  const names = ["--ink", "--muted", "--paper", "--line", "--accent", "--focus", "--neutral",
                 "--value-size", "--label-size", "--bias-size"];
  const root = names.map((n) => `${n}: ${vars.getPropertyValue(n)};`).join(" ");
  const copy = svgEl.cloneNode(true);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const { width, height } = svgEl.getBoundingClientRect();
  copy.setAttribute("width", String(Math.round(width)));
  copy.setAttribute("height", String(Math.round(height)));
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent = `svg { ${root} font-family: system-ui, sans-serif; background: ${vars.getPropertyValue("--paper")}; }\n${css}`;
  copy.insertBefore(style, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** The SVG snapshot drawn onto a canvas at 2× (for slides), as a PNG blob. */
export async function pngFromSvg(svgText, width, height) {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext("2d");
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
