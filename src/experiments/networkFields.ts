import { z } from 'zod';

/**
 * Parameters shared by the network experiments (landscape, network-ode): the data set and the
 * network, as the CLI flags `--dataset moons --samples 256 --hidden 16 --batch 16 --init glorot`.
 */
export const networkFields = {
  dataset: z.enum(['moons', 'xor', 'blobs', 'digits']).default('moons'),
  /** Samples of a synthetic set (train + test). */
  samples: z
    .number()
    .int()
    .min(8)
    .max(1 << 20)
    .default(256),
  noise: z.number().nonnegative().optional(),
  labelNoise: z.number().min(0).max(1).optional(),
  dataSeed: z.union([z.number(), z.string().min(1)]).default(0),
  /** Hidden widths; empty = logistic regression. */
  hidden: z.array(z.number().int().min(1)).max(15).default([16]),
  batch: z
    .number()
    .int()
    .min(1)
    .max(1 << 16)
    .default(16),
  init: z.enum(['glorot', 'he']).default('glorot'),
};

export const NETWORK_FLAGS = {
  dataset: 'string',
  samples: 'number',
  noise: 'number',
  'label-noise': 'number',
  'data-seed': 'string',
  hidden: 'numbers',
  batch: 'number',
  init: 'string',
} as const;

export interface NetworkParams {
  dataset: 'moons' | 'xor' | 'blobs' | 'digits';
  samples: number;
  noise?: number | undefined;
  labelNoise?: number | undefined;
  dataSeed: number | string;
  hidden: number[];
  batch: number;
  init: 'glorot' | 'he';
}

/** Grid points per axis of the landscape at most (one dispatch of resolution² workgroups). */
export const MAX_RESOLUTION = 4096;
