import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The API documentation (issue 16): typedoc over every documented package must report nothing.
// typedoc.json sets treatWarningsAsErrors, so a type referenced but not exported, a comment read
// as a broken link or a {@link} to something undocumented fails the run, and with it this test.
const root = resolve(import.meta.dirname, "../../..");

describe("typedoc", () => {
  it("treats warnings as errors", () => {
    const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8")) as {
      treatWarningsAsErrors?: boolean;
    };
    expect(config.treatWarningsAsErrors).toBe(true);
  });

  it("documents the packages with zero warnings and zero errors", () => {
    // --emit none: conversion and validation (where every warning arises) without writing HTML.
    const run = spawnSync(
      process.execPath,
      [join(root, "node_modules/typedoc/bin/typedoc"), "--emit", "none"],
      { cwd: root, encoding: "utf8", timeout: 600_000, env: { ...process.env, NO_COLOR: "1" } },
    );
    const output = `${run.stdout}${run.stderr}`;
    const problems = output.split("\n").filter((line) => /\[(warning|error)\]/.test(line));
    expect(problems).toEqual([]);
    expect(run.status).toBe(0);
  }, 600_000);
});
