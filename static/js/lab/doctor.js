// The training doctor's findings, in plain words, each with its number and one thing to try (issue 15). They come
// with the metrics (the network as it is: GET …/metrics and every stream event) and with the stream (the run's
// course: overfitting, slow learning, η too large, divergence).
// createDoctorView(root) → { update(diagnoses) }

const TITLES = {
  dead_units: "Dead units", saturated_units: "Saturated units", vanishing_gradients: "Vanishing gradients",
  exploding_gradients: "Exploding gradients", symmetric_units: "Identical units", overfitting: "Overfitting",
  slow_learning: "Learning slowly", eta_too_large: "η too large", diverged: "Diverged",
};
const SHOWN = 3; // at most, the most serious first (the stream's findings, then the network's)

export function createDoctorView(root) {
  let key = "";
  return {
    update(diagnoses) {
      const list = diagnoses.slice(0, SHOWN);
      const next = list.map((d) => d.code + d.message).join("|");
      if (next === key) return; // the same findings: no new DOM (this runs with the slow views while training)
      key = next;
      root.hidden = !list.length;
      root.replaceChildren(...list.map((d) => {
        const item = document.createElement("div");
        item.className = "finding";
        item.dataset.code = d.code;
        const title = document.createElement("strong");
        title.textContent = `${TITLES[d.code] ?? d.code}. `;
        const advice = document.createElement("em");
        advice.textContent = ` ${d.advice}`;
        item.append(title, d.message, advice);
        return item;
      }));
    },
  };
}
