import seedrandom from 'seedrandom';
import { ParameterError } from '../../errors.ts';
import { requireInteger, requireInterval } from '../validate.ts';

/**
 * Data sets of the finite-sum problems `mlp` and `logistic` (docs/network.md).
 *
 * Synthetic sets (`moons`, `xor`, `blobs`) are generated on the CPU from a seed with
 * seedrandom (they are data, not draws of a kernel, so they do not use the Philox streams);
 * `digits` is the UCI 8×8 handwritten digits set checked in under data/digits/ and loaded
 * lazily (`loadDatasetAsync`, or `preloadDigits()` before `loadDataset`). User data comes as
 * CSV text (`parseCsvDataset`). Every set is split deterministically into train and test
 * (`splitSeed`), then standardised with the mean and standard deviation of the TRAIN split
 * (a feature of zero spread is only centred), and every value is rounded to float32
 * (`Math.fround`) so that the float64 twin and the GPU see identical data.
 */

/** A labelled data set: `count` rows of `inputs` features, labels in 0..classes-1. */
export interface Dataset {
  readonly name: string;
  readonly inputs: number;
  readonly classes: number;
  readonly count: number;
  /** count × inputs, row-major, standardised, every value float32-representable. */
  readonly features: Float64Array;
  readonly labels: Uint32Array;
}

/** The train split (the finite sum F) and the held-out test split (accuracy). */
export interface DatasetSplit {
  readonly train: Dataset;
  readonly test: Dataset;
}

