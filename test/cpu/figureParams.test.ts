import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMMON_PARAMETERS,
  EXPERIMENT_NAMES,
  FIGURE_INFO,
  FIGURE_NAMES,
  readFigureParameters,
  type FigureName,
} from '../../src/browser/figures/catalog.ts';
import {
  allowedText,
  defaultText,
  readParameters,
  unknownParameters,
  type Bound,
  type ParameterRule,
  type Schema,
  type Values,
} from '../../src/browser/figures/schema.ts';
import { parameterRows } from '../../scripts/gallery-params.ts';
import { ParameterError } from '../../src/errors.ts';
import { EXPERIMENTS } from '../../src/experiments/index.ts';

/**
 * The schema of every figure's parameters (src/browser/figures/catalog.ts): every parameter
 * has a rule, its default is valid, values on the boundary are accepted, values just beyond
 * it are refused with a notice in the form of ParameterError naming the rule and the default
 * used instead; the table of docs/gallery.md is the catalog's.
 */
const schemaOf = (name: FigureName): Schema => FIGURE_INFO[name].parameters;
const allSchemas: [string, Schema][] = [
  ...FIGURE_NAMES.map((name): [string, Schema] => [name, schemaOf(name)]),
  ['common', COMMON_PARAMETERS],
];
const bound = (b: Bound, values: Values) => (typeof b === 'number' ? b : b.of(values));
/** The defaults of a schema (what the parameters before a rule read when absent). */
const defaults = (schema: Schema) => readParameters(schema, {}).values as Values;
const NOTICE = /^invalid (\S+) = "(.*)": allowed (.+); using the default (\S+) = (.+)$/;

/** Reads one parameter alone (the others absent) and returns its value and problems. */
function readOne(schema: Schema, name: string, text: string) {
  const { values, problems } = readParameters(schema, { [name]: text });
  return { value: (values as Values)[name], problems };
}

/** Values a rule accepts and values it refuses, at and just beyond its boundary. */
function cases(rule: ParameterRule, values: Values): { ok: string[]; bad: string[] } {
  switch (rule.kind) {
    case 'number': {
      const min = bound(rule.min, values);
      const max = bound(rule.max, values);
      const step = rule.integer ? 1 : Math.max(Math.abs(min), Math.abs(max)) * 1e-9;
      const bad = [String(min - step), String(max + step), 'abc', '0x10', 'Infinity', '1e999'];
      if (rule.integer) bad.push(String(min + 0.5));
      return { ok: [String(min), String(max)], bad };
    }
    case 'choice':
      return { ok: [...rule.choices], bad: ['nope', `${rule.choices[0]},${rule.choices[0]}`] };
    case 'list':
      return {
        ok: [...rule.names, rule.names.join(',')],
        bad: ['foo', `${rule.names[0]},foo`, `${rule.names[0]},${rule.names[0]}`, ','],
      };
    case 'numbers': {
      const n = (x: number, count = rule.length) => new Array<number>(count).fill(x).join(',');
      return {
        ok: [n(rule.min), n(rule.max)],
        bad: [
          n(rule.min - 1e-9),
          n(rule.max + 1e-9),
          n(0, rule.length - 1),
          n(0, rule.length + 1),
          'a,b',
        ],
      };
    }
    case 'text':
      return { ok: ['x', 'x'.repeat(rule.maxLength)], bad: ['x'.repeat(rule.maxLength + 1)] };
    case 'flag':
      return { ok: ['', 'true', 'false'], bad: ['yes', '1'] };
  }
}

