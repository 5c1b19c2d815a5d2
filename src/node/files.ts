import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { reportJson, reportMarkdown, type ReportMeta } from '../experiments/report.ts';
import type { Experiment, ExperimentOutcome } from '../experiments/types.ts';
/**
 * File output for Node. (Everything else of adamscope runs in the browser too.)
 */

/** Writes a text file, creating its folder. */
export async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Writes `data` as indented JSON, creating the folder. */
export async function writeJson(path: string, data: unknown): Promise<void> {
  await writeText(path, JSON.stringify(data, null, 2) + '\n');
}

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
