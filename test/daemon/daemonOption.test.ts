import { afterEach, describe, expect, it } from 'vitest';
import { daemonOption, type DaemonOptionContext } from '../../src/daemon/daemonOption.js';
import { CompatError } from '../../src/errors.js';
import { REPO_ROOT } from '../helpers/runCli.js';
import { useFakeEngines } from '../helpers/fakeEngine.js';

const { fake } = useFakeEngines(afterEach);

function context(env: NodeJS.ProcessEnv = {}): DaemonOptionContext & { notes: string[] } {
  const notes: string[] = [];
  return { env, cwd: REPO_ROOT, apiVersions: ['1.25', '1.44', '1.52', '1.55'], note: (text) => notes.push(text), notes };
}

describe('the --daemon option', () => {
  it('is absent without --daemon, and --daemon-timeout alone is a usage error', async () => {
    expect(await daemonOption(undefined, undefined, context())).toBeUndefined();
    await expect(daemonOption(undefined, 300, context())).rejects.toThrow(CompatError);
  });

  it('queries several daemons, once each', async () => {
    const first = await fake({ engineVersion: '29.0.1', apiVersion: '1.52' });
    const second = await fake({ engineVersion: '29.3.0', apiVersion: '1.54', minApiVersion: '1.40' });
    const result = await daemonOption([first.url, second.url, first.url], undefined, context());
    expect(result?.targets.map((target) => target.label)).toEqual([`daemon ${first.url} (docker 29.0.1)`, `daemon ${second.url} (docker 29.3.0)`]);
    expect(result?.paths).toEqual([]);
  });

  it('gives back a lint path that the option took as its value, and uses DOCKER_HOST', async () => {
    const engine = await fake();
    const result = await daemonOption('test', 1000, context({ DOCKER_HOST: engine.url }));
    expect(result).toMatchObject({ paths: ['test'], targets: [{ label: `daemon ${engine.url} (docker 29.0.1)` }] });
  });

  it('notes a daemon newer than the database', async () => {
    const engine = await fake({ engineVersion: '30.0.0', apiVersion: '1.56' });
    const ctx = context();
    await daemonOption(engine.url, undefined, ctx);
    expect(ctx.notes).toEqual([`note: daemon ${engine.url} (docker 30.0.0) speaks API 1.56, newer than the database's newest spec (1.55): changes after 1.55 are not known`]);
  });
});
