// Each fuzz suite's setup: SAKSFLYT_FUZZ_SEED fixes fast-check's seed as it fixes Schemathesis's, so a run that
// found something can be run again input for input (CI sets it from the commit).
const fc = require('fast-check');

const seed = process.env.SAKSFLYT_FUZZ_SEED;
if (seed !== undefined) {
  if (!/^\d+$/.test(seed) || Number(seed) >= 2 ** 31) {
    throw new Error(`SAKSFLYT_FUZZ_SEED must be a whole number below 2^31, not "${seed}"`);
  }
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
}
