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

/**
 * positionOf(state) → ClassPosition: where the teacher's lesson is, and in `record` the StepRecord redacted to
 * what is known at this micro-step, with the network's spec and labels (what a follower needs to draw it without
 * a network of its own). record is null while the lesson has none (loading).
 */
export function positionOf(state) {
  const phase = state.phases?.[state.phaseIndex];
  const rec = state.record;
  const network = state.network;
  return {
    preset: state.customSpec ? null : state.preset ?? null,
    spec: state.customSpec ?? null,
    edits: (state.edits ?? []).map((e) => ({ step: e.step, l: e.l, j: e.j, k: e.k ?? null, value: e.value })),
    step: state.step ?? 0,
    phase: state.phaseId ?? "start",
    example: state.example ?? 0,
    selection: cleanSelection(state.selection),
    record: rec && phase && network
      ? { ...redact(rec, phase), network: { spec: network.spec, labels: network.labels ?? {} } } : null,
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
  const example = teacherMoved("example", (a, b) => a === b) ? position.example : state.example;
  return { ...base, network, record, phases: list, phaseIndex, selection,
           example: Math.min(example ?? 0, record.batch.examples_shown - 1), status: "ready", error: null };
}
