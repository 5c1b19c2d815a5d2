import type { z } from 'zod';
import type { Backend } from '../backend/index.ts';
import type { RandomGenerator } from '../random/generator.ts';

/**
 * An experiment of the theorem lab: one claim of the paper (docs/math.md section 5) measured
 * over many trajectories. Each is a library function (the demos call it too), a CLI command
 * `adamscope experiment <name>`, and a report (JSON, Markdown, SVG figures).
 */
export interface Experiment<Schema extends z.ZodType = z.ZodType> {
  /** CLI name, e.g. `weak-convergence`. */
  name: string;
  title: string;
  /** The result checked, e.g. `Theorem 4.3`. */
  claim: string;
  /** One paragraph: what is measured and what the claim predicts. */
  summary: string;
  /** Parameters with defaults that show the claim clearly; every field overridable. */
  schema: Schema;
  /** The CLI flags this experiment accepts, kebab-case, with their value kinds. */
  flags: Record<string, FlagKind>;
  run(params: z.infer<Schema>, context: ExperimentContext): Promise<ExperimentOutcome>;
  /**
   * False for an experiment whose only random draws are the ODE engine's initial clouds
   * (always Philox): `context.rng` would change nothing, so `--rng` is refused. Default true.
   */
  usesGenerator?: false;
}

export type FlagKind = 'number' | 'numbers' | 'string' | 'boolean';

/** Where an experiment runs and how it reports progress. */
export interface ExperimentContext {
  backend: Backend;
  /** Fraction done in [0, 1], with an optional stage label. */
  progress(fraction: number, stage?: string): void;
  /** Warnings and remarks that belong in the report. */
  warn(message: string): void;
  /** The counter-based generator of the ensembles' draws (default philox; see rng.ts). */
  rng?: RandomGenerator;
}

/** A figure of a report: an SVG document drawn with src/plot (the demos' plotting code). */
export interface ExperimentFigure {
  /** File stem: `sup-distance` -> `sup-distance.svg`. */
  name: string;
  caption: string;
  svg: string;
}

/** What an experiment returns; `writeReport` turns it into report.json, report.md and figures. */
export interface ExperimentOutcome {
  /** Every number of the experiment (serialised into report.json). */
  results: Record<string, unknown>;
  /** The table(s) a reader wants, in Markdown. */
  markdown: string;
  /** One line: does the measurement agree with the claim? */
  verdict: string;
  figures: ExperimentFigure[];
  /** Data files written next to the report (e.g. a landscape grid), by file name. */
  files?: { name: string; data: string | Uint8Array }[];
}
