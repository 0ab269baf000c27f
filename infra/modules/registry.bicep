metadata name = 'Container registry'
metadata description = 'Azure Container Registry for the worker images; admin user and anonymous pull disabled (pulls use AcrPull on the worker identity).'

@description('Required. Name of the registry (5-50 letters and digits).')
@minLength(5)
@maxLength(50)
param name string

@description('Optional. Location of the registry.')
param location string = resourceGroup().location

@description('Optional. Tags of the registry.')
param tags object = {}

@description('Optional. Registry tier.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string = 'Basic'

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

@description('The resource ID of the registry.')
output resourceId string = registry.id

@description('The name of the registry.')
output name string = registry.name

@description('The login server, e.g. cr123.azurecr.io.')
output loginServer string = registry.properties.loginServer
