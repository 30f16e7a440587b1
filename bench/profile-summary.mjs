// Summarizes a V8 .cpuprofile by self time per function (and by file), largest first.
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [top=30]
import { readFileSync } from "node:fs";

const [file, topText] = process.argv.slice(2);
const top = Number(topText ?? 30);
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
// timeDeltas[i] is the time before samples[i]: attribute it to that sample's node.
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const byFunction = new Map();
const byFile = new Map();
let total = 0;
for (const [id, micros] of selfMicros) {
  const { callFrame } = byId.get(id);
  const fileName = callFrame.url.replace(/^.*\/(packages|node_modules)\//, "$1/") || "(native)";
  const key = `${callFrame.functionName || "(anonymous)"}  ${fileName}:${callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
  byFile.set(fileName, (byFile.get(fileName) ?? 0) + micros);
  total += micros;
}
const print = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(1)} ms)`);
  const rows = [...map].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [key, micros] of rows) {
    console.log(
      `${(micros / 1000).toFixed(1).padStart(9)} ms ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
};
print("self time by function", byFunction);
print("self time by file", byFile);
