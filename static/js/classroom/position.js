// The class's position (the API's ClassPosition) from the teacher's lesson, and the lesson a follower draws from
// it. Pure: state in, plain objects out.

import { phases } from "../lesson.js";
import { redact } from "./redact.js";

/** A selection as the API keeps it: a neuron has no k. */
export function cleanSelection(sel) {
  if (!sel) return null;
  return sel.kind === "edge" ? { kind: "edge", l: sel.l, j: sel.j, k: sel.k } : { kind: "neuron", l: sel.l, j: sel.j };
}

export const sameSelection = (a, b) => JSON.stringify(cleanSelection(a)) === JSON.stringify(cleanSelection(b));

// A record larger than this (a wide network with a batch) goes to the class with the example in view only: every
// position is sent to every student at each micro-step, and the server takes at most 2 MiB.
export const MAX_RECORD_CHARS = 600_000;
const PER_EXAMPLE = ["a", "z", "sp", "delta"];   // keyed by l, [example][neuron]

/** The record with only example `ex` of the batch (sums over the batch then show that example and an ellipsis). */
export function oneExample(record, ex) {
  const pick = (rows) => (rows ? [rows[ex]] : rows);
  const out = { ...record, y: pick(record.y), costs: pick(record.costs), gradA: pick(record.gradA),
                batch: { ...record.batch, examples_shown: 1, indices: pick(record.batch.indices) ?? null } };
  for (const field of PER_EXAMPLE) {
    out[field] = Object.fromEntries(Object.entries(record[field]).map(([l, rows]) => [l, pick(rows)]));
  }
  return out;
}

/**
 * positionOf(state) → ClassPosition: where the teacher's lesson is, and in `record` the StepRecord redacted to
 * what is known at this micro-step, with the network's spec and labels (what a follower needs to draw it without
 * a network of its own). record is null while the lesson has none (loading).
 */
export function positionOf(state, { maxChars = MAX_RECORD_CHARS } = {}) {
  const phase = state.phases?.[state.phaseIndex];
  const rec = state.record;
  const network = state.network;
  let record = rec && phase && network ? redact(rec, phase) : null;
  const example = Math.min(state.example ?? 0, (rec?.batch.examples_shown ?? 1) - 1);
  if (record && record.batch.examples_shown > 1 && JSON.stringify(record).length > maxChars) {
    record = oneExample(record, example);
  }
  return {
    preset: state.customSpec ? null : state.preset ?? null,
    spec: state.customSpec ?? null,
    edits: (state.edits ?? []).map((e) => ({ step: e.step, l: e.l, j: e.j, k: e.k ?? null, value: e.value })),
    step: state.step ?? 0,
    phase: state.phaseId ?? "start",
    example: state.example ?? 0,
    selection: cleanSelection(state.selection),
    record: record && { ...record, network: { spec: network.spec, labels: network.labels ?? {} } },
  };
}

/** What identifies a position without its numbers: a change of it (or of the record) is sent to the class. */
export function positionKey(state) {
  return JSON.stringify([state.customSpec ? null : state.preset, state.customSpec ?? null, state.edits ?? [],
    state.step, state.phaseId, state.example ?? 0, cleanSelection(state.selection)]);
}

/**
 * followPatch(position, previous, state) → the store patch that shows the class's position: the teacher's network,
 * step, micro-step and redacted record. The follower's own selection and example stay until the teacher changes
 * theirs (or the network's shape changes).
 */
export function followPatch(position, previous, state) {
  const rec = position.record;
  const base = { preset: position.preset, customSpec: position.spec, edits: position.edits ?? [], step: position.step,
                 phaseId: position.phase, history: null, playing: false };
  if (!rec?.network) return { ...base, record: null, status: "loading", error: null };
  const { network, ...record } = rec;
  const list = phases(network.spec.sizes.length, network.spec.optimizer);
  const phaseIndex = Math.max(0, list.findIndex((p) => p.id === position.phase));
  const reshaped = JSON.stringify(state.network?.spec?.sizes) !== JSON.stringify(network.spec.sizes);
  const teacherMoved = (field, same) => !previous || reshaped || !same(previous[field], position[field]);
  const selection = teacherMoved("selection", sameSelection) ? cleanSelection(position.selection) : state.selection;
  const example = record.batch.examples_shown === 1 ? 0        // the teacher's example alone (a large batch)
    : teacherMoved("example", (a, b) => a === b) ? position.example : state.example;
  return { ...base, network, record, phases: list, phaseIndex, selection,
           example: Math.min(example ?? 0, record.batch.examples_shown - 1), status: "ready", error: null };
}
