// Points clicked on the plane → the same network, with its weights as training left them, on the data plus the
// points (the training curves go on from the same step). The network's first starting weights stay what Reset
// returns to (lab.start): the ones at the click are only where training goes on from. A click is a point of the
// data's own inputs: the samples are the points (not the features made of them), and the spec keeps its features,
// so the server makes them of the new points as of the old.

import { api } from "../api.js";
import { rawPoints } from "./grid.js";

/** Add `points` ({ x, y }) to the training set; `lab` and the lab's own build, stop, play and status. */
export async function addPoints(points, { lab, build, stop, play, status }) {
  const wasPlaying = Boolean(lab.playing);
  stop({ quiet: true });
  const { network, data } = lab, own = rawPoints(data);
  try {
    const now = await api.getNetwork(network.id); // the weights as training left them
    const spec = { ...now.spec, dataset: null, initial: now.parameters, samples: {
      x: [...own.train, ...points.map((p) => p.x)], y: [...data.y_train, ...points.map((p) => p.y)],
      x_test: own.test.length ? own.test : null, y_test: data.y_test.length ? data.y_test : null } };
    const added = lab.about.added + points.length;
    await build(spec, { about: { ...lab.about, added }, offset: lab.history.at(-1)?.steps ?? 0, history: lab.history });
    // The count in all, as the data menu says it ("+ 3 points"): quick clicks arrive in more than one batch.
    status(`${added} point${added === 1 ? "" : "s"} added in all (${lab.data.x_train.length} training examples); ` +
      "the weights go on from here.");
  } catch (err) {
    status(`The points could not be added: ${err.message}`);
  }
  if (wasPlaying) play();
}
