/** ARM resource ids and the Azure portal deep link, built as Sentinel builds them. */
import type { WorkspaceIdentity } from './model';

export function securityInsightsPath(ws: WorkspaceIdentity): string {
  return (
    `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}` +
    `/providers/Microsoft.OperationalInsights/workspaces/${ws.workspaceName}/providers/Microsoft.SecurityInsights`
  );
}

export function incidentResourceId(ws: WorkspaceIdentity, incident: string): string {
  return `${securityInsightsPath(ws)}/incidents/${incident}`;
}

export function taskResourceId(ws: WorkspaceIdentity, incident: string, task: string): string {
  return `${incidentResourceId(ws, incident)}/tasks/${task}`;
}

export function commentResourceId(ws: WorkspaceIdentity, incident: string, comment: string): string {
  return `${incidentResourceId(ws, incident)}/comments/${comment}`;
}

/** The `incidentUrl` of the examples: the portal's asset blade followed by the resource id. */
export function incidentPortalUrl(ws: WorkspaceIdentity, incident: string): string {
  return `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${incidentResourceId(ws, incident)}`;
}
