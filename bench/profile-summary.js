// Summarise a V8 CPU profile (`npm run bench -- --profile DIR` writes one for the api):
// self time by function and by where the code lives (a package under node_modules, the
// app's own dist/ tree, node's internals), and inclusive time of the heaviest frames.
//
//   node bench/profile-summary.js DIR/CPU.*.cpuprofile [--top N] [--last SECONDS] [--callers NAME]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('./lib/common');

function owner(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return `app:${url
      .slice(dist + 6)
      .split('/')
      .slice(0, 3)
      .join('/')}`;
  if (url.startsWith('node:')) return url;
  return path.basename(url);
}

function main() {
  const argv = process.argv.slice(2);
  const file = argv[0] && !argv[0].startsWith('--') ? argv.shift() : null;
  const args = parseArgs(argv, []);
  if (!file) throw new Error('usage: node bench/profile-summary.js FILE.cpuprofile [--top N]');
  const top = Number(args.top || 25);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);

  // Self time per node, from the samples and their time deltas.
  // --last S keeps the last S seconds only (leaves start-up out of a standalone run).
  const times = [];
  let clock = profile.startTime;
  for (const d of profile.timeDeltas) times.push((clock += d));
  const from = args.last ? profile.endTime - Number(args.last) * 1e6 : -Infinity;
  const self = new Map();
  profile.samples.forEach((id, i) => {
    if (times[i] < from) return;
    self.set(id, (self.get(id) || 0) + (profile.timeDeltas[i] || 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self].filter(([id]) => byId.get(id).callFrame.functionName === '(idle)')
    .reduce((a, [, t]) => a + t, 0); // prettier-ignore
  const busy = total - idle;

  const add = (map, key, t) => map.set(key, (map.get(key) || 0) + t);
  const fnSelf = new Map();
  const ownerSelf = new Map();
  const inclusive = new Map();
  const ownerInclusive = new Map();
  for (const [id, t] of self) {
    const { callFrame: cf } = byId.get(id);
    if (cf.functionName === '(idle)') continue;
    add(fnSelf, `${cf.functionName || '(anonymous)'} ${owner(cf.url)}:${cf.lineNumber + 1}`, t);
    add(ownerSelf, owner(cf.url), t);
    // Inclusive: every distinct frame on the stack gets the sample once.
    const seen = new Set();
    const owners = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame;
      const o = owner(f.url);
      if (!owners.has(o)) {
        owners.add(o);
        add(ownerInclusive, o, t);
      }
      const key = `${f.functionName || '(anonymous)'} ${owner(f.url)}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(inclusive, key, t);
    }
  }
  // --callers NAME: the stacks (up to 8 frames) that lead into functions called NAME.
  const callers = new Map();
  if (args.callers) {
    for (const [id, t] of self) {
      const stack = [];
      let hit = false;
      for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
        const f = byId.get(cur).callFrame;
        if (!hit && f.functionName === args.callers) hit = true;
        if (hit) stack.push(`${f.functionName || '(anonymous)'} ${owner(f.url)}:${f.lineNumber + 1}`); // prettier-ignore
        if (stack.length >= 8) break;
      }
      if (hit) add(callers, stack.join(' < '), t);
    }
  }
  const pct = (t) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`;
  const print = (title, map, n) => {
    console.log(`\n${title}`);
    for (const [k, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
      console.log(`${pct(t)}  ${k}`);
    }
  };
  console.log(`busy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s sampled`);
  print('self time by owner', ownerSelf, top);
  print('inclusive time by owner', ownerInclusive, top);
  print('self time by function', fnSelf, top);
  print('inclusive time by function', inclusive, top);
  if (args.callers) print(`stacks into ${args.callers}`, callers, top);
}

main();
