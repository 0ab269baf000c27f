metadata name = 'Service Bus queue role assignments'
metadata description = 'Assigns built-in roles on one Service Bus queue to one managed identity. Names are guid(scope, principalId, roleDefinitionId), so re-deploying is idempotent.'

@description('Required. Name of the Service Bus namespace.')
param namespaceName string

@description('Required. Name of the queue (the scope).')
param queueName string

@description('Required. Principal (object) ID of the managed identity that receives the roles.')
@minLength(36)
@maxLength(36)
param principalId string

@description('Required. Built-in role definition IDs (GUIDs) to assign.')
@minLength(1)
param roleDefinitionIds string[]

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: namespaceName
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' existing = {
  parent: namespace
  name: queueName
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(queue.id, principalId, subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId))
    scope: queue
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]

@description('The resource IDs of the role assignments.')
output resourceIds string[] = [for (roleDefinitionId, i) in roleDefinitionIds: roleAssignments[i].id]
