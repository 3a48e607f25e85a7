import type { TaskView } from '../../../worker/api.ts';
import { formatDuration } from './format.ts';

const BACKEND_LABEL = { 'ort-wasm': 'onnxruntime wasm', 'ort-webgpu': 'onnxruntime WebGPU', reference: 'plain TypeScript' } as const;

/** One task: what it is, how far it got, when it last checkpointed. */
export function TaskCard({ task, nowMs }: { task: TaskView; nowMs: number }) {
  const percent = task.totalSteps > 0 ? Math.floor((100 * task.step) / task.totalSteps) : 0;
  const labelId = `task-${task.resultId}`;
  return (
    <article className="task" aria-labelledby={labelId}>
      <h3 id={labelId}>{task.name}</h3>
      <p className="task-meta">
        <span>{task.experiment}</span>
        <span>{task.backend === null ? 'choosing backend…' : BACKEND_LABEL[task.backend]}</span>
        <span>{task.phase}</span>
      </p>
      <div
        className="progress" role="progressbar" aria-labelledby={labelId}
        aria-valuemin={0} aria-valuemax={task.totalSteps} aria-valuenow={task.step}
        aria-valuetext={`step ${task.step} of ${task.totalSteps}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <dl className="task-facts">
        <dt>Step</dt><dd data-testid="task-step">{task.step} of {task.totalSteps} ({percent} %)</dd>
        <dt>Time left</dt><dd>{task.etaS === null ? 'estimating…' : formatDuration(task.etaS)}</dd>
        <dt>Checkpoint</dt>
        <dd data-testid="task-checkpoint" data-step={task.checkpoint?.step ?? ''}>{task.checkpoint === null ? 'none yet' : `step ${task.checkpoint.step}, ${formatDuration((nowMs - task.checkpoint.savedAtMs) / 1000)} ago`}</dd>
        {task.resumedFromStep !== null && (<><dt>Resumed</dt><dd data-testid="task-resumed" data-step={task.resumedFromStep}>from step {task.resumedFromStep}</dd></>)}
      </dl>
    </article>
  );
}
