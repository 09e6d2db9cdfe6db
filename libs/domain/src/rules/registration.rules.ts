import type { Rule } from './rule';

/** The police register the application; the passport is handed in then (the seed: it must be). */
export const registerWithPolice: Rule<'registerWithPolice'> = (
  _state,
  { registeredAt, policeDistrict, passport, eurodacHit },
) => [
  {
    type: 'RegisteredWithPolice',
    data: {
      registeredAt,
      policeDistrict,
      passport: {
        kind: passport.kind,
        surrendered: passport.surrendered,
        ...(passport.number ? { number: passport.number } : {}),
        ...(passport.expiresOn ? { expiresOn: passport.expiresOn } : {}),
      },
      eurodacHit,
    },
  },
];

/**
 * "We first assess whether they are eligible for collective protection." The screening only recommends; the
 * event records whether the caseworker followed it.
 */
export const assessCollectiveProtection: Rule<'assessCollectiveProtection'> = (
  state,
  { eligible, reason },
) => [
  {
    type: 'CollectiveProtectionAssessed',
    data: {
      eligible,
      reason,
      followedScreening: (state.collectiveScreening.recommendation === 'collective') === eligible,
    },
  },
];
