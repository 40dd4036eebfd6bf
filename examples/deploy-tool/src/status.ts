/**
 * `deploy-tool status`: a quick table of app containers. Talks to the socket
 * with fetch, no version in the URL.
 */
import { Agent } from 'undici';
import { SOCKET } from './docker.js';

const dispatcher = new Agent({ connect: { socketPath: SOCKET } });

interface Row {
  name: string;
  state: string;
  ip: string;
  health: string;
}

export async function status(appName: string): Promise<Row[]> {
  const filters = encodeURIComponent(JSON.stringify({ name: [appName] }));
  const listRes = await fetch(`http://docker/containers/json?all=1&filters=${filters}`, { dispatcher } as RequestInit);
  if (!listRes.ok) {
    throw new Error(`container list failed: HTTP ${listRes.status}`);
  }
  const list = await listRes.json();

  const rows: Row[] = [];
  for (const summary of list) {
    const res = await fetch(`http://docker/containers/${summary.Id}/json`, { dispatcher } as RequestInit);
    const info = await res.json();
    rows.push({
      name: summary.Names[0].slice(1),
      state: summary.State,
      // removed from the inspect response in API 1.52 (Docker 29)
      ip: info.NetworkSettings.IPAddress || '-',
      health: info.State.Health ? info.State.Health.Status : 'n/a',
    });
  }
  return rows;
}

export function printTable(rows: Row[]): void {
  for (const row of rows) {
    console.log(`${row.name.padEnd(28)} ${row.state.padEnd(10)} ${row.ip.padEnd(16)} ${row.health}`);
  }
}
