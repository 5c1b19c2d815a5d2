import { readFileSync } from 'node:fs';
import { ParameterError } from '../errors.ts';
import type { ProblemSpec } from '../problems/index.ts';
import type { NetworkProblemSpec } from '../problems/network/network.ts';

/** The checked-in digits (the package's data/digits/, two folders above src/cli or dist/cli). */
const DIGITS_CSV = new URL('../../data/digits/optdigits.csv', import.meta.url);

const texts = new Map<string, string>();

function readText(path: string | URL, flagValue: string): string {
  const key = String(path);
  const cached = texts.get(key);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ParameterError(
      '--dataset',
      flagValue,
      `moons | xor | blobs | digits | a readable CSV file (${reason})`,
      { typed: flagValue },
    );
  }
  texts.set(key, text);
  return text;
}

/**
 * Fills in the data of `--problem mlp|logistic` for the CLI, synchronously: a CSV file given
 * as `--dataset FILE.csv` is read here (errors name the file), and `digits` is read from the
 * package's data/digits/optdigits.csv (the same rows as the browser's lazily loaded chunk).
 * Other specs pass through. Called before anything is written.
 */
export function withNetworkData(spec: ProblemSpec): ProblemSpec {
  if (spec.name !== 'mlp' && spec.name !== 'logistic') return spec;
  const network: NetworkProblemSpec = spec;
  const dataset = network.dataset;
  if (dataset?.name === 'csv' && dataset.text === undefined) {
    const file = dataset.file ?? '';
    return { ...network, dataset: { ...dataset, text: readText(file, file) } };
  }
  if (dataset?.name === 'digits') {
    return {
      ...network,
      dataset: { ...dataset, name: 'csv', file: 'digits', text: readText(DIGITS_CSV, 'digits') },
    };
  }
  return spec;
}
