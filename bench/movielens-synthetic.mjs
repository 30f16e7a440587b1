// A MovieLens-1M-shaped data set, generated (never downloaded) from a fixed seed: 1,000,209
// ratings 1–5 by 6,040 users of 3,706 items, with the users' and items' numbers of ratings as
// skewed as ml-1m's. Reference shape of ml-1m (GroupLens' ratings.dat): users rate 20 to 2,314
// items (median 96, mean 165.6); items get 1 to 3,428 ratings (median 123.5, mean 269.9);
// ratings 1..5 in proportions 5.6 / 10.8 / 26.1 / 34.9 / 22.6 %.
//
// Only uniforms, sums, products and Math.sqrt (correctly rounded everywhere) are used, so the
// table is the same on every engine: heavy tails come from Lomax draws s·(U^(−1/α) − 1) with
// α = 4 for users and α = 2 for items (U^(−1/4) and U^(−1/2) need only square roots), and
// normal effects from Irwin–Hall sums of uniforms.

export const movielensShape = Object.freeze({
  rows: 1_000_209,
  users: 6_040,
  items: 3_706,
  userCounts: { min: 20, max: 2_314 },
  itemCounts: { min: 1, max: 3_428 },
});

/** mulberry32: a small seeded generator of uniforms in [0, 1). */
function uniforms(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An approximately standard normal draw: the sum of 12 uniforms minus 6 (Irwin–Hall). */
function normal(random) {
  let sum = -6;
  for (let i = 0; i < 12; i++) sum += random();
  return sum;
}

/**
 * `count` integer degrees in [min, max] summing to exactly `total`: Lomax-shaped raw draws
 * (minimum plus a heavy tail), the tail scaled until the clipped sum is `total`, then rounded
 * by largest remainders.
 */
function degrees(random, count, total, { min, max }, inverseRoot) {
  const tail = Float64Array.from({ length: count }, () => inverseRoot(1 - random()) - 1);
  let low = 0;
  let high = (total / count) * 1e3;
  const clippedSum = (scale) => {
    let sum = 0;
    for (const t of tail) sum += Math.min(max, min + scale * t);
    return sum;
  };
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    if (clippedSum(middle) < total) low = middle;
    else high = middle;
  }
  const exact = Array.from(tail, (t) => Math.min(max, min + low * t));
  const out = Int32Array.from(exact, Math.floor);
  let missing = total - out.reduce((sum, d) => sum + d, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let r = 0; missing > 0; r = (r + 1) % count) {
    const i = order[r][1];
    if (out[i] < max) {
      out[i]++;
      missing--;
    }
  }
  return out;
}

/** codes = 0 repeated counts[0] times, then 1 repeated counts[1] times, ... */
function fillRuns(codes, counts) {
  let row = 0;
  for (let code = 0; code < counts.length; code++) {
    codes.fill(code, row, row + counts[code]);
    row += counts[code];
  }
}

/**
 * Swaps the items of a row whose (user, item) pair repeats with those of random other rows
 * until no pair repeats (or the attempts run out), keeping both degree sequences: the shuffled
 * pairing puts about 14% of the rows on a pair some earlier row already has (heavy users meet
 * popular items), and ml-1m has every pair once. Returns how many repeats remain.
 */
function removeRepeatedPairs(random, userCodes, itemCodes) {
  const rows = userCodes.length;
  const key = (row) => userCodes[row] * 4096 + itemCodes[row];
  const pairCount = new Map();
  for (let row = 0; row < rows; row++) pairCount.set(key(row), (pairCount.get(key(row)) ?? 0) + 1);
  let remaining = 0;
  for (let row = 0; row < rows; row++) {
    if (pairCount.get(key(row)) === 1) continue;
    let fixed = false;
    for (let attempt = 0; attempt < 200 && !fixed; attempt++) {
      const other = Math.floor(random() * rows);
      const here = userCodes[row] * 4096 + itemCodes[other];
      const there = userCodes[other] * 4096 + itemCodes[row];
      if (itemCodes[other] === itemCodes[row] || pairCount.has(here) || pairCount.has(there))
        continue;
      for (const [k, delta] of [
        [key(row), -1],
        [key(other), -1],
        [here, 1],
        [there, 1],
      ]) {
        const count = (pairCount.get(k) ?? 0) + delta;
        if (count === 0) pairCount.delete(k);
        else pairCount.set(k, count);
      }
      const swap = itemCodes[row];
      itemCodes[row] = itemCodes[other];
      itemCodes[other] = swap;
      fixed = true;
    }
    if (!fixed) remaining++;
  }
  return remaining;
}

/**
 * The data set as a DataTable (`rating` numeric, `user` and `item` categorical). Pairs come
 * from the bipartite configuration model (the items' rating slots shuffled against the users'),
 * so both degree sequences hold exactly, then repeated pairs are rewired away.
 */
export function movielensShapedTable(seed = 20_031_024) {
  const { rows, users, items } = movielensShape;
  const random = uniforms(seed);
  const userCount = degrees(
    random,
    users,
    rows,
    movielensShape.userCounts,
    (u) => 1 / Math.sqrt(Math.sqrt(u)),
  );
  const itemCount = degrees(
    random,
    items,
    rows,
    movielensShape.itemCounts,
    (u) => 1 / Math.sqrt(u),
  );
  const userCodes = new Int32Array(rows);
  const itemCodes = new Int32Array(rows);
  fillRuns(userCodes, userCount);
  fillRuns(itemCodes, itemCount);
  for (let row = rows - 1; row > 0; row--) {
    const other = Math.floor(random() * (row + 1));
    const swap = itemCodes[row];
    itemCodes[row] = itemCodes[other];
    itemCodes[other] = swap;
  }
  removeRepeatedPairs(random, userCodes, itemCodes);
  // rating = round(3.58 + user effect + item effect + noise), clipped to 1..5; the standard
  // deviations are those lme4 estimates on the real ml-1m within about 0.1.
  const userEffect = Float64Array.from({ length: users }, () => 0.45 * normal(random));
  const itemEffect = Float64Array.from({ length: items }, () => 0.5 * normal(random));
  const rating = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    const raw =
      3.58 + userEffect[userCodes[row]] + itemEffect[itemCodes[row]] + 0.9 * normal(random);
    rating[row] = Math.min(5, Math.max(1, Math.round(raw)));
  }
  return {
    nrow: rows,
    names: ["user", "item", "rating"],
    columns: {
      user: {
        kind: "categorical",
        levels: Array.from({ length: users }, (_, u) => `u${u + 1}`),
        codes: userCodes,
      },
      item: {
        kind: "categorical",
        levels: Array.from({ length: items }, (_, i) => `i${i + 1}`),
        codes: itemCodes,
      },
      rating: { kind: "numeric", values: rating },
    },
  };
}
