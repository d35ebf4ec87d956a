// This machine's speed varies (shared hosts, by up to 3×): a fixed CPU loop, printed before the
// figures of a benchmark so that they can be read against it.
export function calibrate() {
  const start = process.hrtime.bigint();
  let x = 0;
  for (let i = 0; i < 3e8; i++) x += i % 7;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`calibration: a fixed CPU loop took ${seconds.toFixed(2)} s (0.64 s on a quiet stretch)${x < 0 ? '' : ''}`);
}
