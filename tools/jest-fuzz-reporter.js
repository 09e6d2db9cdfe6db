// Ends `npm run test:fuzz` with every fuzz suite's figures together (the README records them).
const { existsSync, readFileSync, rmSync } = require('node:fs');

class FuzzReporter {
  onRunStart() {
    const file = process.env.SAKSFLYT_FUZZ_FIGURES;
    if (file) rmSync(file, { force: true });
    this.startedAt = Date.now();
  }

  onRunComplete() {
    const file = process.env.SAKSFLYT_FUZZ_FIGURES;
    const lines = file && existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(0);
    process.stdout.write(
      `\nFuzz figures (SAKSFLYT_FUZZ_RUNS=${process.env.SAKSFLYT_FUZZ_RUNS ?? 200}, ${seconds}s):\n`,
    );
    for (const line of lines.sort()) process.stdout.write(`  ${line}\n`);
    if (file) rmSync(file, { force: true });
  }
}

module.exports = FuzzReporter;
