import { describe, expect, it } from 'vitest';
import { jqReads } from '../../../src/analyser/scripts/jqPaths.js';
import { leavesOnly } from '../../../src/analyser/usage.js';

/** The field paths a filter reads from the response document, or null when it gives up. */
function reads(filter: string): string[] | null {
  return jqReads(filter)?.reads ?? null;
}

describe('jq filters as response reads', () => {
  it('turns field chains, .[] and [n] into dotted paths with [] for array elements', () => {
    expect(reads('.[].Id')).toEqual(['[].Id']);
    expect(reads('.State.Health.Status')).toEqual(['State.Health.Status']);
    expect(reads('.Volumes[].Name')).toEqual(['Volumes[].Name']);
    expect(reads('.[0].Names[1]')).toEqual(['[].Names']);
    expect(reads('.Mounts[-1].Source')).toEqual(['Mounts[].Source']);
  });

  it('reads both sides of a comma and follows pipes into select conditions', () => {
    expect(reads('.ApiVersion, .MinAPIVersion')).toEqual(['ApiVersion', 'MinAPIVersion']);
    expect(reads('.[] | select(.State=="running") | .Names[0]')).toEqual(['[].State', '[].Names']);
    expect(reads('.[] | select(.Labels["com.example.role"] == "app" and .State != "exited") | .Id')).toEqual(['[].Labels{}', '[].State', '[].Id']);
  });

  it('follows map(...), and reads nothing for keys and length', () => {
    expect(reads('map(select(.State == "running")) | .[].Id')).toEqual(['[].State', '[].Id']);
    expect(reads('map(.Id)')).toEqual(['[].Id']);
    expect(reads('keys')).toEqual([]);
    expect(reads('length > 0')).toEqual([]);
    expect(reads('.Containers | length')).toEqual(['Containers']);
  });

  it('reads object shorthand, constructed objects read back, and string interpolations', () => {
    expect(reads('{ServerVersion, Driver, CgroupVersion}')).toEqual(['ServerVersion', 'Driver', 'CgroupVersion']);
    expect(reads('[.[] | {id: .Id, name: .Names[0]}] | .[] | .name')).toEqual(['[].Id', '[].Names']);
    expect(reads('.[] | "\\(.Names[0])\\t\\(.Image)\\t\\(.Status)"')).toEqual(['[].Names', '[].Image', '[].Status']);
    expect(reads('"reclaimed \\(.SpaceReclaimed) bytes"')).toEqual(['SpaceReclaimed']);
    expect(reads('.[] | [.Id, .Image] | @tsv')).toEqual(['[].Id', '[].Image']);
  });

  it('keeps a map key as a plain segment, and writes {} for one the dotted notation cannot hold', () => {
    expect(reads('.NetworkSettings.Ports["8080/tcp"][0].HostPort')).toEqual(['NetworkSettings.Ports.8080/tcp[].HostPort']);
    expect(reads('.NetworkSettings.Ports."8080/tcp"[0].HostPort')).toEqual(['NetworkSettings.Ports.8080/tcp[].HostPort']);
    expect(reads('.Config.Labels["com.docker.compose.project"]')).toEqual(['Config.Labels{}']);
    expect(reads('.NetworkSettings.Networks | to_entries[] | .value.IPAddress')).toEqual(['NetworkSettings.Networks{}.IPAddress']);
  });

  it('follows if, //, try, optional access, sort_by/last and `as` bindings', () => {
    expect(reads('if .State.Running then .State.Pid else .State.ExitCode end')).toEqual(['State.Running', 'State.Pid', 'State.ExitCode']);
    expect(reads('.Containers // 0')).toEqual(['Containers']);
    expect(reads('try .Swarm.NodeID catch "none"')).toEqual(['Swarm.NodeID']);
    expect(reads('.[]?.Id?')).toEqual(['[].Id']);
    expect(reads('sort_by(.Created) | last | .Id')).toEqual(['[].Created', '[].Id']);
    expect(reads('.[] as $c | $c.Names[0]')).toEqual(['[].Names']);
  });

  it('lists leaves only: a prefix of another read path is dropped', () => {
    expect(reads('.State, .State.Health.Status')).toEqual(['State.Health.Status']);
    expect(leavesOnly(['Mounts', 'Mounts[].Type', 'Ports', 'Ports{}[].HostPort', 'Name'])).toEqual(['Mounts[].Type', 'Ports{}[].HostPort', 'Name']);
  });

  it('passes its outputs on, so a second jq reads through the first', () => {
    const first = jqReads('.[] | select(.State == "running")');
    expect(first?.reads).toEqual(['[].State']);
    expect(jqReads('.Id', first?.outputs)?.reads).toEqual(['[].Id']);
  });

  it('gives up on reduce, def and syntax errors without throwing, and does not follow ..', () => {
    expect(reads('reduce .[] as $c (0; . + $c.SizeRw)')).toBeNull();
    expect(reads('def names: .Names; .[] | names')).toBeNull();
    expect(reads('.[0:')).toBeNull();
    expect(reads('.foo bar')).toBeNull();
    expect(reads('.. | .Id?')).toEqual([]);
  });

  it('never throws on garbage or deep nesting', () => {
    const inputs = ['('.repeat(10_000), '['.repeat(5_000) + ']'.repeat(5_000), '"\\(' .repeat(3_000), '{a:'.repeat(3_000), Array.from({ length: 60 }, () => '(.a, .b, .c)').join(' | '), '.a | '.repeat(20_000), '\u0000\uffff$@#'];
    for (const input of inputs) expect(() => jqReads(input)).not.toThrow();
  });
});
