/**
 * Dead-ReLU fraction of spec §1.6: hidden units whose output is exactly 0 for every input, divided by the number of
 * hidden units. `hidden[l]` is layer l's post-activation, (n × h_l) row-major.
 */
export function deadReluFraction(hidden: readonly Float32Array[], n: number): number {
  let dead = 0;
  let units = 0;
  for (const layer of hidden) {
    const h = layer.length / n;
    const alive = new Uint8Array(h);
    for (let i = 0; i < layer.length; i++) if (layer[i] !== 0) alive[i % h] = 1;
    for (const a of alive) if (a === 0) dead++;
    units += h;
  }
  return units === 0 ? 0 : dead / units;
}
