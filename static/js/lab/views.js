// Everything the lab draws from its state: the diagram (weights and biases), the loss and gradient-norm
// curves, the η comparison and the small map of every hidden neuron (neuron-maps.js). The plane has its own
// module (plane.js).
// createLabViews() → { drawNetwork(lab), drawCurves(lab), drawNeuronMaps(grid), drawComparison(runs) }

import { niceMax } from "../color.js";
import { createDiagramView } from "../render/diagram.js";
import { createPlotView } from "../render/plot.js";
import { createNeuronMaps } from "./neuron-maps.js";

const $ = (id) => document.getElementById(id);
const SERIES = ["#542788", "#b35806", "#1b7837", "#2166ac", "#8c510a", "#762a83"];

export function createLabViews() {
  const diagram = createDiagramView($("lab-diagram"), { onSelect: () => {} });
  const lossPlot = createPlotView($("loss-plot"), { title: "loss (train —, test ‑ ‑)", logY: true, xUnit: "step" });
  const normPlot = createPlotView($("norm-plot"), { title: "‖∂C/∂W‖ per layer", logY: true, xUnit: "step" });
  const comparePlot = createPlotView($("compare-plot"), { title: "train loss by η", logY: true, xUnit: "step" });
  const neuronMaps = createNeuronMaps($("neurons"));

  /** The diagram shows the weights (edges) and each neuron's bias (fill). */
  function drawNetwork({ network }) {
    const sizes = network.spec.sizes;
    const W = Object.fromEntries(network.parameters.map((p) => [p.l, p.W]));
    const b = Object.fromEntries(network.parameters.map((p) => [p.l, p.b]));
    const neurons = Object.fromEntries(sizes.map((n, i) => [i + 1, i === 0 ? new Array(n).fill(null) : b[i + 1]]));
    const view = { neuronQuantity: "b", edgeQuantity: "w", neurons, edges: W,
                   biases: Object.fromEntries(Object.entries(b).map(([l, v]) => [l, { label: "b", values: v }])),
                   activeLayers: [], activeEdges: [], direction: null, note: null, layerQuantity: {}, layerMax: {},
                   neuronMax: niceMax(Math.max(...Object.values(b).flat().map(Math.abs))),
                   edgeMax: niceMax(Math.max(...Object.values(W).flat(2).map(Math.abs))), example: 0 };
    diagram.update({ sizes, labels: network.labels, view, selection: null, showValues: false,
                     phaseId: `lab-${network.id}-${network.version}` });
  }

  function drawCurves({ history }) {
    const steps = history.map((m) => m.steps);
    lossPlot.update({ series: [
      { name: "train", color: SERIES[0], xs: steps, ys: history.map((m) => m.train_loss) },
      { name: "test", color: SERIES[1], dash: true, xs: steps, ys: history.map((m) => m.test_loss) },
    ] });
    const layers = history.length ? history.at(-1).gradient_norms.map((g) => g.l) : [];
    normPlot.update({ series: layers.map((l, i) => ({
      name: `W${l}`, color: SERIES[i % SERIES.length], xs: steps,
      ys: history.map((m) => m.gradient_norms.find((g) => g.l === l)?.norm ?? null),
    })) });
  }

  function drawComparison(runs) {
    comparePlot.update({ series: runs.map((r, i) => ({
      name: `η=${r.eta}${r.status === "diverged" ? " (diverged)" : ""}`, color: SERIES[i + 2], xs: r.steps,
      ys: r.train_loss,
    })) });
  }

  /** A small heatmap per hidden neuron: what it computes over the plane. null: none (not 2 inputs). */
  function drawNeuronMaps(grid) {
    neuronMaps.update(grid);
  }

  return { drawNetwork, drawCurves, drawComparison, drawNeuronMaps };
}
