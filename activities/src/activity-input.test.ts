import { NotifyApplicantInputSchema, type NotifyApplicantInput } from './activity-input';

const invitation = (facts: NotifyApplicantInput['facts']): NotifyApplicantInput => ({
  key: 'case-202412345678:7',
  dufNumber: '202412345678',
  template: 'interview-invitation',
  language: 'en',
  fullName: 'Olena Kovalenko',
  recipient: { channel: 'private', address: 'Storgata 1, 0155 Oslo', email: 'olena@example.org' },
  facts,
});

describe('the notifyApplicant input schema', () => {
  it('keeps the rules-version-2 facts (form, hotel night, return country, staying during the appeal)', () => {
    const facts = {
      attachTravelReimbursementForm: true,
      hotelNight: true,
      returnCountry: 'SE',
      mayStayDuringAppeal: false,
    };

    expect(NotifyApplicantInputSchema.parse(invitation(facts)).facts).toEqual(facts);
  });

  it('leaves out a return country the domain sent as an empty string', () => {
    expect(NotifyApplicantInputSchema.parse(invitation({ returnCountry: '' })).facts).toEqual({});
  });

  it.each([
    ['a return country that is not ISO alpha-2', { returnCountry: 'Sweden' }],
    ['a form flag that is not a boolean', { attachTravelReimbursementForm: 'yes' }],
    ['a hotel night that is not a boolean', { hotelNight: 1 }],
    ['staying during the appeal that is not a boolean', { mayStayDuringAppeal: 'true' }],
  ])('refuses %s', (_what, facts) => {
    expect(NotifyApplicantInputSchema.safeParse(invitation(facts as never)).success).toBe(false);
  });
});
