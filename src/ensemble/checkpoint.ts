import { ParameterError } from '../errors.ts';
import type { EnsembleState } from './types.ts';

/**
 * The checkpoint file: an ensemble's state (`Ensemble.exportState()`) and the caller's data
 * (config, seed, records so far, ...) in one binary file:
 *
 *     bytes 0..7    "ADSCKPT1"
 *     bytes 8..11   header length H (u32, little-endian)
 *     bytes 12..    the header: UTF-8 JSON {format, formatVersion, step, backend, trajectories,
 *                   dimension, sections: [{name, type, offset, length}], meta}
 *     then          each section (x, m, v, aux, bias, diverged) at its 8-aligned offset,
 *                   little-endian, as the backend stores it (float32 or float64, u32 flags).
 *
 * Numbers in `meta` keep NaN and ±Infinity (written as strings "NaN", "Infinity", "-Infinity"
 * inside a `{"$number": ...}` wrapper), so records restored from a checkpoint are the records
 * that were taken, bit for bit.
 */

const MAGIC = 'ADSCKPT1';
const FORMAT_VERSION = 1;

type SectionType = 'f32' | 'f64' | 'u32';
interface Section {
  name: 'x' | 'm' | 'v' | 'aux' | 'bias' | 'diverged';
  type: SectionType;
  offset: number;
  length: number;
}

interface Header {
  format: 'adamscope-checkpoint';
  formatVersion: number;
  backend: 'webgpu' | 'cpu';
  step: number;
  trajectories: number;
  dimension: number;
  sections: Section[];
  paths: EnsembleState['paths'];
  meta: unknown;
}

/** JSON that keeps non-finite numbers (see above). */
export function stringifyExact(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { $number: String(v) } : v,
  );
}

/** The inverse of `stringifyExact`. */
export function parseExact(text: string): unknown {
  return JSON.parse(text, (_, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const n = (v as { $number?: unknown }).$number;
      if (keys.length === 1 && typeof n === 'string') return Number(n);
    }
    return v;
  });
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function typeOf(array: Float32Array | Float64Array | Uint32Array): SectionType {
  return array instanceof Float64Array ? 'f64' : array instanceof Float32Array ? 'f32' : 'u32';
}

/** Encodes a state and the caller's `meta` as one checkpoint file. */
export function encodeCheckpoint(state: EnsembleState, meta: unknown): Uint8Array {
  const arrays = {
    x: state.x,
    m: state.m,
    v: state.v,
    aux: state.aux,
    bias: state.bias,
    diverged: state.diverged,
  };
  const sections: Section[] = [];
  let offset = 0;
  for (const [name, array] of Object.entries(arrays) as [Section['name'], Float32Array][]) {
    sections.push({ name, type: typeOf(array), offset, length: array.length });
    offset = align8(offset + array.byteLength);
  }
  const header: Header = {
    format: 'adamscope-checkpoint',
    formatVersion: FORMAT_VERSION,
    backend: state.backend,
    step: state.step,
    trajectories: state.trajectories,
    dimension: state.dimension,
    sections,
    paths: state.paths,
    meta,
  };
  const headerBytes = new TextEncoder().encode(stringifyExact(header));
  const dataStart = align8(12 + headerBytes.byteLength);
  const out = new Uint8Array(dataStart + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, headerBytes.byteLength, true);
  out.set(headerBytes, 12);
  for (const section of sections) {
    const array = arrays[section.name];
    out.set(
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength),
      dataStart + section.offset,
    );
  }
  return out;
}

/** Decodes a checkpoint file; a file that is not one (or is cut short) throws a ParameterError. */
export function decodeCheckpoint(
  bytes: Uint8Array,
  name = 'checkpoint',
): { state: EnsembleState; meta: unknown } {
  const refuse = (reason: string): never => {
    throw new ParameterError(name, `${bytes.byteLength} bytes`, reason);
  };
  if (bytes.byteLength < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    refuse('an adamscope checkpoint file (it starts with ADSCKPT1)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > bytes.byteLength)
    refuse('a complete checkpoint (the header is cut short)');
  let header: Header;
  try {
    header = parseExact(new TextDecoder().decode(bytes.subarray(12, 12 + headerLength))) as Header;
  } catch {
    return refuse('a checkpoint with a JSON header');
  }
  if (header.format !== 'adamscope-checkpoint' || header.formatVersion !== FORMAT_VERSION)
    refuse(`checkpoint format ${FORMAT_VERSION} (this file has ${String(header.formatVersion)})`);
  const dataStart = align8(12 + headerLength);
  const read = (section: Section | undefined) => {
    if (!section) return refuse('a checkpoint with every state section');
    const size = { f32: 4, f64: 8, u32: 4 }[section.type];
    const start = dataStart + section.offset;
    const end = start + section.length * size;
    if (end > bytes.byteLength)
      refuse(`a complete checkpoint (section ${section.name} is cut short)`);
    // Copy: the typed array must start on its own alignment.
    const copy = new Uint8Array(bytes.subarray(start, end)).buffer;
    return section.type === 'f64'
      ? new Float64Array(copy)
      : section.type === 'f32'
        ? new Float32Array(copy)
        : new Uint32Array(copy);
  };
  const byName = (n: Section['name']) => header.sections.find((s) => s.name === n);
  const float = (n: Section['name']) => {
    const a = read(byName(n));
    if (a instanceof Uint32Array) return refuse(`a float section ${n}`);
    return a;
  };
  const diverged = read(byName('diverged'));
  if (!(diverged instanceof Uint32Array)) return refuse('a u32 section diverged');
  return {
    state: {
      backend: header.backend,
      step: header.step,
      trajectories: header.trajectories,
      dimension: header.dimension,
      x: float('x'),
      m: float('m'),
      v: float('v'),
      aux: float('aux'),
      bias: float('bias'),
      diverged,
      paths: header.paths,
    },
    meta: header.meta,
  };
}
