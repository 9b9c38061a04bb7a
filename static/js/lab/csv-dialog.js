// The "Load CSV…" dialog: a file → its columns (POST /api/csv/inspect) → the student picks the inputs, the
// column to predict, the task and a test share → samples (POST /api/csv/parse) → onBuild builds the network.
// Whatever goes wrong is said inside the dialog; the lab's network stays until a new one is built.
// createCsvDialog(dialog, { describe(d, k, task), onBuild(parsed, task, fileName, scaled) → error or null })
//   → { open() }

import { ApiError } from "../api.js";
import { guessTarget, guessTask } from "./spec.js";

async function post(path, body) {
  let res;
  try {
    res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" },
                              body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { error: { message: "The server cannot be reached." } });
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

const KIND = (c) => (c.numeric ? "numbers" : "text");
const VALUES = (c) => (c.values === null ? "many" : c.values.length <= 6 ? c.values.join(", ")
  : `${c.values.length} values`);

export function createCsvDialog(dialog, { describe, onBuild }) {
  const $ = (id) => dialog.querySelector(`#${id}`);
  let file = null; // { name, text, preview }

  const say = (text) => { $("csv-error").textContent = text; };
  const features = () => [...dialog.querySelectorAll("input[data-feature]:checked")].map((b) => b.dataset.feature);

  function element(tag, text, className) {
    const el = document.createElement(tag);
    if (text !== undefined) el.textContent = text;
    if (className) el.className = className;
    return el;
  }

  /** The file as a spreadsheet: one table column per CSV column, a checkbox on top of each, first rows below. */
  function showPreview(preview) {
    const table = $("csv-table");
    const head = element("tr");
    head.append(element("th", "column"));
    for (const c of preview.columns) head.append(Object.assign(element("th", c.name), { scope: "col" }));
    const use = element("tr");
    use.append(element("th", "input"));
    for (const c of preview.columns) {
      const cell = element("td");
      const box = Object.assign(element("input"), { type: "checkbox", checked: c.numeric });
      box.dataset.feature = c.name;
      box.setAttribute("aria-label", `Use ${c.name} as an input`);
      box.addEventListener("change", summarize);
      cell.append(box);
      use.append(cell);
    }
    const row = (label, cells, className) => {
      const tr = element("tr", undefined, className);
      tr.append(element("th", label));
      cells.forEach((text) => tr.append(element("td", text)));
      return tr;
    };
    const body = [use, row("kind", preview.columns.map(KIND), "meta"), row("values", preview.columns.map(VALUES), "meta"),
                  ...preview.head.map((cells, i) => row(i === 0 ? "first rows" : "", cells, i === 0 ? "first" : ""))];
    table.replaceChildren(element("thead"), element("tbody"));
    table.tHead.append(head);
    table.tBodies[0].append(...body);

    const target = $("csv-target");
    target.replaceChildren(...preview.columns.map((c) => Object.assign(element("option", c.name), { value: c.name })));
    target.value = guessTarget(preview.columns);
    // Numbers far from −1 … 1 (in the first rows) make training hard: suggest standardizing them.
    $("csv-scale").checked = preview.head.some((row) => row.some((cell) => Math.abs(Number(cell.replace(",", "."))) > 5));
    chooseTarget();
    $("csv-preview").hidden = false;
    $("csv-build").disabled = false;
  }

  /** A new target: it cannot be an input, and its values suggest the task. */
  function chooseTarget() {
    const name = $("csv-target").value;
    const columns = file.preview.columns;
    columns.forEach((c, j) => {
      const box = dialog.querySelector(`input[data-feature="${CSS.escape(c.name)}"]`);
      box.disabled = c.name === name;
      if (c.name === name) box.checked = false;
      for (const tr of $("csv-table").rows) tr.cells[j + 1]?.classList.toggle("is-target", c.name === name);
    });
    $("csv-task").value = guessTask(columns.find((c) => c.name === name));
    summarize();
  }

  function summarize() {
    if (!file) return;
    const picked = features();
    const task = $("csv-task").value;
    const target = file.preview.columns.find((c) => c.name === $("csv-target").value);
    const k = task === "multiclass" ? target.values?.length ?? "k" : 1;
    $("csv-summary").textContent = picked.length
      ? `${file.preview.rows} rows · ${picked.length} input${picked.length === 1 ? "" : "s"} → ${describe(picked.length, k, task)}`
      : "Tick at least one column as an input.";
  }

  $("csv-file").addEventListener("change", async (e) => {
    const chosen = e.target.files?.[0];
    e.target.value = "";
    if (!chosen) return;
    say("");
    $("csv-name").textContent = chosen.name;
    try {
      const text = await chosen.text();
      const preview = await post("/api/csv/inspect", { csv: text });
      file = { name: chosen.name, text, preview };
      showPreview(preview);
    } catch (err) {
      file = null;
      $("csv-preview").hidden = true;
      $("csv-build").disabled = true;
      say(`${chosen.name}: ${err.message}`);
    }
  });
  $("csv-target").addEventListener("change", chooseTarget);
  $("csv-task").addEventListener("change", summarize);
  $("csv-cancel").addEventListener("click", () => dialog.close());

  $("csv-build").addEventListener("click", async () => {
    const picked = features();
    if (!picked.length) return say("Tick at least one column as an input.");
    const task = $("csv-task").value;
    const testFraction = Number($("csv-test").value);
    if (!(testFraction >= 0 && testFraction <= 0.9)) return say("The test share is a number from 0 to 0.9.");
    const button = $("csv-build");
    button.disabled = true;
    button.textContent = "Building…";
    say("");
    try {
      const parsed = await post("/api/csv/parse", { csv: file.text, features: picked, target: $("csv-target").value,
                                                    task, test_fraction: testFraction });
      const problem = await onBuild(parsed, task, file.name, $("csv-scale").checked);
      if (problem) say(`The network could not be built: ${problem}`);
      else dialog.close();
    } catch (err) {
      say(err.message);
    } finally {
      button.disabled = false;
      button.textContent = "Build the network";
    }
  });

  return {
    open() {
      say("");
      dialog.showModal();
    },
  };
}
