import { Command } from 'commander';
import { generateKey, loadSettings, openKeyRing, readKeyFile, rotateKeyFile } from '@saksflyt/temporal';

/**
 * `saksflyt keys`: the encryption key ring. Key material is printed only by `generate`, whose whole point it is;
 * `list` and `rotate` show ids and dates.
 */
export function keysCommand(): Command {
  const keys = new Command('keys').description(
    'the key ring that encrypts case data before it reaches Temporal',
  );
  keys
    .command('generate')
    .description(
      'print a new key as SAKSFLYT_ENCRYPTION_KEYS takes it (id:base64); append it, comma first, to rotate',
    )
    .action(() => {
      const key = generateKey();
      console.log(`${key.id}:${key.key}`);
    });
  keys
    .command('list')
    .description('the ids of the ring in use, oldest first; the last encrypts new payloads')
    .action(async () => {
      const settings = loadSettings();
      const ring = await openKeyRing(settings.encryption);
      const file = settings.encryption.keys ? undefined : await readKeyFile(settings.encryption.keyFile);
      const source = settings.encryption.keys ? 'SAKSFLYT_ENCRYPTION_KEYS' : settings.encryption.keyFile;
      console.log(`key ring from ${source}:`);
      for (const id of ring.ids) {
        const created = file?.keys.find((key) => key.id === id)?.createdAt;
        console.log(
          `  ${id}${created ? `  created ${created}` : ''}${id === ring.current.id ? '  (current)' : ''}`,
        );
      }
    });
  keys
    .command('rotate')
    .description('add a new current key to the key file; restart the worker and the API to use it')
    .action(async () => {
      const settings = loadSettings();
      const rotated = await rotateKeyFile(settings.encryption.keyFile);
      console.log(
        `${settings.encryption.keyFile}: new current key ${rotated.keys.at(-1)?.id}; ${rotated.keys.length - 1} older key(s) kept for what they encrypted. Restart the worker and the API (all of them) to encrypt with it.`,
      );
    });
  return keys;
}
