import { ParameterError } from '../errors.ts';
import { requireInterval, requireNonNegative, requirePositive } from '../problems/validate.ts';
import type { AdamPreset, OptimizerHyper, OptimizerName, OptimizerSpec } from './types.ts';

/**
 * ADAM presets (defaults; explicit fields override them):
 * - `pytorch`, `kingma-ba`: α = 0.9, β = 0.999, ε = 1e-8 outside the root, debiased:
 *   x -= γ m̂ / (ε + sqrt(v̂)) (torch.optim.Adam, Kingma & Ba Algorithm 1).
 * - `optax`: the ε-inside-the-root convention, optax.adam's formula
 *   x -= γ m̂ / (ε + sqrt(v̂ + ε_root)) with ε = 0 and ε_root = 1e-8 (optax.adam itself
 *   defaults to ε = 1e-8, ε_root = 0, i.e. the pytorch form: pass `epsilon`/`epsilonRoot`).
 * - `keras`: the "ε̂" form x -= γ_n m / (sqrt(v) + ε̂) with γ_n = γ sqrt(1 - β^n)/(1 - α^n)
 *   (bias weights by recursion), ε̂ = 1e-7 (Keras' default).
 */
const PRESETS: Record<AdamPreset, Partial<OptimizerSpec> & { epsilonForm: number }> = {
  pytorch: { alpha: 0.9, beta: 0.999, epsilon: 1e-8, epsilonRoot: 0, epsilonForm: 0 },
  'kingma-ba': { alpha: 0.9, beta: 0.999, epsilon: 1e-8, epsilonRoot: 0, epsilonForm: 0 },
  optax: { alpha: 0.9, beta: 0.999, epsilon: 0, epsilonRoot: 1e-8, epsilonForm: 0 },
  keras: { alpha: 0.9, beta: 0.999, epsilon: 1e-7, epsilonRoot: 0, epsilonForm: 1 },
};

const USES_MOMENTS: readonly OptimizerName[] = [
  'adam',
  'adam-nodebias',
  'adam-decreasing',
  'rmsprop',
  'amsgrad',
];

/** c = 1 - α from α, or aγ from a (float64, then the GPU rounds c, never 1 - α, to f32). */
function momentWeight(
  name: string,
  direct: number | undefined,
  scaledName: string,
  scaled: number | undefined,
  gamma: number,
  fallback: number,
): number {
  if (direct !== undefined && scaled !== undefined) {
    throw new ParameterError(`${name} and ${scaledName}`, [direct, scaled], 'only one of the two');
  }
  if (scaled !== undefined) {
    requirePositive(scaledName, scaled);
    return requireInterval(`${scaledName}·gamma`, scaled * gamma, 0, 1, { upper: true });
  }
  return 1 - requireInterval(name, direct ?? fallback, 0, 1, { lower: true });
}

/** Validates a spec and returns the `OptimizerHyper` values plus warnings. */
export function resolveHyper(spec: OptimizerSpec): { hyper: OptimizerHyper; warnings: string[] } {
  const warnings: string[] = [];
  const isAdam = spec.name.startsWith('adam');
  if (spec.preset !== undefined && !isAdam) {
    throw new ParameterError('preset', spec.preset, `only for adam (optimizer is ${spec.name})`);
  }
  if (spec.preset !== undefined && !(spec.preset in PRESETS)) {
    throw new ParameterError('preset', spec.preset, Object.keys(PRESETS).join(' | '));
  }
  const preset = PRESETS[spec.preset ?? 'pytorch'];
  const merged: OptimizerSpec = { ...spec };
  const gamma = requirePositive('gamma', spec.gamma);
  const kappaDefault =
    spec.name === 'sgd-decreasing' ? 0.5 : spec.name === 'adam-decreasing' ? 0.75 : 0;
  const kappa = merged.kappa ?? kappaDefault;
  if (spec.name === 'adam-decreasing') requireInterval('kappa', kappa, 0.5, 1, { upper: true });
  else requireInterval('kappa', kappa, 0, 1, { lower: true, upper: true });
  const scaled = spec.name === 'adam-decreasing' ? 1 : 0;
  let c1 = 1;
  let c2 = 1;
  let a = 0;
  let b = 0;
  if (USES_MOMENTS.includes(spec.name)) {
    const alphaFallback = spec.name === 'rmsprop' ? 0 : (preset.alpha ?? 0.9);
    const betaFallback = spec.name === 'rmsprop' ? 0.99 : (preset.beta ?? 0.999);
    if (scaled === 1) {
      a = requirePositive('a', merged.a ?? Number.NaN);
      b = requirePositive('b', merged.b ?? Number.NaN);
      requireInterval('a·gamma', a * gamma, 0, 1, { upper: true });
      requireInterval('b·gamma', b * gamma, 0, 1, { upper: true });
      if (!(b < 4 * a))
        warnings.push(`decreasing steps need 0 < b < 4a strictly (a = ${a}, b = ${b})`);
    } else {
      c1 = momentWeight('alpha', merged.alpha, 'a', merged.a, gamma, alphaFallback);
      c2 = momentWeight('beta', merged.beta, 'b', merged.b, gamma, betaFallback);
      if (c2 > 4 * c1 && spec.name !== 'rmsprop') {
        warnings.push(
          `b > 4a (1 - beta = ${c2} > 4 (1 - alpha) = ${4 * c1}): the Lyapunov bound of docs/math.md section 4 does not apply`,
        );
      }
    }
  }
  const epsilon = requireNonNegative(
    'epsilon',
    merged.epsilon ?? (isAdam ? (preset.epsilon ?? 1e-8) : 1e-8),
  );
  const epsilonRoot = requireNonNegative(
    'epsilonRoot',
    merged.epsilonRoot ?? (isAdam ? (preset.epsilonRoot ?? 0) : 0),
  );
  if (!(epsilon + epsilonRoot > 0))
    throw new ParameterError('epsilon', epsilon, '(0, ∞) (or epsilonRoot > 0)');
  const epsilonForm = isAdam ? preset.epsilonForm : 0;
  const momentum = requireInterval(
    'momentum',
    merged.momentum ?? (spec.name === 'heavy-ball' || spec.name === 'nesterov' ? 0.9 : 0),
    0,
    1,
    { lower: true },
  );
  const debiasDefault = spec.name === 'adam' || spec.name === 'adam-decreasing';
  const debias = spec.name === 'adam-nodebias' ? 0 : (merged.debias ?? debiasDefault) ? 1 : 0;
  return {
    hyper: {
      gamma,
      kappa,
      c1,
      c2,
      a,
      b,
      epsilon,
      epsilonRoot,
      momentum,
      debias,
      scaled,
      epsilonForm,
    },
    warnings,
  };
}