export const DATASET_NAMES = ['moons', 'xor', 'blobs', 'digits'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** How to build a data set. `csv` needs `text` (the file's contents) and `file` (its name). */
export interface DatasetSpec {
  /** A built-in set, or 'csv' for user data given in `text`. */
  name: DatasetName | 'csv';
  /** csv: the file's text; first line may be a header (skipped when not numeric). */
  text?: string;
  /** csv: the file name shown in errors (default 'data.csv'). */
  file?: string;
  /** Synthetic sets: number of samples (default 512). */
  samples?: number;
  /** moons, blobs: standard deviation of the Gaussian jitter of the points (default 0.1 / 1). */
  noise?: number;
  /** Synthetic sets: probability that a label is replaced by a uniformly drawn other class (default 0). */
  labelNoise?: number;
  /** blobs: number of classes k ≥ 2 (default 3). */
  classes?: number;
  /** blobs: input dimension (default 2). */
  inputs?: number;
  /** Seed of the synthetic points (default 0). */
  dataSeed?: number | string;
  /** Fraction of the samples held out for the test split, in [0, 1) (default 0.2). */
  testFraction?: number;
  /** Seed of the train/test permutation (default: dataSeed). */
  splitSeed?: number | string;
}

/** Largest number of samples of a data set (train + test). */
export const MAX_SAMPLES = 1 << 20;
/** Largest number of input features. */
export const MAX_INPUTS = 4096;
/** Largest number of classes. */
export const MAX_CLASSES = 256;
/**
 * Largest samples × inputs (2^25 float32 = 128 MiB, the default maxStorageBufferBindingSize
 * of WebGPU; the GPU classes check the actual device limit too).
 */
export const MAX_FEATURE_VALUES = 1 << 25;

interface RawData {
  name: string;
  inputs: number;
  classes: number;
  features: Float64Array; // count × inputs
  labels: Uint32Array;
}

function checkSize(name: string, count: number, inputs: number): void {
  if (count < 1) throw new ParameterError(`${name}: samples`, count, 'at least 1 sample');
  requireInteger(`${name}: samples`, count, 1, MAX_SAMPLES);
  requireInteger(`${name}: inputs`, inputs, 1, MAX_INPUTS);
  if (count * inputs > MAX_FEATURE_VALUES) {
    throw new ParameterError(
      `${name}: samples × inputs`,
      count * inputs,
      `at most ${MAX_FEATURE_VALUES} (128 MiB of float32)`,
    );
  }
}

/** A standard normal from a seedrandom generator (Box–Muller). */
function gaussian(rng: () => number): number {
  const u = 1 - rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Replaces each label, with probability `rate`, by a uniformly drawn different class. */
function flipLabels(labels: Uint32Array, classes: number, rate: number, rng: () => number): void {
  if (rate <= 0) return;
  for (let i = 0; i < labels.length; i++) {
    if (rng() < rate) {
      const other = Math.floor(rng() * (classes - 1));
      const label = labels[i] ?? 0;
      labels[i] = other >= label ? other + 1 : other;
    }
  }
}

function syntheticOptions(spec: DatasetSpec) {
  const samples = requireInteger('samples', spec.samples ?? 512, 2, MAX_SAMPLES);
  const labelNoise = requireInterval('labelNoise', spec.labelNoise ?? 0, 0, 1, {
    lower: true,
    upper: true,
  });
  const rng = seedrandom(`adamscope-dataset/${spec.name}/${String(spec.dataSeed ?? 0)}`);
  return { samples, labelNoise, rng };
}

/** Two interleaved half circles (as scikit-learn's make_moons), jittered by N(0, noise²). */
function moons(spec: DatasetSpec): RawData {
  const { samples, labelNoise, rng } = syntheticOptions(spec);
  const noise = requireInterval('noise', spec.noise ?? 0.1, 0, Infinity, { lower: true });
  const features = new Float64Array(samples * 2);
  const labels = new Uint32Array(samples);
  const outer = Math.ceil(samples / 2);
  for (let i = 0; i < samples; i++) {
    const label = i < outer ? 0 : 1;
    const count = label === 0 ? outer : samples - outer;
    const t = (Math.PI * (label === 0 ? i : i - outer)) / Math.max(count - 1, 1);
    const x = label === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = label === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    features[2 * i] = x + noise * gaussian(rng);
    features[2 * i + 1] = y + noise * gaussian(rng);
    labels[i] = label;
  }
  flipLabels(labels, 2, labelNoise, rng);
  return { name: 'moons', inputs: 2, classes: 2, features, labels };
}

/** Points uniform in [-1, 1]², label 1 where x·y > 0 (the XOR of the signs). */
function xor(spec: DatasetSpec): RawData {
  const { samples, labelNoise, rng } = syntheticOptions(spec);
  const features = new Float64Array(samples * 2);
  const labels = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) {
    const x = 2 * rng() - 1;
    const y = 2 * rng() - 1;
    features[2 * i] = x;
    features[2 * i + 1] = y;
    labels[i] = x * y > 0 ? 1 : 0;
  }
  flipLabels(labels, 2, labelNoise, rng);
  return { name: 'xor', inputs: 2, classes: 2, features, labels };
}

/** k Gaussian blobs: centres uniform in [-5, 5]^inputs, points N(centre, noise² I), sample i in class i mod k. */
function blobs(spec: DatasetSpec): RawData {
  const { samples, labelNoise, rng } = syntheticOptions(spec);
  const classes = requireInteger('classes', spec.classes ?? 3, 2, MAX_CLASSES);
  const inputs = requireInteger('inputs', spec.inputs ?? 2, 1, MAX_INPUTS);
  const noise = requireInterval('noise', spec.noise ?? 1, 0, Infinity, { lower: true });
  checkSize('blobs', samples, inputs);
  const centres = Float64Array.from({ length: classes * inputs }, () => 10 * rng() - 5);
  const features = new Float64Array(samples * inputs);
  const labels = new Uint32Array(samples);
  for (let i = 0; i < samples; i++) {
    const label = i % classes;
    labels[i] = label;
    for (let c = 0; c < inputs; c++) {
      features[i * inputs + c] = (centres[label * inputs + c] ?? 0) + noise * gaussian(rng);
    }
  }
  flipLabels(labels, classes, labelNoise, rng);
  return { name: 'blobs', inputs, classes, features, labels };
}

let digitsRaw: RawData | undefined;

/** Decodes the checked-in digits (see digitsData.ts). */
function decodeDigits(count: number, encoded: string): RawData {
  const features = new Float64Array(count * 64);
  const labels = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < 64; c++) features[i * 64 + c] = encoded.charCodeAt(i * 65 + c) - 97;
    labels[i] = encoded.charCodeAt(i * 65 + 64) - 97;
  }
  return { name: 'digits', inputs: 64, classes: 10, features, labels };
}

/**
 * Loads the digits data set (a lazily loaded chunk of about 117 kB) so that `loadDataset`
 * can then build it synchronously. Idempotent.
 */
export async function preloadDigits(): Promise<void> {
  if (digitsRaw) return;
  const { DIGITS_COUNT, DIGITS_ENCODED } = await import('./digitsData.ts');
  digitsRaw = decodeDigits(DIGITS_COUNT, DIGITS_ENCODED);
}

