import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.ts';
import { createOptimizer, type OptimizerSpec } from '../../src/optimizers/index.ts';

function run(
  spec: OptimizerSpec,
  gradient: (x: Float64Array) => Float64Array,
  x0: number[],
  steps: number,
): Float64Array {
  const optimizer = createOptimizer(spec);
  let state = optimizer.init(Float64Array.from(x0));
  for (let n = 1; n <= steps; n++)
    state = optimizer.update(gradient(state.x), state, optimizer.hyper, n);
  return state.x;
}

const parabola = (x: Float64Array) => x.map((v, i) => (i + 1) * v);
const rosenbrock = (x: Float64Array) => {
  const [a = 0, b = 0] = x;
  return Float64Array.of(-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a));
};

describe('optimizers (float64)', () => {
  it.each<[OptimizerSpec, number]>([
    [{ name: 'sgd', gamma: 0.1 }, 1e-8],
    [{ name: 'sgd-decreasing', gamma: 0.5 }, 1e-3],
    [{ name: 'heavy-ball', gamma: 0.05, momentum: 0.5 }, 1e-8],
    [{ name: 'nesterov', gamma: 0.05, momentum: 0.5 }, 1e-8],
    [{ name: 'adam', gamma: 0.01 }, 1e-2],
    [{ name: 'adam', preset: 'keras', gamma: 0.01 }, 1e-2],
    [{ name: 'adam-decreasing', gamma: 0.4, a: 2, b: 1 }, 5e-2],
    [{ name: 'adagrad', gamma: 0.5 }, 1e-3],
    [{ name: 'rmsprop', gamma: 0.003 }, 2e-2],
    [{ name: 'amsgrad', gamma: 0.01 }, 1e-2],
  ])('%o converges on a parabola', (spec, tolerance) => {
    const x = run(spec, parabola, [1, -2, 0.5], 3000);
    expect(Math.hypot(...x)).toBeLessThan(tolerance);
  });

  it('ADAM reaches the Rosenbrock minimum (1, 1)', () => {
    const x = run({ name: 'adam', gamma: 0.002 }, rosenbrock, [-1, 1], 20000);
    expect(Math.hypot((x[0] ?? 0) - 1, (x[1] ?? 0) - 1)).toBeLessThan(0.05);
  });

  it('heavy ball with μ = 0 is SGD; ADAM with α = 0 is debiased RMSProp (to 1e-14)', () => {
    const g = (x: Float64Array) => x.map((v, i) => Math.sin(3 * v + i));
    expect(run({ name: 'heavy-ball', gamma: 0.1, momentum: 0 }, g, [1, 2], 50)).toEqual(
      run({ name: 'sgd', gamma: 0.1 }, g, [1, 2], 50),
    );
    const adam = run({ name: 'adam', gamma: 0.05, alpha: 0, beta: 0.9 }, g, [1, 2], 50);
    const rms = run({ name: 'rmsprop', gamma: 0.05, beta: 0.9, debias: true }, g, [1, 2], 50);
    adam.forEach((v, i) => expect(Math.abs(v - (rms[i] ?? NaN))).toBeLessThan(1e-14));
  });

  it('the Keras ε̂ form is the paper form with ε replaced by ε·sqrt(1 - β^n)', () => {
    const optimizer = createOptimizer({ name: 'adam', preset: 'keras', gamma: 0.1, epsilon: 0.5 });
    const paper = createOptimizer({ name: 'adam', gamma: 0.1, epsilon: 0.5 });
    const g = Float64Array.of(0.3);
    const state = optimizer.update(g, optimizer.init(Float64Array.of(0)), optimizer.hyper, 1);
    // n = 1: m̂ = g, v̂ = g², r̄ = 1 - β: Keras gives -γ sqrt(r̄) g / (|g| sqrt(r̄) + ε) = -γ g / (|g| + ε/sqrt(r̄)).
    const rbar = 1 - 0.999;
    expect(state.x[0]).toBeCloseTo((-0.1 * 0.3) / (0.3 + 0.5 / Math.sqrt(rbar)), 14);
    const p = paper.update(g, paper.init(Float64Array.of(0)), paper.hyper, 1);
    expect(p.x[0]).toBeCloseTo((-0.1 * 0.3) / (0.3 + 0.5), 14);
  });

  it('keeps 1 - β as a parameter and uses the bias-weight recursion (Algorithm 5.1)', () => {
    const opt = createOptimizer({ name: 'adam', gamma: 1e-3, a: 100, b: 1 });
    expect(opt.hyper.c1).toBeCloseTo(0.1, 15);
    expect(opt.hyper.c2).toBe(1e-3);
    const dec = createOptimizer({ name: 'adam-decreasing', gamma: 0.1, a: 2, b: 1, kappa: 0.75 });
    let state = dec.init(Float64Array.of(1));
    let r = 0;
    for (let n = 1; n <= 5; n++) {
      state = dec.update(Float64Array.of(1), state, dec.hyper, n);
      const alphaN = 1 - 2 * 0.1 * n ** -0.75;
      r = alphaN * r + (1 - alphaN);
      expect(state.bias[0]).toBeCloseTo(r, 14);
    }
  });

  it('warns (only) when b > 4a', () => {
    expect(createOptimizer({ name: 'adam', gamma: 0.01, a: 1, b: 10 }).warnings.join()).toContain(
      'b > 4a',
    );
    expect(
      createOptimizer({ name: 'adam-decreasing', gamma: 0.01, a: 1, b: 4 }).warnings.join(),
    ).toContain('b < 4a');
    expect(createOptimizer({ name: 'adam', gamma: 0.01, a: 1, b: 1 }).warnings).toEqual([]);
  });

  it.each<[OptimizerSpec, string, string]>([
    [{ name: 'sgd', gamma: 0 }, 'gamma', '(0, ∞)'],
    [{ name: 'sgd', gamma: -1 }, 'gamma', '(0, ∞)'],
    [{ name: 'adam', gamma: 0.1, alpha: 1 }, 'alpha', '[0, 1)'],
    [{ name: 'adam', gamma: 0.1, beta: -0.1 }, 'beta', '[0, 1)'],
    [{ name: 'adam', gamma: 0.1, a: 20 }, 'a·gamma', '(0, 1]'],
    [{ name: 'adam', gamma: 0.1, alpha: 0.9, a: 1 }, 'alpha and a', 'only one of the two'],
    [{ name: 'adam', gamma: 0.1, epsilon: -1 }, 'epsilon', '[0, ∞)'],
    [{ name: 'adam', gamma: 0.1, epsilon: 0 }, 'epsilon', '(0, ∞) (or epsilonRoot > 0)'],
    [{ name: 'heavy-ball', gamma: 0.1, momentum: 1 }, 'momentum', '[0, 1)'],
    [{ name: 'adam-decreasing', gamma: 0.1, a: 1, b: 1, kappa: 0.5 }, 'kappa', '(0.5, 1]'],
    [{ name: 'adam-decreasing', gamma: 0.1, b: 1 }, 'a', '(0, ∞)'],
    [{ name: 'sgd', gamma: 0.1, preset: 'keras' }, 'preset', 'only for adam (optimizer is sgd)'],
    [{ name: 'sgd', gamma: 0.1, kappa: 2 }, 'kappa', '[0, 1]'],
    [
      { name: 'newton' as 'sgd', gamma: 0.1 },
      'optimizer.name',
      'adam | adam-nodebias | adam-decreasing | sgd | sgd-decreasing | heavy-ball | nesterov | adagrad | rmsprop | amsgrad',
    ],
  ])('rejects %o naming %s', (spec, parameter, allowed) => {
    let error: unknown;
    try {
      createOptimizer(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe(parameter);
    expect((error as ParameterError).allowed).toBe(allowed);
  });
});

describe('optax preset (ε inside the square root)', () => {
  it('takes x -= γ m̂ / sqrt(v̂ + ε_root) with ε_root = 1e-8 and no ε outside', () => {
    const opt = createOptimizer({ name: 'adam', preset: 'optax', gamma: 0.1 });
    expect(opt.hyper.epsilon).toBe(0);
    expect(opt.hyper.epsilonRoot).toBe(1e-8);
    const g = Float64Array.of(0.5, -2e-5);
    const state = opt.update(g, opt.init(Float64Array.of(1, 1)), opt.hyper, 1);
    // After one step m̂ = g and v̂ = g², so x1 = x0 - γ g / sqrt(g² + 1e-8).
    g.forEach((gi, i) => {
      expect(state.x[i]).toBeCloseTo(1 - (0.1 * gi) / Math.sqrt(gi * gi + 1e-8), 12);
    });
  });
});
