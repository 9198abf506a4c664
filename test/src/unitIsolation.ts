import { Socket } from 'node:net';

// The unit project runs with no servers: a test that opens a connection (a database, Temporal, a webhook)
// fails here at once, loudly, instead of passing against whatever happens to be listening on this machine.
Socket.prototype.connect = function refuseConnection(): never {
  throw new Error(
    'a unit test opened a network connection: tests that need servers belong to the integration project ' +
      '(name the file *.int.test.ts, or put it under test/; see README "Tests")',
  );
};
