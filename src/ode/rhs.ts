import {
  debiasRates,
  halfDirectionalDerivatives,
  type OdeCoefficients,
  type OdeInitialData,
  type OdeKind,
} from './systems.ts';
import type { OdeProblem } from './problem.ts';

/**
 * Right-hand sides of docs/math.md section 3 in float64 (twins of shaders/ode/*.wgsl). The state
 * z = (x, y, w) is one Float64Array of length 3d (see systems.ts for the meaning of y, w).
 */
export type Derivative = (t: number, z: Float64Array, out: Float64Array) => void;

interface Scratch {
  g: Float64Array;
  s: Float64Array;
}

const sqrtPos = (v: number) => Math.sqrt(Math.max(v, 0));

/** Debiased ADAM: ẋ = -m̂/(ε+√v̂), m̂' = a/r_a (∇F - m̂), v̂' = b/r_b (S - v̂); limits at t = 0. */
function adam(p: OdeProblem, c: OdeCoefficients, k: Scratch): Derivative {
  const d = p.dimension;
  return (t, z, out) => {
    const x = z.subarray(0, d);
    p.meanGradient(x, k.g);
    p.secondMoment(x, k.s);
    for (let i = 0; i < d; i++)
      out[i] = -(z[d + i] ?? 0) / (c.epsilon + sqrtPos(z[2 * d + i] ?? 0));
    if (t <= 0) {
      // m̂(0+) = ∇F(x0), v̂(0+) = S(x0); m̂'(0+) = ½ d/dt ∇F(x(t)), v̂'(0+) = ½ d/dt S(x(t)).
      const half = halfDirectionalDerivatives(p, Float64Array.from(x), out.subarray(0, d));
      out.set(half.gradient, d);
      out.set(half.moment, 2 * d);
      return;
    }
    const { rateA, rateB } = debiasRates(c, t);
    for (let i = 0; i < d; i++) {
      out[d + i] = rateA * ((k.g[i] ?? 0) - (z[d + i] ?? 0));
      out[2 * d + i] = rateB * ((k.s[i] ?? 0) - (z[2 * d + i] ?? 0));
    }
  };
}

/** ADAM without debiasing (Eq. 7.1): ẋ = -m/(ε+√v), ṁ = a(∇F - m), v̇ = b(S - v). */
function adamAutonomous(p: OdeProblem, c: OdeCoefficients, k: Scratch): Derivative {
  const d = p.dimension;
  return (_t, z, out) => {
    const x = z.subarray(0, d);
    p.meanGradient(x, k.g);
    p.secondMoment(x, k.s);
    for (let i = 0; i < d; i++) {
      const m = z[d + i] ?? 0;
      const v = z[2 * d + i] ?? 0;
      out[i] = -m / (c.epsilon + sqrtPos(v));
      out[d + i] = c.a * ((k.g[i] ?? 0) - m);
      out[2 * d + i] = c.b * ((k.s[i] ?? 0) - v);
    }
  };
}

/** Heavy ball with friction: ẋ = u, u̇ = -λu - ∇F(x). */
function heavyBall(p: OdeProblem, c: OdeCoefficients, k: Scratch): Derivative {
  const d = p.dimension;
  return (_t, z, out) => {
    p.meanGradient(z.subarray(0, d), k.g);
    for (let i = 0; i < d; i++) {
      const u = z[d + i] ?? 0;
      out[i] = u;
      out[d + i] = -c.lambda * u - (k.g[i] ?? 0);
      out[2 * d + i] = 0;
    }
  };
}

/** Frozen-v preconditioned heavy ball: ẍ + aẋ + aD⁻¹∇F(x) = 0, D = ε + √v (v constant). */
function heavyBallFrozen(p: OdeProblem, c: OdeCoefficients, k: Scratch): Derivative {
  const d = p.dimension;
  return (_t, z, out) => {
    p.meanGradient(z.subarray(0, d), k.g);
    for (let i = 0; i < d; i++) {
      const u = z[d + i] ?? 0;
      const dWeight = c.epsilon + sqrtPos(z[2 * d + i] ?? 0);
      out[i] = u;
      out[d + i] = -c.a * u - (c.a * (k.g[i] ?? 0)) / dWeight;
      out[2 * d + i] = 0;
    }
  };
}

