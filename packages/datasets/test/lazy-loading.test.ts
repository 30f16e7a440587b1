import { describe, expect, it } from "vitest";
import type { EncodedDataset } from "../src/encoding/encoded-dataset";
import { instevalEncoded } from "../src/generated/insteval.generated";
import { createLazyDataTable } from "../src/lazy-data-table";

describe("createLazyDataTable", () => {
  it("reads no encoded column before columns is first accessed, and decodes only once", () => {
    let reads = 0;
    const columns = {
      get y() {
        reads++;
        return { kind: "integer-digits", offset: 1, width: 1, digits: "$%&" } as const;
      },
    };
    const encoded: EncodedDataset = {
      name: "tiny",
      source: "test",
      nrow: 3,
      names: ["y"],
      columns,
    };
    const table = createLazyDataTable(encoded);
    expect(table.nrow).toBe(3);
    expect(table.names).toEqual(["y"]);
    expect(reads).toBe(0);
    const first = table.columns;
    const second = table.columns;
    expect(reads).toBe(1);
    expect(first).toBe(second);
    expect(first.y.kind === "numeric" && Array.from(first.y.values)).toEqual([1, 2, 3]);
  });

  it("decodes InstEval (73,421 rows) well within a generous 1 s bound", () => {
    const table = createLazyDataTable(instevalEncoded);
    const start = performance.now();
    const columns = table.columns;
    const elapsed = performance.now() - start;
    expect(Object.keys(columns)).toEqual(["s", "d", "studage", "lectage", "service", "dept", "y"]);
    expect(elapsed).toBeLessThan(1000);
  });
});
