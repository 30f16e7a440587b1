import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// What every published package carries (tools/release/package-metadata.mjs writes it; the
// release check, tools/release/install-check.mjs, packs and installs the tarballs).
const packagesDir = resolve(import.meta.dirname, "../..");
const published = readdirSync(packagesDir)
  .map((name) => ({ name, path: join(packagesDir, name) }))
  .filter(({ path }) => existsSync(join(path, "package.json")))
  .map((entry) => ({
    ...entry,
    manifest: JSON.parse(readFileSync(join(entry.path, "package.json"), "utf8")),
  }))
  .filter(({ manifest }) => manifest.private !== true);

describe("every published package", () => {
  it("is found", () => {
    expect(published.map(({ manifest }) => manifest.name)).toContain("mixedmodels");
  });
  for (const { name, path, manifest } of published) {
    it(`${manifest.name}: LICENSE, README with an example, metadata and clean files`, () => {
      expect(readFileSync(join(path, "LICENSE"), "utf8")).toContain("MIT License");
      const readme = readFileSync(join(path, "README.md"), "utf8");
      expect(readme.split("\n").length).toBeGreaterThan(5);
      expect(manifest.license).toBe("MIT");
      expect(manifest.repository.directory).toBe(`packages/${name}`);
      expect(manifest.homepage).toMatch(/^https:\/\//);
      expect(manifest.bugs.url).toMatch(/^https:\/\//);
      expect(manifest.keywords.length).toBeGreaterThan(3);
      expect(manifest.files).toEqual(
        expect.arrayContaining([
          "dist",
          "src",
          "!src/**/*.test.ts",
          "!src/**/*.test-helper.ts",
          "!src/**/__snapshots__",
        ]),
      );
      expect(readFileSync(join(path, "tsup.config.ts"), "utf8")).toContain(
        "sourcesContent = false",
      );
    });
  }
});
