// A student's device holds only what the lesson has shown: at every phase of every shape, each field known there is
// the full record's, each unknown one is zeros of the same shape — and the diagram and the equation panel drawn from
// the redacted record show exactly what they show from the full one.
import assert from "node:assert/strict";
import { test } from "node:test";

import { LAYER_FIELDS, WHOLE_FIELDS, redact, zeros } from "../../static/js/classroom/redact.js";
import { explain, focusFor, generalEquation, phaseCaption } from "../../static/js/explain.js";
import { diagramView } from "../../static/js/view.js";
import { cases, numbers, selections } from "./classroom-cases.js";

const sameShape = (a, b) => JSON.stringify(zeros(a)) === JSON.stringify(zeros(b));

for (const { name, rec, phases } of cases) {
  test(`${name}: at every phase a field is the full record's where known, else zeros of its shape`, () => {
    for (const phase of phases) {
      const red = redact(rec, phase);
      assert.deepEqual(Object.keys(red).sort(), Object.keys(rec).sort());
      for (const field of Object.keys(rec)) {
        const layered = LAYER_FIELDS[field];
        const parts = layered ? Object.keys(rec[field]).map((l) => [layered(phase, Number(l)), l]) : [[null, null]];
        for (const [knownHere, l] of parts) {
          const full = l === null ? rec[field] : rec[field][l];
          const shown = l === null ? red[field] : red[field][l];
          const known = layered ? knownHere : !WHOLE_FIELDS[field] || WHOLE_FIELDS[field](phase, rec.L);
          const where = `${field}${l === null ? "" : `[${l}]`} at ${phase.id}`;
          if (known) {
            assert.deepEqual(shown, full, `${where} is known: kept`);
          } else {
            assert.ok(sameShape(shown, full), `${where}: same shape`);
            assert.ok(numbers(shown).every((x) => x === 0), `${where} is unknown: no number of the full record`);
          }
        }
      }
    }
  });

  test(`${name}: what is still to come is really gone (a, z, δ, C, ∂C/∂b, the new weights)`, () => {
    const at = (id) => redact(rec, phases.find((p) => p.id === id));
    const L = rec.L;
    assert.ok(numbers(at("start").a[2]).every((x) => x === 0));
    assert.ok(numbers(at("z2").z[2]).some((x) => x !== 0));
    assert.ok(numbers(at("z2").a[2]).every((x) => x === 0));
    assert.equal(at(`a${L}`).cost, 0);
    assert.notEqual(at("cost").cost, 0);
    assert.ok(numbers(at("cost").delta).every((x) => x === 0));
    assert.ok(numbers(at("cost").sp).every((x) => x === 0), "σ′ comes with δ");
    assert.ok(numbers(at("cost").gradA).every((x) => x === 0), "∇ₐC comes with BP1");
    assert.ok(numbers(at(`d${L}`).gradA).some((x) => x !== 0));
    assert.ok(numbers(at(`d${L}`).sp[L]).some((x) => x !== 0));
    assert.ok(numbers(at(`d${L}`).sp[2]).every((x) => x === 0));
    assert.ok(numbers(at("bp3").nablaB).some((x) => x !== 0));
    assert.ok(numbers(at(`d${L}`).nablaB).every((x) => x === 0));
    assert.ok(numbers(at("bp4").Wnew).every((x) => x === 0));
    assert.deepEqual(at("update").Wnew, rec.Wnew);
    assert.deepEqual(at("start").W, rec.W);
  });

  test(`${name}: the diagram and the equations read the same numbers from the redacted record`, () => {
    const spec = cases.find((c) => c.name === name).network.spec;
    const ctx = cases.find((c) => c.name === name).ctx;
    for (const phase of phases) {
      const red = redact(rec, phase);
      for (let ex = 0; ex < rec.batch.examples_shown; ex++) {
        for (const neuronQty of ["auto", "a", "z", "delta"]) {
          for (const edgeQty of ["auto", "w", "grad"]) {
            const opts = { neuronQty, edgeQty, example: ex, network: { spec } };
            const full = diagramView(rec, phase, opts), mine = diagramView(red, phase, opts);
            for (const key of ["neurons", "edges", "biases", "neuronQuantity", "edgeQuantity"]) {
              assert.deepEqual(mine[key], full[key], `${key} at ${phase.id} (${neuronQty}, ${edgeQty}, ex ${ex})`);
            }
          }
        }
        assert.equal(generalEquation(phase, ctx(red, ex)), generalEquation(phase, ctx(rec, ex)));
        assert.equal(phaseCaption(phase, ctx(red, ex)), phaseCaption(phase, ctx(rec, ex)));
        for (const sel of selections(spec.sizes)) {
          const focus = focusFor(phase, sel, rec.L);
          if (!focus) continue;
          assert.deepEqual(explain(phase, focus, ctx(red, ex)), explain(phase, focus, ctx(rec, ex)),
            `${phase.id}, ${JSON.stringify(sel)}, ex ${ex}`);
        }
      }
    }
  });
}
