/** Field delimiters a header is checked for, in the order they win a tie-free detection. */
const candidates = [",", "\t", ";", "|"] as const;

export interface DelimiterChoice {
  readonly delimiter: string;
  /** How it was chosen, for messages: "given", "detected" or "default". */
  readonly how: "given" | "detected" | "default";
  /** Other candidate characters the header contains (outside quotes). */
  readonly alsoInHeader: readonly string[];
}

/**
 * The delimiter of a delimited text file from its first line: the one candidate (`,`, tab, `;`,
 * `|`) the header contains outside quotes. When it contains several, the comma stays (the CSV
 * default) and the others are kept so that a missing column can be explained.
 */
export function chooseDelimiter(text: string, given: string | undefined): DelimiterChoice {
  const present = candidates.filter((candidate) => headerContains(text, candidate));
  if (given !== undefined) {
    return { delimiter: given, how: "given", alsoInHeader: present.filter((c) => c !== given) };
  }
  if (present.length === 1 && present[0] !== ",") {
    return { delimiter: present[0], how: "detected", alsoInHeader: [] };
  }
  return { delimiter: ",", how: "default", alsoInHeader: present.filter((c) => c !== ",") };
}

/** Whether the first record's text contains `character` outside double quotes. */
function headerContains(text: string, character: string): boolean {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) return false;
    else if (!quoted && c === character) return true;
  }
  return false;
}

/** A delimiter as a user types it on the command line: `\t`, `tab`, `;`, `,`, `|`. */
export function parseDelimiterFlag(value: string): string | null {
  if (value === "\\t" || value.toLowerCase() === "tab" || value === "\t") return "\t";
  if (value.length === 1 && value !== '"' && value !== "\n" && value !== "\r") return value;
  return null;
}

/** How a delimiter is named in messages. */
export function delimiterName(delimiter: string): string {
  return delimiter === "\t" ? "tab" : `'${delimiter}'`;
}
