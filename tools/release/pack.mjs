// Packs every public package with `pnpm pack`, which rewrites `workspace:` and `catalog:`
// specifiers to real versions exactly as `pnpm publish` does, into one directory.
// Usage: node tools/release/pack.mjs <destination>   (prints the tarball paths as JSON)
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** The workspace packages that are published (not `private`), with their directories. */
export function publicPackages() {
  const directory = join(root, "packages");
  return readdirSync(directory)
    .map((name) => join(directory, name))
    .map((path) => ({
      path,
      manifest: JSON.parse(readFileSync(join(path, "package.json"), "utf8")),
    }))
    .filter((entry) => entry.manifest.private !== true);
}

export function packAll(destination) {
  mkdirSync(destination, { recursive: true });
  return publicPackages().map(({ path, manifest }) => {
    const output = execFileSync("pnpm", ["pack", "--pack-destination", destination], {
      cwd: path,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    const tarball = output.trim().split("\n").at(-1).trim();
    return {
      name: manifest.name,
      version: manifest.version,
      path,
      tarball: resolve(path, tarball),
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const destination = resolve(process.argv[2] ?? join(root, ".release"));
  console.log(JSON.stringify(packAll(destination), null, 2));
}
