// One process of the two-writer test: appends `count` records to the file archive in `directory`, as a worker would.
import { FileCaseArchive } from '../file-archive';
import { entry, testKeys } from './archive-fixtures';

async function main(): Promise<void> {
  const [directory, prefix, count] = process.argv.slice(2);
  if (!directory || !prefix || !count) throw new Error('usage: append-many <directory> <prefix> <count>');
  const archive = new FileCaseArchive(directory, testKeys);
  const template = entry('template');
  for (let i = 0; i < Number(count); i++) {
    await archive.append({ ...template, key: `${prefix}-${i}` });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
