import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The end of life of each Node.js LTS line (nodejs.org release schedule). */
const END_OF_LIFE: Record<number, string> = {
  20: '2026-04-30',
  22: '2027-04-30',
  24: '2028-04-30',
};

describe('the production images', () => {
  const dockerfile = readFileSync(path.join(__dirname, '..', '..', 'Dockerfile'), 'utf8');
  const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));

  it('run a Node.js LTS line that is still supported (issue 13, finding 6: Node.js 20 ended in April 2026)', () => {
    expect(majors.length).toBeGreaterThanOrEqual(2);
    for (const major of majors) {
      const endOfLife = END_OF_LIFE[major];
      expect(endOfLife).toBeDefined();
      expect(Date.parse(endOfLife ?? '')).toBeGreaterThan(Date.now());
    }
  });

  it('run a Node.js the engines field allows', () => {
    const engines = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).engines
      .node as string;
    const ceiling = Number(/<(\d+)/.exec(engines)?.[1]);
    for (const major of majors) expect(major).toBeLessThan(ceiling);
  });
});
