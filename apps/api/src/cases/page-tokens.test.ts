import { PageTokens } from './page-tokens';

describe('page tokens', () => {
  const tokens = new PageTokens('a secret of at least thirty-two characters');
  const temporalToken = Buffer.from(
    '{"CloseTime":"0001-01-01T00:00:00Z","StartTime":"2025-01-01T00:00:00Z"}',
  );

  it("opens the tokens it sealed: Temporal's, and positions in a list the API orders itself", () => {
    expect(tokens.open(tokens.seal(temporalToken))).toEqual(temporalToken);
    expect(tokens.openOffset(tokens.sealOffset(25))).toBe(25);
  });

  it('never takes one kind for the other, so a position never reaches Temporal as its token', () => {
    expect(tokens.open(tokens.sealOffset(25))).toBeUndefined();
    expect(tokens.openOffset(tokens.seal(temporalToken))).toBeUndefined();
  });

  it('refuses an offset token another key sealed, or one changed after sealing', () => {
    const other = new PageTokens('another secret of thirty-two characters or more');
    expect(tokens.openOffset(other.sealOffset(25))).toBeUndefined();
    const [body = '', signature = ''] = tokens.sealOffset(25).split('.');
    const changed = Buffer.from(body, 'base64url');
    changed[1] = '9'.charCodeAt(0);
    expect(tokens.openOffset(`${changed.toString('base64url')}.${signature}`)).toBeUndefined();
  });
});
