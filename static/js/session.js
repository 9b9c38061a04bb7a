// The lesson's controller: the network on the server, the history of steps the page has seen,
// and the position in it. Time travel is local (the history); a change at an earlier point
// (a hand edit) first sets the server's parameters back to that point. No DOM.

import { ApiError } from "./api.js";
import { backPosition, nextPosition, phases } from "./lesson.js";
import { endOptimizerState, endParameters, startParameters, stepRecord } from "./record.js";

const MAX_REPLAYED_STEPS = 500;

export function createSession(store, api) {
  let network = null; // the NetworkDocument as created
  let history = []; // StepRecord per training step seen, in order
  let busy = Promise.resolve();

  const serverVersion = () => (history.length ? history.at(-1).versionAfter : network.version);
  const phaseList = () => phases(network.spec.sizes.length, network.spec.optimizer ?? "sgd");

  /** Serialize actions: a key held down must not interleave two steps. */
  function queue(fn) {
    busy = busy.then(fn, fn);
    return busy;
  }

  /** Run fn(networkId); if the server forgot the network (restart, eviction), re-create it from our copy. */
  async function withNetwork(fn) {
    try {
      return await fn(network.id);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== "network_not_found") throw err;
      const last = history.at(-1);
      const doc = await api.importNetwork({
        format: "backprop-explorer/network", format_version: 1,
        spec: network.spec,
        parameters: last ? endParameters(last) : network.parameters,
        sampler: last ? last.nextSampler : { epoch: network.sampler.epoch, cursor: network.sampler.cursor },
        version: serverVersion(),
        steps: history.length + network.steps,
        // Momentum's velocity and Adam's moments come back too: without them the rule would silently restart.
        optimizer_state: last ? endOptimizerState(last) : network.optimizer_state ?? null,
      });
      network = { ...network, id: doc.id };
      return fn(network.id);
    }
  }

  function editsAt(step) {
    return (store.get().edits ?? []).filter((e) => e.step === step);
  }

  /** Fetch the next training step from the server, applying the hand edits recorded for it first. */
  async function fetchNextStep() {
    const k = history.length;
    const startSampler = k ? history[k - 1].nextSampler
      : { epoch: network.sampler.epoch, cursor: network.sampler.cursor };
    const edits = editsAt(k);
    if (edits.length) {
      const params = structuredClone(k ? endParameters(history[k - 1]) : network.parameters);
      for (const e of edits) {
        const layer = params.find((p) => p.l === e.l);
        if (e.k === undefined || e.k === null) layer.b[e.j] = e.value;
        else layer.W[e.j][e.k] = e.value;
      }
      const body = { parameters: params, sampler: startSampler };
      const memory = k ? endOptimizerState(history[k - 1]) : null; // momentum / Adam continue as they were
      if (memory) body.optimizer_state = memory;
      const doc = await withNetwork((id) => api.setParameters(id, body));
      // The server is now at the edited point, version doc.version; the step checks against it.
      const resp = await withNetwork((id) => api.step(id, doc.version));
      history.push(stepRecord(resp, k, startSampler));
      return;
    }
    const resp = await withNetwork((id) => api.step(id, serverVersion()));
    history.push(stepRecord(resp, k, startSampler));
  }

  async function ensureStep(k) {
    while (history.length <= k) await fetchNextStep();
  }

  function publish(step, phaseIndex, extra = {}) {
    const list = phaseList();
    store.set({ network, history, step, phaseIndex, phaseId: list[phaseIndex].id, phases: list,
                record: history[step], status: "ready", error: null, ...extra });
  }

  function fail(err) {
    store.set({ status: "error", error: err instanceof ApiError ? err.message : String(err) });
  }

  return {
    /** Build the lesson's network (preset or custom spec), then walk to the given position. */
    load({ preset, customSpec, step = 0, phaseId = "start" }) {
      return queue(async () => {
        store.set({ status: "loading" });
        try {
          const body = customSpec ? { spec: customSpec } : { preset };
          network = await api.createNetwork(body);
          history = [];
          // A link replays its steps on the server; a lesson is a few dozen steps, so cap what a URL may ask.
          const target = Math.min(step, MAX_REPLAYED_STEPS);
          await ensureStep(target);
          const index = Math.max(0, phaseList().findIndex((p) => p.id === phaseId));
          publish(target, index);
        } catch (err) {
          fail(err);
        }
      });
    },

    next() {
      return queue(async () => {
        const { step, phaseIndex } = store.get();
        const pos = nextPosition({ step, phase: phaseIndex }, phaseList().length);
        try {
          await ensureStep(pos.step);
          publish(pos.step, pos.phase);
        } catch (err) {
          fail(err);
        }
      });
    },

    back() {
      return queue(async () => {
        const { step, phaseIndex } = store.get();
        const pos = backPosition({ step, phase: phaseIndex }, phaseList().length);
        if (pos) publish(pos.step, pos.phase);
      });
    },

    /** Jump within the current step (timeline click), or to the very start (Home). */
    goTo(step, phaseIndex) {
      return queue(async () => {
        try {
          await ensureStep(step);
          publish(step, phaseIndex);
        } catch (err) {
          fail(err);
        }
      });
    },

    /** Back to the starting parameters: a fresh history. */
    reset() {
      return queue(async () => {
        try {
          const doc = await withNetwork((id) => api.reset(id));
          network = { ...network, ...doc };
          history = [];
          store.set({ edits: [] });
          await ensureStep(0);
          publish(0, 0);
        } catch (err) {
          fail(err);
        }
      });
    },

    /**
     * Set one weight (k given) or bias by hand, at the start of the step in view. Later history
     * (and later edits) no longer holds: it is dropped, and the server goes back to this point.
     */
    edit({ l, j, k = null, value }) {
      return queue(async () => {
        const { step } = store.get();
        const edits = (store.get().edits ?? []).filter((e) => e.step < step
          || (e.step === step && !(e.l === l && e.j === j && (e.k ?? null) === k)));
        edits.push({ step, l, j, k, value });
        store.set({ edits });
        history = history.slice(0, step);
        try {
          await ensureStep(step);
          publish(step, 0);
        } catch (err) {
          fail(err);
        }
      });
    },

    /** For tests and the console: the parameters at the start of the step in view. */
    parametersInView() {
      const rec = history[store.get().step];
      return rec ? startParameters(rec) : null;
    },
  };
}
