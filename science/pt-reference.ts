/**
 * The [pt] expected outcomes of spec E1 (reference/experiments.md, E1 "Expected outcomes": PyTorch, 3 seeds,
 * data_seed 20260302, 150 epochs), copied by hand: these are the numbers our results are compared with.
 */
export const PT_WIDTHS = [8, 16, 32, 64, 128, 256, 512] as const;

/** [min, max] per width. */
export const PT_MOVEMENT: readonly (readonly [number, number])[] = [
  [1.12, 1.17], [1.0, 1.02], [0.8, 0.85], [0.57, 0.59], [0.37, 0.38], [0.23, 0.24], [0.14, 0.14],
];
export const PT_CKA: readonly (readonly [number, number])[] = [
  [0.14, 0.2], [0.31, 0.37], [0.46, 0.55], [0.65, 0.67], [0.79, 0.8], [0.87, 0.87], [0.91, 0.92],
];
export const PT_TEST_ACC: readonly (readonly [number, number])[] = [
  [0.79, 0.83], [0.8, 0.83], [0.78, 0.81], [0.8, 0.81], [0.8, 0.8], [0.81, 0.82], [0.8, 0.82],
];
export const PT_TRAIN_ACC: readonly (readonly [number, number])[] = [
  [0.88, 0.9], [0.94, 0.94], [0.99, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0], [1.0, 1.0],
];
/** movement_loglog_slope [pt]. */
export const PT_SLOPE = [-0.52, -0.51] as const;
/** transition width [pt] (between 256 and 512, slope -0.73). */
export const PT_TRANSITION_WIDTH = 362;
