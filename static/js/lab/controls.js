// The lab's top bar: data set (and a generated set's noise, size, test share and seed), η, batch, update rule (the
// registry's, static/js/registry.js), L2 and L1 → spec patches; a built-in set brings its suggested network.
// createControls({ onRespec(patch, note), onCsv() }) → { sync(spec, ownData) }. No drawing, no fetching.

import { UPDATE_RULES } from "../registry.js";

const $ = (id) => document.getElementById(id);

/** The full spec of the network suggested for a built-in data set (app/core/suggested.py), as the menu's option
 *  carries it (GET /api/datasets' `network`): built when the set is chosen, and xor's when the lab opens. */
export function suggestedNetwork(name) {
  const option = [...$("lab-dataset").options].find((o) => o.value === name);
  return JSON.parse(option.dataset.network);
}

/** The update rule menu: one option per rule, named as in the spec, and a tooltip of what each does. */
function fillRules(select) {
  select.title = Object.entries(UPDATE_RULES).map(([name, rule]) => `${name}: ${rule.hint}`).join(" · ");
  select.replaceChildren(...Object.keys(UPDATE_RULES).map((name) => new Option(name, name)));
}

export function createControls({ onRespec, onCsv }) {
  let spec = null;
  let etaBefore = null; // the η a rule with its own η replaced: restored when leaving it, unless η was changed
  fillRules($("lab-optimizer"));

  /** Show the spec's values. ownData: a name for data that are not a generated set (a CSV, added points). */
  function sync(current, ownData) {
    spec = current;
    $("lab-eta").value = spec.eta;
    $("lab-batch").value = spec.batch_size;
    $("lab-optimizer").value = spec.optimizer;
    $("lab-momentum").value = spec.momentum;
    $("lab-momentum-field").hidden = !UPDATE_RULES[spec.optimizer].settings.includes("momentum"); // μ
    $("lab-lam").value = spec.lam;
    $("lab-l1").value = spec.l1;
    const own = $("lab-dataset-own");
    own.hidden = !ownData;
    own.textContent = ownData ?? "your data";
    $("lab-dataset").value = ownData ? "" : spec.dataset?.name ?? "";
    const set = ownData ? null : spec.dataset; // a generated set's own settings (not a CSV's, nor added points')
    $("lab-data-fields").hidden = !set;
    if (set) {
      $("lab-noise").value = set.noise;
      $("lab-points").value = set.n;
      $("lab-test-share").value = Math.round(100 * set.test_fraction);
    }
  }

  /** A generated set's setting → the same network on the set drawn anew (value in range, else put back). */
  function dataField(id, change, ok) {
    $(id).addEventListener("change", (e) => {
      const v = Number(e.target.value);
      if (!spec.dataset || e.target.value === "" || !Number.isFinite(v) || !ok(v)) {
        sync(spec, null);
        return;
      }
      onRespec({ dataset: { ...spec.dataset, ...change(v) }, initial: null });
    });
  }
  dataField("lab-noise", (v) => ({ noise: v }), (v) => v >= 0 && v <= 1);
  dataField("lab-points", (v) => ({ n: v }), (v) => Number.isInteger(v) && v >= 4 && v <= 10_000);
  dataField("lab-test-share", (v) => ({ test_fraction: v / 100 }), (v) => v >= 0 && v <= 90);
  $("lab-regenerate").addEventListener("click", () => {
    if (spec.dataset) onRespec({ dataset: { ...spec.dataset, seed: (spec.dataset.seed ?? 0) + 1 } }, "New points.");
  });

  /** A number input → a patch of one field, when the value is a number in range (else put it back). */
  function numberField(id, field, { min = 0, max = Infinity, integer = false } = {}) {
    $(id).addEventListener("change", (e) => {
      const v = Number(e.target.value);
      const ok = e.target.value !== "" && Number.isFinite(v) && v >= min && v <= max
        && (!integer || Number.isInteger(v));
      if (!ok) {
        e.target.value = spec[field];
        return;
      }
      if (field === "eta") etaBefore = null;
      onRespec({ [field]: v });
    });
  }

  numberField("lab-eta", "eta", { min: Number.MIN_VALUE });
  numberField("lab-batch", "batch_size", { min: 1, integer: true });
  numberField("lab-momentum", "momentum", { max: 0.999 });
  numberField("lab-lam", "lam");
  numberField("lab-l1", "l1");

  // A rule that wants a smaller η (Adam moves each weight by about η a step) gets it, and says so.
  $("lab-optimizer").addEventListener("change", (e) => {
    const optimizer = e.target.value;
    const own = UPDATE_RULES[optimizer].eta;
    if (own && spec.eta > own.max) {
      etaBefore = spec.eta;
      onRespec({ optimizer, eta: own.suggested }, `${own.why}: η is now ${own.suggested} (was ${spec.eta}).`);
    } else if (UPDATE_RULES[spec.optimizer].eta && etaBefore !== null) {
      const eta = etaBefore;
      etaBefore = null;
      onRespec({ optimizer, eta }, `η back to ${eta} for ${optimizer}.`);
    } else {
      onRespec({ optimizer });
    }
  });

  // A built-in set comes with the network the server suggests for it: one that learns it (the current network's
  // hidden layers may be far too small for a spiral), on the set's default arguments.
  $("lab-dataset").addEventListener("change", (e) => {
    const network = suggestedNetwork(e.target.value);
    const { sizes, features, optimizer, eta, batch_size: batch } = network;
    etaBefore = null; // the network brings its own η: none to restore when leaving its rule
    const inputs = features.length ? ` on ${features.length} input features` : "";
    onRespec(network, `The network suggested for ${e.target.value}: ${sizes.join("-")}${inputs}, ${optimizer} ` +
      `η ${eta}, batch ${batch}.`);
  });

  $("lab-csv").addEventListener("click", onCsv);

  return { sync };
}
