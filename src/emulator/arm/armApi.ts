/**
 * The ARM side: Microsoft.SecurityInsights incidents, tasks and comments of the one
 * configured workspace. Checks run in ARM's order: api-version, then the workspace, then
 * the resource type and method.
 */
import { matchPrefix, Router, type RouteMatch } from '../http/router';
import type { EmulatorRequest, Reply } from '../http/types';
import type { WorkspaceIdentity } from '../model';
import type { ArmContext } from './armContext';
import { addCommentRoutes } from './commentsRoutes';
import { ArmError } from './errors';
import { addIncidentRoutes } from './incidentsRoutes';
import { addTaskRoutes } from './tasksRoutes';

export const API_VERSION = '2025-09-01';

/**
 * The versions the emulator answers: the contracts' 2025-09-01 and the two that Microsoft's
 * own articles use (2024-03-01 in the incidents REST reference, 2022-07-01-preview in "create
 * incidents manually"). The incident, task and comment properties the emulator serves are the
 * same in the 2024-03-01 and 2025-09-01 swaggers, so every version gets the same answers;
 * preview-only extras of 2022-07-01-preview (alerts, entities, team information) are not
 * served by the emulator in any version.
 */
export const API_VERSIONS: readonly string[] = ['2025-09-01', '2024-03-01', '2022-07-01-preview'];
const SUPPORTED = API_VERSIONS.map((v) => `'${v}'`).join(', ');

export const SECURITY_INSIGHTS_BASE =
  '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.OperationalInsights' +
  '/workspaces/{workspaceName}/providers/Microsoft.SecurityInsights';

export function createArmRouter(): Router<ArmContext> {
  const router = new Router<ArmContext>();
  addIncidentRoutes(router, SECURITY_INSIGHTS_BASE);
  addTaskRoutes(router, SECURITY_INSIGHTS_BASE);
  addCommentRoutes(router, SECURITY_INSIGHTS_BASE);
  return router;
}

export function checkApiVersion(query: URLSearchParams): void {
  const version = query.get('api-version');
  if (version === null || version.trim() === '') {
    throw new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');
  }
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(version)) {
    throw new ArmError(400, 'InvalidApiVersionParameter', `The api-version '${version}' is invalid. The supported versions are ${SUPPORTED}.`);
  }
  if (!API_VERSIONS.includes(version)) {
    throw new ArmError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location 'local' and API version '${version}' for type 'incidents'. The supported api-versions are ${SUPPORTED}.`,
    );
  }
}

function checkWorkspace(req: EmulatorRequest, ws: WorkspaceIdentity): void {
  const scope = matchPrefix(SECURITY_INSIGHTS_BASE, req.segments);
  if (!scope) throw new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${req.path}'.`);
  const same = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();
  if (!same(scope.subscriptionId, ws.subscriptionId) || !same(scope.resourceGroupName, ws.resourceGroup) || !same(scope.workspaceName, ws.workspaceName)) {
    throw new ArmError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.OperationalInsights/workspaces/${scope.workspaceName}' under resource group '${scope.resourceGroupName}' was not found. ` +
        `This emulator serves only /subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}/.../workspaces/${ws.workspaceName}.`,
    );
  }
}

/** Answers an authenticated ARM request whose route the server already looked up (when it has one). */
export function handleArm(ctx: ArmContext, match: RouteMatch<ArmContext> | undefined): Reply {
  checkApiVersion(ctx.req.query);
  checkWorkspace(ctx.req, ctx.store.workspace);
  if (!match) {
    const type = ctx.req.segments.slice(10).filter((_, i) => i % 2 === 0).join('/');
    throw new ArmError(404, 'InvalidResourceType', `The resource type '${type}' could not be found in the namespace 'Microsoft.SecurityInsights' for api version '${API_VERSION}'.`);
  }
  if (!match.found) {
    throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${ctx.req.method}' is not supported for this resource. Supported: ${match.allowed.join(', ')}.`, { Allow: match.allowed.join(', ') });
  }
  return match.handler(ctx, match.params);
}
