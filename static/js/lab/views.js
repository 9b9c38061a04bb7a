// Everything the lab draws from its state: the diagram (weights and biases), the loss and gradient-norm
// curves, the η comparison and the small map of every hidden neuron (neuron-maps.js). The plane has its own
// module (plane.js).
// createLabViews({ onSelect }) → { drawNetwork(lab), drawCurves(lab), drawNeuronMaps(grid), drawComparison(runs) }

import { niceMax } from "../color.js";
import { fmt } from "../format.js";
import { createDiagramView } from "../render/diagram.js";
import { createChartView } from "../render/chart.js";
import { createNeuronMaps } from "./neuron-maps.js";

const $ = (id) => document.getElementById(id);
// The series colors of the theme in use (lesson.css: --series-1 … --series-6, each AA on the paper).
const SERIES = [1, 2, 3, 4, 5, 6].map((i) => `var(--series-${i})`);

export function createLabViews({ onSelect = () => {} } = {}) {
  const diagram = createDiagramView($("lab-diagram"), { onSelect }); // an edge clicked: set its weight
  const lossPlot = createChartView($("loss-plot"), { title: "loss (train —, test ‑ ‑)", logY: true, xUnit: "step" });
  // One line per layer l, named as the diagram's columns are: the size of ∂C/∂W of the weights into layer l.
  const normPlot = createChartView($("norm-plot"), { title: "gradient size ‖∂C/∂Wˡ‖ into each layer l",
                                                     logY: true, xUnit: "step" });
  const comparePlot = createChartView($("compare-plot"), { title: "train loss by η", logY: true, xUnit: "step" });
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
      name: `l = ${l}`, color: SERIES[i % SERIES.length], xs: steps,
      ys: history.map((m) => m.gradient_norms.find((g) => g.l === l)?.norm ?? null),
    })) });
  }

  function drawComparison(runs) {
    comparePlot.update({ series: runs.map((r, i) => ({
      name: `η = ${fmt(r.eta)}${r.status === "diverged" ? " (diverged)" : ""}`, color: SERIES[i + 2], xs: r.steps,
      ys: r.train_loss,
    })) });
  }

  /** A small heatmap per hidden neuron: what it computes over the plane. null: none (not 2 inputs). */
  function drawNeuronMaps(grid) {
    neuronMaps.update(grid);
  }

  return { drawNetwork, drawCurves, drawComparison, drawNeuronMaps };
}
