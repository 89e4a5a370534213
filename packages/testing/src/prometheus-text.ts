/**
 * Reads one metric from a Prometheus text exposition: the sum of every series of `name` whose
 * labels include `labels`; 0 when no series matches (a counter never moved is not printed).
 * @param text - the body of `GET /metrics`
 * @param name - the series name, e.g. `adt_messages_received_total`
 * @param labels - labels the series must carry
 */
export function metricValue(
  text: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const series = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]] as const),
    );
    if (Object.entries(labels).every(([key, value]) => series.get(key) === value)) sum += Number(match[3]);
  }
  return sum;
}

/**
 * Fetches `/metrics` from a service's HTTP port (the API's needs an ops or admin bearer token).
 * @param port - the ops (or API) HTTP port on 127.0.0.1
 * @param bearerToken - credential for the API port
 */
export async function scrapeMetrics(port: number, bearerToken?: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: bearerToken ? { authorization: `Bearer ${bearerToken}` } : {},
  });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}
