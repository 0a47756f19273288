/**
 * After the run, one line when browser tests (*.browser.spec.ts) were skipped for want of a Chromium,
 * saying how to run them.
 */
const fs = require('node:fs');

class BrowserSkipReporter {
  onRunComplete(_contexts, results) {
    const chrome = process.env.CHROME_PATH || '/usr/bin/chromium';
    // Tests left out by a name filter (-t) are not the browser's absence.
    if (fs.existsSync(chrome)) return;
    let skipped = 0;
    for (const file of results.testResults) {
      if (!file.testFilePath.endsWith('.browser.spec.ts')) continue;
      skipped += file.testResults.filter((t) => t.status === 'pending').length;
    }
    if (skipped > 0) {
      console.log(
        `\n${skipped} browser tests skipped: no Chromium at ${chrome} ` +
          '(apt-get install -y chromium, or set CHROME_PATH; RECERT_BROWSER_TESTS=required makes this a failure).\n',
      );
    }
  }
}

module.exports = BrowserSkipReporter;
