/**
 * After the run, one line when browser tests (*.browser.spec.ts) were skipped for want of a Chromium,
 * saying how to run them.
 */
class BrowserSkipReporter {
  onRunComplete(_contexts, results) {
    let skipped = 0;
    for (const file of results.testResults) {
      if (!file.testFilePath.endsWith('.browser.spec.ts')) continue;
      skipped += file.testResults.filter((t) => t.status === 'pending').length;
    }
    if (skipped > 0) {
      console.log(
        `\n${skipped} browser tests skipped: no Chromium at ${process.env.CHROME_PATH || '/usr/bin/chromium'} ` +
          '(apt-get install -y chromium, or set CHROME_PATH; RECERT_BROWSER_TESTS=required makes this a failure).\n',
      );
    }
  }
}

module.exports = BrowserSkipReporter;
