import type { ScanUsage } from '../analyser/matchUsages.js';
import { compareApiVersions, type ApiVersion } from '../versions/apiVersion.js';
import type { TargetDaemon } from './targets.js';

/**
 * Which API version a request speaks against a daemon (see docs/targets.md):
 * - a pinned request speaks its pin, and the daemon refuses a pin outside its range;
 * - an unpinned request speaks the daemon's newest version, so upgrading the daemon
 *   changes what it means and what comes back;
 * - a negotiating client speaks the lower of its own and the daemon's newest version.
 */
export type SpokenVersion =
  | { kind: 'pinned'; version: ApiVersion }
  | { kind: 'unversioned'; version: ApiVersion }
  | { kind: 'negotiated'; version: ApiVersion }
  | { kind: 'refused'; pin: ApiVersion; reason: 'too-old' | 'too-new' };

export function spokenVersion(usage: Pick<ScanUsage, 'pinnedVersion'>, daemon: TargetDaemon, negotiatesUpTo?: ApiVersion): SpokenVersion {
  const pin = usage.pinnedVersion;
  if (pin) {
    if (daemon.minApiVersion && compareApiVersions(pin, daemon.minApiVersion) < 0) return { kind: 'refused', pin, reason: 'too-old' };
    if (compareApiVersions(pin, daemon.maxApiVersion) > 0) return { kind: 'refused', pin, reason: 'too-new' };
    return { kind: 'pinned', version: pin };
  }
  if (negotiatesUpTo) {
    const version = compareApiVersions(negotiatesUpTo, daemon.maxApiVersion) < 0 ? negotiatesUpTo : daemon.maxApiVersion;
    return { kind: 'negotiated', version };
  }
  return { kind: 'unversioned', version: daemon.maxApiVersion };
}
