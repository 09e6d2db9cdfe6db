import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { partnerAndDataDir } from './__fixtures__/http-receiver';
import { createActivities, type EffectCall } from './index';

const DUF = '202412345678';
let seq = 0;
const scene = partnerAndDataDir('saksflyt-effects-');

/** A change's two effects, as the workflow sends them: UNE gets a document, the police an original. */
function aChangesEffects(): EffectCall[] {
  const change = ++seq;
  return [
    {
      activity: 'forwardToUne',
      input: { key: `case-${DUF}:${change}:0`, dufNumber: DUF, subject: 'document', description: 'A letter' },
    },
    {
      activity: 'forwardOriginalToPolice',
      input: { key: `case-${DUF}:${change}:1`, dufNumber: DUF, description: 'An original passport' },
    },
  ];
}

describe('carryOutEffects: the effects of one change as one activity', () => {
  it('carries out each effect in order, each once per key: a retry of the whole sends nothing twice', async () => {
    const calls = aChangesEffects();
    const activities = createActivities({ dataDir: scene.dataDir });

    const first = await activities.carryOutEffects({ dufNumber: DUF, calls });
    const retried = await activities.carryOutEffects({ dufNumber: DUF, calls });

    expect(first).toEqual([
      {
        done: expect.objectContaining({ key: calls[0]?.input.key, channel: 'outbox:une', duplicate: false }),
      },
      {
        done: expect.objectContaining({
          key: calls[1]?.input.key,
          channel: 'outbox:police',
          duplicate: false,
        }),
      },
    ]);
    expect(retried).toEqual(
      first.map((outcome) => ('done' in outcome ? { done: { ...outcome.done, duplicate: true } } : outcome)),
    );
    expect(await readdir(path.join(scene.dataDir, 'outbox', 'une'))).toHaveLength(1);
    expect(await readdir(path.join(scene.dataDir, 'outbox', 'police'))).toHaveLength(1);
  });

  it('reports an effect that fails for good and still carries out the others', async () => {
    // UNE's endpoint has no signing secret: a ConfigurationError, the same on every attempt.
    const activities = createActivities({
      dataDir: scene.dataDir,
      integrations: { une: { url: `${scene.partner.url}/une`, secret: '' } },
    });
    const calls = aChangesEffects();

    const outcomes = await activities.carryOutEffects({ dufNumber: DUF, calls });

    expect(outcomes[0]).toEqual({
      failed: expect.stringMatching(/^ConfigurationError: une: no signing secret/),
    });
    expect(outcomes[1]).toEqual({ done: expect.objectContaining({ channel: 'outbox:police' }) });
    expect(scene.partner.requests).toHaveLength(0);
  });

  it('fails as a whole, for Temporal to retry, when a scene.partner is down; the retry sends only what is still due', async () => {
    scene.partner.answer('/police', 503, 202);
    const activities = createActivities({
      dataDir: scene.dataDir,
      integrations: { police: { url: `${scene.partner.url}/police`, secret: 'police-secret' } },
    });
    const calls = aChangesEffects();

    await expect(activities.carryOutEffects({ dufNumber: DUF, calls })).rejects.toThrow();
    const retried = await activities.carryOutEffects({ dufNumber: DUF, calls });

    expect(retried).toEqual([
      { done: expect.objectContaining({ channel: 'outbox:une', duplicate: true }) },
      { done: expect.objectContaining({ channel: 'police', duplicate: false }) },
    ]);
    expect(await readdir(path.join(scene.dataDir, 'outbox', 'une'))).toHaveLength(1);
  });

  it.each([
    ['no calls', { dufNumber: DUF }],
    [
      'an activity that is not an effect',
      { dufNumber: DUF, calls: [{ activity: 'archiveCase', input: {} }] },
    ],
  ])('refuses %s as a non-retryable ValidationError, carrying out nothing', async (_what, input) => {
    const failure = await createActivities({ dataDir: scene.dataDir })
      .carryOutEffects(input as never)
      .catch((error: unknown) => error);

    expect(failure).toMatchObject({ type: 'ValidationError', nonRetryable: true });
    await expect(readdir(path.join(scene.dataDir, 'outbox'))).rejects.toThrow();
  });
});
