// The confusion matrix of a classification, train and test side by side (issue 15): row = the true class, column =
// the class the network picks, the diagonal right. Each cell is shaded by its share of its row.
// createConfusionView(root) → { update({ train, test, classes }) }   train/test: counts[i][j] or null

export function createConfusionView(root) {
  let key = "";

  function table(counts, caption, names) {
    const t = document.createElement("table");
    const cap = t.createCaption();
    cap.textContent = caption;
    const head = t.createTHead().insertRow();
    head.append(Object.assign(document.createElement("th"), { textContent: "true ↓ / picked →" }));
    names.forEach((n) => head.append(Object.assign(document.createElement("th"), { textContent: n, scope: "col" })));
    const body = t.createTBody();
    counts.forEach((row, i) => {
      const tr = body.insertRow();
      tr.append(Object.assign(document.createElement("th"), { textContent: names[i], scope: "row" }));
      const total = row.reduce((s, v) => s + v, 0) || 1;
      row.forEach((v, j) => {
        const td = tr.insertCell();
        td.textContent = String(v);
        td.className = i === j ? "right" : "wrong";
        td.style.setProperty("--share", (v / total).toFixed(3));
      });
    });
    return t;
  }

  return {
    update({ train, test, classes }) {
      const next = JSON.stringify([train, test, classes]);
      if (next === key) return;
      key = next;
      root.hidden = !train;
      if (!train) return root.replaceChildren();
      const names = train.map((_, i) => String(classes?.[i] ?? i));
      root.replaceChildren(table(train, "train", names), ...(test ? [table(test, "test", names)] : []));
    },
  };
}
