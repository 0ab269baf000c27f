metadata name = 'Cosmos DB data-plane role assignment'
metadata description = 'Assigns a Cosmos DB SQL data-plane role (by default the built-in Data Contributor) on the account to one managed identity.'

@description('Required. Name of the Cosmos DB account.')
param accountName string

@description('Required. Principal (object) ID of the managed identity that receives the role.')
@minLength(36)
@maxLength(36)
param principalId string

@description('Optional. SQL role definition ID; 00000000-0000-0000-0000-000000000002 is Cosmos DB Built-in Data Contributor.')
param roleDefinitionId string = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: accountName
}

resource sqlRoleAssignment 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: account
  name: guid(account.id, principalId, roleDefinitionId)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${roleDefinitionId}'
    scope: account.id
  }
}

@description('The resource ID of the role assignment.')
output resourceId string = sqlRoleAssignment.id
