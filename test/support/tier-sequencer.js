/**
 * The order jest hands test files to its workers: its own (files that failed last time first, then the
 * longest), with the browser files spread evenly through it instead of bunched. Each runs a Chromium that
 * takes most of a core; several at once on a 2-core machine slow each other and everything else down,
 * while the rest of the files mostly wait on Temporal's timers and I/O.
 */
const Sequencer = require('@jest/test-sequencer').default;

const isBrowser = (test) => test.path.endsWith('.browser.spec.ts');

class TierSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const browser = ordered.filter(isBrowser);
    const rest = ordered.filter((test) => !isBrowser(test));
    if (browser.length === 0 || rest.length === 0) return ordered;
    const spread = [];
    const gap = rest.length / browser.length;
    let next = 0;
    browser.forEach((test, i) => {
      const until = Math.round(i * gap);
      spread.push(...rest.slice(next, until), test);
      next = until;
    });
    return [...spread, ...rest.slice(next)];
  }
}

module.exports = TierSequencer;