describe('figure parameters', () => {
  it('every parameter of every figure has a rule and a valid default', () => {
    for (const [figure, schema] of allSchemas) {
      const { values, problems } = readParameters(schema, {});
      expect(problems, figure).toEqual([]);
      for (const [name, rule] of Object.entries(schema)) {
        expect(['number', 'choice', 'list', 'numbers', 'text', 'flag'], name).toContain(rule.kind);
        expect(rule.allowed, name).toBe(allowedText(rule));
        expect(rule.description.length, name).toBeGreaterThan(0);
        const optional = rule.kind === 'flag' || (rule.kind === 'number' && rule.optional);
        if (!optional) expect((values as Values)[name], `${figure} ${name}`).toBeDefined();
        // The default written out reads the same as the default.
        if (rule.default !== '') expect(readOne(schema, name, rule.default).problems).toEqual([]);
      }
    }
  });

  it('accepts the boundary values and refuses values just beyond, naming the rule', () => {
    for (const [figure, schema] of allSchemas) {
      const values = defaults(schema);
      for (const [name, rule] of Object.entries(schema)) {
        const { ok, bad } = cases(rule, values);
        for (const text of ok)
          expect(readOne(schema, name, text).problems, `${figure} ${name}=${text}`).toEqual([]);
        for (const text of bad) {
          const { value, problems } = readOne(schema, name, text);
          expect(problems, `${figure} ${name}=${text}`).toHaveLength(1);
          const line = problems[0] ?? '';
          const allowed = allowedText(rule, values);
          const used = defaultText(rule);
          expect(line).toBe(
            `${new ParameterError(name, text, allowed).message}; using the default ${name} = ${used}`,
          );
          expect(line).toMatch(NOTICE);
          // The value read is the default.
          expect(value).toEqual((values as Values)[name]);
        }
      }
    }
  });

  it('keeps every combination of boundary values consistent (bounds that depend on γ and a)', () => {
    for (const name of FIGURE_NAMES) {
      const schema = schemaOf(name);
      const numeric = Object.entries(schema).filter(([, r]) => r.kind === 'number' && !r.optional);
      let combos: Record<string, string>[] = [{}];
      for (const [param, rule] of numeric) {
        if (rule.kind !== 'number') continue;
        combos = combos.flatMap((params) => {
          const values = readParameters(schema, params).values as Values;
          return [
            rule.default,
            String(bound(rule.min, values)),
            String(bound(rule.max, values)),
          ].map((text) => ({ ...params, [param]: text }));
        });
      }
      for (const params of combos) {
        const { problems } = readParameters(schema, params);
        expect(problems, `${name} ${JSON.stringify(params)}`).toEqual([]);
      }
    }
  });

  it('shows the dependent bound with its value in the notice', () => {
    const { values, problems } = readFigureParameters('regression', { gamma: '0.5', a: '3' });
    expect(values.a).toBe(1);
    expect(problems).toEqual([
      'invalid a = "3": allowed a number in [0.001, 1/γ = 2]; using the default a = 1',
    ]);
  });

  it('reads typed values, backend included, and the default for each invalid one', () => {
    const { values, problems } = readFigureParameters('random', {
      n: '1e9',
      dist: 'foo',
      backend: 'nonsense',
      seed: ' 7 ',
    });
    expect(values).toEqual({
      dist: ['uniform', 'normal', 'bernoulli'],
      n: '65536',
      seed: '7',
      p: 0.3,
      backend: 'webgpu',
    });
    expect(problems.map((line) => line.split(' =')[0])).toEqual([
      'invalid dist',
      'invalid n',
      'invalid backend',
    ]);
    expect(problems[2]).toBe(
      'invalid backend = "nonsense": allowed one of webgpu, cpu; using the default backend = webgpu',
    );
    const theorems = readFigureParameters('theorems', { experiment: 'nope', trajectories: '-1' });
    expect(theorems.values).toEqual({
      experiment: 'weak-convergence',
      trajectories: undefined,
      backend: 'webgpu',
    });
    expect(theorems.problems[1]).toBe(
      'invalid trajectories = "-1": allowed an integer in [1, 4096]; using the default trajectories = the small size of the experiment',
    );
    expect(readFigureParameters('regression', { paused: '' }).values.paused).toBe(true);
    expect(readFigureParameters('regression', { x0: '1,-2' }).values.x0).toEqual([1, -2]);
  });

  it('names unknown parameters with the known ones', () => {
    expect(unknownParameters({ gama: '1', gamma: '1' }, ['gamma', 'backend'])).toEqual([
      'unknown parameter gama; known: gamma, backend',
    ]);
  });

  it('lists the experiments of EXPERIMENTS', () => {
    expect([...EXPERIMENT_NAMES]).toEqual(EXPERIMENTS.map((e) => e.name));
    expect(FIGURE_INFO.theorems.parameters.experiment.default).toBe(EXPERIMENTS[0]?.name);
  });
});

describe('docs/gallery.md', () => {
  it('lists every parameter of every figure with its rule, as in the catalog', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'gallery.md'), 'utf8');
    const table =
      /<!-- parameters:begin -->([\s\S]*?)<!-- parameters:end -->/.exec(text)?.[1] ?? '';
    const rows = table
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .slice(2)
      .map((line) =>
        line
          .slice(1, -1)
          .split(' | ')
          .map((cell) => cell.trim()),
      );
    expect(rows, "the table is not the catalog's: run `npm run docs:params`").toEqual(
      parameterRows(),
    );
  });
});