/** Whether `digits` can be built synchronously (preloadDigits has resolved). */
export function digitsLoaded(): boolean {
  return digitsRaw !== undefined;
}

/** Splits a line of CSV on commas (no quoting: the values are numbers). */
function cells(line: string): string[] {
  return line.split(',').map((c) => c.trim());
}

/**
 * Parses a CSV data set: one sample per line, numeric features, and a last column of integer
 * labels 0..classes-1 (classes = largest label + 1, at least 2). A first line that is not
 * numeric is a header and is skipped; blank lines are skipped. Every problem throws a
 * ParameterError naming the file, row (1-based line number), column, value and allowed
 * range: an empty file, ragged rows, non-finite values, non-integer or negative labels, a
 * single class, or sizes beyond the limits (MAX_SAMPLES, MAX_INPUTS, MAX_CLASSES,
 * MAX_FEATURE_VALUES).
 *
 * @example
 * parseCsvDataset('x,y,label\n0,1,0\n1,0,1\n', 'tiny.csv').inputs; // 2
 */
export function parseCsvDataset(text: string, name: string): RawDataset {
  const lines = text.split(/\r?\n/);
  const rows: { line: number; values: string[] }[] = [];
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const values = cells(line);
    // A header: the first non-blank line, when none of its cells is a number.
    const isHeader = values.every((v) => v !== '' && Number.isNaN(Number(v)));
    if (rows.length === 0 && !headerSeen && isHeader) {
      headerSeen = true;
      continue;
    }
    rows.push({ line: i + 1, values });
  }
  if (rows.length === 0) {
    throw new ParameterError(name, text.length === 0 ? '(empty file)' : '(no data rows)', '', {
      message: `invalid ${name}: the file has no data rows: allowed a CSV file of numeric features and a last column of integer labels`,
    });
  }
  const columns = rows[0]?.values.length ?? 0;
  if (columns < 2) {
    throw new ParameterError(
      `${name}: row ${rows[0]?.line ?? 1}`,
      columns,
      'at least 2 columns (features, then the label)',
      {
        message: `invalid ${name}: row ${rows[0]?.line ?? 1} has ${columns} column(s): allowed at least 2 (features, then the label)`,
      },
    );
  }
  const inputs = columns - 1;
  checkSize(name, rows.length, inputs);
  const features = new Float64Array(rows.length * inputs);
  const labels = new Uint32Array(rows.length);
  let maxLabel = 0;
  rows.forEach((row, r) => {
    if (row.values.length !== columns) {
      throw new ParameterError(
        `${name}: row ${row.line}`,
        row.values.length,
        `${columns} columns, as the first data row`,
        {
          message: `invalid ${name}: row ${row.line} has ${row.values.length} columns: allowed ${columns} (as the first data row)`,
        },
      );
    }
    row.values.forEach((text, c) => {
      const value = text === '' ? NaN : Number(text);
      if (c < inputs) {
        if (!Number.isFinite(value)) {
          throw new ParameterError(
            `${name}: row ${row.line}, column ${c + 1}`,
            text,
            'a finite number',
          );
        }
        if (!Number.isFinite(Math.fround(value))) {
          throw new ParameterError(
            `${name}: row ${row.line}, column ${c + 1}`,
            text,
            'a number of magnitude below 3.4e38 (float32)',
          );
        }
        features[r * inputs + c] = value;
      } else {
        if (!Number.isInteger(value) || value < 0 || value >= MAX_CLASSES) {
          throw new ParameterError(
            `${name}: row ${row.line}, column ${c + 1} (label)`,
            text,
            `an integer label in [0, ${MAX_CLASSES - 1}]`,
          );
        }
        labels[r] = value;
        maxLabel = Math.max(maxLabel, value);
      }
    });
  });
  if (maxLabel < 1) {
    throw new ParameterError(`${name}: labels`, maxLabel, 'at least two classes (labels 0 and 1)', {
      message: `invalid ${name}: every label is 0: allowed at least two classes (labels 0..k-1, k ≥ 2)`,
    });
  }
  return { name, inputs, classes: maxLabel + 1, features, labels };
}

/** Unstandardised data (features in their own units), as parsed or generated. */
export type RawDataset = RawData;

