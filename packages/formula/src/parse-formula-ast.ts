import { FormulaSyntaxError } from "@mixedmodels/core";
import { BINARY_PRECEDENCE, isRightAssociative, UNARY_PRECEDENCE } from "./operator-precedence";
import { type Token, tokenize } from "./tokenize";
import type { Expr, FormulaAst } from "./types";

/** Deepest expression tree accepted; keeps every later recursive walk far from the stack limit. */
export const MAX_EXPRESSION_DEPTH = 1000;

/**
 * Parses formula text into its syntax tree without interpreting it: no term expansion and no
 * check of function names (`parseFormula` does both). Uses a Pratt parser over the operator table
 * in `operator-precedence.ts`; parentheses are kept as `paren` nodes.
 *
 * @throws FormulaSyntaxError for bad characters, missing operands or operators, unbalanced
 *   parentheses, a missing or second `~`, an empty formula, or nesting deeper than
 *   `MAX_EXPRESSION_DEPTH`.
 */
export function parseFormulaAst(text: string): FormulaAst {
  return new FormulaParser(text, tokenize(text)).parseFormula();
}

class FormulaParser {
  private index = 0;
  private openParentheses = 0;
  private seenTilde = false;
  private recursion = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseFormula(): FormulaAst {
    const first = this.peek();
    if (first.kind === "end") throw this.error("the formula is empty", 0);
    let response: Expr | null = null;
    if (first.kind !== "~") {
      response = this.parseExpression(0);
      const next = this.peek();
      if (next.kind === "end") {
        throw this.error(
          "missing '~': write 'response ~ terms', or '~ terms' without a response",
          this.text.length,
        );
      }
      if (next.kind !== "~") throw this.unexpectedAfterOperand(next, null);
    }
    const tilde = this.advance();
    this.seenTilde = true;
    const rhs = this.parseExpression(0);
    const next = this.peek();
    if (next.kind !== "end") throw this.unexpectedAfterOperand(next, null);
    this.checkDepth(response);
    this.checkDepth(rhs);
    return {
      response,
      rhs,
      span: { start: response ? response.span.start : tilde.start, end: rhs.span.end },
    };
  }

  private parseExpression(minPrecedence: number): Expr {
    // Right-associative `^` chains and runs of unary signs recurse once per operator.
    if (++this.recursion > MAX_EXPRESSION_DEPTH) {
      throw this.error(
        `the formula is nested too deeply (more than ${MAX_EXPRESSION_DEPTH} levels)`,
        this.peek().start,
      );
    }
    const expression = this.parseOperatorsAfter(this.parsePrefix(), minPrecedence);
    this.recursion--;
    return expression;
  }

  private parseOperatorsAfter(first: Expr, minPrecedence: number): Expr {
    let left = first;
    for (;;) {
      const token = this.peek();
      if (token.kind !== "operator" || token.operator === undefined) return left;
      const operator = token.operator;
      const precedence = BINARY_PRECEDENCE[operator];
      if (precedence <= minPrecedence) return left;
      this.advance();
      const right = this.parseExpression(
        isRightAssociative(operator) ? precedence - 1 : precedence,
      );
      left = {
        kind: "binary",
        op: operator,
        left,
        right,
        span: { start: left.span.start, end: right.span.end },
      };
    }
  }

  private parsePrefix(): Expr {
    const token = this.peek();
    if (token.kind === "number") {
      this.advance();
      return {
        kind: "number",
        value: token.value ?? 0,
        span: { start: token.start, end: token.end },
      };
    }
    if (token.kind === "name") {
      this.advance();
      if (this.peek().kind === "(") return this.parseCall(token);
      return { kind: "variable", name: token.text, span: { start: token.start, end: token.end } };
    }
    if (token.kind === "(") {
      this.enterParenthesis(token);
      const inner = this.parseExpression(0);
      const close = this.expectClose(token);
      return { kind: "paren", inner, span: { start: token.start, end: close.end } };
    }
    if (token.kind === "operator" && (token.operator === "+" || token.operator === "-")) {
      this.advance();
      const operand = this.parseExpression(UNARY_PRECEDENCE);
      return {
        kind: "unary",
        op: token.operator,
        operand,
        span: { start: token.start, end: operand.span.end },
      };
    }
    throw this.missingOperand(token);
  }

  private parseCall(name: Token): Expr {
    const open = this.peek();
    this.enterParenthesis(open);
    const args: Expr[] = [];
    if (this.peek().kind === ")") {
      const close = this.expectClose(open);
      return { kind: "call", name: name.text, args, span: { start: name.start, end: close.end } };
    }
    for (;;) {
      args.push(this.parseExpression(0));
      if (this.peek().kind === ",") {
        this.advance();
        continue;
      }
      const close = this.expectClose(open);
      return { kind: "call", name: name.text, args, span: { start: name.start, end: close.end } };
    }
  }

