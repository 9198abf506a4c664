import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectTestDatabase, uniqueName } from './testing';

// This file is a unit test: it proves the unit project has no servers, so a test that needs one
// cannot pass there by accident (against whatever listens on this machine) or skip.
describe('the unit project', () => {
  it('refuses a test database, naming where such a test belongs', async () => {
    await expect(connectTestDatabase('unit-probe')).rejects.toThrow(/belongs to the integration project/);
    expect(() => uniqueName('unit-probe')).toThrow(/no "runId"/);
  });

  it('refuses any network connection at once', () => {
    expect(() => connect({ host: '127.0.0.1', port: 27017 })).toThrow(
      /a unit test opened a network connection/,
    );
  });
});
