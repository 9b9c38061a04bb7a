// The lab's grid, timed: computeGrid of a 6 × 8 tanh network (sigmoid output) at 32 × 32 points, the median of
// 3,000 runs. Given two grid.js files (e.g. a copy of the last commit's and the working tree's), it runs them
// alternately in chunks within one process, so that the machine's load falls on both alike, and prints the ratio.
//   node tests/js/grid-bench.mjs [grid.js …]   (default: static/js/lab/grid.js)
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const paths = process.argv.length > 2 ? process.argv.slice(2)
  : [new URL("../../static/js/lab/grid.js", import.meta.url).pathname];
const grids = await Promise.all(paths.map((p) => import(pathToFileURL(resolve(p)).href)));
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const sizes = [2, 8, 8, 8, 8, 8, 8, 1];
const spec = { sizes, activations: [...new Array(6).fill("tanh"), "sigmoid"] };
const parameters = sizes.slice(1).map((n, i) => ({ l: i + 2, W: Array.from({ length: n }, () =>
  Array.from({ length: sizes[i] }, rand)), b: Array.from({ length: n }, rand) }));
const data = { x_train: Array.from({ length: 200 }, () => [rand() * 2, rand() * 2]), x_test: [] };
for (const g of grids) for (let i = 0; i < 500; i++) g.computeGrid(spec, parameters, data, 32); // warm up
const times = grids.map(() => []);
for (let round = 0; round < 100; round++) {
  grids.forEach((g, k) => {
    for (let r = 0; r < 30; r++) {
      const t0 = process.hrtime.bigint();
      g.computeGrid(spec, parameters, data, 32);
      times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  });
}
const med = times.map((t) => t.sort((a, b) => a - b)[t.length >> 1]);
paths.forEach((p, k) => console.log(`${p}: median ${med[k].toFixed(3)} ms (${times[k].length} runs)`));
if (paths.length === 2) console.log(`ratio after/before: ${(med[1] / med[0]).toFixed(3)}`);
