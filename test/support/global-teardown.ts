type Stop = () => Promise<unknown>;

export default async function globalTeardown(): Promise<void> {
  const stops = (globalThis as { __recertStops?: Stop[] }).__recertStops ?? [];
  for (const stop of stops.reverse()) await stop();
}
