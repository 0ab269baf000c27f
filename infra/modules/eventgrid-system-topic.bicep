metadata name = 'Event Grid system topic'
metadata description = 'System topic publishing the events of a storage account (blob created/deleted).'

@description('Required. Name of the system topic.')
@minLength(3)
@maxLength(128)
param name string

@description('Optional. Location of the topic (the storage account location).')
param location string = resourceGroup().location

@description('Optional. Tags of the topic.')
param tags object = {}

@description('Required. Name of the storage account whose events the topic publishes.')
param storageAccountName string

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

@description('The resource ID of the system topic.')
output resourceId string = topic.id

@description('The name of the system topic.')
output name string = topic.name
