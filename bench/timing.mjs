// Timing for the Node side of `npm run bench`: a median of runs after two warm-up runs.
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The median time of `run(i)` over `runs` runs, after two runs that warm caches and JIT up. */
export async function medianTime(run, runs) {
  for (let i = 0; i < 2; i += 1) await run(i);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return median(times);
}
