import { PhoneNumber, toE164 } from './phone';

describe('toE164', () => {
  it.each([
    ['+47 912 34 567', '+4791234567'],
    ['912 34 567', '+4791234567'],
    ['91234567', '+4791234567'],
    ['0047 912 34 567', '+4791234567'],
    ['+47 (912) 34-567', '+4791234567'],
    ['+46 70 123 45 67', '+46701234567'],
    ['+380 67 123 4567', '+380671234567'],
    ['  +4791234567 ', '+4791234567'],
  ])('reads %j as %j', (input, e164) => {
    expect(toE164(input)).toBe(e164);
  });

  it('keeps a value already in E.164 as it is, so numbers accepted before still are', () => {
    expect(toE164('+12')).toBe('+12');
  });

  it.each(['', 'abc', '912 34', '912 34 567 89', '+47 123', '+4 7', '91234567x', '++4791234567'])(
    'reads %j as no number',
    (input) => {
      expect(toE164(input)).toBeUndefined();
    },
  );
});

describe('PhoneNumber', () => {
  it('stores E.164 and says what a phone number is when it is none', () => {
    expect(PhoneNumber.parse('+47 912 34 567')).toBe('+4791234567');
    const result = PhoneNumber.safeParse('ring meg');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/phone number.*E\.164/);
  });
});
