import { describe, expect, it } from 'vitest';
import {
  ActiveDuplicateError,
  TeamExistsError,
  UnknownTeamError,
  UserExistsError,
  WeakPasswordError,
} from '@adt/db';
import { mapDomainError } from './domain-error-status.js';

describe('mapDomainError', () => {
  it('answers a taken name with 409 and a bad request with 400, keeping code and message', () => {
    expect(mapDomainError(new UserExistsError('jdoe'))).toEqual({
      status: 409,
      code: 'user_exists',
      message: 'User jdoe already exists',
    });
    expect(mapDomainError(new TeamExistsError('north'))?.status).toBe(409);
    expect(mapDomainError(new ActiveDuplicateError())).toMatchObject({
      status: 409,
      code: 'active_duplicate',
    });
    expect(mapDomainError(new UnknownTeamError(['south']))?.status).toBe(400);
    expect(mapDomainError(new WeakPasswordError('too short'))).toEqual({
      status: 400,
      code: 'weak_password',
      message: 'too short',
    });
  });

  it('leaves errors it does not list to the 500 answer', () => {
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(mapDomainError(unique)).toBeNull();
    expect(mapDomainError(Object.assign(new Error('x'), { code: 'toString' }))).toBeNull();
    expect(mapDomainError(new Error('plain'))).toBeNull();
    expect(mapDomainError('not an error')).toBeNull();
  });
});
