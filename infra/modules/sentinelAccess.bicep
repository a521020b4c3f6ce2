// The bot's identity on the Sentinel workspace: Microsoft Sentinel Responder (incidents,
// tasks, comments) and Log Analytics Reader (the SecurityIncident table). A module, so the
// workspace may live in another resource group than the bot.

@description('Name of the Log Analytics workspace Microsoft Sentinel is enabled on.')
param workspaceName string

@description('Object id of the managed identity the bot runs as.')
param principalId string

// Built-in role definitions (the same GUID in every tenant).
var sentinelResponder = '3e150937-b8fe-4cfb-8069-0eaf05ecd056'
var logAnalyticsReader = '73c42c96-874c-492b-b04d-ab87d138a893'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource responder 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, principalId, sentinelResponder)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', sentinelResponder)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, principalId, logAnalyticsReader)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReader)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('The workspace id (GUID) the Log Analytics query API addresses.')
output customerId string = workspace.properties.customerId
