// Everything the bot needs in Azure, in one resource group: App Service on Linux (Node 24),
// a user-assigned managed identity that is both the bot's Entra app and its Azure identity,
// the Azure Bot with its Teams channel, a storage account for conversation state (reached
// with the identity, no keys), Application Insights, and the identity's roles on the
// Sentinel workspace (which may live in another resource group).
//
// `az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json`
// infra/main.json is the same template in ARM JSON (kept in step by test/infra).

targetScope = 'resourceGroup'

@description('Short name used to derive resource names (letters and digits, 3-12).')
@minLength(3)
@maxLength(12)
param resourceBaseName string

@description('Azure region of the App Service, storage and monitoring resources.')
param location string = resourceGroup().location

@description('App Service plan SKU (B1: smallest with Always On; S1/P0v3 for slots and scale-out).')
@allowed([
  'B1'
  'B2'
  'S1'
  'P0v3'
  'P1v3'
])
param appServiceSku string = 'B1'

@description('Node.js runtime of the web app.')
@allowed([
  'NODE|24-lts'
  'NODE|22-lts'
])
param linuxFxVersion string = 'NODE|24-lts'

@description('Display name of the Azure Bot (what Azure shows; Teams shows the app manifest name).')
param botDisplayName string = 'Sentinel Incidents'

@description('Name of the Log Analytics workspace Microsoft Sentinel is enabled on.')
param sentinelWorkspaceName string

@description('Resource group of that workspace (default: this resource group).')
param sentinelResourceGroup string = resourceGroup().name

@description('Tenants whose users may talk to the bot (comma-separated GUIDs; default: this tenant only).')
param allowedTenantIds string = tenant().tenantId

@description('Entra group ids whose members may change incidents (comma-separated; empty: everyone in the allowed tenants).')
param responderGroupIds string = ''

@description('Days Application Insights keeps telemetry.')
@minValue(30)
@maxValue(730)
param telemetryRetentionInDays int = 30

var names = {
  identity: '${resourceBaseName}-id'
  plan: '${resourceBaseName}-plan'
  site: '${resourceBaseName}-${uniqueString(resourceGroup().id)}'
  // Storage names: 3-24 lower-case letters and digits.
  storage: toLower('${take(replace(resourceBaseName, '-', ''), 9)}st${uniqueString(resourceGroup().id)}')
  logs: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
  bot: '${resourceBaseName}-bot'
}
var stateContainer = 'bot-state'
// Built-in role definitions (the same GUID in every tenant).
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: names.storage
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    // The bot signs in with its managed identity: no account keys, no anonymous blobs.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource stateBlobContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: stateContainer
  properties: {
    publicAccess: 'None'
  }
}

resource stateAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: telemetryRetentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    RetentionInDays: telemetryRetentionInDays
  }
}

module sentinelAccess 'modules/sentinelAccess.bicep' = {
  name: 'sentinel-access-${resourceBaseName}'
  scope: resourceGroup(sentinelResourceGroup)
  params: {
    workspaceName: sentinelWorkspaceName
    principalId: identity.properties.principalId
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: names.site
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // The deployed folder holds compiled dist/ and production node_modules only.
      appCommandLine: 'npm run start:prod'
      alwaysOn: true
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        // DefaultAzureCredential picks the user-assigned identity by this client id.
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'SENTINEL_SUBSCRIPTION_ID', value: subscription().subscriptionId }
        { name: 'SENTINEL_RESOURCE_GROUP', value: sentinelResourceGroup }
        { name: 'SENTINEL_WORKSPACE_NAME', value: sentinelWorkspaceName }
        { name: 'LOG_ANALYTICS_WORKSPACE_ID', value: sentinelAccess.outputs.customerId }
        { name: 'STATE_STORE', value: 'blob' }
        { name: 'STATE_BLOB_ACCOUNT_URL', value: storage.properties.primaryEndpoints.blob }
        { name: 'STATE_BLOB_CONTAINER', value: stateContainer }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
        { name: 'RESPONDER_GROUP_IDS', value: responderGroupIds }
        { name: 'PUBLIC_BASE_URL', value: 'https://${names.site}.azurewebsites.net' }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: names.bot
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'F0'
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${site.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// Names the Microsoft 365 Agents Toolkit writes into env/.env.<environment>.
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output BOT_DOMAIN string = site.properties.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = site.id
output STATE_BLOB_ACCOUNT_URL string = storage.properties.primaryEndpoints.blob
