import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How a README code block is checked: run in the packed install, or skipped with a reason. */
export type ReadmeBlockKind = 'node' | 'browser' | 'embed' | 'iframe' | 'cli' | 'skip';

export interface ReadmeBlock {
  kind: ReadmeBlockKind;
  /** For `skip`: why the block is not run. */
  reason: string;
  language: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

/**
 * The fenced code blocks of README.md, each with the marker before it:
 * `<!-- readme-test: node -->` (a Node ES module), `browser` (the main module of a page built
 * with Vite), `embed` (a static HTML page), `iframe` (a gallery iframe), `cli` (commands), or
 * `skip: reason`. A block without a marker has kind `undefined`, which the tests reject.
 */
export function readmeBlocks(
  path = join(import.meta.dirname, '..', '..', 'README.md'),
): (Omit<ReadmeBlock, 'kind'> & { kind: ReadmeBlockKind | undefined })[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end++;
    let markerLine = i - 1;
    while (markerLine >= 0 && (lines[markerLine] ?? '').trim() === '') markerLine--;
    const marker = /^<!-- readme-test: (\w+)(?::\s*(.*?))?\s*-->$/.exec(lines[markerLine] ?? '');
    blocks.push({
      kind: marker?.[1] as ReadmeBlockKind | undefined,
      reason: marker?.[2] ?? '',
      language: open[1] ?? '',
      code: lines.slice(i + 1, end).join('\n') + '\n',
      line: i + 1,
    });
    i = end;
  }
  return blocks;
}
