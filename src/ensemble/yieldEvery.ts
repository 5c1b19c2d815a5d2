/**
 * A function that lets the event loop run (timers, signals) when `milliseconds` have passed
 * since it last did: long synchronous float64 loops stay interruptible.
 */
export function yieldEvery(milliseconds: number): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < milliseconds) return;
    await new Promise<void>((done) => setTimeout(done, 0));
    last = performance.now();
  };
}
