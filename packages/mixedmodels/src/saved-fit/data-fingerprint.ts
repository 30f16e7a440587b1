import type { ModelParts } from "@mixedmodels/modelmatrix";

/**
 * A fingerprint of the numbers a model is built from (y, X, every random-effects term's level
 * indices and columns, weights, offset): two 32-bit multiplicative hashes over their bits, as 16
 * hex digits. It tells `restoreFit` whether the data it is given are those the fit was saved
 * with; it is no cryptographic hash (a deliberate forgery is not the threat).
 */
export function dataFingerprint(parts: ModelParts): string {
  const state = { a: 0x811c9dc5, b: 0x9747b28c };
  mixArray(state, parts.y);
  mixArray(state, parts.X.data);
  for (const term of parts.reterms) {
    mixArray(state, term.refs);
    mixArray(state, term.z);
  }
  if (parts.weights !== null) mixArray(state, parts.weights);
  if (parts.offset) mixArray(state, parts.offset);
  return hex(state.a) + hex(state.b);
}

function mixArray(
  state: { a: number; b: number },
  values: Float64Array | Int32Array | Float32Array,
): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.byteLength / 4);
  let { a, b } = state;
  a = Math.imul(a ^ words.length, 0x01000193);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    a = Math.imul(a ^ word, 0x01000193);
    b = Math.imul(b ^ word, 0x5bd1e995);
    b ^= b >>> 15;
  }
  state.a = a >>> 0;
  state.b = b >>> 0;
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, "0");
}
