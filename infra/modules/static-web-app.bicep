// The studio in the browser (functions/Serverless.Functions/Studio/wwwroot, static files with no build step) as an
// Azure Static Web App. Its /api/* requests go to the function app through a linked backend, so the studio calls
// /api/v1 on its own origin, as it does on the local runner. Linked backends need the Standard plan.

@description('Required. Name of the static web app.')
param name string

@description('Required. Location; Static Web Apps run in a few regions only.')
param location string

@description('Required. Tags; azd finds the app to deploy to by its azd-service-name tag.')
param tags object

@description('Required. Resource id of the function app that answers /api.')
param functionAppResourceId string

@description('Required. Location of the function app.')
param functionAppLocation string

resource site 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

resource api 'Microsoft.Web/staticSites/linkedBackends@2025-03-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionAppResourceId
    region: functionAppLocation
  }
}

@description('The studio\'s address.')
output uri string = 'https://${site.properties.defaultHostname}'

@description('The static web app\'s name.')
output name string = site.name
