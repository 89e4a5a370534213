import { describe, expect, it } from 'vitest';
import { createAlertNotifiers } from './alert-targets.js';

describe('createAlertNotifiers', () => {
  it('builds one notifier per configured target, naming servers but never credentials', () => {
    expect(createAlertNotifiers({ webhookUrl: null, email: null })).toEqual([]);
    const both = createAlertNotifiers({
      webhookUrl: 'https://hooks.example.org/services/T0/B0/secret',
      email: {
        smtpUrl: 'smtp://alerts:pw@mail.example.org:587',
        from: 'a@example.org',
        to: ['b@example.org'],
      },
    });
    expect(both.map((n) => n.name)).toEqual(['webhook hooks.example.org', 'email via mail.example.org:587']);
  });
});
