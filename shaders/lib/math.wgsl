// Small numerical helpers that WGSL lacks. Float64 twin: src/ode/math.ts.

// e^x - 1 without cancellation. WGSL has no expm1: for |x| < 1/4 a Taylor polynomial to
// x^8 (truncation below 2^-30 relative, i.e. below f32 rounding); beyond, exp(x) - 1 loses at
// most a few ulp because |e^x - 1| >= 0.22 there.
fn expMinusOne(x: f32) -> f32 {
  if (abs(x) < 0.25) {
    let p = 1.0 + x * (1.0 / 2.0 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x * (1.0 / 120.0
      + x * (1.0 / 720.0 + x * (1.0 / 5040.0 + x * (1.0 / 40320.0)))))));
    return x * p;
  }
  return exp(x) - 1.0;
}

// 1 - e^{-u} for u >= 0 (the bias weight r(t) = 1 - e^{-at} of docs/math.md section 3).
fn oneMinusExpNeg(u: f32) -> f32 {
  return -expMinusOne(-u);
}

// a / (1 - e^{-a t}) for t > 0: the debiasing rate of docs/math.md section 3; ~ 1/t as t -> 0.
fn debiasRate(a: f32, t: f32) -> f32 {
  return a / oneMinusExpNeg(a * t);
}
