/**
 * Binary-safe JSON for job data and results: BullMQ stores both as JSON, which turns a Uint8Array
 * into an object of numbers. toWire wraps every Uint8Array (a log's bytes, a chart's PNG) as
 * { $b64: "..." } and fromWire turns it back, at any depth.
 */
export function toWire(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $b64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
  if (Array.isArray(v)) return v.map(toWire);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
  return v;
}

export function fromWire(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromWire);
  if (v && typeof v === 'object') {
    const b64 = (v as { $b64?: unknown }).$b64;
    if (typeof b64 === 'string' && Object.keys(v).length === 1) return new Uint8Array(Buffer.from(b64, 'base64'));
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromWire(x)]));
  }
  return v;
}
