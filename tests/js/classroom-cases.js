// Every preset's shape and a few others (a batch with softmax and momentum; three layers with Adam, L2 and a shared
// bias), one recorded step each (record_classroom_fixture.py), as StepRecords with their phases and context.
import { readFileSync } from "node:fs";

import { phases } from "../../static/js/lesson.js";
import { stepRecord } from "../../static/js/record.js";

const recorded = JSON.parse(readFileSync(new URL("./classroom-steps.json", import.meta.url)));

export const cases = Object.entries(recorded).map(([name, { network, step, index }]) => {
  const rec = stepRecord(step, index, { epoch: 0, cursor: 0 });
  const { spec, labels } = network;
  return { name, rec, network, phases: phases(spec.sizes.length, spec.optimizer ?? "sgd"),
           ctx: (record, ex = 0) => ({ rec: record, spec, labels, ex, m: record.batch.m }) };
});

/** Every neuron and every edge of a network, as selections, and no selection. */
export function selections(sizes) {
  const out = [null];
  sizes.forEach((n, i) => {
    const l = i + 1;
    for (let j = 0; j < n; j++) {
      out.push({ kind: "neuron", l, j });
      if (l > 1) for (let k = 0; k < sizes[i - 1]; k++) out.push({ kind: "edge", l, j, k });
    }
  });
  return out;
}

/** Every number in a value, in order. */
export function numbers(value, out = []) {
  if (typeof value === "number") out.push(value);
  else if (value && typeof value === "object") for (const v of Object.values(value)) numbers(v, out);
  return out;
}
