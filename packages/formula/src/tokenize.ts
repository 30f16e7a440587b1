import { FormulaSyntaxError } from "@mixedmodels/core";
import type { BinaryOperator } from "./types";

export type TokenKind = "name" | "number" | "operator" | "(" | ")" | "," | "~" | "end";

export interface Token {
  readonly kind: TokenKind;
  /** The characters of the token as written (for `name`: the name without backticks). */
  readonly text: string;
  /** The operator for `operator` tokens (`**` is read as `^`). */
  readonly operator?: BinaryOperator;
  /** The value of a `number` token. */
  readonly value?: number;
  readonly start: number;
  readonly end: number;
}

const NAME_START = /[\p{L}.]/u;
const NAME_PART = /[\p{L}\p{N}._]/u;
const DIGIT = /[0-9]/;
const NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;

const SINGLE_CHAR_OPERATORS: Record<string, BinaryOperator> = {
  "+": "+",
  "-": "-",
  "*": "*",
  "/": "/",
  ":": ":",
  "&": "&",
  "^": "^",
  "|": "|",
};

/**
 * Splits formula text into tokens, ending with an `end` token at `text.length`. Whitespace and
 * `#` comments (to the end of the line) separate tokens. Throws `FormulaSyntaxError` at the first
 * character that cannot start a token.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}) => {
    tokens.push({ kind, text: text.slice(start, end), start, end, ...extra });
  };
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (DIGIT.test(c) || (c === "." && DIGIT.test(text[i + 1] ?? ""))) {
      const match = NUMBER.exec(text.slice(i, i + 400));
      const literal = match ? match[0] : c;
      const value = Number(literal);
      if (!Number.isFinite(value)) {
        throw new FormulaSyntaxError(`number '${literal}' is too large`, text, i, literal.length);
      }
      push("number", i, i + literal.length, { value });
      i += literal.length;
      continue;
    }
    if (NAME_START.test(c)) {
      let end = i + 1;
      while (end < text.length && NAME_PART.test(text[end])) end++;
      push("name", i, end);
      i = end;
      continue;
    }
    if (c === "`") {
      const close = text.indexOf("`", i + 1);
      const newline = text.indexOf("\n", i + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        throw new FormulaSyntaxError(
          "unclosed backtick: a quoted name needs a closing '`'",
          text,
          i,
        );
      }
      if (close === i + 1) {
        throw new FormulaSyntaxError("empty name in backticks", text, i, 2);
      }
      tokens.push({
        kind: "name",
        text: text.slice(i + 1, close),
        start: i,
        end: close + 1,
      });
      i = close + 1;
      continue;
    }
    if (c === "%") {
      const close = text.indexOf("%", i + 1);
      const word = close < 0 ? text.slice(i, i + 1) : text.slice(i, close + 1);
      if (word === "%in%") {
        push("operator", i, close + 1, { operator: "%in%" });
        i = close + 1;
        continue;
      }
      throw new FormulaSyntaxError(
        `unknown operator '${word.length > 12 ? "%" : word}': the only %...% operator is %in%`,
        text,
        i,
        Math.min(word.length, 12),
      );
    }
    if (c === "|" && text[i + 1] === "|") {
      push("operator", i, i + 2, { operator: "||" });
      i += 2;
      continue;
    }
    if (c === "*" && text[i + 1] === "*") {
      push("operator", i, i + 2, { operator: "^" });
      i += 2;
      continue;
    }
    const operator = SINGLE_CHAR_OPERATORS[c];
    if (operator !== undefined) {
      push("operator", i, i + 1, { operator });
      i++;
      continue;
    }
    if (c === "(" || c === ")" || c === "," || c === "~") {
      push(c, i, i + 1);
      i++;
      continue;
    }
    throw new FormulaSyntaxError(unexpectedCharacterReason(c), text, i);
  }
  tokens.push({ kind: "end", text: "", start: text.length, end: text.length });
  return tokens;
}

function unexpectedCharacterReason(c: string): string {
  const shown = /\s/.test(c) || c.charCodeAt(0) < 32 ? `U+${c.charCodeAt(0).toString(16)}` : c;
  if (c === "=") return "unexpected '=': named arguments and comparisons are not supported";
  if (c === "'" || c === '"')
    return `unexpected ${shown}: strings are not supported (quote names with backticks)`;
  return `unexpected character '${shown}'`;
}
