metadata name = 'Function app (isolated worker)'
metadata description = 'Flex Consumption plan and a Linux function app that runs the .NET isolated worker app (functions/Serverless.Functions), with identity-based host storage and settings.'

// Plan choice: Flex Consumption (FC1). It is the serverless Linux plan that Microsoft develops today, it accepts the
// `dotnet-isolated` worker runtime, scales to zero, and takes its host storage and deployment package through
// a managed identity, so no storage key is needed anywhere. The Linux Consumption plan (Y1) also runs isolated apps
// but is retired for new features and requires a storage connection string for its content share; Premium/Dedicated
// would bill around the clock. On Flex, FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not app settings:
// the runtime comes from functionAppConfig.runtime (name 'dotnet-isolated'), which the platform turns into
// FUNCTIONS_WORKER_RUNTIME=dotnet-isolated for the host.

@description('Required. Name of the function app.')
@minLength(2)
@maxLength(60)
param name string

@description('Required. Name of the Flex Consumption plan.')
@minLength(1)
@maxLength(60)
param planName string

@description('Optional. Location of the plan and the app.')
param location string = resourceGroup().location

@description('Optional. Tags of the plan.')
param tags object = {}

@description('Optional. Tags of the app (carry azd-service-name so `azd deploy` finds it).')
param appTags object = {}

@description('Required. Resource ID of the user-assigned identity of the app.')
param identityResourceId string

@description('Required. Blob container URL that holds the deployment package, e.g. https://st.blob.core.windows.net/app-package.')
param deploymentContainerUrl string

@description('Required. All application settings (name to value), host storage included. Values must be plain or Key Vault references, never keys or connection strings (APPLICATIONINSIGHTS_CONNECTION_STRING excepted). FUNCTIONS_WORKER_RUNTIME must not be set on Flex Consumption.')
param appSettings object

@description('Optional. .NET version of the isolated worker as the Flex Consumption stack lists it.')
param runtimeVersion string = '10.0'

@description('Optional. Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Optional. Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Concurrent HTTP requests per instance.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityResourceId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: runtimeVersion
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  // The app puts its own address in the callback URLs it hands to workers; only the site knows its host name.
  properties: union(appSettings, {
    Studio__PublicBaseUrl: 'https://${app.properties.defaultHostName}'
  })
}

// Publishing with basic (user/password) credentials is off: deployments go through Entra ID (azd, az, CI).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('The resource ID of the function app.')
output resourceId string = app.id

@description('The name of the function app.')
output name string = app.name

@description('The default host name of the function app.')
output defaultHostName string = app.properties.defaultHostName

@description('The HTTPS base URL of the function app.')
output uri string = 'https://${app.properties.defaultHostName}'