/** γ_n = γ_0 n^(-κ) (float64 twin of optimizerStepSize). */
export function stepSize(hyper: OptimizerHyper, n: number): number {
  return hyper.kappa === 0 ? hyper.gamma : hyper.gamma * n ** -hyper.kappa;
}

/** (c1_n, c2_n) (twin of optimizerMomentWeights). */
export function momentWeights(hyper: OptimizerHyper, gammaN: number): [number, number] {
  return hyper.scaled === 1 ? [hyper.a * gammaN, hyper.b * gammaN] : [hyper.c1, hyper.c2];
}

/** Which fields of an optimizer spec each optimizer uses (the others do not apply). */
export const OPTIMIZER_FIELDS: Record<OptimizerName, readonly (keyof OptimizerSpec)[]> = {
  adam: ['gamma', 'kappa', 'preset', 'alpha', 'beta', 'a', 'b', 'epsilon', 'epsilonRoot', 'debias'],
  'adam-nodebias': [
    'gamma',
    'kappa',
    'preset',
    'alpha',
    'beta',
    'a',
    'b',
    'epsilon',
    'epsilonRoot',
  ],
  'adam-decreasing': ['gamma', 'kappa', 'preset', 'a', 'b', 'epsilon', 'epsilonRoot', 'debias'],
  sgd: ['gamma', 'kappa'],
  'sgd-decreasing': ['gamma', 'kappa'],
  'heavy-ball': ['gamma', 'kappa', 'momentum'],
  nesterov: ['gamma', 'kappa', 'momentum'],
  adagrad: ['gamma', 'kappa', 'epsilon', 'epsilonRoot'],
  rmsprop: ['gamma', 'kappa', 'beta', 'b', 'epsilon', 'epsilonRoot', 'debias'],
  amsgrad: ['gamma', 'kappa', 'alpha', 'beta', 'a', 'b', 'epsilon', 'epsilonRoot', 'debias'],
};

/**
 * The parameters that actually run, after defaults and presets are resolved, in the user's
 * terms: α, β, a = (1 - α)/γ, b = (1 - β)/γ, ε, the γ schedule. Only what the optimizer uses.
 */
export interface EffectiveHyper {
  optimizer: OptimizerName;
  /** The ADAM convention (adam*: the one given, else `pytorch`). */
  preset?: AdamPreset;
  presetGiven?: boolean;
  gamma: number;
  kappa: number;
  /** The step-size schedule in words. */
  schedule: string;
  /** Constant α, β (or, for the decreasing-step ADAM, their formula). */
  alpha?: number | string;
  beta?: number | string;
  a?: number;
  b?: number;
  epsilon?: number;
  epsilonRoot?: number;
  /** Where ε sits: outside the root (pytorch), inside (optax ε_root), the Keras ε̂ form. */
  epsilonForm?: 'outside-root' | 'keras-hat';
  momentum?: number;
  debias?: boolean;
}

/** The effective parameters of a spec (see EffectiveHyper). */
export function effectiveHyper(spec: OptimizerSpec, hyper: OptimizerHyper): EffectiveHyper {
  const uses = new Set(OPTIMIZER_FIELDS[spec.name]);
  const { gamma, kappa } = hyper;
  const out: EffectiveHyper = {
    optimizer: spec.name,
    gamma,
    kappa,
    schedule: kappa === 0 ? `constant γ = ${gamma}` : `γ_n = ${gamma} · n^-${kappa}`,
  };
  if (uses.has('preset')) {
    out.preset = spec.preset ?? 'pytorch';
    out.presetGiven = spec.preset !== undefined;
  }
  if (hyper.scaled === 1) {
    out.a = hyper.a;
    out.b = hyper.b;
    out.alpha = '1 - a γ_n';
    out.beta = '1 - b γ_n';
  } else {
    if (uses.has('alpha')) {
      out.alpha = 1 - hyper.c1;
      out.a = hyper.c1 / gamma;
    }
    if (uses.has('beta')) {
      out.beta = 1 - hyper.c2;
      out.b = hyper.c2 / gamma;
    }
  }
  if (uses.has('epsilon')) {
    out.epsilon = hyper.epsilon;
    out.epsilonRoot = hyper.epsilonRoot;
    out.epsilonForm = hyper.epsilonForm === 1 ? 'keras-hat' : 'outside-root';
  }
  if (uses.has('momentum')) out.momentum = hyper.momentum;
  if (uses.has('debias') || spec.name === 'adam-nodebias') out.debias = hyper.debias === 1;
  return out;
}
