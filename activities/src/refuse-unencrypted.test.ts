import { ApplicationFailure } from '@temporalio/common';
import { REFUSED_BY_CODEC } from '@saksflyt/temporal';
import { refusingUnencryptedInput } from './refuse-unencrypted';

describe('activities whose input arrived unencrypted', () => {
  const ran: unknown[] = [];
  const activities = refusingUnencryptedInput({
    notifyPolice: async (input: { key: string }) => {
      ran.push(input);
      return { channel: 'outbox' };
    },
  });

  it('do not run, and fail as a non-retryable ValidationError naming the cause', async () => {
    const marker = { [REFUSED_BY_CODEC]: 'an unencrypted payload (encoding "json/plain") was refused: …' };
    const failure = await activities.notifyPolice(marker as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'ValidationError',
      nonRetryable: true,
      message: `notifyPolice: ${marker[REFUSED_BY_CODEC]}`,
    });
    expect(ran).toEqual([]);
  });

  it('run as before when it was encrypted', async () => {
    expect(await activities.notifyPolice({ key: 'case-1:3:0' })).toEqual({ channel: 'outbox' });
    expect(ran).toEqual([{ key: 'case-1:3:0' }]);
  });
});
