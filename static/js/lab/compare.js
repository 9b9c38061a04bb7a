// "Compare η ÷10, ×1, ×10": three copies of the network trained from where it is, one curve each (the
// lesson of the articles' learning-rate example: too small crawls, too large overshoots or diverges). The network itself does not change.

const $ = (id) => document.getElementById(id);

export async function compareRates(lab, { views, status }) {
  const eta = lab.network.spec.eta;
  status("Training three copies from here…");
  const res = await fetch(`/api/networks/${lab.network.id}/compare`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ etas: [eta / 10, eta, eta * 10], steps: 300 }),
  });
  const out = await res.json();
  if (!res.ok) {
    status(`The comparison could not run: ${out.error?.message ?? res.status}`);
    return;
  }
  $("compare-plot").hidden = false;
  lab.compared = out.runs;   // drawn again with the other curves (a resize, a theme, projector mode)
  views.drawComparison(out.runs);
  status("Too small crawls; too large overshoots or diverges.");
}
