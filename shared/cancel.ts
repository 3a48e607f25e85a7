/** The part of `AbortSignal` that shared code and kernels use; `AbortSignal` satisfies it in every runtime. */
export interface CancelSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  throwIfAborted(): void;
}
