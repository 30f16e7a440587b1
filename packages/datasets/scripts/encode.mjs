// The encoder behind generate.mjs, in its own module so tests can round-trip it against the
// decoder in src/encoding/decode-column.ts. The format is described in src/encoding/encoded-dataset.ts.

export const ALPHABET = Array.from({ length: 126 - 35 + 1 }, (_, i) => String.fromCharCode(35 + i))
  .filter((c) => c !== "\\")
  .join("");
const BASE = ALPHABET.length;

/** Parses RFC 4180 CSV; returns rows of { text, quoted } cells so "1" (factor) and 1 differ. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let cell = "";
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= n) throw new Error("unterminated quoted cell");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else cell += text[i++];
      }
    } else {
      while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") cell += text[i++];
    }
    row.push({ text: cell, quoted });
    if (text[i] === ",") {
      i++;
    } else {
      if (text[i] === "\r") i++;
      if (text[i] === "\n") i++;
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

export function widthFor(count) {
  let width = 1;
  while (BASE ** width < count) width++;
  return width;
}

export function encodeDigits(values, width) {
  const parts = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    let v = values[r];
    let s = "";
    for (let k = 0; k < width; k++) {
      s = ALPHABET[v % BASE] + s;
      v = Math.floor(v / BASE);
    }
    if (v !== 0) throw new Error(`value ${values[r]} does not fit in ${width} digits`);
    parts[r] = s;
  }
  return parts.join("");
}

function isMissing(cell) {
  return cell.text === "" || (!cell.quoted && cell.text === "NA");
}

export function encodeColumn(file, name, spec, cells) {
  if (spec.type === "factor") {
    const index = new Map(spec.levels.map((level, i) => [level, i]));
    const stored = cells.map((cell, r) => {
      if (isMissing(cell)) return 0;
      const code = index.get(cell.text);
      if (code === undefined)
        throw new Error(`${file}: '${cell.text}' in ${name}, row ${r + 1}, is not a schema level`);
      return code + 1;
    });
    const width = widthFor(spec.levels.length + 1);
    return {
      kind: "factor",
      levels: spec.levels,
      ordered: Boolean(spec.ordered),
      width,
      codes: encodeDigits(stored, width),
    };
  }
  if (spec.type !== "integer" && spec.type !== "numeric")
    throw new Error(`${file}: unknown type ${spec.type}`);
  const values = cells.map((cell, r) => {
    if (isMissing(cell)) return null;
    const value = Number(cell.text);
    if (cell.quoted || !Number.isFinite(value))
      throw new Error(`${file}: '${cell.text}' in ${name}, row ${r + 1}, is not a number`);
    if (spec.type === "integer" && !Number.isInteger(value))
      throw new Error(`${file}: ${value} in integer column ${name}`);
    return value;
  });
  const json = JSON.stringify(values);
  const present = values.filter((v) => v !== null);
  if (present.length > 0 && present.every((v) => Number.isSafeInteger(v))) {
    const offset = Math.min(...present);
    const width = widthFor(Math.max(...present) - offset + 2);
    if (width <= 3 && width * values.length < json.length) {
      const stored = values.map((v) => (v === null ? 0 : v - offset + 1));
      return { kind: "integer-digits", offset, width, digits: encodeDigits(stored, width) };
    }
  }
  return { kind: "numeric-json", type: spec.type, json };
}
