import type { Experiment, ExperimentOutcome } from './types.ts';

/** Who ran an experiment, where and how long. */
export interface ReportMeta {
  seed: number | string;
  adapter: unknown;
  version: string;
  seconds: number;
  config: Record<string, unknown>;
  warnings: string[];
  /** The command line that ran it (CLI), as recorded in report.json. */
  command?: readonly string[];
}

/** The report.json object: config, seed, adapter, version, and every number. */
export function reportJson(
  experiment: Experiment,
  outcome: ExperimentOutcome,
  meta: ReportMeta,
): Record<string, unknown> {
  return {
    experiment: experiment.name,
    claim: experiment.claim,
    ...(meta.command ? { command: meta.command } : {}),
    config: meta.config,
    seed: meta.seed,
    adapter: meta.adapter,
    version: meta.version,
    seconds: meta.seconds,
    verdict: outcome.verdict,
    warnings: meta.warnings,
    ...outcome.results,
    figures: outcome.figures.map((f) => `${f.name}.svg`),
  };
}

/** The report.md text: title, claim, verdict, tables, figures. */
export function reportMarkdown(
  experiment: Experiment,
  outcome: ExperimentOutcome,
  meta: ReportMeta,
): string {
  const adapter = (meta.adapter as { adapter?: { label?: string } }).adapter?.label ?? 'unknown';
  return [
    `# ${experiment.title} (${experiment.claim})`,
    '',
    experiment.summary,
    '',
    `**Verdict:** ${outcome.verdict}`,
    '',
    outcome.markdown.trim(),
    '',
    ...outcome.figures.flatMap((f) => [`![${f.caption}](${f.name}.svg)`, '', `*${f.caption}*`, '']),
    ...(meta.warnings.length ? ['## Warnings', '', ...meta.warnings.map((w) => `- ${w}`), ''] : []),
    `Seed ${JSON.stringify(meta.seed)}, adapter ${adapter}, adamscope ${meta.version}, ${meta.seconds.toFixed(1)} s.`,
    '',
  ].join('\n');
}

/** A Markdown table from a header and rows (numbers formatted to 4 significant digits). */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cell = (c: string | number) =>
    typeof c === 'number'
      ? Number.isInteger(c)
        ? String(c)
        : Math.abs(c) < 1e-3 && c !== 0
          ? c.toExponential(2)
          : c.toPrecision(4)
      : c.replace(/\|/g, '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}
