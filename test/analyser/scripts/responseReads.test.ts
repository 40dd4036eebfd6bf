import { describe, expect, it } from 'vitest';
import { onlyUsage, scanFixture, scanText } from './scriptFixtures.js';

const CURL = 'curl -fsS --unix-socket /var/run/docker.sock';

describe('response fields read with jq', () => {
  it('reads a jq filter in the same pipeline, also after tee, across a line break, and through a second jq', () => {
    const findings = scanText(
      [
        `${CURL} http://localhost/v1.41/images/json | jq -r '.[].Id'`,
        `${CURL} http://localhost/v1.41/info | tee info.json | jq '{ServerVersion, Driver}'`,
        `${CURL} http://localhost/v1.41/containers/json |`,
        `  jq -r '.[] | select(.State=="running") | .Names[0]'`,
        `${CURL} http://localhost/v1.41/containers/json | jq -c '.[]' | jq -r '.Image'`,
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => usage.response)).toEqual([['[].Id'], ['ServerVersion', 'Driver'], ['[].State', '[].Names'], ['[].Image']]);
  });

  it('reads jq fed the variable the output was captured into, until the variable is set again', () => {
    const findings = scanText(
      [
        `df_json=$(${CURL} http://localhost/v1.41/system/df)`,
        `layers=$(jq '.LayersSize' <<<"$df_json")`,
        `echo "$df_json" | jq -r '.BuildCache[].Size'`,
        `printf '%s\\n' "$df_json" | jq '.Volumes | length'`,
        'df_json=$(cat cached.json)',
        `echo "$df_json" | jq '.Images'`,
      ].join('\n'),
    );
    expect(onlyUsage(findings).response).toEqual(['LayersSize', 'BuildCache[].Size', 'Volumes']);
  });

  it('counts jq output captured into a variable, not later reads of that variable', () => {
    const usage = onlyUsage(scanText([`ID=$(${CURL} http://localhost/v1.41/containers/web/json | jq -r .Id)`, `echo "$ID" | jq .Name`].join('\n')));
    expect(usage.response).toEqual(['Id']);
  });

  it('reads nothing from jq on another file, jq -n, or a filter it cannot follow, without failing', () => {
    const findings = scanText(
      [
        `${CURL} http://localhost/v1.41/info -o info.json; jq .Driver other.json`,
        `${CURL} http://localhost/v1.41/info | jq .Driver other.json`,
        `${CURL} http://localhost/v1.41/info | jq -n '[inputs | .Driver]'`,
        `${CURL} http://localhost/v1.41/containers/json | jq 'reduce .[] as $c (0; . + $c.SizeRw)'`,
        `${CURL} http://localhost/v1.41/containers/json | jq "$FILTER"`,
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => usage.response)).toEqual([[], [], [], [], []]);
  });

  it('reads --arg filters, -s slurped input and options after the filter', () => {
    const findings = scanText(
      [
        `${CURL} http://localhost/v1.41/containers/json | jq -r --arg name /web '.[] | select(.Names[] == $name) | .Id'`,
        `${CURL} http://localhost/v1.41/version | jq -s '.[0].ApiVersion'`,
        `${CURL} http://localhost/v1.41/version | jq '.Os' --raw-output`,
      ].join('\n'),
    );
    expect(findings.usages.map((usage) => usage.response)).toEqual([['[].Names', '[].Id'], ['ApiVersion'], ['Os']]);
  });

  it('reads jq in Makefile recipes, workflow run: blocks and Dockerfile HEALTHCHECKs', () => {
    expect(scanFixture('Makefile').usages.map((usage) => usage.response)).toEqual([['Version'], ['[].Names'], [], []]);
    expect(scanFixture('docker-api-smoke.yml').usages.map((usage) => usage.response)).toEqual([['ServerVersion'], [], []]);
    const dockerfile = scanText(
      `FROM alpine\nHEALTHCHECK CMD ${CURL} http://localhost/v1.43/containers/self/json | jq -e '.State.Health.Status == "healthy"'\n`,
      'dockerfile',
      'Dockerfile',
    );
    expect(onlyUsage(dockerfile).response).toEqual(['State.Health.Status']);
  });
});
