/**
 * Running an experiment of src/experiments inside a figure: a progress line while it runs, its
 * work cancelled when the figure goes (the context's signal, checked at every progress call:
 * the experiment's ensemble is released by its own `finally`), warnings as notices.
 */
import { findExperiment } from '../../../experiments/index.ts';
import type { Experiment, ExperimentOutcome } from '../../../experiments/types.ts';
import { el } from '../layout.ts';
import type { FigureContext } from '../types.ts';
import { throwIfAborted } from './panels.ts';

/** The experiment called `name` (of EXPERIMENTS); throws when there is none. */
export function experiment(name: string): Experiment {
  const found = findExperiment(name);
  if (!found) throw new Error(`adamscope: no experiment ${name} in EXPERIMENTS`);
  return found;
}

/** A seed as the CLI reads it: a number when it reads as one, else the text (hashed). */
export function cliSeed(seed: string): number | string {
  return seed.trim() !== '' && Number.isFinite(Number(seed)) ? Number(seed) : seed;
}

/**
 * Runs `experiment` with `params` (parsed by its schema) on the figure's backend, showing a
 * progress bar in `host` (removed when done) and reporting `data-progress`.
 */
export async function runInFigure(
  host: HTMLElement,
  experiment: Experiment,
  params: Record<string, unknown>,
  context: FigureContext,
  signal: AbortSignal,
): Promise<ExperimentOutcome> {
  const bar = el(host, 'progress');
  bar.max = 1;
  bar.value = 0;
  const line = el(host, 'div', { className: 'af-progress' }, ['computing… ', bar]);
  host.append(line);
  try {
    const parsed: unknown = experiment.schema.parse(params);
    return await experiment.run(parsed, {
      backend: context.backend,
      progress: (fraction) => {
        throwIfAborted(signal);
        bar.value = fraction;
        context.report('progress', fraction.toFixed(3));
      },
      warn: (message) => context.notice(message, 'info'),
    });
  } finally {
    line.remove();
  }
}
