metadata name = 'Monitoring'
metadata description = 'Log Analytics workspace and a workspace-based Application Insights component with local (key) authentication disabled.'

@description('Required. Name of the Log Analytics workspace.')
@minLength(4)
@maxLength(63)
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
@minLength(1)
@maxLength(260)
param applicationInsightsName string

@description('Optional. Location of the resources.')
param location string = resourceGroup().location

@description('Optional. Tags of the resources.')
param tags object = {}

@description('Optional. Days to keep logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Optional. Daily ingestion cap in GB (-1 for none); keeps a runaway render loop from costing much.')
param dailyQuotaGb int = 5

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry is sent with Entra ID (the apps' identities hold Monitoring Metrics Publisher);
    // the instrumentation key in the connection string alone cannot ingest.
    DisableLocalAuth: true
    IngestionMode: 'LogAnalytics'
  }
}

@description('The resource ID of the Log Analytics workspace.')
output logAnalyticsWorkspaceId string = workspace.id

@description('The name of the Log Analytics workspace.')
output logAnalyticsWorkspaceName string = workspace.name

@description('The resource ID of the Application Insights component.')
output applicationInsightsId string = appInsights.id

@description('The name of the Application Insights component.')
output applicationInsightsName string = appInsights.name

@description('The Application Insights connection string (not a secret: ingestion requires Entra ID since local auth is disabled).')
output applicationInsightsConnectionString string = appInsights.properties.ConnectionString
