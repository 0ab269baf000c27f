metadata name = 'Key Vault role assignments'
metadata description = 'Assigns built-in roles on a Key Vault to one managed identity. Names are guid(scope, principalId, roleDefinitionId), so re-deploying is idempotent.'

@description('Required. Name of the vault (the scope).')
param keyVaultName string

@description('Required. Principal (object) ID of the managed identity that receives the roles.')
@minLength(36)
@maxLength(36)
param principalId string

@description('Required. Built-in role definition IDs (GUIDs) to assign.')
@minLength(1)
param roleDefinitionIds string[]

resource vault 'Microsoft.KeyVault/vaults@2026-02-01' existing = {
  name: keyVaultName
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleDefinitionId in roleDefinitionIds: {
    name: guid(vault.id, principalId, subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId))
    scope: vault
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
    }
  }
]

@description('The resource IDs of the role assignments.')
output resourceIds string[] = [for (roleDefinitionId, i) in roleDefinitionIds: roleAssignments[i].id]
