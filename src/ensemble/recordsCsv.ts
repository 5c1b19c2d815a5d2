import type { EnsembleRecord, MetricStats } from './records.ts';

const STAT_KEYS: (keyof MetricStats)[] = ['mean', 'std', 'q05', 'q25', 'q50', 'q75', 'q95'];

/**
 * CSV of records: one row per (group, record), columns metric_stat (network problems add
 * accuracy_stat, the test accuracy, after dist).
 */
export function recordsCsv(
  records: readonly EnsembleRecord[],
  extra: (r: EnsembleRecord) => Record<string, number> = () => ({}),
): string {
  const first = records[0];
  const metrics = first?.accuracy
    ? (['F', 'gradNorm', 'dist', 'accuracy'] as const)
    : (['F', 'gradNorm', 'dist'] as const);
  const extraKeys = first ? Object.keys(extra(first)) : [];
  const header = [
    'group',
    ...extraKeys,
    'step',
    't',
    ...metrics.flatMap((m) => STAT_KEYS.map((k) => `${m}_${k}`)),
    'diverged',
    'count',
  ];
  const rows = records.map((r) => {
    const x = extra(r);
    return [
      r.group,
      ...extraKeys.map((k) => x[k]),
      r.step,
      r.t,
      ...metrics.flatMap((m) => STAT_KEYS.map((k) => r[m]?.[k] ?? NaN)),
      r.diverged,
      r.count,
    ].join(',');
  });
  return [header.join(','), ...rows].join('\n') + '\n';
}
