import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { reportJson, reportMarkdown, type ReportMeta } from './report.ts';
import type { Experiment, ExperimentOutcome } from './types.ts';

// Node only (the rest of src/experiments runs in the browser too).
/** Writes DIR/report.json, DIR/report.md and one SVG per figure. */
export async function writeReport(
  dir: string,
  experiment: Experiment,
  outcome: ExperimentOutcome,
  meta: ReportMeta,
): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['report.json', JSON.stringify(reportJson(experiment, outcome, meta), null, 2) + '\n'],
    ['report.md', reportMarkdown(experiment, outcome, meta)],
    ...outcome.figures.map((f): [string, string] => [`${f.name}.svg`, f.svg]),
  ];
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
