import { osloCalendarDate } from '../deadlines';
import { workPermitEligibility } from '../work-permit';
import { invalid, type Rule } from './rule';

/** Granted only when eligible; otherwise refused with the reasons (a refusal cannot be appealed). */
export const applyForWorkPermit: Rule<'applyForWorkPermit'> = (state, { appliedAt }) => {
  const { eligible, reasons } = workPermitEligibility(state, osloCalendarDate(appliedAt));
  return [{ type: 'WorkPermitDecided', data: { appliedAt, granted: eligible, reasons } }];
};

/** The seed: applicants at a private address must keep their contact information up to date. */
export const updateContactInfo: Rule<'updateContactInfo'> = (_state, { residence, contact }) => [
  {
    type: 'ContactInfoUpdated',
    data: { ...(residence ? { residence } : {}), ...(contact ? { contact } : {}) },
  },
];

/** The seed: originals go to the police in person; UDI receives copies only ("Do not send originals to UDI"). */
export const recordDocument: Rule<'recordDocument'> = (
  _state,
  { kind, receivedBy, description, isPassport },
) => {
  if (kind === 'original' && receivedBy === 'udi') {
    return invalid('receivedBy', 'originals are handed in to the police; UDI receives copies only');
  }
  return [
    {
      type: 'DocumentRecorded',
      data: { kind, receivedBy, description, ...(isPassport === undefined ? {} : { isPassport }) },
    },
  ];
};
