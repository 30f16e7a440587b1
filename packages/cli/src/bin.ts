import { processIo } from "./io";
import { main } from "./main";

const debug = process.argv.includes("--debug");

// A reader that stops early (`mixedmodels fit … --json | head`) closes the pipe: that is not an
// error of ours, so leave quietly instead of letting Node print an EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

// Nothing reaches the user as a stack trace unless --debug asks for it.
process.on("uncaughtException", (error) => {
  if (error && (error as NodeJS.ErrnoException).code === "EPIPE") process.exit(0);
  try {
    process.stderr.write(
      `unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  } finally {
    process.exit(1);
  }
});

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
