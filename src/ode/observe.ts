import { biasWeights, type OdeCoefficients, type OdeKind, type OdeObservation } from './systems.ts';
import type { OdeProblem } from './problem.ts';

/**
 * Observables along a solution (docs/math.md section 4), float64 twin of `odeObserveTile` in
 * shaders/ode/*.wgsl. The Lyapunov function V depends on the system:
 *
 * - `adam`, `heavy-ball-adam`: V = F + r_a(t)/(2a) Σ m̂²/(ε+√v̂) (Eq. 3.5; m̂ = -D ẋ for the
 *   heavy ball), V(0+) = F(x0) since r_a(0) = 0;
 * - `adam-autonomous`: V = F + 1/(2a) Σ m²/(ε+√v) (the t → ∞ limit of U);
 * - `heavy-ball`: V = F + ½‖ẋ‖² (energy); `heavy-ball-frozen`: V = F + 1/(2a) Σ D ẋ²;
 * - `gradient-flow`: V = F.
 */
export function observe(
  kind: OdeKind,
  p: OdeProblem,
  c: OdeCoefficients,
  t: number,
  z: Float64Array,
): OdeObservation {
  const d = p.dimension;
  const x = Float64Array.from(z.subarray(0, d));
  const g = new Float64Array(d);
  const s = new Float64Array(d);
  p.meanGradient(x, g);
  p.secondMoment(x, s);
  const { ra, rb } = biasWeights(c, Math.max(t, 0));
  const m = new Float64Array(d);
  const v = new Float64Array(d);
  let kinetic = 0;
  for (let i = 0; i < d; i++) {
    const y = z[d + i] ?? 0;
    const w = z[2 * d + i] ?? 0;
    const dWeight = c.epsilon + Math.sqrt(Math.max(w, 0));
    switch (kind) {
      case 'adam':
        m[i] = ra * y;
        v[i] = rb * w;
        kinetic += ((ra / (2 * c.a)) * y * y) / dWeight;
        break;
      case 'heavy-ball-adam':
        m[i] = -ra * dWeight * y;
        v[i] = rb * w;
        kinetic += (ra / (2 * c.a)) * dWeight * y * y;
        break;
      case 'adam-autonomous':
        m[i] = y;
        v[i] = w;
        kinetic += (y * y) / (2 * c.a * dWeight);
        break;
      case 'heavy-ball':
        m[i] = y;
        kinetic += 0.5 * y * y;
        break;
      case 'heavy-ball-frozen':
        m[i] = y;
        v[i] = w;
        kinetic += (dWeight * y * y) / (2 * c.a);
        break;
      case 'gradient-flow':
        m[i] = -(g[i] ?? 0);
        break;
    }
  }
  const F = p.value(x);
  const hasV = kind !== 'heavy-ball' && kind !== 'gradient-flow';
  return {
    F,
    V: F + kinetic,
    mNorm: norm(m),
    vGap: hasV ? norm(v.map((vi, i) => vi - (s[i] ?? 0))) : Number.NaN,
    dist: Math.sqrt(p.criticalDistanceSq(x)),
    x,
    m,
    v,
  };
}

function norm(a: Float64Array): number {
  let sum = 0;
  for (const ai of a) sum += ai * ai;
  return Math.sqrt(sum);
}