  private enterParenthesis(open: Token): void {
    this.advance();
    this.openParentheses++;
    // Each level of parentheses costs a few stack frames here and in every later tree walk.
    if (this.openParentheses > 200) {
      throw this.error("parentheses are nested too deeply (more than 200 levels)", open.start);
    }
  }

  private expectClose(open: Token): Token {
    const token = this.peek();
    if (token.kind !== ")") throw this.unexpectedAfterOperand(token, open);
    this.openParentheses--;
    return this.advance();
  }

  /** The token after a complete operand is neither an operator nor what the context expects. */
  private unexpectedAfterOperand(token: Token, open: Token | null): FormulaSyntaxError {
    switch (token.kind) {
      case "end":
        return open
          ? this.error("unclosed '(': no matching ')'", open.start)
          : this.error("unexpected end of formula", token.start);
      case ")":
        return this.error("unmatched ')': no '(' opens it", token.start);
      case "~":
        return this.tildeError(token);
      case ",":
        return this.error(
          open ? "unexpected ',': only a function call takes several arguments" : "unexpected ','",
          token.start,
        );
      default:
        return this.error(
          `missing operator (such as '+') before '${describe(token)}'`,
          token.start,
          token.end - token.start,
        );
    }
  }

  /** The token where an operand should start cannot start one. */
  private missingOperand(token: Token): FormulaSyntaxError {
    const previous = this.index > 0 ? this.tokens[this.index - 1] : undefined;
    if (token.kind === "~") return this.tildeError(token);
    if (token.kind === "operator") {
      if (token.operator === "|" || token.operator === "||") {
        return this.error(
          `the left side of '${token.text}' is empty`,
          token.start,
          token.text.length,
        );
      }
      return this.error(`'${token.text}' has nothing on its left`, token.start, token.text.length);
    }
    if (token.kind === ",") {
      return this.error(
        previous?.kind === "(" ? "missing argument before ','" : "unexpected ','",
        token.start,
      );
    }
    // token is `)` or the end of the text: what is missing depends on what came before.
    if (previous === undefined) return this.error("the formula is empty", 0);
    if (previous.kind === "~") {
      return token.kind === ")" && this.openParentheses === 0
        ? this.error("unmatched ')': no '(' opens it", token.start)
        : this.error("the right-hand side of '~' is empty", previous.start);
    }
    if (previous.kind === "operator") {
      if (previous.operator === "|" || previous.operator === "||") {
        return this.error(
          `the right side of '${previous.text}' is empty`,
          previous.start,
          previous.text.length,
        );
      }
      return this.error(
        `'${previous.text}' has nothing on its right`,
        previous.start,
        previous.text.length,
      );
    }
    if (previous.kind === ",") return this.error("missing argument after ','", previous.start);
    if (previous.kind === "(") {
      return token.kind === "end"
        ? this.error("unclosed '(': no matching ')'", previous.start)
        : this.error("empty parentheses '()'", previous.start, 2);
    }
    return this.error(`unexpected '${describe(token)}'`, token.start);
  }

  private tildeError(token: Token): FormulaSyntaxError {
    return this.error(
      this.seenTilde
        ? "a formula has only one '~'; this is a second one"
        : "'~' cannot be inside parentheses or a function call",
      token.start,
    );
  }

  /** Rejects trees deeper than MAX_EXPRESSION_DEPTH (long sums nest on the left). */
  private checkDepth(root: Expr | null): void {
    if (root === null) return;
    const stack: Array<{ node: Expr; depth: number }> = [{ node: root, depth: 1 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (depth > MAX_EXPRESSION_DEPTH) {
        throw this.error(
          `the formula is too long or nested too deeply (more than ${MAX_EXPRESSION_DEPTH} levels)`,
          node.span.start,
        );
      }
      for (const child of childrenOf(node)) stack.push({ node: child, depth: depth + 1 });
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private advance(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== "end") this.index++;
    return token;
  }

  private error(reason: string, offset: number, length = 1): FormulaSyntaxError {
    return new FormulaSyntaxError(reason, this.text, offset, length);
  }
}

function describe(token: Token): string {
  return token.kind === "end" ? "end of formula" : token.text;
}

function childrenOf(node: Expr): readonly Expr[] {
  switch (node.kind) {
    case "binary":
      return [node.left, node.right];
    case "unary":
      return [node.operand];
    case "paren":
      return [node.inner];
    case "call":
      return node.args;
    default:
      return [];
  }
}
