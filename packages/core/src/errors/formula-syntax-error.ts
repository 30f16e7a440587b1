import { MixedModelsError } from "./mixed-models-error";

/**
 * Thrown by `parseFormula` (and `parseFormulaAst`) for any formula it cannot accept: bad tokens,
 * unbalanced parentheses, missing operands, unknown functions, and formulas that parse but mean
 * nothing (a random-effects term inside `*`, the same variable on both sides of `|`).
 *
 * `offset` is a 0-based index into the text (it may equal `text.length` for "ended too early");
 * `line` and `column` are 1-based; `excerpt` is the offending line with a caret line under the
 * offending characters, ready to print in a monospace font.
 *
 * It lives in core (not in the formula package) so that the whole library has one error
 * hierarchy: `catch (e) { if (e instanceof MixedModelsError) ... }` sees formula errors too.
 */
export class FormulaSyntaxError extends MixedModelsError {
  declare readonly code: "FORMULA_SYNTAX";
  /** The problem alone, without the position and excerpt that `message` adds. */
  readonly reason: string;
  /** 0-based character offset of the offending position, 0 ≤ offset ≤ text.length. */
  readonly offset: number;
  /** Number of offending characters starting at `offset` (at least 1 in the caret line). */
  readonly length: number;
  /** 1-based line of `offset`. */
  readonly line: number;
  /** 1-based column of `offset` within its line. */
  readonly column: number;
  /** The offending line followed by a line of carets under the offending characters. */
  readonly excerpt: string;
  /** The whole formula text. */
  readonly text: string;

  constructor(reason: string, text: string, offset: number, length = 1) {
    const clamped = Math.max(0, Math.min(offset, text.length));
    const location = locate(text, clamped);
    const caretCount = Math.max(
      1,
      Math.min(length, location.lineText.length - location.column + 1),
    );
    const excerpt = `${location.lineText}\n${" ".repeat(location.column - 1)}${"^".repeat(caretCount)}`;
    super(
      "FORMULA_SYNTAX",
      `${reason} (line ${location.line}, column ${location.column})\n${excerpt}`,
    );
    this.name = "FormulaSyntaxError";
    this.reason = reason;
    this.offset = clamped;
    this.length = Math.max(1, length);
    this.line = location.line;
    this.column = location.column;
    this.excerpt = excerpt;
    this.text = text;
  }
}

function locate(text: string, offset: number): { line: number; column: number; lineText: string } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  let lineEnd = text.indexOf("\n", lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, "").replace(/\t/g, " ");
  return { line, column: offset - lineStart + 1, lineText };
}
