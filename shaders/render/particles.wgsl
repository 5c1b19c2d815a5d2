// Particle cloud of an ensemble, drawn straight from its `positions` state buffer (no
// readback). One instance per trajectory: the vertex buffer is `positions` itself
// (array<vec4<f32>>, trajectory-major, `tileCount` vec4 tiles per trajectory), bound with
// step mode `instance` and array stride 16·tileCount, so instance i reads the first tile of
// trajectory i, whose lanes 0 and 1 are (x_1, x_2). Each instance is a screen-aligned quad
// of `pointSize` pixels shaded as a soft disc; output is premultiplied alpha.

struct ParticleView {
  // Clip coordinates of a point x: clip = x * scale + offset (per axis), the plot frame.
  scale: vec2<f32>,
  offset: vec2<f32>,
  // Half the quad's size in clip units (pointSize / canvas size in pixels).
  halfSize: vec2<f32>,
  // Straight (not premultiplied) RGBA of a particle; alpha < 1 shows the density.
  color: vec4<f32>,
}

@group(0) @binding(0) var<uniform> view: ParticleView;

struct ParticleVarying {
  @builtin(position) position: vec4<f32>,
  // Corner of the quad in [-1, 1]².
  @location(0) corner: vec2<f32>,
}

@vertex
fn particleVertex(
  @builtin(vertex_index) vertexIndex: u32,
  @location(0) state: vec4<f32>,
) -> ParticleVarying {
  // Two triangles: (0, 1, 2) and (2, 1, 3) of the corners (-1,-1), (1,-1), (-1,1), (1,1).
  var corners = array<vec2<f32>, 6>(
    vec2<f32>(-1.0, -1.0),
    vec2<f32>(1.0, -1.0),
    vec2<f32>(-1.0, 1.0),
    vec2<f32>(-1.0, 1.0),
    vec2<f32>(1.0, -1.0),
    vec2<f32>(1.0, 1.0),
  );
  let corner = corners[vertexIndex];
  var out: ParticleVarying;
  let center = state.xy * view.scale + view.offset;
  // A diverged trajectory (non-finite x) is moved outside the clip volume.
  let finite = all(abs(center) < vec2<f32>(1e30, 1e30));
  let placed = select(vec2<f32>(4.0, 4.0), center + corner * view.halfSize, finite);
  out.position = vec4<f32>(placed, 0.0, 1.0);
  out.corner = corner;
  return out;
}

@fragment
fn particleFragment(fragmentIn: ParticleVarying) -> @location(0) vec4<f32> {
  let radius = length(fragmentIn.corner);
  if (radius > 1.0) {
    discard;
  }
  let alpha = view.color.a * (1.0 - smoothstep(0.6, 1.0, radius));
  return vec4<f32>(view.color.rgb * alpha, alpha);
}

// Point variant for large clouds (and software adapters): one vertex per trajectory, drawn as
// a 1-pixel point (topology point-list, step mode `vertex`): no quad, no per-instance work.
@vertex
fn particlePointVertex(@location(0) state: vec4<f32>) -> @builtin(position) vec4<f32> {
  let center = state.xy * view.scale + view.offset;
  let finite = all(abs(center) < vec2<f32>(1e30, 1e30));
  return vec4<f32>(select(vec2<f32>(4.0, 4.0), center, finite), 0.0, 1.0);
}

@fragment
fn particlePointFragment() -> @location(0) vec4<f32> {
  return vec4<f32>(view.color.rgb * view.color.a, view.color.a);
}
