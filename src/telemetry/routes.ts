/**
 * Azure request paths as templates, so telemetry groups calls by what they are and carries
 * no identifier: subscription, resource group, workspace, incident, task and comment names
 * and ids all become placeholders.
 */

/** ARM segments whose next segment is a name or id chosen by someone. */
const NAMED_SEGMENTS: Record<string, string> = {
  subscriptions: '{subscriptionId}',
  resourcegroups: '{resourceGroup}',
  workspaces: '{workspace}',
  incidents: '{incidentId}',
  tasks: '{taskId}',
  comments: '{commentId}',
  relations: '{relationId}',
  alertrules: '{ruleId}',
  groups: '{groupId}',
  users: '{userId}',
  members: '{memberId}',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A plain word segment: anything else (numbers, ids, encoded text) is replaced. */
const WORD = /^[A-Za-z][A-Za-z0-9.]*$/;

export function routeTemplate(path: string): string {
  const clean = (path.split('?')[0] ?? '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  const segments = clean.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const previous = (segments[i - 1] ?? '').toLowerCase();
    if (i > 0 && NAMED_SEGMENTS[previous] && segment !== '') out.push(NAMED_SEGMENTS[previous]);
    else if (segment === '' || (WORD.test(segment) && !GUID.test(segment))) out.push(segment);
    else out.push('{id}');
  }
  return out.join('/') || '/';
}
