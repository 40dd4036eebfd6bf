/**
 * Every kind of change the diff engine reports, with its severity. Severity is
 * judged from the point of view of client code that already uses the feature:
 * - breaking: such code stops working, or silently loses what it relied on;
 * - behaviour-change: the code still runs, but what it sends or receives means
 *   something else;
 * - deprecation: the code works today, and the spec announces that it will not;
 * - addition: nothing changes for existing code.
 */
export type ChangeSeverity = 'breaking' | 'behaviour-change' | 'deprecation' | 'addition';

export const SEVERITY_ORDER: readonly ChangeSeverity[] = ['breaking', 'behaviour-change', 'deprecation', 'addition'];

export function compareSeverity(a: ChangeSeverity, b: ChangeSeverity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}

/** Which part of an operation a change concerns; request groups are written by clients, response groups read. */
export type ChangeGroup = 'operation' | 'parameter' | 'body-field' | 'response-status' | 'response-field';

export interface ChangeKindInfo {
  id: string;
  group: ChangeGroup;
  severity: ChangeSeverity;
  /** Why this severity, in one sentence. */
  why: string;
}

function kind(id: string, group: ChangeGroup, severity: ChangeSeverity, why: string): ChangeKindInfo {
  return { id, group, severity, why };
}

export const CHANGE_KINDS: readonly ChangeKindInfo[] = [
  kind('operation-added', 'operation', 'addition', 'A new endpoint affects no existing call.'),
  kind('operation-removed', 'operation', 'breaking', 'Calls to the endpoint fail with 404 or 400.'),
  kind('operation-deprecated', 'operation', 'deprecation', 'The endpoint still works but is announced for removal.'),
  kind('operation-undeprecated', 'operation', 'addition', 'A deprecation notice was withdrawn; existing calls are safe.'),

  kind('parameter-added', 'parameter', 'addition', 'An optional new parameter changes nothing for calls that do not send it.'),
  kind('required-parameter-added', 'parameter', 'breaking', 'Existing calls do not send the new required parameter and are rejected.'),
  kind('parameter-removed', 'parameter', 'breaking', 'The daemon ignores the parameter: a call that sends it silently loses its effect.'),
  kind('parameter-type-changed', 'parameter', 'breaking', 'Values of the old type are rejected or read differently.'),
  kind('parameter-format-changed', 'parameter', 'behaviour-change', 'The same type with another format accepts a different range or syntax.'),
  kind('parameter-enum-value-added', 'parameter', 'addition', 'A newly accepted value changes nothing for existing calls.'),
  kind('parameter-enum-value-removed', 'parameter', 'breaking', 'Calls that send the removed value are rejected or ignored.'),
  kind('parameter-enum-added', 'parameter', 'breaking', 'A free value became a closed list: values outside it are rejected.'),
  kind('parameter-enum-removed', 'parameter', 'addition', 'A closed list became free: every old value is still accepted.'),
  kind('parameter-default-changed', 'parameter', 'behaviour-change', 'Calls that omit the parameter get a different behaviour.'),
  kind('parameter-became-required', 'parameter', 'breaking', 'Calls that omit the parameter are rejected.'),
  kind('parameter-became-optional', 'parameter', 'addition', 'Every call that sent the parameter still works.'),
  kind('parameter-deprecated', 'parameter', 'deprecation', 'The parameter still works but is announced for removal.'),
  kind('parameter-undeprecated', 'parameter', 'addition', 'A deprecation notice was withdrawn.'),

  kind('body-field-added', 'body-field', 'addition', 'An optional new field changes nothing for requests that do not send it.'),
  kind('required-body-field-added', 'body-field', 'breaking', 'Existing requests lack the new required field and are rejected.'),
  kind('body-field-removed', 'body-field', 'breaking', 'The daemon ignores unknown JSON keys: a request that sends the field silently loses its effect.'),
  kind('body-field-type-changed', 'body-field', 'breaking', 'Values of the old type fail to decode or decode differently.'),
  kind('body-field-format-changed', 'body-field', 'behaviour-change', 'The same type with another format accepts a different range or syntax.'),
  kind('body-field-enum-value-added', 'body-field', 'addition', 'A newly accepted value changes nothing for existing requests.'),
  kind('body-field-enum-value-removed', 'body-field', 'breaking', 'Requests that send the removed value are rejected or ignored.'),
  kind('body-field-enum-added', 'body-field', 'breaking', 'A free value became a closed list: values outside it are rejected.'),
  kind('body-field-enum-removed', 'body-field', 'addition', 'A closed list became free: every old value is still accepted.'),
  kind('body-field-default-changed', 'body-field', 'behaviour-change', 'Requests that omit the field get a different behaviour.'),
  kind('body-field-became-required', 'body-field', 'breaking', 'Requests that omit the field are rejected.'),
  kind('body-field-became-optional', 'body-field', 'addition', 'Every request that sent the field still works.'),
  kind('body-field-became-nullable', 'body-field', 'addition', 'null is now accepted; every old value still is.'),
  kind('body-field-became-non-nullable', 'body-field', 'behaviour-change', 'Requests that send null are rejected or read differently.'),
  kind('body-field-deprecated', 'body-field', 'deprecation', 'The field still works but is announced for removal.'),
  kind('body-field-undeprecated', 'body-field', 'addition', 'A deprecation notice was withdrawn.'),

  kind('response-status-added', 'response-status', 'addition', 'A newly documented status; clients that check only for success are unaffected.'),
  kind('response-success-status-removed', 'response-status', 'breaking', 'Clients that expect this success status (and its body) no longer get it.'),
  kind('response-status-removed', 'response-status', 'behaviour-change', 'An error status is no longer documented; error handling keyed on it goes unused.'),
  kind('response-type-changed', 'response-status', 'breaking', 'The response body has another shape (e.g. object to array); decoding code breaks.'),

  kind('response-field-added', 'response-field', 'addition', 'Clients ignore fields they do not read.'),
  kind('response-field-removed', 'response-field', 'breaking', 'Code that reads the field gets undefined.'),
  kind('response-field-type-changed', 'response-field', 'breaking', 'Code that reads the field gets a value of another type.'),
  kind('response-field-format-changed', 'response-field', 'behaviour-change', 'The value keeps its type but its range or syntax changes.'),
  kind('response-field-enum-value-added', 'response-field', 'behaviour-change', 'Code that switches over the known values meets one it does not handle.'),
  kind('response-field-enum-value-removed', 'response-field', 'behaviour-change', 'A value the code may handle is no longer sent.'),
  kind('response-field-enum-added', 'response-field', 'behaviour-change', 'The value is now documented as a closed list.'),
  kind('response-field-enum-removed', 'response-field', 'behaviour-change', 'The value is no longer a closed list: code may meet values it does not handle.'),
  kind('response-field-default-changed', 'response-field', 'behaviour-change', 'The value reported when nothing was set is different.'),
  kind('response-field-became-required', 'response-field', 'addition', 'The field is now always present.'),
  kind('response-field-became-optional', 'response-field', 'behaviour-change', 'The field may now be absent: code that reads it must expect undefined.'),
  kind('response-field-became-nullable', 'response-field', 'behaviour-change', 'The field may now be null: code that reads it must expect null.'),
  kind('response-field-became-non-nullable', 'response-field', 'addition', 'The field is no longer null.'),
  kind('response-field-deprecated', 'response-field', 'deprecation', 'The field is still sent but is announced for removal.'),
  kind('response-field-undeprecated', 'response-field', 'addition', 'A deprecation notice was withdrawn.'),
];

const KINDS_BY_ID = new Map(CHANGE_KINDS.map((info) => [info.id, info]));

export function changeKindInfo(id: string): ChangeKindInfo {
  const info = KINDS_BY_ID.get(id);
  if (!info) throw new Error(`unknown change kind "${id}"`);
  return info;
}
