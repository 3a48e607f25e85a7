import { useId } from 'react';
import type { AgentSettings, SettingsPatch } from '../../../worker/api.ts';

const CPU_LIMITS = [100, 75, 50, 25, 10, 5, 2] as const;

/** Cores, CPU limit and checkpoint interval; each change goes straight to the agent (stored in IndexedDB). */
export function SettingsForm({ settings, maxCores, onChange }: {
  settings: AgentSettings; maxCores: number; onChange: (patch: SettingsPatch) => void;
}) {
  const id = useId();
  return (
    <fieldset className="settings">
      <legend>Settings</legend>
      <label htmlFor={`${id}-cores`}>Cores to use</label>
      <select id={`${id}-cores`} value={settings.cores} onChange={(e) => { onChange({ cores: Number(e.target.value) }); }}>
        {Array.from({ length: maxCores }, (_, i) => i + 1).map((n) => <option key={n} value={n}>{n} of {maxCores}</option>)}
      </select>
      <label htmlFor={`${id}-cpu`}>CPU limit per core</label>
      <select id={`${id}-cpu`} value={settings.cpuLimitPct} onChange={(e) => { onChange({ cpuLimitPct: Number(e.target.value) }); }}>
        {CPU_LIMITS.map((pct) => <option key={pct} value={pct}>{pct} %</option>)}
      </select>
      <label htmlFor={`${id}-checkpoint`}>Checkpoint every (seconds)</label>
      <input
        id={`${id}-checkpoint`} type="number" min={1} max={3600} step={1} value={settings.checkpointIntervalS}
        onChange={(e) => { const v = Number(e.target.value); if (v >= 1) onChange({ checkpointIntervalS: v }); }}
      />
    </fieldset>
  );
}