/**
 * A deterministic permutation of 0..count-1 (Fisher–Yates with seedrandom(`split/<seed>`)):
 * the first round(count·testFraction) indices form the test split, the rest the train split,
 * each in increasing order.
 */
export function splitIndices(
  count: number,
  testFraction: number,
  seed: number | string,
): { train: Uint32Array; test: Uint32Array } {
  const rng = seedrandom(`adamscope-split/${String(seed)}`);
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  const testCount = Math.round(count * testFraction);
  const test = order.slice(0, testCount).sort();
  const train = order.slice(testCount).sort();
  return { train, test };
}

/** Splits and standardises raw data (train statistics; float32-rounded). */
export function splitDataset(
  raw: RawDataset,
  testFraction: number,
  seed: number | string,
): DatasetSplit {
  requireInterval('testFraction', testFraction, 0, 1, { lower: true });
  const count = raw.labels.length;
  const { train, test } = splitIndices(count, testFraction, seed);
  if (train.length === 0) {
    throw new ParameterError(
      'testFraction',
      testFraction,
      `a value leaving at least one train sample of ${count}`,
    );
  }
  const d = raw.inputs;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const i of train)
    for (let c = 0; c < d; c++) mean[c] = (mean[c] ?? 0) + (raw.features[i * d + c] ?? 0);
  for (let c = 0; c < d; c++) mean[c] = (mean[c] ?? 0) / train.length;
  for (const i of train) {
    for (let c = 0; c < d; c++) {
      const e = (raw.features[i * d + c] ?? 0) - (mean[c] ?? 0);
      scale[c] = (scale[c] ?? 0) + e * e;
    }
  }
  for (let c = 0; c < d; c++) {
    const sd = Math.sqrt((scale[c] ?? 0) / train.length);
    scale[c] = sd > 1e-12 ? 1 / sd : 1;
  }
  const take = (indices: Uint32Array): Dataset => {
    const features = new Float64Array(indices.length * d);
    const labels = new Uint32Array(indices.length);
    indices.forEach((i, r) => {
      labels[r] = raw.labels[i] ?? 0;
      for (let c = 0; c < d; c++) {
        features[r * d + c] = Math.fround(
          ((raw.features[i * d + c] ?? 0) - (mean[c] ?? 0)) * (scale[c] ?? 1),
        );
      }
    });
    return {
      name: raw.name,
      inputs: d,
      classes: raw.classes,
      count: indices.length,
      features,
      labels,
    };
  };
  return { train: take(train), test: take(test) };
}

function rawDataset(spec: DatasetSpec): RawDataset {
  switch (spec.name) {
    case 'moons':
      return moons(spec);
    case 'xor':
      return xor(spec);
    case 'blobs':
      return blobs(spec);
    case 'digits':
      if (!digitsRaw) {
        throw new ParameterError(
          'dataset',
          'digits',
          'digits only after `await preloadDigits()` (or use loadDatasetAsync)',
          {
            message:
              'dataset digits is not loaded yet: call `await preloadDigits()` or use `loadDatasetAsync` (the digits are a lazily loaded chunk)',
          },
        );
      }
      return digitsRaw;
    case 'csv':
      if (spec.text === undefined) {
        throw new ParameterError(
          'dataset',
          'csv',
          'a CSV dataset needs `text` (the file contents)',
        );
      }
      return parseCsvDataset(spec.text, spec.file ?? 'data.csv');
    default:
      throw new ParameterError(
        'dataset',
        (spec as { name: unknown }).name,
        `${DATASET_NAMES.join(' | ')} | a CSV file`,
      );
  }
}

/**
 * Builds a data set and its train/test split, synchronously (digits: after `preloadDigits`).
 *
 * @example
 * const { train, test } = loadDataset({ name: 'moons', samples: 200, noise: 0.1, dataSeed: 1 });
 * train.count + test.count; // 200
 */
export function loadDataset(spec: DatasetSpec): DatasetSplit {
  const raw = rawDataset(spec);
  return splitDataset(raw, spec.testFraction ?? 0.2, spec.splitSeed ?? spec.dataSeed ?? 0);
}

/** `loadDataset`, loading the digits chunk first when needed. */
export async function loadDatasetAsync(spec: DatasetSpec): Promise<DatasetSplit> {
  if (spec.name === 'digits') await preloadDigits();
  return loadDataset(spec);
}
