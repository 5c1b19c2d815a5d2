import { ParameterError } from '../../errors.ts';
import { DATASET_NAMES, preloadDigits, type DatasetName, type DatasetSpec } from './dataset.ts';
import type { InitScheme } from './architecture.ts';
import type { NetworkProblemSpec } from './network.ts';

/**
 * The data flags of mlp and logistic (`--dataset --hidden --batch --init --samples
 * --data-noise --label-noise --classes --test-fraction --data-seed`), as flat config fields
 * (src/problems/flags.ts spreads them into the problem flags).
 */
export interface NetworkFields {
  dataset?: string | undefined;
  hidden?: number[] | undefined;
  batch?: number | undefined;
  init?: string | undefined;
  samples?: number | undefined;
  dataNoise?: number | undefined;
  labelNoise?: number | undefined;
  classes?: number | undefined;
  testFraction?: number | undefined;
  dataSeed?: number | string | undefined;
}

const NETWORK = ['mlp', 'logistic'] as const;

/** The problems each network field applies to. */
export const NETWORK_FIELD_USERS: Record<string, readonly string[]> = {
  dataset: NETWORK,
  hidden: ['mlp'],
  batch: NETWORK,
  init: NETWORK,
  samples: NETWORK,
  dataNoise: NETWORK,
  labelNoise: NETWORK,
  classes: NETWORK,
  testFraction: NETWORK,
  dataSeed: NETWORK,
};

function defined<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The problem spec of `--problem mlp|logistic` from flat fields. A `--dataset` that is not a
 * built-in name is a CSV file: its `text` must be filled in by `prepareNetworkSpec` (the CLI
 * reads the file) before the problem is built.
 */
export function networkSpecFromFields(c: { problem: string } & NetworkFields): NetworkProblemSpec {
  const name = c.problem === 'logistic' ? 'logistic' : 'mlp';
  const builtIn = (DATASET_NAMES as readonly string[]).includes(c.dataset ?? 'moons');
  const dataset: DatasetSpec = defined({
    name: builtIn ? ((c.dataset ?? 'moons') as DatasetName) : 'csv',
    file: builtIn ? undefined : c.dataset,
    samples: c.samples,
    noise: c.dataNoise,
    labelNoise: c.labelNoise,
    classes: c.classes,
    testFraction: c.testFraction,
    dataSeed: c.dataSeed,
  }) as DatasetSpec;
  return defined({
    name,
    dataset,
    hidden: c.hidden,
    batch: c.batch,
    init: c.init as InitScheme | undefined,
  }) as NetworkProblemSpec;
}

/**
 * Makes a network spec buildable synchronously: reads a CSV data set with `readText` (the
 * CLI passes a file reader; errors name the file) and loads the digits chunk. Other problem
 * specs pass through unchanged. Call it before anything is written, so that bad data stops a
 * command with nothing written.
 */
export async function prepareNetworkSpec<S extends { name: string }>(
  spec: S,
  readText: (file: string) => Promise<string>,
): Promise<S> {
  if (spec.name !== 'mlp' && spec.name !== 'logistic') return spec;
  const network = spec as unknown as NetworkProblemSpec;
  const dataset = network.dataset;
  if (dataset?.name === 'digits') await preloadDigits();
  if (dataset?.name === 'csv' && dataset.text === undefined) {
    const file = dataset.file ?? '';
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      throw new ParameterError(
        '--dataset',
        file,
        `moons | xor | blobs | digits | a readable CSV file (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    return { ...spec, dataset: { ...dataset, text } };
  }
  return spec;
}

/** The config field of a network problem's ParameterError parameter (for CLI rewording). */
export function networkFieldOf(parameter: string): string | undefined {
  const map: Record<string, string> = {
    hidden: 'hidden',
    batch: 'batch',
    init: 'init',
    samples: 'samples',
    noise: 'dataNoise',
    labelNoise: 'labelNoise',
    classes: 'classes',
    testFraction: 'testFraction',
  };
  return map[parameter];
}
