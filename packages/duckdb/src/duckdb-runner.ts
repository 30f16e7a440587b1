import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { DataError } from "@mixedmodels/core";

/** A value of a result cell, as this package reads it. */
export type CellValue = number | string | null;

/**
 * Runs queries on an embedded DuckDB connection and hands their results over chunk by chunk (a
 * few thousand rows at a time), so a result with millions of level pairs never sits in memory
 * as JavaScript row objects.
 */
export class DuckDBRunner {
  private constructor(
    readonly connection: DuckDBConnection,
    private readonly owned: DuckDBInstance | null,
  ) {}

  /** On the given connection, or on a new in-memory database (closed by `close`). */
  static async open(connection?: DuckDBConnection): Promise<DuckDBRunner> {
    if (connection !== undefined) return new DuckDBRunner(connection, null);
    const instance = await DuckDBInstance.create(":memory:");
    return new DuckDBRunner(await instance.connect(), instance);
  }

  /** Column names and database type names of a query's result (no rows are read). */
  async describe(sql: string): Promise<{ names: string[]; types: string[] }> {
    const result = await this.run(sql);
    return {
      names: result.columnNames(),
      types: result.columnTypes().map((type) => type.toString()),
    };
  }

  /** Calls `visit(columns, rows)` for every chunk of the result, columns as cell arrays. */
  async forEachChunk(
    sql: string,
    visit: (columns: readonly (readonly CellValue[])[], rows: number) => void,
  ): Promise<void> {
    const result = await this.run(sql, true);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const columns = chunk.getColumns().map((values) => values.map(toCell));
      visit(columns, chunk.rowCount);
    }
  }

  /** Every row of a small result (the one-row fixed-effects query, the level lists). */
  async rows(sql: string): Promise<CellValue[][]> {
    const out: CellValue[][] = [];
    await this.forEachChunk(sql, (columns, rows) => {
      for (let t = 0; t < rows; t++) out.push(columns.map((column) => column[t]));
    });
    return out;
  }

  close(): void {
    if (this.owned !== null) {
      this.connection.closeSync();
      this.owned.closeSync();
    }
  }

  private async run(sql: string, stream = false) {
    try {
      return stream ? await this.connection.stream(sql) : await this.connection.run(sql);
    } catch (error) {
      // DuckDB's own message (a missing file, a type error in the source) says what is wrong.
      const message = error instanceof Error ? error.message : String(error);
      throw new DataError(`DuckDB could not run the query: ${message}`);
    }
  }
}

/** Numbers stay numbers, 64-bit and 128-bit integers become numbers, anything else its text. */
function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "bigint") return Number(value);
  return String(value);
}
