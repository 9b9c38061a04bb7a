// The metrics kept for the curves: every chunk's while there are few, then about MAX_KEPT spread evenly over
// the steps trained, so an hour of training costs as little to keep and to draw as a minute. The first and
// the newest entry always stay (the counter shows the newest).

export const MAX_KEPT = 1000;

/** Append `metrics` to `history` (in place), keeping entries at least span / max steps apart. */
export function keepHistory(history, metrics, max = MAX_KEPT) {
  const n = history.length;
  const gap = n ? (metrics.steps - history[0].steps) / max : 0;
  // The newest entry stands for the chunks after the one before it until it lies a gap beyond that one.
  if (n >= 2 && history[n - 1].steps - history[n - 2].steps < gap) history[n - 1] = metrics;
  else history.push(metrics);
  if (history.length > max) thin(history, 2 * gap);
  return history;
}

/** Keep the first entry, then each one at least `gap` steps after the last kept, then the newest. */
function thin(history, gap) {
  const newest = history[history.length - 1];
  let kept = 1;
  for (let i = 1; i < history.length - 1; i++) {
    if (history[i].steps - history[kept - 1].steps >= gap) history[kept++] = history[i];
  }
  history[kept++] = newest;
  history.length = kept;
}
