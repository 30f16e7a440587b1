export { type CrossProductQueries, crossProductQueries, queriesText } from "./cross-product-sql";
export { crossProductSQL, type DuckDBModelOptions, lmmFromDuckDB } from "./lmm-from-duckdb";
export type { SchemaOptions, SourceColumn, SourceSchema } from "./source-schema";
export { type SqlColumn, type SqlDesign, type SqlRandomTerm, sqlDesign } from "./sql-design";
