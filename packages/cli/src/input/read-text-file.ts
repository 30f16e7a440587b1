import { readFile } from "node:fs/promises";
import type { CliIo } from "../io";

/** Reads a UTF-8 text file whole. */
export async function readTextFile(path: string, _size: number, _io: CliIo): Promise<string> {
  return readFile(path, "utf8");
}
