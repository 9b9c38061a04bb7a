// After a pause the lab reads its network back from the server: the stream, cut off, may not have told of a chunk
// the server finished (or was finishing) — the step counter and the curves then show where training really stopped.

import { api } from "../api.js";

/** After a pause: the server may have trained a chunk that the stream, cut off, never told of. Show where it is. */
export async function catchUp(lab, { refresh, status, quiet }) {
  const { id } = lab.network;
  const metrics = () => fetch(`/api/networks/${id}/metrics`).then((r) => (r.ok ? r.json() : Promise.reject(r)));
  const read = () => Promise.all([api.getNetwork(id), metrics()]);
  // A chunk under way when the stream was cut still lands: read until two reads 250 ms apart agree.
  let got = null;
  for (let i = 0; i < 8; i++) {
    const next = await read().catch(() => null);
    if (!next || (got && next[0].version === got[0].version)) break;
    got = next;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!got || lab.network.id !== id || lab.playing) return; // rebuilt or playing again meanwhile
  const [now, measured] = got;
  lab.network = { ...lab.network, version: now.version, steps: now.steps, parameters: now.parameters };
  refresh(measured);
  if (!quiet) status(`Paused at step ${lab.history.at(-1).steps}. “In the lesson” opens these weights step by step.`);
}
