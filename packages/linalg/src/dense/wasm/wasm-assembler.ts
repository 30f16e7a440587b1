/**
 * A tiny WebAssembly binary emitter: just enough of the format (types, functions, one exported
 * memory, exports, code) and of the instruction set to write numeric kernels by hand in
 * TypeScript, so no external assembler or prebuilt binary is needed.
 */

export const valueType = { i32: 0x7f, f64: 0x7c, v128: 0x7b } as const;
export type ValueType = (typeof valueType)[keyof typeof valueType];

/** Unsigned LEB128. */
export function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0);
  return out;
}

/** Signed LEB128 for 32-bit integers. */
export function signedLeb(value: number): number[] {
  const out: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

function utf8Name(name: string): number[] {
  const bytes = [...new TextEncoder().encode(name)];
  return [...unsignedLeb(bytes.length), ...bytes];
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb(content.length), ...content];
}

/** Instruction emitters; each returns the bytes of one instruction. */
export const op = {
  block: () => [0x02, 0x40],
  loop: () => [0x03, 0x40],
  if: () => [0x04, 0x40],
  else: () => [0x05],
  end: () => [0x0b],
  br: (depth: number) => [0x0c, ...unsignedLeb(depth)],
  brIf: (depth: number) => [0x0d, ...unsignedLeb(depth)],
  return: () => [0x0f],
  localGet: (index: number) => [0x20, ...unsignedLeb(index)],
  localSet: (index: number) => [0x21, ...unsignedLeb(index)],
  localTee: (index: number) => [0x22, ...unsignedLeb(index)],
  i32Const: (value: number) => [0x41, ...signedLeb(value)],
  i32Eqz: () => [0x45],
  i32Ne: () => [0x47],
  i32LtS: () => [0x48],
  i32GtS: () => [0x4a],
  i32Add: () => [0x6a],
  i32Sub: () => [0x6b],
  i32Mul: () => [0x6c],
  f64Load: (offset: number) => [0x2b, 3, ...unsignedLeb(offset)],
  f64Store: (offset: number) => [0x39, 3, ...unsignedLeb(offset)],
  f64Add: () => [0xa0],
  f64Sub: () => [0xa1],
  f64Mul: () => [0xa2],
  v128Load: (offset: number) => [0xfd, ...unsignedLeb(0x00), 3, ...unsignedLeb(offset)],
  v128Load64Splat: (offset: number) => [0xfd, ...unsignedLeb(0x0a), 3, ...unsignedLeb(offset)],
  v128Store: (offset: number) => [0xfd, ...unsignedLeb(0x0b), 3, ...unsignedLeb(offset)],
  v128Zero: () => [0xfd, ...unsignedLeb(0x0c), ...new Array<number>(16).fill(0)],
  f64x2Splat: () => [0xfd, ...unsignedLeb(0x14)],
  f64x2Add: () => [0xfd, ...unsignedLeb(0xf0)],
  f64x2Sub: () => [0xfd, ...unsignedLeb(0xf1)],
  f64x2Mul: () => [0xfd, ...unsignedLeb(0xf2)],
};

export interface WasmFunction {
  name: string;
  params: ValueType[];
  results: ValueType[];
  /** Extra locals after the parameters, in order. */
  locals: ValueType[];
  body: number[];
}

/**
 * Encodes a module with one exported memory named "memory" (`initialPages` × 64 KiB) and the given
 * exported functions.
 */
export function assembleModule(
  functions: WasmFunction[],
  initialPages: number,
): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [
    0x60,
    ...vector(f.params.map((t) => [t])),
    ...vector(f.results.map((t) => [t])),
  ]);
  const functionIndices = functions.map((_, i) => unsignedLeb(i));
  const memory = vector([[0x00, ...unsignedLeb(initialPages)]]);
  const exports = vector([
    [...utf8Name("memory"), 0x02, 0x00],
    ...functions.map((f, i) => [...utf8Name(f.name), 0x00, ...unsignedLeb(i)]),
  ]);
  const bodies = functions.map((f) => {
    const locals = vector(f.locals.map((t) => [1, t]));
    const code = [...locals, ...f.body, 0x0b];
    return [...unsignedLeb(code.length), ...code];
  });
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types)),
    ...section(3, vector(functionIndices)),
    ...section(5, memory),
    ...section(7, exports),
    ...section(10, vector(bodies)),
  ]);
}
