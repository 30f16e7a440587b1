import type { BinaryOperator } from "./types";

/**
 * Binding powers shared by the parser and the printer, lowest first. They follow R's operator
 * table with two deliberate choices: `&` binds like `:` (it means the same), and unary minus binds
 * looser than `:` so `- a:b` removes the term `a:b` (R would read `(-a):b`, which means nothing).
 */
export const BINARY_PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  "|": 10,
  "||": 10,
  "+": 20,
  "-": 20,
  "*": 30,
  "/": 30,
  "%in%": 40,
  ":": 50,
  "&": 50,
  "^": 60,
};

/** Binding power of unary `+` and `-`. */
export const UNARY_PRECEDENCE = 45;

/** `^` is right-associative (`a^b^c` = `a^(b^c)`); all other binary operators are left-associative. */
export function isRightAssociative(operator: BinaryOperator): boolean {
  return operator === "^";
}
