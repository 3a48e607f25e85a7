/**
 * Runs tasks one at a time, in call order. onnxruntime-web cannot create or run sessions concurrently (its wasm
 * instance is single-entry: a second `run()` while one is pending throws or corrupts state, as transformers.js found
 * and works around with its webInitChain/webInferenceChain), so every ORT call of an engine goes through one queue.
 */
export interface OrtQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** A fresh queue. Share one queue among all engines of a realm (page or Worker), since ORT's wasm is per realm. */
export function createOrtQueue(): OrtQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      // The chain only orders tasks; a failure reaches its caller through `result`, and the next task still runs.
      tail = result.then(() => undefined, () => undefined);
      return result;
    },
  };
}
