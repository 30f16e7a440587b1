/**
 * One clear message for any error: the formula caret excerpt for syntax errors, the column or
 * term for data and model errors; the stack only with --debug.
 */
export function formatCliError(error: unknown, debug: boolean): string {
  if (!(error instanceof Error)) return `error: ${String(error)}`;
  const lines = [`error: ${error.message}`];
  const excerpt = (error as { excerpt?: unknown }).excerpt;
  if (typeof excerpt === "string" && excerpt.length > 0 && !error.message.includes(excerpt)) {
    lines.push(excerpt);
  }
  if (debug && error.stack) lines.push("", error.stack);
  return lines.join("\n");
}
