/**
 * A measurement a test prints rather than asserts: how long something took depends on the machine's load
 * (parallel test files, Chromium), so a bound on it would fail under CI without Recert being wrong.
 * One plain line (console.log would add jest's "● Console" block and a stack location to each).
 */
export function printTiming(what: string, ms: number): void {
  process.stdout.write(`timing: ${what}: ${Math.round(ms)} ms\n`);
}
