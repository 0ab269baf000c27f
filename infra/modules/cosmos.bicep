metadata name = 'Cosmos DB for NoSQL'
metadata description = 'Serverless Cosmos DB account with key (local) authentication disabled, one database and its containers.'

@description('Required. Name of the Cosmos DB account.')
@minLength(3)
@maxLength(44)
param name string

@description('Optional. Location of the account.')
param location string = resourceGroup().location

@description('Optional. Tags of the account.')
param tags object = {}

@description('Required. Name of the SQL (NoSQL) database.')
@minLength(1)
@maxLength(255)
param databaseName string

@description('Required. Containers to create, each with its partition key path.')
@minLength(1)
param containers {
  @description('Required. Name of the container.')
  name: string
  @description('Required. Partition key path, e.g. /userId.')
  partitionKeyPath: string
}[]

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    // Data-plane access only through Entra ID (Cosmos DB Built-in Data Contributor on our identities).
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = [
  for container in containers: {
    parent: database
    name: container.name
    properties: {
      resource: {
        id: container.name
        // Time to live on, no default: only documents that carry a ttl (webhook deliveries) expire.
        defaultTtl: -1
        partitionKey: {
          paths: [
            container.partitionKeyPath
          ]
          kind: 'Hash'
          version: 2
        }
        indexingPolicy: {
          indexingMode: 'consistent'
          automatic: true
          includedPaths: [
            {
              path: '/*'
            }
          ]
          excludedPaths: [
            {
              path: '/"_etag"/?'
            }
          ]
        }
      }
    }
  }
]

@description('The resource ID of the Cosmos DB account.')
output resourceId string = account.id

@description('The name of the Cosmos DB account.')
output name string = account.name

@description('The document endpoint (Cosmos__Endpoint).')
output endpoint string = account.properties.documentEndpoint

@description('The name of the database.')
output databaseName string = database.name
