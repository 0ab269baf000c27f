metadata name = 'Storage container role assignments'
metadata description = 'Assigns built-in roles on one blob container to one managed identity, so it reaches that container and no other. Names are guid(scope, principalId, roleDefinitionId), so re-deploying is idempotent.'

@description('Required. Name of the storage account that holds the container.')
param storageAccountName string

@description('Required. Name of the blob container (the scope).')
param containerName string

@description('Required. Principal (object) ID of the managed identity that receives the roles.')
@minLength(36)
@maxLength(36)
param principalId string

@description('Required. Built-in role definition IDs (GUIDs) to assign.')
@minLength(1)
param roleDefinitionIds string[]

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource container 'containers' existing = {
      name: containerName
    }
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(account::blobService::container.id, principalId, subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId))
    scope: account::blobService::container
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]

@description('The resource IDs of the role assignments.')
output resourceIds string[] = [for (roleDefinitionId, i) in roleDefinitionIds: roleAssignments[i].id]
