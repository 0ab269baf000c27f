metadata name = 'Service Bus namespace'
metadata description = 'Service Bus namespace with SAS (local) authentication disabled and the job queues the function app sends to and the worker receives from.'

@description('Required. Name of the namespace.')
@minLength(6)
@maxLength(50)
param name string

@description('Optional. Location of the namespace.')
param location string = resourceGroup().location

@description('Optional. Tags of the namespace.')
param tags object = {}

@description('Optional. Pricing tier. Basic has no topics; Standard is enough for the job queues.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string = 'Standard'

@description('Required. Queues to create.')
@minLength(1)
param queues {
  @description('Required. Name of the queue.')
  name: string
  @description('Required. Peek-lock duration (ISO 8601, at most PT5M); the receiver renews the lock while a job runs.')
  lockDuration: string
  @description('Required. Deliveries before a message is dead-lettered.')
  @minValue(1)
  @maxValue(2000)
  maxDeliveryCount: int
  @description('Required. Time a message may wait before it expires into the dead-letter queue (ISO 8601).')
  defaultMessageTimeToLive: string
}[]

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    // Senders and receivers use Entra ID (Service Bus Data Sender/Receiver); no SAS keys exist to leak.
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource serviceBusQueues 'Microsoft.ServiceBus/namespaces/queues@2026-01-01' = [
  for queue in queues: {
    parent: namespace
    name: queue.name
    properties: {
      lockDuration: queue.lockDuration
      maxDeliveryCount: queue.maxDeliveryCount
      defaultMessageTimeToLive: queue.defaultMessageTimeToLive
      deadLetteringOnMessageExpiration: true
      requiresDuplicateDetection: false
      requiresSession: false
      enablePartitioning: false
      maxSizeInMegabytes: 1024
    }
  }
]

@description('The resource ID of the namespace.')
output resourceId string = namespace.id

@description('The name of the namespace.')
output name string = namespace.name

@description('The fully qualified namespace (ServiceBus__FullyQualifiedNamespace).')
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'

@description('The names of the queues.')
output queueNames string[] = [for (queue, i) in queues: serviceBusQueues[i].name]
