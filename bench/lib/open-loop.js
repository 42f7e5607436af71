// Latency at a fixed offered load (issue 24): an open-loop, constant-arrival driver. Request i
// is sent at start + i/rate whatever happened to the earlier ones, and its latency is counted
// from that scheduled moment (so a stall of the server, or of this process, shows in the
// figures instead of slowing the load: no coordinated omission). Closed-loop tools at
// saturation measure queueing (Little's law), not the service time at a given load.
'use strict';

const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { quantile, round } = require('./measure');

/** Offer `rate` req/s for `duration` s to `base`, cycling through `paths`. */
function constantArrival(base, paths, { rate, duration, headers }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const total = Math.max(1, Math.round(rate * duration));
  const latencies = [];
  let errors = 0;
  let done = 0;
  let maxLag = 0;
  const start = performance.now() + 50;
  return new Promise((resolve) => {
    const finish = () => {
      if (++done < total) return;
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const elapsed = (performance.now() - start) / 1000;
      resolve({
        offeredRps: rate,
        achievedRps: round(latencies.length / elapsed),
        requests: total,
        p50Ms: round(quantile(latencies, 0.5)),
        p99Ms: round(quantile(latencies, 0.99)),
        p999Ms: round(quantile(latencies, 0.999)),
        maxMs: round(latencies[latencies.length - 1]),
        errors,
        // How late this process sent its worst request (a busy driver inflates the latencies).
        senderMaxLagMs: round(maxLag),
      });
    };
    const fire = (i) => {
      const scheduled = start + (i * 1000) / rate;
      maxLag = Math.max(maxLag, performance.now() - scheduled);
      const req = http.request(
        base + paths[i % paths.length],
        { agent, headers, timeout: 30_000 },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode >= 400) errors++;
            else latencies.push(performance.now() - scheduled);
            finish();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        errors++;
        finish();
      });
      req.end();
    };
    let i = 0;
    const tick = () => {
      const now = performance.now();
      while (i < total && start + (i * 1000) / rate <= now) fire(i++);
      if (i < total) setTimeout(tick, Math.max(0, start + (i * 1000) / rate - performance.now()));
    };
    setTimeout(tick, 50);
  });
}

/**
 * The open-loop scenario: each target on the api (and on the hand-written layer where it has
 * the route), one after the other. Returns one result row for latest.json.
 */
async function openLoop({ servers, rate, duration, headers, targets }) {
  const out = [];
  for (const t of targets) {
    const paths = t.paths || [t.path];
    const h = t.public ? {} : headers;
    const row = { key: t.key, path: paths[0], api: await constantArrival(servers.api.base, paths, { rate, duration, headers: h }) }; // prettier-ignore
    if (t.handwritten) row.handwritten = await constantArrival(servers.handwritten.base, paths, { rate, duration, headers: h }); // prettier-ignore
    out.push(row);
  }
  return {
    key: 'open-loop',
    name: `Latency at ${rate} req/s offered (open loop, ${duration} s each)`,
    unit: 'p99 ms',
    openLoop: { rate, durationSeconds: duration, targets: out },
    notes: 'constant arrival; latency from the scheduled send time; api and hand-written layer',
  };
}

module.exports = { openLoop, constantArrival };
