import type { ScanUsage } from '../analyser/matchUsages.js';

/**
 * Where a call's version pin is written, for messages: "the client's version option in
 * src/docker.ts". The file without the line, so that a finding's fingerprint survives
 * edits that move the pin.
 */
export function describePinSource(usage: ScanUsage): string {
  const pin = usage.pin;
  if (!pin) return 'the URL';
  const where = pin.at && pin.at.file !== usage.file ? ` in ${pin.at.file}` : '';
  if (pin.source === 'client-option') return `the client's version option${where}`;
  if (pin.source === 'env') return `DOCKER_API_VERSION${where}`;
  return `the URL${where}`;
}
