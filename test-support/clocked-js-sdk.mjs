// Run by test-support/clocked-clients.ts: the JS SDK's memoized default chain on the test's clock.
// The memoization asks Date.now() whether less than 5 minutes are left, so Date.now is the clock
// the test moves; each line read is that time (epoch ms), each line written what the chain gave.
// The chain refreshes in the background once less than 5 minutes are left and answers with the
// old credentials meanwhile; a program's calls are spaced out in time, so each answer waits
// 200 ms of real time, in which such a refresh completes.
import { createInterface } from 'node:readline';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

let clock = 0;
Date.now = () => clock;
const provider = fromNodeProviderChain();
for await (const line of createInterface({ input: process.stdin })) {
  clock = Number(line);
  try {
    const c = await provider();
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log(JSON.stringify({ ok: true, accessKeyId: c.accessKeyId, secondsLeft: (c.expiration.getTime() - clock) / 1000 }));
  } catch (err) {
    console.log(JSON.stringify({ ok: false, message: `${err.name}: ${err.message}` }));
  }
}
