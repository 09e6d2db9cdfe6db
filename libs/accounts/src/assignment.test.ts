import { assignmentIssues, disabledUsernames } from './assignment';
import type { User } from './user-store';

const user = (username: string, role: User['role'], disabled = false): User => ({
  username,
  role,
  disabled,
  createdAt: '2025-01-01T00:00:00.000Z',
  passwordChangedAt: '2025-01-01T00:00:00.000Z',
  tokenVersion: 0,
});
const USERS = [
  user('kari', 'caseworker'),
  user('admin', 'admin'),
  user('revisor', 'auditor'),
  user('ola', 'caseworker', true),
];
const context = {
  users: { find: (name: string) => USERS.find((candidate) => candidate.username === name) },
  teams: [{ id: 'registration' }, { id: 'dublin-unit' }],
};

describe('who may be assigned a case, and to which team', () => {
  it('accepts an enabled caseworker or admin, the return to the queue, and a configured team', () => {
    expect(assignmentIssues({ assignee: 'kari' }, context)).toEqual([]);
    expect(assignmentIssues({ assignee: 'admin', team: 'dublin-unit' }, context)).toEqual([]);
    expect(assignmentIssues({ assignee: null, team: 'registration' }, context)).toEqual([]);
  });

  it.each([
    ['an unknown user', 'nobody', /no user nobody/, 'noSuchUser', { username: 'nobody' }],
    ['a disabled account', 'ola', /disabled/, 'accountDisabled', { username: 'ola' }],
    [
      'an auditor',
      'revisor',
      /auditor: only caseworkers and admins hold cases/,
      'roleHoldsNoCases',
      { username: 'revisor', role: 'auditor' },
    ],
  ])(
    'refuses %s as assignee, naming the field and the code a UI translates',
    (_case, assignee, message, code, params) => {
      expect(assignmentIssues({ assignee }, context)).toEqual([
        { path: ['assignee'], message: expect.stringMatching(message), code, params },
      ]);
    },
  );

  it('refuses a team the configuration does not have, naming the field and the teams there are', () => {
    expect(assignmentIssues({ assignee: null, team: 'appeals' }, context)).toEqual([
      {
        path: ['team'],
        message: 'no team appeals; the teams are registration, dublin-unit',
        code: 'noSuchTeam',
        params: { team: 'appeals', teams: ['registration', 'dublin-unit'] },
      },
    ]);
    expect(assignmentIssues({ assignee: 'revisor', team: 'x' }, context).map((issue) => issue.path)).toEqual([
      ['assignee'],
      ['team'],
    ]);
  });

  it('names the disabled accounts', () => {
    expect(disabledUsernames({ list: () => USERS })).toEqual(['ola']);
  });
});
