/**
 * Supernode partition of a postordered elimination tree: fundamental supernodes (chains j → j+1
 * where j is the only child and the column counts drop by one), then relaxed amalgamation in the
 * spirit of CHOLMOD (with tighter limits, see worthMerging): a supernode is absorbed into its parent when it sits directly before it and
 * the explicit zeros this adds stay within limits that loosen for small supernodes. Bigger
 * supernodes mean fewer, larger dense kernel calls. Returns supernodeStart (length count + 1).
 */
export function relaxedSupernodes(
  n: number,
  parent: Int32Array,
  columnCount: Int32Array,
): Int32Array {
  const childCount = new Int32Array(n);
  for (let j = 0; j < n; j++) if (parent[j] >= 0) childCount[parent[j]]++;
  const fundamentalStart: number[] = [];
  for (let j = 0; j < n; j++) {
    const continues =
      j > 0 &&
      parent[j - 1] === j &&
      columnCount[j - 1] === columnCount[j] + 1 &&
      childCount[j] === 1;
    if (!continues) fundamentalStart.push(j);
  }
  fundamentalStart.push(n);
  const count = fundamentalStart.length - 1;
  const trueEntries = new Float64Array(count);
  for (let f = 0; f < count; f++) {
    for (let j = fundamentalStart[f]; j < fundamentalStart[f + 1]; j++)
      trueEntries[f] += columnCount[j];
  }
  const starts: number[] = [n];
  let g = count - 1;
  while (g >= 0) {
    let first = fundamentalStart[g];
    const last = fundamentalStart[g + 1] - 1;
    let columns = last - first + 1;
    let height = columnCount[first];
    let entries = trueEntries[g];
    let c = g - 1;
    while (c >= 0) {
      const childParent = parent[first - 1];
      if (childParent < first || childParent > last) break;
      const childColumns = fundamentalStart[c + 1] - fundamentalStart[c];
      const mergedColumns = childColumns + columns;
      const mergedHeight = childColumns + height;
      const stored = mergedColumns * mergedHeight - (mergedColumns * (mergedColumns - 1)) / 2;
      const mergedEntries = entries + trueEntries[c];
      if (!worthMerging(mergedColumns, (stored - mergedEntries) / stored)) break;
      first = fundamentalStart[c];
      columns = mergedColumns;
      height = mergedHeight;
      entries = mergedEntries;
      c--;
    }
    starts.push(first);
    g = c;
  }
  return Int32Array.from(starts.reverse());
}

/**
 * Relaxation tuned for this package's kernels (CHOLMOD allows far more padding): a narrow
 * supernode with many rows below makes a large update matrix, and padding it with zeros costs
 * multiply–adds on every entry of that update, so only single columns merge unconditionally.
 */
function worthMerging(columns: number, zeroFraction: number): boolean {
  if (columns <= 1) return true;
  if (columns <= 16 && zeroFraction < 0.3) return true;
  if (columns <= 48 && zeroFraction < 0.1) return true;
  return zeroFraction < 0.05;
}
