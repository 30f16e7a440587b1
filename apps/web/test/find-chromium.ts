import { existsSync } from "node:fs";

/** A Chromium or Chrome binary of the system (no browser is downloaded: that fails here). */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/google-chrome-stable",
  ];
  return candidates.find(
    (path): path is string => path !== undefined && path !== "" && existsSync(path),
  );
}