/**
 * ADAM's heavy ball: c1 ẍ + c2 ẋ + ∇F = 0 with c1 = (r_a/a) D, c2 = D + (r_a/a) Ḋ,
 * D = ε + √v̂, i.e. ü = -(a/r_a)(u + ∇F/D) - (Ḋ/D) u with Ḋ = v̂'/(2√v̂). At t = 0 the limit
 * u̇(0+) = -(m̂'(0+) + Ḋ(0+) u0)/D0 (m̂ = -D u is the debiased ADAM momentum).
 */
function heavyBallAdam(p: OdeProblem, c: OdeCoefficients, k: Scratch): Derivative {
  const d = p.dimension;
  return (t, z, out) => {
    const x = z.subarray(0, d);
    p.meanGradient(x, k.g);
    p.secondMoment(x, k.s);
    const half =
      t <= 0
        ? halfDirectionalDerivatives(p, Float64Array.from(x), z.subarray(d, 2 * d))
        : undefined;
    const rates = t > 0 ? debiasRates(c, t) : { rateA: 0, rateB: 0 };
    for (let i = 0; i < d; i++) {
      const u = z[d + i] ?? 0;
      const vHat = z[2 * d + i] ?? 0;
      const root = Math.max(sqrtPos(vHat), 1e-300);
      const dWeight = c.epsilon + root;
      const vDot = half ? (half.moment[i] ?? 0) : rates.rateB * ((k.s[i] ?? 0) - vHat);
      const dDot = vDot / (2 * root);
      out[i] = u;
      out[2 * d + i] = vDot;
      out[d + i] = half
        ? -((half.gradient[i] ?? 0) + dDot * u) / dWeight
        : -rates.rateA * (u + (k.g[i] ?? 0) / dWeight) - (dDot / dWeight) * u;
    }
  };
}

/** Gradient flow ẋ = -∇F(x). */
function gradientFlow(p: OdeProblem, _c: OdeCoefficients, k: Scratch): Derivative {
  const d = p.dimension;
  return (_t, z, out) => {
    p.meanGradient(z.subarray(0, d), k.g);
    out.fill(0);
    for (let i = 0; i < d; i++) out[i] = -(k.g[i] ?? 0);
  };
}

const FACTORIES: Record<OdeKind, typeof adam> = {
  adam,
  'adam-autonomous': adamAutonomous,
  'heavy-ball': heavyBall,
  'heavy-ball-adam': heavyBallAdam,
  'heavy-ball-frozen': heavyBallFrozen,
  'gradient-flow': gradientFlow,
};

/** The right-hand side of `kind` for `problem` (float64). */
export function createDerivative(kind: OdeKind, p: OdeProblem, c: OdeCoefficients): Derivative {
  const d = p.dimension;
  return FACTORIES[kind](p, c, { g: new Float64Array(d), s: new Float64Array(d) });
}

/** z(0) (the debiased limits for `adam` and `heavy-ball-adam`). */
export function initialState(
  kind: OdeKind,
  p: OdeProblem,
  c: OdeCoefficients,
  x0: ArrayLike<number>,
  data: OdeInitialData = {},
): Float64Array {
  const d = p.dimension;
  const z = new Float64Array(3 * d);
  for (let i = 0; i < d; i++) z[i] = x0[i] ?? 0;
  const g = new Float64Array(d);
  const s = new Float64Array(d);
  p.meanGradient(z.subarray(0, d), g);
  p.secondMoment(z.subarray(0, d), s);
  if (kind === 'adam') {
    z.set(g, d);
    z.set(s, 2 * d);
  } else if (kind === 'heavy-ball-adam') {
    for (let i = 0; i < d; i++) z[d + i] = -(g[i] ?? 0) / (c.epsilon + sqrtPos(s[i] ?? 0));
    z.set(s, 2 * d);
  } else if (kind === 'heavy-ball' || kind === 'heavy-ball-frozen') {
    for (let i = 0; i < d; i++) z[d + i] = data.velocity?.[i] ?? 0;
    if (kind === 'heavy-ball-frozen') {
      for (let i = 0; i < d; i++) z[2 * d + i] = data.frozenV?.[i] ?? s[i] ?? 0;
    }
  }
  return z;
}
